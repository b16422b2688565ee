"""The *fresh-bounds* half: continuous spaces no rule has seen, for the rule on GP's proposals at the bounds.

Optuna's GPSampler, optimizing its acquisition inside the box, proposes points with coordinates
exactly on a bound; W&B's engine, scoring uniformly random candidates, never does. A rule that keeps
GP's proposals off the bounds (``Interior``, chosen on the design half) needs tasks no rule has seen,
with continuous spaces (where ``auto`` runs GP): these, written and committed with the criterion
before any run on them. No problem here appears in another half.

Optima are where the function puts them (Beale, McCormick, Brown: not at the box's centre) or drawn
uniformly inside the box with a fixed seed; none sits on a bound by construction, none is moved
away from one. Real fits have spaces of floats only, written as W&B users write them, on data
scikit-learn generates with seeds no other task uses.

* ``synthetic``: Beale, McCormick, three-hump camel (optimum drawn), exponential 6-D, quartic 5-D,
  a rotated hyper-ellipsoid 6-D, Csendes 4-D (optima drawn) and Brown 5-D;
* ``real``: an RBF SVR, an elastic net, an SGD regressor, logistic regression and kernel ridge.

The criterion, written with this half and before any search on it: budgets 10, 20 and 50, 10 seeds,
rules ``auto`` and ``interior`` (the full install; the plain install runs no GP). The rule becomes
``auto``'s only if (1) head to head with ``auto`` (same task, seed and budget), summed over budgets
10 and 20, it is better in more searches than worse with a two-sided sign test p < 0.05; (2) at 50
it is not worse head to head with p < 0.05; and (3) its paired share against W&B's ``bayes`` at 10
trials is higher than ``auto``'s. Otherwise it is not kept; the figures are reported either way.

``Interior`` was not chosen on the design half (BENCHMARKS.md), so no search ran on this half: it is
unread, for a later rule on continuous spaces (with a criterion of its own, written before its run).

Second criterion (2026-12-06, written before any search on this half and before the design run of
the rule it judges): the rule ``iso10`` (``auto``'s choice, its trials before 10 modelled by a GP
with one length scale, ``IsotropicGP``; continuous spaces only) and ``plain-iso10`` (the same on the
plain install, where TPE takes over at trial 10). If the design half (62 tasks, 4 seeds, budgets 10
and 20) chooses it for an install (head to head with that install's ``auto``, summed over 10 and 20,
better in more searches than worse), it runs here for that install: budgets 10, 20 and 50, 10
seeds, beside ``auto``, ``auto-plain`` and W&B's engine. It becomes that install's rule only if the
three conditions above hold for it against that install's ``auto``: (1) better than worse summed
over 10 and 20 with a two-sided sign test p < 0.05; (2) at 50 not worse with p < 0.05; (3) its paired
share against W&B's ``bayes`` at 10 trials higher than ``auto``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import _estimator, _shift, half_tasks
from bench.search.tasks import Objective, Task, _box, _xs

__all__ = ["FRESH_BOUNDS", "fresh_bounds_tasks", "generated_data"]

FRESH_BOUNDS = "fresh-bounds"
#: the seed of every drawn optimum and generated dataset of this half (fixed; never redrawn).
SEED = 20261210


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    base = SEED % 1000
    return {
        "fb-svr": lambda: datasets.make_friedman2(n_samples=300, noise=20.0, random_state=base + 1),
        "fb-enet": lambda: datasets.make_regression(
            n_samples=200, n_features=60, n_informative=12, noise=25.0, random_state=base + 2
        ),
        "fb-sgd": lambda: datasets.make_regression(
            n_samples=400, n_features=15, n_informative=8, noise=10.0, random_state=base + 3
        ),
        "fb-logreg": lambda: datasets.make_classification(
            n_samples=400, n_features=25, n_informative=6, n_redundant=6, flip_y=0.1, random_state=base + 4
        ),
        "fb-kr": lambda: datasets.make_friedman3(n_samples=300, noise=0.1, random_state=base + 5),
    }


def _drawn(problem: str, low: float, high: float, dim: int) -> np.ndarray:
    return _shift(problem, dim, low, high, seed=SEED)


def _beale() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        x, y = _xs(c, 2)
        return float((1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2)

    return f


def _mccormick() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        x, y = _xs(c, 2)
        return float(np.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1)

    return f


_MCCORMICK_BEST = -1.913222954981037  # at (-0.54719, -1.54719)


def _camel() -> Objective:
    z = _drawn("fb-camel", -4.0, 4.0, 2)

    def f(c: Mapping[str, Any]) -> float:
        x, y = _xs(c, 2) - z
        return float(2 * x**2 - 1.05 * x**4 + x**6 / 6 + x * y + y**2)

    return f


def _exponential() -> Objective:
    z = _drawn("fb-exponential", -0.8, 0.8, 6)

    def f(c: Mapping[str, Any]) -> float:
        return float(1 - np.exp(-0.5 * np.sum((_xs(c, 6) - z) ** 2)))

    return f


def _quartic() -> Objective:
    z = _drawn("fb-quartic", -1.0, 1.0, 5)

    def f(c: Mapping[str, Any]) -> float:
        return float(np.sum(np.arange(1, 6) * (_xs(c, 5) - z) ** 4))

    return f


def _rotated_ellipsoid() -> Objective:
    z = _drawn("fb-ellipsoid", -40.0, 40.0, 6)

    def f(c: Mapping[str, Any]) -> float:
        return float(np.sum(np.cumsum(_xs(c, 6) - z) ** 2))

    return f


def _csendes() -> Objective:
    z = _drawn("fb-csendes", -0.8, 0.8, 4)

    def f(c: Mapping[str, Any]) -> float:
        d = _xs(c, 4) - z
        safe = np.where(d == 0, 1.0, d)
        return float(np.sum(np.where(d == 0, 0.0, d**6 * (2 + np.sin(1 / safe)))))

    return f


def _brown() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        x2 = _xs(c, 5) ** 2
        return float(np.sum(x2[:-1] ** (x2[1:] + 1) + x2[1:] ** (x2[:-1] + 1)))

    return f


_LOG = "log_uniform_values"

_REAL: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "svr-rbf",
        "RBF SVR on Friedman 2 (C, gamma, epsilon), MSE / 1e4",
        {
            "C": {"distribution": _LOG, "min": 1e-2, "max": 1e4},
            "gamma": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "epsilon": {"distribution": _LOG, "min": 1e-3, "max": 10.0},
        },
        lambda: _estimator(
            "sklearn.svm.SVR",
            {"C": float, "gamma": float, "epsilon": float},
            {},
            "fb-svr",
            "neg_mean_squared_error",
            scale=1e4,
        ),
    ),
    (
        "elasticnet-wide",
        "elastic net, 60 features (alpha, l1_ratio), MSE / 100",
        {
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 100.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.ElasticNet",
            {"alpha": float, "l1_ratio": float},
            {"max_iter": 5000},
            "fb-enet",
            "neg_mean_squared_error",
            scale=100.0,
        ),
    ),
    (
        "sgd-regressor",
        "SGD regressor (alpha, eta0, power_t), MSE / 100",
        {
            "alpha": {"distribution": _LOG, "min": 1e-7, "max": 1.0},
            "eta0": {"distribution": _LOG, "min": 1e-5, "max": 0.5},
            "power_t": {"distribution": "uniform", "min": 0.05, "max": 0.95},
        },
        lambda: _estimator(
            "sklearn.linear_model.SGDRegressor",
            {"alpha": float, "eta0": float, "power_t": float},
            {"max_iter": 200, "tol": None, "random_state": 0},
            "fb-sgd",
            "neg_mean_squared_error",
            scale=100.0,
        ),
    ),
    (
        "logreg-l2",
        "logistic regression (C, intercept scaling), log loss",
        {
            "C": {"distribution": _LOG, "min": 1e-5, "max": 100.0},
            "intercept_scaling": {"distribution": _LOG, "min": 1e-2, "max": 100.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.LogisticRegression",
            {"C": float, "intercept_scaling": float},
            {"solver": "liblinear", "max_iter": 500},
            "fb-logreg",
            "neg_log_loss",
        ),
    ),
    (
        "kernel-ridge-rbf",
        "RBF kernel ridge on Friedman 3 (alpha, gamma), MSE",
        {
            "alpha": {"distribution": _LOG, "min": 1e-5, "max": 10.0},
            "gamma": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
        },
        lambda: _estimator(
            "sklearn.kernel_ridge.KernelRidge",
            {"alpha": float, "gamma": float},
            {"kernel": "rbf"},
            "fb-kr",
            "neg_mean_squared_error",
        ),
    ),
]


def fresh_bounds_tasks() -> list[Task]:
    """Every task of the fresh-bounds half, in a fixed order."""
    synthetic = [
        ("beale-2d", _box(2, -4.5, 4.5), _beale, 0.0, "Beale: optimum at (3, 0.5)"),
        (
            "mccormick-2d",
            {"x0": _box(1, -1.5, 4.0)["x0"], "x1": _box(1, -3.0, 4.0)["x0"]},
            _mccormick,
            _MCCORMICK_BEST,
            "McCormick: optimum near (-0.55, -1.55)",
        ),
        ("camel-2d", _box(2, -5.0, 5.0), _camel, 0.0, "three-hump camel, optimum drawn"),
        ("exponential-6d", _box(6, -1.0, 1.0), _exponential, 0.0, "1 - exp(-|x - z|^2 / 2), optimum drawn"),
        ("quartic-5d", _box(5, -1.28, 1.28), _quartic, 0.0, "sum of i (x_i - z_i)^4, optimum drawn"),
        ("ellipsoid-rot-6d", _box(6, -65.0, 65.0), _rotated_ellipsoid, 0.0, "rotated hyper-ellipsoid, optimum drawn"),
        ("csendes-4d", _box(4, -1.0, 1.0), _csendes, 0.0, "Csendes, optimum drawn"),
        ("brown-5d", _box(5, -1.0, 4.0), _brown, 0.0, "Brown: optimum at the origin, off the box's centre"),
    ]
    return half_tasks(FRESH_BOUNDS, "fb", synthetic, _REAL)
