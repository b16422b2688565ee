"""Many ``tuneflow worker`` processes on one storage: nothing lost, nothing run twice.

Real processes on real storages: SQLite files, a PostgreSQL server started by the test
(tests/postgres.py) and Optuna journal files. The recipe lives in tests/procs.py.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import optuna
import pytest
from procs import GRID_100, finish, run_workers, start, states, trials, wait_for, write_recipe

from tuneflow.engine.storage import open_storage
from tuneflow.errors import StorageError
from tuneflow.keys import OWNER_ATTR
from tuneflow.loading import load_recipe
from tuneflow.search.recipe import Recipe
from tuneflow.tune import tune

pytestmark = pytest.mark.slow


@pytest.fixture
def grpc_storage(postgres_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """``tuneflow storage-server`` in front of a fresh PostgreSQL database: its grpc:// URL."""
    from postgres import storage_server

    with storage_server(postgres_server.new_database()) as url:
        yield url


def _url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "postgresql":
        return request.getfixturevalue("postgres_server").new_database()
    if kind == "grpc":
        return request.getfixturevalue("grpc_storage")
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'study.db'}"  # tmp_path is absolute: four slashes
    return f"journal:///{tmp_path / 'study.log'}"


PROXY = pytest.param("grpc", marks=pytest.mark.postgres)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "journal", PROXY])
def test_four_workers_share_one_study(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    storage = _url(kind, tmp_path, request)
    recipe = write_recipe(tmp_path, "random")
    outputs = run_workers(4, recipe, storage, "--n-trials", "25")
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 100}
    numbers = sorted(t.number for t in all_trials)
    assert numbers == list(range(100))  # no duplicate, no gap
    # Each worker draws its own random stream (a shared seed would repeat points).
    assert len({t.params["x"] for t in all_trials}) == 100
    if kind == "postgresql":
        assert not any("pg-s3cret-pass" in out for out in outputs)
    uids = {optuna.load_study(study_name="scale", storage=open_storage(storage)).user_attrs["tuneflow:uid"]}
    assert len(uids) == 1


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "journal"])
def test_grid_of_100_points_is_evaluated_once_across_four_workers(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    storage = _url(kind, tmp_path, request)
    recipe = write_recipe(tmp_path, "grid")
    outputs = run_workers(4, recipe, storage)  # no --n-trials: each stops when the grid is done
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 100}
    points = [(t.params["x"], t.params["y"]) for t in all_trials]
    expected = {(x, y) for x in GRID_100["x"]["values"] for y in range(10)}
    assert len(points) == len(set(points)) == 100
    assert set(points) == expected
    assert sum("every grid point has been evaluated" in out for out in outputs) == 4


@pytest.mark.parametrize("kind", ["sqlite", PROXY])
def test_run_cap_is_shared_by_all_workers(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    storage = _url(kind, tmp_path, request)
    recipe = write_recipe(tmp_path, "random", run_cap=30)
    run_workers(2, recipe, storage, "--n-trials", "25", "--n-jobs", "2")
    done = states(trials(storage)).get("COMPLETE", 0)
    # Documented bound: at most workers - 1 over the cap, and only when claims race.
    assert 30 <= done <= 31, done
    # A later call finds the cap reached and runs nothing.
    result = tune(load_recipe(recipe), storage=storage, wandb=False, worker=True)
    assert result.stop_reason == "run_cap of 30 trials reached"
    assert states(trials(storage)).get("COMPLETE", 0) == done


def _kill_mid_trial(recipe: Path, storage: str, env: dict[str, str]) -> None:
    """Run 3 trials, hang in trial 3, kill -9 the worker there."""
    proc = start("worker", recipe, storage, "--n-trials", "10", env={"TF_SLOW_FROM": "3", **env})
    wait_for(recipe.parent / "start-3")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = states(trials(storage))
    assert before == {"COMPLETE": 3, "RUNNING": 1}, before


def _assert_rerun_of_trial_3(storage: str, n_complete: int) -> None:
    all_trials = trials(storage)
    by_number = {t.number: t for t in all_trials}
    killed = by_number[3]
    assert killed.state.name == "FAIL"
    reruns = [t for t in all_trials if t.system_attrs.get("retry_history") == [3]]
    assert len(reruns) == 1 and reruns[0].state.name == "COMPLETE"
    assert reruns[0].params == killed.params  # the same config, run again
    assert states(all_trials) == {"COMPLETE": n_complete, "FAIL": 1}  # nothing RUNNING, nothing lost
    assert all(by_number[n].state.name == "COMPLETE" for n in range(3))


def test_kill_9_then_resume_reruns_the_killed_trial_at_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Same machine: the resumed worker sees the owner process is gone and re-runs its trial first."""
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "random")
    _kill_mid_trial(recipe, storage, {})
    with caplog.at_level(logging.WARNING, "tuneflow"):
        tune(load_recipe(recipe), n_trials=4, storage=storage, wandb=False, worker=True)
    assert "left RUNNING by a dead worker" in caplog.text
    _assert_rerun_of_trial_3(storage, 3 + 4)


@pytest.mark.parametrize("kind", [pytest.param("postgresql", marks=pytest.mark.postgres), "journal", PROXY])
def test_kill_9_on_another_machine_is_found_by_its_heartbeat(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker on another machine cannot check the PID: the stopped heartbeat finds the trial."""
    storage = _url(kind, tmp_path, request)
    recipe = write_recipe(tmp_path, "random")
    env = {"TUNEFLOW_HEARTBEAT_INTERVAL": "1", "TUNEFLOW_GRACE_PERIOD": "2"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _kill_mid_trial(recipe, storage, env)
    from tuneflow.engine.storage import open_storage

    backend = open_storage(storage)
    running = next(t for t in trials(storage) if t.state.name == "RUNNING")
    backend.set_trial_system_attr(running._trial_id, OWNER_ATTR, "another-machine/1:123:456")
    # 40 short trials outlast the grace period, so this worker itself re-runs the dead trial.
    monkeypatch.delenv("TF_SLOW_FROM", raising=False)
    tune(load_recipe(recipe), n_trials=40, storage=storage, wandb=False, worker=True)
    _assert_rerun_of_trial_3(storage, 3 + 40)


def _grid_points(all_trials: list) -> list[tuple[int, int]]:
    return [(t.params["x"], t.params["y"]) for t in all_trials if t.state.name == "COMPLETE"]


GRID_POINTS = {(x, y) for x in GRID_100["x"]["values"] for y in range(10)}


def test_grid_kill_9_mid_grid_then_resume_runs_every_point_once(tmp_path: Path) -> None:
    """A point whose worker was killed runs again; the rest of the grid is claimed once each."""
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "grid")
    _kill_mid_trial(recipe, storage, {})
    killed = next(t for t in trials(storage) if t.state.name == "RUNNING")
    tune(load_recipe(recipe), storage=storage, wandb=False, worker=True)  # no n_trials: to the grid's end
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 100, "FAIL": 1}
    points = _grid_points(all_trials)
    assert len(points) == len(set(points)) == 100 and set(points) == GRID_POINTS
    rerun = next(t for t in all_trials if t.system_attrs.get("retry_history") == [killed.number])
    assert rerun.params == {
        "x": killed.system_attrs["fixed_params"]["x"],
        "y": killed.system_attrs["fixed_params"]["y"],
    }
    assert rerun.number == 4  # re-run first, before new points are claimed


def test_grid_writes_nothing_ahead_and_no_helper_study(tmp_path: Path) -> None:
    import optuna

    from tuneflow.engine.storage import open_storage
    from tuneflow.keys import GRID_INDEX_ATTR as INDEX_ATTR
    from tuneflow.keys import GRID_NEXT_ATTR as NEXT_ATTR

    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = Recipe(name="g", train=lambda c: 0.0, parameters=GRID_100, method="grid")
    tune(recipe, n_trials=3, storage=storage, wandb=False)
    backend = open_storage(storage)
    assert optuna.get_all_study_names(backend) == ["g"]  # no `g:tuneflow-grid-filler`
    study = optuna.load_study(study_name="g", storage=backend)
    assert [t.state.name for t in study.trials] == ["COMPLETE"] * 3  # nothing queued for later
    assert [t.system_attrs[INDEX_ATTR] for t in study.trials] == [0, 1, 2]
    assert study._storage.get_study_system_attrs(study._study_id)[NEXT_ATTR] == 3
    # Resumed with another grid: refused, as its indices would mean other points.
    changed = recipe.replace(parameters={**GRID_100, "x": {"values": list(range(11))}})
    with pytest.raises(StorageError, match="enumerates another grid"):
        tune(changed, n_trials=1, storage=storage, wandb=False)


@pytest.mark.parametrize(
    ("storage_args", "message"),
    [
        ([], "--storage: a worker needs the storage its study is shared in"),
        (["--storage", "memory"], "--storage: 'memory' lives in one process"),
        (["--storage", "mongodb://u:pw@h/db"], "--storage: 'mongodb://u:***@h/db' has an unknown scheme 'mongodb'"),
        (
            ["--storage", "sqlite:///nowhere/x.db"],
            "--storage: 'sqlite:///nowhere/x.db': directory 'nowhere' does not exist",
        ),
    ],
)
def test_worker_rejects_a_bad_storage_before_any_study_exists(
    storage_args: list[str], message: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from tuneflow.cli import main

    recipe = write_recipe(tmp_path, "random")
    before = set(tmp_path.iterdir())
    result = CliRunner().invoke(main, ["worker", str(recipe), "--no-wandb", *storage_args])
    assert result.exit_code == 2
    assert message in result.output
    assert "pw" not in result.output
    assert set(tmp_path.iterdir()) == before  # no database file, no study


def test_a_result_of_a_trial_declared_dead_while_alive_is_kept_in_its_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """After a database outage longer than the grace period, another worker may reap a live trial.

    The train function below plays that other worker for trial 1 (a second storage handle marks
    it FAIL and queues its copy); the finished result then goes into the copy, not lost.
    """
    import optuna

    from tuneflow.engine.liveness import Keeper
    from tuneflow.engine.storage import StorageSettings, open_storage

    storage = f"sqlite:///{tmp_path / 'study.db'}"

    def train(config: dict, trial: object) -> float:
        if trial.number == 1:  # type: ignore[attr-defined]
            other = optuna.load_study(study_name="reaped", storage=open_storage(storage))
            assert Keeper(other, StorageSettings()).fail_and_requeue(trial._trial_id, "its worker stopped")  # type: ignore[attr-defined]
        return config["x"]

    recipe = Recipe(name="reaped", train=train, parameters={"x": {"min": 0.0, "max": 1.0}}, method="random")
    with caplog.at_level(logging.WARNING, "tuneflow"):
        tune(recipe, n_trials=3, storage=storage, wandb=False)
    all_trials = trials(storage, "reaped")
    reaped = next(t for t in all_trials if t.number == 1)
    copy = next(t for t in all_trials if t.system_attrs.get("retry_history") == [1])
    assert reaped.state.name == "FAIL"
    assert copy.state.name == "COMPLETE" and copy.params == reaped.params
    assert copy.value == pytest.approx(reaped.params["x"])
    assert f"its result was stored in its queued copy, trial {copy.number}" in caplog.text
    assert states(all_trials) == {"COMPLETE": 3, "FAIL": 1}


# -- through a storage server (Optuna's gRPC proxy) ------------------------------------------------


@pytest.mark.postgres
def test_sigterm_through_a_storage_server_fails_the_trial_and_a_resume_reruns_it(
    grpc_storage: str, tmp_path: Path
) -> None:
    storage = grpc_storage
    recipe = write_recipe(tmp_path, "random")
    proc = start("worker", recipe, storage, "--n-trials", "5", env={"TF_SLOW_FROM": "2"})
    wait_for(recipe.parent / "start-2")
    proc.send_signal(signal.SIGTERM)
    code, out = finish(proc)
    assert code == 143, out
    assert states(trials(storage)) == {"COMPLETE": 2, "FAIL": 1, "WAITING": 1}  # trial 2 failed, queued again
    code, out = finish(start("worker", recipe, storage, "--n-trials", "3"))  # the same command resumes
    assert code == 0, out
    _assert_rerun_of(storage, 2, {"COMPLETE": 5, "FAIL": 1})


def _assert_rerun_of(storage: str, number: int, expected: dict[str, int]) -> None:
    all_trials = trials(storage)
    failed = next(t for t in all_trials if t.number == number)
    rerun = [t for t in all_trials if t.system_attrs.get("retry_history") == [number]]
    assert failed.state.name == "FAIL" and len(rerun) == 1 and rerun[0].params == failed.params
    assert states(all_trials) == expected


@pytest.mark.postgres
def test_a_grid_worker_through_a_storage_server_is_refused_at_start(grpc_storage: str, tmp_path: Path) -> None:
    code, out = finish(start("worker", write_recipe(tmp_path, "grid"), grpc_storage))
    assert code == 2
    assert "method 'grid' claims each point in one database transaction" in out
    assert optuna.get_all_study_names(open_storage(grpc_storage)) == []


@pytest.mark.postgres
def test_report_and_backfill_read_a_study_through_a_storage_server(grpc_storage: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tuneflow.cli import main

    run_workers(2, write_recipe(tmp_path, "random"), grpc_storage, "--n-trials", "3")
    runner = CliRunner()
    report = runner.invoke(main, ["report", "--storage", grpc_storage, "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    assert (tmp_path / "r.html").stat().st_size > 10_000
    backfill = runner.invoke(
        main, ["backfill-wandb", "--storage", grpc_storage, "--mode", "offline", "--dir", str(tmp_path)]
    )
    assert backfill.exit_code == 0, backfill.output
    assert len(list((tmp_path / "wandb").glob("offline-run-*"))) >= 6  # one per trial (+ the summary run)


@pytest.fixture(scope="module")
def six_slot_server():  # type: ignore[no-untyped-def]
    """A PostgreSQL server with max_connections 6, none kept for superusers."""
    from postgres import server_with_slots

    with server_with_slots(6) as server:
        yield server


@pytest.mark.postgres
def test_more_workers_than_the_database_takes_all_join_through_a_storage_server(
    six_slot_server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """10 workers, 6 connection slots: directly, the workers past the limit (each holds one
    connection while its trials run) are refused with the server's reason and the fix; through one
    storage server holding 3 connections, all 10 join."""
    from postgres import storage_server

    recipe = write_recipe(tmp_path, "random")
    slow = {"TF_SLOW_FROM": "0", "TF_SLOW": "3", "TUNEFLOW_STORAGE_RETRY": "2"}
    direct = six_slot_server.new_database()
    procs = [start("worker", recipe, direct, "--n-trials", "2", env=slow) for _ in range(10)]
    results = [finish(p, timeout=180) for p in procs]
    refused = [out for code, out in results if code != 0]
    assert refused, "10 workers fit in 6 connection slots?"
    for out in refused:
        assert "too many clients" in out and "tuneflow storage-server" in out, out

    with storage_server(six_slot_server.new_database(), threads=3) as url:
        procs = [start("worker", recipe, url, "--n-trials", "3") for _ in range(10)]
        results = [finish(p, timeout=180) for p in procs]
        assert [code for code, _ in results] == [0] * 10, [out for code, out in results if code]
        all_trials = trials(url)
    assert states(all_trials) == {"COMPLETE": 30}
    assert sorted(t.number for t in all_trials) == list(range(30))
