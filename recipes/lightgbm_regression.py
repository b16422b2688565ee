"""LightGBM regressor on scikit-learn's diabetes data, 5-fold cross-validated RMSE (minimized).

A small, noisy regression problem (442 patients, 10 features; target = disease progression
after one year), where regularization matters more than capacity. Each fold trains up to 300
boosting rounds with early stopping on its validation fold; the mean RMSE after each fold is
reported to Optuna for the hyperband pruner. The space is a W&B ``parameters`` block.
"""

from __future__ import annotations

import functools
from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.metrics import root_mean_squared_error
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 5
MAX_ROUNDS = 300


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """442 patients x 10 standardized features, quantitative target."""
    return load_diabetes(return_X_y=True)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one configuration; return mean RMSE (the objective), its spread and rounds."""
    X, y = data()
    rounds: list[int] = []

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = lgb.LGBMRegressor(
            n_estimators=MAX_ROUNDS,
            learning_rate=config["learning_rate"],
            num_leaves=config["num_leaves"],
            min_child_samples=config["min_child_samples"],
            colsample_bytree=config["feature_fraction"],
            reg_alpha=config["lambda_l1"],
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
            eval_metric="rmse",
            callbacks=[lgb.early_stopping(30, verbose=False)],
        )
        rounds.append(model.best_iteration_ or MAX_ROUNDS)
        return root_mean_squared_error(y[val_idx], model.predict(X[val_idx]))

    rmses = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=False, label="RMSE")
    return {"val_rmse": float(np.mean(rmses)), "val_rmse_std": float(np.std(rmses)), "rounds": float(np.mean(rounds))}


recipe = tuneflow.Recipe(
    name="lightgbm_regression",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "learning_rate": {"distribution": "log_uniform_values", "min": 0.005, "max": 0.2},
        "num_leaves": {"distribution": "int_uniform", "min": 2, "max": 32},
        "min_child_samples": {"distribution": "int_uniform", "min": 5, "max": 60},
        "feature_fraction": {"distribution": "uniform", "min": 0.4, "max": 1.0},
        "lambda_l1": {"distribution": "log_uniform_values", "min": 1e-3, "max": 10.0},
        "lambda_l2": {"distribution": "log_uniform_values", "min": 1e-3, "max": 10.0},
    },
    method="tpe",
    metric={"name": "val_rmse", "goal": "minimize"},
    early_terminate={"type": "hyperband", "min_iter": 2, "eta": 2},
    run_cap=50,
    seed=0,
)
