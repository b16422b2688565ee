"""PostgreSQL restarted while a trial runs: the trial's value is stored and the worker goes on.

The server is a real one started by the test (tests/postgres.py); the worker is a real
``tuneflow worker`` process. Its first trial runs 3 s; 0.3 s in, the server stops (immediate
shutdown: every connection is cut) and comes back 4 s later, after the trial has finished, so
the result can only be stored by retrying.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from postgres import PASSWORD
from procs import finish, start, states, trials, wait_for, write_recipe

from tuneflow.engine.storage import check_storage_url, open_storage, storage_kind
from tuneflow.keys import OWNER_ATTR
from tuneflow.redact import redact_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_database_restart_mid_trial_keeps_the_value(postgres_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    storage = postgres_server.new_database()
    recipe = write_recipe(tmp_path, "random")
    env = {"TF_SLOW_FROM": "0", "TF_SLOW": "3", "TUNEFLOW_HEARTBEAT_INTERVAL": "1", "TUNEFLOW_GRACE_PERIOD": "30"}
    proc = start("worker", recipe, storage, "--n-trials", "2", env=env)
    wait_for(tmp_path / "start-0")
    time.sleep(0.3)
    postgres_server.stop()
    time.sleep(4)
    postgres_server.start_again()
    code, out = finish(proc)
    assert code == 0, out
    assert "storage unavailable while storing trial 0" in out
    assert PASSWORD not in out
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 2}
    first = next(t for t in all_trials if t.number == 0)
    assert first.value == pytest.approx(first.params["x"])


def test_postgres_urls_are_mapped_to_psycopg(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.new_database()
    for variant in (
        url,
        url.replace("postgresql://", "postgres://"),
        url.replace("postgresql://", "postgresql+psycopg://"),
    ):
        assert check_storage_url(variant) == []
        backend = open_storage(variant)
        assert storage_kind(backend) == "postgresql"
        assert backend.url.startswith("postgresql+psycopg://")  # type: ignore[attr-defined]


def test_unreachable_postgres_is_a_clear_error_without_the_password(postgres_server) -> None:  # type: ignore[no-untyped-def]
    from tuneflow.errors import StorageError

    url = postgres_server.url().replace(str(postgres_server.port), "1")  # nothing listens on port 1
    with pytest.raises(StorageError) as info:
        open_storage(url)
    message = str(info.value)
    assert PASSWORD not in message
    assert redact_url(url) in message


@pytest.fixture(scope="module")
def small_server():  # type: ignore[no-untyped-def]
    """A server with 4 connection slots and none reserved, so a test can fill it."""
    from postgres import server_with_slots

    with server_with_slots(4) as server:
        yield server


def _fill(url: str, n: int) -> list:  # type: ignore[type-arg]
    import psycopg

    return [psycopg.connect(url) for _ in range(n)]


def test_a_full_server_is_waited_for_then_named_with_the_fix(small_server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every connection slot taken (the 101st worker on a stock server): a starting worker waits for
    a slot within TUNEFLOW_STORAGE_RETRY; when none frees up, the error is the server's own, with
    the way past the limit."""
    import threading

    from tuneflow.errors import StorageError

    url = small_server.url()
    held = _fill(url, 4)
    threading.Timer(1.5, lambda: [c.close() for c in held]).start()  # slots free up while it waits
    start = time.monotonic()
    backend = open_storage(url)
    assert time.monotonic() - start >= 1.0
    backend.engine.dispose()  # type: ignore[attr-defined]

    held = _fill(url, 4)
    monkeypatch.setenv("TUNEFLOW_STORAGE_RETRY", "1")
    try:
        with pytest.raises(StorageError) as info:
            open_storage(url)
    finally:
        for conn in held:
            conn.close()
    message = str(info.value)
    assert "psycopg.OperationalError" in message and "too many clients" in message
    assert "tuneflow storage-server" in message and "grpc://HOST:PORT" in message
    assert "An exception is raised during the commit" not in message and PASSWORD not in message


def test_a_worker_holds_one_connection_while_it_runs(postgres_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Four workers whose heartbeat thread beats while their trials run: once every worker has
    started a trial, the server holds at most one connection per worker. Before that, a worker
    making the schema holds one more, and two workers may make it at once (a race retried)."""
    import threading

    import psycopg

    url = postgres_server.new_database()
    database = url.rsplit("/", 1)[1]
    recipe = write_recipe(tmp_path, "random")
    env = {"TUNEFLOW_HEARTBEAT_INTERVAL": "0.1", "TUNEFLOW_GRACE_PERIOD": "5", "TF_SLOW_FROM": "0", "TF_SLOW": "0.5"}
    peak_start, peak_running, done = 0, 0, threading.Event()
    owners_query = "SELECT count(DISTINCT value_json) FROM trial_system_attributes WHERE key = %s"
    others_query = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname = %s AND pid <> pg_backend_pid()"

    def sample() -> None:  # one connection of its own, left out of the count
        nonlocal peak_start, peak_running
        with psycopg.connect(url, autocommit=True) as conn:
            while not done.is_set():
                held = conn.execute(others_query, (database,)).fetchone()[0]  # type: ignore[index]
                try:
                    owners = conn.execute(owners_query, (OWNER_ATTR,)).fetchone()[0]  # type: ignore[index]
                except psycopg.errors.UndefinedTable:  # no schema yet
                    owners = 0
                if owners == 4:
                    peak_running = max(peak_running, held)
                else:
                    peak_start = max(peak_start, held)
                done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        procs = [start("worker", recipe, url, "--n-trials", "4", env=env) for _ in range(4)]
        results = [finish(p) for p in procs]
    finally:
        done.set()
        sampler.join()
    assert [code for code, _ in results] == [0] * 4, results
    assert states(trials(url)) == {"COMPLETE": 16}
    assert 1 <= peak_running <= 4, (peak_start, peak_running)
    assert peak_start <= 8, (peak_start, peak_running)


def test_tables_created_by_another_connection_between_check_and_create_are_a_retried_race(postgres_server) -> None:  # type: ignore[no-untyped-def]
    """A real schema race: another connection creates Optuna's tables in a transaction left open,
    so this process finds none, creates them too, blocks on the other's catalog rows and gets the
    database's unique violation when the other commits; the open is retried and succeeds."""
    import threading

    import psycopg
    from optuna.storages._rdb import models
    from sqlalchemy import create_engine

    url = postgres_server.new_database()
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    other = engine.connect()
    transaction = other.begin()
    models.BaseModel.metadata.create_all(other)  # uncommitted: invisible to the opener
    opened: list[object] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(open_storage(url))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=open_it)
    thread.start()
    time.sleep(1.5)
    assert thread.is_alive()  # blocked on the other transaction's catalog rows
    transaction.commit()
    other.close()
    thread.join(60)
    assert errors == [] and len(opened) == 1
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM version_info").fetchone()[0] == 1
    engine.dispose()
