"""The migrated script runs wherever the original runs (issue 17): each shape that used to break a
migration, run as pandas and migrated on a real local-cluster, with the same metrics; and the fixture
scripts of `fixtures/migrate/` proven distributed by `migrate --verify`'s proof. One cluster serves the
whole module: starting Spark is most of these tests' time.

The scripts in `migrate_shapes/` are small training scripts written in the styles users write
(helpers and `main()`, a label in a variable, chained `fit`, a `ColumnTransformer` …); one seeded data
file serves them all. A shape the migration cannot translate must still run: its data comes back to
pandas through a commented bridge, or its read stays pandas'.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sparklint.migrate import migrate_file
from sparklint.migrate.compare import METRIC_TOLERANCE, metrics_agree

pytest.importorskip("pyspark")

SHAPES = Path(__file__).parent / "migrate_shapes"
RUN_MANY = SHAPES / "run_many.py"
SCRIPTS = sorted(p for p in SHAPES.glob("*.py") if p.name not in ("make_data.py", "run_many.py"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "migrate"
FIXTURE_SCRIPTS = sorted(p for p in FIXTURES.glob("*.py") if p.name != "make_data.py")
VERIFY_BUDGET_S = 240


@pytest.fixture(scope="module")
def cluster():
    from sparklint.harness.cluster import ClusterSpec
    from sparklint.harness.session import VerifySession

    # Small inputs: a handful of shuffle partitions instead of 200 keeps each job's task count honest, and
    # each input file read as several splits gives both executors tasks from the first stage on (one
    # split per file let one executor take every task: the distribution proof then rested on luck).
    conf = {"spark.sql.shuffle.partitions": "4", "spark.sql.files.maxPartitionBytes": "16384",
            "spark.sql.files.openCostInBytes": "4096"}
    with VerifySession(ClusterSpec(conf=conf)) as session:
        yield session


def run_originals(scripts: list[Path], data: Path, out: Path) -> dict:
    """The pandas originals, one after the other in one process (no Spark): run_many's results."""
    command = [sys.executable, str(RUN_MANY), str(data), str(out), *map(str, scripts)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((out / "results.json").read_text())


def run_migrated(cluster, scripts: list[Path], data: Path, out: Path) -> dict:
    """The migrated scripts on the shared cluster, all in one harness run of run_many: one run per
    script would cost the harness's per-run bookkeeping twenty times over."""
    run = cluster.run(RUN_MANY, [str(data), str(out), *map(str, scripts)], timeout=600)
    assert run.status == "ok", run.traceback
    return json.loads((out / "results.json").read_text())


@pytest.fixture(scope="module")
def runs(tmp_path_factory, cluster):
    root = tmp_path_factory.mktemp("shapes")
    data = root / "data.csv"
    subprocess.run([sys.executable, str(SHAPES / "make_data.py"), str(data)], check=True)
    migrated = root / "migrated"
    migrated.mkdir()
    code = {}
    for script in SCRIPTS:
        code[script.name] = migrate_file(script).code
        (migrated / script.name).write_text(code[script.name])
    original = run_originals(SCRIPTS, data, root / "original-out")
    spark = run_migrated(cluster, [migrated / s.name for s in SCRIPTS], data, root / "migrated-out")
    return original, spark, code


@pytest.mark.parametrize("name", [s.name for s in SCRIPTS])
def test_the_migrated_script_runs_and_computes_the_same(runs, name):
    original, migrated, code = runs
    assert original[name]["ok"], original[name]
    assert migrated[name]["ok"], f"{migrated[name]}\n{code[name]}"
    assert migrated[name]["metrics"].keys() == original[name]["metrics"].keys()
    # Data work must agree exactly; a model trained by pyspark.ml on Spark's random split within
    # `migrate --verify`'s default tolerance.
    tolerance = METRIC_TOLERANCE if "from pyspark.ml" in code[name] else 1e-6
    assert metrics_agree(original[name]["metrics"], migrated[name]["metrics"], tolerance), (
        original[name]["metrics"], migrated[name]["metrics"])


# Shapes whose data work does not move to Spark yet (each comes back whole to pandas, or stays there).
STAYS_PANDAS = {"helpers_kept.py", "pop_label.py", "training_bridge.py", "class_weight_bridge.py", "model_evaluated.py"}


@pytest.mark.parametrize("name", [s.name for s in SCRIPTS if s.name not in STAYS_PANDAS])
def test_the_data_work_of_the_other_shapes_moves_to_spark(runs, name):
    assert "spark.read." in runs[2][name], runs[2][name]


@pytest.mark.parametrize("name, translated", [
    ("fillna_dict.py", """df.fillna({"income": df.select(F.median(F.col("income").cast("double"))).first()[0], "tenure": 0})"""),
    ("dedupe_string.py", 'df.dropDuplicates(["id"])'),
    ("clip_nulls.py", 'F.when(F.col("tenure").isNotNull(), F.least(F.col("tenure"), F.lit(365)))'),
    ("dates_month.py", 'F.month(F.col("signup"))'),
    ("dates_month.py", 'F.dayofmonth(F.to_timestamp(F.col("signup"), "yyyy-MM-dd"))'),
    ("dummies_drop_first.py", 'F.col(_column).eqNullSafe(v) for v in _values[1:]'),
    ("proba_threshold.py", 'F.col(_column).eqNullSafe(v).cast("int") for v in _values[1:]'),
    ("proba_threshold.py", 'proba.withColumn("prediction", (vector_to_array(F.col("probability"))[1] >= 0.5)'),
    ("helpers_main.py", 'df = df.withColumn("income_per_day"'),
    ("groupby_agg_merge.py",
     """df.dropna(subset=["plan"]).groupBy("plan").agg(F.mean(F.col("income").cast("double")).alias('mean'), F.max("income").alias('max'))"""),
    ("groupby_agg_merge.py", '.select(*df.columns, *[c for c in stats.columns if c not in df.columns])'),
    ("read_options.py", '.transform(lambda read: read.select([c for c in read.columns if c in cols]))'),
    ("read_options.py", '.withColumns({c: F.to_timestamp(c) for c in ["signup"]})'),
    ("read_options.py", '.withColumns({"plan": F.col("plan").cast("string")})'),
    ("read_options.py", 'df = df.join(plans, on="plan", how="left")'),
    ("group_transform.py", """F.when(F.col("plan").isNotNull(), F.mean(F.col("income").cast("double")).over(Window.partitionBy("plan")))"""),
    ("group_transform.py", 'F.when(F.least(F.lit(True), *[F.col(k).isNotNull() for k in ["plan", "city"]]), '
                           'F.max("tenure").over(Window.partitionBy("plan", "city")))'),
    ("group_sequence.py", 'F.lag("income", 1).over(Window.partitionBy("plan").orderBy("plan", "signup", "id"))'),
    ("group_sequence.py", 'F.lead("income", 1).over(Window.partitionBy("plan").orderBy("plan", "signup", "id"))'),
    ("group_sequence.py", 'F.col("income") - F.lag("income", 1).over('),
    ("group_sequence.py", 'F.when(F.col("tenure").isNotNull(), F.sum("tenure").over(Window.partitionBy("plan")'
                          '.orderBy("plan", "signup", "id").rowsBetween(Window.unboundedPreceding, 0)))'),
    ("group_sequence.py", 'F.row_number().over(Window.partitionBy("plan").orderBy("plan", "signup", "id")) - 1'),
    ("group_sequence.py", 'F.when(F.count("income").over(Window.partitionBy("plan").orderBy("plan", "signup", "id")'
                          '.rowsBetween(-2, 0)) >= 1, F.mean("income").over('),
    ("group_sequence.py", 'F.when(F.count("income").over(Window.partitionBy("plan", "city").orderBy("plan", "signup", "id")'
                          '.rowsBetween(-5, -1)) >= 2, F.mean("income")'),
    ("group_sequence.py", '.rowsBetween(-3, 0)) >= 4, F.stddev("income")'),
    ("group_sequence.py", 'F.sin(2 * np.pi * F.col("tenure") / 365) + F.cos(F.col("tenure"))'),
    ("group_sequence.py", 'df = df.withColumn(f"tenure_lag{lag}", F.when(F.col("plan").isNotNull(), F.lag("tenure", lag)'),
    ("element_tests.py", """F.coalesce(F.col("city").rlike('(?d)Lille|lyon'), F.lit(False)).cast("int")"""),
    ("element_tests.py", 'F.col("city").contains("L.lle").cast("int")'),
    ("element_tests.py", 'F.col("city").startswith(" ")'),
    ("element_tests.py", 'F.when(F.col("plan") == "basic", 1).when(F.col("plan") == "pro", 5))'),
    ("element_tests.py", 'F.when(F.col("tenure") < 90, "new").otherwise(F.when(F.col("tenure") <= 270, "settled")'),
    ("element_tests.py", 'F.when(F.col("income") >= 50, F.col("income") / 10).otherwise(0)'),
    ("element_tests.py", 'F.when((F.col("tenure") > 0) & (F.col("tenure") <= 90), 0)'),
    ("element_tests.py", '.when((F.col("tenure") >= 200) & (F.col("tenure") < 400), "late"))'),
    ("element_tests.py", 'F.date_format(F.col("signup"), "EEEE")'),
    ("element_tests.py", 'F.dayofyear(F.col("signup"))'),
    ("element_tests.py", 'df = df.withColumn("shouted", F.upper(F.trim(F.col("city"))))'),
    ("element_tests.py", 'df = df.withColumn("letters", F.length(F.col("city")))'),
    ("element_tests.py", 'F.concat(F.upper(F.substring(F.trim(F.col("city")), 1, 1)), '
                         'F.lower(F.substring(F.trim(F.col("city")), 2, 2147483647)))'),
    ("element_tests.py", 'F.bround(F.col("income"), 0).eqNullSafe(50)'),
    ("element_tests.py", 'df.select("income", "tenure").describe().show()'),
    ("clip_quantile.py", """F.least(F.greatest(F.col("income"), F.lit(df.select(F.percentile(F.col("income").cast("double"), 0.01))"""),
    ("boolean_share.py", """F.mean(F.col("is_paris").cast("double")).alias('paris_share')"""),
    ("boolean_share.py", """df.select(F.mean(F.col("is_paris").cast("double"))).first()[0]"""),
    ("date_cutoff.py", """cutoff = df.select(F.timestamp_micros(F.percentile(F.unix_micros(F.col("signup")), 0.8).cast("long"))).first()[0]"""),
    ("date_cutoff.py", 'train = df.filter(F.col("signup") <= cutoff)'),
    ("column_values.py", 'df = df.withColumn("income_kept", F.when(F.col("income") > 40, F.col("income")).otherwise(0))'),
    ("column_values.py", 'df = df.withColumn("income_high", F.when(F.col("tenure") > 100, F.col("income")))'),
    ("column_values.py", 'F.when(F.col("tenure").isNotNull(), F.least(F.greatest(F.col("tenure"), F.lit(30)), F.lit(300)))'),
    ("column_values.py", 'df = df.withColumn("signup_month", F.date_format(F.col("signup"), "yyyy-MM"))'),
    ("column_values.py", 'F.when(F.col("income") > 60, F.lit(None).cast("double")).otherwise(F.col("income"))'),
    ("column_values.py", 'df = df.withColumn("score", F.lit(None).cast("double"))'),
    ("column_values.py", 'F.col("income") / F.when(F.col("tenure") == 0, 1).otherwise(F.col("tenure"))'),
    ("column_values.py", 'F.when(F.col("plan") == "team", "group").otherwise(F.col("plan"))'),
    ("column_values.py", 'df = df.withColumn("reviewed_at", F.lit(None).cast("timestamp"))'),
    ("column_values.py", 'df = df.withColumn("city_number", F.expr("try_cast(`city` AS DOUBLE)"))'),
    ("column_values.py", 'df = df.withColumn("signup_hour", F.hour(F.col("signup")))'),
    ("column_values.py", 'df = df.withColumn("tenure_float", F.col("tenure").cast("double"))'),
    ("column_values.py", 'df = df.withColumn("flagged", F.lit(0.5).cast("double"))'),
    ("column_values.py", 'df = df.withColumn("tenure_number", F.col("tenure").cast("double"))'),
    ("column_values.py", 'F.when(F.col("tenure").isNotNull(), F.greatest(F.lit(30), F.col("tenure")))'),
    ("column_values.py", 'df = df.withColumn("plan_rank", F.when(F.col("plan") == "basic", 1).when(F.col("plan") == "pro", 2)'
                         '.when(F.col("plan") == "team", 3))'),
    ("column_values.py", 'df = df.withColumn("tier", F.when(F.col("income") >= 50, "big").otherwise("small"))'),
    ("column_values.py", 'df = df.withColumn("income_twice", F.col("income").cast("double") * 2)'),
    ("date_span_days.py", 'plans = plans.withColumn("span_days", F.floor((F.unix_micros(F.col("last_signup")) - '
                          'F.unix_micros(F.col("first_signup"))) / 86400000000))'),
    ("date_span_days.py", 'plans = plans.withColumn("span_hours", (F.unix_micros(F.col("last_signup")) - '
                          'F.unix_micros(F.col("first_signup"))) / 1000000 / 3600)'),
    ("forest_feature_fraction.py", 'RandomForestRegressor(numTrees=40, featureSubsetStrategy="0.5", minInstancesPerNode=5, seed=3)'),
    ("forest_feature_fraction.py", "# TODO(sparklint): max_features=0.5: Spark tries ceil(0.5 × features) at each split"),
    ("group_columns.py", """df.dropna(subset=["plan"]).groupBy("plan").agg(F.mean(F.col("income").cast("double")).alias("income"), """
                         """F.mean(F.col("tenure").cast("double")).alias("tenure"))"""),
    ("group_columns.py", 'groupBy("plan", "city").agg(F.max("income").alias("income"), F.max("tenure").alias("tenure"))'),
    ("group_bound.py", 'df = df.withColumn("prev_income", F.when(F.col("plan").isNotNull(), F.lag("income", 1)'
                       '.over(Window.partitionBy("plan").orderBy("plan", "signup", "id"))))'),
    ("group_bound.py", 'df = df.withColumn("nth_signup", F.when(F.col("plan").isNotNull(), F.row_number()'),
    ("group_bound.py", 'df = df.withColumn("city_top_income", F.when(F.col("city").isNotNull(), '
                       'F.max("income").over(Window.partitionBy("city"))))'),
    ("group_bound.py", """plans = df.dropna(subset=["plan"]).groupBy("plan").agg(F.count("id").alias('customers'), """),
    ("ridge_penalty.py", 'ridge_label = X_train.select(F.stddev_pop("income"), F.count(F.lit(1))).first()'),
    ("ridge_penalty.py", 'LinearRegression(elasticNetParam=0.0, standardization=False, solver="normal").setLabelCol("income")'
                         '.setRegParam(25.0 * ridge_label[0] / ridge_label[1])'),
    ("missing_counts.py", 'df.select([F.sum(((F.col(c).isNull() | F.isnan(c)) if kind in ("double", "float") else '
                          'F.col(c).isNull()).cast("int")).alias(c) for c, kind in df.dtypes]).show()'),
    ("frames_listed.py", 'parts = [spark.read.csv(str(path), header=True, inferSchema=True)'),
    ("frames_listed.py", 'df = reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), parts)'),
    ("frames_listed.py", '"label share:", round(df.select(F.mean(F.col("label").cast("double"))).first()[0], 3))'),
    ("frames_appended.py", 'frames.append(spark.read.csv(str(path), header=True, inferSchema=True))'),
    ("frames_appended.py", 'return reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames).dropDuplicates()'),
    ("class_weight_balanced.py", 'LogisticRegression(maxIter=300, weightCol="class_weight", featuresCol="clf_step0")'),
    ("class_weight_balanced.py", 'clf_weights = X_train.groupBy("loyal_buyer").count().select("loyal_buyer", '
                                 '(F.sum("count").over(Window.partitionBy()) / (F.count("count").over(Window.partitionBy()) '
                                 '* F.col("count"))).alias("class_weight"))'),
    ("class_weight_balanced.py", '.fit(X_train.join(F.broadcast(clf_weights), on="loyal_buyer"))'),
    ("class_weight_bridge.py", 'RandomForestClassifier(featureSubsetStrategy="sqrt", numTrees=40, maxDepth=4, '
                               'weightCol="class_weight", seed=0)'),
    ("class_weight_bridge.py", 'VectorAssembler(inputCols=[c for c in forest_train.columns if c not in ("label", "class_weight")]'),
    ("class_weight_bridge.py", '.fit(forest_train.join(F.broadcast(forest_weights), on="label"))'),
])
def test_what_has_a_faithful_form_is_translated(runs, name, translated):
    assert translated in runs[2][name], runs[2][name]


@pytest.mark.parametrize("name, stages", [
    ("column_transformer.py", [
        'Imputer(strategy="median", inputCols=numeric, outputCols=[f"pre_0_0_{c}" for c in numeric])',
        'VectorAssembler(inputCols=[f"pre_0_0_{c}" for c in numeric], outputCol="pre_0_1_vector")',
        'StandardScaler(withMean=True, withStd=True, inputCol="pre_0_1_vector", outputCol="pre_0_1")',
        'StringIndexer(inputCols=categorical, outputCols=[f"pre_1_0_index_{c}" for c in categorical], '
        'handleInvalid="keep", stringOrderType="alphabetAsc")',
        'OneHotEncoder(inputCols=[f"pre_1_0_index_{c}" for c in categorical], '
        'outputCols=[f"pre_1_0_{c}" for c in categorical], dropLast=False)',
        'VectorAssembler(inputCols=["pre_0_1", *[f"pre_1_0_{c}" for c in categorical]], outputCol="features")',
        'pipe = Pipeline(stages=[pre, LogisticRegression(maxIter=500, featuresCol="features")])',
        "pipe = pipe.fit(X_train)"]),
    ("column_transformer_proba.py", [
        'Imputer(strategy="mean", inputCols=["income"]', 'MinMaxScaler(min=-1, max=1, inputCol="encode_0_1_vector"',
        'Imputer(strategy="mode", inputCols=["tenure"]', '*["id"]], outputCol="features")',
        'rawPredictionCol="probability", metricName="areaUnderROC").evaluate(model.transform(X_test))']),
    ("model_helper.py", [  # the pipeline is built by a helper; a column group's steps are bound to a name first
        'encode = Pipeline(stages=[Imputer(strategy="mean", inputCols=["income", "tenure"]',
        'return Pipeline(stages=[encode, DecisionTreeClassifier(maxDepth=depth, seed=0, featuresCol="features")])',
        "model = build_model(2)\n    model = model.fit(X_train)"]),
])
def test_a_column_transformer_becomes_pyspark_ml_stages_by_column_group(runs, name, stages):
    code = runs[2][name]
    for stage in stages:
        assert stage in code, code
    assert "ColumnTransformer" not in code and code.count('outputCol="features")') == 1, (
        "the column groups' assembler is the only one: the columns X was cut from are not assembled again", code)


def test_where_a_column_transformer_stage_differs_in_spark_the_line_says_how(runs):
    code = runs[2]["column_transformer.py"]
    above = code[: code.index("pre = Pipeline(")].splitlines()[-3:]
    for difference in ("Spark's Imputer takes as median one of the values",
                       "StandardScaler divides by the sample standard deviation (n - 1)",
                       "an unknown category shares the slot of missing values"):
        assert any(line.startswith("# TODO(sparklint): ") and difference in line for line in above), above


def test_rare_categories_that_scikit_learn_pools_are_marked_where_spark_keeps_them_apart(runs):
    code = runs[2]["rare_categories.py"]
    above = code[: code.index("prep = Pipeline(")].splitlines()
    todos = above[len(above) - next(i for i, line in enumerate(reversed(above)) if not line.startswith("# TODO")):]
    assert any("OneHotEncoder(min_frequency=10): scikit-learn pools the categories rarer" in line for line in todos), todos
    assert "sklearn" not in code and "RandomForestClassifier(" in code, code


def test_a_grouping_bound_to_a_name_comes_back_after_its_frame_where_a_use_has_no_translation(runs):
    code = runs[2]["group_bound.py"]  # `transform("first")` reads pandas' row order: no translation here
    frame = code.index('df = df.orderBy("plan", "signup", "id").toPandas()')  # the rows in pandas' order
    assert code.count('by_plan = df.groupby("plan")') == 1, code
    assert frame < code.index('by_plan = df.groupby("plan")') < code.index('by_plan["city"].transform("first")'), code
    assert "# TODO(sparklint): bridge — `by_plan` comes back to pandas" in code, code


def test_a_fitted_model_passed_to_a_helper_scores_there_on_the_executors(runs):
    code = runs[2]["model_evaluated.py"]  # `evaluate(model, X, y)`, called with the model trained above
    assert "from sklearn.ensemble" not in code and "joblib" not in code, code
    body = code[code.index("def evaluate(model, X, y):"): code.index("\ndf = ")]
    assert ('proba = model.transform(spark.createDataFrame(pd.DataFrame(X).rename(columns=str)))'
            '.select(vector_to_array("probability")[1].alias("p")).toPandas()["p"].to_numpy()') in body, body
    assert 'accuracy_score(y, model.transform(spark.createDataFrame(pd.DataFrame(X).rename(columns=str)))' in body, body
    assert 'scores = {"train": evaluate(forest, train[FEATURES], train["label"]),' in code, code
    assert "# TODO(sparklint): class_weight=\"balanced_subsample\": the weights are counted once" in code, code


def test_a_difference_that_is_translated_anyway_is_marked(runs):
    code = runs[2]["dedupe_string.py"]
    todo = code.index("# TODO(sparklint): drop_duplicates keeps each key's first row; Spark's dropDuplicates keeps any")
    assert code.index('df.dropDuplicates(["id"])') > todo, code


def test_a_frame_that_meets_code_with_no_translation_comes_back_to_pandas_with_a_todo(runs):
    code = runs[2]["str_chain.py"]  # a regex that Java reads differently (\s) has no translation
    bridge = code.index("df = df.toPandas()")
    assert code.index("rlike('(?d)paris')") < bridge < code.index('str.contains(r"\\s")'), code
    assert "TODO(sparklint): bridge" in code[:bridge].splitlines()[-1]
    assert "spark.read.csv" in code[:bridge], "the read before it stays on Spark"


def test_a_read_that_nothing_translated_uses_stays_pandas(runs):
    code = runs[2]["pop_label.py"]  # `df.pop` has no faithful form: the frame it mutates stays pandas
    assert "pd.read_csv(sys.argv[1]).dropna()" in code and "toPandas" not in code
    assert "import DecisionTreeClassifier" in code and "from pyspark.ml" not in code, (
        "an estimator is swapped only together with every use of it")


def test_helpers_that_pandas_would_use_in_place_or_whose_frame_meets_untranslated_code_stay_pandas(runs):
    code = runs[2]["helpers_kept.py"]  # `add_flag(df)` changes the caller's frame; `.pipe` has no translation
    assert "def load(path):\n    df = pd.read_csv(path)" in code and "spark." not in code and "toPandas" not in code, code


@pytest.mark.parametrize("name", ["manual_split.py", "split_inline_stratify.py", "chained_fit_proba.py",
                                  "helpers_main.py", "proba_threshold.py", "label_variable.py",
                                  "column_transformer.py", "column_transformer_proba.py", "model_helper.py"])
def test_models_trained_on_inline_columns_and_splits_move_to_pyspark_ml(runs, name):
    code = runs[2][name]
    assert "from pyspark.ml" in code and "VectorAssembler(" in code and "toPandas" not in code, code


def test_predictions_and_labels_that_meet_untranslated_code_come_back_alone_and_training_stays_on_spark(runs):
    code = runs[2]["predictions_kept.py"]
    assert "model = Pipeline(stages=[VectorAssembler(inputCols=X, outputCol=\"features\"), model]).fit(X_train)" in code
    assert "from sklearn.ensemble" not in code and "df.toPandas()" not in code, code
    assert 'df = df.withColumn("label", F.col("label").cast("int"))\ny = "label"' in code, "y = df[c].astype(int) is a label"
    for bridge in ('y_test = X_test.select("label").toPandas()["label"]', "X_test = X_test.select(X).toPandas()",
                   'proba = proba.select(vector_to_array("probability")[1].alias("p")).toPandas()["p"].to_numpy()',
                   'pred = pred.select("prediction").toPandas()["prediction"].to_numpy()',
                   'y = df.select("label").toPandas()["label"]'):
        above = code[: code.index(bridge)].splitlines()[-1]
        assert above.startswith("# TODO(sparklint): bridge — ") and "training stays on Spark" in above, (bridge, code)


def test_a_model_whose_data_stays_pandas_still_trains_on_the_executors_across_a_commented_bridge(runs):
    code = runs[2]["training_bridge.py"]  # `df.index` keeps the preprocessing in pandas
    train = ("model_train = spark.createDataFrame(pd.DataFrame(X_train).rename(columns=str)"
             ".assign(label=pd.Series(y_train).to_numpy(dtype=float)))")
    assert train in code and "# TODO(sparklint): training bridge — " in code[: code.index(train)].splitlines()[-1]
    assert ('model = Pipeline(stages=[VectorAssembler(inputCols=[c for c in model_train.columns if c != "label"], '
            'outputCol="features"), LogisticRegression(maxIter=500)]).fit(model_train)') in code
    assert ('proba = model.transform(spark.createDataFrame(pd.DataFrame(X_test).rename(columns=str)))'
            '.select(vector_to_array("probability")[1].alias("p")).toPandas()["p"].to_numpy()') in code
    assert "from sklearn.linear_model" not in code and "train_test_split(X, y" in code, code


# --- the proof of the fixture scripts: both versions on the same cluster -------------------------


def test_every_migrated_script_runs_distributed_with_agreeing_outputs(cluster, tmp_path):
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_data import write_all
    finally:
        sys.path.remove(str(FIXTURES))
    from sparklint.migrate.verify import prove

    data = tmp_path / "data"
    write_all(data)
    began, failures, report = time.monotonic(), [], []
    for script in FIXTURE_SCRIPTS:
        migrated = tmp_path / f"spark_{script.name}"
        migrated.write_text(migrate_file(script).code)
        proof = prove(cluster, script, migrated, [str(data), "{out}"], tmp_path / script.stem,
                      metric_tolerance=0.1, row_tolerance=0.1, timeout=180)
        report.append(f"{script.name}:\n{proof.describe()}")
        if not proof.ok:
            failures.append(script.name)
    print("\n".join(report))
    assert not failures, "\n".join(report)
    assert time.monotonic() - began < VERIFY_BUDGET_S * 3, "far over the CI budget; see the per-script report"


CRASHING = ["import sys\nimport pandas as pd\n",
            'df = pd.read_csv(sys.argv[1])\ndf = df.dropna(subset=["income"])\ndf = df.dropna(subset=["no_such_column"])\n']
CRASH = 'df = df.dropna(subset=["no_such_column"])'


def _notebook(cells: list[str]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": cell.splitlines(keepends=True)} for cell in cells]})


@pytest.mark.parametrize("suffix", [".py", ".ipynb"])
def test_verify_names_the_line_that_crashed_in_the_original_and_the_migrated_script(cluster, tmp_path, suffix):
    from sparklint.migrate.verify import prove

    data = tmp_path / "data.csv"
    data.write_text("id,income\n1,10\n2,\n")
    script, migrated = tmp_path / f"crashes{suffix}", tmp_path / f"spark_crashes{suffix}"
    script.write_text("\n".join(CRASHING) if suffix == ".py" else _notebook(CRASHING))
    migration = migrate_file(script)
    migrated.write_text(migration.code)
    assert "spark.read.csv" in migration.code, "the crashing line is a Spark one in the migrated script"
    proof = prove(cluster, script, migrated, [str(data)], tmp_path / "run", origins=migration.origins)
    described = [line.strip() for line in proof.describe().splitlines()]
    original_at = f"{script}, line 6" if suffix == ".py" else f"{script}, cell 2, line 3"
    assert f"crashed at {original_at}: {CRASH}" in described, described
    assert f"migrated from {original_at}: {CRASH}" in described, described
    migrated_at = [line for line in described if line.startswith(f"crashed at {migrated}, ")]
    assert len(migrated_at) == 1 and migrated_at[0].endswith(f": {CRASH}"), described
    if suffix == ".ipynb":
        assert migrated_at[0].startswith(f"crashed at {migrated}, cell 2, line "), described
