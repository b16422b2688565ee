"""The bridge between trials and experiment trackers (W&B).

A tracker is told when a study starts, when a trial logs something, when a trial has been
told to Optuna, and when the study ends. ``NullTracker`` does nothing and costs nothing.
"""

from __future__ import annotations

from typing import Any

import optuna

from tuneflow.objective import TrialContext

__all__ = ["NullTracker", "Tracker", "make_tracker"]


class Tracker:
    """Interface of a tracker; every hook is optional and must not raise."""

    def on_log(self, ctx: TrialContext, step: int | None, row: dict[str, Any]) -> None:
        """A row was logged by the train function (``trial.report`` or ``trial.log``)."""

    def on_trial_end(self, ctx: TrialContext, frozen: optuna.trial.FrozenTrial) -> None:
        """The trial has been told to Optuna (its state is final)."""

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        """The study ended (or was interrupted): flush, summarize, wait a bounded time."""

    agent_runner: Any = None


class NullTracker(Tracker):
    """Tracks nothing (``wandb=False``)."""


def make_tracker(wandb: Any, recipe: Any, study: optuna.Study) -> Tracker:
    """The tracker for ``tune(..., wandb=...)``."""
    if wandb is False:
        return NullTracker()
    return NullTracker()
