"""Elastic-net logistic regression on scikit-learn's breast-cancer data, 5-fold cross-validated log-loss.

Features are standardized inside each fold (no leakage from the validation fold). The space is
the regularization strength ``C`` (log scale), the L1/L2 mix ``l1_ratio`` (0 = ridge, 1 = lasso,
fitted with the saga solver) and ``class_weight`` (``null`` or ``balanced``: W&B sweeps allow a
null value, Optuna gets it encoded). The mean log-loss after each fold goes to the pruner.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 5
# scikit-learn 1.8 deprecated `penalty`: l1_ratio alone selects it. Older versions need it said.
_PENALTY = {} if tuple(int(p) for p in sklearn.__version__.split(".")[:2]) >= (1, 8) else {"penalty": "elasticnet"}


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """569 tumours x 30 features, label 1 = benign."""
    return load_breast_cancer(return_X_y=True)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate one configuration; return mean log-loss (the objective) and AUC."""
    X, y = data()
    aucs: list[float] = []
    unconverged = 0

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        nonlocal unconverged
        model = make_pipeline(
            StandardScaler(),
            LogisticRegression(
                C=config["C"],
                l1_ratio=config["l1_ratio"],
                class_weight=config["class_weight"],
                solver="saga",
                tol=1e-3,
                max_iter=2000,
                random_state=0,
                **_PENALTY,
            ),
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(X[fit_idx], y[fit_idx])
        unconverged += sum(issubclass(w.category, ConvergenceWarning) for w in caught)
        proba = model.predict_proba(X[val_idx])[:, 1]
        aucs.append(roc_auc_score(y[val_idx], proba))
        return log_loss(y[val_idx], proba, labels=[0, 1])

    losses = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="log-loss")
    return {"val_logloss": float(np.mean(losses)), "val_auc": float(np.mean(aucs)), "unconverged_folds": unconverged}


recipe = tuneflow.Recipe(
    name="logistic_regression",
    description=__doc__.splitlines()[0],
    train=train,
    parameters={
        "C": {"distribution": "log_uniform_values", "min": 1e-3, "max": 100.0},
        "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
        "class_weight": {"values": [None, "balanced"]},
    },
    method="tpe",
    metric={"name": "val_logloss", "goal": "minimize"},
    early_terminate={"type": "hyperband", "min_iter": 2, "eta": 2},
    run_cap=50,
    seed=0,
)
