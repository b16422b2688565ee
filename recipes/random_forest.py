"""Random forest on scikit-learn's handwritten digits, 3-fold cross-validated accuracy.

1,797 8x8 images of the digits 0-9. The space covers the knobs that matter for forests (number
of trees, depth, leaf size, features per split, split criterion, bootstrap); categorical values
mix strings and numbers (``max_features``), as W&B sweeps allow. The mean accuracy after each
fold is reported to Optuna, so the hyperband pruner can drop weak forests after one fold.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 3


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """1,797 images x 64 pixel intensities (0-16), 10 classes."""
    return load_digits(return_X_y=True)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one forest; return mean accuracy (the objective) and its spread."""
    X, y = data()

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = RandomForestClassifier(
            n_estimators=config["n_estimators"],
            max_depth=config["max_depth"],
            min_samples_leaf=config["min_samples_leaf"],
            max_features=config["max_features"],
            criterion=config["criterion"],
            bootstrap=config["bootstrap"],
            random_state=0,
            n_jobs=1,
        )
        model.fit(X[fit_idx], y[fit_idx])
        return model.score(X[val_idx], y[val_idx])

    accuracies = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="accuracy")
    return {"val_accuracy": float(np.mean(accuracies)), "val_accuracy_std": float(np.std(accuracies))}


recipe = tuneflow.Recipe(
    name="random_forest",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 80},
        "max_depth": {"distribution": "int_uniform", "min": 3, "max": 24},
        "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 10},
        "max_features": {"values": ["sqrt", "log2", 0.25]},
        "criterion": {"values": ["gini", "entropy"]},
        "bootstrap": {"values": [True, False]},
    },
    method="tpe",
    metric={"name": "val_accuracy", "goal": "maximize"},
    early_terminate={"type": "hyperband", "min_iter": 1, "eta": 2},
    run_cap=50,
    seed=0,
)
