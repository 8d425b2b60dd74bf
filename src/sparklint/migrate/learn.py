"""scikit-learn → pyspark.ml: estimators by table, `X`/`y` as columns, `fit` as a Pipeline, metrics as evaluators.

scikit-learn takes a feature matrix and a label vector; pyspark.ml takes one DataFrame with a vector
column of features (a `VectorAssembler` builds it from the columns `X` was cut from) and a label
column. So `X = df[cols]` and `y = df["label"]` emit only the column names, `train_test_split`
becomes `randomSplit` on the frame that still holds both, `fit(X, y)` fits a `Pipeline` of the
assembler, any preprocessing stages and the estimator, `predict` becomes `transform` (a frame with a
`prediction` column) and each metric the evaluator that computes the same number.

Parameters map only where the meaning is the same; a default that differs is set explicitly
(GBT depth 3, max_features); what has no faithful counterpart (LogisticRegression's `C`, stratified
splits) is reported as a TODO by the caller. The split is random in both libraries but not the same
random: metrics agree within a tolerance, not exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sparklint.migrate import mappings
from sparklint.migrate.preprocess import TRANSFORMERS, column_transformer
from sparklint.migrate.scope import Estimator, Features, Fitted, Frame, Label, LabelOf, Predictions, Split
from sparklint.patterns import shapes

if TYPE_CHECKING:
    from sparklint.migrate.program import Translator


ESTIMATORS = mappings.estimators()
ITERATIVE = ("GBTClassifier", "GBTRegressor")  # trained by many Spark jobs in a row (`_checkpoints`)
IGNORED_PARAMS = mappings.ignored_keywords()
METRICS = mappings.metrics()  # metric -> (evaluator, metricName, extra keywords, prediction column)
SCORE = mappings.score()


def estimator(t: Translator, node: cst.BaseExpression, name: str) -> tuple[str, Estimator] | None:
    """`RandomForestClassifier(n_estimators=50)` → `RandomForestClassifier(numTrees=50, …)`, or a
    scikit-learn Pipeline / make_pipeline → a pyspark.ml Pipeline whose stages are wired by column; not
    for a name whose model code kept as written uses (`sklearn_models`)."""
    if name in t.sklearn_models:
        return None
    if isinstance(node, cst.Name) and isinstance(held := t.scope.get(node.value), Estimator) and held.assembles:
        return node.value, held  # `pre = ColumnTransformer(...)` built earlier, a pipeline's first step by name
    if not isinstance(node, cst.Call):
        return None
    qualified = t.qualify(node.func)
    if qualified in ("sklearn.pipeline.make_pipeline", "sklearn.pipeline.Pipeline"):
        return _pipeline(t, node, name)
    if qualified in TRANSFORMERS:
        return column_transformer(t, node, name)
    spec = ESTIMATORS.get(qualified or "")
    keywords = [(a.keyword.value, a.value) for a in node.args if a.keyword is not None]
    if spec is None or len(keywords) != len(node.args):
        return None
    params = [spec.defaults] if spec.defaults else []
    weighted, per_row = False, dict(spec.per_row)
    for key, argument in keywords:
        if key in IGNORED_PARAMS:
            continue
        if key == "class_weight" and key in spec.params:
            given = argument.evaluated_value if isinstance(argument, cst.SimpleString) else None
            if given not in ("balanced", "balanced_subsample"):
                return None  # a dict of weights
            if given == "balanced_subsample":
                t.todo('class_weight="balanced_subsample": the weights are counted once, on all the training rows; '
                       "scikit-learn counts them again in each tree's bootstrap sample")
            weighted = True
            params.append(f'{spec.params[key]}="{WEIGHT_COLUMN}"')
            continue
        if key in spec.unsupported:
            t.todo(f"scikit-learn's `{key}=` has no exact pyspark.ml counterpart; it was left out")
            continue
        if (pair := spec.split(key, argument, t.code)) is not None:
            params.extend(pair)
            continue
        if key not in spec.params:
            return None
        value = _feature_subset(t, argument) if key == "max_features" else t.code(argument)
        if value is None:
            return None
        if spec.params[key] in per_row:
            per_row[spec.params[key]] = value
            continue
        params = [p for p in params if not p.startswith(spec.params[key] + "=")]
        params.append(f"{spec.params[key]}={value}")
    if spec.spark.endswith("LogisticRegression") and not any(key == "C" for key, _ in keywords):
        t.todo("scikit-learn's LogisticRegression applies an L2 penalty (C=1.0) by default; "
               "pyspark.ml's regParam=0.0 fits without one (regParam ≈ 1/(C·rows) matches it)")
    module, cls = spec.spark.rsplit(".", 1)
    if spec.differs:
        t.todo(f"pyspark.ml's {cls} is not scikit-learn's model: {spec.differs}; expect other metrics")
    t.need(f"from pyspark.ml.{module} import {cls}")
    return f"{cls}({', '.join(params)})", Estimator(spec.task, spark_class=cls, weighted=weighted,
                                                  per_row=tuple(per_row.items()))


def _feature_subset(t: Translator, argument: cst.BaseExpression) -> str | None:
    """scikit-learn's `max_features` as Spark's `featureSubsetStrategy`, which is a string: "sqrt" and
    "log2" alike, a number of features alike, a fraction of them alike but rounded up where
    scikit-learn rounds down (said in a TODO)."""
    if isinstance(argument, cst.SimpleString) and argument.evaluated_value in ("sqrt", "log2"):
        return t.code(argument)
    if isinstance(argument, cst.Integer):
        return f'"{argument.value}"'
    if isinstance(argument, cst.Float) and 0 < float(argument.value) <= 1:
        t.todo(f"max_features={argument.value}: Spark tries ceil({argument.value} × features) at each split, "
               f"scikit-learn int({argument.value} × features)")
        return f'"{argument.value}"'
    return None


def pipeline_steps(t: Translator, node: cst.Call) -> list[cst.BaseExpression] | None:
    """The steps of `make_pipeline(a, b)` or `Pipeline([("a", a), ("b", b)])`, else None."""
    return shapes.pipeline_steps(node, t.qualify(node.func))


def _pipeline(t: Translator, node: cst.Call, name: str) -> tuple[str, Estimator] | None:
    steps = pipeline_steps(t, node)
    if steps is None:
        return None
    stages, column, task, assembles, trains, final = [], "features", None, False, "", Estimator("transform")
    for index, step in enumerate(steps):
        output = f"{name}_step{index}"
        translated = estimator(t, step, output)
        if translated is None:
            return None
        code, value = translated
        last = index == len(steps) - 1
        if value.assembles and index == 0 and not last:
            stages.append(code)  # it writes `features` from the frame's own columns
            assembles = True
        elif value.task == "transform" and not last:
            stages.append(f'{code[:-1]}{", " if code[-2] != "(" else ""}inputCol="{column}", outputCol="{output}")')
            column = output
        elif last and value.task != "transform":
            stages.append(f'{code[:-1]}{", " if code[-2] != "(" else ""}featuresCol="{column}")')
            task, trains, final = value.task, value.spark_class, value
        else:
            return None
    t.need("from pyspark.ml import Pipeline")
    return f"Pipeline(stages=[{', '.join(stages)}])", Estimator(task or "transform", pipeline=True, assembles=assembles,
                                                             spark_class=trains, weighted=final.weighted,
                                                             per_row=final.per_row)


def features(t: Translator, node: cst.BaseExpression) -> Features | None:
    """`df[cols]`, `df[["a", "b"]]`, `df.drop(columns=[...])` (and `.values`/`.to_numpy()` of them)."""
    if not t.ml_data:
        return None
    if isinstance(node, cst.Attribute) and node.attr.value == "values":
        return features(t, node.value)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "to_numpy":
        return features(t, node.func.value)
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and t.scope.is_frame(node.value.value):
        key = node.slice[0].slice.value if isinstance(node.slice[0].slice, cst.Index) else None
        if key is not None and _column_list(t, key):
            return Features(node.value.value, t.code(key))
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "drop":
        receiver = node.func.value
        dropped = shapes.dropped_columns(node)
        if isinstance(receiver, cst.Name) and t.scope.is_frame(receiver.value) and dropped is not None:
            excluded = t.code(dropped)
            excluded = f"[{excluded}]" if isinstance(dropped, cst.SimpleString) else excluded
            return Features(receiver.value, f"[c for c in {receiver.value}.columns if c not in {excluded}]")
    return None


def _column_list(t: Translator, key: cst.BaseExpression) -> bool:
    """`["a", "b"]`, a name bound to a list of names (not to one string), or `A + B` of two of them."""
    if isinstance(key, cst.BinaryOperation) and isinstance(key.operator, cst.Add):
        return _column_list(t, key.left) and _column_list(t, key.right)
    one_column = isinstance(key, cst.Name) and isinstance(t.literals.get(key.value), cst.SimpleString)
    return isinstance(key, cst.List) or (isinstance(key, cst.Name) and t.scope.get(key.value) is None and not one_column)


def label(t: Translator, node: cst.BaseExpression) -> Label | None:
    from sparklint.migrate.columns import column_name

    if t.ml_data and isinstance(node, (cst.Subscript, cst.Attribute)) and isinstance(node.value, cst.Name):
        name = node.value.value
        if t.scope.is_frame(name):
            column = column_name(t, node, name)
            return Label(name, column) if column else None
    return None


def cast_label(t: Translator, node: cst.BaseExpression) -> tuple[Label, str] | None:
    """`y = df["label"].astype(int)`: the label column, and the frame's statement that casts it in Spark."""
    from sparklint.migrate.columns import column

    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "astype"):
        return None
    found = label(t, node.func.value)
    cast = column(t, node, found.frame) if found is not None else None
    if found is None or cast is None:
        return None
    t.need("F")
    return found, f"{found.frame} = {found.frame}.withColumn({found.column}, {cast})"


def split(t: Translator, node: cst.Call, targets: list[str]) -> list[str] | None:
    """`X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=…, random_state=…)` → `randomSplit`."""
    args = [a.value for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    if not t.ml_data or not set(keywords) <= {"test_size", "random_state", "stratify", "shuffle"} or not args:
        return None
    x = data_of(t, args[0])
    y = label_of(t, args[1]) if len(args) > 1 else None
    columns: str | None
    if isinstance(x, Features) and (y is None or (isinstance(y, Label) and y.frame == x.frame)):
        source, columns, stages = x.frame, x.columns, x.stages
    elif isinstance(x, Frame) and len(args) == 1 and isinstance(args[0], cst.Name):
        source, columns, stages = args[0].value, None, ()
    else:
        return None
    if len(targets) != 2 * len(args):
        return None
    kept, held_out = shapes.split_fractions(t.code(keywords["test_size"]) if "test_size" in keywords else None, source)
    if "stratify" in keywords:
        t.todo("randomSplit is not stratified: class shares in each split can differ from train_test_split(stratify=...)")
    seed = f", seed={t.code(keywords['random_state'])}" if "random_state" in keywords else ""
    column = y.column if isinstance(y, Label) else None
    train, test_name = targets[0], targets[1]
    for name in (train, test_name):
        t.scope.set(name, Split(name, columns, column, stages))
    if isinstance(y, Label):  # y is None or a Label here
        t.scope.set(targets[2], LabelOf(train, y.column))
        t.scope.set(targets[3], LabelOf(test_name, y.column))
    return [f"{train}, {test_name} = {source}.randomSplit([{kept}, {held_out}]{seed})"]


def fit(t: Translator, node: cst.Call, target: str | None) -> str | None:
    """`model.fit(X, y)` → `model = Pipeline(stages=[VectorAssembler(...), …, model]).fit(frame)`."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value in ("fit", "fit_predict")):
        return None
    model_node = node.func.value
    args = [a.value for a in node.args if a.keyword is None]
    if node.args and any(a.keyword is not None for a in node.args):
        return None
    spec = t.scope.get(model_node.value) if isinstance(model_node, cst.Name) else None
    if isinstance(model_node, cst.Name) and isinstance(spec, Estimator):
        model = model_node.value
    else:
        translated = estimator(t, model_node, target or "model")
        if translated is None:
            return None
        model, spec = translated
    name = target or (model if isinstance(model_node, cst.Name) else "model")
    if args and not any(t.holds_spark(arg) for arg in args):
        return _fit_across_bridge(t, node, model, spec, name, args, target)
    data_name = args[0].value if args and isinstance(args[0], cst.Name) else None
    data = data_of(t, args[0]) if args else None
    columns: str | None
    column: str | None
    if isinstance(data, Features):
        source, columns, stages, column = data.frame, data.columns, data.stages, None
    elif isinstance(data, Split) and data_name is not None:
        source, columns, stages, column = data_name, data.columns, data.stages, data.label
    else:
        return None
    if columns is None and not spec.assembles:
        return None
    if len(args) > 1:
        y = label_of(t, args[1])
        if not isinstance(y, (Label, LabelOf)):
            return None
        column = y.column
    if spec.task in ("classification", "regression") and column is None:
        return None
    chain, features = [], "features"
    for stage in stages:
        chain.append(f'{stage}.setInputCol("{features}").setOutputCol("{stage}_features")')
        features = f"{stage}_features"
    final = model
    if features != "features":
        final += f'.setFeaturesCol("{features}")'
    setup = ""
    if column not in (None, '"label"', "'label'"):
        if spec.pipeline:
            setup = f"{model}.getStages()[-1].setLabelCol({column})\n"
        else:
            final += f".setLabelCol({column})"
    if spec.weighted:
        weights, source = balanced(t, source, column or '"label"', name)
        setup = f"{weights}\n{setup}"
    penalties, final = per_row(t, spec, final, source, column or '"label"', name)
    setup += "".join(f"{line}\n" for line in penalties)
    t.need("from pyspark.ml import Pipeline")
    t.need("from pyspark.ml.feature import VectorAssembler")
    assembler = f'VectorAssembler(inputCols={columns}, outputCol="features")'
    t.scope.set(name, Fitted(spec.task))
    t.fitted_labels[name] = column
    fitting = [*chain, final] if spec.assembles else [assembler, *chain, final]  # else the columns X was cut from
    fitted = f"{final}.fit({source})" if fitting == [final] else f"Pipeline(stages=[{', '.join(fitting)}]).fit({source})"
    if node.func.attr.value == "fit_predict":
        return f"{setup}{name} = {fitted}\n{target} = {name}.transform({source})" if target and target != name else None
    return f"{setup}{name} = {fitted}"


def _fit_across_bridge(t: Translator, node: cst.Call, model: str, spec: Estimator, name: str,
                       args: list[cst.BaseExpression], target: str | None) -> str | None:
    """`model.fit(X_train, y_train)` where the preprocessing above stayed pandas: the features and the
    label go to Spark just before training (`model_train`, features first, the label as `label`), so
    the model still trains on the executors; what it predicts comes back by `predicted_on_driver`."""
    assert isinstance(node.func, cst.Attribute)  # `fit` / `fit_predict`, as `fit` checked
    supervised = spec.task in ("classification", "regression")
    if spec.task == "transform" or len(args) != (2 if supervised else 1) or (
            node.func.attr.value == "fit_predict" and (target is None or target == name)):
        return None
    train = f"{name}_train"
    frame = driver_frame(t, args[0])
    if supervised:
        frame += f".assign(label=pd.Series({t.code(args[1])}).to_numpy(dtype=float))"
    weights, trained = balanced(t, train, '"label"', name) if spec.weighted else ("", train)
    not_features = f'c not in ("label", "{WEIGHT_COLUMN}")' if spec.weighted else 'c != "label"'
    penalties, model = per_row(t, spec, model, train, '"label"', name)
    t.need("from pyspark.ml import Pipeline")
    stages = [model]
    if not spec.assembles:  # else its ColumnTransformer builds `features` from X's own columns
        t.need("from pyspark.ml.feature import VectorAssembler")
        stages.insert(0, f'VectorAssembler(inputCols=[c for c in {train}.columns if {not_features}], outputCol="features")')
    t.scope.set(name, Fitted(spec.task, trained_on=train))
    t.fitted_labels[name] = '"label"' if supervised else None
    given = " and ".join(f"`{t.code(arg)}`" for arg in args)
    t.todo(f"training bridge — {given} are pandas on the driver here (the code above stays pandas), so they "
           f"go to Spark just before training: `{name}` trains on the executors. Every column of the features "
           "frame is a feature; a null or NaN in them stops VectorAssembler (handleInvalid=\"error\"), as it "
           "stops scikit-learn")
    estimator = model if stages == [model] else f"Pipeline(stages=[{', '.join(stages)}])"
    fitted = f"{name} = {estimator}.fit({trained})"
    lines = [f"{train} = spark.createDataFrame({frame})", *[weights] * bool(weights), *penalties,
             *_checkpoints(t, spec), fitted]
    if node.func.attr.value == "fit_predict":
        lines.append(f"{target} = {_pulled_column(t, f'{name}.transform({train})', 'prediction', False)}")
    return "\n".join(lines)


WEIGHT_COLUMN = "class_weight"


def balanced(t: Translator, frame: str, label: str, name: str) -> tuple[str, str]:
    """scikit-learn's `class_weight="balanced"` as Spark's `weightCol`: every training row weighs
    rows / (classes × rows of its class), counted on the training rows as scikit-learn counts `y`.
    The counts are one small aggregate (a row per class) joined back by the label: (the statement
    that computes them, the training frame with its weight column)."""
    t.need("F")
    t.need("Window")
    everything = "Window.partitionBy()"  # the few rows of the counts: one per class
    weights = (f'{name}_weights = {frame}.groupBy({label}).count().select({label}, (F.sum("count").over({everything}) '
               f'/ (F.count("count").over({everything}) * F.col("count"))).alias("{WEIGHT_COLUMN}"))')
    return weights, f"{frame}.join(F.broadcast({name}_weights), on={label})"


def per_row(t: Translator, spec: Estimator, model: str, frame: str, label: str, name: str) -> tuple[list[str], str]:
    """A penalty scikit-learn sums over the rows of the raw label (Ridge's `alpha`) as Spark's, which
    weighs a mean over the rows of the label divided by its population standard deviation: the value ×
    that deviation / the rows, both of the training rows, set on the model before it fits (with
    `solver="normal"` the coefficients are scikit-learn's to rounding). (The statements before the fit,
    the model to fit.)"""
    if not spec.per_row:
        return [], model
    t.need("F")
    setters = [f".set{keyword[0].upper()}{keyword[1:]}({value} * {name}_label[0] / {name}_label[1])"
               for keyword, value in spec.per_row]
    counted = [f"{name}_label = {frame}.select(F.stddev_pop({label}), F.count(F.lit(1))).first()"]
    if spec.pipeline:  # its last stage trains
        return counted + [f"{model}.getStages()[-1]{setter}" for setter in setters], model
    return counted, model + "".join(setters)


def _checkpoints(t: Translator, spec: Estimator) -> list[str]:
    """Spark's gradient-boosted trees cut their lineage every `checkpointInterval` iterations only
    where the session has a checkpoint folder; without one, a few hundred iterations on a frame made
    from pandas overflow the executors' stack (the blind set's 18, 250 trees)."""
    if spec.spark_class not in ITERATIVE:
        return []
    t.need("import tempfile")
    t.todo("gradient-boosted trees checkpoint every 10 iterations into this folder; on a cluster, give one "
           "every node reaches (dbfs:/…, abfss://…)")
    return ["spark.sparkContext.setCheckpointDir(tempfile.mkdtemp())"]


def driver_frame(t: Translator, node: cst.BaseExpression) -> str:
    """A pandas frame or NumPy matrix of features as a pandas frame with string column names, which
    `spark.createDataFrame` takes (its rows stay in their order)."""
    t.need("import pandas as pd")
    t.need_session()
    return f"pd.DataFrame({t.code(node)}).rename(columns=str)"


def predicted_on_driver(t: Translator, node: cst.BaseExpression) -> str | None:
    """`model.predict(X)` / `model.predict_proba(X)[:, 1]` of a pyspark.ml model where `X` is pandas:
    `X` goes to Spark, the model scores it on the executors, and the predictions come back as the
    NumPy array scikit-learn gives, in `X`'s row order."""
    positive = isinstance(node, cst.Subscript) and t.code(node).replace(" ", "").endswith("[:,1]")
    call = node.value if isinstance(node, cst.Subscript) else node
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and len(call.args) == 1):
        return None
    method, model, data = call.func.attr.value, call.func.value, call.args[0].value
    if not (method == "predict" and not isinstance(node, cst.Subscript) or method == "predict_proba" and positive):
        return None
    if not (isinstance(model, cst.Name) and isinstance(t.scope.get(model.value), Fitted)) or t.holds_spark(data):
        return None
    t.todo(f"`{model.value}` scores `{t.code(data)}` on the executors; its predictions come back to the driver "
           "as doubles, in the rows' order (createDataFrame and transform keep it)")
    scored = f"{model.value}.transform(spark.createDataFrame({driver_frame(t, data)}))"
    return _pulled_column(t, scored, "probability" if positive else "prediction", positive)


def transform_stage(t: Translator, node: cst.Call) -> Split | Features | None:
    """`scaler.fit_transform(X_train)` / `scaler.transform(X_test)`: the same rows, one more stage pending."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value in ("fit_transform", "transform")):
        return None
    stage = node.func.value
    held = t.scope.get(stage.value) if isinstance(stage, cst.Name) else None
    if not (isinstance(stage, cst.Name) and isinstance(held, Estimator) and held.task == "transform") or len(node.args) != 1:
        return None
    data = t.scope.get(node.args[0].value.value) if isinstance(node.args[0].value, cst.Name) else None
    if isinstance(data, (Split, Features)):
        from dataclasses import replace

        return replace(data, stages=data.stages + (stage.value,))
    return None


def predictions(t: Translator, node: cst.BaseExpression) -> tuple[str, Predictions] | None:
    """`model.predict(X)` → `model.transform(X)`; `predict_proba(X)[:, 1]` → its `probability` column."""
    positive = isinstance(node, cst.Subscript) and t.code(node).replace(" ", "").endswith("[:,1]")
    if isinstance(node, cst.Subscript):
        node = node.value  # predict_proba(X)[:, 1]: the evaluators read the positive class themselves
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    method = node.func.attr.value
    model = node.func.value
    if method not in ("predict", "predict_proba") or not isinstance(model, cst.Name) or len(node.args) != 1:
        return None
    if not isinstance(t.scope.get(model.value), Fitted):
        return None
    data_node = node.args[0].value
    data = data_of(t, data_node)
    source = (data_node.value if isinstance(data, Split) and isinstance(data_node, cst.Name)
              else data.frame if isinstance(data, Features) else None)
    if source is None:
        return None
    label = data.label if isinstance(data, Split) else t.fitted_labels.get(model.value)
    column = "probability" if method == "predict_proba" else "prediction"
    return f"{model.value}.transform({source})", Predictions("", label, column, positive)


def threshold(t: Translator, node: cst.BaseExpression) -> tuple[str, Predictions] | None:
    """`(proba >= 0.5).astype(int)` of `predict_proba(X)[:, 1]` → the positive class's probability
    (`vector_to_array(probability)[1]`) against the same threshold, as the `prediction` column."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "astype"
            and len(node.args) == 1 and t.code(node.args[0].value) in ("int", "float", "bool")):
        return None
    compared = node.func.value
    if not (isinstance(compared, cst.Comparison) and len(compared.comparisons) == 1
            and isinstance(compared.left, cst.Name) and isinstance(compared.comparisons[0].comparator, (cst.Float, cst.Integer))):
        return None
    held = t.scope.get(compared.left.value)
    operator = compared.comparisons[0].operator
    if not (isinstance(held, Predictions) and held.column == "probability"
            and isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual))):
        return None
    t.need("F")
    t.need("from pyspark.ml.functions import vector_to_array")
    positive = f'vector_to_array(F.col("probability"))[1] {">" if isinstance(operator, cst.GreaterThan) else ">="} '
    new = f'{positive}{t.code(compared.comparisons[0].comparator)}'
    return (f'{compared.left.value}.withColumn("prediction", ({new}).cast("double"))',
            Predictions("", held.label, "prediction"))


def metric(t: Translator, node: cst.BaseExpression) -> str | None:
    """`accuracy_score(y_test, pred)` → `MulticlassClassificationEvaluator(...).evaluate(pred)`;
    `model.score(X, y)` → the estimator's default metric (accuracy or R²)."""
    if not isinstance(node, cst.Call):
        return None
    qualified = t.qualify(node.func)
    if qualified in METRICS and len(node.args) == 2 and all(a.keyword is None for a in node.args):
        evaluator, name, extra, wanted = METRICS[qualified]
        truth, predicted = (a.value for a in node.args)
        found = _predicted(t, predicted)
        y = label_of(t, truth)
        if found is None or found[1].column != wanted or not isinstance(y, (LabelOf, Label)):
            return None
        frame = found[0]
        column_key = "rawPredictionCol" if evaluator == "BinaryClassificationEvaluator" else (
            "probabilityCol" if wanted == "probability" else "predictionCol")
        return _evaluate(t, evaluator, f'labelCol={y.column}, {column_key}="{wanted}", metricName="{name}"{extra}', frame)
    if isinstance(node.func, cst.Attribute) and node.func.attr.value == "score" and len(node.args) == 2:
        model, data_node = node.func.value, node.args[0].value
        if not isinstance(model, cst.Name):
            return None
        fitted, data, y = t.scope.get(model.value), data_of(t, data_node), label_of(t, node.args[1].value)
        if not isinstance(fitted, Fitted) or fitted.task not in SCORE or not isinstance(y, (Label, LabelOf)):
            return None
        if isinstance(data, Split) and isinstance(data_node, cst.Name) and data.label == y.column:
            source = data_node.value
        elif isinstance(data, Features) and isinstance(y, Label) and y.frame == data.frame:
            source = data.frame
        else:
            return None
        evaluator, name = SCORE[fitted.task]
        return _evaluate(t, evaluator, f'labelCol={y.column}, metricName="{name}"', f"{model.value}.transform({source})")
    return None


def data_of(t: Translator, node: cst.BaseExpression) -> Features | Split | Frame | None:
    """What a model's data argument holds: a name bound to features, a split or a frame, or features
    written inline (`df[FEATURES]`)."""
    if isinstance(node, cst.Name):
        held = t.scope.get(node.value)
        return held if isinstance(held, (Features, Split, Frame)) else None
    return features(t, node)


def label_of(t: Translator, node: cst.BaseExpression) -> Label | LabelOf | None:
    """A name bound to a label column, or one written inline (`df["label"]`, `df[TARGET]`)."""
    if isinstance(node, cst.Name):
        held = t.scope.get(node.value)
        return held if isinstance(held, (Label, LabelOf)) else None
    return label(t, node)


def _predicted(t: Translator, node: cst.BaseExpression) -> tuple[str, Predictions] | None:
    """The frame holding the predictions and what they are: a name bound to them, or `model.predict(X)` inline."""
    if isinstance(node, cst.Name):
        held = t.scope.get(node.value)
        if isinstance(held, Predictions):
            return node.value, held
    return predictions(t, node)


def _evaluate(t: Translator, evaluator: str, arguments: str, frame: str) -> str:
    t.need(f"from pyspark.ml.evaluation import {evaluator}")
    return f"{evaluator}({arguments}).evaluate({frame})"


def to_driver(t: Translator, name: str, value: Split | Label | LabelOf | Predictions) -> str | None:
    """What code kept as written gets for a pyspark.ml value it uses, pulled to the driver: a split's
    features and a label as the pandas frame and Series they were (numbered from 0, not by the original
    rows), predictions (`predict`, `predict_proba(X)[:, 1]`) as the NumPy array they were; None where
    there is no such value (a split with stages pending or of unknown columns, a whole `predict_proba`
    matrix, a label whose frame is no longer Spark)."""
    if isinstance(value, Split):
        return f"{name}.select({value.columns}).toPandas()" if value.columns is not None and not value.stages else None
    if isinstance(value, (Label, LabelOf)) and t.scope.is_frame(value.frame):
        return f"{value.frame}.select({value.column}).toPandas()[{value.column}]"
    if isinstance(value, Predictions) and (value.column == "prediction" or value.positive):
        return _pulled_column(t, name, value.column, value.positive)
    return None


def _pulled_column(t: Translator, frame: str, column: str, positive: bool) -> str:
    """The predictions of a scored frame as a NumPy array: `prediction`, or the positive class's
    probability (`predict_proba(X)[:, 1]`)."""
    if not positive:
        return f'{frame}.select("{column}").toPandas()["{column}"].to_numpy()'
    t.need("from pyspark.ml.functions import vector_to_array")
    return f'{frame}.select(vector_to_array("{column}")[1].alias("p")).toPandas()["p"].to_numpy()'


def save_model(t: Translator, node: cst.Call) -> str | None:
    """`joblib.dump(model, path)` → `model.write().overwrite().save(path)` (a folder, not a pickle)."""
    if t.qualify(node.func) not in ("joblib.dump",) or len(node.args) != 2:
        return None
    model = node.args[0].value
    if not (isinstance(model, cst.Name) and isinstance(t.scope.get(model.value), Fitted)):
        return None
    path = node.args[1].value
    where = t.code(path) if isinstance(path, cst.SimpleString) else f"str({t.code(path)})"  # Spark's writer takes a str
    return f"{model.value}.write().overwrite().save({where})"


def attribute(t: Translator, node: cst.Attribute) -> str | None:
    """Fitted attributes with the same meaning: feature importances, KMeans inertia."""
    if not (isinstance(node.value, cst.Name) and isinstance(t.scope.get(node.value.value), Fitted)):
        return None
    stage = f"{node.value.value}.stages[-1]"
    fitted = t.scope.get(node.value.value)
    if node.attr.value == "labels_" and isinstance(fitted, Fitted) and fitted.trained_on:
        return _pulled_column(t, f"{node.value.value}.transform({fitted.trained_on})", "prediction", False)
    return {"feature_importances_": f"{stage}.featureImportances.toArray()",
            "inertia_": f"{stage}.summary.trainingCost"}.get(node.attr.value)
