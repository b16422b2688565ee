"""A grid generated as it is consumed: points by index, claimed one at a time in the storage.

W&B's grid is the product of each parameter's values (keys sorted, the last varying fastest).
:class:`GridIndex` numbers its points ``0 .. size-1`` in that order and turns an index into a
point by mixed-radix arithmetic over the per-parameter value lists, so no grid is ever
materialized: a 2,000,000-point grid costs the few value lists it is made of.

Each worker claims the next index with one atomic step in the storage that both creates the
trial (RUNNING, its point fixed in Optuna's ``fixed_params``, the index in a system attribute)
and advances a counter in the study's system attributes (:data:`NEXT_ATTR`):

- RDB storages (SQLite, PostgreSQL): one transaction that locks the study row, as Optuna's own
  trial creation does (``SELECT ... FOR UPDATE`` on PostgreSQL; tuneflow's SQLite engine opens
  every transaction with ``BEGIN IMMEDIATE``), so two workers never read the same counter value;
- journal files: a lock file next to the journal; a claimer that died between creating its trial
  and advancing the counter is caught up by reading the last claimed trial's index;
- in memory: a process lock.

A claimed point is a trial like any other, so the reaper (:mod:`tuneflow.liveness`) and the
signal handling fail a point whose worker died or was stopped and queue a WAITING copy with the
same ``fixed_params``; the loop pops WAITING trials before claiming new indices, so a failed
point runs again before the grid goes on. Storage writes per point are the trial's own plus one
counter update; nothing is written ahead, and no helper study exists.

A study whose grid was queued by an older tuneflow (every point written as a WAITING trial,
:data:`LEGACY_SIZE_ATTR`) is finished from its queue without claiming new indices.

Optuna private names used here (RDB sessions and models, ``_get_prepared_new_trial``, the
cached storage's ``_backend``) belong in ``engine/optuna_adapter.py`` once that module exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import threading
from dataclasses import dataclass
from typing import Any

import optuna
from optuna.distributions import CategoricalDistribution
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.errors import StorageError
from tuneflow.space import SearchSpace

__all__ = ["GRID_ATTR", "INDEX_ATTR", "NEXT_ATTR", "GridIndex", "claim_point"]

#: Study system attribute: ``{"size": n, "digest": ...}`` of the grid the study enumerates.
GRID_ATTR = "tuneflow:grid"
#: Study system attribute: the next grid index to claim (absent until the first claim).
NEXT_ATTR = "tuneflow:grid_next"
#: Trial system attribute: the grid index a freshly claimed trial evaluates.
INDEX_ATTR = "tuneflow:grid_index"
#: Study system attribute of the older queue-everything grid (points queued as WAITING trials).
LEGACY_SIZE_ATTR = "tuneflow:grid_size"

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

    def distributions(self) -> dict[str, CategoricalDistribution]:
        return {n: CategoricalDistribution(list(v)) for n, v in zip(self.names, self.values)}


def _template(grid: GridIndex, index: int, owner: str) -> FrozenTrial:
    system_attrs: dict[str, Any] = {INDEX_ATTR: index, "fixed_params": grid.point(index)}
    if owner:
        from tuneflow.liveness import OWNER_ATTR

        system_attrs[OWNER_ATTR] = owner
    return FrozenTrial(
        number=-1,
        state=TrialState.RUNNING,
        value=None,
        values=None,
        datetime_start=dt.datetime.now(),
        datetime_complete=None,
        params={},
        distributions={},
        user_attrs={},
        system_attrs=system_attrs,
        intermediate_values={},
        trial_id=-1,
    )


def check_grid(study: Study, grid: GridIndex) -> bool:
    """Record the grid in the study, or check it is the one recorded; False for a legacy queue.

    Raises :class:`StorageError` when the study enumerates another grid (the recipe's values
    changed since it started): its indices would mean other points.
    """
    attrs = study._storage.get_study_system_attrs(study._study_id)
    if LEGACY_SIZE_ATTR in attrs and NEXT_ATTR not in attrs:
        return False
    mine: dict[str, Any] = {"size": grid.size, "digest": grid.digest}
    recorded = attrs.get(GRID_ATTR)
    if recorded is None:
        study._storage.set_study_system_attr(study._study_id, GRID_ATTR, mine)  # type: ignore[arg-type]
    elif recorded != mine:
        raise StorageError(
            f"study {study.study_name!r} enumerates another grid ({recorded['size']} points) than the recipe "
            f"({grid.size} points): its parameter values changed; use another --study-name for the new grid"
        )
    return True


def claim_point(study: Study, grid: GridIndex, owner: str = "") -> int | None:
    """Create the RUNNING trial of the next unclaimed grid point; its trial id, or None when all are claimed."""
    storage = study._storage
    backend = getattr(storage, "_backend", None)  # an RDB storage behind Optuna's cache
    if isinstance(backend, optuna.storages.RDBStorage):
        trial_id = _claim_rdb(backend, study._study_id, grid, owner)
        if trial_id is not None:
            _cache(storage, study._study_id, backend.get_trial(trial_id))
    elif isinstance(storage, optuna.storages.JournalStorage):
        with _journal_lock(storage):
            trial_id = _claim_locked(storage, study._study_id, grid, owner)
    else:
        with _MEMORY_LOCK:
            trial_id = _claim_locked(storage, study._study_id, grid, owner)
    return trial_id


def _claim_rdb(backend: optuna.storages.RDBStorage, study_id: int, grid: GridIndex, owner: str) -> int | None:
    from optuna.storages._rdb import models
    from optuna.storages._rdb.storage import _create_scoped_session

    with _create_scoped_session(backend.scoped_session) as session:
        models.StudyModel.find_or_raise_by_id(study_id, session, for_update=True)
        row = (
            session.query(models.StudySystemAttributeModel)
            .filter(models.StudySystemAttributeModel.study_id == study_id)
            .filter(models.StudySystemAttributeModel.key == NEXT_ATTR)
            .one_or_none()
        )
        index = int(json.loads(str(row.value_json))) if row is not None else 0
        if index >= grid.size:
            return None
        trial = backend._get_prepared_new_trial(study_id, _template(grid, index, owner), session)
        if row is None:
            session.add(models.StudySystemAttributeModel(study_id=study_id, key=NEXT_ATTR, value_json="1"))
        else:
            row.value_json = json.dumps(index + 1)
        session.flush()
        return int(trial.trial_id)


def _cache(storage: Any, study_id: int, frozen: FrozenTrial) -> None:
    """Tell Optuna's cached storage about a trial created behind it (as its ``create_new_trial`` does)."""
    from optuna.storages._cached_storage import _StudyInfo

    with storage._lock:
        if study_id not in storage._studies:
            storage._studies[study_id] = _StudyInfo()
        storage._add_trials_to_cache(study_id, [frozen])


def _claim_locked(storage: Any, study_id: int, grid: GridIndex, owner: str) -> int | None:
    """Claim under an exclusive lock (journal file, memory); catches up after a claimer died midway."""
    index = int(storage.get_study_system_attrs(study_id).get(NEXT_ATTR, 0))
    for t in reversed(storage.get_all_trials(study_id, deepcopy=False)):
        if INDEX_ATTR in t.system_attrs:  # claims are serialized: the last claim has the highest index
            index = max(index, int(t.system_attrs[INDEX_ATTR]) + 1)
            break
    if index >= grid.size:
        return None
    trial_id = int(storage.create_new_trial(study_id, template_trial=_template(grid, index, owner)))
    storage.set_study_system_attr(study_id, NEXT_ATTR, index + 1)
    return trial_id


class _journal_lock:  # a context manager, named as one
    def __init__(self, backend: optuna.storages.JournalStorage) -> None:
        from optuna.storages.journal import JournalFileSymlinkLock

        path = getattr(getattr(backend, "_backend", None), "_file_path", None)
        if path is None:
            raise StorageError("tuneflow's grid needs a journal *file* storage to claim points across workers")
        self._lock = JournalFileSymlinkLock(f"{path}.tuneflow-grid")

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def claimed(study: Study) -> int:
    """How many grid indices have been claimed so far (for progress and tests)."""
    return int(study._storage.get_study_system_attrs(study._study_id).get(NEXT_ATTR, 0))
