"""The one door to Optuna's internals: every private Optuna name tuneflow relies on is used here.

tuneflow runs its own ask/tell loop (``engine.loop``), its own grid queue and its own reaper,
and these need a few things Optuna 5 has no public API for. Each function below names the
internal it touches, and ``tests/engine/test_optuna_adapter.py`` holds one canary test per
internal, so an Optuna upgrade that renames or changes one fails there, loudly, instead of
silently changing behaviour (e.g. a user callback's ``study.stop()`` doing nothing under
``tune``). ``tests/test_architecture.py`` checks that no other module touches a private Optuna
name. Where Optuna 5 has a public equivalent (``study.get_trials(deepcopy=False, states=...)``,
``trial.suggest_*``, ``get_heartbeat_interval()``), it is used instead, here or at the call site.

Internals relied on (canary test in brackets):

- ``Study._storage``, ``Study._study_id``, ``Trial._trial_id``/``FrozenTrial._trial_id``: the
  storage calls the loop, the grid queue and the reaper make per trial id [test_ids_and_storage]
- ``Study._stop_flag``: ``study.stop()`` sets it; the loop reads and sets it
  [test_user_callback_stop_stops_tune, test_stop_flag]
- ``Heartbeat``: public ``get_heartbeat_interval()`` replaces ``optuna.storages._heartbeat`` [test_heartbeat_enabled]
- ``trial.suggest_*`` (public) replace ``Trial._suggest`` [test_suggest_through_the_public_api]
- ``Study._thread_local.in_optimize_loop``/``cached_all_trials``: ``study.stop()`` is allowed only
  inside the loop; the trial cache is dropped when a grid point is taken [test_optimize_loop_flags]
- ``optuna.storages._rdb.models``: the tables the queries below read [test_rdb_models]
- ``_CachedStorage._backend``: the storage under Optuna's cache [test_unwrap_cache]
- ``JournalFileBackend._file_path``: the journal file a lock lives beside [test_journal_file_path]
- ``RDBStorage._get_stale_trial_ids``: trials whose heartbeat stopped [test_stale_trial_ids]
- ``optuna.progress_bar._ProgressBar``: ``study.optimize``'s progress bar [test_progress_bar]
- the logger ``optuna.study._optimize``: where Optuna's loop reports a failed trial, so tuneflow's
  loop reports there too [test_optimize_logger]
- ``BaseDistribution._contains``: whether a value lies in a distribution [test_distribution_contains]
- ``RandomSampler._rng.rng``: the seeded random state of a sampler [test_sampler_rng]
- ``Study._get_trials``: where Optuna's samplers read a study's trials (TPE, GP, the intersection
  search space), so a sampler can be shown the trials in another encoding [test_trials_view]
- ``RDBStorage._get_prepared_new_trial``, ``optuna.storages._rdb.storage._create_scoped_session``
  and ``models.StudyModel.find_or_raise_by_id(for_update=True)``: creating a trial and advancing a
  study counter in one transaction, as Optuna's own trial creation locks the study row; then
  ``_CachedStorage._add_trials_to_cache`` so the cache knows the trial [test_claim_with_counter]
- ``models.StudyUserAttributeModel.find_by_study_and_key`` under the study row lock, and its unique
  (study, key) constraint on SQLite: a compare-and-set of a study user attribute
  [test_compare_and_set_user_attr]
- ``models.TrialModel`` and ``models.TrialSystemAttributeModel`` queried directly: counting a
  study's trials by state and reading one system attribute of the trials that carry it, without
  building every trial (Optuna 5's ``RDBStorage.get_n_trials`` reads them all) [test_rdb_count_states]
- ``optuna.progress_bar._ProgressBar.update`` reads only ``_is_multi_objective()``, ``best_trial``
  and ``best_value`` of the study it is given [test_progress_bar_from_a_kept_best]
- ``optuna.storages._grpc``: ``servicer.OptunaStorageProxyService`` (its ``_backend``,
  ``GetTrials`` and ``DeleteStudy``), ``servicer._to_proto_trial``,
  ``auto_generated.api_pb2``/``api_pb2_grpc``, and ``RDBStorage._get_trials``: a proxy server
  that reads each trial from the database once it is finished and sends a client only what it lacks
  [test_grpc_proxy_server_reads_only_new_trials, test_grpc_proxy_server_reads_the_study_once]
"""

from __future__ import annotations

import bisect
import contextlib
import json
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import optuna
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers import RandomSampler
from optuna.storages import BaseStorage
from optuna.study import Study
from optuna.trial import BaseTrial, FrozenTrial, TrialState

__all__ = [
    "OPTIMIZE_LOGGER",
    "distribution_contains",
    "forget_cached_trials",
    "grpc_proxy_server",
    "heartbeat_enabled",
    "journal_file_path",
    "journal_lock",
    "optimize_loop",
    "progress_bar",
    "rdb_claim_with_counter",
    "rdb_compare_and_set_user_attr",
    "rdb_count_states",
    "rdb_models",
    "request_stop",
    "sampler_rng",
    "stale_trial_ids",
    "stop_requested",
    "storage_of",
    "study_id",
    "suggest",
    "trial_id",
    "trials_view",
    "unwrap_cache",
    "update_progress_bar",
]

#: The logger Optuna's ``study.optimize`` reports failed trials on (tuneflow's loop uses it too).
OPTIMIZE_LOGGER = "optuna.study._optimize"


# -- ids and storages ----------------------------------------------------------------------------


def storage_of(study: Study) -> BaseStorage:
    """The storage a study reads and writes (``Study._storage``; Optuna's cache around RDB storages)."""
    return study._storage


def study_id(study: Study) -> int:
    """The study's id in its storage (``Study._study_id``)."""
    return study._study_id


def trial_id(trial: optuna.Trial | FrozenTrial) -> int:
    """A trial's id in its storage (``_trial_id``); numbers are per study, ids per storage."""
    return trial._trial_id


def unwrap_cache(storage: BaseStorage) -> BaseStorage:
    """The storage under Optuna's ``_CachedStorage`` (what ``optuna.storages.RDBStorage`` becomes)."""
    from optuna.storages._cached_storage import _CachedStorage

    return storage._backend if isinstance(storage, _CachedStorage) else storage


def journal_file_path(storage: BaseStorage) -> str | None:
    """The file of a journal-file storage (``JournalStorage._backend._file_path``), else None."""
    backend = getattr(unwrap_cache(storage), "_backend", None)
    path = getattr(backend, "_file_path", None)
    return str(path) if path is not None else None


@contextlib.contextmanager
def _held(lock: Any) -> Iterator[None]:
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def journal_lock(storage: BaseStorage, purpose: str) -> contextlib.AbstractContextManager[None] | None:
    """A lock file beside a journal-file storage's file (``<file>.tuneflow-<purpose>``), for
    tuneflow's read-then-write steps across processes; None for any other storage. Optuna's own
    ``JournalFileSymlinkLock`` (public) does the locking."""
    from optuna.storages.journal import JournalFileSymlinkLock

    path = journal_file_path(storage)
    return _held(JournalFileSymlinkLock(f"{path}.tuneflow-{purpose}")) if path is not None else None


def heartbeat_enabled(storage: BaseStorage) -> bool:
    """Whether Optuna's own heartbeat runs for this storage (public ``get_heartbeat_interval``)."""
    interval = getattr(storage, "get_heartbeat_interval", None)
    return callable(interval) and interval() is not None


def stale_trial_ids(storage: BaseStorage, study: int) -> list[int]:
    """RUNNING trials whose Optuna heartbeat is older than the grace period (``_get_stale_trial_ids``)."""
    return list(storage._get_stale_trial_ids(study))  # type: ignore[attr-defined]


def rdb_models() -> Any:
    """Optuna's SQLAlchemy models (``optuna.storages._rdb.models``)."""
    from optuna.storages._rdb import models

    return models


@contextlib.contextmanager
def _rdb_session(storage: BaseStorage) -> Iterator[tuple[optuna.storages.RDBStorage, Any, Any]]:
    """The RDB storage under Optuna's cache, one of its sessions (committed at the end, as Optuna
    commits its own: ``optuna.storages._rdb.storage._create_scoped_session``) and its models."""
    from optuna.storages._rdb.storage import _create_scoped_session

    backend = unwrap_cache(storage)
    assert isinstance(backend, optuna.storages.RDBStorage)
    with _create_scoped_session(backend.scoped_session) as session:
        yield backend, session, rdb_models()


def _store(session: Any, row: Any, value: Any, model: Any, **key: Any) -> None:
    """Write ``value`` (as JSON) into an attribute ``row`` of the session, or a new row of ``model``
    with ``key`` when there is none; flushed, so a conflict surfaces here."""
    if row is None:
        session.add(model(**key, value_json=json.dumps(value)))
    else:
        row.value_json = json.dumps(value)
    session.flush()


def rdb_claim_with_counter(
    storage: BaseStorage, study: int, key: str, limit: int, template: Callable[[int], FrozenTrial]
) -> int | None:
    """On an RDB storage, in one transaction that locks the study row: read the study system
    attribute ``key`` (0 when absent) as ``index``; when ``index < limit``, create the trial
    ``template(index)`` and store ``index + 1`` under ``key``. Returns the new trial's id, or None
    when ``index >= limit``. Two callers never read the same ``index`` (the row lock on
    PostgreSQL; SQLite transactions are serialized), and a crash commits both writes or neither.
    """
    with _rdb_session(storage) as (backend, session, models):
        models.StudyModel.find_or_raise_by_id(study, session, for_update=True)
        row = (
            session.query(models.StudySystemAttributeModel)
            .filter(models.StudySystemAttributeModel.study_id == study)
            .filter(models.StudySystemAttributeModel.key == key)
            .one_or_none()
        )
        index = int(json.loads(str(row.value_json))) if row is not None else 0
        if index >= limit:
            return None
        trial = backend._get_prepared_new_trial(study, template(index), session)
        _store(session, row, index + 1, models.StudySystemAttributeModel, study_id=study, key=key)
        created = int(trial.trial_id)
    if backend is not storage:  # tell Optuna's cache, as its own create_new_trial does (a sync of the
        # cache instead would read the whole study the first time: a resumed 10^4-point grid, ~3 s)
        from optuna.storages._cached_storage import _StudyInfo

        with storage._lock:  # type: ignore[attr-defined]
            if study not in storage._studies:  # type: ignore[attr-defined]
                storage._studies[study] = _StudyInfo()  # type: ignore[attr-defined]
            storage._add_trials_to_cache(study, [backend.get_trial(created)])  # type: ignore[attr-defined]
    return created


def rdb_compare_and_set_user_attr(storage: BaseStorage, study: int, key: str, expected: Any, new: Any) -> Any:
    """On an RDB storage, in one transaction that locks the study row: set the study user attribute
    ``key`` to ``new`` if it holds ``expected`` (None: absent). Returns the value it holds afterwards
    (``new`` when the swap happened), so of two callers racing from the same ``expected``, one wins
    and the other reads the winner's value (Optuna's own setter would let the second overwrite it).
    SQLite has no row lock: there two inserts of an absent key meet the table's unique
    (study_id, key) constraint, and the loser reads the winner's value.
    """
    from sqlalchemy.exc import IntegrityError

    try:
        with _rdb_session(storage) as (_, session, models):
            row = models.StudyModel.find_or_raise_by_id(study, session, for_update=True)
            attribute = models.StudyUserAttributeModel.find_by_study_and_key(row, key, session)
            current = json.loads(str(attribute.value_json)) if attribute is not None else None
            if current != expected:
                return current
            _store(session, attribute, new, models.StudyUserAttributeModel, study_id=study, key=key)
    except IntegrityError:  # another process inserted the key between the read and the insert
        return unwrap_cache(storage).get_study_user_attrs(study).get(key)
    return new


def rdb_count_states(storage: BaseStorage, study: int, key: str) -> tuple[dict[TrialState, int], list[Any]]:
    """On an RDB storage: how many trials of the study are in each state (one ``GROUP BY``; Optuna 5's
    ``get_n_trials`` builds every matching trial to take its length), and the value of the trial
    system attribute ``key`` of every trial that carries it (one query; the trials are not read)."""
    from sqlalchemy import func

    with _rdb_session(storage) as (_, session, models):
        attr, trial = models.TrialSystemAttributeModel, models.TrialModel
        states = (
            session.query(trial.state, func.count(trial.trial_id))
            .filter(trial.study_id == study)
            .group_by(trial.state)
            .all()
        )
        values = (
            session.query(attr.value_json)
            .join(trial, attr.trial_id == trial.trial_id)
            .filter(trial.study_id == study, attr.key == key)
            .all()
        )
    return {state: int(n) for state, n in states}, [json.loads(str(row[0])) for row in values]


class _ServedTrials:
    """What a storage server holds of one study: its finished trials, encoded (Optuna never changes
    a finished trial, which its own caches rely on too), by id, and its other trials as last read.

    Each request first brings this up to date with one query for what may have changed (trials
    past the last finished one, and the unfinished ones), as Optuna's client cache does, then
    answers from it. So the study is read from the database once per server, not once per new
    worker (10^5 trials: ~24 s of the server's CPU each), and a new worker's first request costs
    sending it the trials. Refreshes run under the study's lock, and a request that waited for the
    lock while a refresh that started after it arrived ran is answered from that refresh: requests
    arriving together (workers starting at once) share one read.

    A trial is held as the bytes it adds to a ``GetTrialsReply`` (a one-trial reply, encoded: a
    reply's repeated field is the concatenation of its elements): ~0.3 KB each, where a message
    object takes ~3 KB (10^5 trials: 34 MB against 290 MB).
    """

    def __init__(self, encode: Callable[[FrozenTrial], bytes]) -> None:
        self.encode = encode
        self.lock = threading.Lock()
        self.finished: dict[int, bytes] = {}  # trial id -> encoded
        self.finished_ids: list[int] = []  # sorted
        self.unfinished: dict[int, bytes] = {}  # trial id -> encoded, as of the last refresh
        self.started = 0  # refreshes started (a request notes it when it arrives)
        self.done = 0  # the ``started`` number of the last refresh completed

    def refresh(self, backend: optuna.storages.RDBStorage, study: int, arrived: int) -> None:
        """Bring this up to date (under ``lock``), unless a refresh started after the request arrived
        (``arrived``: ``started`` when it came) has completed meanwhile."""
        if self.done > arrived:
            return
        self.started += 1
        number = self.started
        last_finished = self.finished_ids[-1] if self.finished_ids else -1
        trials = backend._get_trials(
            study, states=None, included_trial_ids=set(self.unfinished), trial_id_greater_than=last_finished
        )
        for t in trials:
            tid = t._trial_id
            if t.state.is_finished():
                self.unfinished.pop(tid, None)
                if tid not in self.finished:
                    self.finished[tid] = self.encode(t)
                    bisect.insort(self.finished_ids, tid)
            else:
                self.unfinished[tid] = self.encode(t)
        self.done = number

    def answer(self, greater_than: int, included: set[int]) -> bytes:
        """The trials a client lacks, encoded as a reply: those past its last finished one, and
        those it holds unfinished."""
        ids = self.finished_ids[bisect.bisect_right(self.finished_ids, greater_than) :]
        ids += [i for i in included if i <= greater_than and i in self.finished]
        chosen = {i: self.finished[i] for i in ids}
        chosen.update({i: b for i, b in self.unfinished.items() if i > greater_than or i in included})
        return b"".join(chosen[i] for i in sorted(chosen))


def grpc_proxy_server(storage: BaseStorage, host: str, port: int, threads: int) -> Any:
    """Optuna's gRPC storage proxy server (not started) for ``storage``, whose ``GetTrials`` answers
    from the finished trials the server holds (:class:`_ServedTrials`), after asking an RDB storage
    only for what may have changed (``RDBStorage._get_trials`` with ``trial_id_greater_than`` and
    ``included_trial_ids``: one indexed query); ``DeleteStudy`` drops what it holds of the study.

    Optuna's own servicer reads every trial of the study and filters them in Python on each call
    (each ``study.ask`` of every worker makes one), so its cost grows with the study.
    """
    from concurrent.futures import ThreadPoolExecutor

    import grpc
    from optuna.storages._grpc import servicer as grpc_servicer
    from optuna.storages._grpc.auto_generated import api_pb2, api_pb2_grpc

    held: dict[int, _ServedTrials] = {}
    held_lock = threading.Lock()

    def encode(trial: FrozenTrial) -> bytes:
        return bytes(api_pb2.GetTrialsReply(trials=[grpc_servicer._to_proto_trial(trial)]).SerializeToString())

    class _Servicer(grpc_servicer.OptunaStorageProxyService):
        def GetTrials(self, request: Any, context: Any) -> Any:  # the RPC is named so
            backend = unwrap_cache(getattr(self._backend, "storage", self._backend))
            if not isinstance(backend, optuna.storages.RDBStorage):
                return super().GetTrials(request, context)
            with held_lock:
                served = held.setdefault(request.study_id, _ServedTrials(encode))
            arrived = served.started
            try:
                with served.lock:
                    served.refresh(backend, request.study_id, arrived)
                    encoded = served.answer(request.trial_id_greater_than, set(request.included_trial_ids))
            except KeyError as exc:  # no such study
                with held_lock:
                    held.pop(request.study_id, None)
                context.abort(code=grpc.StatusCode.NOT_FOUND, details=str(exc))
            return api_pb2.GetTrialsReply.FromString(encoded)  # 10^5 trials: ~0.1 s

        def DeleteStudy(self, request: Any, context: Any) -> Any:  # the RPC is named so
            with held_lock:
                held.pop(request.study_id, None)
            return super().DeleteStudy(request, context)

    server = grpc.server(ThreadPoolExecutor(max_workers=threads))
    api_pb2_grpc.add_StorageServiceServicer_to_server(_Servicer(storage), server)
    server.add_insecure_port(f"{host}:{port}")
    return server


# -- the optimize loop ---------------------------------------------------------------------------


def request_stop(study: Study) -> None:
    """Ask the loop to start no more trials; what ``study.stop()`` does (``Study._stop_flag``)."""
    study._stop_flag = True


def stop_requested(study: Study) -> bool:
    """Whether ``study.stop()`` (or :func:`request_stop`) was called during this loop."""
    return bool(study._stop_flag)


@contextlib.contextmanager
def optimize_loop(study: Study) -> Iterator[None]:
    """Mark this thread as inside an optimize loop, as ``study.optimize`` does, so a user callback
    may call ``study.stop()`` (``Study._thread_local.in_optimize_loop``)."""
    study._thread_local.in_optimize_loop = True
    try:
        yield
    finally:
        study._thread_local.in_optimize_loop = False


def forget_cached_trials(study: Study) -> None:
    """Drop this thread's cached trial list (``Study._thread_local.cached_all_trials``)."""
    study._thread_local.cached_all_trials = None


def progress_bar(show: bool, n_trials: int | None, timeout: float | None) -> Any:
    """``study.optimize``'s progress bar (``optuna.progress_bar._ProgressBar``)."""
    return optuna.progress_bar._ProgressBar(show, n_trials, timeout)


def update_progress_bar(bar: Any, elapsed: float, best: FrozenTrial | None) -> None:
    """Advance a :func:`progress_bar` after a trial, showing ``best`` (None: none yet, or several
    objectives) as its best trial, so that updating the bar reads nothing from the storage (through
    a gRPC proxy, ``study.best_trial`` filters every trial the client holds, twice per update).

    ``_ProgressBar.update`` reads only ``_is_multi_objective()``, ``best_trial`` and ``best_value``
    of the study it is given; here a stand-in answers them, and without a best it says "several
    objectives", for which the bar shows no best, as it shows none before the first COMPLETE trial.
    """
    value = None if best is None else best.value
    bar.update(
        elapsed, types.SimpleNamespace(_is_multi_objective=lambda: best is None, best_trial=best, best_value=value)
    )


# -- distributions and samplers ------------------------------------------------------------------


def suggest(trial: BaseTrial, name: str, dist: BaseDistribution) -> Any:
    """Suggest ``name`` from a ready-made distribution through the public ``suggest_*`` API."""
    if isinstance(dist, FloatDistribution):
        return trial.suggest_float(name, dist.low, dist.high, step=dist.step, log=dist.log)
    if isinstance(dist, IntDistribution):
        return trial.suggest_int(name, dist.low, dist.high, step=dist.step, log=dist.log)
    if isinstance(dist, CategoricalDistribution):
        return trial.suggest_categorical(name, dist.choices)
    raise TypeError(f"no suggest_* for {type(dist).__name__}")


def distribution_contains(dist: BaseDistribution, value: Any) -> bool:
    """Whether ``value`` (external form) lies in ``dist``, bounds and step (``_contains``)."""
    return bool(dist._contains(dist.to_internal_repr(value)))


def sampler_rng(sampler: RandomSampler) -> np.random.RandomState:
    """The seeded random state a ``RandomSampler`` draws from (``RandomSampler._rng.rng``)."""
    return sampler._rng.rng


class _TrialsView:
    """A study whose trials read through ``translate``; everything else is the study's own."""

    def __init__(self, study: Study, translate: Callable[[FrozenTrial], FrozenTrial]) -> None:
        self._viewed, self._translate = study, translate

    def __getattr__(self, name: str) -> Any:
        return getattr(self._viewed, name)

    def _get_trials(self, deepcopy: bool = True, states: Any = None, use_cache: bool = False) -> list[FrozenTrial]:
        trials = self._viewed._get_trials(deepcopy=False, states=states, use_cache=use_cache)
        return [self._translate(t) for t in trials]

    def get_trials(self, deepcopy: bool = True, states: Any = None) -> list[FrozenTrial]:
        return self._get_trials(deepcopy, states)

    @property
    def trials(self) -> list[FrozenTrial]:
        return self._get_trials()


def trials_view(study: Study, translate: Callable[[FrozenTrial], FrozenTrial]) -> Study:
    """``study`` as a sampler should see it: every trial it reads passed through ``translate``.

    Optuna's samplers read trials with ``Study._get_trials`` (TPE, GP, the intersection search
    space) or ``get_trials``; both are answered here. ``translate`` must not change a trial's
    number or state, and must return a new trial rather than edit the one it is given.
    """
    return _TrialsView(study, translate)  # type: ignore[return-value]
