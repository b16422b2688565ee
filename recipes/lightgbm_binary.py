"""LightGBM binary classifier on scikit-learn's breast-cancer data, 5-fold cross-validated AUC.

The search space is a W&B sweep ``parameters`` block, so it exports to a sweep YAML as is
(``tuneflow export-sweep lightgbm_binary``). Each fold trains up to 400 boosting rounds with
early stopping on its validation fold; the mean AUC after each fold is reported to Optuna, so
the hyperband pruner (W&B's ``early_terminate``) stops poor trials after the first folds.
"""

from __future__ import annotations

import functools
from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import roc_auc_score
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 5
MAX_ROUNDS = 400


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """569 tumours x 30 features, label 1 = benign."""
    return load_breast_cancer(return_X_y=True)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one configuration; return mean AUC (the objective), its spread and rounds."""
    X, y = data()
    rounds: list[int] = []

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = lgb.LGBMClassifier(
            n_estimators=MAX_ROUNDS,
            learning_rate=config["learning_rate"],
            num_leaves=config["num_leaves"],
            min_child_samples=config["min_child_samples"],
            subsample=config["bagging"]["fraction"],
            subsample_freq=1,
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
            eval_metric="auc",
            callbacks=[lgb.early_stopping(30, verbose=False)],
        )
        rounds.append(model.best_iteration_ or MAX_ROUNDS)
        return roc_auc_score(y[val_idx], model.predict_proba(X[val_idx])[:, 1])

    aucs = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="AUC")
    return {"val_auc": float(np.mean(aucs)), "val_auc_std": float(np.std(aucs)), "rounds": float(np.mean(rounds))}


recipe = tuneflow.Recipe(
    name="lightgbm_binary",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "learning_rate": {"distribution": "log_uniform_values", "min": 0.01, "max": 0.3},
        "num_leaves": {"distribution": "int_uniform", "min": 4, "max": 64},
        "min_child_samples": {"distribution": "int_uniform", "min": 5, "max": 50},
        "feature_fraction": {"distribution": "uniform", "min": 0.5, "max": 1.0},
        "lambda_l2": {"distribution": "log_uniform_values", "min": 1e-3, "max": 10.0},
        "bagging": {"parameters": {"fraction": {"distribution": "uniform", "min": 0.5, "max": 1.0}}},
    },
    method="tpe",
    metric={"name": "val_auc", "goal": "maximize"},
    early_terminate={"type": "hyperband", "min_iter": 2, "eta": 2},
    run_cap=50,
    seed=0,
)
