"""The *fresh-values* half: spaces written with numeric ``values`` lists, never run before a rule is fixed.

W&B users write many parameters as lists (``batch_size: values: [16, 32, 64]``, a learning rate as
``[1e-4, 1e-3, 1e-2]``). W&B's ``bayes`` reads such a list as one ordered axis; Optuna's samplers
read it as unordered categories. The design, held-out and fresh halves hold 16 tasks of that shape
between them, and the fresh half has been read, so a rule about lists needs tasks no rule has seen:
these, written and committed before any run on them. No problem here appears in another half.

* ``tabular``: functions on grids whose axes are W&B ``values`` lists in the units a user would
  write (arithmetic, geometric and irregular spacing), a made-up training surface on geometric
  lists, and a table whose numbers are **codes with no order** (a list of ids or seeds), where
  reading a list as ordered can only mislead; the optimum is the table's minimum, enumerated;
* ``synthetic``: a mixed space, lists beside continuous distributions, with an exact optimum;
* ``real``: scikit-learn fits on data it generates with fixed seeds no other task uses, each
  space written mostly as lists, as W&B sweep files often are.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import _estimator
from bench.search.tasks import Objective, Task

__all__ = ["FRESH_VALUES", "fresh_values_tasks"]

FRESH_VALUES = "fresh-values"
#: the seed of every shift, code table and generated dataset of this half (fixed; never redrawn).
SEED = 20261207


def _arange(lo: float, hi: float, n: int) -> list[float]:
    return [round(float(v), 6) for v in np.linspace(lo, hi, n)]


def _shift(problem: str, dim: int, size: float) -> np.ndarray:
    """A fixed shift per problem: moves a textbook optimum off the grid's centre."""
    rng = np.random.default_rng([SEED, sum(map(ord, problem))])
    return rng.uniform(-size, size, dim)


# -- tabular: functions on grids of values lists -----------------------------------------------


def _griewank(x: np.ndarray) -> float:
    i = np.arange(1, len(x) + 1)
    return float(np.sum(x**2) / 4000 - np.prod(np.cos(x / np.sqrt(i))) + 1)


def _trid(x: np.ndarray) -> float:
    return float(np.sum((x - 1) ** 2) - np.sum(x[1:] * x[:-1]))


def _colville(x: np.ndarray) -> float:
    a, b, c, d = x
    return float(
        100 * (a**2 - b) ** 2
        + (a - 1) ** 2
        + (c - 1) ** 2
        + 90 * (c**2 - d) ** 2
        + 10.1 * ((b - 1) ** 2 + (d - 1) ** 2)
        + 19.8 * (b - 1) * (d - 1)
    )


def _alpine(x: np.ndarray) -> float:
    return float(np.sum(np.abs(x * np.sin(x) + 0.1 * x)))


def _training_surface(c: Mapping[str, Any]) -> float:
    """A made-up validation loss of a network: the best rate grows with the batch and the momentum's
    effective step, width and epochs trade off, too many epochs overfit (minimum enumerated)."""
    effective = math.log10(c["lr"] / (1 - c["momentum"]))
    best_rate = -2.1 + 0.3 * math.log2(c["batch_size"] / 64)
    rate = 0.8 * (effective - best_rate) ** 2
    width = 0.12 * (math.log2(c["width"]) - 8.4) ** 2 * (0.6 if c["epochs"] >= 40 else 1.0)
    epochs = 0.5 / math.sqrt(c["epochs"] / 5) + 0.004 * c["epochs"]
    noise_of_momentum = 0.6 * max(0.0, c["momentum"] - 0.95)
    return 0.2 + rate + width + epochs + noise_of_momentum


def _code_effects() -> np.ndarray:
    """Per parameter, per code: an effect with no order in the codes (a random table)."""
    return np.random.default_rng([SEED, 7]).normal(0.0, 1.0, size=(5, 8))


def _codes(c: Mapping[str, Any]) -> float:
    e = _code_effects()
    x = [int(c[f"id{i}"]) for i in range(5)]
    interaction = 0.5 * e[(x[0] + x[1]) % 5, (x[0] * x[1]) % 8]
    return float(sum(e[i, v] for i, v in enumerate(x)) + interaction)


def _point_function(fn: Callable[[np.ndarray], float], names: list[str], shift: np.ndarray) -> Callable[..., float]:
    def f(c: Mapping[str, Any]) -> float:
        return fn(np.array([float(c[n]) for n in names]) - shift)

    return f


@functools.cache
def _grids() -> dict[str, tuple[Callable[[Mapping[str, Any]], float], dict[str, list[Any]]]]:
    griewank = [f"x{i}" for i in range(5)]
    trid = [f"x{i}" for i in range(6)]
    colville = ["a", "b", "c", "d"]
    alpine = [f"x{i}" for i in range(4)]
    return {
        "values-griewank-5d": (
            _point_function(_griewank, griewank, _shift("griewank", 5, 20.0)),
            {n: _arange(-60, 60, 11) for n in griewank},
        ),
        "values-trid-6d": (
            _point_function(_trid, trid, np.zeros(6)),
            {n: _arange(-36, 36, 9) for n in trid},
        ),
        "values-colville": (
            _point_function(_colville, colville, _shift("colville", 4, 1.0)),
            {n: [-10, -6, -3, -1.5, -0.5, 0, 0.5, 1.5, 3, 6, 10] for n in colville},  # irregular, dense near 0
        ),
        "values-alpine-4d": (
            _point_function(_alpine, alpine, _shift("alpine", 4, 3.0)),
            {n: _arange(-10, 10, 21) for n in alpine},
        ),
        "values-training": (
            _training_surface,
            {
                "lr": [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1],
                "batch_size": [16, 32, 64, 128, 256, 512, 1024],
                "width": [32, 64, 128, 256, 512, 1024],
                "momentum": [0.0, 0.5, 0.8, 0.9, 0.95, 0.99],
                "epochs": [5, 10, 20, 40, 80],
            },
        ),
        "values-codes": (_codes, {f"id{i}": list(range(8)) for i in range(5)}),
    }


@functools.cache
def _grid_best(grid: str) -> float:
    fn, lists = _grids()[grid]
    names = list(lists)
    return min(fn(dict(zip(names, point))) for point in itertools.product(*lists.values()))


def _grid_objective(grid: str) -> Objective:
    return _grids()[grid][0]


def _grid_tasks() -> list[Task]:
    notes = {"values-codes": "numbers that are codes: no order to find"}
    return [
        Task(
            grid,
            "tabular",
            {name: {"values": list(values)} for name, values in lists.items()},
            functools.partial(_grid_objective, grid),
            exact_best=functools.partial(_grid_best, grid),
            note=notes.get(grid, "W&B values lists"),
            problem=f"fv-{grid}",
            half=FRESH_VALUES,
        )
        for grid, (_fn, lists) in _grids().items()
    ]


# -- synthetic: lists beside continuous distributions --------------------------------------------

_MIXED_PARAMETERS: dict[str, dict[str, Any]] = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
    "batch_size": {"values": [16, 32, 64, 128, 256, 512, 1024]},
    "layers": {"values": [1, 2, 3, 4, 5, 6]},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.7},
    "weight_decay": {"values": [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]},
}


def _mixed_discrete(c: Mapping[str, Any]) -> float:
    wd = math.log10(c["weight_decay"]) if c["weight_decay"] > 0 else -7.0
    return 0.3 * (c["layers"] - 4) ** 2 / 4 + 0.1 * (wd + 4.2) ** 2 + 0.05 * (math.log2(c["batch_size"]) - 7.5) ** 2


def _mixed() -> Objective:
    """Continuous terms whose minimum, 0, is inside the box for every discrete point, plus discrete terms."""

    def f(c: Mapping[str, Any]) -> float:
        best_rate = -3.0 + 0.25 * (math.log2(c["batch_size"]) - 6) - 0.15 * c["layers"]
        best_dropout = 0.1 * c["layers"] - 0.05
        cont = 1.5 * (math.log10(c["lr"]) - best_rate) ** 2 + 4.0 * (c["dropout"] - best_dropout) ** 2
        return cont + _mixed_discrete(c)

    return f


def _mixed_best() -> float:
    lists = {k: v["values"] for k, v in _MIXED_PARAMETERS.items() if "values" in v}
    return min(_mixed_discrete(dict(zip(lists, p))) for p in itertools.product(*lists.values()))


# -- real: scikit-learn fits on lists ---------------------------------------------------------


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    return {
        "fv-knn": lambda: datasets.make_classification(
            n_samples=500, n_features=10, n_informative=4, n_redundant=2, flip_y=0.08, random_state=SEED % 1000 + 1
        ),
        "fv-tree": lambda: datasets.make_regression(
            n_samples=400, n_features=12, n_informative=6, noise=15.0, random_state=SEED % 1000 + 2
        ),
        "fv-svc": lambda: datasets.make_circles(n_samples=300, noise=0.2, factor=0.5, random_state=SEED % 1000 + 3),
        "fv-forest": lambda: datasets.make_classification(
            n_samples=400, n_features=15, n_informative=5, n_redundant=3, flip_y=0.05, random_state=SEED % 1000 + 4
        ),
    }


#: real task -> (estimator, how each config key is cast, fixed keywords, data, scoring)
_FITS: dict[str, tuple[str, dict[str, Callable[[Any], Any]], dict[str, Any], str, str]] = {
    "knn-values": (
        "sklearn.neighbors.KNeighborsClassifier",
        {"n_neighbors": int, "weights": str, "p": float},
        {},
        "fv-knn",
        "neg_log_loss",
    ),
    "tree-values": (
        "sklearn.tree.DecisionTreeRegressor",
        {
            "max_depth": int,
            "min_samples_leaf": int,
            "min_samples_split": int,
            "ccp_alpha": float,
            "max_features": float,
        },
        {"random_state": 0},
        "fv-tree",
        "neg_mean_squared_error",
    ),
    "svc-values": (
        "sklearn.svm.SVC",
        {"C": float, "gamma": float, "tol": float},
        {"random_state": 0},
        "fv-svc",
        "accuracy",
    ),
    "forest-values": (
        "sklearn.ensemble.RandomForestClassifier",
        {"n_estimators": int, "max_depth": int, "min_samples_leaf": int, "max_features": float},
        {"random_state": 0, "n_jobs": 1},
        "fv-forest",
        "neg_log_loss",
    ),
}


_KNN_PARAMETERS: dict[str, dict[str, Any]] = {
    "n_neighbors": {"values": [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]},
    "weights": {"values": ["uniform", "distance"]},
    "p": {"values": [1, 1.5, 2, 3, 4]},
}
_TREE_PARAMETERS: dict[str, dict[str, Any]] = {
    "max_depth": {"values": [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20]},
    "min_samples_leaf": {"values": [1, 2, 4, 8, 16, 32, 64]},
    "min_samples_split": {"values": [2, 4, 8, 16, 32]},
    "ccp_alpha": {"values": [0.0, 0.001, 0.01, 0.1, 1.0]},
    "max_features": {"values": [0.3, 0.5, 0.7, 1.0]},
}
_SVC_PARAMETERS: dict[str, dict[str, Any]] = {
    "C": {"values": [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]},
    "gamma": {"values": [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]},
    "tol": {"values": [1e-4, 1e-3, 1e-2]},
}
_FOREST_PARAMETERS: dict[str, dict[str, Any]] = {
    "n_estimators": {"values": [10, 20, 40]},
    "max_depth": {"values": [2, 3, 4, 6, 8, 12]},
    "min_samples_leaf": {"values": [1, 2, 4, 8, 16, 32]},
    "max_features": {"values": [0.1, 0.2, 0.4, 0.6, 0.8, 1.0]},
}


def fresh_values_tasks() -> list[Task]:
    """Every task of the fresh-values half, in a fixed order."""
    notes = {
        "knn-values": "KNeighborsClassifier, 3-fold log loss",
        "tree-values": "DecisionTreeRegressor, 3-fold MSE",
        "svc-values": "SVC (RBF), 3-fold error rate as -accuracy",
        "forest-values": "RandomForestClassifier, 3-fold log loss",
    }
    params = {
        "knn-values": _KNN_PARAMETERS,
        "tree-values": _TREE_PARAMETERS,
        "svc-values": _SVC_PARAMETERS,
        "forest-values": _FOREST_PARAMETERS,
    }
    return [
        *_grid_tasks(),
        Task(
            "values-mixed",
            "synthetic",
            _MIXED_PARAMETERS,
            _mixed,
            exact_best=_mixed_best,
            note="values lists beside a log-uniform rate and a uniform dropout",
            problem="fv-values-mixed",
            half=FRESH_VALUES,
        ),
        *(
            Task(
                name,
                "real",
                params[name],
                functools.partial(_estimator, *fit),
                note=notes[name],
                problem=f"fv-{name}",
                half=FRESH_VALUES,
            )
            for name, fit in _FITS.items()
        ),
    ]
