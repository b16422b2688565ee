"""The one parameter-importance evaluator, shared by the HTML report and the W&B summary run.

Seeded fANOVA (``optuna.importance.FanovaImportanceEvaluator(seed=0)``), not Optuna 5's default
PED-ANOVA: fANOVA decomposes the variance of a random forest fitted to the trials, the same kind
of model W&B's parameter-importance panel fits to sweep runs, so the chart tuneflow writes reads
like the panel next to it; and with a fixed seed the same study always gives the same ranking,
so the report and the summary run of one study can never disagree.

The W&B side (``tuneflow.tracking``) does not import this module (trackers and views are
siblings): ``tune`` hands :func:`importance_evaluator` to the tracker it creates.
"""

from __future__ import annotations

from typing import Any

__all__ = ["IMPORTANCE_SEED", "importance_evaluator"]

IMPORTANCE_SEED = 0


def importance_evaluator(seed: int | None = IMPORTANCE_SEED) -> Any:
    """A fresh seeded fANOVA evaluator, imported on first use: it pulls in scikit-learn (~2.5 s),
    which ``import tuneflow`` (and every CLI start) should not pay for."""
    from optuna.importance import FanovaImportanceEvaluator

    return FanovaImportanceEvaluator(seed=seed)
