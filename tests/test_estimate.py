"""The compute estimate's pieces: signals the observer notes, data sizes, the weights, the outputs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from sparklint.api import check_source
from sparklint.config import Settings
from sparklint.estimate import estimate
from sparklint.estimate.model import QUESTIONS, load_weights
from sparklint.result import FileResult
from sparklint.sources import Source


def run(code: str, path: str = "script.py", data_size: int | None = None):
    result = check_source(Source(path, "python", textwrap.dedent(code)), Settings(data_size=data_size))
    return result, result.compute


def signals(result: FileResult) -> set[tuple[str, str]]:
    return {(s.name, s.value) for s in result.signals}


def test_frameworks_no_rule_requires_still_reach_the_estimate():
    result, compute = run("""
        import torch
        model = torch.nn.Linear(4, 2).cuda()
    """)
    assert ("use", "torch") in signals(result) and ("device", "gpu") in signals(result)
    assert compute.processor == "gpu" and compute.recommendation == "gpu"
    assert {r.line for r in compute.reasons if r.answer == "processor"} == {3}


def test_an_import_alone_is_not_use():
    result, compute = run("""
        import torch.nn as nn
        import pandas as pd
        df = pd.read_csv("x.csv")
    """)
    assert ("import", "torch") in signals(result) and ("use", "torch") not in signals(result)
    assert compute.processor == "cpu"
    assert any("never calls it" in r.text for r in compute.reasons)


def test_plain_python_is_cpu_single_node_with_a_reason():
    _, compute = run("import csv\nrows = list(csv.reader(open('a.csv')))\n")
    assert (compute.recommendation, compute.processor, compute.memory, compute.scale) == (
        "cpu", "cpu", "general", "single-node")
    assert any("plain Python" in r.text or "nothing in the file" in r.text for r in compute.reasons)


def test_gpu_device_spellings():
    for call in ('xgb.XGBClassifier(tree_method="gpu_hist")', 'xgb.XGBClassifier(device="cuda")',
                 'YOLO("y.pt").train(device=0)', 'torch.device("cuda:1")', 'L.Trainer(accelerator="gpu")'):
        result, _ = run(f"import xgboost as xgb\nimport torch\nimport lightning as L\nfrom ultralytics import YOLO\n{call}\n")
        assert ("device", "gpu") in signals(result), call


def test_spark_work_and_launchers():
    result, compute = run("""
        from pyspark.sql import SparkSession
        from pyspark.ml.torch.distributor import TorchDistributor
        spark = SparkSession.builder.getOrCreate()
        df = spark.read.parquet("abfss://c@a.dfs.core.windows.net/x")
        TorchDistributor(num_processes=4, use_gpu=True).run(print)
    """)
    found = signals(result)
    assert ("distributed", "spark-dataframe") in found and ("distributed", "torch-distributor") in found
    assert ("remote", "abfss") in found
    assert compute.scale == "spark" and compute.recommendation == "distributed"


def test_the_local_input_size_is_used_and_reported(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "part-0.csv").write_text("a,b\n" + "1,2\n" * 1000)
    (tmp_path / "data" / "part-1.csv").write_text("a,b\n" + "1,2\n" * 1000)
    script = tmp_path / "train.py"
    result, compute = run("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        df = spark.read.csv("data/", header=True)
        df.groupBy("a").count().show()
    """, path=str(script))
    assert compute.data_size.source == "local files" and compute.data_size.paths == ("data/",)
    assert compute.data_size.bytes == 2 * (4 + 4 * 1000)
    assert compute.scale == "single-node"  # Spark code, but the data is small
    assert any("small" in r.text for r in compute.reasons if r.answer == "scale")


def test_a_given_size_wins_over_local_files_and_drives_memory_and_scale(tmp_path):
    (tmp_path / "big.csv").write_text("a\n1\n")
    code = "import pandas as pd\ndf = pd.read_csv('big.csv')\n"
    _, small = run(code, path=str(tmp_path / "s.py"))
    _, medium = run(code, path=str(tmp_path / "s.py"), data_size=20 * 10**9)
    _, huge = run(code, path=str(tmp_path / "s.py"), data_size=300 * 10**9)
    assert small.data_size.source == "local files" and huge.data_size.source == "given"
    assert (small.memory, small.scale) == ("general", "single-node")
    assert (medium.memory, medium.scale) == ("memory-optimized", "single-node")
    assert (huge.memory, huge.scale, huge.recommendation) == ("memory-optimized", "spark", "distributed")
    assert any("rewritten" in r.text for r in huge.reasons)  # the driver-only lines to rewrite first
    assert "Databricks or Fabric" in huge.platform


def test_prebuilt_service_is_named_when_the_script_trains_for_its_task():
    _, compute = run("""
        from transformers import pipeline, AutoModelForSequenceClassification
        model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased-finetuned-sst-2-english")
    """)
    assert "sentiment" in compute.platform


def test_notebook_reasons_carry_cells():
    cells = [{"cell_type": "markdown", "source": "# t"},
             {"cell_type": "code", "source": "import torch\n", "metadata": {}, "outputs": []},
             {"cell_type": "code", "source": "x = torch.zeros(3).cuda()\n", "metadata": {}, "outputs": []}]
    from sparklint.sources import read_source

    source = read_source("nb.ipynb", json.dumps({"cells": cells, "metadata": {}}).encode())
    result = check_source(source)
    reason = next(r for r in result.compute.as_dict()["reasons"] if r["text"] == "asks for a GPU")
    assert (reason["cell"], reason["cell_line"]) == (2, 1)


def test_weights_are_data_and_every_feature_has_a_reason():
    weights = load_weights()
    for question in QUESTIONS:
        for feature in weights.table[question]["weights"]:
            assert feature in weights.table["reasons"], feature
        for members in weights.table[question].get("groups", {}).values():
            assert set(members) <= set(weights.table[question]["weights"])


def test_a_file_without_data_work_gets_no_estimate():
    assert estimate(FileResult("x.py", "python")) is None
    for code in ("import numpy as np\nimport os\nprint(os.getcwd())\n",
                 "import pandas as pd\nimport torch\nprint(pd.__version__, torch.__version__)\n",
                 "import torch\nDEVICE = 'cuda'\n"):  # imports, versions, a device named: no data work
        result, compute = run(code)
        assert result.skipped is None and compute is None, code
    _, compute = run("import pandas as pd\nprint(pd.read_csv('a.csv').shape)\n")
    assert compute is not None and compute.recommendation == "cpu"


def test_cli_says_which_files_got_no_estimate(tmp_path, cli):
    (tmp_path / "helpers.py").write_text("import pandas as pd\n\ndef key_columns() -> list:\n    return ['id']\n")
    (tmp_path / "etl.py").write_text("import pandas as pd\ndf = pd.read_csv('x.csv')\n")
    out = cli("check", "helpers.py", "etl.py", cwd=tmp_path).stdout
    assert "helpers.py:" not in out.split("Compute estimate")[1]
    assert out.rstrip().splitlines()[-1] == "Compute total: 1 file: 1 cpu; 1 file without data work (no estimate)."
    document = json.loads(cli("check", "--format", "json", "helpers.py", "etl.py", cwd=tmp_path).stdout)
    assert {Path(f["path"]).name: "compute" in f for f in document["files"]} == {"etl.py": True, "helpers.py": False}
    estimated = json.loads(cli("estimate", "--format", "json", "helpers.py", cwd=tmp_path).stdout)
    assert estimated["files"][0]["compute"] is None


PULL_THEN_TRAIN = """
    from pyspark.sql import SparkSession
    from sklearn.ensemble import GradientBoostingClassifier
    spark = SparkSession.builder.getOrCreate()
    orders = spark.read.table("sales.orders")
    frame = orders.toPandas()
    frame["weekday"] = frame["day"].apply(lambda d: d % 7)
    model = GradientBoostingClassifier().fit(frame[["weekday", "qty"]], frame["returned"])
"""


def test_spark_only_moving_data_to_pandas_training_suits_one_node():
    result, compute = run(PULL_THEN_TRAIN)
    assert (compute.recommendation, compute.scale) == ("cpu", "single-node")
    idle = next(r for r in compute.reasons if "sit idle" in r.text)
    assert (idle.answer, idle.line) == ("scale", 6)
    assert "trains a model" in idle.text
    assert "Azure Machine Learning" in compute.platform


def test_pandas_work_after_a_whole_pull_suits_one_node_too():
    _, compute = run("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        pdf = spark.read.parquet("abfss://c@a.dfs.core.windows.net/events").toPandas()
        pdf["total"] = pdf.apply(lambda r: r.qty * r.price, axis=1)
        pdf.to_csv("totals.csv")
    """)
    assert compute.recommendation == "cpu"
    assert any("2 driver-only line(s)" in r.text and "sit idle" in r.text for r in compute.reasons)


def test_training_with_pyspark_ml_after_a_pull_stays_distributed():
    _, compute = run("""
        from pyspark.sql import SparkSession
        from pyspark.ml.classification import LogisticRegression
        spark = SparkSession.builder.getOrCreate()
        orders = spark.read.table("sales.orders")
        model = LogisticRegression(labelCol="returned").fit(orders)
        summary = model.transform(orders).toPandas()
        summary.plot()
        print(summary["prediction"].value_counts())
    """)
    assert compute.recommendation == "distributed"
    assert not any("sit idle" in r.text for r in compute.reasons)


def test_a_reduced_pull_or_no_work_after_the_pull_is_not_single_node_for_it():
    for code in ("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        counts = spark.read.table("sales.orders").groupBy("store").count().toPandas()
        counts.plot.bar(x="store")
    """, """
        from pyspark.sql import SparkSession
        from sklearn.ensemble import GradientBoostingClassifier
        model = GradientBoostingClassifier()
        spark = SparkSession.builder.getOrCreate()
        frame = spark.read.table("sales.orders").toPandas()
    """):
        _, compute = run(code)
        assert compute.recommendation == "distributed", code
        assert not any("sit idle" in r.text for r in compute.reasons), code


def test_a_huge_data_size_keeps_a_pull_from_being_told_single_node():
    _, compute = run(PULL_THEN_TRAIN, data_size=2 * 10**12)
    assert (compute.recommendation, compute.scale, compute.memory) == ("distributed", "spark", "memory-optimized")
    assert not any("sit idle" in r.text for r in compute.reasons)
    assert any("pulls a large Spark result" in r.text and r.line == 6 for r in compute.reasons)
    assert any("rewritten" in r.text for r in compute.reasons)  # the caveat: the pull and pandas work must change
    _, small = run(PULL_THEN_TRAIN, data_size=2 * 10**9)
    assert small.recommendation == "cpu"


def test_cli_check_prints_the_estimate_last_and_json_carries_it(tmp_path, cli):
    (tmp_path / "train.py").write_text("import torch\nmodel = torch.nn.Linear(2, 2).to('cuda')\n")
    out = cli("check", "train.py", "--data-size", "5GB", cwd=tmp_path).stdout
    assert "Compute estimate" in out and out.rstrip().splitlines()[-1].startswith("Compute total: 1 file: 1 gpu")
    full = cli("check", "train.py", "--data-size", "5GB", "--estimate", "full", cwd=tmp_path).stdout
    assert "data size 5.0 GB" in full
    assert "Compute estimate" not in cli("check", "-q", "train.py", cwd=tmp_path).stdout
    document = json.loads(cli("check", "--format", "json", "train.py", cwd=tmp_path).stdout)
    compute = document["files"][0]["compute"]
    assert set(compute) >= {"recommendation", "processor", "memory", "scale", "confidence", "reasons", "data_size"}
    assert compute["reasons"][0]["line"] == 2
    assert cli("check", "--data-size", "lots", "train.py", cwd=tmp_path).returncode == 2


def test_cli_estimate_prints_only_the_estimate(tmp_path, cli):
    (tmp_path / "etl.py").write_text("import pandas as pd\ndf = pd.read_csv('x.csv')\ndf.apply(len, axis=1)\n")
    done = cli("estimate", "etl.py", "--data-size", "300GB", cwd=tmp_path)
    assert done.returncode == 0
    assert "SPL" not in done.stdout.split("rewritten")[0] and "etl.py: distributed" in done.stdout
    document = json.loads(cli("estimate", "--format", "json", "etl.py", cwd=tmp_path).stdout)
    assert document["files"][0]["compute"]["recommendation"] == "cpu"
