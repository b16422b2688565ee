"""The *fresh-early* half: continuous spaces no rule has seen, for the rule on the first trials' model.

Every earlier half has been read (fresh-bounds by the first run of the rule below), so the rule that
models the trials after the random start with a GP of one length scale (``IsotropicGP`` through
``Handover``; candidates ``iso`` and ``plain-iso``) needs tasks no rule has seen: these, written and
committed with the criterion before any search on them. No problem here appears in another half.

Optima are where the function puts them or drawn uniformly inside the box with this half's seed
(functions whose optimum sits at the centre or the origin are moved); none is placed on a bound or
at the centre on purpose. Real fits have spaces of floats only, written as W&B users write them, on
data scikit-learn generates with seeds no other task uses.

* ``synthetic``: Forrester and Gramacy-Lee (1-D), Booth, Himmelblau, Levy N.13, Matyas, Bohachevsky,
  Schaffer N.2 and drop-wave (2-D), Perm 4-D, cosine mixture 4-D, Schwefel 2.22 4-D, W-wavy 5-D,
  and random rotated quadratics in 5-D and 8-D (condition number 100);
* ``real``: a lasso (one parameter), a Huber regressor, a nu-SVR, an RBF SVC and an elastic-net
  logistic regression.

The criterion, written with this half and before any search on it (2026-12-06): budgets 10, 20 and
50, 10 seeds, rules ``auto``, ``auto-plain``, ``iso`` and ``plain-iso``, with W&B's engine. For each
install, ``iso`` (``plain-iso``) runs here only if the design half chose it (its 45 continuous tasks,
4 seeds, budgets 10 and 20: better than that install's ``auto`` in more searches than worse, summed
over both budgets), and becomes ``auto``'s rule only if, against that install's ``auto``:
(1) head to head (same task, seed and budget), summed over budgets 10 and 20, it is better in more
searches than worse with a two-sided sign test p < 0.05; (2) at 50 it is not worse with p < 0.05;
(3) its paired share against W&B's ``bayes`` at 10 trials is higher than ``auto``'s. Otherwise it is
not kept. This half alone judges: the fresh-bounds figures of ``iso10`` (the same model, its random
start drawn apart from the sampler's) are reported beside it, not pooled with it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import Draws, _estimator, _shift, half_tasks
from bench.search.tasks import Objective, Task, _box, _xs

__all__ = ["FRESH_EARLY", "fresh_early_tasks", "generated_data"]

FRESH_EARLY = "fresh-early"
#: the seed of every drawn optimum, rotation and generated dataset of this half (fixed; never redrawn).
SEED = 20261211
#: where this half's shifted optima sit (problem names behind ``fe-``).
_DRAWS = Draws("fe", SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    base = SEED % 1000

    def huber() -> tuple[np.ndarray, np.ndarray]:
        X, y = datasets.make_regression(n_samples=300, n_features=10, n_informative=6, noise=5.0, random_state=base + 2)
        rng = np.random.default_rng(base + 2)
        outliers = rng.choice(len(y), size=30, replace=False)
        y[outliers] += rng.normal(0.0, 300.0, size=30)
        return X, y

    return {
        "fe-lasso": lambda: datasets.make_regression(
            n_samples=150, n_features=80, n_informative=10, noise=15.0, random_state=base + 1
        ),
        "fe-huber": huber,
        "fe-nusvr": lambda: datasets.make_friedman1(n_samples=300, noise=1.0, random_state=base + 3),
        "fe-svc": lambda: datasets.make_moons(n_samples=300, noise=0.3, random_state=base + 4),
        "fe-logreg": lambda: datasets.make_classification(
            n_samples=400, n_features=40, n_informative=5, n_redundant=5, flip_y=0.05, random_state=base + 5
        ),
    }


def _drawn(problem: str, low: float, high: float, dim: int) -> np.ndarray:
    return _shift(problem, dim, low, high, seed=SEED)


def _plain(dim: int, f: Callable[[np.ndarray], float]) -> Callable[[], Objective]:
    def make() -> Objective:
        def g(c: Mapping[str, Any]) -> float:
            return float(f(_xs(c, dim)))

        return g

    return make


def _forrester(x: np.ndarray) -> float:
    return float((6 * x[0] - 2) ** 2 * math.sin(12 * x[0] - 4))


def _gramacy_lee(x: np.ndarray) -> float:
    return float(math.sin(10 * math.pi * x[0]) / (2 * x[0]) + (x[0] - 1) ** 4)


def _booth(x: np.ndarray) -> float:
    return float((x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2)


def _himmelblau(x: np.ndarray) -> float:
    return float((x[0] ** 2 + x[1] - 11) ** 2 + (x[0] + x[1] ** 2 - 7) ** 2)


def _levy13(x: np.ndarray) -> float:
    a, b = x
    return float(
        math.sin(3 * math.pi * a) ** 2
        + (a - 1) ** 2 * (1 + math.sin(3 * math.pi * b) ** 2)
        + (b - 1) ** 2 * (1 + math.sin(2 * math.pi * b) ** 2)
    )


def _matyas(x: np.ndarray) -> float:
    return float(0.26 * (x[0] ** 2 + x[1] ** 2) - 0.48 * x[0] * x[1])


def _bohachevsky(x: np.ndarray) -> float:
    return float(
        x[0] ** 2 + 2 * x[1] ** 2 - 0.3 * math.cos(3 * math.pi * x[0]) - 0.4 * math.cos(4 * math.pi * x[1]) + 0.7
    )


def _schaffer2(x: np.ndarray) -> float:
    return float(0.5 + (math.sin(x[0] ** 2 - x[1] ** 2) ** 2 - 0.5) / (1 + 0.001 * (x[0] ** 2 + x[1] ** 2)) ** 2)


def _drop_wave(x: np.ndarray) -> float:
    r2 = float(np.sum(x**2))
    return float(-(1 + math.cos(12 * math.sqrt(r2))) / (0.5 * r2 + 2))


def _perm(x: np.ndarray, beta: float = 10.0) -> float:
    d = len(x)
    j = np.arange(1, d + 1)
    return float(sum(np.sum((j + beta) * (x**i - 1.0 / j**i)) ** 2 for i in range(1, d + 1)))


def _cosine_mixture(x: np.ndarray) -> float:
    return float(np.sum(x**2) - 0.1 * np.sum(np.cos(5 * math.pi * x)))


def _schwefel222(x: np.ndarray) -> float:
    return float(np.sum(np.abs(x)) + np.prod(np.abs(x)))


def _wavy(x: np.ndarray) -> float:
    return float(1 - np.mean(np.cos(10 * x) * np.exp(-(x**2) / 2)))


def _quadratic(problem: str, dim: int, low: float, high: float) -> Callable[[], Objective]:
    """(x - z)' A (x - z) with A a rotation of eigenvalues log-spaced from 1 to 100 (drawn with the seed)."""

    def make() -> Objective:
        rng = np.random.default_rng([SEED, sum(map(ord, problem))])
        q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
        a = q @ np.diag(np.logspace(0.0, 2.0, dim)) @ q.T
        z = _drawn(problem, low * 0.8, high * 0.8, dim)

        def f(c: Mapping[str, Any]) -> float:
            d = _xs(c, dim) - z
            return float(d @ a @ d)

        return f

    return make


_LOG = "log_uniform_values"

_REAL: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "lasso-1d",
        "lasso on 80 features, 10 informative (alpha), MSE / 100",
        {"alpha": {"distribution": _LOG, "min": 1e-3, "max": 100.0}},
        lambda: _estimator(
            "sklearn.linear_model.Lasso",
            {"alpha": float},
            {"max_iter": 5000},
            "fe-lasso",
            "neg_mean_squared_error",
            100.0,
        ),
    ),
    (
        "huber",
        "Huber regressor with 10 % outliers (epsilon, alpha), mean absolute error",
        {
            "epsilon": {"distribution": "uniform", "min": 1.0, "max": 3.0},
            "alpha": {"distribution": _LOG, "min": 1e-6, "max": 10.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.HuberRegressor",
            {"epsilon": float, "alpha": float},
            {"max_iter": 500},
            "fe-huber",
            "neg_mean_absolute_error",
        ),
    ),
    (
        "nusvr",
        "nu-SVR on Friedman 1 (nu, C, gamma), MSE",
        {
            "nu": {"distribution": "uniform", "min": 0.05, "max": 0.95},
            "C": {"distribution": _LOG, "min": 1e-2, "max": 1e3},
            "gamma": {"distribution": _LOG, "min": 1e-4, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.svm.NuSVR", {"nu": float, "C": float, "gamma": float}, {}, "fe-nusvr", "neg_mean_squared_error"
        ),
    ),
    (
        "svc-moons",
        "RBF SVC on noisy moons (C, gamma), log loss of Platt-scaled probabilities",
        {
            "C": {"distribution": _LOG, "min": 1e-2, "max": 1e3},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
        },
        lambda: _estimator(
            "sklearn.svm.SVC",
            {"C": float, "gamma": float},
            {"probability": True, "random_state": 0},
            "fe-svc",
            "neg_log_loss",
        ),
    ),
    (
        "logreg-enet",
        "elastic-net logistic regression, 40 features (C, l1_ratio), log loss",
        {
            "C": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.LogisticRegression",
            {"C": float, "l1_ratio": float},
            {"penalty": "elasticnet", "solver": "saga", "max_iter": 300},
            "fe-logreg",
            "neg_log_loss",
        ),
    ),
]


def _problem(name: str) -> str:
    """A function's problem, whatever its dimension (``quadratic-5d`` and ``quadratic-8d`` are one)."""
    return "fe-" + name.rsplit("-", 1)[0]


def fresh_early_tasks() -> list[Task]:
    """Every task of the fresh-early half, in a fixed order."""

    synthetic = [
        ("forrester-1d", _box(1, 0.0, 1.0), _plain(1, _forrester), -6.020740055767083, "Forrester: optimum near 0.757"),
        (
            "gramacy-lee-1d",
            _box(1, 0.5, 2.5),
            _plain(1, _gramacy_lee),
            -0.8690111349894997,
            "Gramacy & Lee: multimodal, optimum near 0.549",
        ),
        ("booth-2d", _box(2, -10.0, 10.0), _plain(2, _booth), 0.0, "Booth: optimum at (1, 3)"),
        ("himmelblau-2d", _box(2, -5.0, 5.0), _plain(2, _himmelblau), 0.0, "Himmelblau: four optima"),
        ("levy13-2d", _box(2, -10.0, 10.0), _plain(2, _levy13), 0.0, "Levy N.13: multimodal, optimum at (1, 1)"),
        (
            "matyas-2d",
            _box(2, -10.0, 10.0),
            _DRAWS.moved("matyas", 2, -8.0, 8.0, _matyas),
            0.0,
            "Matyas, optimum drawn",
        ),
        (
            "bohachevsky-2d",
            _box(2, -100.0, 100.0),
            _DRAWS.moved("bohachevsky", 2, -80.0, 80.0, _bohachevsky),
            0.0,
            "Bohachevsky 1, optimum drawn",
        ),
        (
            "schaffer2-2d",
            _box(2, -20.0, 20.0),
            _DRAWS.moved("schaffer2", 2, -10.0, 10.0, _schaffer2),
            0.0,
            "Schaffer N.2: multimodal, optimum drawn",
        ),
        (
            "drop-wave-2d",
            _box(2, -5.12, 5.12),
            _DRAWS.moved("drop-wave", 2, -3.0, 3.0, _drop_wave),
            -1.0,
            "drop-wave: rings, optimum drawn",
        ),
        ("perm-4d", _box(4, -4.0, 4.0), _plain(4, _perm), 0.0, "Perm 0,4,10: optimum at x_j = 1/j"),
        (
            "cosine-mixture-4d",
            _box(4, -1.0, 1.0),
            _DRAWS.moved("cosine-mixture", 4, -0.6, 0.6, _cosine_mixture),
            -0.4,
            "cosine mixture: ripples on a bowl, optimum drawn",
        ),
        (
            "schwefel222-4d",
            _box(4, -10.0, 10.0),
            _DRAWS.moved("schwefel222", 4, -7.0, 7.0, _schwefel222),
            0.0,
            "Schwefel 2.22: not smooth, optimum drawn",
        ),
        (
            "wavy-5d",
            _box(5, -math.pi, math.pi),
            _DRAWS.moved("wavy", 5, -2.0, 2.0, _wavy),
            0.0,
            "W-wavy, optimum drawn",
        ),
        ("quadratic-5d", _box(5, -5.0, 5.0), _quadratic("fe-quadratic-5d", 5, -5.0, 5.0), 0.0, "rotated quadratic"),
        ("quadratic-8d", _box(8, -5.0, 5.0), _quadratic("fe-quadratic-8d", 8, -5.0, 5.0), 0.0, "rotated quadratic"),
    ]
    return half_tasks(FRESH_EARLY, "fe", synthetic, _REAL, problem=_problem)
