"""The *fresh-start* half: small budgets on spaces no rule has seen, for the rule on auto's first trial.

Every earlier half has been read, so the rule that starts a study at the centre of its space
(``CentreFirst``, chosen on the design half) needs tasks no rule has seen: these, written and
committed before any run on them. No problem here appears in another half.

The centre must not be favoured by construction, nor penalized: synthetic optima are drawn
uniformly inside their box with a fixed seed (not placed at the centre, not moved away from it), or
sit where the function puts them; the real fits' spaces are written as a W&B user writes a sweep
for that model (ranges around the values practitioners try), on data scikit-learn generates with
seeds no other task uses.

* ``synthetic``: Salomon 5-D, Qing 4-D, sum of different powers 6-D, a weighted sphere 8-D, and an
  HPO-shaped mixed space with its optimum drawn at random, each with an exact optimum;
* ``real``: kernel ridge, AdaBoost, a small MLP, a linear SVM, histogram gradient boosting,
  k-nearest-neighbour regression and a random forest, 3-fold cross-validated.

The criterion, written with this half and before any search on it: budgets 10, 20 and 50, 10
seeds, rules ``auto``, ``centre``, ``auto-plain`` and ``plain-centre``. The centre rule becomes
``auto``'s for an install only if (1) head to head with ``auto`` (same task, seed and budget),
summed over budgets 10 and 20, it is better in more searches than worse with a two-sided sign
test p < 0.05; (2) at 50 it is not worse head to head with p < 0.05; and (3) its paired share
against W&B's ``bayes`` at 10 trials is higher than ``auto``'s. Otherwise it is not kept; the
figures are reported either way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import _estimator, _shift, half_tasks
from bench.search.tasks import Objective, Task, _box, _xs

__all__ = ["FRESH_START", "fresh_start_tasks", "generated_data"]

FRESH_START = "fresh-start"
#: the seed of every drawn optimum and generated dataset of this half (fixed; never redrawn).
SEED = 20261209


def _optimum(problem: str, low: float, high: float, dim: int) -> np.ndarray:
    """An optimum drawn uniformly in the box, fixed per problem."""
    return _shift(problem, dim, low, high, seed=SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    base = SEED % 1000
    return {
        "fs-kr": lambda: _wavy_regression(base + 1),
        "fs-hastie": lambda: _hastie(base + 2),
        "fs-mlp": lambda: datasets.make_classification(
            n_samples=300, n_features=10, n_informative=6, flip_y=0.05, random_state=base + 3
        ),
        "fs-svm": lambda: datasets.make_classification(
            n_samples=500, n_features=30, n_informative=10, flip_y=0.05, class_sep=0.8, random_state=base + 4
        ),
        "fs-hgb": lambda: _wavy_regression(base + 5, n=400, features=8),
        "fs-knn": lambda: datasets.make_regression(
            n_samples=300, n_features=6, n_informative=4, noise=15.0, random_state=base + 6
        ),
        "fs-forest": lambda: datasets.make_classification(
            n_samples=400, n_features=16, n_informative=6, n_redundant=4, flip_y=0.08, random_state=base + 7
        ),
    }


def _wavy_regression(seed: int, n: int = 300, features: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(n, features))
    y = np.sin(1.5 * X[:, 0]) * X[:, 1] + np.cos(X[:, 2]) + 0.5 * X[:, 3] ** 2 + 0.3 * rng.normal(size=n)
    return X, y


def _hastie(seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_hastie_10_2

    X, y = make_hastie_10_2(n_samples=400, random_state=seed)
    return X, (y > 0).astype(int)


# -- synthetic: exact optima, drawn in the box or where the function puts them ----------------------


def _salomon() -> Objective:
    z = _optimum("fs-salomon", -8.0, 8.0, 5)

    def f(c: Mapping[str, Any]) -> float:
        r = float(np.linalg.norm(_xs(c, 5) - z))
        return 1 - math.cos(2 * math.pi * r) + 0.1 * r

    return f


def _qing() -> Objective:
    """Qing's function: 2**4 optima at x_i = +-sqrt(i), none at the centre (the function puts them)."""

    def f(c: Mapping[str, Any]) -> float:
        x = _xs(c, 4)
        return float(np.sum((x**2 - np.arange(1, 5)) ** 2))

    return f


def _different_powers() -> Objective:
    z = _optimum("fs-powers", -1.0, 1.0, 6)

    def f(c: Mapping[str, Any]) -> float:
        return float(np.sum(np.abs(_xs(c, 6) - z) ** np.arange(2, 8)))

    return f


def _weighted_sphere() -> Objective:
    z = _optimum("fs-sphere", -5.0, 5.0, 8)

    def f(c: Mapping[str, Any]) -> float:
        return float(np.sum(np.arange(1, 9) * (_xs(c, 8) - z) ** 2))

    return f


_HPO_BATCHES = [16, 32, 64, 128, 256, 512]
_HPO_ACTIVATIONS = {"relu": 0.0, "gelu": 0.02, "tanh": 0.08}


def _hpo_random() -> Objective:
    """An HPO-shaped loss whose best learning rate, depth, dropout and batch are drawn at random."""
    u = _optimum("fs-hpo", 0.0, 1.0, 4)
    best_lr = -5 + 5 * u[0]  # log10, in [-5, 0]
    best_layers, best_dropout = 1 + round(7 * u[1]), 0.6 * u[2]
    best_batch = math.floor(u[3] * len(_HPO_BATCHES))  # every term is 0 at the drawn values: optimum 0

    def f(c: Mapping[str, Any]) -> float:
        return float(
            ((math.log10(float(c["learning_rate"])) - best_lr) / 2) ** 2
            + 0.02 * (int(c["layers"]) - best_layers) ** 2
            + ((float(c["dropout"]) - best_dropout) / 0.3) ** 2
            + 0.01 * (_HPO_BATCHES.index(int(c["batch_size"])) - best_batch) ** 2
            + _HPO_ACTIVATIONS[str(c["activation"])]
        )

    return f


_HPO_PARAMETERS = {
    "learning_rate": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1.0},
    "layers": {"distribution": "int_uniform", "min": 1, "max": 8},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.6},
    "batch_size": {"values": _HPO_BATCHES},
    "activation": {"values": list(_HPO_ACTIVATIONS)},
}


# -- real: 3-fold fits, spaces as a W&B user writes them ---------------------------------------------

_LOG = "log_uniform_values"

_REAL: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "kernel-ridge",
        "kernel ridge (alpha, gamma, kernel), MSE",
        {
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 10.0},
            "kernel": {"values": ["rbf", "laplacian"]},
        },
        lambda: _estimator(
            "sklearn.kernel_ridge.KernelRidge",
            {"alpha": float, "gamma": float, "kernel": str},
            {},
            "fs-kr",
            "neg_mean_squared_error",
        ),
    ),
    (
        "adaboost",
        "AdaBoost on Hastie's 10-2 (estimators, rate), -accuracy",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 120},
            "learning_rate": {"distribution": _LOG, "min": 1e-3, "max": 2.0},
        },
        lambda: _estimator(
            "sklearn.ensemble.AdaBoostClassifier",
            {"n_estimators": int, "learning_rate": float},
            {"random_state": 0},
            "fs-hastie",
            "accuracy",
        ),
    ),
    (
        "mlp-small",
        "one-layer MLP (width, alpha, initial rate), 60 epochs, log loss",
        {
            "hidden_layer_sizes": {"distribution": "q_log_uniform_values", "min": 4, "max": 128, "q": 1},
            "alpha": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
            "learning_rate_init": {"distribution": _LOG, "min": 1e-4, "max": 0.3},
        },
        lambda: _estimator(
            "sklearn.neural_network.MLPClassifier",
            {"hidden_layer_sizes": lambda v: (int(v),), "alpha": float, "learning_rate_init": float},
            {"max_iter": 60, "random_state": 0},
            "fs-mlp",
            "neg_log_loss",
        ),
    ),
    (
        "linear-svm",
        "linear SVM (C, loss, tol), -accuracy",
        {
            "C": {"distribution": _LOG, "min": 1e-4, "max": 100.0},
            "loss": {"values": ["hinge", "squared_hinge"]},
            "tol": {"distribution": _LOG, "min": 1e-6, "max": 1e-1},
        },
        lambda: _estimator(
            "sklearn.svm.LinearSVC",
            {"C": float, "loss": str, "tol": float},
            {"max_iter": 2000, "dual": True},
            "fs-svm",
            "accuracy",
        ),
    ),
    (
        "hgb-regression",
        "histogram gradient boosting, 60 iterations (rate, leaves, leaf size, L2), MSE",
        {
            "learning_rate": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
            "max_leaf_nodes": {"distribution": "int_uniform", "min": 4, "max": 64},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 2, "max": 60},
            "l2_regularization": {"distribution": _LOG, "min": 1e-6, "max": 10.0},
        },
        lambda: _estimator(
            "sklearn.ensemble.HistGradientBoostingRegressor",
            {"learning_rate": float, "max_leaf_nodes": int, "min_samples_leaf": int, "l2_regularization": float},
            {"max_iter": 60, "random_state": 0},
            "fs-hgb",
            "neg_mean_squared_error",
        ),
    ),
    (
        "knn-regression",
        "k-nearest neighbours (k, weights, Minkowski p), MSE / 100",
        {
            "n_neighbors": {"distribution": "int_uniform", "min": 1, "max": 60},
            "weights": {"values": ["uniform", "distance"]},
            "p": {"distribution": "uniform", "min": 1.0, "max": 3.0},
        },
        lambda: _estimator(
            "sklearn.neighbors.KNeighborsRegressor",
            {"n_neighbors": int, "weights": str, "p": float},
            {},
            "fs-knn",
            "neg_mean_squared_error",
            scale=100.0,
        ),
    ),
    (
        "forest-clf",
        "random forest of 30 trees (depth, leaf size, features, criterion), -accuracy",
        {
            "max_depth": {"distribution": "int_uniform", "min": 2, "max": 24},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
            "max_features": {"distribution": "uniform", "min": 0.05, "max": 1.0},
            "criterion": {"values": ["gini", "entropy"]},
        },
        lambda: _estimator(
            "sklearn.ensemble.RandomForestClassifier",
            {"max_depth": int, "min_samples_leaf": int, "max_features": float, "criterion": str},
            {"n_estimators": 30, "random_state": 0, "n_jobs": 1},
            "fs-forest",
            "accuracy",
        ),
    ),
]


def fresh_start_tasks() -> list[Task]:
    """Every task of the fresh-start half, in a fixed order."""
    synthetic = [
        ("salomon-5d", _box(5, -10.0, 10.0), _salomon, 0.0, "Salomon, optimum drawn in [-8, 8]^5"),
        ("qing-4d", _box(4, -3.0, 3.0), _qing, 0.0, "Qing: 16 optima at +-sqrt(i), none at the centre"),
        ("powers-6d", _box(6, -1.0, 1.0), _different_powers, 0.0, "sum of different powers, optimum drawn"),
        ("sphere-8d", _box(8, -5.0, 5.0), _weighted_sphere, 0.0, "weighted sphere, optimum drawn"),
        ("hpo-random", _HPO_PARAMETERS, _hpo_random, 0.0, "HPO-shaped mixed space, optimum drawn"),
    ]
    return half_tasks(FRESH_START, "fs", synthetic, _REAL)
