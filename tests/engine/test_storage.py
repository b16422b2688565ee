"""Storage URLs: which storage each opens, every bad one rejected with its fix before a study
exists, SQLite set up for many workers, settings from the environment, and retries."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import optuna
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

import tuneflow
from tuneflow.engine.gridindex import pop_waiting
from tuneflow.engine.storage import (
    StorageSettings,
    check_storage_url,
    describe_error,
    is_start_race,
    is_transient,
    open_storage,
    retry_start_race,
    retry_storage,
    storage_kind,
)
from tuneflow.errors import StorageError


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (None, "sqlite"),
        ("memory", "memory"),
        (":memory:", "memory"),
        ("sqlite:///tuneflow.db", "sqlite"),
        ("sqlite:////abs/x.db", "sqlite"),
        ("postgresql://u:p@h/db", "postgresql"),
        ("postgres://u:p@h/db", "postgresql"),
        ("postgresql+psycopg://u:p@h/db", "postgresql"),
        ("journal:///study.log", "journal"),
        ("grpc://10.0.0.5:13000", "grpc"),
        ("mysql+pymysql://u:p@h/db", "rdb"),
    ],
)
def test_storage_kind_of_urls(url: str | None, kind: str) -> None:
    assert storage_kind(url) == kind


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("memory", None),
        ("sqlite:///here.db", None),
        ("journal:///here.log", None),
        ("postgresql://u:secret@h/db", None),
        ("foo://x", "unknown scheme 'foo'"),
        ("tuneflow.db", "is not a URL"),
        ("sqlite://x.db", "expected three slashes"),
        ("journal://x.log", "expected three slashes"),
        ("sqlite:///no/such/dir/x.db", "directory 'no/such/dir' does not exist"),
        ("sqlite:///tmp/x.db", "for /tmp/x.db write sqlite:////tmp/x.db"),
        ("journal:///tmp/x.log", "for /tmp/x.log write journal:////tmp/x.log"),
        ("journal:///", "names no file"),
        ("postgresql+asyncpg://u:secret@h/db", "driver 'postgresql+asyncpg' is not supported"),
        ("grpc://127.0.0.1:13000", None),
        ("grpc://127.0.0.1", "a storage server URL is grpc://HOST:PORT"),
        (42, "must be a URL string"),
    ],
)
def test_check_storage_url(url: object, expected: str | None) -> None:
    problems = check_storage_url(url)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems
        assert problems[0].startswith("storage: ")
        assert "secret" not in problems[0]


def test_bad_storage_fails_before_any_study_or_file_exists(tmp_path: Path) -> None:
    recipe = tuneflow.Recipe(name="r", train=lambda c: 0.0, parameters={"x": {"min": 0.0, "max": 1.0}})
    with pytest.raises(StorageError, match="unknown scheme 'mongodb'"):
        tuneflow.tune(recipe, storage="mongodb://u:p@h/db", wandb=False)
    with pytest.raises(StorageError, match="does not exist"):
        tuneflow.tune(recipe, storage="sqlite:///missing/dir/x.db", wandb=False)
    assert list(tmp_path.iterdir()) == []


def test_sqlite_is_set_up_for_many_workers(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    backend = open_storage(f"sqlite:///{path}")
    assert isinstance(backend, optuna.storages.RDBStorage)
    optuna.create_study(storage=backend, study_name="s")
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert backend.heartbeat_interval == StorageSettings().heartbeat_interval
    assert backend.engine_kwargs["connect_args"]["timeout"] == 60.0


def test_sqlite_pop_is_atomic_across_connections(tmp_path: Path) -> None:
    """Six threads, each with its own storage (own connections), pop 150 queued trials: each once.

    With Optuna's plain SQLite settings the same run popped 276 times (read-then-update in
    deferred transactions); ``BEGIN IMMEDIATE`` makes each claim atomic.
    """
    url = f"sqlite:///{tmp_path / 'q.db'}"
    study = optuna.create_study(storage=open_storage(url), study_name="q")
    for i in range(150):
        study.enqueue_trial({"i": i})
    popped: list[int] = []
    lock = threading.Lock()

    def pop_all() -> None:
        mine = optuna.load_study(study_name="q", storage=open_storage(url))
        while (trial_id := pop_waiting(mine)) is not None:
            with lock:
                popped.append(trial_id)

    threads = [threading.Thread(target=pop_all) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(popped) == len(set(popped)) == 150


def test_journal_url_opens_a_journal_file(tmp_path: Path) -> None:
    backend = open_storage(f"journal:///{tmp_path / 'j.log'}")
    assert isinstance(backend, optuna.storages.JournalStorage)
    assert storage_kind(backend) == "journal"
    optuna.create_study(storage=backend, study_name="j").optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    assert (tmp_path / "j.log").stat().st_size > 0


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, StorageSettings()),
        (
            {"TUNEFLOW_HEARTBEAT_INTERVAL": "1", "TUNEFLOW_GRACE_PERIOD": "3", "TUNEFLOW_MAX_RETRY": "0"},
            StorageSettings(heartbeat_interval=1.0, grace_period=3.0, max_retry=0),
        ),
        ({"TUNEFLOW_STORAGE_RETRY": "5"}, StorageSettings(retry_seconds=5.0)),
        ({"TUNEFLOW_HEARTBEAT_INTERVAL": "soon"}, "TUNEFLOW_HEARTBEAT_INTERVAL='soon' must be a positive float"),
        ({"TUNEFLOW_GRACE_PERIOD": "0"}, "must be a positive float"),
        ({"TUNEFLOW_HEARTBEAT_INTERVAL": "10", "TUNEFLOW_GRACE_PERIOD": "5"}, "must exceed the heartbeat interval"),
    ],
)
def test_settings_from_env(env: dict[str, str], expected: object, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if isinstance(expected, StorageSettings):
        assert StorageSettings.from_env() == expected
    else:
        with pytest.raises(StorageError, match=str(expected)):
            StorageSettings.from_env()


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (OperationalError("SELECT 1", {}, Exception("server closed the connection")), True),
        (optuna.exceptions.StorageInternalError("commit failed"), True),
        (ConnectionError("reset"), True),
        (IntegrityError("INSERT", {}, Exception("unique")), False),
        (ValueError("bad value"), False),
        (optuna.exceptions.UpdateFinishedTrialError("finished"), False),
    ],
)
def test_is_transient(exc: BaseException, transient: bool) -> None:
    assert is_transient(exc) is transient


def test_retry_storage_outlasts_an_outage_and_gives_up_after_its_bound() -> None:
    calls: list[int] = []
    messages: list[str] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 4:
            raise OperationalError("UPDATE", {}, Exception("connection refused"))
        return "stored"

    assert retry_storage(flaky, "storing trial 7", 10, messages.append) == "stored"
    assert len(calls) == 4 and len(messages) == 1 and "storing trial 7" in messages[0]

    def down() -> None:
        raise OperationalError("UPDATE", {}, Exception("connection refused"))

    with pytest.raises(OperationalError):
        retry_storage(down, "storing", 0.5)
    with pytest.raises(ValueError):  # not an outage: no retry
        retry_storage(lambda: int("x"), "storing", 10)


def _wrapped(orig: BaseException) -> optuna.exceptions.StorageInternalError:
    """What Optuna raises for a failed commit: its own error, from SQLAlchemy's, from the driver's."""
    from sqlalchemy.exc import DBAPIError

    try:
        try:
            raise DBAPIError.instance("INSERT", {}, orig, Exception) from orig  # type: ignore[arg-type]
        except DBAPIError as sa_error:
            raise optuna.exceptions.StorageInternalError("An exception is raised during the commit.") from sa_error
    except optuna.exceptions.StorageInternalError as wrapped:
        return wrapped


def _sqlite_busy() -> BaseException:
    """A real SQLITE_BUSY: a second connection writes while the first holds the write lock."""
    import sqlite3

    path = Path(tempfile.mkdtemp()) / "busy.db"
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("CREATE TABLE t (x)")
    first.execute("BEGIN EXCLUSIVE")
    second = sqlite3.connect(path, timeout=0)
    try:
        second.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as exc:
        return exc
    finally:
        first.close()
        second.close()
    raise AssertionError("no SQLITE_BUSY")


@pytest.mark.parametrize(
    ("make", "race"),
    [
        # Optuna's StorageInternalError around the database's unique violation: the case that was missed.
        (lambda: _wrapped(__import__("psycopg").errors.UniqueViolation("duplicate key")), True),
        (lambda: _wrapped(__import__("psycopg").errors.DuplicateTable("relation exists")), True),
        (lambda: _wrapped(__import__("psycopg").errors.DeadlockDetected("deadlock")), True),
        (lambda: _wrapped(__import__("psycopg").errors.TooManyConnections("too many clients")), True),
        (lambda: _wrapped(__import__("psycopg").errors.ConnectionTimeout("connection timeout expired")), True),
        (lambda: IntegrityError("INSERT", {}, Exception("unique")), True),
        (lambda: _wrapped(_sqlite_busy()), True),
        # Not a race: the same wrapper around a bad password or a missing permission.
        (lambda: _wrapped(__import__("psycopg").errors.InvalidPassword("password authentication failed")), False),
        (lambda: _wrapped(__import__("psycopg").errors.InsufficientPrivilege("permission denied")), False),
        # Message text alone never counts.
        (lambda: optuna.exceptions.StorageInternalError("duplicate key value violates unique constraint"), False),
        (lambda: ValueError("already exists"), False),
    ],
)
def test_is_start_race_by_type_and_cause(make: Callable[[], BaseException], race: bool) -> None:
    pytest.importorskip("psycopg")
    assert is_start_race(make()) is race


def test_describe_error_names_the_database_error_not_optunas_wrapper() -> None:
    psycopg = pytest.importorskip("psycopg")
    exc = _wrapped(psycopg.errors.InvalidPassword('password authentication failed for user "u"'))
    assert describe_error(exc) == 'psycopg.InvalidPassword: password authentication failed for user "u"'
    assert "An exception is raised during the commit" not in describe_error(exc)
    busy = describe_error(_wrapped(_sqlite_busy()))
    assert busy.startswith("sqlite3.OperationalError: database is locked")
    assert "max_connections" in describe_error(_wrapped(psycopg.errors.TooManyConnections("too many clients")))


def test_retry_start_race_retries_a_race_within_its_bound_and_nothing_else() -> None:
    calls: list[int] = []

    def racing() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise optuna.exceptions.StorageInternalError("commit failed") from IntegrityError("INSERT", {}, Exception())
        return "joined"

    assert retry_start_race(racing, 30) == "joined" and len(calls) == 3

    def always() -> None:
        raise IntegrityError("INSERT", {}, Exception("unique"))

    start = time.monotonic()
    with pytest.raises(IntegrityError):
        retry_start_race(always, 0.5)
    assert time.monotonic() - start < 3.0
    calls.clear()

    def broken() -> None:
        calls.append(1)
        raise ValueError("not a race")

    with pytest.raises(ValueError):
        retry_start_race(broken, 30)
    assert len(calls) == 1


def test_workers_opening_one_new_sqlite_file_together_all_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            open_storage(url)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
