"""LightGBM multiclass classifier on scikit-learn's wine data, 5-fold cross-validated log-loss.

Three cultivars, 178 wines, 13 chemical measurements: small enough that every trial takes a
fraction of a second, hard enough that log-loss (not accuracy, which saturates) separates the
configurations. Each fold trains up to 300 rounds with early stopping on its validation fold;
the mean log-loss after each fold is reported to Optuna for the hyperband pruner.
"""

from __future__ import annotations

import functools
from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.datasets import load_wine
from sklearn.metrics import accuracy_score, log_loss
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 5
MAX_ROUNDS = 300


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """178 wines x 13 features, 3 classes."""
    return load_wine(return_X_y=True)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one configuration; return mean log-loss (the objective) and accuracy."""
    X, y = data()
    accuracies: list[float] = []

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = lgb.LGBMClassifier(
            objective="multiclass",
            n_estimators=MAX_ROUNDS,
            learning_rate=config["learning_rate"],
            num_leaves=config["num_leaves"],
            min_child_samples=config["min_child_samples"],
            colsample_bytree=config["feature_fraction"],
            reg_lambda=config["lambda_l2"],
            random_state=0,
            n_jobs=1,
            verbose=-1,
        )
        model.fit(
            X[fit_idx],
            y[fit_idx],
            eval_X=(X[val_idx],),
            eval_y=(y[val_idx],),
            eval_metric="multi_logloss",
            callbacks=[lgb.early_stopping(30, verbose=False)],
        )
        proba = model.predict_proba(X[val_idx])
        accuracies.append(accuracy_score(y[val_idx], proba.argmax(axis=1)))
        return log_loss(y[val_idx], proba, labels=model.classes_)

    losses = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="log-loss")
    return {"val_logloss": float(np.mean(losses)), "val_accuracy": float(np.mean(accuracies))}


recipe = tuneflow.Recipe(
    name="lightgbm_multiclass",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "learning_rate": {"distribution": "log_uniform_values", "min": 0.01, "max": 0.3},
        "num_leaves": {"distribution": "int_uniform", "min": 2, "max": 32},
        "min_child_samples": {"distribution": "int_uniform", "min": 3, "max": 30},
        "feature_fraction": {"distribution": "uniform", "min": 0.3, "max": 1.0},
        "lambda_l2": {"distribution": "log_uniform_values", "min": 1e-3, "max": 10.0},
    },
    method="tpe",
    metric={"name": "val_logloss", "goal": "minimize"},
    early_terminate={"type": "hyperband", "min_iter": 2, "eta": 2},
    run_cap=50,
    seed=0,
)
