"""LightGBM binary classifier on scikit-learn's breast-cancer data, 5-fold cross-validated AUC.

The search space is a W&B sweep ``parameters`` block, so it exports to a sweep YAML as is.
Each fold trains with early stopping on its validation fold; the mean AUC after each fold is
reported to Optuna so the hyperband pruner can stop poor trials after the first folds.
"""

from __future__ import annotations

from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

import tuneflow

N_FOLDS = 5


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one configuration; return mean AUC (the objective) and its spread."""
    X, y = load_breast_cancer(return_X_y=True)
    folds = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=0)
    aucs, iterations = [], []
    for fold, (fit_idx, val_idx) in enumerate(folds.split(X, y)):
        model = lgb.LGBMClassifier(
            n_estimators=400,
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
        aucs.append(roc_auc_score(y[val_idx], model.predict_proba(X[val_idx])[:, 1]))
        iterations.append(model.best_iteration_ or model.n_estimators)
        trial.report(float(np.mean(aucs)), step=fold + 1)
        if trial.should_prune():
            import optuna

            raise optuna.TrialPruned(f"mean AUC {np.mean(aucs):.4f} after {fold + 1} folds")
    return {
        "val_auc": float(np.mean(aucs)),
        "val_auc_std": float(np.std(aucs)),
        "best_iteration": float(np.mean(iterations)),
    }


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
