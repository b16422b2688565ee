"""Counting a study's trials by state and toward run_cap: the same answer on every storage."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import optuna
import pytest
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.counts import TrialCounts, count_toward_cap, trial_counts
from tuneflow.engine.liveness import requeue
from tuneflow.engine.storage import open_storage
from tuneflow.keys import RETRY_HISTORY_SYSTEM_ATTR

optuna.logging.set_verbosity(optuna.logging.WARNING)
_X = {"x": FloatDistribution(0.0, 1.0)}


def _by_reading(study: optuna.Study) -> tuple[dict[TrialState, int], int]:
    """The counts as the loop took them before, from every trial read: the reference."""
    trials = study.get_trials(deepcopy=False)
    retried = {n for t in trials for n in t.system_attrs.get(RETRY_HISTORY_SYSTEM_ATTR, ())}
    states: dict[TrialState, int] = {}
    for t in trials:
        states[t.state] = states.get(t.state, 0) + 1
    return states, sum(1 for t in trials if t.state != TrialState.WAITING and t.number not in retried)


def _fill(study: optuna.Study) -> None:
    """3 COMPLETE, 1 PRUNED, a FAIL queued again whose copy ran and failed and was queued again
    (2 copies, the last WAITING), a FAIL not queued again, 1 RUNNING, 1 WAITING enqueued by hand."""
    for value in (0.1, 0.2, 0.3):
        study.add_trial(optuna.trial.create_trial(params={"x": value}, distributions=_X, value=value))
    study.add_trial(optuna.trial.create_trial(params={"x": 0.4}, distributions=_X, state=TrialState.PRUNED))
    failed = optuna.trial.create_trial(params={"x": 0.5}, distributions=_X, state=TrialState.FAIL)
    study.add_trial(failed)
    assert requeue(study, study.trials[-1], max_retry=3)
    copy = study.ask()  # the copy, popped from the queue
    study.tell(copy, state=TrialState.FAIL)
    assert requeue(study, study.trials[copy.number], max_retry=3)
    study.add_trial(optuna.trial.create_trial(params={"x": 0.6}, distributions=_X, state=TrialState.FAIL))
    study.ask()  # pops the second copy: RUNNING
    study.enqueue_trial({"x": 0.7})


@contextlib.contextmanager
def _storage(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[optuna.storages.BaseStorage]:
    if kind == "grpc":
        from postgres import storage_server

        with storage_server(f"sqlite:///{tmp_path / 'served.db'}", threads=2) as url:
            yield open_storage(url)
        return
    urls = {"sqlite": f"sqlite:///{tmp_path / 's.db'}", "journal": f"journal:///{tmp_path / 's.log'}"}
    if kind == "memory":
        yield optuna.storages.InMemoryStorage()
    elif kind == "postgresql":
        yield open_storage(request.getfixturevalue("postgres_server").new_database())
    else:
        yield open_storage(urls[kind])


@pytest.mark.parametrize(
    "kind", ["memory", "sqlite", "journal", pytest.param("postgresql", marks=pytest.mark.postgres), "grpc"]
)
def test_counts_are_the_same_on_every_storage(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """And databases (directly or through ``tuneflow storage-server``) count without reading a trial."""
    with _storage(kind, tmp_path, request) as storage:
        study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=0))
        _fill(study)
        states, toward_cap = _by_reading(study)
        with monkeypatch.context() as m:
            if kind in ("sqlite", "postgresql", "grpc"):  # reading trials would raise
                for cls in {type(storage), type(adapter.storage_of(study)), type(adapter.unwrap_cache(storage))}:
                    m.setattr(cls, "get_all_trials", None)
                    m.setattr(cls, "_get_trials", None, raising=False)
            counts = trial_counts(study)
            assert count_toward_cap(study) == 6
        assert counts.states == states
        # 3 complete + 1 pruned + the second copy running + the FAIL not queued again; the 2 failures
        # that were queued again and the 2 WAITING trials do not count
        assert counts.toward_cap == toward_cap == 6
        assert counts.of(TrialState.WAITING, TrialState.RUNNING) == 2


def test_a_plain_optuna_proxy_server_is_counted_from_the_client_cache(tmp_path: Path) -> None:
    """Without tuneflow's server the count request is unknown (NOT_FOUND): the client counts what it holds."""
    pytest.importorskip("grpc")
    from optuna.storages._grpc.server import make_server  # what optuna.storages.run_grpc_proxy_server runs
    from postgres import free_port

    port = free_port()
    grpc_server = make_server(optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'p.db'}"), "127.0.0.1", port)
    grpc_server.start()
    try:
        client = optuna.storages.GrpcStorageProxy(host="127.0.0.1", port=port)
        client.wait_server_ready(timeout=10)
        study = optuna.create_study(storage=client, sampler=optuna.samplers.RandomSampler(seed=0))
        _fill(study)
        assert (trial_counts(study).states, trial_counts(study).toward_cap) == _by_reading(study)
        client.close()
    finally:
        grpc_server.stop(0)


def test_counts_from_parts_take_each_failed_trial_out_once() -> None:
    states = {TrialState.COMPLETE: 4, TrialState.FAIL: 2, TrialState.WAITING: 1}
    # the second copy's history repeats the first failure: it is taken out once
    assert TrialCounts.from_parts(states, [[0], [0, 5]]).toward_cap == 6 - 2
    assert TrialCounts.from_parts({}, []).toward_cap == 0
