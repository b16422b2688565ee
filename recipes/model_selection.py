"""Choose the model and its hyperparameters at once on breast-cancer data, 5-fold cross-validated accuracy.

The model is itself a hyperparameter: logistic regression, SVM, random forest, k-nearest
neighbours or LightGBM, each with its own sub-space that exists only when that model is drawn.
This is a define-by-run (``space=``) recipe, which Optuna can search and a W&B sweep cannot
express, so it has no sweep export. The config is nested: ``{"model": "svm", "svm": {"C": ...,
"gamma": ...}}``; Optuna's parameter names are the dotted paths (``svm.C``), as in W&B.
"""

from __future__ import annotations

import functools
from typing import Any

import lightgbm as lgb
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from tuneflow.recipes._cv import cross_validate

import tuneflow

N_FOLDS = 5
MODELS = ("logistic_regression", "svm", "random_forest", "knn", "lightgbm")


@functools.cache
def data() -> tuple[np.ndarray, np.ndarray]:
    """569 tumours x 30 features, label 1 = benign."""
    return load_breast_cancer(return_X_y=True)


def space(trial: Any) -> dict[str, Any]:
    """Draw a model, then only that model's hyperparameters (a conditional space)."""
    model = trial.suggest_categorical("model", MODELS)
    if model == "logistic_regression":
        sub = {"C": trial.suggest_float("logistic_regression.C", 1e-3, 100.0, log=True)}
    elif model == "svm":
        sub = {
            "C": trial.suggest_float("svm.C", 1e-2, 1e3, log=True),
            "gamma": trial.suggest_float("svm.gamma", 1e-4, 1.0, log=True),
        }
    elif model == "random_forest":
        sub = {
            "n_estimators": trial.suggest_int("random_forest.n_estimators", 20, 120),
            "max_depth": trial.suggest_int("random_forest.max_depth", 2, 16),
            "max_features": trial.suggest_categorical("random_forest.max_features", ["sqrt", "log2"]),
        }
    elif model == "knn":
        sub = {
            "n_neighbors": trial.suggest_int("knn.n_neighbors", 1, 40),
            "weights": trial.suggest_categorical("knn.weights", ["uniform", "distance"]),
        }
    else:
        sub = {
            "learning_rate": trial.suggest_float("lightgbm.learning_rate", 0.01, 0.3, log=True),
            "num_leaves": trial.suggest_int("lightgbm.num_leaves", 4, 64),
            "n_estimators": trial.suggest_int("lightgbm.n_estimators", 50, 200),
        }
    return {"model": model, model: sub}


def make_model(config: dict[str, Any]) -> Any:
    """The estimator a config describes; scale-sensitive models get a StandardScaler first."""
    name = config["model"]
    sub = config[name]
    if name == "logistic_regression":
        return make_pipeline(StandardScaler(), LogisticRegression(C=sub["C"], max_iter=1000))
    if name == "svm":
        return make_pipeline(StandardScaler(), SVC(C=sub["C"], gamma=sub["gamma"]))
    if name == "random_forest":
        return RandomForestClassifier(**sub, random_state=0, n_jobs=1)
    if name == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(**sub))
    return lgb.LGBMClassifier(**sub, random_state=0, n_jobs=1, verbose=-1)


def train(config: dict[str, Any], trial: Any) -> dict[str, float]:
    """Cross-validate the drawn model; return mean accuracy (the objective) and its spread."""
    X, y = data()

    def fit_score(fit_idx: np.ndarray, val_idx: np.ndarray) -> float:
        model = make_model(config)
        model.fit(X[fit_idx], y[fit_idx])
        return model.score(X[val_idx], y[val_idx])

    accuracies = cross_validate(trial, X, y, fit_score, n_splits=N_FOLDS, stratify=True, label="accuracy")
    return {"val_accuracy": float(np.mean(accuracies)), "val_accuracy_std": float(np.std(accuracies))}


recipe = tuneflow.Recipe(
    name="model_selection",
    description=__doc__.splitlines()[0],
    train=train,
    space=space,
    method="tpe",
    metric={"name": "val_accuracy", "goal": "maximize"},
    early_terminate={"type": "hyperband", "min_iter": 2, "eta": 2},
    run_cap=50,
    seed=0,
)
