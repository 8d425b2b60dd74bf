"""scikit-learn's `ColumnTransformer` → pyspark.ml stages, one column group after the other.

A ColumnTransformer runs each group's steps on the group's own columns and puts the results side by
side; pyspark.ml works on named columns of one DataFrame. So each group becomes a chain of stages that
reads the group's columns and writes new ones named after the transformer and the group
(`pre_num_income`), and one `VectorAssembler` joins the groups' outputs, in the ColumnTransformer's
order, into `features`, the column the estimator after it reads.

Where Spark's stage behaves differently, scikit-learn's behaviour is reproduced — categories in sorted
order (`stringOrderType="alphabetAsc"`), every category kept (`dropLast=False`), a missing or unknown
value in a slot of its own (`handleInvalid="keep"`), the scaler centred (`withMean=True`) — or the
line gets a TODO saying how it differs (a median that is one of the values, the sample standard
deviation, the slot unknown categories share with missing values).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sparklint.migrate import mappings
from sparklint.migrate.scope import Estimator, Steps

if TYPE_CHECKING:
    from sparklint.migrate.program import Translator

TRANSFORMERS = ("sklearn.compose.ColumnTransformer", "sklearn.compose.make_column_transformer")
IMPUTER_STRATEGIES = mappings.keyword_values("sklearn.impute.SimpleImputer", "strategy")  # SimpleImputer's -> Imputer's
SCALERS = ("sklearn.preprocessing.StandardScaler", "sklearn.preprocessing.MinMaxScaler")
STEPS = ("sklearn.impute.SimpleImputer", "sklearn.preprocessing.OneHotEncoder", *SCALERS)  # what a column group holds
# keywords with no meaning on a cluster (the catalog's), and the ones that only shape the output's format
IGNORED = mappings.ignored_keywords() | {"sparse_threshold", "sparse_output", "sparse", "verbose_feature_names_out"}


def column_transformer(t: Translator, node: cst.Call, name: str) -> tuple[str, Estimator] | None:
    """`ColumnTransformer([("num", steps, cols), …])` → `Pipeline(stages=[…, VectorAssembler(…, outputCol="features")])`."""
    qualified = t.qualify(node.func)
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    positional = [a.value for a in node.args if a.keyword is None]
    if "remainder" in keywords and t.code(keywords["remainder"]).strip("'\"") != "drop":
        return None
    if set(keywords) - IGNORED - {"remainder", "transformers"}:
        return None
    if qualified == TRANSFORMERS[0]:
        listed = keywords.get("transformers") or (positional[0] if len(positional) == 1 else None)
        if not isinstance(listed, (cst.List, cst.Tuple)):
            return None
        groups = [_group(e.value, 3) for e in listed.elements]
    else:
        groups = [_group(value, 2) for value in positional]
    stages: list[str] = []
    outputs: list[str] = []
    for index, group in enumerate(groups):
        if group is None:
            return None
        steps, columns = group
        made = _chain(t, steps, columns, f"{name}_{index}")
        if made is None:
            return None
        stages += made[0]
        outputs.append(made[1])
    t.need("from pyspark.ml import Pipeline")
    t.need("from pyspark.ml.feature import VectorAssembler")
    stages.append(f'VectorAssembler(inputCols=[{", ".join(outputs)}], outputCol="features")')
    return f"Pipeline(stages=[{', '.join(stages)}])", Estimator("transform", pipeline=True, assembles=True)


def _group(node: cst.BaseExpression, size: int) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """(steps, columns) of `("name", steps, columns)` or of make_column_transformer's `(steps, columns)`."""
    if not (isinstance(node, cst.Tuple) and len(node.elements) == size):
        return None
    steps, columns = node.elements[-2].value, node.elements[-1].value
    return (steps, columns) if isinstance(columns, (cst.List, cst.Name, cst.BinaryOperation)) else None


def _chain(t: Translator, steps: cst.BaseExpression, columns: cst.BaseExpression, prefix: str) -> tuple[list[str], str] | None:
    """One group's stages and what it gives the assembler: `*[column names]` or one vector column's name."""
    from sparklint.migrate.learn import estimator

    if isinstance(steps, cst.SimpleString) and steps.evaluated_value == "passthrough":
        return [], f"*{t.code(columns)}"
    calls = _steps(t, steps)
    if calls is None:
        return None
    t.need("from pyspark.ml.feature import VectorAssembler")
    stages: list[str] = []
    names, vector = t.code(columns), None  # the group's columns (a list expression) until a stage makes a vector
    for position, call in enumerate(calls):
        qualified = t.qualify(call.func)
        out = f"{prefix}_{position}"
        renamed = f'[f"{out}_{{c}}" for c in {names}]'
        keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
        if len(keywords) != len(call.args) or (vector is not None and qualified not in SCALERS):
            return None
        if qualified == "sklearn.impute.SimpleImputer":
            strategy = keywords.get("strategy")
            chosen = strategy.evaluated_value if isinstance(strategy, cst.SimpleString) else "mean" if strategy is None else None
            if set(keywords) - {"strategy"} or chosen not in IMPUTER_STRATEGIES:
                return None
            then_encoded = position + 1 < len(calls) and t.qualify(calls[position + 1].func) == "sklearn.preprocessing.OneHotEncoder"
            if chosen == "most_frequent" and then_encoded:
                t.todo("SimpleImputer(strategy=\"most_frequent\") before one-hot encoding: here a missing category gets "
                       "a slot of its own (StringIndexer's handleInvalid=\"keep\"), not the most frequent category's")
                continue
            if chosen == "median":
                t.todo("Spark's Imputer takes as median one of the values (approximate to relativeError=0.001); "
                       "scikit-learn averages the two middle ones")
            t.need("from pyspark.ml.feature import Imputer")
            stages.append(f'Imputer(strategy="{IMPUTER_STRATEGIES[chosen]}", inputCols={names}, outputCols={renamed})')
            names = renamed
        elif qualified == "sklearn.preprocessing.OneHotEncoder":
            unknown = keywords.get("handle_unknown")
            ignore = isinstance(unknown, cst.SimpleString) and unknown.evaluated_value == "ignore"
            rare = keywords.get("min_frequency")
            if set(keywords) - IGNORED - {"handle_unknown", "min_frequency"} or (
                    unknown is not None and not ignore and t.code(unknown).strip("'\"") != "error") or (
                    rare is not None and not isinstance(rare, (cst.Integer, cst.Float))):
                return None
            if rare is not None:
                t.todo(f"OneHotEncoder(min_frequency={t.code(rare)}): scikit-learn pools the categories rarer than that "
                       "in training into one shared column; here each keeps a column of its own (Spark's StringIndexer "
                       "has no minimum count)")
            if ignore:
                t.todo("OneHotEncoder(handle_unknown=\"ignore\"): an unknown category shares the slot of missing "
                       "values here (handleInvalid=\"keep\"); scikit-learn encodes it as all zeros")
            t.need("from pyspark.ml.feature import OneHotEncoder, StringIndexer")
            indexed = f'[f"{out}_index_{{c}}" for c in {names}]'
            stages += [f'StringIndexer(inputCols={names}, outputCols={indexed}, handleInvalid="keep", '
                       f'stringOrderType="alphabetAsc")',
                       f"OneHotEncoder(inputCols={indexed}, outputCols={renamed}, dropLast=False)"]
            names = renamed
        elif qualified in SCALERS:
            translated = estimator(t, call, out)
            if translated is None:
                return None
            if vector is None:
                stages.append(f'VectorAssembler(inputCols={names}, outputCol="{out}_vector")')
                vector = f"{out}_vector"
            if qualified.endswith("StandardScaler"):
                t.todo("pyspark.ml's StandardScaler divides by the sample standard deviation (n - 1), "
                       "scikit-learn's by the population one (n)")
            code = translated[0]
            stages.append(f'{code[:-1]}{", " if code[-2] != "(" else ""}inputCol="{vector}", outputCol="{out}")')
            vector = out
        else:
            return None
    return stages, f'"{vector}"' if vector else f"*{names}"


def steps(t: Translator, node: cst.Call) -> list[cst.Call] | None:
    """The steps of a scikit-learn Pipeline / make_pipeline made only of the preprocessing a column
    group can hold (imputer, one-hot encoder, scaler), else None."""
    from sparklint.migrate.learn import pipeline_steps

    calls = [s for s in pipeline_steps(t, node) or () if isinstance(s, cst.Call) and t.qualify(s.func) in STEPS]
    return calls if calls and len(calls) == len(pipeline_steps(t, node) or ()) else None


def _steps(t: Translator, node: cst.BaseExpression) -> list[cst.Call] | None:
    """The constructor calls of one group: a single step, or a `Pipeline([...])` / `make_pipeline(...)`
    written inline or bound to a name before (`numeric = Pipeline([...])`, `Steps`)."""
    from sparklint.migrate.learn import pipeline_steps

    if isinstance(node, cst.Name) and isinstance(held := t.scope.get(node.value), Steps):
        node = held.call
    if not isinstance(node, cst.Call):
        return None
    steps = pipeline_steps(t, node) or [node]
    calls = [s for s in steps if isinstance(s, cst.Call)]
    return calls if len(calls) == len(steps) else None
