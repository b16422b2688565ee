"""Storage URLs -> Optuna storages, with the defaults a newcomer gets and the settings that keep
many workers safe on one database.

Accepted URLs (checked before any study exists; a bad one is a :class:`StorageError` that names
the ``storage`` argument / ``--storage`` flag and the fix):

- ``None`` -> ``sqlite:///tuneflow.db`` in the working directory; ``"memory"`` -> in-memory;
- ``sqlite:///FILE`` (relative) or ``sqlite:////ABS/FILE``: WAL journal, a 60 s busy timeout and
  ``BEGIN IMMEDIATE`` transactions, so workers on one file never read a stale row before writing
  it (Optuna pops queued trials with read-then-update, which SQLite's deferred transactions let
  two processes do at once);
- ``postgresql://USER:PASS@HOST:PORT/DB`` (also ``postgres://``, ``postgresql+psycopg://``):
  psycopg 3 (``pip install 'tuneflow[postgres]'``), connections checked before use so a restarted
  server is reconnected to;
- ``journal:///FILE`` / ``journal:////ABS/FILE``: Optuna's journal file (one append-only log,
  no database server; the path follows the SQLite slash convention);
- ``grpc://HOST:PORT``: Optuna's gRPC storage proxy, as ``tuneflow storage-server`` serves it
  (``pip install 'tuneflow[grpc]'``): many workers share the server's few database connections.

RDB storages get Optuna's heartbeat: a worker killed mid-trial leaves a trial whose heartbeat
stops; after ``grace_period`` any live worker marks it FAIL and queues it again with the same
parameters (at most ``max_retry`` times). Journal files have no native heartbeat; tuneflow's
:mod:`tuneflow.engine.liveness` keeps an equivalent one in trial system attributes.

Passwords in URLs never leave this module in plain text: use :func:`tuneflow.redact.redact_url`
before printing or logging a URL.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import random
import re
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import optuna
from optuna.storages import BaseStorage

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.errors import StorageError
from tuneflow.redact import redact_url

__all__ = [
    "DEFAULT_STORAGE",
    "StorageSettings",
    "check_storage_url",
    "describe_error",
    "error_chain",
    "is_start_race",
    "is_storage_failure",
    "is_transient",
    "open_storage",
    "retry_start_race",
    "retry_storage",
    "root_cause",
    "storage_kind",
]

DEFAULT_STORAGE = "sqlite:///tuneflow.db"
_MEMORY = {"memory", ":memory:", "inmemory"}
#: Seconds SQLite waits on a lock before "database is locked" (several workers on one file).
SQLITE_TIMEOUT = 60.0
_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://")
_POSTGRES = {"postgresql", "postgres", "postgresql+psycopg"}
_FIX = (
    "use sqlite:///FILE.db, postgresql://USER:PASSWORD@HOST:PORT/DB, journal:///FILE.log, "
    "grpc://HOST:PORT (tuneflow storage-server) or 'memory'"
)
#: The client library a kind of storage needs: its module, its package and tuneflow's extra that installs it.
_CLIENTS = {"postgresql": ("psycopg", "psycopg", "postgres"), "grpc": ("grpc", "grpcio", "grpc")}
_GRPC = re.compile(r"^grpc://(?P<host>[^:/\s]+):(?P<port>\d+)/?$", re.I)
#: Seconds a worker waits for a ``grpc://`` storage server to answer before giving up.
GRPC_READY_SECONDS = 30.0
T = TypeVar("T")


@dataclass(frozen=True)
class StorageSettings:
    """Liveness and retry settings; environment variables override the defaults.

    ``heartbeat_interval`` (``TUNEFLOW_HEARTBEAT_INTERVAL``): seconds between a running trial's
    heartbeats. ``grace_period`` (``TUNEFLOW_GRACE_PERIOD``): seconds without a heartbeat after
    which a trial counts as dead (keep it above the longest database outage you expect).
    ``max_retry`` (``TUNEFLOW_MAX_RETRY``): times a dead trial is queued again.
    ``retry_seconds`` (``TUNEFLOW_STORAGE_RETRY``): how long a storage write (the trial's result)
    is retried with back-off while the database is unreachable, and how long a starting worker
    retries a conflict with other workers starting at once (or waits for a connection slot).
    """

    heartbeat_interval: float = 10.0
    grace_period: float = 60.0
    max_retry: int = 3
    retry_seconds: float = 60.0

    @classmethod
    def from_env(cls) -> StorageSettings:
        """Defaults, overridden by ``TUNEFLOW_*`` environment variables (checked)."""
        fields = {
            "heartbeat_interval": ("TUNEFLOW_HEARTBEAT_INTERVAL", float),
            "grace_period": ("TUNEFLOW_GRACE_PERIOD", float),
            "max_retry": ("TUNEFLOW_MAX_RETRY", int),
            "retry_seconds": ("TUNEFLOW_STORAGE_RETRY", float),
        }
        values: dict[str, Any] = {}
        problems = []
        for key, (env, kind) in fields.items():
            raw = os.environ.get(env)
            if raw is None:
                continue
            try:
                values[key] = kind(raw)
                if values[key] < 0 or (key != "max_retry" and values[key] == 0):
                    raise ValueError
            except ValueError:
                problems.append(f"{env}={raw!r} must be a positive {kind.__name__}")
        if problems:
            raise StorageError("; ".join(problems))
        settings = cls(**values)
        if settings.grace_period <= settings.heartbeat_interval:
            raise StorageError(
                f"TUNEFLOW_GRACE_PERIOD ({settings.grace_period:g} s) must exceed the heartbeat interval "
                f"({settings.heartbeat_interval:g} s), or live trials would be declared dead"
            )
        return settings


def storage_kind(storage: Any) -> str:
    """``"memory"``, ``"sqlite"``, ``"postgresql"``, ``"journal"``, ``"grpc"`` or ``"rdb"`` (other SQLAlchemy URLs)."""
    if isinstance(storage, BaseStorage):
        inner = adapter.unwrap_cache(storage)
        if isinstance(inner, optuna.storages.InMemoryStorage):
            return "memory"
        if isinstance(inner, optuna.storages.JournalStorage):
            return "journal"
        if type(inner).__name__ == "GrpcStorageProxy":  # optuna.storages.GrpcStorageProxy: grpcio may be absent
            return "grpc"
        url = str(getattr(inner, "url", ""))
        return storage_kind(url) if url else "rdb"
    url = DEFAULT_STORAGE if storage is None else str(storage)
    if url.lower() in _MEMORY:
        return "memory"
    match = _SCHEME.match(url)
    scheme = match.group("scheme").lower() if match else ""
    if scheme.startswith("sqlite"):
        return "sqlite"
    if scheme in _POSTGRES or scheme.startswith("postgresql+"):
        return "postgresql"
    return scheme if scheme in ("journal", "grpc") else "rdb"


def _file_of(url: str, scheme: str) -> Path:
    """The file of ``sqlite:///rel``, ``sqlite:////abs`` (and the same for ``journal:``)."""
    rest = url[len(scheme) + len("://") :]
    if not rest.startswith("/"):
        raise ValueError(f"expected three slashes: {scheme}:///relative/path or {scheme}:////absolute/path")
    return Path(rest[1:].split("?", 1)[0])


def sqlite_file(url: Any) -> Path | None:
    """The database file a ``sqlite:///`` URL names (None: in-memory SQLite, not SQLite, or malformed)."""
    if not isinstance(url, str) or storage_kind(url) != "sqlite":
        return None
    url = url.strip()
    try:
        path = _file_of(url, url.split("://", 1)[0])  # a "sqlite" kind has a scheme
    except ValueError:
        return None
    return None if str(path) in ("", ".", ":memory:") else path


def check_storage_url(storage: Any) -> list[str]:
    """Every problem with a storage URL, without opening it (empty list: looks usable)."""
    if storage is None or isinstance(storage, BaseStorage):
        return []
    if not isinstance(storage, str):
        return [f"storage: must be a URL string or an Optuna storage, but got {type(storage).__name__}."]
    url = storage.strip()
    shown = redact_url(url)
    if url.lower() in _MEMORY:
        return []
    match = _SCHEME.match(url)
    if match is None:
        return [f"storage: {shown!r} is not a URL; {_FIX}."]
    scheme = match.group("scheme").lower()
    kind = storage_kind(url)
    problems = []
    if kind in ("sqlite", "journal"):
        if scheme not in ("sqlite", "journal"):
            return [f"storage: {shown!r}: unknown SQLite driver {scheme!r}; use sqlite:///FILE.db."]
        try:
            path = _file_of(url, scheme)
        except ValueError as exc:
            return [f"storage: {shown!r}: {exc}."]
        if str(path) in ("", ".", ":memory:"):
            if kind == "journal" or str(path) != ":memory:":
                problems.append(
                    f"storage: {shown!r} names no file; e.g. {scheme}:///tuneflow.{'log' if kind == 'journal' else 'db'}."
                )
        elif not path.parent.is_dir():
            hint = ""
            if not path.is_absolute() and Path("/" + str(path)).parent.is_dir():
                hint = f" (the path is relative to the working directory; for /{path} write {scheme}:////{path})"
            problems.append(f"storage: {shown!r}: directory {str(path.parent)!r} does not exist{hint}.")
    elif kind == "grpc" and _GRPC.match(url) is None:
        problems.append(f"storage: {shown!r}: a storage server URL is grpc://HOST:PORT, e.g. grpc://10.0.0.5:13000.")
    elif kind in _CLIENTS and importlib.util.find_spec(_CLIENTS[kind][0]) is None:
        _, package, extra = _CLIENTS[kind]
        problems.append(
            f"storage: {shown!r} needs the {package} package, which is not installed; pip install 'tuneflow[{extra}]'."
        )
    elif kind == "postgresql" and scheme not in _POSTGRES:
        problems.append(f"storage: {shown!r}: driver {scheme!r} is not supported; use postgresql://.")
    elif kind == "rdb" and scheme.split("+")[0] not in ("mysql", "oracle", "mssql"):
        problems.append(f"storage: {shown!r} has an unknown scheme {scheme!r}; {_FIX}.")
    return problems


def _sqlite_engine_setup(storage: optuna.storages.RDBStorage) -> None:
    """WAL + ``BEGIN IMMEDIATE``: one writer at a time, and no read-then-write race between workers."""
    from sqlalchemy import event

    engine = storage.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    engine.dispose()  # connections made while Optuna created the tables get the settings too


def open_storage(
    storage: str | BaseStorage | None = None, settings: StorageSettings | None = None, pool_size: int = 1
) -> BaseStorage:
    """Turn a URL (or None for the default) into an Optuna storage, with heartbeat and retries set.

    Workers that start together on a new database race to create its tables: that conflict is
    retried (:func:`retry_start_race`); any other failure is a :class:`StorageError` naming the
    database's own error. ``pool_size``: PostgreSQL connections kept open (1 per worker; a
    storage server keeps one per serving thread).
    """
    if isinstance(storage, BaseStorage):
        return storage
    problems = check_storage_url(storage)
    if problems:
        raise StorageError("\n".join(problems) if len(problems) > 1 else problems[0])
    url = DEFAULT_STORAGE if storage is None else str(storage).strip()
    kind = storage_kind(url)
    if kind == "memory":
        return optuna.storages.InMemoryStorage()
    settings = settings or StorageSettings.from_env()
    if kind == "journal":
        from optuna.storages.journal import JournalFileBackend

        path = _file_of(url, "journal")
        try:
            return optuna.storages.JournalStorage(JournalFileBackend(str(path)))
        except OSError as exc:
            raise StorageError(f"storage: cannot open journal file {str(path)!r}: {exc}") from exc
    if kind == "grpc":
        return _open_grpc(url)
    engine_kwargs: dict[str, Any] = {}
    given = url  # errors show the URL as the user wrote it
    if kind == "sqlite":
        engine_kwargs["connect_args"] = {"timeout": SQLITE_TIMEOUT}
    elif kind == "postgresql":
        url = re.sub(r"^(postgresql|postgres)(\+psycopg)?://", "postgresql+psycopg://", url, flags=re.I)
        engine_kwargs["pool_pre_ping"] = True  # reconnect after a server restart
        engine_kwargs["connect_args"] = {"connect_timeout": 10}
        # Exactly `pool_size` connections per process (a worker's threads take turns: storage calls
        # are short), so a server of max_connections N takes N - 3 workers (3 slots are kept for
        # superusers); past that, `tuneflow storage-server`. Creating a new schema needs two
        # connections at once (Optuna's alembic stamp): see make() below.
        engine_kwargs["pool_size"] = pool_size
        engine_kwargs["max_overflow"] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        retry = optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=settings.max_retry)

        def make() -> optuna.storages.RDBStorage:
            if kind == "postgresql":  # the schema first, on a throw-away engine that may hold two
                schema = optuna.storages.RDBStorage(
                    url,
                    engine_kwargs={**engine_kwargs, "pool_size": 1, "max_overflow": 1},
                    skip_compatibility_check=True,
                )
                schema.engine.dispose()
            with _sqlite_open_lock(url):
                made = optuna.storages.RDBStorage(
                    url,
                    engine_kwargs=engine_kwargs,
                    heartbeat_interval=settings.heartbeat_interval,  # type: ignore[arg-type]
                    grace_period=settings.grace_period,  # type: ignore[arg-type]
                    heartbeat_stale_trial_callback=retry,
                    skip_compatibility_check=True,  # it holds two connections: checked below
                    skip_table_creation=kind == "postgresql",
                )
            current, head = made.get_current_version(), made.get_head_version()
            if current != head:
                raise StorageError(
                    f"storage: {redact_url(given)} holds Optuna schema {current}, but this Optuna expects {head}; "
                    f"run `optuna storage upgrade --storage URL` (or install the Optuna that made it)"
                )
            return made

        try:
            rdb = retry_start_race(make, settings.retry_seconds)
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(f"storage: cannot open {redact_url(given)}: {describe_error(exc)}") from exc
    if kind == "sqlite":
        _sqlite_engine_setup(rdb)
    return rdb


def _open_grpc(url: str) -> BaseStorage:
    """A client of the storage server at ``grpc://HOST:PORT``, once the server answers."""
    match = _GRPC.match(url)
    assert match is not None  # checked by check_storage_url
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        proxy = optuna.storages.GrpcStorageProxy(host=match.group("host"), port=int(match.group("port")))
    try:
        proxy.wait_server_ready(timeout=GRPC_READY_SECONDS)
    except Exception as exc:
        proxy.close()
        raise StorageError(
            f"storage: no storage server answers at {url} after {GRPC_READY_SECONDS:g} s ({describe_error(exc)}); "
            "start one with `tuneflow storage-server --storage postgresql://... --host HOST --port PORT`"
        ) from exc
    return proxy


@contextlib.contextmanager
def _sqlite_open_lock(url: str) -> Iterator[None]:
    """Workers that open one new SQLite file together take turns creating its tables.

    SQLite names a table that another process created a moment ago only by message text
    ("table ... already exists", the generic SQLITE_ERROR code), so the race is avoided instead
    of recognised: an exclusive ``flock`` on the database file itself (SQLite locks with
    ``fcntl`` byte ranges, which ``flock`` does not touch on Linux) while the schema is made.
    """
    path = sqlite_file(url)  # None: not a SQLite file
    try:
        import fcntl
    except ImportError:  # Windows: no flock; SQLite's busy timeout still applies
        path = None
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


# -- what a storage error is -----------------------------------------------------------------------

#: PostgreSQL SQLSTATEs of a start-up race: another worker created the same row, table or type a
#: moment earlier (unique_violation, duplicate_table, duplicate_object), a lock cycle between
#: two creators (deadlock_detected, serialization_failure), or every connection slot taken while
#: all workers connect (too_many_connections; a slot frees up when a worker's burst ends).
START_RACE_SQLSTATES = frozenset({"23505", "42P07", "42710", "40P01", "40001", "53300"})
#: SQLite's "busy" and "locked" result codes (another connection holds the write lock).
_SQLITE_BUSY = frozenset({5, 6})


def error_chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception it was raised from or during (``__cause__``, else ``__context__``),
    with the driver's error SQLAlchemy keeps as ``.orig``."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's error here
        if isinstance(orig, BaseException) and orig is not current.__cause__:
            chain.append(orig)
            seen.add(id(orig))
        current = current.__cause__ if current.__cause__ is not None else current.__context__
    return chain


def root_cause(exc: BaseException) -> BaseException:
    """The database's own error under Optuna's and SQLAlchemy's wrappers (``exc`` when there is none).

    Optuna turns any SQLAlchemy error in a commit into ``StorageInternalError("An exception is
    raised during the commit...")``; SQLAlchemy keeps the driver's error as ``.orig``.
    """
    from sqlalchemy.exc import DBAPIError

    chain = error_chain(exc)
    return next((link.orig for link in chain if isinstance(link, DBAPIError) and link.orig is not None), chain[-1])


def describe_error(exc: BaseException) -> str:
    """One line naming the root cause (type and first line of its message), password redacted."""
    cause = root_cause(exc)
    text = str(cause).strip().splitlines()
    kind = type(cause)
    name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}.{kind.__name__}"
    line = f"{name}: {text[0]}" if text else name
    if getattr(cause, "sqlstate", None) == "53300" or _server_full(cause):
        line += (
            " (the database server's max_connections is reached: each worker holds one connection; "
            "serve the database with `tuneflow storage-server` and give workers --storage grpc://HOST:PORT, "
            "or raise max_connections)"
        )
    return redact_url(line)


def is_storage_failure(exc: BaseException) -> bool:
    """Whether ``exc`` came from the storage layer (Optuna's wrapper, SQLAlchemy, a driver, gRPC)."""
    return any(
        isinstance(link, optuna.exceptions.StorageInternalError)
        or type(link).__module__.split(".")[0] in ("sqlalchemy", "psycopg", "sqlite3", "grpc")
        for link in error_chain(exc)
    )


def is_start_race(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps) is a conflict between processes creating the same schema,
    study or attribute at once, or a connection refused or not accepted in time while they all
    connect, worth retrying:
    recognised by type and SQLSTATE, not message text (except the refused connection, which
    libpq reports without one)."""
    from sqlalchemy.exc import IntegrityError

    return any(
        isinstance(link, IntegrityError)
        or getattr(link, "sqlstate", None) in START_RACE_SQLSTATES
        or getattr(link, "sqlite_errorcode", None) in _SQLITE_BUSY
        or _server_full(link)
        or _connect_timeout(link)
        for link in error_chain(exc)
    )


def _connect_timeout(exc: BaseException) -> bool:
    """psycopg's ``ConnectionTimeout``: the server did not accept within ``connect_timeout`` (10 s),
    as when a hundred workers connect at once to a loaded server."""
    return type(exc).__module__.split(".")[0] == "psycopg" and type(exc).__name__ == "ConnectionTimeout"


def _server_full(exc: BaseException) -> bool:
    """A connection the server refused because every slot is taken (workers connecting at once).

    libpq reports a refused connection as a bare ``OperationalError`` without the SQLSTATE
    (53300) the server sent, so here, and only here, the server's own words are the signal.
    """
    if type(exc).__module__.split(".")[0] != "psycopg" or getattr(exc, "sqlstate", None) is not None:
        return False
    return type(exc).__name__ == "OperationalError" and "too many clients" in str(exc)


#: The longest wait between two attempts when processes race to create something, and the
#: attempts made however short the time allowed (a lost race is won on the next attempt).
_START_MAX_DELAY = 4.0
_START_MIN_ATTEMPTS = 5


def retry_start_race(fn: Callable[[], T], seconds: float) -> T:
    """Call ``fn``, retrying start-up races (:func:`is_start_race`) for up to ``seconds``.

    Waits grow (0.1 s doubling, at most 4 s) with full jitter, so workers that collided once do
    not collide again in step; a worker that finds every connection slot taken waits for one to
    free up. Other errors, and the race once ``seconds`` have passed (and 5 attempts were made),
    propagate.
    """
    deadline = time.monotonic() + seconds
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as exc:
            delay = random.uniform(0.05, min(0.1 * 2**attempt, _START_MAX_DELAY))
            spent = time.monotonic() + delay > deadline and attempt + 1 >= _START_MIN_ATTEMPTS
            if not is_start_race(exc) or spent:
                raise
        # The failed attempt's half-made storage may hold an open connection in its pool (kept alive
        # by reference cycles): free it before waiting, or waiting workers fill the server's slots.
        gc.collect()
        time.sleep(delay)
        attempt += 1


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` looks like a storage outage worth retrying (lost connection, locked file)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, (sa_exc.IntegrityError, sa_exc.DataError, sa_exc.ProgrammingError)):
        return False  # the statement itself is wrong: retrying gives the same error
    transient = (optuna.exceptions.StorageInternalError, sa_exc.DBAPIError, sa_exc.PendingRollbackError)
    return isinstance(exc, (*transient, ConnectionError, TimeoutError))


def retry_storage(
    fn: Callable[[], T],
    what: str,
    seconds: float,
    log: Callable[[str], None] | None = None,
    giveup: Callable[[], bool] | None = None,
) -> T:
    """Call ``fn`` until it succeeds, retrying transient storage errors with back-off for ``seconds``.

    A trial's result is computed once and can take hours; a database restart must not throw it
    away. Non-transient errors (and the last transient one) propagate.
    """
    deadline = time.monotonic() + seconds
    delay = 0.1
    while True:
        try:
            return fn()
        except Exception as exc:
            if not is_transient(exc) or time.monotonic() + delay > deadline or (giveup is not None and giveup()):
                raise
            if log is not None:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                log(
                    f"tuneflow: storage unavailable while {what} ({redact_url(first)}); retrying for up to {seconds:g} s"
                )
                log = None  # said once
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
