"""The *fresh-flat* half: model-as-a-categorical and other mixed spaces, never run before a rule is fixed.

W&B users without conditional spaces choose the model with one categorical and list every model's
knobs beside it; only the chosen model's knobs matter. TPE has settled on the first good model of
such a space and stayed (the fresh half's ``flat-moons``, the held-out half's ``flat-wine`` at 10
trials). Every half has been read by now, so a rule about mixed spaces needs tasks no rule has
seen: these, written and committed before any run on them. No problem here appears in another half.

* ``real``: four flat model-as-categorical spaces and one plain mixed space (an SGD classifier),
  scikit-learn fits on data it generates with fixed seeds no other task uses;
* ``synthetic``: a mixed space with an exact optimum (a categorical that moves a continuous basin,
  an integer with its own optimum).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.tasks import Objective, Task, _cv_loss, _flat

__all__ = ["FRESH_FLAT", "fresh_flat_tasks", "generated_data"]

FRESH_FLAT = "fresh-flat"
#: the seed of every generated dataset and shift of this half (fixed; never redrawn).
SEED = 20261208


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    return {
        "ff-clf": lambda: datasets.make_classification(
            n_samples=400, n_features=12, n_informative=5, n_redundant=2, flip_y=0.05, random_state=SEED % 1000 + 1
        ),
        "ff-circles": lambda: datasets.make_circles(
            n_samples=300, noise=0.15, factor=0.6, random_state=SEED % 1000 + 2
        ),
        "ff-regression": lambda: _nonlinear_regression(SEED % 1000 + 3),
        "ff-blobs": lambda: datasets.make_blobs(
            n_samples=400, centers=4, n_features=6, cluster_std=3.0, random_state=SEED % 1000 + 4
        ),
        "ff-sgd": lambda: datasets.make_classification(
            n_samples=500, n_features=20, n_informative=8, flip_y=0.03, random_state=SEED % 1000 + 5
        ),
    }


def _nonlinear_regression(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(300, 6))
    y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 - X[:, 2] * X[:, 3] + 0.3 * rng.normal(size=300)
    return X, y


def _flat_clf() -> Objective:
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier

    return _flat(
        "ff-clf",
        "neg_log_loss",
        {
            "logreg": lambda c: LogisticRegression(C=float(c["logreg_C"]), max_iter=500),
            "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_k"]), weights=str(c["knn_weights"])),
            "tree": lambda c: DecisionTreeClassifier(
                max_depth=int(c["tree_depth"]), min_samples_leaf=int(c["tree_leaf"]), random_state=0
            ),
            "nb": lambda c: GaussianNB(var_smoothing=float(c["nb_smoothing"])),
        },
    )


_FLAT_CLF_PARAMETERS = {
    "model": {"values": ["logreg", "knn", "tree", "nb"]},
    "logreg_C": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e2},
    "knn_k": {"distribution": "int_uniform", "min": 1, "max": 80},
    "knn_weights": {"values": ["uniform", "distance"]},
    "tree_depth": {"distribution": "int_uniform", "min": 1, "max": 20},
    "tree_leaf": {"distribution": "int_uniform", "min": 1, "max": 50},
    "nb_smoothing": {"distribution": "log_uniform_values", "min": 1e-12, "max": 1.0},
}


def _flat_circles() -> Objective:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    return _flat(
        "ff-circles",
        "accuracy",
        {
            "logreg": lambda c: LogisticRegression(C=float(c["C"]), max_iter=500),
            "svc": lambda c: SVC(C=float(c["C"]), gamma=float(c["svc_gamma"])),
            "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_k"])),
            "tree": lambda c: DecisionTreeClassifier(max_depth=int(c["tree_depth"]), random_state=0),
        },
    )


_FLAT_CIRCLES_PARAMETERS = {
    "model": {"values": ["logreg", "svc", "knn", "tree"]},
    "C": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1e3},  # shared by logreg and svc
    "svc_gamma": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1e2},
    "knn_k": {"distribution": "int_uniform", "min": 1, "max": 60},
    "tree_depth": {"distribution": "int_uniform", "min": 1, "max": 12},
}


def _flat_regression() -> Objective:
    from sklearn.linear_model import Lasso, Ridge
    from sklearn.neighbors import KNeighborsRegressor
    from sklearn.tree import DecisionTreeRegressor

    return _flat(
        "ff-regression",
        "neg_mean_squared_error",
        {
            "ridge": lambda c: Ridge(alpha=float(c["alpha"])),
            "lasso": lambda c: Lasso(alpha=float(c["alpha"]), max_iter=2000),
            "knn": lambda c: KNeighborsRegressor(n_neighbors=int(c["knn_k"]), weights=str(c["knn_weights"])),
            "tree": lambda c: DecisionTreeRegressor(
                max_depth=int(c["tree_depth"]), min_samples_leaf=int(c["tree_leaf"]), random_state=0
            ),
        },
    )


_FLAT_REGRESSION_PARAMETERS = {
    "model": {"values": ["ridge", "lasso", "knn", "tree"]},
    "alpha": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e2},
    "knn_k": {"distribution": "int_uniform", "min": 1, "max": 50},
    "knn_weights": {"values": ["uniform", "distance"]},
    "tree_depth": {"distribution": "int_uniform", "min": 1, "max": 15},
    "tree_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
}


def _flat_blobs() -> Objective:
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier

    return _flat(
        "ff-blobs",
        "neg_log_loss",
        {
            "logreg": lambda c: LogisticRegression(C=float(c["logreg_C"]), max_iter=500),
            "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_k"]), weights="distance"),
            "nb": lambda c: GaussianNB(var_smoothing=float(c["nb_smoothing"])),
            "lda": lambda c: LinearDiscriminantAnalysis(solver="lsqr", shrinkage=float(c["lda_shrinkage"])),
        },
    )


_FLAT_BLOBS_PARAMETERS = {
    "model": {"values": ["logreg", "knn", "nb", "lda"]},
    "logreg_C": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e2},
    "knn_k": {"distribution": "int_uniform", "min": 1, "max": 100},
    "nb_smoothing": {"distribution": "log_uniform_values", "min": 1e-12, "max": 1.0},
    "lda_shrinkage": {"distribution": "uniform", "min": 0.0, "max": 1.0},
}


def _sgd() -> Objective:
    from sklearn.linear_model import SGDClassifier

    def f(c: Mapping[str, Any]) -> float:
        model = SGDClassifier(
            loss=str(c["loss"]),
            penalty=str(c["penalty"]),
            alpha=float(c["alpha"]),
            l1_ratio=float(c["l1_ratio"]),
            max_iter=int(c["max_iter"]),
            tol=None,
            random_state=0,
        )
        return _cv_loss(model, "ff-sgd", "accuracy")

    return f


_SGD_PARAMETERS = {
    "loss": {"values": ["hinge", "log_loss", "modified_huber"]},
    "penalty": {"values": ["l2", "l1", "elasticnet"]},
    "alpha": {"distribution": "log_uniform_values", "min": 1e-7, "max": 1.0},
    "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
    "max_iter": {"distribution": "int_uniform", "min": 5, "max": 60},
}

_SHIFTS = {"a": (0.3, -0.2), "b": (-0.35, 0.25), "c": (0.1, 0.4)}
_OFFSETS = {"a": 0.0, "b": 0.05, "c": 0.2}


def _mixed_basins() -> Objective:
    """A categorical moves a Rosenbrock-like valley and adds an offset; an integer has its own optimum."""

    def f(c: Mapping[str, Any]) -> float:
        dx, dy = _SHIFTS[str(c["variant"])]
        x, y = float(c["x"]) - dx, float(c["y"]) - dy
        valley = (1 - 2 * x) ** 2 + 5 * (y - x**2) ** 2
        return (
            valley / 10
            + _OFFSETS[str(c["variant"])]
            + 0.01 * (int(c["depth"]) - 7) ** 2
            + 0.02 * math.log2(float(c["width"]) / 64) ** 2
        )

    return f


_MIXED_BASINS_PARAMETERS = {
    "variant": {"values": ["a", "b", "c"]},
    "x": {"distribution": "uniform", "min": -1.0, "max": 1.0},
    "y": {"distribution": "uniform", "min": -1.0, "max": 1.0},
    "depth": {"distribution": "int_uniform", "min": 1, "max": 16},
    "width": {"distribution": "q_log_uniform_values", "min": 8, "max": 1024, "q": 8},
}


def fresh_flat_tasks() -> list[Task]:
    """Every task of the fresh-flat half, in a fixed order."""
    real = [
        ("flat-clf", _FLAT_CLF_PARAMETERS, _flat_clf, "logreg / k-NN / tree / naive Bayes, 3-fold log loss"),
        ("flat-circles", _FLAT_CIRCLES_PARAMETERS, _flat_circles, "logreg / SVC / k-NN / tree, -accuracy"),
        ("flat-regression", _FLAT_REGRESSION_PARAMETERS, _flat_regression, "ridge / lasso / k-NN / tree, MSE"),
        ("flat-blobs", _FLAT_BLOBS_PARAMETERS, _flat_blobs, "logreg / k-NN / naive Bayes / LDA, log loss"),
        ("sgd-mixed", _SGD_PARAMETERS, _sgd, "SGDClassifier, -accuracy"),
    ]
    return [
        *(
            Task(name, "real", params, make, note=note, problem=f"ff-{name}", half=FRESH_FLAT)
            for name, params, make, note in real
        ),
        Task(
            "mixed-basins",
            "synthetic",
            _MIXED_BASINS_PARAMETERS,
            _mixed_basins,
            exact_best=_mixed_basins_best(),
            note="a categorical moves a curved valley; an integer and a quantized width with their own optima",
            problem="ff-mixed-basins",
            half=FRESH_FLAT,
        ),
    ]


@functools.cache
def _mixed_basins_best() -> float:
    """At x = 0.5 + dx, y = 0.25 + dy the valley is 0 (inside the box for every variant); depth 7, width 64."""
    return min(_OFFSETS.values())
