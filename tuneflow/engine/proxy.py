"""``tuneflow storage-server``: Optuna's gRPC storage proxy in front of one database.

Every ``tuneflow worker`` on PostgreSQL keeps one database connection, so a server with
``max_connections`` 100 takes about 97 workers. Past that, one storage server holds a fixed pool
of connections (one per serving thread) and any number of workers talk to it with
``--storage grpc://HOST:PORT`` (``optuna.storages.GrpcStorageProxy``).

What tuneflow needs and the proxy's API does not offer, and how it is covered:

- study attributes that workers starting together must agree on (the uid, the W&B sweep): a
  client's compare-and-set (:func:`tuneflow.engine.study.compare_and_set_user_attr`) is applied
  here in one database transaction, as direct RDB clients apply it;
- counting a study's trials (``run_cap``, a bar): a client's ``get_study_system_attrs(-study_id)`` is answered
  with the counts, two queries here (:func:`tuneflow.engine.counts.served_counts`), where Optuna's
  client would filter every trial it holds;
- heartbeats: the proxy has no ``record_heartbeat``; workers beat in a trial system attribute
  (wall clock, as on journal files) and reap through the proxy; failing a trial is exclusive,
  as the database row lock stays on the server's side;
- a new worker's first request (every trial of the study): the server reads the study from the
  database once and keeps its finished trials (they never change), so workers that join later,
  or all at once, are sent them without reading the study again (10^5 trials: ~24 s of the
  server's CPU per read; ~35 MB held);
- grid claims by index need one database transaction the proxy cannot express: a grid study
  through a storage server is refused at start (``tuneflow.engine.study``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from optuna.storages import BaseStorage

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.counts import served_counts
from tuneflow.engine.storage import open_storage, redact_url, storage_kind
from tuneflow.errors import StorageError
from tuneflow.keys import CAS_REQUEST

__all__ = ["SERVER_THREADS", "serve"]

#: Threads serving requests, and so the database connections the server keeps open.
SERVER_THREADS = 16


class _Served:
    """The served storage, applying a client's compare-and-set of a study user attribute (a value
    ``{CAS_REQUEST: [expected, new]}``, see :func:`tuneflow.engine.study.compare_and_set_user_attr`)
    in one transaction on the database, and answering a count request (a negative study id, see
    :func:`tuneflow.engine.counts.trial_counts`); every other call passes through."""

    def __init__(self, storage: BaseStorage) -> None:
        self.storage = storage

    def __getattr__(self, name: str) -> Any:
        return getattr(self.storage, name)

    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        if isinstance(value, dict) and set(value) == {CAS_REQUEST}:
            expected, new = value[CAS_REQUEST]
            adapter.rdb_compare_and_set_user_attr(self.storage, study_id, key, expected, new)
        else:
            self.storage.set_study_user_attr(study_id, key, value)

    def get_study_system_attrs(self, study_id: int) -> dict[str, Any]:
        if study_id < 0:
            return served_counts(self.storage, -study_id)
        return self.storage.get_study_system_attrs(study_id)


def serve(
    url: str, host: str, port: int, threads: int = SERVER_THREADS, announce: Callable[[str], None] = print
) -> None:
    """Serve ``url`` on ``host:port`` until interrupted (Ctrl-C or SIGTERM stop it).

    The database is opened with a connection per serving thread, with compare-and-set and count
    requests applied (:class:`_Served`). No Optuna cache around it: the server itself holds each
    study's finished trials, ready to send, and asks the database only for what may have changed
    (:func:`tuneflow.engine.optuna_adapter.grpc_proxy_server`).
    """
    kind = storage_kind(url)
    if kind not in ("postgresql", "sqlite", "rdb"):
        raise StorageError(
            f"--storage: a storage server serves a database (postgresql://... or sqlite:///...), "
            f"but got {redact_url(url)!r} ({kind}); Optuna's gRPC proxy does not serve journal files"
        )
    storage = cast(BaseStorage, _Served(open_storage(url, pool_size=threads)))
    try:
        import grpc  # noqa: F401
    except ImportError as exc:  # pragma: no cover - checked by check_storage_url's callers too
        raise StorageError("tuneflow storage-server needs grpcio; pip install 'tuneflow[grpc]'") from exc
    try:
        server = adapter.grpc_proxy_server(storage, host, port, threads)
    except RuntimeError as exc:  # grpc cannot bind the port
        raise StorageError(f"--port: cannot listen on {host}:{port}: {exc}") from exc
    server.start()
    announce(
        f"tuneflow: serving {redact_url(url)} at grpc://{host}:{port} with {threads} database connections; "
        f"start workers with --storage grpc://{host}:{port}"
    )
    try:
        server.wait_for_termination()
    finally:
        server.stop(grace=2)
