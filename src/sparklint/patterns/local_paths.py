"""Paths the driver can open but the executors cannot see.

Spark reads and writes a path from every executor, so a path on the driver's own disk
(`/home/me/data.csv`, `C:\\data`, `file:///...`) is either missing on the workers or silently
different there. Cloud storage, DBFS, Unity Catalog volumes and a Fabric lakehouse are visible to
all of them. What a path means depends on the platform the user targets (`--target
spark|databricks|fabric`, read from `ctx.target`): a scheme-less path is looked up in the
cluster's default file system, which is DBFS on Databricks and the lakehouse on Fabric, and with a
`local[...]` master every path is on the one machine that runs everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import libcst as cst

from sparklint.context import RuleContext
from sparklint.patterns import Pattern
from sparklint.patterns.shapes import assigned_names, method_call, string_literal
from sparklint.rule import Rule
from sparklint.tree import argument
from sparklint.values import (
    DRIVER_FOLDER,
    JOINS,
    PANDAS,
    PANDAS_SMALL,
    RDD,
    READER,
    SPARK_CONTEXT,
    SPARK_PANDAS,
    WRITER,
)

# Storage every executor can read: schemes, FUSE mounts of cluster storage, Fabric lakehouse folders.
CLUSTER_PREFIXES = ("dbfs:", "/dbfs/", "/Volumes/", "Files/", "Tables/", "/lakehouse/")
WORKING_FOLDERS = frozenset({"os.getcwd", "pathlib.Path.cwd"})  # the folder a relative path starts from: "."
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
HOME = re.compile(r"^/?(?:~|home/[^/]+|Users/[^/]+|root)(?:/|$)")
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
STORAGE = {
    "spark": "abfss://<container>@<account>.dfs.core.windows.net/{}",
    "databricks": "/Volumes/<catalog>/<schema>/<volume>/{}",
    "fabric": "Files/{}",
}
# Where Python on the driver writes so that Spark's executors can read it (FUSE mounts of shared storage).
DRIVER_MOUNTS = {
    "databricks": "/Volumes/<catalog>/<schema>/<volume>/{}",
    "fabric": "/lakehouse/default/Files/{}",
}
DOWNLOADS = {"urllib.request.urlretrieve": "filename", "wget.download": "out"}
# Calls that copy a local file or folder to shared storage (`Dataset.File.upload_directory`, `dbutils.fs.cp`): a
# download handed to one is staged on the driver's disk on its way there.
COPIES_TO_STORAGE = re.compile(r"(?:^|\.)upload\w*$|^(?:dbutils|mssparkutils|notebookutils)\.fs\.(?:cp|mv|put)$")
# A model's weights or an archive named for one: loaded or registered on the driver, never a data set to read.
MODEL_FILE = re.compile(r"(?i)\.(?:pt|pth|pkl|pickle|joblib|onnx|h5|hdf5|keras|ckpt|safetensors|pb|bin|tflite)$"
                        r"|(?:model|weights|checkpoint|pretrained)[^/]*\.(?:tar\.gz|tgz|tar|zip)$")
# One picture: a chart's background or an example to show or score, never a data set (those come as archives or folders).
PICTURE_FILE = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|bmp|webp)$")
GLOBS = frozenset({"glob.glob", "glob.iglob"})
# What a scheme-less absolute path names when Spark reads it, per target.
DEFAULT_FS = {"spark": "the cluster's default file system (HDFS)", "databricks": "DBFS (`dbfs:{}`)",
              "fabric": "the default lakehouse"}
# Python on the driver writing a file by path: pandas writers (on a pandas frame) and NumPy's.
PANDAS_WRITES = frozenset({"to_csv", "to_parquet", "to_json", "to_orc", "to_excel", "to_pickle"})
NUMPY_WRITES = frozenset({"numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.savetxt"})
# Where Spark looks for a relative path, per target: never the folder the script runs in.
RELATIVE_ROOT = {
    "spark": "the cluster's default file system (the user's HDFS home folder on YARN)",
    "databricks": "the DBFS root (`dbfs:/{}`)",
    "fabric": "the default lakehouse's root, outside its `Files/` folder",
}
# `.master("local[2]")`, `setMaster("local")`, `SparkContext("local[*]", ...)`, `.config("spark.master", "local")`:
# driver and executors are one machine.
LOCAL_MASTER = re.compile(r"""(?:(?:\.master|\.setMaster|SparkContext)\(\s*(?:master\s*=\s*)?|['"]spark\.master['"]\s*,\s*)"""
                          r"""[rbuRBU]?['"]local\b""")
# Extensions of files that hold data rows, and the Spark reader for each.
DATA_READERS = {"csv": "csv", "tsv": "csv", "psv": "csv", "jsonl": "json", "ndjson": "json", "parquet": "parquet",
                "dat": "text"}

SPARK_READS = frozenset({"load", "csv", "parquet", "json", "orc", "text", "xml", "delta", "avro"})
SPARK_WRITES = frozenset({"save", "csv", "parquet", "json", "orc", "text", "xml", "delta"})
CONTEXT_READS = frozenset({"textFile", "wholeTextFiles", "binaryFiles", "sequenceFile", "pickleFile"})
RDD_WRITES = frozenset({"saveAsTextFile", "saveAsPickleFile"})
PANDAS_ON_SPARK_WRITES = frozenset({"to_csv", "to_parquet", "to_json", "to_orc", "to_delta"})
PANDAS_ON_SPARK_READS = frozenset({f"pyspark.pandas.read_{f}" for f in ("csv", "parquet", "json", "orc", "delta")})
UNPACKERS = frozenset({"tarfile.open", "zipfile.ZipFile", "shutil.unpack_archive", "gzip.open", "bz2.open"})
ARCHIVE = re.compile(r"\.(?:tgz|tar(?:\.gz|\.bz2|\.xz)?|zip|7z|rar)$", re.IGNORECASE)  # files Spark cannot read
FOLDER_OF = frozenset({"os.path.dirname", "os.path.abspath", "os.path.realpath"})  # a path's folder, or itself in full
# `Path` methods that give a path in the same folder or under it (`Path(f).with_name("x")`, `base.joinpath("x")`).
PATH_STEPS = frozenset({"with_name", "with_suffix", "joinpath", "resolve", "absolute", "expanduser"})


def within(path: str, folder: str) -> bool:
    """Whether a path is a folder's file (or under it), or the folder itself: `data/x.csv` is within `./data`."""
    path, folder = (p.removeprefix("./").rstrip("/") for p in (path, folder))
    return (path + "/").startswith(folder + "/")


def is_local(path: str) -> bool:
    """Whether a path names the driver's own disk rather than storage the cluster shares.

    A scheme-less absolute path (`/data/x`, `/mnt/x`) resolves against the cluster's default
    file system (HDFS, DBFS), so only home folders, Windows drives, `~`, `./`, `file:` and
    relative paths that look like files count as local.
    """
    path = path.strip()
    if not path or path.startswith(CLUSTER_PREFIXES):
        return False
    if path.lower().startswith("file:"):
        return True
    if SCHEME.match(path):
        return False
    if WINDOWS_DRIVE.match(path) or HOME.match(path) or path.startswith(("./", "../", ".\\", "..\\")):
        return True
    if path.startswith(("/", "\\")):
        return False
    return "/" in path or "\\" in path or bool(EXTENSION.search(path))


def unseen_by_cluster(path: str, target: str) -> str | None:
    """Why Spark on `target` does not read or write the file the user means, None when it does.

    Databricks and Fabric resolve a scheme-less absolute path (`/Users/me/x.csv`) in their default
    file system (DBFS, the lakehouse), which every executor shares, so only a home folder under
    plain Spark is the driver's disk; a relative path never means the script's folder.
    """
    path = path.strip()
    if not is_local(path):
        return None
    if path.lower().startswith("file:"):
        return "a `file:` path, which each executor looks up on its own disk, where the driver's file is not"
    if WINDOWS_DRIVE.match(path):
        return "a Windows path on the machine that ran the script, which no cluster node can see"
    if path.startswith("~"):
        return "a path starting with `~`, which Spark does not expand to a home folder"
    if path.startswith(("/", "\\")):
        if target in ("databricks", "fabric"):
            return None
        return "a home folder on the driver's local disk, which the executors cannot see"
    tail = re.sub(r"^(?:\.{1,2}[\\/])+", "", path).replace("\\", "/")
    root = RELATIVE_ROOT.get(target, RELATIVE_ROOT["spark"]).format(tail)
    return f"a relative path, which Spark resolves against {root}, not the folder the script runs in"


def for_spark(path: str, target: str, code: str, action: str = "read") -> str | None:
    """How Spark must name a file that Python on the driver reads or writes by `path` (a pandas reader's or writer's
    argument), None when Spark means the same file: with a `local[...]` master in `code`, or a path the cluster sees."""
    where = unseen_by_cluster(path, target) or on_driver_disk(path, target)
    if where is None or '"' in path or LOCAL_MASTER.search(code):
        return None
    return _elsewhere(path, in_storage(path, target), where, action)


def in_driver_folder(node: cst.BaseExpression, ctx: RuleContext, action: str = "read") -> str | None:
    """How Spark must name a file whose path the code builds from a folder on the driver's own disk (`tempfile`'s,
    the working folder, a home, the script's own: `os.path.join(tempfile.mkdtemp(), "x.csv")`), whatever text that
    folder turns out to be; None for any other path, or with a `local[...]` master."""
    root, followed = node, set()
    names: list[cst.BaseExpression] = []  # the parts joined to the folder, the path's last first
    while True:
        if isinstance(root, cst.Name) and root.value not in followed and ctx.kind_of(root) != DRIVER_FOLDER \
                and ctx.flows.bound.get(root.value):  # `result = os.path.join(folder, "x.csv")`, read by name
            followed.add(root.value)
            root = ctx.flows.bound[root.value][-1]
        elif isinstance(root, cst.Call) and len(root.args) == 1 and (
                ctx.qualify(root.func) == "os.fspath" or isinstance(root.func, cst.Name) and root.func.value == "str"):
            root = root.args[0].value  # `str(folder / "x.csv")`: the path as text
        elif isinstance(root, cst.Call) and root.args and ctx.qualify(root.func) in JOINS | FOLDER_OF:
            names += reversed([a.value for a in root.args[1:]])
            root = root.args[0].value
        elif isinstance(root, cst.BinaryOperation) and isinstance(root.operator, (cst.Add, cst.Divide)):
            names.append(root.right)
            root = root.left
        elif isinstance(root, cst.FormattedString) and root.parts and isinstance(
                root.parts[0], cst.FormattedStringExpression):
            names += reversed([cst.SimpleString(repr(p.value)) for p in root.parts if isinstance(p, cst.FormattedStringText)])
            root = root.parts[0].expression
        elif isinstance(root, cst.Attribute) and root.attr.value in ("parent", "name"):  # Path(__file__).parent, tmp.name
            root = root.value
        elif isinstance(root, cst.Call) and isinstance(root.func, cst.Attribute) and root.func.attr.value in PATH_STEPS:
            names += reversed([a.value for a in root.args])
            root = root.func.value
        else:
            break
    script = isinstance(root, cst.Name) and root.value == "__file__"
    if not script and ctx.kind_of(root) != DRIVER_FOLDER or LOCAL_MASTER.search(ctx.source.code):
        return None
    named = next((text.strip("/") for text in map(string_literal, names) if text), None)  # its last part
    shown = named or (f"the file at {node.value}" if isinstance(node, cst.Name) else "the file")
    folder = "the script's own folder" if script else "a folder"
    where = f"the code puts it in {folder} on the driver's own disk, which the executors cannot see"
    return _elsewhere(shown, in_storage(named.split("/")[-1] if named else "", ctx.target), where, action)


def _elsewhere(path: str, storage: str, where: str, action: str) -> str:
    """Words in place of a path Spark would look for elsewhere: where the file must be, and why."""
    if action == "write":
        return f'"<storage the cluster writes, such as {storage}, in place of {path}: {where}>"'
    return f'"<{path} copied to storage the cluster reads, such as {storage}: {where}>"'


def on_driver_disk(path: str, target: str) -> str | None:
    """Why Spark misses a file that Python on the driver names by a scheme-less absolute path outside the mounts of
    shared storage (`/tmp/x.csv`): Python finds it on the driver's own disk, Spark in the cluster's default file
    system, None for any other path, or one whose known beginning (before `…`) may still be such a mount."""
    path = path.strip()
    known = path.split("…")[0]
    if not known.startswith("/") or any(known.startswith(mount) or mount.startswith(known)
                                        for mount in CLUSTER_PREFIXES if mount.startswith("/")):
        return None
    mounted = f"; if every node mounts {path}, name it file://{path}" if target not in DRIVER_MOUNTS else ""
    return f"Python finds it on the driver's own disk, while Spark looks for it in {default_fs(path, target)}{mounted}"


def default_fs(path: str, target: str) -> str:
    """Where Spark on `target` looks for a scheme-less absolute path."""
    return DEFAULT_FS.get(target, DEFAULT_FS["spark"]).format(path)


def data_reader(path: str) -> str | None:
    """The Spark reader for a file of data rows (`csv` for `train.tsv`), None for other files."""
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return DATA_READERS.get(extension)


def in_storage(path: str, target: str) -> str:
    """The same file under the target platform's shared storage: `data/train.csv` → `Files/data/train.csv`."""
    tail = re.sub(r"^file:(//)?", "", path.strip(), flags=re.IGNORECASE)
    tail = WINDOWS_DRIVE.sub("", tail).replace("\\", "/")
    tail = HOME.sub("", tail)
    tail = re.sub(r"^(?:\.{1,2}/)+", "", tail).lstrip("/")
    return STORAGE.get(target, STORAGE["spark"]).format(tail or "...")


class _PathPattern(Pattern):
    """Follows string constants (`DATA = "data/train.csv"`) so a path passed by name is still seen."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.constants: dict[str, str] = {}

    def visit_Assign(self, node: cst.Assign, ctx: RuleContext) -> None:
        text = self.text(node.value, ctx)
        for name in assigned_names(node):
            if text is None or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
                self.constants.pop(name, None)
            else:
                self.constants[name] = text

    def text(self, node: cst.BaseExpression | None, ctx: RuleContext) -> str | None:
        """The path an expression spells, or its known beginning (`f"data/{name}.csv"`, `"data/{}.csv".format(name)`
        → `data/`)."""
        literal = string_literal(node)
        if literal is not None:
            return literal
        if isinstance(node, cst.Name):
            return self.constants.get(node.value)
        if isinstance(node, cst.FormattedString):
            prefix = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    piece: str | None = part.value
                elif isinstance(part, cst.FormattedStringExpression):
                    piece = self.text(part.expression, ctx)
                else:
                    piece = None
                if piece is None:
                    break
                prefix += piece
            return prefix or None
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Divide)):
            left = self.text(node.left, ctx)
            if left is None:
                return None
            joint = "/" if isinstance(node.operator, cst.Divide) else ""
            return left + joint + (self.text(node.right, ctx) or "")
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format" \
                and (template := string_literal(node.func.value)) is not None:
            return template.split("{", 1)[0] or None  # `"runs/{}".format(tag)` → `runs/`
        if isinstance(node, cst.Call) and not node.args and ctx.qualify(node.func) in WORKING_FOLDERS:
            return "."  # `os.path.join(os.getcwd(), "data")` is `./data`
        if isinstance(node, cst.Call) and node.args and ctx.qualify(node.func) in JOINS:
            parts = [self.text(a.value, ctx) for a in node.args]
            known = parts[: parts.index(None)] if None in parts else parts
            return "/".join(known) or None  # type: ignore[arg-type]
        return None

    def texts(self, node: cst.BaseExpression | None, ctx: RuleContext) -> Iterator[str]:
        """The known paths of an argument, or of each element of a list or tuple of them."""
        values = [e.value for e in node.elements] if isinstance(node, (cst.List, cst.Tuple)) else [node]
        for value in values:
            text = self.text(value, ctx)
            if text is not None:
                yield text

    def fill(self, path: str, ctx: RuleContext) -> dict[str, str]:
        return {"path": path, "storage": in_storage(path, ctx.target)}


def _spark_io(node: cst.Call, ctx: RuleContext) -> str | None:
    """`read`/`write` when a call reads or writes a path through Spark, else None."""
    qualified = ctx.qualify(node.func)
    if qualified is not None:
        return "read" if qualified in PANDAS_ON_SPARK_READS else None
    if not isinstance(node.func, cst.Attribute):
        return None
    method, receiver = node.func.attr.value, node.func.value
    if method in SPARK_WRITES and _is_writer(receiver, ctx):
        return "write"
    kind = ctx.kind_of(receiver)
    if (method in SPARK_READS and kind == READER) or (method in CONTEXT_READS and kind == SPARK_CONTEXT):
        return "read"
    if (method in RDD_WRITES and kind == RDD) or (method in PANDAS_ON_SPARK_WRITES and kind == SPARK_PANDAS):
        return "write"
    return None


def _is_writer(node: cst.BaseExpression, ctx: RuleContext) -> bool:
    """`df.write`, and any chain of options on it (`df.write.mode("overwrite").format("delta")`)."""
    while True:
        if ctx.kind_of(node) == WRITER:
            return True
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
            return False
        node = node.func.value


class LocalPathInSparkIO(_PathPattern):
    """`spark.read.csv("data/train.csv")`, `df.write.parquet("/home/me/out")`, `sc.textFile("C:\\\\x")`, and a
    Spark read of a path that Python on the driver wrote (`pdf.to_csv("/tmp/x.csv")`); silent in a file that
    runs Spark with a `local[...]` master, where every path is on the one machine."""

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.written: set[str] = set()  # absolute paths Python on the driver wrote to its own disk
        self.local_master: bool | None = None  # whether the file runs Spark with a local[...] master; read once

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        written = self._driver_write(node, ctx)
        if written is not None and written.startswith("/") and not written.startswith(CLUSTER_PREFIXES):
            self.written.add(written.rstrip("/"))
        action = _spark_io(node, ctx)
        if action is None:
            return
        if self.local_master is None:
            self.local_master = bool(LOCAL_MASTER.search(ctx.source.code))
        if self.local_master:
            return
        given = argument(node, 0, "path", "paths", "name")
        for path in self.texts(given, ctx):
            where = unseen_by_cluster(path, ctx.target) or self._written_here(path, ctx.target)
            if where is not None:
                rest = "".join(f", {ctx.code(a).rstrip(',')}" for a in node.args if a.value is not given)
                fill = self.fill(path, ctx)
                ctx.report(self.rule, node, action="reads" if action == "read" else "writes",
                           callee=ctx.code(node.func), arguments=f'"{fill["storage"]}"{rest}', where=where, **fill)
                return

    def _driver_write(self, node: cst.Call, ctx: RuleContext) -> str | None:
        """The path a call writes from Python on the driver: `open(p, "w")`, `pdf.to_csv(p)`, `np.save(p)`,
        `urlretrieve(url, p)`."""
        qualified = ctx.qualify(node.func) or ""
        if _is_open(node, ctx):
            mode = string_literal(argument(node, 1, "mode")) or "r"
            return self.text(argument(node, 0, "file"), ctx) if set(mode) & set("wax") else None
        frame = method_call(node, PANDAS_WRITES)
        if frame is not None and ctx.kind_of(frame) in (PANDAS, PANDAS_SMALL):
            return self.text(argument(node, 0, "path_or_buf", "path", "excel_writer"), ctx)
        if qualified in NUMPY_WRITES:
            return self.text(argument(node, 0, "file", "fname"), ctx)
        if qualified in DOWNLOADS:
            return self.text(argument(node, 1, DOWNLOADS[qualified]), ctx)
        return None

    def _written_here(self, path: str, target: str) -> str | None:
        """Why Spark misses a file (or a file in a folder) that the driver wrote to its own disk."""
        path = path.strip().rstrip("/")
        if not any(w == path or w.startswith(path + "/") for w in self.written):
            return None
        return f"which Python wrote above to the driver's own disk, while Spark looks for it in {default_fs(path, target)}"


def _is_open(node: cst.Call, ctx: RuleContext) -> bool:
    """The builtin `open(...)` (not shadowed by an import) or `io.open(...)`."""
    func = node.func
    return (isinstance(func, cst.Name) and func.value == "open" and ctx.qualify(func) is None) \
        or ctx.qualify(func) == "io.open"


class OpenLocalDataFile(_PathPattern):
    """`open("data/train.csv")` for reading, in a script that uses Spark."""

    needs = ("open",)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if not _is_open(node, ctx):
            return
        mode = string_literal(argument(node, 1, "mode")) or "r"
        path = next((t for t in self.texts(argument(node, 0, "file"), ctx) if is_local(t)), None)
        if path is not None and not set(mode) & set("wax+") and data_reader(path) is not None \
                and path not in ctx.values.small_files:  # a file the code wrote a small value to, read back
            ctx.report(self.rule, node, reader=data_reader(path), **self.fill(path, ctx))


class DownloadToDriver(_PathPattern):
    """`urlretrieve(url, "data.csv")`: the file lands on the driver's disk, unless the destination is a
    mount of shared storage (`/Volumes/…`, `/dbfs/…`, `/lakehouse/…`) or the file is a model (MODEL_FILE) or one
    picture (PICTURE_FILE)."""

    needs = ("urlretrieve", "download")

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        where = DOWNLOADS.get(ctx.qualify(node.func) or "")
        url = argument(node, 0, "url")
        if where is None or url is None:
            return
        given = argument(node, 1, where)
        destination = "a temporary file" if given is None else (self.text(given, ctx) or ctx.code(given))
        if destination.startswith(CLUSTER_PREFIXES):
            return
        if any(MODEL_FILE.search(text.rstrip("/")) or PICTURE_FILE.search(text)
               for text in (destination, self.text(url, ctx) or "")) \
                or self._uploaded(destination, ctx):
            return
        known = self.text(given if given is not None else url, ctx) or ""
        name = known.rstrip("/").rsplit("/", 1)[-1] or "..."
        mount = DRIVER_MOUNTS.get(ctx.target)
        unpacked = in_storage(ARCHIVE.sub("", name) + "/", ctx.target)  # Spark reads no archive, only what is in it
        archive = ARCHIVE.search(name) is not None or _unpacked(given, ctx)
        if mount is not None:
            instead = (f'{ctx.code(node.func)}({ctx.code(url)}, "{mount.format(name)}")  # shared storage' + (
                f'; extract the archive there, and Spark reads the files inside as "{unpacked}"' if archive
                else f', which Spark reads as "{in_storage(name, ctx.target)}"'))
        elif archive:
            instead = (f"# extract {'the archive' if name == '...' else name} once and copy the files inside to storage "
                       f"every executor reads, such as {unpacked}, then read them there with the reader of their kind "
                       '(spark.read.csv(folder, header=True) or spark.read.parquet(folder) for tables, '
                       'spark.read.text(folder, wholetext=True) for one document per file, '
                       'spark.read.format("binaryFile") for images and other bytes)')
        else:
            instead = (f"# copy the file once to storage every executor reads, such as {in_storage(name, ctx.target)}, "
                       "and read it from there with spark.read")
        ctx.report(self.rule, node, **ctx.call_fields(node), url=ctx.code(url), destination=destination,
                   instead=instead)

    def _uploaded(self, destination: str, ctx: RuleContext) -> bool:
        """Whether the file, or a folder it is in, is handed to a call that copies it to shared storage."""
        return any(COPIES_TO_STORAGE.search(ctx.code(call.func)) and any(
            (text := self.text(a.value, ctx)) and within(destination, text) for a in call.args)
            for call in ctx.every(cst.Call))


def _unpacked(destination: cst.BaseExpression | None, ctx: RuleContext) -> bool:
    """Whether the code opens the file a name holds as an archive (`tarfile.open(path)`, `zipfile.ZipFile(path)`)."""
    return isinstance(destination, cst.Name) and any(
        ctx.qualify(call.func) in UNPACKERS and call.args and isinstance(call.args[0].value, cst.Name)
        and call.args[0].value.value == destination.value for call in ctx.every(cst.Call))


class GlobLocalDataFiles(_PathPattern):
    """`glob.glob("data/*.csv")`: the driver lists data files on its own disk, to read them one by one."""

    needs = ("glob",)

    def visit_Call(self, node: cst.Call, ctx: RuleContext) -> None:
        if ctx.qualify(node.func) not in GLOBS:
            return
        pattern = self.text(argument(node, 0, "pathname"), ctx)
        reader = data_reader(pattern) if pattern is not None else None
        if pattern is not None and reader is not None and is_local(pattern):
            ctx.report(self.rule, node, **ctx.call_fields(node), reader=reader, **self.fill(pattern, ctx))
