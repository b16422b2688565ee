"""Exceptions raised by tuneflow.

Every error a user can cause derives from :class:`TuneflowError`, so a CLI or a notebook can
catch one type. Validation errors carry the full list of problems found, not only the first.
"""

from __future__ import annotations

from collections.abc import Sequence


class TuneflowError(Exception):
    """Base class of every error tuneflow raises on purpose.

    Catch it to handle any of them; the command line prints its message in one line and exits 2.
    """


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
    """A recipe (search space, method, metric, ...) is invalid; raised before any study exists.

    The message lists every problem, each naming its field, the value and the fix.

    Args:
        name: The recipe's name.
        problems: One line per problem.

    Attributes:
        name: The recipe's name.
        problems: One line per problem, e.g. ``"metric.goal: 'maximise' is not one of ..."``.
    """

    subject = "recipe"


class SweepConfigError(_ProblemsError):
    """A W&B sweep configuration cannot be turned into a recipe.

    The message lists every problem, each naming its key.

    Args:
        name: The sweep's name (or its file).
        problems: One line per problem.

    Attributes:
        name: The sweep's name (or its file).
        problems: One line per problem.
    """

    subject = "sweep config"


class StorageError(TuneflowError):
    """A storage URL cannot be opened or holds no usable study.

    The message names the storage with any password masked.
    """


class NoMetricError(TuneflowError, ValueError):
    """A ranking (best trial, top trials) was asked of a study without a metric.

    Also a ``ValueError``, as Optuna's "no completed trial" is.
    """


class TrialFailed(TuneflowError):
    """Raised inside a trial to mark it FAIL with a reason; the study goes on.

    A train function may raise it (or any exception) itself; the message is the trial's
    failure reason, in the study and its W&B run.
    """


class TuneflowWarning(UserWarning):
    """A recipe runs, but not exactly as written (e.g. a lossy distribution mapping).

    Each names the parameter and says what runs instead; filter it with ``warnings`` as usual.
    """
