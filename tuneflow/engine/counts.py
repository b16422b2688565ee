"""Counting a study's trials without reading them: by state, and toward ``run_cap``.

The loop counts before every claim when a ``run_cap`` is shared by several workers, and a
``tuneflow run --workers`` bar counts while it waits, so a count must not cost what reading the
study costs (at 10^5 trials, seconds). Where the trials live decides how:

- RDB storages (SQLite, PostgreSQL): two queries, a ``GROUP BY state`` and the retry histories of
  the few trials that carry one (Optuna 5's ``get_n_trials`` builds every matching trial);
- through ``tuneflow storage-server`` (``grpc://``): the server runs those two queries when asked
  for the system attributes of the study's negative id (:func:`served_counts`), as Optuna's client
  would otherwise filter every trial it holds; a plain Optuna proxy server knows no such study,
  and the client then counts the trials it holds;
- in memory and journal files: the process holds every trial already; one pass over them.

A trial counts toward ``run_cap`` unless it is WAITING, and a failed trial that was queued again
counts once: the failure is not counted, its copy is once it runs (a copy's ``retry_history``
system attribute names the failed trials it replaces).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import optuna
from optuna.storages import BaseStorage
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.storage import storage_kind
from tuneflow.keys import RETRY_HISTORY_SYSTEM_ATTR

__all__ = ["COUNTS_ATTR", "TrialCounts", "count_toward_cap", "served_counts", "trial_counts"]

#: The study system attribute ``tuneflow storage-server`` answers a count request with.
COUNTS_ATTR = "tuneflow:counts"


@dataclass(frozen=True)
class TrialCounts:
    """How many trials a study has in each state, and how many count toward ``run_cap``."""

    states: dict[TrialState, int]
    toward_cap: int

    def of(self, *states: TrialState) -> int:
        """Trials in any of ``states``."""
        return sum(self.states.get(s, 0) for s in states)

    @classmethod
    def from_parts(cls, states: dict[TrialState, int], histories: Iterable[Any]) -> TrialCounts:
        """From counts by state and the ``retry_history`` of every copy: the failed trials those
        name are all FAIL (not WAITING), so each one counted is taken out once."""
        retried = {n for history in histories for n in (history or ())}
        started = sum(n for state, n in states.items() if state != TrialState.WAITING)
        return cls(dict(states), started - len(retried))

    @classmethod
    def of_trials(cls, trials: Sequence[FrozenTrial]) -> TrialCounts:
        """Counted from trials at hand."""
        histories = [t.system_attrs.get(RETRY_HISTORY_SYSTEM_ATTR) for t in trials]
        return cls.from_parts(dict(Counter(t.state for t in trials)), histories)


def _rdb_counts(storage: BaseStorage, study_id: int) -> TrialCounts:
    return TrialCounts.from_parts(*adapter.rdb_count_states(storage, study_id, RETRY_HISTORY_SYSTEM_ATTR))


def trial_counts(study: Study) -> TrialCounts:
    """The study's trials counted by state and toward ``run_cap``, at a cost that does not grow with the
    study on databases and through ``tuneflow storage-server`` (see the module's docstring)."""
    storage, study_id = adapter.storage_of(study), adapter.study_id(study)
    backend = adapter.unwrap_cache(storage)
    if isinstance(backend, optuna.storages.RDBStorage):
        return _rdb_counts(backend, study_id)
    if storage_kind(backend) == "grpc":
        # A plain Optuna proxy server knows no study -study_id (KeyError): count what this client holds.
        with contextlib.suppress(KeyError):
            answer = backend.get_study_system_attrs(-study_id)[COUNTS_ATTR]
            states = {TrialState[name]: int(n) for name, n in answer["states"].items()}
            return TrialCounts(states, int(answer["toward_cap"]))
    return TrialCounts.of_trials(storage.get_all_trials(study_id, deepcopy=False))


def count_toward_cap(study: Study) -> int:
    """Trials that count toward ``run_cap``: all but WAITING, a re-queued failure counted once."""
    return trial_counts(study).toward_cap


def served_counts(storage: BaseStorage, study_id: int) -> dict[str, Any]:
    """What ``tuneflow storage-server`` answers a client's count request, ``get_study_system_attrs(-study_id)``
    (study ids are positive): the counts, under :data:`COUNTS_ATTR`."""
    counts = _rdb_counts(storage, study_id)
    return {COUNTS_ATTR: {"states": {s.name: n for s, n in counts.states.items()}, "toward_cap": counts.toward_cap}}
