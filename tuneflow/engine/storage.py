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
  no database server; the path follows the SQLite slash convention).

RDB storages get Optuna's heartbeat: a worker killed mid-trial leaves a trial whose heartbeat
stops; after ``grace_period`` any live worker marks it FAIL and queues it again with the same
parameters (at most ``max_retry`` times). Journal files have no native heartbeat; tuneflow's
:mod:`tuneflow.engine.liveness` keeps an equivalent one in trial system attributes.

Passwords in URLs never leave this module in plain text: use :func:`tuneflow.redact.redact_url`
before printing or logging a URL.
"""

from __future__ import annotations

import os
import random
import re
import time
import warnings
from collections.abc import Callable
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
    "is_transient",
    "open_storage",
    "retry_storage",
    "storage_kind",
]

DEFAULT_STORAGE = "sqlite:///tuneflow.db"
_MEMORY = {"memory", ":memory:", "inmemory"}
#: Seconds SQLite waits on a lock before "database is locked" (several workers on one file).
SQLITE_TIMEOUT = 60.0
_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://")
_POSTGRES = {"postgresql", "postgres", "postgresql+psycopg"}
_FIX = "use sqlite:///FILE.db, postgresql://USER:PASSWORD@HOST:PORT/DB, journal:///FILE.log or 'memory'"
T = TypeVar("T")
_OPEN_ATTEMPTS = 5


@dataclass(frozen=True)
class StorageSettings:
    """Liveness and retry settings; environment variables override the defaults.

    ``heartbeat_interval`` (``TUNEFLOW_HEARTBEAT_INTERVAL``): seconds between a running trial's
    heartbeats. ``grace_period`` (``TUNEFLOW_GRACE_PERIOD``): seconds without a heartbeat after
    which a trial counts as dead (keep it above the longest database outage you expect).
    ``max_retry`` (``TUNEFLOW_MAX_RETRY``): times a dead trial is queued again.
    ``retry_seconds`` (``TUNEFLOW_STORAGE_RETRY``): how long a storage write (the trial's result)
    is retried with back-off while the database is unreachable.
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
    """``"memory"``, ``"sqlite"``, ``"postgresql"``, ``"journal"`` or ``"rdb"`` (other SQLAlchemy URLs)."""
    if isinstance(storage, BaseStorage):
        inner = adapter.unwrap_cache(storage)
        if isinstance(inner, optuna.storages.InMemoryStorage):
            return "memory"
        if isinstance(inner, optuna.storages.JournalStorage):
            return "journal"
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
    if scheme == "journal":
        return "journal"
    return "rdb"


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
    match = _SCHEME.match(url.strip())
    try:
        path = _file_of(url.strip(), match.group("scheme")) if match else None
    except ValueError:
        return None
    return None if path is None or str(path) in ("", ".", ":memory:") else path


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
    elif kind == "postgresql":
        import importlib.util

        if importlib.util.find_spec("psycopg") is None:
            problems.append(
                f"storage: {shown!r} needs the psycopg package, which is not installed; "
                "pip install 'tuneflow[postgres]'."
            )
        elif scheme not in _POSTGRES:
            problems.append(f"storage: {shown!r}: driver {scheme!r} is not supported; use postgresql://.")
    elif scheme.split("+")[0] not in ("mysql", "oracle", "mssql"):
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


def open_storage(storage: str | BaseStorage | None = None, settings: StorageSettings | None = None) -> BaseStorage:
    """Turn a URL (or None for the default) into an Optuna storage, with heartbeat and retries set."""
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
    engine_kwargs: dict[str, Any] = {}
    given = url  # errors show the URL as the user wrote it
    if kind == "sqlite":
        engine_kwargs["connect_args"] = {"timeout": SQLITE_TIMEOUT}
    elif kind == "postgresql":
        url = re.sub(r"^(postgresql|postgres)(\+psycopg)?://", "postgresql+psycopg://", url, flags=re.I)
        engine_kwargs["pool_pre_ping"] = True  # reconnect after a server restart
        engine_kwargs["connect_args"] = {"connect_timeout": 10}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        retry = optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=settings.max_retry)
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                rdb = optuna.storages.RDBStorage(
                    url,
                    engine_kwargs=engine_kwargs,
                    heartbeat_interval=settings.heartbeat_interval,  # type: ignore[arg-type]
                    grace_period=settings.grace_period,  # type: ignore[arg-type]
                    heartbeat_stale_trial_callback=retry,
                )
                break
            except Exception as exc:  # SQLAlchemy raises many types; the message is what matters
                # Workers that start together on a new database race to create its tables:
                # the losers see a unique-constraint error once and succeed on the next try.
                from sqlalchemy.exc import DBAPIError, IntegrityError

                racing = isinstance(exc, IntegrityError) or (
                    isinstance(exc, DBAPIError) and ("already exists" in str(exc) or "locked" in str(exc))
                )
                if racing and attempt + 1 < _OPEN_ATTEMPTS:
                    time.sleep(0.2 + random.random())
                    continue
                reason = redact_url(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
                raise StorageError(f"storage: cannot open {redact_url(given)}: {reason}") from exc
    if kind == "sqlite":
        _sqlite_engine_setup(rdb)
    return rdb


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` looks like a storage outage worth retrying (lost connection, locked file)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, optuna.exceptions.StorageInternalError):
        return True
    if isinstance(exc, (sa_exc.IntegrityError, sa_exc.DataError, sa_exc.ProgrammingError)):
        return False
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DBAPIError)):
        return True
    if isinstance(exc, sa_exc.PendingRollbackError):
        return True
    return isinstance(exc, (ConnectionError, TimeoutError))


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
    warned = False
    while True:
        try:
            return fn()
        except Exception as exc:
            if not is_transient(exc) or time.monotonic() + delay > deadline or (giveup is not None and giveup()):
                raise
            if not warned and log is not None:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                log(
                    f"tuneflow: storage unavailable while {what} ({redact_url(first)}); retrying for up to {seconds:g} s"
                )
                warned = True
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
