"""RBF support-vector classifier on scikit-learn's handwritten digits, 3-fold cross-validated accuracy.

The textbook two-parameter problem: ``C`` (margin softness) and ``gamma`` (kernel width), both
on log scales, with a sharp ridge of good values between under- and over-fitting; its contour
plot is the classic picture of why random and Bayesian search beat a coarse grid. Pixels are
scaled to [0, 1]. The mean accuracy after each fold is reported for the hyperband pruner.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from sklearn.datasets import load_digits
from sklearn.svm import SVC
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 3


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """1,797 images x 64 pixels scaled to [0, 1], 10 classes."""
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one (C, gamma); return mean accuracy (the objective) and support vectors."""
    X, y = data()
    n_support: list[int] = []

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = SVC(kernel="rbf", C=config["C"], gamma=config["gamma"], class_weight=config["class_weight"])
        model.fit(X[fit_idx], y[fit_idx])
        n_support.append(int(model.n_support_.sum()))
        return model.score(X[val_idx], y[val_idx])

    accuracies = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="accuracy")
    return {"val_accuracy": float(np.mean(accuracies)), "support_vectors": float(np.mean(n_support))}


recipe = tuneflow.Recipe(
    name="svm",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "C": {"distribution": "log_uniform_values", "min": 1e-2, "max": 1e3},
        "gamma": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
        "class_weight": {"values": [None, "balanced"]},
    },
    method="tpe",
    metric={"name": "val_accuracy", "goal": "maximize"},
    early_terminate={"type": "hyperband", "min_iter": 1, "eta": 2},
    run_cap=50,
    seed=0,
)
