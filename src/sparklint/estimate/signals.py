"""The observers that ride the engine's single walk: what the compute estimate weighs, and the
distributed operations that Spark readiness counts.

It records facts, not judgements: which frameworks a file imports and really calls, whether it
asks for a GPU, what data it reads (kind, format, literal path), whether its work is already
spread by Spark or a training launcher, and which task its model solves. `model.py` weighs them.
Every (signal, value) pair is noted once per file, at its first line, except input paths.

Limits: names are resolved through imports only, so a framework reached through a helper module
of the user's own is invisible; paths built at run time (f-strings, `os.path.join` of variables)
are not read; a GPU chosen by an environment variable or a launcher flag is not seen.
"""

from __future__ import annotations

import re

import libcst as cst

from sparklint.context import Context
from sparklint.estimate.answers import REMOTE
from sparklint.result import DataInput
from sparklint.values import PANDAS, RDD, READER, SESSION, SPARK, SPARK_ML, SPARK_PANDAS, SPARK_SMALL, WRITER

# Qualified-name prefix -> framework; the longest prefix wins (`pyspark.ml` before `pyspark`).
FRAMEWORKS = {
    "torch": "torch", "lightning": "torch", "pytorch_lightning": "torch", "accelerate": "torch",
    "deepspeed": "torch", "peft": "transformers", "timm": "torch", "tensorflow": "tensorflow",
    "keras": "tensorflow", "jax": "jax", "flax": "jax", "transformers": "transformers",
    "sentence_transformers": "transformers", "datasets": "hf-datasets", "torchvision": "torch",
    "ultralytics": "torch", "cv2": "vision", "PIL": "vision", "skimage": "vision", "imageio": "vision",
    "torchaudio": "audio", "librosa": "audio", "soundfile": "audio", "sklearn": "sklearn",
    "xgboost": "boosting", "lightgbm": "boosting", "catboost": "boosting", "statsmodels": "statsmodels",
    "prophet": "statsmodels", "pyspark": "pyspark", "pyspark.ml": "pyspark.ml", "pyspark.pandas": "pyspark.pandas",
    "databricks.koalas": "pyspark.pandas", "xgboost.spark": "pyspark.ml", "synapse.ml": "pyspark.ml",
    "pandas": "pandas", "numpy": "numpy", "polars": "polars", "cudf": "rapids", "cuml": "rapids",
    "cupy": "rapids", "dask": "dask", "ray": "ray", "nltk": "nlp", "spacy": "nlp", "gensim": "nlp",
    "tokenizers": "nlp", "pytesseract": "vision", "easyocr": "vision",
}

# Calls that spread work over a Spark cluster (or run it there), by qualified-name prefix.
DISTRIBUTED_CALLS = {
    "pyspark.ml.torch.distributor.TorchDistributor": "torch-distributor",
    "pyspark.ml.deepspeed": "torch-distributor",
    "horovod.spark": "horovod-spark",
    "sparkdl": "horovod-spark",
    "xgboost.spark": "xgboost-spark",
    "hyperopt.SparkTrials": "spark-trials",
    "pyspark.sql.functions.pandas_udf": "pandas-udf",
    "pyspark.sql.functions.udf": "pandas-udf",
    "pyspark.ml": "spark-ml",
    "synapse.ml": "spark-ml",
    "pyspark.pandas": "pandas-on-spark",
    "databricks.koalas": "pandas-on-spark",
}
SPARK_UDF_METHODS = frozenset({"applyInPandas", "mapInPandas", "mapInArrow", "applyInArrow"})
SESSION_WORK = frozenset({"sql", "table", "createDataFrame", "range"})  # session methods that start Spark work

# Launchers that spread training over several GPUs or nodes without Spark.
LAUNCHERS = {
    "torch.distributed.init_process_group": "ddp", "torch.nn.parallel.DistributedDataParallel": "ddp",
    "torch.nn.DataParallel": "ddp", "accelerate.Accelerator": "accelerate", "deepspeed.initialize": "deepspeed",
    "horovod.torch.init": "horovod", "horovod.tensorflow.init": "horovod", "horovod.keras.init": "horovod",
    "tensorflow.distribute.MirroredStrategy": "tf-strategy",
    "tensorflow.distribute.MultiWorkerMirroredStrategy": "multi-node",
    "ray.train": "multi-node", "dask.distributed.Client": "multi-node",
}

# Classes whose instances are models that a single-node library fits in memory.
CLASSIC_MODEL = re.compile(
    r"^(sklearn\.(ensemble|linear_model|svm|tree|neighbors|naive_bayes|cluster|neural_network|gaussian_process"
    r"|discriminant_analysis|mixture|model_selection\.(GridSearchCV|RandomizedSearchCV))\.[A-Z]\w*"
    r"|(xgboost|lightgbm|catboost)\.(\w+\.)?([A-Z]\w*|train|cv)"
    r"|statsmodels\..*\.([A-Z]\w*|ols|logit|glm)|prophet\.Prophet)$"
)
DEEP_MODEL_BASES = re.compile(r"^(torch\.nn\.Module|keras\.(Model|Sequential)|tensorflow\.keras\.Model"
                              r"|(pytorch_)?lightning(\.pytorch)?\.LightningModule|flax\.linen\.Module)$")
DEEP_MODEL_CALLS = re.compile(
    r"^(keras\.(Sequential|Model|applications\..*)|tensorflow\.keras\.(Sequential|Model)"
    r"|transformers\.\w*(Model|ForCausalLM|For\w+)\w*\.from_pretrained|torchvision\.models\..*|timm\.create_model"
    r"|ultralytics\.YOLO|sentence_transformers\.SentenceTransformer)$"
)

# Readers: qualified name or method -> (engine, format); the first argument is the path.
READERS = {
    "pandas.read_csv": ("pandas", "csv"), "pandas.read_parquet": ("pandas", "parquet"),
    "pandas.read_json": ("pandas", "json"), "pandas.read_excel": ("pandas", "excel"),
    "pandas.read_feather": ("pandas", "feather"), "pandas.read_pickle": ("pandas", "pickle"),
    "pandas.read_table": ("pandas", "csv"), "pandas.read_orc": ("pandas", "orc"),
    "pandas.read_hdf": ("pandas", "hdf"), "pandas.read_sas": ("pandas", "sas"),
    "polars.read_csv": ("polars", "csv"), "polars.read_parquet": ("polars", "parquet"),
    "polars.scan_parquet": ("polars-lazy", "parquet"), "polars.scan_csv": ("polars-lazy", "csv"),
    "numpy.load": ("numpy", "npy"), "numpy.loadtxt": ("numpy", "csv"), "numpy.genfromtxt": ("numpy", "csv"),
    "numpy.fromfile": ("numpy", "npy"), "pyspark.pandas.read_csv": ("spark", "csv"),
    "pyspark.pandas.read_parquet": ("spark", "parquet"), "pyspark.pandas.read_delta": ("spark", "delta"),
    "pyspark.pandas.read_table": ("spark", "delta"), "open": ("python", ""), "io.open": ("python", ""),
    "PIL.Image.open": ("images", "image"), "cv2.imread": ("images", "image"),
    "torchvision.datasets.ImageFolder": ("images", "image"), "torchaudio.load": ("audio", "audio"),
    "librosa.load": ("audio", "audio"), "soundfile.read": ("audio", "audio"),
    "datasets.load_dataset": ("hf-datasets", ""), "torch.load": ("torch", "tensor"),
    "keras.utils.image_dataset_from_directory": ("images", "image"),
    "tensorflow.keras.utils.image_dataset_from_directory": ("images", "image"),
    "dask.dataframe.read_csv": ("dask", "csv"), "dask.dataframe.read_parquet": ("dask", "parquet"),
    "cudf.read_csv": ("rapids", "csv"), "cudf.read_parquet": ("rapids", "parquet"),
}
SPARK_READ_METHODS = {"csv": "csv", "parquet": "parquet", "json": "json", "orc": "orc", "text": "text",
                      "load": "", "table": "delta", "delta": "delta", "textFile": "text",
                      "wholeTextFiles": "text", "binaryFiles": "binary"}

FORMAT_BY_SUFFIX = {
    ".csv": "csv", ".tsv": "csv", ".txt": "text", ".parquet": "parquet", ".pq": "parquet", ".json": "json",
    ".jsonl": "json", ".xlsx": "excel", ".xls": "excel", ".feather": "feather", ".arrow": "feather",
    ".pkl": "pickle", ".pickle": "pickle", ".npy": "npy", ".npz": "npy", ".h5": "hdf", ".hdf5": "hdf",
    ".orc": "orc", ".avro": "avro", ".delta": "delta", ".jpg": "image", ".jpeg": "image", ".png": "image",
    ".bmp": "image", ".tif": "image", ".tiff": "image", ".dcm": "image", ".wav": "audio", ".mp3": "audio",
    ".flac": "audio", ".ogg": "audio", ".mp4": "video", ".avi": "video", ".pt": "tensor", ".pth": "tensor",
}
MODALITY_BY_FORMAT = {"image": "image", "video": "image", "audio": "audio", "text": "text", "csv": "tabular",
                      "parquet": "tabular", "json": "tabular", "excel": "tabular", "feather": "tabular",
                      "orc": "tabular", "avro": "tabular", "delta": "tabular", "sas": "tabular", "hdf": "array",
                      "npy": "array"}
MODALITY_CALLS = {  # qualified-name prefix -> what kind of data the call implies
    "torchvision.transforms": "image", "torchvision.datasets": "image", "PIL.Image": "image", "cv2": "image",
    "skimage": "image", "keras.preprocessing.image": "image", "timm": "image",
    "ultralytics": "image", "torchaudio": "audio", "librosa": "audio", "soundfile": "audio",
    "transformers.AutoTokenizer": "text", "transformers.AutoProcessor": "", "tokenizers": "text",
    "sklearn.feature_extraction.text": "text", "nltk": "text", "spacy": "text", "gensim": "text",
    "keras.layers.Embedding": "text", "keras.layers.TextVectorization": "text", "torch.nn.Embedding": "text",
    "sentence_transformers": "text", "pytesseract": "image", "easyocr": "image",
}

# Tasks a prebuilt AI service solves, found in calls and in the strings that name models or pipelines.
TASK_CALLS = {
    "pytesseract": "ocr", "easyocr": "ocr", "transformers.TrOCRProcessor": "ocr",
    "transformers.VisionEncoderDecoderModel": "ocr", "transformers.MarianMTModel": "translation",
    "transformers.MarianTokenizer": "translation", "ultralytics.YOLO": "object-detection",
    "torchvision.models.detection": "object-detection", "transformers.DetrForObjectDetection": "object-detection",
}
TASK_STRINGS = (
    (re.compile(r"trocr|\bocr\b", re.I), "ocr"),
    (re.compile(r"^translation|opus-mt|\bt5-.*translat|nllb|m2m100", re.I), "translation"),
    (re.compile(r"object-detection|yolo|detr-|fasterrcnn", re.I), "object-detection"),
    (re.compile(r"sentiment|\bsst-?2\b|^imdb$|^yelp_polarity$|^amazon_polarity$|tweet_eval", re.I), "sentiment"),
)
REDUCING = re.compile(r"\.(groupBy|groupby|agg|limit|sample|summary|describe|distinct)\(")


# Spark readiness: a call on one of these is a distributed operation, unless it pulls data back.
DISTRIBUTED_KINDS = frozenset({SESSION, READER, WRITER, SPARK, SPARK_SMALL, RDD, SPARK_ML, SPARK_PANDAS})
DRIVER_PULLS = frozenset({"toPandas", "collect", "take", "head", "tail", "toLocalIterator", "to_pandas",
                          "collectAsMap", "first", "count", "show", "printSchema", "isEmpty"})


class DistributedOperations:
    """Observer: counts calls on Spark objects (`result.readiness` weighs them against the findings).

    A session's readers and SQL, DataFrame and RDD transformations and actions, writers, pyspark.ml
    stages and pyspark.pandas frames count; reader and writer options (`.option`, `.mode`) are part
    of the read or write they configure, and pulls are findings, so neither counts here.
    """

    def visit_Call(self, node: cst.Call, ctx: Context) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute) or func.attr.value in DRIVER_PULLS:
            return
        receiver = ctx.kind_of(func.value)
        if receiver not in DISTRIBUTED_KINDS or ctx.scopes_run_on_executors():
            return
        if ctx.values.member_kind(receiver, func.attr.value) not in (READER, WRITER):  # options are not operations
            ctx.count("distributed")


class ComputeSignals:
    """Observer: `visit_<Node>(node, ctx)` handlers that call `ctx.signal(name, value, node)`."""

    modules = tuple(sorted({name.split(".")[0] for name in FRAMEWORKS} | {"hyperopt", "horovod", "sparkdl"}))

    def __init__(self) -> None:
        self._seen: set[tuple[str, str | DataInput]] = set()
        self._in_import = False

    def _note(self, ctx: Context, name: str, value: str | DataInput, node: cst.CSTNode, once: bool = True) -> None:
        if once and (name, value) in self._seen:
            return
        self._seen.add((name, value))
        ctx.signal(name, value, node)

    def visit_Module(self, node: cst.Module, ctx: Context) -> None:
        self._seen = set()
        self._in_import = False

    # --- imports and use -------------------------------------------------------------------

    def visit_Import(self, node: cst.Import, ctx: Context) -> None:
        self._in_import = True  # `import torch.nn as nn` names torch; it does not use it
        for alias in node.names:
            self._framework(ctx, "import", cst.helpers.get_full_name_for_node(alias.name) or "", node)

    def leave_Import(self, node: cst.Import, ctx: Context) -> None:
        self._in_import = False

    def leave_ImportFrom(self, node: cst.ImportFrom, ctx: Context) -> None:
        self._in_import = False

    def visit_ImportFrom(self, node: cst.ImportFrom, ctx: Context) -> None:
        self._in_import = True
        if node.relative or node.module is None:
            return
        module = cst.helpers.get_full_name_for_node(node.module) or ""
        names = [] if isinstance(node.names, cst.ImportStar) else [
            cst.helpers.get_full_name_for_node(a.name) or "" for a in node.names]
        for name in names or [""]:
            self._framework(ctx, "import", f"{module}.{name}".rstrip("."), node)

    def _framework(self, ctx: Context, signal: str, qualified: str, node: cst.CSTNode) -> str | None:
        framework = _longest_prefix(qualified, FRAMEWORKS)
        if framework is not None:
            self._note(ctx, signal, framework, node)
        return framework

    def visit_Attribute(self, node: cst.Attribute, ctx: Context) -> None:
        qualified = None if self._in_import or node.attr.value.startswith("__") else ctx.qualify(node)
        if qualified is not None and "." in qualified:  # `pd.__version__` does not use pandas
            self._framework(ctx, "use", qualified, node)

    def visit_ClassDef(self, node: cst.ClassDef, ctx: Context) -> None:
        for base in node.bases:
            if DEEP_MODEL_BASES.match(ctx.qualify(base.value) or ""):
                self._note(ctx, "model", "deep", node)

    def visit_Decorator(self, node: cst.Decorator, ctx: Context) -> None:
        target = node.decorator.func if isinstance(node.decorator, cst.Call) else node.decorator
        if (ctx.qualify(target) or "") in ("pyspark.sql.functions.pandas_udf", "pyspark.sql.functions.udf"):
            self._note(ctx, "distributed", "pandas-udf", node)

    # --- calls -----------------------------------------------------------------------------

    def visit_Call(self, node: cst.Call, ctx: Context) -> None:
        qualified = ctx.qualify(node.func) or (node.func.value if isinstance(node.func, cst.Name) else "")
        if qualified:
            self._framework(ctx, "use", qualified, node)
            self._qualified_call(node, qualified, ctx)
        if isinstance(node.func, cst.Attribute):
            self._method_call(node, node.func.attr.value, ctx)
        self._keywords(node, ctx)

    def _qualified_call(self, node: cst.Call, qualified: str, ctx: Context) -> None:
        if CLASSIC_MODEL.match(qualified) and not qualified.startswith(("xgboost.spark", "sklearn.model_selection.train")):
            self._note(ctx, "model", "classic", node)
        if DEEP_MODEL_CALLS.match(qualified):
            self._note(ctx, "model", "deep", node)
        for table, signal in ((DISTRIBUTED_CALLS, "distributed"), (LAUNCHERS, "launcher"),
                              (MODALITY_CALLS, "data"), (TASK_CALLS, "task")):
            value = _longest_prefix(qualified, table)
            if value:
                self._note(ctx, signal, value, node)
        if qualified in ("torch.device", "torch.cuda.is_available", "tensorflow.config.list_physical_devices"):
            self._note(ctx, "device", "gpu-check", node)
        if qualified == "transformers.pipeline" and node.args:
            self._task_string(ctx, _literal(node.args[0].value), node)
        if qualified in READERS:
            engine, fmt = READERS[qualified]
            self._input(ctx, engine, fmt, node)
            if any(a.keyword is not None and a.keyword.value in ("chunksize", "iterator") for a in node.args):
                self._note(ctx, "chunked", engine, node)

    def _method_call(self, node: cst.Call, method: str, ctx: Context) -> None:
        receiver = node.func.value  # type: ignore[attr-defined]
        kind = ctx.kind_of(receiver)
        if method == "cuda" or (method == "to" and node.args and _is_gpu(_literal(node.args[0].value))):
            self._note(ctx, "device", "gpu", node)
        if kind in (SPARK, SPARK_SMALL, READER) or method in SESSION_WORK and (kind == SESSION or _is_spark_name(receiver)):
            self._note(ctx, "distributed", "spark-dataframe", node)
        if kind == READER and method in SPARK_READ_METHODS:
            self._input(ctx, "spark", SPARK_READ_METHODS[method], node)
        if kind is None and method == "textFile":
            self._input(ctx, "spark", "text", node)
        if method in SPARK_UDF_METHODS:
            self._note(ctx, "distributed", "pandas-udf", node)
        if kind == SPARK and method in ("cache", "persist"):
            self._note(ctx, "cache", "spark", node)
        if kind == SPARK_PANDAS:
            self._note(ctx, "distributed", "pandas-on-spark", node)
        if method in ("toPandas", "collect", "toLocalIterator") and kind in (SPARK, None) and (
                kind == SPARK or "pyspark" in ctx.imports.modules):
            chain = ctx.code(receiver)
            self._note(ctx, "driver-pull", "reduced" if REDUCING.search(chain) else "full", node)
        if method in ("from_pretrained",) and node.args:
            self._task_string(ctx, _literal(node.args[0].value), node)
        if kind == PANDAS and method == "sample":
            self._note(ctx, "sampled", "pandas", node)

    def visit_Dict(self, node: cst.Dict, ctx: Context) -> None:
        """Training parameters often travel in a dict: `lgb.train({"device": "gpu"}, ...)`."""
        for element in node.elements:
            if isinstance(element, cst.DictElement) and (key := _literal(element.key)) is not None:
                self._setting(key, element.value, node, ctx)

    def _keywords(self, node: cst.Call, ctx: Context) -> None:
        for arg in node.args:
            if arg.keyword is not None:
                self._setting(arg.keyword.value, arg.value, node, ctx)

    def _setting(self, key: str, given: cst.BaseExpression, node: cst.CSTNode, ctx: Context) -> None:
        """One `key=value` setting of a call or a parameter dict: devices, launchers, SparkTrials."""
        value = _literal(given)
        if key in ("device", "device_type", "device_map", "accelerator") and value is not None:
            gpu = _is_gpu(value) or value.lower() == "gpu" or value.isdigit() or value == "auto" and key == "device_map"
            if gpu or value == "cpu":
                self._note(ctx, "device", "gpu" if gpu else "cpu", node)
        elif key == "tree_method" and value == "gpu_hist" or key == "task_type" and value == "GPU":
            self._note(ctx, "device", "gpu", node)
        elif key in ("gpus", "num_gpus") and value not in (None, "0"):
            self._note(ctx, "device", "gpu", node)
        elif key == "use_gpu" and ctx.code(given) == "True":
            self._note(ctx, "device", "gpu", node)
        elif key == "num_nodes" and value is not None and value.isdigit() and int(value) > 1:
            self._note(ctx, "launcher", "multi-node", node)
        elif key == "strategy" and value is not None and "ddp" in value:
            self._note(ctx, "launcher", "ddp", node)
        elif key == "trials" and "SparkTrials" in ctx.code(given):
            self._note(ctx, "distributed", "spark-trials", node)

    def _input(self, ctx: Context, engine: str, fmt: str, node: cst.Call) -> None:
        path = next((_literal(a.value) for a in node.args if a.keyword is None or a.keyword.value in (
            "path", "filepath_or_buffer", "fp", "file", "root", "directory", "paths")), None)
        if path is None:
            if MODALITY_BY_FORMAT.get(fmt):
                self._note(ctx, "data", MODALITY_BY_FORMAT[fmt], node)
            return
        if engine == "hf-datasets":
            self._task_string(ctx, path, node)
            return
        fmt = fmt or _format_of(path)
        if REMOTE.match(path):
            self._note(ctx, "remote", path.split(":")[0] if ":" in path else path.strip("/").split("/")[0], node)
        modality = MODALITY_BY_FORMAT.get(fmt)
        if modality:
            self._note(ctx, "data", modality, node)
        self._note(ctx, "input", DataInput(engine, fmt, path), node, once=False)

    def _task_string(self, ctx: Context, text: str | None, node: cst.CSTNode) -> None:
        for pattern, task in TASK_STRINGS:
            if text and pattern.search(text):
                self._note(ctx, "task", task, node)

    # --- strings anywhere ------------------------------------------------------------------

    def visit_SimpleString(self, node: cst.SimpleString, ctx: Context) -> None:
        text = _literal(node)
        if text is None or len(text) > 200:
            return
        if _is_gpu(text):
            self._note(ctx, "device", "gpu", node)
        fmt = _format_of(text)
        if fmt in ("image", "audio", "video"):
            self._note(ctx, "data", MODALITY_BY_FORMAT[fmt], node)


def _longest_prefix(qualified: str, table: dict[str, str]) -> str | None:
    """The value of the longest dotted prefix of a name the table holds. Asked of every call and attribute of
    every file, with a few tables: each answer is kept for the process (`_PREFIXES`)."""
    key = (id(table), qualified)
    if key not in _PREFIXES:
        parts = qualified.split(".")
        _PREFIXES[key] = next((found for end in range(len(parts), 0, -1)
                               if (found := table.get(".".join(parts[:end]))) is not None), None)
    return _PREFIXES[key]


_PREFIXES: dict[tuple[int, str], str | None] = {}  # (the table's id, a qualified name) -> `_longest_prefix`'s answer


def _literal(node: cst.BaseExpression) -> str | None:
    """The value of a plain string or number literal, else None (f-strings and names are not read)."""
    if isinstance(node, cst.SimpleString):
        prefix = node.prefix.lower()
        if "b" not in prefix and ("\\" not in node.value or "r" in prefix):
            return node.raw_value  # nothing to unescape: no need for Python's parser
        try:
            value = node.evaluated_value
        except Exception:  # noqa: BLE001 - odd prefixes; the literal is simply not used
            return None
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Integer):
        return node.value
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value
    return None


def _is_gpu(text: str | None) -> bool:
    """A device string that places work on a GPU (`"cuda"`, `"cuda:1"`, TensorFlow's `"/GPU:0"`)."""
    return text is not None and (text == "cuda" or text.startswith(("cuda:", "/gpu:", "/GPU:")))


def _is_spark_name(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "spark"


def _format_of(path: str) -> str:
    if "." not in path:  # every suffix has a dot; most strings in a file are not paths
        return ""
    lowered = path.lower().rstrip("/")
    for suffix, fmt in FORMAT_BY_SUFFIX.items():
        if lowered.endswith(suffix) or f"*{suffix}" in lowered:
            return fmt
    return ""
