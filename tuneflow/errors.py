"""Exceptions raised by tuneflow.

Every error a user can cause derives from :class:`TuneflowError`, so a CLI or a notebook can
catch one type. Validation errors carry the full list of problems found, not only the first.
"""

from __future__ import annotations

from collections.abc import Sequence


class TuneflowError(Exception):
    """Base class of every error tuneflow raises on purpose."""


class _ProblemsError(TuneflowError):
    """An error that lists every problem found in one input, each naming its field."""

    subject = "input"

    def __init__(self, name: str, problems: Sequence[str]) -> None:
        self.name = name
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{self.subject} '{name}' has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([header, *(f"  - {p}" for p in self.problems)]))


class RecipeError(_ProblemsError):
    """A recipe (search space, method, metric, ...) is invalid; raised before any study exists."""

    subject = "recipe"


class SweepConfigError(_ProblemsError):
    """A W&B sweep configuration cannot be turned into a recipe."""

    subject = "sweep config"


class StorageError(TuneflowError):
    """A storage URL cannot be opened or holds no usable study."""


class NoMetricError(TuneflowError, ValueError):
    """A ranking (best trial, top trials) was asked of a study without a metric."""


class TrialFailed(TuneflowError):
    """Raised inside a trial to mark it FAIL with a reason; the study goes on."""


class TuneflowWarning(UserWarning):
    """A recipe runs, but not exactly as written (e.g. a lossy distribution mapping)."""
