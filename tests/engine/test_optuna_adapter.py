"""Canary tests: one per Optuna internal that engine/optuna_adapter.py relies on.

When an Optuna upgrade renames or changes one of them, the matching test here fails loudly,
instead of tuneflow silently changing behaviour.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import numpy as np
import optuna
import pytest
from conftest import require
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import TrialState

import tuneflow
from tuneflow.engine import optuna_adapter as adapter
from tuneflow.search.methods import missing_requirements

optuna.logging.set_verbosity(optuna.logging.WARNING)


def _sqlite(tmp_path: Path) -> optuna.storages.BaseStorage:
    return optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'canary.db'}", heartbeat_interval=60)


def test_ids_and_storage() -> None:
    study = optuna.create_study()
    trial = study.ask()
    assert adapter.storage_of(study) is study._storage
    assert isinstance(adapter.study_id(study), int)
    tid = adapter.trial_id(trial)
    assert adapter.storage_of(study).get_trial(tid).number == trial.number
    frozen = study.get_trials(deepcopy=False)[0]
    assert adapter.trial_id(frozen) == tid


def test_user_callback_stop_stops_tune() -> None:
    """``study.stop()`` in a user callback under ``tune`` stops the study (``_stop_flag`` + in-loop flag)."""

    def stop_after_two(study: optuna.Study, frozen: optuna.trial.FrozenTrial) -> None:
        if frozen.number == 1:
            study.stop()

    recipe = tuneflow.Recipe(
        name="stops", train=lambda config: config["x"], parameters={"x": {"min": 0.0, "max": 1.0}}, method="random"
    )
    result = tuneflow.tune(recipe, n_trials=10, storage="memory", wandb=False, callbacks=[stop_after_two])
    assert len(result.study.trials) == 2


def test_stop_flag() -> None:
    study = optuna.create_study()
    assert adapter.stop_requested(study) is False
    adapter.request_stop(study)
    assert study._stop_flag is True and adapter.stop_requested(study)
    study._stop_flag = False  # study.optimize resets it the same way at its start


def test_optimize_loop_flags() -> None:
    study = optuna.create_study()
    with pytest.raises(RuntimeError):  # outside a loop, study.stop() refuses
        study.stop()
    with adapter.optimize_loop(study):
        study.stop()  # allowed inside
        assert adapter.stop_requested(study)
    with pytest.raises(RuntimeError):
        study.stop()
    study._thread_local.cached_all_trials = ["stale"]
    adapter.forget_cached_trials(study)
    assert study._thread_local.cached_all_trials is None


def test_rdb_models() -> None:
    models = adapter.rdb_models()
    assert {"trial_id", "study_id", "state"} <= set(models.TrialModel.__table__.columns.keys())


def test_unwrap_cache(tmp_path: Path) -> None:
    study = optuna.create_study(storage=f"sqlite:///{tmp_path / 'cached.db'}")
    storage = adapter.storage_of(study)
    assert type(storage).__name__ == "_CachedStorage"  # Optuna still wraps RDB storages
    assert isinstance(adapter.unwrap_cache(storage), optuna.storages.RDBStorage)
    memory = optuna.storages.InMemoryStorage()
    assert adapter.unwrap_cache(memory) is memory


def test_journal_file_path(tmp_path: Path) -> None:
    path = tmp_path / "journal.log"
    storage = optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(str(path)))
    assert adapter.journal_file_path(storage) == str(path)
    assert adapter.journal_file_path(optuna.storages.InMemoryStorage()) is None


def test_heartbeat_enabled(tmp_path: Path) -> None:
    assert adapter.heartbeat_enabled(_sqlite(tmp_path))
    plain = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'plain.db'}")
    assert not adapter.heartbeat_enabled(plain)
    assert not adapter.heartbeat_enabled(optuna.storages.InMemoryStorage())


@pytest.mark.filterwarnings("ignore:Heartbeat of storage is supposed to be used with Study.optimize")
def test_stale_trial_ids(tmp_path: Path) -> None:
    storage = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'stale.db'}", heartbeat_interval=1, grace_period=1)
    study = optuna.create_study(storage=storage)
    trial = study.ask()
    storage.record_heartbeat(adapter.trial_id(trial))
    assert adapter.stale_trial_ids(storage, adapter.study_id(study)) == []
    time.sleep(2.2)
    assert adapter.stale_trial_ids(storage, adapter.study_id(study)) == [adapter.trial_id(trial)]


def test_progress_bar() -> None:
    bar = adapter.progress_bar(False, 3, None)
    study = optuna.create_study()
    study.optimize(lambda t: 0.0, n_trials=1)
    bar.update(0.1, study)  # the call the loop makes after each trial
    bar.close()


def test_progress_bar_from_a_kept_best(capsys: pytest.CaptureFixture[str]) -> None:
    """``_ProgressBar.update`` reads only what the stand-in answers: the best the loop keeps."""
    study = optuna.create_study()
    study.optimize(lambda t: 0.25, n_trials=1)
    bar = adapter.progress_bar(True, 3, None)
    adapter.update_progress_bar(bar, 0.1, None)  # no best yet: no description
    assert bar._progress_bar.desc == ""
    adapter.update_progress_bar(bar, 0.2, study.trials[0])
    assert bar._progress_bar.desc.startswith("Best trial: 0. Best value: 0.25")  # tqdm appends ": "
    assert bar._progress_bar.n == 2
    bar.close()
    capsys.readouterr()


def test_rdb_count_states(tmp_path: Path) -> None:
    storage = _sqlite(tmp_path)
    study = optuna.create_study(storage=storage)
    study.optimize(lambda t: 0.0, n_trials=2)
    study.enqueue_trial({})
    for value in ([0], None, [0, 2]):
        trial = study.ask()  # the first pops the enqueued trial
        if value is not None:
            storage.set_trial_system_attr(adapter.trial_id(trial), "retry_history", value)
        trial.set_user_attr("retry_history", "not a system attribute")
    study.enqueue_trial({})
    other = optuna.create_study(storage=storage)
    storage.set_trial_system_attr(adapter.trial_id(other.ask()), "retry_history", [9])
    states, values = adapter.rdb_count_states(study._storage, adapter.study_id(study), "retry_history")  # cached too
    assert states == {TrialState.COMPLETE: 2, TrialState.RUNNING: 3, TrialState.WAITING: 1}
    assert sorted(values) == [[0], [0, 2]]  # this study's system attributes only
    assert adapter.rdb_count_states(storage, adapter.study_id(optuna.create_study(storage=storage)), "k") == ({}, [])


def test_optimize_logger(caplog: pytest.LogCaptureFixture) -> None:
    """Optuna's loop reports a failed trial on this logger; tuneflow's loop logs there too."""

    def fails(trial: optuna.Trial) -> float:
        raise ValueError("boom")

    optuna.logging.set_verbosity(optuna.logging.INFO)
    optuna.logging.enable_propagation()
    try:
        with caplog.at_level(logging.INFO, logger=adapter.OPTIMIZE_LOGGER):
            optuna.create_study().optimize(fails, n_trials=1, catch=(ValueError,))
    finally:
        optuna.logging.disable_propagation()
        optuna.logging.set_verbosity(optuna.logging.WARNING)
    assert any(r.name == adapter.OPTIMIZE_LOGGER and "Trial 0 failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("dist", "inside", "outside"),
    [
        (FloatDistribution(0.0, 1.0), 0.5, 1.5),
        (FloatDistribution(0.0, 1.0, step=0.25), 0.75, 0.3),
        (IntDistribution(1, 9, step=2), 5, 4),
        (CategoricalDistribution(["a", "b"]), "b", "c"),
    ],
)
def test_distribution_contains(dist: optuna.distributions.BaseDistribution, inside: object, outside: object) -> None:
    assert adapter.distribution_contains(dist, inside)
    if isinstance(dist, CategoricalDistribution):
        with pytest.raises(ValueError):
            adapter.distribution_contains(dist, outside)
    else:
        assert not adapter.distribution_contains(dist, outside)


def test_sampler_rng() -> None:
    a, b = optuna.samplers.RandomSampler(seed=3), optuna.samplers.RandomSampler(seed=3)
    rng = adapter.sampler_rng(a)
    assert isinstance(rng, np.random.RandomState)
    assert rng.rand() == adapter.sampler_rng(b).rand()  # the sampler's own seeded stream


def _shifted(trial: optuna.trial.FrozenTrial) -> optuna.trial.FrozenTrial:
    if "x" not in trial.params:  # the running trial
        return trial
    out = optuna.trial.create_trial(
        params={"x": trial.params["x"] + 100},
        distributions={"x": FloatDistribution(100.0, 101.0)},
        value=trial.value,
        state=trial.state,
    )
    out.number = trial.number
    return out


@pytest.mark.parametrize("name", ["tpe", "gp"])
def test_trials_view(name: str) -> None:
    """Optuna's model-based samplers read a study's trials through ``Study._get_trials``: shown a
    view, they model the translated trials (here every x moved to [100, 101]) and propose there."""
    sampler: optuna.samplers.BaseSampler
    if name == "gp":
        require("torch (GPSampler)", missing_requirements("gp") is None)
        sampler = optuna.samplers.GPSampler(seed=0, n_startup_trials=2)
    else:
        sampler = optuna.samplers.TPESampler(seed=0, multivariate=True, n_startup_trials=2)
    study = optuna.create_study()
    for x in (0.1, 0.5, 0.9):
        study.add_trial(
            optuna.trial.create_trial(params={"x": x}, distributions={"x": FloatDistribution(0, 1)}, value=x)
        )
    view = adapter.trials_view(study, _shifted)
    assert [t.params["x"] for t in view.get_trials()] == pytest.approx([100.1, 100.5, 100.9])
    assert [t.params["x"] for t in view.trials] == pytest.approx([100.1, 100.5, 100.9])
    assert [t.params["x"] for t in study.trials] == pytest.approx([0.1, 0.5, 0.9])  # the study is untouched
    running = study.ask()
    frozen = study.trials[-1]
    space = sampler.infer_relative_search_space(view, frozen)
    assert space == {"x": FloatDistribution(100.0, 101.0)}
    proposed = sampler.sample_relative(view, frozen, space)
    assert 100.0 <= proposed["x"] <= 101.0
    study.tell(running, 0.0)


@pytest.mark.parametrize(
    "dist",
    [
        FloatDistribution(1e-4, 1e-1, log=True),
        FloatDistribution(0.0, 1.0, step=0.1),
        IntDistribution(2, 12),
        IntDistribution(1, 64, log=True),
        CategoricalDistribution([None, 1, "a"]),
    ],
)
def test_suggest_through_the_public_api(dist: optuna.distributions.BaseDistribution) -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    trial = study.ask()
    value = adapter.suggest(trial, "p", dist)
    frozen = study.get_trials(deepcopy=False)[0]
    assert frozen.distributions["p"] == dist
    assert frozen.params["p"] == value


def test_claim_with_counter(tmp_path: Path) -> None:
    storage = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'claim.db'}")
    study = optuna.create_study(storage=storage)
    key = "tuneflow:grid_next"

    def template(index: int) -> optuna.trial.FrozenTrial:
        return optuna.trial.create_trial(state=TrialState.RUNNING, system_attrs={"i": index})

    ids = [
        adapter.rdb_claim_with_counter(adapter.storage_of(study), adapter.study_id(study), key, 2, template)
        for _ in range(3)
    ]
    assert ids[2] is None and None not in ids[:2]
    # Optuna's cache knows the trials without a read of the study: a parameter can be set on one
    adapter.storage_of(study).set_trial_param(ids[0], "x", 0.5, optuna.distributions.FloatDistribution(0, 1))
    trials = study.get_trials(deepcopy=False)
    assert [(t.state, t.system_attrs["i"]) for t in trials] == [(TrialState.RUNNING, 0), (TrialState.RUNNING, 1)]
    assert storage.get_study_system_attrs(adapter.study_id(study))[key] == 2


def test_compare_and_set_user_attr(tmp_path: Path) -> None:
    storage = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'cas.db'}")
    study = optuna.create_study(storage=storage)
    sid = adapter.study_id(study)

    def swap(expected: object, new: object) -> object:
        return adapter.rdb_compare_and_set_user_attr(adapter.storage_of(study), sid, "k", expected, new)

    assert swap(None, {"claim": "a"}) == {"claim": "a"}  # absent: set
    assert swap(None, {"claim": "b"}) == {"claim": "a"}  # the loser reads the winner's value
    assert swap({"claim": "a"}, {"id": "s1"}) == {"id": "s1"}
    assert study.user_attrs["k"] == {"id": "s1"}  # what Optuna itself reads back
    other = optuna.create_study(storage=storage)  # the key is unique per study, not per storage
    assert adapter.rdb_compare_and_set_user_attr(storage, adapter.study_id(other), "k", None, 3) == 3


def test_grpc_proxy_server_reads_only_new_trials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("grpc")
    from postgres import free_port

    backend = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'served.db'}")
    asked: list[int] = []
    real = optuna.storages.RDBStorage._get_trials

    def recording(self: object, study_id: int, **kwargs: object) -> list:  # type: ignore[type-arg]
        asked.append(kwargs["trial_id_greater_than"])  # type: ignore[arg-type]
        return real(self, study_id, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(optuna.storages.RDBStorage, "_get_trials", recording)
    monkeypatch.setattr(optuna.storages.RDBStorage, "get_all_trials", None)  # the server must not read them all
    port = free_port()
    server = adapter.grpc_proxy_server(backend, "127.0.0.1", port, 2)
    server.start()
    try:
        client = optuna.storages.GrpcStorageProxy(host="127.0.0.1", port=port)
        client.wait_server_ready(timeout=10)
        study = optuna.create_study(storage=client)
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)
        other = optuna.storages.GrpcStorageProxy(host="127.0.0.1", port=port)  # another worker's client
        assert [t.number for t in other.get_all_trials(adapter.study_id(study))] == [0, 1, 2]
        optuna.load_study(study_name=study.study_name, storage=other).optimize(
            lambda t: t.suggest_float("x", 0, 1), n_trials=1
        )
        assert len(client.get_all_trials(adapter.study_id(study))) == 4  # the new trial reached the first client
        assert max(asked) >= 1  # later reads start past the trials a client already holds
        with pytest.raises(KeyError):
            client.get_all_trials(999)
        client.close()
        other.close()
    finally:
        server.stop(0)


def test_grpc_proxy_server_reads_the_study_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new worker's first request is answered from the finished trials the server holds; what
    changed since (a trial that finished, a new one) reaches every client; DeleteStudy forgets."""
    pytest.importorskip("grpc")
    from postgres import free_port

    backend = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'served.db'}")
    study = optuna.create_study(storage=backend)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=5)
    running = study.ask()
    running.suggest_float("x", 0, 1)
    asked: list[int] = []
    real = optuna.storages.RDBStorage._get_trials

    def recording(self: object, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if threading.current_thread() is not threading.main_thread():  # the server's, not this test's study
            asked.append(kwargs["trial_id_greater_than"])  # type: ignore[arg-type]
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(optuna.storages.RDBStorage, "_get_trials", recording)
    port = free_port()
    server = adapter.grpc_proxy_server(backend, "127.0.0.1", port, 2)
    server.start()
    sid = adapter.study_id(study)

    def seen(storage: optuna.storages.BaseStorage) -> list[tuple[int, str, dict, object]]:  # type: ignore[type-arg]
        return [(t.number, t.state.name, t.params, t.value) for t in storage.get_all_trials(sid)]

    try:
        first = optuna.storages.GrpcStorageProxy(host="127.0.0.1", port=port)
        first.wait_server_ready(timeout=10)
        assert seen(first) == seen(backend)
        assert asked == [-1]  # the one read of the whole study
        second = optuna.storages.GrpcStorageProxy(host="127.0.0.1", port=port)  # a new worker
        assert seen(second) == seen(backend)
        assert asked[1:] == [5]  # past the last finished trial (id 5): only the running one is read again
        study.tell(running, 0.5)
        optuna.load_study(study_name=study.study_name, storage=backend).optimize(
            lambda t: t.suggest_float("x", 0, 1), n_trials=1
        )
        assert seen(first) == seen(second) == seen(backend)
        assert [s for s, _, _, _ in seen(first)] == list(range(7)) and seen(first)[5][1] == "COMPLETE"
        assert min(asked[1:]) >= 5
        first.delete_study(sid)
        with pytest.raises(KeyError):
            second.get_all_trials(sid)
        first.close()
        second.close()
    finally:
        server.stop(0)
