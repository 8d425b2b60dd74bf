"""Value tracking: pandas rules never fire on Spark frames and the reverse; executor code stays silent."""

from __future__ import annotations

import textwrap

import pytest

from sparklint.api import check_source
from sparklint.sources import Source, read_source


def codes(code: str, kind: str = "python") -> list[tuple[int, str]]:
    result = check_source(Source("t.py", kind, textwrap.dedent(code)))
    assert result.error is None
    return [(f.line, f.code) for f in result.findings]


def test_names_follow_assignments_attributes_and_returns():
    assert codes("""
        from pyspark.sql import SparkSession
        import pandas as pd

        class Job:
            def __init__(self, spark):
                self.events = spark.read.parquet("s3://b/e")

        def load(spark):
            return spark.read.parquet("s3://b/x")

        spark = SparkSession.builder.getOrCreate()
        job = Job(spark)
        a = load(spark).toPandas()
        b = a.toPandas()
        c = pd.DataFrame({"x": [1]}).collect()
    """) == [(14, "SPL601")]


def test_rebinding_changes_the_kind():
    assert codes("""
        import pyspark
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        df = spark.table("t")
        df = df.toPandas()
        rows = df.collect()
    """) == [(6, "SPL601")]


def test_annotations_decide_the_kind_of_parameters():
    assert codes("""
        import pandas as pd
        from pyspark.sql import DataFrame

        def to_local(frame: DataFrame) -> pd.DataFrame:
            return frame.toPandas()

        def keep(frame: pd.DataFrame):
            return frame.collect()
    """) == [(6, "SPL601")]


def test_code_shipped_to_executors_is_silent():
    assert codes("""
        import pandas as pd
        from pyspark.sql import SparkSession
        from pyspark.sql.functions import pandas_udf

        spark = SparkSession.builder.getOrCreate()

        def helper(path):
            return pd.read_csv(path)

        def per_group(pdf):
            extra = helper("lookup.csv")
            return pdf.merge(extra)

        @pandas_udf("double")
        def scale(s):
            return s * pd.read_json("w.json")["w"][0]

        df = spark.table("t")
        out = df.groupBy("k").applyInPandas(per_group, schema="k long")
        rdd = df.rdd.map(lambda r: pd.read_csv(r.path))
        local = pd.read_csv("driver_side.csv")
    """) == [(21, "SPL612"), (22, "SPL101")]  # rdd.map itself is row-at-a-time; its body is not driver work


def test_notebook_globals_are_spark_objects():
    assert codes("pdf = spark.table('t').toPandas()\n", kind="databricks") == [(1, "SPL601")]
    assert codes("import pandas as pd\nx = spark.table('t').toPandas()\n", kind="python") == []


def test_files_that_import_nothing_relevant_are_not_parsed():
    result = check_source(Source("t.py", "python", "def broken(:\n    pass\n"))
    assert result.error is None and result.findings == []


def test_a_remembered_qualified_name_belongs_to_its_node_not_to_a_reused_id():
    """`Imports.qualify` keeps answers per node; a new node may get a freed node's id (the
    migrate tool qualifies nodes it builds and drops), and must not get the freed node's answer."""
    import libcst as cst

    from sparklint.names import Imports

    imports = Imports()
    imports.add(cst.parse_statement("import pandas as pd").body[0])
    first = imports.qualify(cst.Name("pd"))  # a node freed as soon as it is answered: its id is free again
    second = imports.qualify(cst.Name("x"))  # (outside `assert`, which would keep the first node alive)
    assert (first, second) == ("pandas", None)


def kind_after(code: str, expression: str) -> str | None:
    """The kind the values layer gives `expression` once the whole (module-level) code is walked."""
    import libcst as cst

    from sparklint.context import Context
    from sparklint.engine import Plans, Walker

    code = textwrap.dedent(code)
    module = cst.parse_module(code)
    context = Context(Source("t.py", "python", code), module)
    Walker(context, Plans([], {})).walk(module)
    return context.values.kind_of(cst.parse_expression(expression))


def test_members_only_pandas_frames_have_make_an_unknown_name_pandas():
    script = """
        import pandas as pd
        def prepare(frame):
            first = frame.iloc[0]
            return frame
        table = load_somewhere()
        table.sort_values("day")
        summary = helper()
        numbers = summary.values
        settings = load_settings()
        for value in settings.values():
            print(value)
    """
    assert kind_after(script, "frame") == "pandas"  # a parameter, told by `.iloc` inside its function
    assert kind_after(script, "table") == "pandas"  # a helper's result from another module
    assert kind_after(script, "summary") == "pandas"  # `.values` the attribute ...
    assert kind_after(script, "settings") is None  # ... but not `.values()`, a dict's method


def test_what_a_deep_learning_library_returns_is_never_made_pandas_by_its_members():
    script = """
        import pandas as pd
        import tensorflow as tf
        import torch
        best = tf.math.top_k(scores, k=3)
        ranked = torch.sort(logits)
        print(best.values, ranked.values, best.indices)
        table = load_somewhere()
        print(table.values)
    """
    assert kind_after(script, "best") == "tensor"
    assert kind_after(script, "ranked") == "tensor"
    assert kind_after(script, "table") == "pandas"  # a helper's result: its members still tell
    assert codes(script) == [(9, "SPL234")]


def test_metadata_sql_is_small_on_a_session_of_unknown_origin_and_a_table_is_not():
    script = """
        import pyspark
        session = make_session()
    """
    assert kind_after(script, 'session.sql("SHOW TABLES IN sales")') == "spark.small"
    assert kind_after(script, 'session.sql(f"DESCRIBE TABLE {name}")') == "spark.small"
    assert kind_after(script, 'session.sql("SELECT * FROM sales")') is None
    assert codes(textwrap.dedent(script) + "rows = [r.tableName for r in session.sql('SHOW TABLES').collect()]\n"
                 "for r in session.sql('SELECT * FROM sales').collect():\n    print(r)\n") == [
        (5, "SPL603"), (5, "SPL602")]


def test_a_spark_pull_that_only_feeds_a_chart_is_not_reported_and_one_used_otherwise_is():
    assert codes("""
        import matplotlib.pyplot as plt
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        sessions = spark.table("sessions")
        lengths = [row["minutes"] for row in sessions.select("minutes").collect()]
        plt.hist(lengths, bins=40)
        kept = [row["minutes"] for row in sessions.select("minutes").collect()]
        print(sum(kept))
    """) == [(8, "SPL603"), (8, "SPL602")]


def test_a_model_built_and_replaced_before_any_use_is_not_reported_unless_it_may_be_used():
    assert codes("""
        from sklearn.preprocessing import MinMaxScaler, StandardScaler
        first = StandardScaler()
        first = MinMaxScaler()
        second = StandardScaler()
        print(second)
        second = MinMaxScaler()
        third = StandardScaler()
        if ready:
            third = MinMaxScaler()
        fourth = StandardScaler()
        def later():
            return fourth
        fourth = MinMaxScaler()
        fifth = StandardScaler()
        def patch():
            from sklearn.preprocessing import fifth_helper
            return fifth_helper.fifth
        fifth = MinMaxScaler()
    """) == [(4, "SPL431"), (5, "SPL430"), (7, "SPL431"), (8, "SPL430"), (10, "SPL431"), (11, "SPL430"),
             (14, "SPL431"), (19, "SPL431")]


def test_the_values_a_helper_returns_together_have_their_kind_when_they_share_it():
    """`return columns, measures` of two workspace listings: each name unpacked is a listing, small in a helper
    every call gives one."""
    source = textwrap.dedent("""
        import pandas as pd
        import sempy.fabric as fabric
        def load(model):
            columns = fabric.list_columns(model)
            measures = fabric.list_measures(model)
            return columns, measures
        def audit(frame: pd.DataFrame) -> list:
            return [f"'{row['Table']}'[{row['Name']}]" for _, row in frame.iterrows()]
        columns, measures = load("sales")
        names = audit(columns)
        with open("names.txt", "w") as out:
            out.write("\\n".join(names))
    """)
    [loop] = check_source(Source("t.py", "python", source)).findings
    assert (loop.line, loop.code, loop.severity) == (9, "SPL301", "info")
    assert "which every call of `audit` in this file gives a small value" in loop.message


def test_members_only_spark_dataframes_have_make_an_unknown_name_spark():
    script = """
        import pyspark
        def publish(frame, log):
            frame.write.format("delta").saveAsTable("t")
            log.write("done")
        enriched = build().withColumn("x", 1)
    """
    assert kind_after(script, "frame") == "spark"
    assert kind_after(script, "log") is None  # `file.write(...)` is not `df.write.`
    assert kind_after(script, "build().withColumn('x', 1)") is None  # only names are told by their members


def test_usage_never_overrides_a_known_kind_and_conflicting_usage_tells_nothing():
    script = """
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        events = spark.read.parquet("events")
        events.values
        mixed = unknown()
        mixed.toPandas()
        mixed.iloc[0]
    """
    assert kind_after(script, "events") == "spark"
    assert kind_after(script, "mixed") is None


def test_pandas_members_tell_nothing_where_pyspark_pandas_frames_may_be():
    script = """
        import pyspark.pandas as ps
        def head_of(frame):
            return frame.iloc[:5]
    """
    assert kind_after(script, "frame") is None


def test_a_rule_fires_on_a_parameter_whose_members_say_pandas_and_not_on_a_spark_one():
    assert codes("""
        import pandas as pd
        def clean(frame):
            frame = frame.set_index("id")
            return frame.drop_duplicates()
        def publish(frame2):
            frame2.createOrReplaceTempView("v")
            return frame2.drop_duplicates()
    """) == [(4, "SPL243"), (5, "SPL211")]


def test_self_attributes_and_annotated_methods_defined_later_are_followed():
    script = """
        import pandas as pd
        class Report:
            def __init__(self):
                self.table = self._load()
            def _load(self) -> pd.DataFrame:
                return fetch()
            def build(self):
                self.copy_ = self.table.copy()
    """
    assert kind_after(script, "self.table") == "pandas"
    assert kind_after(script, "self.copy_") == "pandas"


def test_models_are_followed_through_collections_helpers_and_searches():
    script = """
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.linear_model import Ridge
        from sklearn.model_selection import GridSearchCV
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        import statsmodels.formula.api as smf
        import xgboost as xgb
        models = [("forest", RandomForestClassifier()), ("ridge", Ridge())]
        by_name = {"ridge": Ridge()}
        def build():
            return make_pipeline(StandardScaler(), Ridge())
        pipe = build()
        search = GridSearchCV(pipe, {"ridge__alpha": [1, 10]})
        booster = xgb.train({}, dtrain)
        ols = smf.ols("y ~ x", data=frame).fit()
        for position, (label, model) in enumerate(models):
            pass
        for key, chosen in by_name.items():
            pass
        numbers = [1, 2, 3]
    """
    for name in ("pipe", "search", "search.best_estimator_", "booster", "ols", "model", "chosen", "by_name['ridge']"):
        assert kind_after(script, name) == "estimator", name
    assert kind_after(script, "models") == "estimators"
    assert kind_after(script, "numbers") is None


def test_a_model_call_is_reported_once_per_line():
    assert sorted(codes("""
        from sklearn.linear_model import LinearRegression
        from sklearn.ensemble import VotingRegressor
        fitted = LinearRegression().fit(x, y)
        vote = VotingRegressor([("lr", LinearRegression())]).fit(x, y)
        vote.predict(x)
    """)) == [(4, "SPL401"), (5, "SPL401"), (5, "SPL417"), (6, "SPL417")]  # VotingRegressor has no row of its own


def test_an_azure_ml_dataset_is_pandas_once_loaded_and_small_after_take():
    script = """
        from azureml.core import Dataset
        full = Dataset.get_by_name(ws, "sales").to_pandas_dataframe()
        peek = Dataset.get_by_name(ws, "sales").take(5).to_pandas_dataframe()
    """
    assert kind_after(script, "full") == "pandas"
    assert kind_after(script, "peek") == "pandas.small"


def findings(code: str) -> list[tuple[int, str, str, bool]]:
    """(line, code, severity, whether the message says the data is small) of each finding."""
    result = check_source(Source("t.py", "python", textwrap.dedent(code)))
    assert result.error is None
    return [(f.line, f.code, f.severity, "small by construction" in f.message) for f in result.findings]


def test_a_model_given_only_small_data_is_an_info_that_says_so_and_its_scoring_of_points_written_out_is_silent():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        from sklearn.linear_model import LinearRegression
        m = 100
        x = 2 * np.random.rand(m, 1)
        y = 4 + 3 * x + np.random.randn(m, 1)
        model = LinearRegression()
        model.fit(np.c_[np.ones((m, 1)), x], y)
        model.predict(np.array([[1, 0], [1, 2]]))
        model.predict([[1, 0.5]])
    """)))
    assert [(f.line, f.code, f.severity) for f in result.findings] == [(7, "SPL401", "info"), (8, "SPL417", "info")]
    assert all("small by construction" in f.message for f in result.findings)
    assert result.findings[0].suggestion == "# nothing to change for data this small; for a real data set, see `sparklint rule SPL401`"


def test_a_metric_pairing_a_few_values_with_unknown_ones_is_small():
    """A metric's arrays are of one length: the last six values make the forecast's six values small too."""
    assert findings("""
        import numpy as np
        import pandas as pd
        from sklearn.metrics import mean_squared_error, r2_score
        frame = pd.read_parquet("sales.parquet")
        horizon = 6
        actual = frame["demand"].values[-horizon:]
        rmse = np.sqrt(mean_squared_error(actual, forecast))
        r2 = r2_score(frame["demand"].values, forecast)
    """)[1:] == [(7, "SPL234", "info", False), (8, "SPL467", "info", True), (9, "SPL470", "info", False),
                 (9, "SPL234", "info", False)]


def test_a_file_read_back_is_as_small_as_what_the_code_wrote_to_it():
    script = """
        import numpy as np
        import pandas as pd
        np.savetxt("grid.csv", np.random.rand(2, 3))
        grid = np.loadtxt("grid.csv")
        frame = pd.read_csv("big.csv")
        frame.to_csv("copy.csv")
        copy = pd.read_csv("copy.csv")
        other = np.loadtxt("other.csv")
        np.save("weights", np.random.rand(2, 3))
        weights = np.load("weights.npy")
    """
    assert [kind_after(script, name) for name in ("grid", "copy", "other", "weights")] == [
        "numpy.small", "pandas", "numpy", "numpy.small"]


def test_a_tuple_assigned_element_by_element_gives_each_name_its_own_kind():
    script = """
        import numpy as np
        import pandas as pd
        points = np.random.rand(100, 1)
        frame = pd.read_csv("big.csv")
        head, rest = points[:50], frame
        first, second = (points, frame)
        both = points, frame
    """
    assert [kind_after(script, name) for name in ("head", "rest", "first", "second")] == [
        "numpy.small", "pandas", "numpy.small", "pandas"]


def test_the_items_of_a_list_of_values_are_never_frames_in_the_comprehension_that_walks_them():
    """`.tolist()` makes plain Python values (numbers, texts, ML vectors): `vector.values` of one is no frame's; the
    comprehension's element reads the name its `for` clause binds, though it comes first in the source."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        scored = spark.table("scored").select("probability").toPandas().values.flatten().tolist()
        probabilities = [vector.values.tolist() for vector in scored]
    """)))
    assert [(f.line, f.code) for f in result.findings if f.code == "SPL234"] == [(4, "SPL234")]
    assert kind_after("import numpy as np\nitems = np.load('big.npy').tolist()\n", "items") == "python.values"


def test_a_jvm_rdd_reached_through_py4j_is_no_python_spark_data():
    """`toJavaRDD()` gives a py4j handle whose rows are Java objects (a curve's points from a metrics class): no
    DataFrame or RDD of Python's to pull or map."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.mllib.evaluation import BinaryClassificationMetrics
        class Curve(BinaryClassificationMetrics):
            def points(self, method):
                rdd = getattr(self._java_model, method)().toJavaRDD()
                return [(float(row._1()), float(row._2())) for row in rdd.collect()]
    """)))
    assert [f.code for f in result.findings] == []
    assert kind_after("import pyspark\nhandle = model._java_model.roc().toJavaRDD()\n", "handle") == "jvm"


def test_a_model_built_for_scikit_learns_api_checks_is_silent_and_one_handed_to_them_is_an_info():
    assert findings("""
        from sklearn.utils.estimator_checks import check_estimator
        from sklearn.neighbors import KNeighborsRegressor
        from sklearn.linear_model import Ridge
        check_estimator(Wrapper(KNeighborsRegressor()))
        ridge = Ridge()
        check_estimator(ridge)
        other = KNeighborsRegressor()
    """) == [(6, "SPL402", "info", True), (8, "SPL480", "info", False)]


def test_a_model_scoring_rows_written_out_under_a_name_is_silent():
    assert findings("""
        import pandas as pd
        from sklearn.svm import LinearSVC
        frame = pd.read_csv("iris.csv")
        model = LinearSVC().fit(frame[["a", "b"]], frame["y"])
        new_rows = [[5.5, 1.7], [5.0, 1.5]]
        model.decision_function(new_rows)
        model.decision_function(frame[["a", "b"]])
    """)[1:] == [(5, "SPL406", "warning", False), (8, "SPL417", "info", False)]


def test_model_work_that_only_gives_mlflow_a_signature_is_an_info_that_says_so():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from mlflow.models import infer_signature
        from sklearn.linear_model import LogisticRegression
        X = pd.read_csv("x.csv")
        model = LogisticRegression().fit(X, X.pop("y"))
        signature = infer_signature(X, model.predict_proba(X)[:, 1])
        scores = model.predict_proba(X)
    """)))
    calls = [(f.line, "MLflow the model's signature" in f.message, f.suggestion.startswith("# pass a few rows"))
             for f in result.findings if f.code == "SPL417"]
    assert calls == [(7, True, True), (8, False, False)]


def test_a_summary_of_each_column_is_small():
    script = """
        from synapse.ml.stages import SummarizeData
        summary = SummarizeData().transform(spark.read.parquet("x"))
        pulled = summary.toPandas()
    """
    assert kind_after(script, "pulled") == "pandas.small"


def test_azure_mls_local_metrics_are_no_service_call():
    """`azureml.training.tabular`'s scoring computes on the driver: a loop over groups calling it is data work; one
    that logs to a run (`azureml.core`) acts on items."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from azureml.training.tabular.score import scoring
        from azureml.core import Run
        forecasts = pd.read_csv("f.csv")
        for grain, part in forecasts.groupby("series"):
            scores = scoring.score_regression(y_test=part["y"], y_pred=part["p"], metrics=names)
        for grain, part in forecasts.groupby("series"):
            Run.get_context().log(grain, 1)
    """)))
    assert [(f.line, "an item the loop acts on" in f.message) for f in result.findings if f.code == "SPL201"] == [
        (6, False), (8, True)]


def test_a_toy_sample_imported_from_its_retired_module_path_is_small():
    assert findings("""
        from sklearn.cluster import KMeans
        from sklearn.datasets.samples_generator import make_blobs
        points, _ = make_blobs(n_samples=100, centers=4)
        KMeans(4).fit(points)
    """) == [(5, "SPL420", "info", True)]


def test_a_model_also_given_real_data_keeps_its_warning():
    assert findings("""
        import numpy as np
        import pandas as pd
        from sklearn.datasets import make_moons
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler()
        toy, _ = make_moons(n_samples=500, noise=0.2)
        scaler.fit(toy)
        houses = pd.read_csv("houses.csv")
        scaler.transform(houses)
    """) == [(6, "SPL430", "warning", False), (8, "SPL417", "info", True), (9, "SPL101", "warning", False),
             (10, "SPL417", "info", False)]


def test_pandas_and_numpy_functions_given_only_rows_written_in_the_code_are_an_info_that_says_so():
    """A function of pandas or NumPy is as small as what it is given: a literal frame, a toy data set (also by
    keyword), a frame of a metrics helper; a frame read from a file keeps its warning."""
    assert findings("""
        import numpy as np
        import pandas as pd
        from sklearn.datasets import load_wine
        from evaluation import compute_metrics
        unseen = pd.DataFrame({'district': ['harbour', 'uplands']})
        pd.get_dummies(unseen)
        np.save(file='upload/features.npy', arr=load_wine()['data'])
        compute_metrics(forecasts=None).to_csv('metrics.csv')
        stored = pd.read_csv('districts.csv')
        pd.get_dummies(stored)
    """) == [(7, "SPL209", "info", True), (8, "SPL503", "info", True), (10, "SPL101", "warning", False),
             (11, "SPL209", "warning", False)]


def test_a_few_ids_of_spark_range_and_ten_rows_of_a_frame_of_unknown_origin_are_small():
    script = """
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        one = spark.range(1)
        span = spark.range(5, 20)
        ids = spark.range(1_000_000)
        look = scored.limit(10)
    """
    assert [kind_after(script, name) for name in ("one", "span", "ids", "look")] == [
        "spark.small", "spark.small", "spark", "spark.small"]


SMALL_DATA = ["np.random.rand(200, 2)", "rng.normal(0, 1, (200, 2))", "np.linspace(0, 1, 300).reshape(-1, 1)",
              "load_iris().data", "np.sin(np.arange(50)).reshape(-1, 1)", "make_blobs(centers=3)[0]",
              "np.array([[0.5, 1], [2, 3]])", "np.c_[np.ones((m, 1)), np.random.randn(m, 1)]",
              "grid + 0.1 * rng.normal(size=grid.shape[0]).reshape(-1, 1)", "grid + np.random.randn(len(grid), 1)",
              "sns.load_dataset('iris').drop(columns='species')", "np.load('points.npy')[:2000]"]
OTHER_DATA = ["rng.normal(0, 1, (200_000, 2))", "np.linspace(0, 1, n).reshape(-1, 1)", "np.load('points.npy')",
              "np.load('points.npy')[:20000]",
              "make_blobs(n_samples=1_000_000)[0]", "np.random.rand(rows, 3)", "pd.read_csv('points.csv').values",
              "np.random.randn(len(stored), 2)"]


@pytest.mark.parametrize("data", SMALL_DATA + OTHER_DATA)
def test_sizes_decide_what_is_small(data):
    """Small: draws and grids up to SMALL_ARRAY elements, toy loaders, literal arrays, NumPy work on them.
    Not small: larger or unknown sizes, files read, a `make_*` sample of a million."""
    severities = {code: severity for _, code, severity, _ in findings(f"""
        import numpy as np
        import pandas as pd
        from sklearn.cluster import KMeans
        import seaborn as sns
        from sklearn.datasets import load_iris, make_blobs
        rng = np.random.default_rng(0)
        m = 40
        grid = np.linspace(0, 1, 200).reshape(-1, 1)
        stored = np.load("stored.npy")
        points = {data}
        KMeans(3).fit(points)
    """)}
    assert severities["SPL420"] == ("info" if data in SMALL_DATA else "warning")


def test_a_model_handed_to_a_function_with_generated_points_is_an_info_and_with_read_data_a_warning():
    assert findings("""
        import numpy as np
        from sklearn.cluster import KMeans
        from sklearn.datasets import make_moons

        def side_by_side(left, right, points, caption):
            left.fit(points)
            right.fit(points)

        moons, _ = make_moons(n_samples=800, noise=0.1)
        coarse = KMeans(n_clusters=2, n_init=1)
        fine = KMeans(n_clusters=8, n_init=1)
        side_by_side(coarse, fine, moons, "two and eight centres")
        stored = np.load("embeddings.npy")
        other = KMeans(n_clusters=4)
        side_by_side(other, fine, stored, "stored")
    """) == [(11, "SPL420", "info", True), (12, "SPL420", "warning", False), (14, "SPL502", "info", False),
             (15, "SPL420", "warning", False)]


def test_a_model_whose_results_only_feed_a_chart_is_an_info_that_says_so():
    """Rows sliced past a capped sample's size (`images[:30000]`): what makes them fine is the chart alone."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        import matplotlib.pyplot as plt
        from sklearn.decomposition import PCA
        from sklearn.manifold import TSNE
        import joblib

        def draw(points, labels):
            plt.scatter(points[:, 0], points[:, 1], c=labels)

        images = np.load("images.npy")
        digits = np.load("digits.npy")
        flat = PCA(n_components=2).fit_transform(images[:30000])
        draw(flat, digits[:30000])
        fig, ax = plt.subplots()
        projection = PCA(n_components=2)
        projection.fit(images)
        ax.text(0.1, 0.9, "kept: {0:.2f}".format(projection.score(images)))
        reduced = PCA(n_components=50).fit_transform(images)
        np.save("reduced.npy", reduced)
        layout = TSNE(n_components=2, init="pca")
        spots = layout.fit_transform(images[:20000])
        plt.scatter(spots[:, 0], spots[:, 1])
        kept = TSNE(n_components=3)
        np.save("layout.npy", kept.fit_transform(images))
        shared = TSNE(n_components=2)
        plt.scatter(*shared.fit_transform(images[:12000]).T)
        joblib.dump(shared, "tsne.joblib")
    """)))
    charted = [(f.line, f.code, f.severity) for f in result.findings if "only to draw a chart" in f.message]
    # `projection` is fitted (17) only for the score a chart's text shows (18): its fit and constructor (16) too
    assert charted == [(13, "SPL422", "info"), (16, "SPL422", "info"), (17, "SPL417", "info"), (18, "SPL417", "info"),
                       (21, "SPL480", "info"), (22, "SPL417", "info"), (27, "SPL417", "info")]
    assert (19, "SPL422", "warning") in [(f.line, f.code, f.severity) for f in result.findings]
    unbounded = [(f.line, f.code) for f in result.findings if "only to draw" not in f.message]
    assert (24, "SPL480") in unbounded and (26, "SPL480") in unbounded  # saved, or handed beyond the chart
    assert next(f for f in result.findings if f.line == 18).suggestion.startswith("# nothing to change for a chart's")


def test_a_model_a_function_only_hands_to_a_drawer_of_the_file_is_fitted_to_be_drawn():
    """The same name elsewhere holds a model fitted on data: the function's own binding is the one that counts."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import matplotlib.pyplot as plt
        import pandas as pd
        from sklearn.tree import DecisionTreeClassifier
        def show_boundary(model, X, y):
            model.fit(X, y)
            plt.scatter(X[:, 0], X[:, 1], c=model.predict(X))
        def interactive(X, y):
            clf = DecisionTreeClassifier(max_depth=3)
            show_boundary(clf, X, y)
        def scored(X, y):
            clf = DecisionTreeClassifier(max_depth=3)
            show_boundary(clf, X, y)
            return clf.score(X, y)
        train = pd.read_parquet("train.parquet")
        clf = DecisionTreeClassifier()
        clf.fit(train[["a", "b"]], train["label"])
    """)))
    models = [(f.line, f.severity, "only to draw a chart" in f.message) for f in result.findings if f.code == "SPL408"]
    assert models == [(9, "info", True), (12, "warning", False), (16, "warning", False)]


def test_a_line_fitted_only_to_be_drawn_is_an_info_that_says_so():
    """The model's coefficients feed nothing but `plt.plot`; a model whose coefficients are also printed stays."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        import pandas as pd
        import matplotlib.pyplot as plt
        from sklearn.linear_model import LinearRegression
        stats = pd.read_csv("stats.csv")
        line = LinearRegression()
        line.fit(stats[["gdp"]], stats["life"])
        t0, t1 = line.intercept_, line.coef_[0]
        grid = np.linspace(0, 100, 50)
        plt.plot(grid, t0 + t1 * grid)
        kept = LinearRegression()
        kept.fit(stats[["gdp"]], stats["life"])
        plt.plot(grid, kept.intercept_ + kept.coef_[0] * grid)
        print(kept.coef_)
    """)))
    found = [(f.line, f.code, "only to draw a chart" in f.message) for f in result.findings if f.code in ("SPL401", "SPL417")]
    assert found == [(7, "SPL401", True), (8, "SPL417", True), (12, "SPL401", False), (13, "SPL417", False)]


def test_a_metric_says_when_its_data_is_small():
    assert findings("""
        import numpy as np
        import pandas as pd
        from sklearn.metrics import mean_squared_error
        grid = np.linspace(0, 6, 120)
        print(mean_squared_error(np.sin(grid), np.cos(grid)))
        scored = pd.read_parquet("scored.parquet")
        print(mean_squared_error(scored["label"], scored["prediction"]))
    """) == [(6, "SPL467", "info", True), (7, "SPL102", "warning", False), (8, "SPL467", "info", False)]


def test_a_step_is_told_its_twin_as_a_stage_of_the_pipeline_that_holds_it_first():
    """A step of a pipeline whose every step has a twin is its twin, a stage of the pyspark.ml Pipeline that takes
    the place of the innermost composite written around it (not of the stack or the transformer of columns that holds
    that pipeline); a model outside any composite is its twin alone."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sklearn.compose import make_column_transformer
        from sklearn.ensemble import StackingClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline, make_pipeline
        from sklearn.preprocessing import StandardScaler
        wine = pd.read_csv("wine.csv")
        stack = StackingClassifier([("lr", make_pipeline(StandardScaler(), LogisticRegression()))])
        alone = LogisticRegression(max_iter=200)
        scaler = StandardScaler()
        staged = Pipeline([("scale", scaler), ("fit", LogisticRegression())])
        numbers = make_pipeline(StandardScaler())
        columns = make_column_transformer((numbers, ["a"]))
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    stage = "; a stage of the pyspark.ml Pipeline that takes the place of the `{}`"
    assert suggestions[(9, "SPL430")].startswith("StandardScaler(") and suggestions[(9, "SPL430")].endswith(
        stage.format("make_pipeline"))
    assert suggestions[(9, "SPL405")].startswith("LogisticRegression(") and suggestions[(9, "SPL405")].endswith(
        stage.format("make_pipeline"))
    assert "a stage" not in suggestions[(10, "SPL405")] and suggestions[(10, "SPL405")].startswith("LogisticRegression(")
    assert suggestions[(11, "SPL430")].endswith(stage.format("Pipeline"))
    assert suggestions[(13, "SPL430")].endswith(stage.format("make_pipeline"))  # not of the transformer
    assert suggestions[(13, "SPL442")].startswith("Pipeline(stages=[...])") and (
        "; a stage, on the columns the `make_column_transformer` gives it, of a pyspark.ml Pipeline" in
        suggestions[(13, "SPL442")])


def test_a_step_of_a_composite_pyspark_ml_cannot_hold_is_told_why_or_the_words_of_any_composite():
    """A pipeline with a step no twin stands for is named so on each step's line; a step held by a name the file does
    not bind to a model (a parameter), or a model of an ensemble, keeps the words every composite's step has."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sklearn.ensemble import VotingClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        wine = pd.read_csv("wine.csv")
        kernel = make_pipeline(StandardScaler(), SVC())
        def build(step):
            return make_pipeline(StandardScaler(), step)
        vote = VotingClassifier([("lr", LogisticRegression())])
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    assert suggestions[(9, "SPL430")].startswith("# a step of a scikit-learn `make_pipeline`: `SVC` has no pyspark.ml "
                                                 "twin, so no pyspark.ml Pipeline can hold this one: fit it as it is")
    assert suggestions[(11, "SPL430")].startswith("# a step of a scikit-learn `make_pipeline`, where a pyspark.ml stage "
                                                  "cannot go")
    assert suggestions[(12, "SPL405")].startswith("# a step of a scikit-learn `VotingClassifier`, where a pyspark.ml "
                                                  "stage cannot go")


def test_a_pipeline_built_around_the_model_its_name_held_is_read_once():
    """`model = make_pipeline(StandardScaler(), model)` names the model it replaces: the step is told words, and the
    name is not followed into itself again and again."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sklearn.linear_model import Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        wine = pd.read_csv("wine.csv")
        model = Ridge()
        model = make_pipeline(StandardScaler(), model)
        model.fit(wine[["a"]], wine["b"])
    """)))
    assert result.error is None, result.error
    steps = {f.code: f.suggestion for f in result.findings if f.line == 8}
    assert steps["SPL430"].startswith("# a step of a scikit-learn `make_pipeline`, where a pyspark.ml stage cannot go")


def test_a_search_s_fit_and_predict_are_told_the_search_moves_not_one_model():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sklearn.model_selection import GridSearchCV
        from sklearn.ensemble import RandomForestRegressor
        houses = pd.read_csv("s3://lake/houses.csv")
        search = GridSearchCV(RandomForestRegressor(), {"max_depth": [4, 8]}, cv=3)
        search.fit(houses[["rooms"]], houses["price"])
        search.predict(houses[["rooms"]])
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    assert suggestions[(6, "SPL451")].startswith("CrossValidator(")
    assert suggestions[(7, "SPL417")].startswith("# `GridSearchCV` is a search: its fit trains every candidate")
    assert suggestions[(8, "SPL417")] == suggestions[(7, "SPL417")]


def test_a_model_built_from_a_search_s_best_parameters_is_no_search():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sklearn.model_selection import GridSearchCV
        from sklearn.ensemble import RandomForestRegressor
        houses = pd.read_csv("s3://lake/houses.csv")
        search = GridSearchCV(RandomForestRegressor(), {"max_depth": [4, 8]}, cv=3)
        search.fit(houses[["rooms"]], houses["price"])
        best = RandomForestRegressor(**search.best_params_)
        best.fit(houses[["rooms"]], houses["price"])
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    assert "is a search" not in suggestions[(9, "SPL417")]


def test_a_model_with_no_transform_for_new_points_is_never_offered_sample_and_score():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        from sklearn.manifold import TSNE
        from sklearn.cluster import DBSCAN, KMeans
        pixels = np.load("pixels.npy")
        layout = TSNE(n_components=2)
        points = layout.fit_transform(pixels)
        dense = DBSCAN(eps=0.2).fit_predict(pixels)
        centres = KMeans(n_clusters=4).fit(pixels)
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    for line, code, model in ((6, "SPL480", "TSNE"), (7, "SPL417", "TSNE"), (8, "SPL480", "DBSCAN")):
        assert suggestions[(line, code)].startswith(f"# `{model}` has no pyspark.ml twin and no transform or predict")
        assert "mapInPandas" not in suggestions[(line, code)]
    assert suggestions[(9, "SPL420")].startswith("KMeans(")


def test_a_remote_model_client_is_told_the_rows_go_to_its_service():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from tabpfn_client import TabPFNClassifier
        from tabpfn import TabPFNRegressor
        claims = pd.read_parquet("claims.parquet")
        hosted = TabPFNClassifier()
        hosted.fit(claims[["age", "amount"]], claims["fraud"])
        local = TabPFNRegressor()
        local.fit(claims[["age"]], claims["amount"])
    """)))
    suggestions = {(f.line, f.code): f.suggestion for f in result.findings}
    assert suggestions[(7, "SPL417")].startswith("# `TabPFNClassifier` is TabPFN's API client: fit and predict send")
    assert suggestions[(9, "SPL417")].startswith("# `TabPFNRegressor` has no pyspark.ml twin: fit it as it is on a sample")
    served = {(f.line, f.code): (f.severity, "a client of a remote service" in f.message) for f in result.findings}
    assert served[(7, "SPL417")] == ("info", True) and not served[(9, "SPL417")][1]


def test_a_metric_of_a_services_predictions_is_as_large_as_the_rows_sent():
    """A remote model replies with a prediction per row sent: that reply makes no side of a metric small."""
    assert [f for f in findings("""
        import pandas as pd
        from sklearn.metrics import roc_auc_score
        from tabpfn_client import TabPFNClassifier
        claims = pd.read_parquet("claims.parquet")
        hosted = TabPFNClassifier()
        hosted.fit(claims[["age", "amount"]], claims["fraud"])
        scores = hosted.predict_proba(claims[["age", "amount"]])[:, 1]
        auc = roc_auc_score(claims["fraud"], scores)
    """) if f[1] == "SPL465"] == [(9, "SPL465", "info", False)]


def test_a_forecaster_built_in_client_mode_is_a_remote_service_and_its_forecast_a_reply():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from tabpfn_time_series import TabPFNTimeSeriesPredictor, TabPFNMode
        history = pd.read_parquet("history.parquet")
        served = TabPFNTimeSeriesPredictor(tabpfn_mode=TabPFNMode.CLIENT)
        forecast = served.predict(history, future)
        points = forecast["mean"].values
        local = TabPFNTimeSeriesPredictor(tabpfn_mode=TabPFNMode.LOCAL)
        kept = local.predict(history, future)
    """)))
    found = {(f.line, f.code): (f.severity, "a client of a remote service" in f.message) for f in result.findings}
    assert found[(6, "SPL417")] == ("info", True) and not found[(9, "SPL417")][1]
    assert (7, "SPL234") not in found  # the values of the service's reply


def test_a_frame_is_small_when_its_columns_are_written_out_not_when_one_is_a_large_array():
    assert codes("""
        import numpy as np
        import pandas as pd
        written = pd.DataFrame({"store": ["a", "b", "a"], "sales": [3, 4, 5]})
        written.groupby("store").sum()
        generated = pd.DataFrame({"store": np.random.choice(["a", "b"], rows), "sales": np.random.rand(rows)})
        generated.groupby("store").sum()
    """) == [(7, "SPL201")]


def test_a_slice_of_a_few_rows_is_small_and_a_longer_one_is_not():
    assert codes("""
        import pandas as pd
        housing = pd.read_parquet("housing.parquet")
        print(housing["value"].iloc[:5].values, housing[-3:].values, housing.iloc[2:8, 0].values)
        features = housing.iloc[:5000].values
    """) == [(3, "SPL102"), (5, "SPL234")]


def test_an_array_is_small_in_the_branch_whose_test_bounds_its_size_and_nowhere_else():
    assert codes("""
        import numpy as np
        def axes(cov, data):
            if cov.shape == (2, 2):
                u, s, vt = np.linalg.svd(cov)
            else:
                u, s, vt = np.linalg.svd(cov)
            if cov.size <= 4:
                cov = data
                u, s, vt = np.linalg.svd(cov)
            if cov.shape == (20000, 2):
                u, s, vt = np.linalg.svd(cov)
            return np.linalg.svd(cov)
    """) == [(7, "SPL511"), (10, "SPL511"), (12, "SPL511"), (13, "SPL511")]


def test_rows_picked_by_a_few_labels_written_out_are_small_and_columns_picked_so_are_not():
    assert codes("""
        import pandas as pd
        housing = pd.read_parquet("housing.parquet").set_index("id")
        for key in keys:
            row = housing.loc[[key]].reset_index()
        pair = housing.iloc[[0, 7]].reset_index()
        both = housing[["value", "rooms"]].reset_index()
    """) == [(3, "SPL102"), (3, "SPL243"), (7, "SPL243")]


def test_nan_written_in_an_array_keeps_it_written_out():
    assert findings("""
        import numpy as np
        from numpy import nan
        from sklearn.linear_model import LinearRegression
        X = np.array([[nan, 1], [2, np.nan], [3, 4]])
        LinearRegression().fit(X, [1, 2, 3])
    """)[0][1:3] == ("SPL401", "info")


def test_a_dict_of_scores_as_a_frame_is_small_and_a_frame_of_a_frame_is_not():
    assert codes("""
        import pandas as pd
        def summary(scores):
            table = pd.DataFrame(list(scores.items()), columns=["metric", "value"])
            table.sort_values("metric", inplace=True)
            return table
        report = summary({"mae": 0.4})
        report["run"] = "baseline"
        sales = pd.read_parquet("sales.parquet")
        copy = pd.DataFrame(sales.items())
        copy["run"] = "baseline"
    """) == [(9, "SPL102"), (11, "SPL240")]


def test_a_global_aggregate_and_listing_queries_built_in_pieces_are_small_but_not_a_row_per_group():
    assert codes("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        logs = spark.table("logs")
        per_query = logs.groupBy("query").agg({"ms": "avg"}).collect()
        by_model = logs.groupBy("model")
        per_model = by_model.agg({"ms": "max"}).collect()
        query = "SELECT id, name FROM workspaces WHERE kind = 'Workspace'"
        query = query + " AND name LIKE '%" + suffix + "'"
        for workspace in spark.sql(query).collect():
            print(workspace.name)
        every = spark.sql("SELECT * FROM " + "sales").collect()
        overall = logs.agg({"ms": "avg"}).collect()
    """) == [(5, "SPL602"), (7, "SPL602"), (12, "SPL602")]


def test_pandas_transformations_are_not_reported_in_a_web_app_unless_it_uses_spark():
    app = """
        import pandas as pd
        import {framework}
        orders = pd.read_parquet("orders.parquet")
        orders["total"] = orders["price"] * orders["quantity"]
    """
    assert codes(app.format(framework="flask")) == [(4, "SPL102")]
    assert codes(app.format(framework="flask, pyspark")) == [(4, "SPL102"), (5, "SPL240")]
    assert codes(app.format(framework="json")) == [(4, "SPL102"), (5, "SPL240")]


def test_a_web_apps_database_query_is_what_a_page_shows_and_its_file_reads_stay_reported():
    app = """
        import pandas as pd
        import {framework}
        scores = pd.read_sql("select * from scores order by ts desc limit 50", connection)
        orders = pd.read_parquet("orders.parquet")
    """
    assert codes(app.format(framework="streamlit")) == [(5, "SPL102")]
    assert codes(app.format(framework="streamlit, pyspark")) == [(4, "SPL105"), (5, "SPL102")]


def test_records_made_from_an_endpoints_reply_are_a_payload_and_records_from_a_frame_are_not():
    assert codes("""
        import pandas as pd
        import requests
        rows, copied = [], []
        for item in requests.get("https://api.example.com/items", timeout=30).json()["value"]:
            rows.append({"id": item.get("id"), "owner": item["owner"], "source": "api"})
        owners = pd.DataFrame(rows)
        owners["owner"] = owners["owner"].str.lower()
        sales = pd.read_parquet("sales.parquet")
        copied.append({"total": sales["total"], "source": "file"})
        totals = pd.DataFrame(copied)
        totals["source"] = totals["source"].str.lower()
    """) == [(9, "SPL102"), (12, "SPL240"), (12, "SPL238")]


def test_sql_of_one_row_by_construction_is_small_and_a_grouped_count_per_key_is_not():
    assert codes("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        database = spark.sql("SELECT current_database()").collect()[0][0]
        mine = spark.sql(f"SELECT max(ts) AS last FROM runs WHERE owner = '{who}' GROUP BY owner").collect()
        stats = spark.sql("SELECT stddev(ms), count(*) FROM runs").collect()
        per_owner = spark.sql("SELECT owner, COUNT(*) FROM runs GROUP BY owner").collect()
        other = spark.sql(f"SELECT COUNT(*) FROM runs WHERE owner = '{who}' GROUP BY team").collect()
    """) == [(7, "SPL602"), (8, "SPL602")]


def test_a_spark_frame_of_rows_written_in_the_code_is_small_through_a_transformer_and_a_read_one_is_not():
    assert codes("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        question = spark.createDataFrame([(asked, 1)], ["text", "n"])
        answer = embedder.transform(question).collect()[0]
        asked_back = question.collect()
        docs = spark.read.parquet("abfss://lake@store.dfs.core.windows.net/docs/")
        embedded = embedder.transform(docs).collect()
    """) == [(8, "SPL602")]


def test_a_frame_of_unknown_origin_grown_a_row_at_a_time_is_small_and_a_read_frame_is_not():
    assert codes("""
        import pandas
        steps = make_log_frame()
        for step in ("load", "train"):
            steps.loc[len(steps.index)] = [step, now()]
        steps = steps.astype({"step": "string"})
        sales = pandas.read_csv("sales.csv")
        sales.loc[len(sales)] = totals
        sales = sales.astype({"region": "string"})
    """) == [(7, "SPL101"), (9, "SPL232")]


def test_records_written_field_by_field_are_small_unless_a_loop_generates_them():
    assert codes("""
        import pandas as pd
        records, synthetic = [], []
        for var in solution.variables():
            record = {"name": var.name, "value": var.value}
            records.append(record)
        for i in range(rows_wanted):
            synthetic.append({"id": i, "amount": draw()})
        plan = pd.DataFrame([r for r in records if r["value"] > 0])
        plan = plan.rename(columns={"value": "quantity"})
        fake = pd.DataFrame(synthetic)
        fake = fake.rename(columns={"amount": "total"})
    """) == [(12, "SPL236")]


def test_a_series_of_a_list_written_out_is_small_when_the_list_is_named_first():
    assert codes("""
        import pandas as pd
        populations = [37253956, 39538223, 19378102, 20201249]
        pop = pd.Series(populations, index=["CA", "NY", "TX", "FL"])
        print(pop[pop > 22000000])
        sales = pd.read_csv("sales.csv")
        frames = [sales, sales]
        both = pd.concat(frames)
        print(both[both.amount > 0])
    """) == [(6, "SPL101"), (8, "SPL204"), (9, "SPL241")]


def test_a_file_named_for_a_runs_metrics_or_a_backtests_scores_is_small_and_other_scores_are_not():
    assert codes("""
        import os
        import pandas as pd
        folder = "backtest_results"
        per_run = pd.read_csv(os.path.join(folder, "metrics.csv"))
        print(per_run[per_run.metric > 1])
        metrics = pd.read_json("out/metrics.json")
        metrics["gap"] = metrics["train"] - metrics["test"]
        credit = pd.read_csv("credit_scores.csv")
        credit["gap"] = credit["limit"] - credit["balance"]
        backtest = pd.read_csv("automl_backtest/scores.csv")
        backtest["gap"] = backtest["train"] - backtest["test"]
        scored = pd.read_csv("predictions/scores.csv")
        scored["gap"] = scored["score"] - scored["label"]
    """) == [(9, "SPL101"), (10, "SPL240"), (13, "SPL101"), (14, "SPL240")]


def test_patches_cut_from_images_are_arrays_and_no_model():
    assert codes("""
        import numpy as np
        from sklearn.decomposition import PCA
        from sklearn.feature_extraction.image import PatchExtractor
        images = np.load("images.npy")
        patches = PatchExtractor(patch_size=(8, 8), max_patches=100).transform(images)
        reduced = PCA(n_components=10).fit_transform(patches.reshape(len(patches), -1))
    """) == [(5, "SPL502"), (7, "SPL422")]


def test_a_summary_of_a_frame_is_small_but_computing_it_is_reported():
    assert codes("""
        import pandas as pd
        flights = pd.read_parquet("flights.parquet")
        shares = flights["carrier"].value_counts() / len(flights)
        table = pd.DataFrame({"share": shares, "normalized": flights["origin"].value_counts(normalize=True)})
        table["gap"] = table["share"] - table["normalized"]
        matrix = flights.corr(numeric_only=True)
        ranked = matrix["delay"].sort_values(ascending=False)
        means = flights.mean(numeric_only=True)
        means = means.sort_values()
        per_row = flights.sum(axis=1)
        per_row = per_row.sort_values()
        spread = flights.describe()
        spread = spread.loc["std"].sort_values()
    """) == [(3, "SPL102"), (4, "SPL212"), (5, "SPL212"), (7, "SPL217"), (12, "SPL210")]


def test_a_statistic_or_balance_measure_computed_by_spark_is_small_when_collected():
    assert codes("""
        from pyspark.ml.stat import Correlation
        from synapse.ml.exploratory import DistributionBalanceMeasure
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        people = spark.table("people")
        balance = DistributionBalanceMeasure().setSensitiveCols(["region"]).transform(people).collect()
        picked = [row for row in balance if row["FeatureName"] == "region"]
        matrix = Correlation.corr(people, "features").collect()[0][0]
        everyone = people.collect()
    """) == [(10, "SPL602")]


def test_a_frame_parsed_from_an_endpoints_reply_is_small_through_other_libraries():
    assert codes("""
        import io
        import pandas as pd
        import pyarrow as pa
        import requests

        def run_query(url: str, query: str) -> pd.DataFrame:
            reply = requests.post(url, json={"query": query}, timeout=60)
            return pa.ipc.open_stream(io.BytesIO(reply.content)).read_all().to_pandas()

        segments = run_query(endpoint, "EVALUATE INFO.TABLES()")
        hidden = segments[segments["[NAME]"].str.startswith("H$")]
        events = pd.read_parquet("events.parquet")
        late = events[events["delay"] > 30]
    """) == [(13, "SPL102"), (14, "SPL241")]


def test_pandas_work_is_not_reported_without_spark_in_a_file_that_fetches_metadata_from_apis():
    notebook = """
        import json
        import pandas as pd
        import {client}
        users = pd.DataFrame(collect_users(scan))
        users["details"] = users["details"].apply(json.dumps)
        {extra}
    """
    assert codes(notebook.format(client="requests", extra="")) == []
    assert codes(notebook.format(client="sempy.fabric as fabric", extra="")) == []
    assert codes(notebook.format(client="requests", extra="spark.createDataFrame(users)")) == [
        (6, "SPL240"), (6, "SPL220")]
    assert codes(notebook.format(client="requests", extra="more = pd.read_csv('users.csv')")) == [
        (6, "SPL240"), (6, "SPL220"), (7, "SPL101")]


def test_pandas_work_whose_result_only_feeds_a_chart_is_not_reported():
    assert codes("""
        import matplotlib.pyplot as plt
        import pandas as pd
        sales = pd.read_parquet("sales.parquet")
        wide = sales.pivot(index="month", columns="region", values="total")
        smooth = wide.rolling(3).mean()
        plt.plot(wide.index, smooth)
        sales.groupby("region")["total"].sum().plot(kind="bar")
        kept = sales.pivot(index="month", columns="store", values="total")
        kept.plot()
        kept.to_csv("wide.csv")
    """) == [(4, "SPL102"), (9, "SPL205"), (11, "SPL150")]


def test_a_frame_made_only_to_be_sent_to_a_service_is_a_payload():
    """A request's body is small enough for one request, as a chart's data is small enough to draw: a frame prepared
    only to be sent (a column dropped with a bare `pop`, a column made text for JSON) is not data work to move."""
    assert codes("""
        import json
        import pandas as pd
        import requests
        test = pd.read_parquet("test.parquet")
        query = test.copy()
        query.pop("label")
        query["day"] = query["day"].astype(str)
        reply = service.run(input_data=json.dumps({"data": query.to_dict(orient="records")}))
        sample = test.drop(columns=["label"])
        requests.post(url, data=sample.to_json(orient="records"))
        kept = test.copy()
        kept.pop("label")
        kept.to_parquet("kept.parquet")
    """) == [(5, "SPL102"), (12, "SPL242"), (14, "SPL151")]


def test_a_frame_a_forecaster_is_given_is_data_work_though_its_forecast_is_only_shown():
    """A forecaster's forecast is a model's work, as a predict is: the frame it is given is its data, even when the
    forecast itself is only shown."""
    assert [(line, code, severity) for line, code, severity, _ in findings("""
        import joblib
        import pandas as pd
        past = pd.read_parquet("past.parquet")
        future = pd.read_parquet("future.parquet")
        query = pd.concat([past, future])
        fitted = joblib.load("model.pkl")
        forecast, table = fitted.forecast(query)
        table.head()
    """)] == [(4, "SPL102", "warning"), (5, "SPL102", "warning"), (6, "SPL204", "warning")]


def test_a_frame_shown_only_in_widgets_is_display_work():
    """ipywidgets show what they are given, as a chart does: the rows a reader labels by hand are not data work."""
    assert codes("""
        import ipywidgets as widgets
        import pandas as pd
        pairs = pd.read_parquet("pairs.parquet")
        shown = pairs.drop(columns=["score"])
        rows = [widgets.HTML(value=str(shown.loc[i].to_list())) for i in range(len(shown))]
        kept = pairs.drop(columns=["score"])
        kept.to_parquet("kept.parquet")
    """) == [(4, "SPL102"), (7, "SPL235"), (8, "SPL151")]


def test_a_parameter_rebound_only_to_draw_it_is_chart_work_its_name_in_the_signature_no_use():
    assert codes("""
        import matplotlib.pyplot as plt
        import pandas as pd
        def draw(series, time_column):
            series = series.set_index(time_column)
            plt.plot(series[["actual", "forecast"]])
        def save(frame, time_column):
            frame = frame.set_index(time_column)
            frame.to_parquet("indexed.parquet")
    """) == [(8, "SPL243"), (9, "SPL151")]


def test_groups_walked_only_to_draw_a_chart_each_are_not_reported_and_groups_walked_otherwise_are():
    assert codes("""
        import matplotlib.pyplot as plt
        import pandas as pd
        def draw(frame, pages):
            figure, axes = plt.subplots()
            axes.plot(frame["t"], frame["y"])
            pages.savefig(figure)
        def main(sales, pages):
            for _, series in sales.groupby(["store", "item"]):
                draw(series, pages)
            for region, part in sales.groupby("region"):
                plt.plot(part["t"], part["y"], label=region)
            for region, part in sales.groupby("region"):
                part.to_csv(f"{region}.csv")
    """) == [(13, "SPL307"), (14, "SPL150")]


def test_a_module_function_is_not_a_method_on_a_large_frame_when_the_module_reads_as_one():
    assert codes("""
        import pandas as pd
        left = pd.DataFrame([["a", 1]], columns=["key", "x"])
        right = pd.DataFrame([["a", 2]], columns=["key", "y"])
        both = pd.concat([left, right])
        counts = pd.value_counts(both["key"])
    """) == []


def test_a_row_per_group_pulled_only_to_become_a_dict_is_a_lookup_and_other_pulls_of_it_are_reported():
    assert codes("""
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.getOrCreate()
        events = spark.table("events")
        counts = events.groupBy("country").count().where(F.col("count") > 100)
        counts = counts.withColumn("rate", F.lit(1000) / F.col("count"))
        rates = counts.select("country", "rate").toPandas().to_dict()
        sample = events.sampleBy("country", {r.country: r.rate for r in counts.collect()})
        floors = dict(events.groupBy("country").agg(F.min("ts")).collect())
        per_country = counts.toPandas()
        every = events.toPandas().to_dict()
    """) == [(10, "SPL601"), (11, "SPL601")]


def suggestions(code: str) -> list[str]:
    result = check_source(Source("t.py", "python", textwrap.dedent(code)))
    assert result.error is None
    return [f.suggestion for f in result.findings]


def test_a_path_is_followed_through_names_sums_and_f_strings_into_the_spark_reader():
    """A web URL held in a name or built in pieces is never handed to spark.read; Databricks' local
    mount `/dbfs/…` is `dbfs:/…` to Spark, re-spelt where the code writes it."""
    found = suggestions("""
        import pandas as pd
        site = "https://files.example.net/open/"
        page = site + "rain.csv"
        rain = pd.read_csv(page)
        wind = pd.read_csv(f"{site}wind.csv")
        pressure = pd.read_parquet("/dbfs" + export_folder())
        home = "/dbfs/mnt/weather/humidity"
        humidity = pd.read_parquet(home)
        stations = pd.read_parquet(f"/dbfs/mnt/{region}/stations")
        local = pd.read_parquet("/dbfsdata/x")
    """)
    assert [s.split(",")[0] for s in found[:2]] == [
        'spark.read.csv("<a copy of https://files.example.net/open/rain.csv in storage the cluster reads: Spark does not read web URLs; copy the file there first',
        'spark.read.csv("<a copy of https://files.example.net/open/wind.csv in storage the cluster reads: Spark does not read web URLs; copy the file there first']
    assert found[2:5] == ['spark.read.parquet("dbfs:" + export_folder())',
                         'spark.read.parquet(home.replace("/dbfs", "dbfs:", 1))',
                         'spark.read.parquet(f"dbfs:/mnt/{region}/stations")']
    assert found[5].startswith('spark.read.parquet("</dbfsdata/x copied to storage the cluster reads')  # no mount


def test_a_pandas_frame_another_library_returns_is_made_a_spark_frame_before_spark_writes_it():
    """`out.to_csv(p)` on a frame known as pandas only by its members: `out.write` would fail on it."""
    found = suggestions("""
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        scores, table = evaluator.run(spark.table("loans"))
        table.to_csv("/Volumes/main/reports/report.csv", index=False)
        summary = pd.read_csv("summary.csv")
        summary.to_csv("/Volumes/main/reports/copy.csv")
    """)
    assert [s.split("  #")[0] for s in found if ".write" in s] == [
        'spark.createDataFrame(table).write.mode("overwrite").option("header", True).csv("/Volumes/main/reports/report.csv")',
        'summary.write.mode("overwrite").option("header", True).csv("/Volumes/main/reports/copy.csv")']


def test_a_pandas_frame_no_pandas_reader_of_the_file_reads_is_made_a_spark_frame_before_spark_writes_it():
    """Rows pulled by `toPandas()` and edited, or a frame a function of the file returns, stay pandas when the reads
    move to Spark; a frame made from a pandas read is the read's Spark frame."""
    found = suggestions("""
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        def pairs():
            return spark.table("pairs").toPandas()
        labelled = pairs()
        labelled.loc[0, "label"] = 1
        labelled.to_parquet("/Volumes/main/labels/marked.parquet")
        sales = pd.read_csv("/Volumes/main/raw/sales.csv")
        totals = sales.groupby("store", as_index=False)["amount"].sum()
        totals.to_parquet("/Volumes/main/reports/totals.parquet")
    """)
    assert [s.split("  #")[0] for s in found if ".write" in s] == [
        'spark.createDataFrame(labelled).write.mode("overwrite").parquet("/Volumes/main/labels/marked.parquet")',
        'totals.write.mode("overwrite").parquet("/Volumes/main/reports/totals.parquet")']


def test_values_held_on_the_driver_are_joined_to_a_frame_never_given_to_with_column():
    found = suggestions("""
        import pandas as pd
        import numpy as np
        visits = pd.read_parquet("visits/")
        visits["noise"] = np.random.normal(size=len(visits))
        visits["ward"] = ["a", "b"] * (len(visits) // 2)
        visits["stay_days"] = visits["stay_hours"] / 24
        visits["long"] = np.where(visits["stay_days"] > 7, 1, 0)
    """)
    assert [s.split("  #")[0] for s in found if "visits = " in s] == [
        'visits = visits.withColumn("noise", F.randn())', "visits = visits.join(values, on=key)",
        'visits = visits.withColumn("stay_days", F.col("stay_hours") / 24)',
        'visits = visits.withColumn("long", F.when(F.col("stay_days") > 7, 1).otherwise(0))']
    assert "never a local array or list" in found[2] and "never a local array" not in found[-1]


def test_a_frame_joined_to_its_own_flattened_column_is_one_finding_of_the_pattern_not_the_join():
    assert codes("""
        import pandas as pd
        events = pd.read_parquet("events/")
        events = events.join(events["tags"].explode(), rsuffix="_one")
        both = events.join(pd.read_parquet("users/"), on="user_id")
    """) == [(3, "SPL102"), (4, "SPL219"), (5, "SPL202"), (5, "SPL102")]


def test_a_spark_frame_made_from_rows_the_driver_holds_is_pulled_back_without_a_finding():
    """Its rows were in the driver's memory already (the read or the createDataFrame is the finding);
    a frame the cluster reads is still reported when it is pulled."""
    assert codes("""
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        catalog = pd.read_excel("Files/catalog.xlsx")
        fields = spark.createDataFrame(catalog).select("table", "field").collect()
        orders = spark.read.parquet("Tables/orders").select("id").collect()
    """) == [(5, "SPL104"), (6, "SPL609"), (7, "SPL602")]


def test_rows_a_loop_acts_on_one_by_one_through_a_service_or_ddl_are_an_info_that_says_so():
    result = check_source(Source("t.ipynb", "databricks", textwrap.dedent("""
        import requests
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()

        def refresh(item_id):
            return requests.post(f"https://api.example.com/items/{item_id}/refresh", timeout=60)

        for row in spark.table("ops.top_items").collect():
            refresh(row.item_id)
        layout = pd.read_csv("layout.csv")
        for table in ["orders", "refunds"]:
            fields = layout[layout["table"] == table]
            spark.sql(f"CREATE TABLE IF NOT EXISTS sales.{table} ({', '.join(fields['column'])})")
        for row in spark.table("sales.orders").collect():
            totals[row.region] = totals.get(row.region, 0) + row.amount
        kept = layout[layout["table"] == "orders"]
    """)))
    assert result.error is None
    items = {(f.line, f.code, f.severity, "each row is an item the loop acts on" in f.message) for f in result.findings}
    assert {(10, "SPL602", "info", True), (10, "SPL603", "info", True), (14, "SPL241", "info", True),
            (16, "SPL602", "warning", False), (16, "SPL603", "error", False), (18, "SPL241", "info", False)} <= items


def test_a_loop_that_adds_each_row_to_a_ddl_statement_acts_on_items_and_one_that_sums_does_not():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        columns = pd.read_csv("columns.csv")
        for table in ["orders", "refunds"]:
            ddl = "CREATE TABLE IF NOT EXISTS sales." + table + " ("
            for _, column in columns[columns["table"] == table].iterrows():
                ddl = ddl + column["name"] + " " + column["type"] + ", "
            report = "rows of " + table + ": "
            for _, column in columns[columns["table"] == table].iterrows():
                report = report + column["name"] + ", "
    """)))
    loops = [(f.line, "each row is an item the loop acts on" in f.message) for f in result.findings if f.code == "SPL301"]
    assert loops == [(6, True), (9, False)]


def test_rows_posted_to_a_rest_path_of_a_client_the_file_does_not_build_are_items():
    """A workspace's REST path (`/v1/workspaces/...`) names a service however its client was made (in a notebook
    this one runs): each pulled row is one request, not data to compute with."""
    result = check_source(Source("t.ipynb", "databricks", textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        roles = spark.sql("select * from admin.role_assignments").collect()
        for role in roles:
            client.post("/v1/workspaces/" + role["workspace_id"] + "/roleAssignments", json={"role": role["role"]})
        sums = spark.sql("select * from sales.orders").collect()
        for order in sums:
            ledger.post(order["amount"])
    """)))
    pulls = [(f.line, "each row is an item the loop acts on" in f.message) for f in result.findings if f.code == "SPL602"]
    assert pulls == [(4, True), (7, False)]


def test_a_row_loop_whose_own_body_calls_a_client_per_row_is_an_info_that_says_so():
    """A loop that adds each listed column to a model through a connection, or posts each row, cannot be column
    expressions; a loop around a row loop that calls a service does not make the inner one an item list."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        from sempy_labs.tom import connect_semantic_model
        from sempy.fabric import FabricRestClient

        layout = pd.read_csv("layout.csv")
        with connect_semantic_model(dataset="sales", readonly=False) as model:
            for _, spec in layout.iterrows():
                model.add_data_column(table_name=spec["table"], column_name=spec["column"])
        client = FabricRestClient()
        for spec in layout.itertuples():
            client.post(f"v1/workspaces/{spec.workspace}/refresh")
        for workspace in ["a", "b"]:
            client.get(f"v1/workspaces/{workspace}")
            for _, spec in layout.iterrows():
                layout.loc[_, "width"] = len(spec["column"]) * 2
    """)))
    assert result.error is None
    loops = [(f.line, f.severity, "each row is an item the loop acts on" in f.message)
             for f in result.findings if f.code == "SPL301"]
    assert loops == [(8, "info", True), (11, "info", True), (15, "warning", False)]


def test_a_row_loop_that_calls_its_own_function_per_row_is_a_walk_an_info_with_no_rewrite():
    """Each row of a dependency listing starts a recursive walk, which no column expression does, from the function
    that recurses or by calling it; a loop that calls another function per row is still a row loop."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd

        def parents(links, child, depth, found):
            for _, link in links[links["child"] == child].iterrows():
                found.append((link["parent"], depth))
                parents(links, link["parent"], depth + 1, found)

        def widths(frame):
            for _, row in frame.iterrows():
                frame.loc[_, "width"] = measure(row["text"])

        for _, measure_row in measures.iterrows():
            parents(links, measure_row["name"], 0, found)
    """)))
    assert result.error is None
    loops = [(f.line, f.severity, "recursive walk" in f.message, f.suggestion.startswith("# no column expression"))
             for f in result.findings if f.code == "SPL301"]
    assert loops == [(5, "info", True, True), (10, "warning", False, False), (13, "info", True, True)]


def test_one_column_of_a_row_per_group_is_an_info_bounded_by_the_keys_and_whole_rows_are_not():
    """Keys that are ids are as many as the rows they group: an info that says so; keys named as categories (a
    column's name, a race, an hour) are few: silent."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.getOrCreate()
        per_user = spark.table("audit.queries").groupBy("user_id").count()
        busy = {r.user_id for r in per_user.filter(F.col("count") > 50).select("user_id").collect()}
        rows = per_user.filter(F.col("count") > 50).collect()
        teams = spark.table("staff").groupBy("team").agg(F.collect_list("user").alias("users"))
        members = [r.users for r in teams.select("users").collect()]
        per_column = spark.table("audit.queries").groupBy("column_name").count()
        columns = {r.column_name for r in per_column.select("column_name").collect()}
        reports = [r.ReportID for r in spark.table("reports").select("ReportID").distinct().collect()]
        kinds = [r.kind for r in spark.table("reports").select("kind").distinct().collect()]
    """)))
    pulls = [(f.line, f.severity, "as many values as the grouping has keys" in f.message,
              "the distinct values of one or two columns" in f.message) for f in result.findings if f.code == "SPL602"]
    assert pulls == [(5, "info", True, False), (6, "warning", False, False), (8, "warning", False, False),
                     (11, "info", False, True)]


def test_the_distinct_lengths_or_dates_parts_of_a_column_are_few_and_its_distinct_values_are_not():
    """A length or a part of a date has few values whatever the rows (silent); a column's values are as many as it has."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.getOrCreate()
        docs = spark.table("docs")
        sizes = {r.n for r in docs.select(F.size("embedding").alias("n")).distinct().collect()}
        years = [r[0] for r in docs.select(F.year("created").cast("int")).distinct().collect()]
        titles = [r[0] for r in docs.select(F.upper("title")).distinct().collect()]
    """)))
    assert sorted((f.line, f.code) for f in result.findings) == [(7, "SPL602"), (7, "SPL603")]


def test_a_row_per_group_of_keys_named_as_categories_is_an_info_that_names_the_keys():
    """Groups by categories or periods are as many as their values (an info that says so, through `na.drop()` too);
    groups by ids are as many as the rows, and a group's values gathered by `collect_list` are all the data."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession, functions as F
        spark = SparkSession.builder.getOrCreate()
        scored = spark.table("scored")
        metrics = scored.groupBy("model", "hour").agg(F.avg("error").alias("mae")).na.drop()
        errors = metrics.where(F.col("model") == "A").select("mae").toPandas()
        per_user = scored.groupBy("user_id").agg(F.avg("error").alias("mae")).toPandas()
        listed = scored.groupBy("model").agg(F.collect_list("error").alias("errors")).toPandas()
    """)))
    pulls = [(f.line, f.severity, "a row per group of 'model', 'hour'" in f.message)
             for f in result.findings if f.code == "SPL601"]
    assert pulls == [(6, "info", True), (7, "error", False), (8, "error", False)]


@pytest.mark.parametrize("listed, small", [("fabric.list_reports()", True), ("pd.read_csv('reports.csv')", False)])
def test_work_on_a_parameter_every_call_gives_a_small_value_is_an_info_that_says_so(listed, small):
    """A helper's frame parameter is as small as what the file's calls give it: a workspace's listing of reports is
    small, a file read whole is not; a helper also handed on as a value keeps its finding."""
    result = check_source(Source("t.py", "python", textwrap.dedent(f"""
        import pandas as pd
        import sempy.fabric as fabric
        def keep(reports: pd.DataFrame, ids: list) -> pd.DataFrame:
            return reports[reports["ReportId"].isin(ids)]
        def drop(reports: pd.DataFrame, ids: list) -> pd.DataFrame:
            return reports[~reports["ReportId"].isin(ids)]
        usage = pd.read_parquet("usage.parquet")
        reports = {listed}
        kept = keep(reports, ["a"])
        dropped = list(map(drop, [reports], [["b"]]))
    """)))
    filters = [(f.line, "which every call of `keep` in this file gives a small value" in f.message)
               for f in result.findings if f.code == "SPL241"]
    assert filters == [(5, small), (7, False)]


@pytest.mark.parametrize("read, small", [("out/metrics.csv", True), ("sales.csv", False)])
def test_work_on_a_group_of_a_parameter_every_call_gives_a_small_value_is_an_info_that_says_so(read, small):
    """A group of a helper's frame parameter is as small as the frame the file's calls give it."""
    result = check_source(Source("t.py", "python", textwrap.dedent(f"""
        import pandas as pd
        def widen(scores, prefix):
            table = None
            for run_id, part in scores.groupby("run_id"):
                if not run_id.startswith(prefix):
                    continue
                df = part[["metric", "value"]]
                df.rename({{"value": run_id}}, axis=1, inplace=True)
                df.set_index("metric", inplace=True)
                if table is None:
                    table = df
                else:
                    table = table.merge(df, how="inner", left_index=True, right_index=True)
            return table
        wide = widen(pd.read_csv("{read}"), "a")
    """)))
    told = [(f.code, f.line, "which every call of `widen` in this file gives a small value" in f.message)
            for f in result.findings if f.code in ("SPL236", "SPL202")]
    assert told == [("SPL236", 9, small), ("SPL202", 14, small)]  # the merge of the groups too, through `df`


@pytest.mark.parametrize("listed, small", [("fabric.list_columns(dataset)", True), ('pd.read_csv("columns.csv")', False)])
def test_work_on_a_frame_made_from_a_parameter_alone_is_as_small_as_the_parameter(listed, small):
    """Rows a helper keeps of its frame parameter (`eligible = columns[mask]`) are as small as what the file's calls
    give it; a frame joined with another's rows is not."""
    result = check_source(Source("t.py", "python", textwrap.dedent(f"""
        import pandas as pd
        import sempy.fabric as fabric
        def keys(columns: pd.DataFrame, usage: pd.DataFrame) -> list:
            eligible = columns[~columns["Name"].str.startswith("Row")]
            joined = eligible.merge(usage, on="Name")
            for _, row in joined.iterrows():
                print(row["Name"])
            return [f"{{row['Table']}}.{{row['Name']}}" for _, row in eligible.iterrows()]
        found = keys({listed}, pd.read_parquet("usage.parquet"))
    """)))
    loops = [(f.line, "which every call of `keys` in this file gives a small value" in f.message)
             for f in result.findings if f.code == "SPL301"]
    assert loops == [(7, False), (9, small)]


def test_records_made_from_each_row_of_a_frame_are_as_many_as_its_rows():
    """A record written out is small by construction, unless the loop that makes it walks a frame's rows."""
    script = """
        import pandas as pd
        events = pd.read_parquet("events.parquet")
        rows = []
        for _, event in events.iterrows():
            record = {"id": event["id"], "kind": "click"}
            rows.append(record)
        unpacked = pd.DataFrame(rows)
        settings = []
        for name in ["a", "b"]:
            settings.append({"name": name, "on": True})
        table = pd.DataFrame(settings)
    """
    assert (kind_after(script, "unpacked"), kind_after(script, "table")) == ("pandas", "pandas.small")


def test_a_pull_of_a_dataframe_limit_bounds_is_an_info_that_states_the_bound():
    """A limit of a few rows is a look (silent); a larger one is a sample of known size, through a name too."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        events = spark.table("events")
        sample = events.limit(1000).toPandas()
        glance = events.limit(10).toPandas()
        head = events.limit(500)
        ids = head.select("id").collect()
        everything = events.toPandas()
    """)))
    pulls = [(f.line, f.severity, "at most" in f.message) for f in result.findings if f.code in ("SPL601", "SPL602")]
    assert pulls == [(5, "info", True), (8, "info", True), (9, "error", False)]


def test_the_distinct_values_of_a_column_pulled_are_an_info_bounded_by_how_many_it_has():
    """Through a name and a cache too; distinct whole rows, or of many columns, are as many as the data's rows."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        events = spark.table("events")
        tenants = events.select("tenant_id").distinct().cache()
        names = [row["tenant_id"] for row in tenants.orderBy("tenant_id").collect()]
        rows = events.distinct().collect()
        wide = events.select("tenant", "user", "device").distinct().collect()
        regions = spark.sql("SELECT DISTINCT customer_id FROM sales.orders")
        names = [row[0] for row in regions.select("customer_id").collect()]
    """)))
    pulls = [(f.line, f.severity, "the distinct values of one or two columns" in f.message)
             for f in result.findings if f.code == "SPL602"]
    assert pulls == [(6, "info", True), (7, "warning", False), (8, "warning", False), (10, "info", True)]


def test_a_frame_read_only_to_print_its_size_and_first_rows_is_looked_at_and_a_printed_result_is_used():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        scored = pd.read_csv("out/scores.txt", sep=":", header=None)
        scored.columns = ["file", "label"]
        print("scored", scored.shape[0], "files")
        print(f"first rows: {scored.head(10)}")
        sales = pd.read_csv("sales.csv")
        total = sales["amount"].sum()
        print("total", total)
    """)))
    reads = [(f.line, f.severity, "all it leads to is looked at" in f.message) for f in result.findings if f.code == "SPL101"]
    assert reads == [(3, "info", True), (7, "warning", False)]


def test_pandas_work_on_one_group_of_a_hand_written_group_by_is_an_info_that_the_loop_carries_it():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        def widen(scores):
            table = None
            for run_id, part in scores.groupby("run_id"):
                column = part[["metric", "value"]]
                column.rename(columns={"value": run_id}, inplace=True)
                column.set_index("metric", inplace=True)
                table = column if table is None else table.join(column)
            return table.rename(columns=str.upper)
    """)))
    found = [(f.line, f.code, f.severity, "one group of the group-by this loop writes by hand" in f.message)
             for f in result.findings]
    assert (5, "SPL307", "warning", False) in found
    assert (7, "SPL236", "info", True) in found
    assert (10, "SPL236", "info", False) in found


@pytest.mark.parametrize("after, reported", [
    ("", []),
    ("laps.to_parquet('clean.parquet')", [(5, "SPL101"), (7, "SPL244"), (8, "SPL240"), (8, "SPL232"), (11, "SPL151")]),
])
def test_a_frame_cleaned_in_place_only_to_be_plotted_and_shown_is_not_reported(after, reported):
    """Columns added to the frame itself, a bound computed from it for its own filter (`@low` in `query`), a look at
    its first rows: all stay on the way to the chart; a write of the frame is another use, so all of it is reported."""
    assert codes(f"""
        import matplotlib.pyplot as plt
        import numpy as np
        import pandas as pd
        laps = pd.read_csv("laps.csv")
        low, high = np.percentile(laps["seconds"], [1, 99])
        laps = laps.query("seconds > @low and seconds < @high")
        laps["pace"] = laps["seconds"].astype(float) / laps["km"]
        laps.head()
        plt.scatter(laps["km"], laps["pace"])
        {after}
    """) == reported


@pytest.mark.parametrize("after, reported", [
    ("", [(4, "SPL101"), (5, "SPL150")]),
    ("laps.to_parquet('paced.parquet')", [(4, "SPL101"), (5, "SPL150"), (6, "SPL243"), (7, "SPL240"), (9, "SPL151")]),
])
def test_changes_in_place_after_which_a_frame_only_feeds_a_chart_are_not_reported(after, reported):
    """A frame written, then indexed and given a column only for the chart drawn last: the changes are the chart's,
    the read and the write stay; a write after the changes makes them data work again."""
    assert codes(f"""
        import matplotlib.pyplot as plt
        import pandas as pd
        laps = pd.read_csv("laps.csv")
        laps.to_csv("laps_copy.csv")
        laps.set_index("lap", inplace=True)
        laps["pace"] = laps["seconds"] / laps["km"]
        plt.plot(laps["pace"])
        {after}
    """) == reported


@pytest.mark.parametrize("after, looked_at", [("(table * 100).round(1)", True), ("table.to_csv('shares.csv')", False)])
def test_a_helper_whose_every_result_is_only_looked_at_is_an_info_that_says_so(after, looked_at):
    """A function of the file called only to build a table that is shown (a notebook shows a bare expression) computes
    what a reader looks at: an info that says so, since the look is small and what it looks at may not be. The frame
    it reads is written too, so the read stays as it was."""
    result = check_source(Source("t.py", "python", textwrap.dedent(f"""
        import pandas as pd
        homes = pd.read_csv("homes.csv")
        def shares(frame: pd.DataFrame):
            return frame["band"].value_counts() / len(frame)
        table = pd.DataFrame({{"all": shares(homes), "some": shares(homes.sample(500))}})
        table["gap"] = table["some"] / table["all"] - 1
        {after}
        homes.to_parquet("homes.parquet")
    """)))
    found = {(f.line, f.code): f for f in result.findings}
    assert ("all it leads to is looked at" in found[(5, "SPL212")].message) == looked_at
    assert "all it leads to is looked at" not in found[(3, "SPL101")].message and found[(3, "SPL101")].severity == "warning"


def test_columns_taken_as_arrays_only_for_a_map_scatter_are_not_reported():
    assert codes("""
        import matplotlib.pyplot as plt
        import numpy as np
        import pandas as pd
        towns = pd.read_csv("towns.csv")
        lat = towns["lat"].values
        lon = towns["lon"].values
        lon, lat = np.meshgrid(lon, lat)
        ax = plt.axes()
        ax.scatter(lon, lat, s=towns["area"].values)
    """) == []


def test_a_pull_that_feeds_a_metric_on_its_way_to_a_chart_stays_reported():
    """A curve computed by scikit-learn over every pulled row is the work; that it is then drawn does not change it."""
    assert (6, "SPL601") in codes("""
        import matplotlib.pyplot as plt
        from pyspark.sql import SparkSession
        from sklearn.metrics import roc_curve
        spark = SparkSession.builder.getOrCreate()
        scored = spark.table("scored").select("label", "score").toPandas()
        fpr, tpr, _ = roc_curve(scored["label"], scored["score"])
        plt.plot(fpr, tpr)
    """)


def test_scoring_points_laid_on_a_grid_or_written_out_is_silent_and_data_generated_around_them_is_not():
    assert findings("""
        import numpy as np
        from sklearn.cluster import KMeans
        from sklearn.datasets import make_blobs
        from sklearn.preprocessing import PolynomialFeatures
        from sklearn.linear_model import LinearRegression
        centers = np.array([[0.2, 2.3], [-1.5, 2.3]])
        X, y = make_blobs(n_samples=2000, centers=centers)
        kmeans = KMeans(n_clusters=2).fit(X)
        kmeans.score(X)
        x0, x1 = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(0, 4, 100))
        labels = kmeans.predict(np.c_[x0.ravel(), x1.ravel()])
        poly = PolynomialFeatures(degree=2).fit(X)
        x_new = np.linspace(-3, 3, 100).reshape(100, 1)
        curve = LinearRegression().fit(poly.transform(X), y).predict(poly.transform(x_new)[:, :1])
    """) == [(9, "SPL420", "info", True), (10, "SPL417", "info", True), (13, "SPL437", "info", True),
             (15, "SPL401", "info", True), (15, "SPL417", "info", True)]


def test_a_frame_that_gathers_a_services_replies_in_its_loop_is_small_even_when_pandas_comes_from_run():
    code = textwrap.dedent("""
        # Databricks notebook source
        # MAGIC %run ./helpers

        # COMMAND ----------

        spark.sql("CREATE SCHEMA IF NOT EXISTS staging")

        # COMMAND ----------

        shortcuts = pd.DataFrame()
        for _, row in lakehouses.iterrows():
            reply = requests.get(f"https://api.fabric.microsoft.com/v1/workspaces/{row['id']}/shortcuts").json()
            page = pd.json_normalize(reply["value"])
            shortcuts = pd.concat([shortcuts, page], ignore_index=True)

        # COMMAND ----------

        first = shortcuts.loc[0, "name"]
        tables = shortcuts[shortcuts["path"] == "/Tables"]
        tables.rename(columns={"name": "table"}, inplace=True)

        # COMMAND ----------

        sales = pd.DataFrame()
        for blob in container.list_blobs():
            part = pd.read_csv(container.download_blob(blob.name).readall())
            sales = pd.concat([sales, part], ignore_index=True)
        first_sale = sales.loc[0, "amount"]
        big = sales[sales["amount"] > 0]
    """)
    result = check_source(read_source("nb.py", code.encode()))
    lines = code.splitlines()
    reported = {lines[f.line - 1].strip().split(" =")[0] for f in result.findings}
    assert not {"tables", "tables.rename(columns={\"name\": \"table\"}, inplace=True)"} & reported
    assert "big" in reported


def test_a_curve_and_its_area_drawn_are_a_chart_and_a_metric_printed_is_not():
    """A drawn curve is an info that says its points come from every row the metric is given; a printed metric is
    the metric's own finding."""
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        import matplotlib.pyplot as plt
        from sklearn.metrics import precision_recall_curve, auc, f1_score
        frame = pd.read_csv("s3://lake/scores.csv")
        precision, recall, _ = precision_recall_curve(frame["label"], frame["score"])
        area = auc(recall, precision)
        plt.plot(recall, precision)
        plt.title(f"precision and recall (area {area:.3f})")
        print(f1_score(frame["label"], frame["score"] > 0.5))
    """)))
    assert [(f.line, f.code, f.severity, "here to draw its result" in f.message) for f in result.findings
            if f.code != "SPL101"] == [(6, "SPL473", "info", True), (10, "SPL461", "info", False)]


def test_a_keras_fit_on_generated_points_is_small_and_one_on_a_loaded_array_is_not():
    assert findings("""
        import numpy as np
        from tensorflow import keras
        X = np.random.randn(60, 3)
        X_train = X + [0.2, 0, 0.2]
        autoencoder = keras.Sequential([keras.layers.Dense(2), keras.layers.Dense(3)])
        autoencoder.fit(X_train, X_train, epochs=500, verbose=False)
        data = np.load("data/big.npy")
        model = keras.Sequential([keras.layers.Dense(2)])
        model.fit(data, data[:, 0], epochs=5)
    """) == [(7, "SPL902", "info", True), (8, "SPL502", "info", False), (10, "SPL902", "warning", False)]


def test_a_loop_over_the_rows_a_class_constants_take_pulled_states_the_bound():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import DataFrame

        class Embedder:
            NUM_OPT_ROWS = 100

            def fit(self, dataset: DataFrame, column: str):
                sample = dataset.take(self.NUM_OPT_ROWS)
                self.sample = [row[column] for row in sample]
                rows = dataset.take(self.limit)
                return [row[column] for row in rows]
    """)))
    assert [(f.line, f.severity, "the 100 rows at most that the pull" in f.message) for f in result.findings
            if f.code == "SPL603"] == [(9, "info", True), (11, "error", False)]


def test_a_pipeline_a_cell_hands_only_to_a_drawing_helper_is_charted_with_its_steps_until_the_name_is_bound_anew():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        import matplotlib.pyplot as plt
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.linear_model import Lasso
        frame = pd.read_csv("s3://lake/points.csv")

        def basis_plot(model):
            model.fit(frame[["x"]], frame["y"])
            plt.plot(frame["x"], model.predict(frame[["x"]]))

        model = make_pipeline(StandardScaler(), Lasso(alpha=0.001))
        basis_plot(model)
        model = make_pipeline(StandardScaler(), Lasso(alpha=0.01))
        model.fit(frame[["x"]], frame["y"])
    """)))
    charted = [(f.line, f.code, "only to draw a chart" in f.message) for f in result.findings if f.line in (13, 15)]
    assert charted == [(13, "SPL442", True), (13, "SPL430", True), (13, "SPL403", True),
                       (15, "SPL442", False), (15, "SPL430", False), (15, "SPL403", False)]


def test_string_work_on_a_column_of_a_hand_written_groups_frame_is_the_loops_own():
    result = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        events = pd.read_parquet("s3://lake/events.parquet")
        for device, grp in events.groupby("device_id"):
            grp = grp.sort_values("ts").reset_index(drop=True)
            mismatch = grp["country"].astype(str).str.strip() != grp["ip_country"].astype(str).str.strip()
        codes = events["country"].astype(str).str.strip()
    """)))
    assert [(f.line, "here on one group" in f.message) for f in result.findings if f.code == "SPL238"] == [
        (6, True), (6, True), (7, False)]


def test_a_spark_frame_made_of_driver_rows_only_to_be_shown_is_no_data_sent_to_the_cluster():
    assert [line for line, code in codes("""
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        results = pd.read_csv("s3://lake/results.csv")
        display(spark.createDataFrame(results).orderBy("accuracy"))
        shown = spark.createDataFrame(results)
        display(shown.limit(20))
        spark.createDataFrame(results).write.saveAsTable("results")
    """) if code == "SPL609"] == [9]


def test_what_a_comprehension_takes_from_each_item_of_a_reply_is_as_small_as_the_reply():
    assert codes("""
        import requests
        import pandas as pd
        def mirror(url, out):
            items = requests.get(url).json().get("value", [])
            fields = [item["fields"] for item in items]
            frame = pd.DataFrame(fields)
            frame.to_parquet(out)
        def export(rows, out):
            fields = [row["fields"] for row in rows]
            pd.DataFrame(fields).to_parquet(out)
    """) == [(11, "SPL151")]


def test_a_spark_frame_made_from_what_a_caller_hands_in_is_pulled_back_without_a_finding_and_one_of_an_rdd_is_not():
    assert codes("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        class Scorer:
            def predict(self, data):
                scored = self.model.transform(spark.createDataFrame(data))
                return scored.select("prediction").toPandas().values.flatten().tolist()
        def scores(model, events_rdd):
            return model.transform(spark.createDataFrame(events_rdd)).toPandas()
    """) == [(9, "SPL601")]


def test_rows_picked_by_a_random_draw_of_a_capped_size_are_a_sample_and_half_of_the_rows_are_not():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        from pyspark.sql import SparkSession
        from sklearn.linear_model import Ridge
        spark = SparkSession.builder.getOrCreate()
        frame = spark.table("train").toPandas()
        X, y = frame[["a", "b"]].values, frame["y"].values
        size = min(2000, len(X))
        picked = np.random.choice(len(X), size=size, replace=False)
        Ridge().fit(X[picked], y[picked])
        rows = np.random.choice(len(X), 500)
        Ridge().fit(frame.iloc[rows], y[rows])
        half = np.random.choice(len(X), size=len(X) // 2)
        Ridge().fit(X[half], y[half])
    """))).findings
    fits = {f.line: f.message for f in findings if f.code == "SPL402"}
    assert "a sample drawn to a size the code caps" in fits[10] and "a sample drawn" in fits[12]
    assert " — here" not in fits[14]


def test_scores_shown_as_a_mean_are_an_evaluation_even_when_plotted_and_scores_only_plotted_are_a_chart():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        import matplotlib.pyplot as plt
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import cross_val_score
        train = pd.read_csv("train.csv")
        X, y = train.drop(columns="y"), train["y"]
        forest = RandomForestClassifier(n_estimators=100)
        scores = cross_val_score(forest, X, y, cv=10)
        scores.mean()
        plt.boxplot([scores])
        curve = cross_val_score(forest, X, y, cv=5)
        plt.plot(curve)
    """))).findings
    folds = {f.line: f.message for f in findings if f.code == "SPL453"}
    assert folds[9] == "`cross_val_score` fits the model once per fold on the driver"
    assert "here only to draw a chart" in folds[12]


def test_scoring_a_frame_of_a_few_rows_written_out_is_silent_and_fitting_the_read_data_is_not():
    assert codes("""
        import pandas as pd
        from sklearn.preprocessing import OneHotEncoder
        housing = pd.read_csv("s3://lake/housing.csv")
        encoder = OneHotEncoder()
        encoder.fit(housing[["ocean_proximity"]])
        examples = pd.DataFrame({"ocean_proximity": ["INLAND", "NEAR BAY"]})
        encoder.transform(examples)
    """) == [(4, "SPL101"), (5, "SPL434"), (6, "SPL417")]


def test_a_frame_of_pairs_zipped_with_a_value_per_feature_is_small_and_one_zipped_from_columns_is_not():
    assert codes("""
        import pandas as pd
        from pyspark.ml.feature import VectorAssembler
        def importances(assembler: VectorAssembler, model, names_path):
            ranked = pd.DataFrame(list(zip(assembler.getInputCols(), model.featureImportances)), columns=["f", "w"])
            ranked.sort_values("w", ascending=False).to_csv("importances.csv")
            names = pd.read_csv(names_path)
            return pd.DataFrame(list(zip(names["a"], names["b"]))).sort_values(0)
    """) == [(7, "SPL101"), (8, "SPL210")]


def test_a_name_the_module_binds_anew_is_a_new_variable_for_what_only_feeds_a_chart():
    assert codes("""
        import matplotlib.pyplot as plt
        import pandas as pd
        from sklearn.linear_model import LinearRegression
        df = pd.read_csv("s3://lake/merchants.csv")
        counts = df.groupby("merchant").size()
        counts.plot.hist(bins=100)
        counts = df.groupby("category").size()
        LinearRegression().fit(counts.to_frame(), counts)
    """) == [(5, "SPL101"), (8, "SPL201"), (9, "SPL401")]


def test_a_function_reads_every_binding_of_a_name_it_does_not_bind_itself():
    assert [line for line, code in codes("""
        import pandas as pd
        df = pd.read_csv("s3://lake/merchants.csv")
        counts = df.groupby("merchant").size()
        counts.plot.hist(bins=100)
        def total():
            return counts.sum()
        counts = df.groupby("category").size()
        counts.plot.hist(bins=10)
    """) if code == "SPL201"] == [4, 8]


def test_a_name_bound_in_a_branch_or_a_loop_keeps_one_variable_with_its_other_values():
    assert [line for line, code in codes("""
        import matplotlib.pyplot as plt
        import pandas as pd
        from sklearn.linear_model import LinearRegression
        df = pd.read_csv("s3://lake/merchants.csv")
        counts = df.groupby("merchant").size()
        counts.plot.hist(bins=100)
        if len(df) > 10:
            counts = df.groupby("category").size()
        LinearRegression().fit(counts.to_frame(), counts)
    """) if code == "SPL201"] == [6, 9]


def test_a_frame_named_as_a_module_imported_before_is_still_a_frame_when_it_is_plotted():
    assert codes("""
        import pandas as pd
        from pandas_datareader import data
        prices = pd.read_csv("s3://lake/goog.csv")["Close"]
        rolling = prices.rolling(365, center=True)
        data = pd.DataFrame({"input": prices, "mean": rolling.mean()})
        data.plot(style=["-", "--"])
    """) == []


def test_values_a_loop_walks_and_appends_to_a_list_that_is_only_plotted_are_a_charts_and_written_ones_are_not():
    assert codes("""
        import matplotlib.pyplot as plt
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        def plot_importance(frame):
            pulled = list(frame.select("dependence").toPandas()["dependence"])
            heights = []
            for vector in pulled:
                heights.append(vector.toArray()[0])
            plt.bar(range(len(heights)), heights)
        rows = []
        for row in spark.table("events").toPandas().itertuples():
            rows.append(row.amount)
        spark.createDataFrame(rows).write.saveAsTable("amounts")
    """) == [(12, "SPL601"), (14, "SPL609")]


def test_a_metric_of_a_forecast_horizon_sliced_from_an_unknown_series_is_small():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        from sklearn.metrics import mean_absolute_error
        horizon = 6
        truth = history["target"].values[-horizon:]
        print(mean_absolute_error(truth, forecast["mean"].values))
        print(mean_absolute_error(history["target"].values, forecast["mean"].values))
    """))).findings
    metrics = {f.line: f.message for f in findings if f.code == "SPL469"}
    assert "small by construction" in metrics[6] and " — here" not in metrics[7]


def test_an_index_made_a_column_as_a_frame_is_handed_to_spark_is_the_handing_overs_step():
    assert [(line, code) for line, code in codes("""
        import pandas as pd
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        weekly = pd.read_csv("s3://lake/weekly.csv", index_col="date")
        spark.createDataFrame(weekly.reset_index(drop=False), schema="date date, spend double")
        flat = weekly.reset_index()
        spark.createDataFrame(weekly.reset_index(drop=True))
    """) if code == "SPL243"] == [(7, "SPL243"), (8, "SPL243")]


def test_take_of_a_number_the_code_spells_is_an_info_that_states_it_and_of_a_huge_one_a_warning():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        from pyspark.sql import DataFrame, SparkSession
        spark = SparkSession.builder.getOrCreate()
        class Embedder:
            SAMPLE_ROWS = 100
            def sample(self, dataset: DataFrame):
                return [row[0] for row in dataset.take(self.SAMPLE_ROWS)]
        table = spark.table("events")
        everything = table.take(100000)
        few = table.take(10)
    """))).findings
    takes = {f.line: f for f in findings if f.code == "SPL605"}
    assert takes[7].severity == "info" and "here 100 rows at most" in takes[7].message
    assert takes[9].severity == "warning" and set(takes) == {7, 9}


def test_a_helpers_frame_whose_column_is_read_as_its_first_value_is_a_one_row_result():
    assert codes("""
        import pandas as pd
        import solvers
        def recover(network, hours):
            solved = solvers.solve(network, hours)
            plan = solved["model"].values[0]
            row = solved.drop(["model"], axis=1)
            row["plan"] = str(plan)
            return row.iloc[0].to_dict()
        def widen(frame):
            frame["double"] = frame["amount"] * 2
            return frame.iloc[:, 0]
    """) == [(11, "SPL240")]


def test_what_a_trace_logged_is_a_payload_and_work_on_it_in_a_helper_is_told_so():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        import pandas as pd
        def session_of(logs: pd.DataFrame):
            begins = logs[logs["Event Class"] == "QueryBegin"]
            return begins["Session ID"].iloc[0]
        def wait(trace):
            logs = trace.get_trace_logs()
            return session_of(logs)
    """))).findings
    assert [(f.line, f.code, f.severity) for f in findings] == [(4, "SPL241", "info")]
    assert "which every call of `session_of` in this file gives a small value" in findings[0].message


def test_the_first_rows_up_to_a_capped_sample_are_small_and_more_are_not():
    findings = check_source(Source("t.py", "python", textwrap.dedent("""
        import numpy as np
        from sklearn.linear_model import Ridge
        X, y = np.load("X.npy"), np.load("y.npy")
        Ridge().fit(X[:2000], y[:2000])
        Ridge().fit(X[:50000], y[:50000])
        scaled = scale(X)
        Ridge().fit(scaled[:64], y[:64])
        Ridge().fit(scaled[1000:], y[1000:])
    """))).findings
    fits = {f.line: f.message for f in findings if f.code == "SPL402"}
    assert "a sample drawn to a size the code caps" in fits[5] and "a sample drawn" in fits[8]  # a value of unknown kind too
    assert " — here" not in fits[6] and " — here" not in fits[9]


SIMULATED = """
    import numpy as np
    import pandas as pd
    def simulate(train_len, test_len, series=1):
        parts = []
        length = train_len + test_len
        for i in range(series):
            frame = pd.DataFrame({"t": pd.date_range("2000-01-01", periods=length, freq="D"),
                                  "y": np.arange(length).astype(float) + np.random.rand(length) + i * 5,
                                  "x": np.asarray(range(42, 42 + length)), "id": np.repeat("ts{}".format(i), length)})
            parts.append(frame[:train_len])
        train = pd.concat(parts)
        return train, train.pop("y").values
    HORIZON = 14
    X, y = simulate(train_len=365, test_len=HORIZON, series=2)
    X_long, y_long = simulate(730, HORIZON * 2, series=2)
"""


def test_data_a_helper_generates_at_the_sizes_every_call_of_the_file_spells_is_small():
    assert codes(SIMULATED) == []
    assert codes(SIMULATED.replace("730", "n_days")) == [(12, "SPL204"), (13, "SPL234")]  # a size not spelt
    assert codes(SIMULATED.replace("730", "730_000")) == [(12, "SPL204"), (13, "SPL234")]


def test_a_module_other_files_import_is_not_sized_by_its_own_self_test():
    module = SIMULATED + "    if __name__ == '__main__':\n        print(simulate(10, 2))\n"
    assert codes(module) == [(12, "SPL204"), (13, "SPL234")]
    assert codes(module, "jupyter") == []


def test_a_function_that_calls_itself_with_its_parameter_is_read_without_end():
    assert codes("""
        import numpy as np
        def halve(n):
            draws = np.random.rand(n + 1)
            return draws if n < 2 else halve(n // 2)
        halve(1000)
    """) == []
