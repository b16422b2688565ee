"""A grid generated as it is consumed: points by index, claimed one at a time in the storage.

W&B's grid is the product of each parameter's values (keys sorted, the last varying fastest).
:class:`GridIndex` numbers its points ``0 .. size-1`` in that order and turns an index into a
point by mixed-radix arithmetic over the per-parameter value lists, so no grid is ever
materialized: a 2,000,000-point grid costs the few value lists it is made of.

Each worker claims the next index with one atomic step in the storage that both creates the
trial (RUNNING, its point fixed in Optuna's ``fixed_params``, the index in a system attribute)
and advances a counter in the study's system attributes (:data:`tuneflow.keys.GRID_NEXT_ATTR`):

- RDB storages (SQLite, PostgreSQL): one transaction that locks the study row, as Optuna's own
  trial creation does (``SELECT ... FOR UPDATE`` on PostgreSQL; tuneflow's SQLite engine opens
  every transaction with ``BEGIN IMMEDIATE``), so two workers never read the same counter value;
- journal files: a lock file next to the journal; a claimer that died between creating its trial
  and advancing the counter is caught up by reading the last claimed trial's index;
- in memory: a process lock.

A claimed point is a trial like any other, so the reaper (:mod:`tuneflow.engine.liveness`) and the
signal handling fail a point whose worker died or was stopped and queue a WAITING copy with the
same ``fixed_params`` (the index attribute is tuneflow's and is not copied: only fresh claims carry it); the loop pops WAITING trials before claiming new indices, so a failed
point runs again before the grid goes on. Storage writes per point are the trial's own plus one
counter update; nothing is written ahead, and no helper study exists.

The one transaction on RDB storages is :func:`tuneflow.engine.optuna_adapter.rdb_claim_with_counter`
(it needs Optuna internals).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from dataclasses import dataclass
from typing import Any

import optuna
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.errors import StorageError
from tuneflow.keys import (
    FIXED_PARAMS_SYSTEM_ATTR,
    GRID_ATTR,
    GRID_INDEX_ATTR,
    GRID_NEXT_ATTR,
    OWNER_ATTR,
)
from tuneflow.search.recipe import Recipe
from tuneflow.search.space import SearchSpace

__all__ = ["GridIndex", "claim_point", "claimed", "pop_waiting", "study_grid"]

_MEMORY_LOCK = threading.Lock()


@dataclass(frozen=True)
class GridIndex:
    """W&B's grid of a search space, addressed by index and never materialized."""

    names: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]  # encoded (Optuna) values per parameter, W&B's order

    @classmethod
    def of(cls, space: SearchSpace) -> GridIndex:
        grid = space.grid()
        return cls(tuple(grid), tuple(tuple(v) for v in grid.values()))

    @property
    def size(self) -> int:
        """The number of points (1 for a grid of constants only, as W&B runs it once)."""
        return math.prod(len(v) for v in self.values)

    @property
    def digest(self) -> str:
        """A fingerprint of the grid: a study must not go on with a different grid."""
        text = json.dumps([self.names, self.values], sort_keys=True, default=repr)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def point(self, index: int) -> dict[str, Any]:
        """The Optuna params of point ``index`` (the last parameter varies fastest, as in W&B)."""
        if not 0 <= index < self.size:
            raise IndexError(f"grid index {index} is outside 0..{self.size - 1}")
        out: dict[str, Any] = {}
        for name, values in zip(reversed(self.names), reversed(self.values)):
            index, digit = divmod(index, len(values))
            out[name] = values[digit]
        return dict(reversed(list(out.items())))


def _template(grid: GridIndex, index: int, owner: str) -> FrozenTrial:
    system_attrs: dict[str, Any] = {GRID_INDEX_ATTR: index, FIXED_PARAMS_SYSTEM_ATTR: grid.point(index)}
    if owner:  # a worker that dies before its first heartbeat is still found (tuneflow.engine.liveness)
        system_attrs[OWNER_ATTR] = owner
    return optuna.trial.create_trial(state=TrialState.RUNNING, system_attrs=system_attrs)


def study_grid(study: Study, recipe: Recipe) -> GridIndex | None:
    """The grid of a ``grid`` recipe's study (None for other methods), recorded in the study, or
    checked to be the one recorded.

    Raises :class:`StorageError` when the study enumerates another grid (the recipe's values
    changed since it started): its indices would mean other points.
    """
    if recipe.method != "grid" or recipe.search_space is None:
        return None
    grid = GridIndex.of(recipe.search_space)
    storage, sid = adapter.storage_of(study), adapter.study_id(study)
    mine: dict[str, Any] = {"size": grid.size, "digest": grid.digest}
    recorded = storage.get_study_system_attrs(sid).get(GRID_ATTR)
    if recorded is None:  # workers starting together all write it (Optuna's RDB storage ignores the insert race)
        storage.set_study_system_attr(sid, GRID_ATTR, mine)
    elif recorded != mine:
        raise StorageError(
            f"study {study.study_name!r} enumerates another grid ({recorded['size']} points) than the recipe "
            f"({grid.size} points): its parameter values changed; use another --study-name for the new grid"
        )
    return grid


def claim_point(study: Study, grid: GridIndex, owner: str = "") -> int | None:
    """Create the RUNNING trial of the next unclaimed grid point; its trial id, or None when all are claimed."""
    storage, sid = adapter.storage_of(study), adapter.study_id(study)
    if isinstance(adapter.unwrap_cache(storage), optuna.storages.RDBStorage):
        return adapter.rdb_claim_with_counter(
            storage, sid, GRID_NEXT_ATTR, grid.size, lambda i: _template(grid, i, owner)
        )
    if isinstance(storage, optuna.storages.JournalStorage):
        lock = adapter.journal_lock(storage, "grid")
        if lock is None:
            raise StorageError("tuneflow's grid needs a journal *file* storage to claim points across workers")
        with lock:
            return _claim_locked(storage, sid, grid, owner)
    if not isinstance(storage, optuna.storages.InMemoryStorage):
        # A process lock guards one process only: on a storage other processes share (a grpc://
        # storage server) two of them could claim the same index (study creation refuses it first).
        raise StorageError(
            f"grid points cannot be claimed atomically across processes on {type(storage).__name__}; "
            "use a database (postgresql://, sqlite:///) or a journal file"
        )
    with _MEMORY_LOCK:
        return _claim_locked(storage, sid, grid, owner)


def _claim_locked(storage: Any, study_id: int, grid: GridIndex, owner: str) -> int | None:
    """Claim under an exclusive lock (journal file, memory); catches up after a claimer died midway."""
    trials = reversed(storage.get_all_trials(study_id, deepcopy=False))
    # Claims are serialized: the last trial that carries an index has the highest.
    last = next((t.system_attrs[GRID_INDEX_ATTR] for t in trials if GRID_INDEX_ATTR in t.system_attrs), -1)
    index = max(int(storage.get_study_system_attrs(study_id).get(GRID_NEXT_ATTR, 0)), int(last) + 1)
    if index >= grid.size:
        return None
    trial_id = int(storage.create_new_trial(study_id, template_trial=_template(grid, index, owner)))
    storage.set_study_system_attr(study_id, GRID_NEXT_ATTR, index + 1)
    return trial_id


def pop_waiting(study: Study) -> int | None:
    """Take a failed point queued again (a WAITING trial) for this worker: its trial id, or None.

    What ``study.ask`` does first, but on an RDB storage the WAITING trials are asked of the
    database itself: through Optuna's cache, a process's first pop would read the whole study (a
    resumed 10^4-point grid on SQLite: ~3 s). The WAITING -> RUNNING update is atomic (a row lock,
    SQLite's ``BEGIN IMMEDIATE``), and fails when another worker took the trial first.
    """
    storage, sid = adapter.storage_of(study), adapter.study_id(study)
    for t in adapter.unwrap_cache(storage).get_all_trials(sid, deepcopy=False, states=(TrialState.WAITING,)):
        try:
            if storage.set_trial_state_values(adapter.trial_id(t), state=TrialState.RUNNING):
                return adapter.trial_id(t)
        except optuna.exceptions.UpdateFinishedTrialError:
            continue
    return None


def claimed(study: Study) -> int:
    """How many grid indices have been claimed so far (for progress and tests)."""
    return int(adapter.storage_of(study).get_study_system_attrs(adapter.study_id(study)).get(GRID_NEXT_ATTR, 0))
