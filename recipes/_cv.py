"""Cross-validation shared by the built-in recipes, with the running mean reported to Optuna.

Each fold's score is reported as the mean over the folds so far (step = folds done), so a
pruner compares trials after the same number of folds and can stop a poor one early. The
folds are seeded: every trial of a recipe sees the same splits, so scores are comparable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import optuna
from sklearn.model_selection import KFold, StratifiedKFold

__all__ = ["cross_validate"]


def cross_validate(
    trial: Any,
    X: np.ndarray,
    y: np.ndarray,
    fit_score: Callable[[np.ndarray, np.ndarray], float],
    *,
    n_splits: int,
    stratify: bool,
    seed: int = 0,
    label: str = "score",
) -> list[float]:
    """Score ``fit_score(fit_idx, val_idx)`` on each fold; report the running mean and prune.

    Raises ``optuna.TrialPruned`` when the trial's pruner says so after a fold.
    """
    splitter = (StratifiedKFold if stratify else KFold)(n_splits=n_splits, shuffle=True, random_state=seed)
    scores: list[float] = []
    for fold, (fit_idx, val_idx) in enumerate(splitter.split(X, y)):
        scores.append(float(fit_score(fit_idx, val_idx)))
        mean = float(np.mean(scores))
        trial.report(mean, step=fold + 1)
        if trial.should_prune():
            raise optuna.TrialPruned(f"mean {label} {mean:.4f} after {fold + 1} of {n_splits} folds")
    return scores
