"""optuna-dashboard on a tuneflow storage: live plots, trial tables and notes in a browser.

optuna-dashboard is an optional extra (``pip install 'tuneflow[dashboard]'``); it reads the same
storage the study writes, so it can run beside ``tuneflow run`` and show trials as they finish.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from optuna.storages import BaseStorage

from tuneflow.engine.storage import DEFAULT_STORAGE, open_storage, sqlite_file, storage_kind
from tuneflow.errors import StorageError, TuneflowError
from tuneflow.redact import redact_url

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "check_dashboard", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def _check(storage: Any) -> tuple[list[str], BaseStorage | None]:
    """Every reason the dashboard cannot start on ``storage``, and the storage opened to find out."""
    problems = []
    if importlib.util.find_spec("optuna_dashboard") is None:
        problems.append(
            "optuna-dashboard is not installed; pip install 'tuneflow[dashboard]' (or pip install optuna-dashboard)."
        )
    url = DEFAULT_STORAGE if storage is None else storage
    kind = storage_kind(url)
    if kind == "memory":
        problems.append(
            "storage: an in-memory study lives only inside the process that ran it; "
            "give the sqlite:// or postgresql:// URL the study was run with."
        )
    elif kind == "sqlite" and isinstance(url, str):
        path = sqlite_file(url)
        if path is not None and not path.is_file():
            hint = "run `tuneflow run RECIPE` here first, or " if storage is None else ""
            problems.append(
                f"storage: {redact_url(url)} has no database file at {str(path)!r}; {hint}"
                "give --storage the URL the study was run with."
            )
    if problems or kind == "memory":
        return problems, None
    import optuna

    try:
        backend = open_storage(url)
    except StorageError as exc:  # its message names the (masked) URL and the cause
        return [str(exc)], None
    try:
        names = optuna.study.get_all_study_names(backend)
    except Exception as exc:  # an unreachable or malformed storage says so itself
        problems.append(f"storage: cannot read {redact_url(str(url))}: {type(exc).__name__}: {exc}")
    else:
        if not names:
            problems.append(f"storage: {redact_url(str(url))} holds no studies; run `tuneflow run RECIPE` first.")
    return problems, backend


def _release(backend: BaseStorage | None, given: Any) -> None:
    """Close the connections of a storage opened here (not one the caller passed in)."""
    engine = getattr(backend, "engine", None)
    if backend is not given and engine is not None:
        engine.dispose()


def check_dashboard(storage: Any = None) -> list[str]:
    """Every reason the dashboard cannot start on ``storage`` (empty list: it can)."""
    problems, backend = _check(storage)
    _release(backend, storage)
    return problems


def serve(
    storage: Any = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve optuna-dashboard for ``storage`` at http://host:port/ until interrupted (blocks).

    ``storage`` is a URL (default ``sqlite:///tuneflow.db``) or an Optuna storage. Listening on
    ``127.0.0.1`` keeps it to this machine; give ``host="0.0.0.0"`` to share it on a network.
    Every reason it cannot start is raised at once, before it listens; ``announce`` is then
    called with the line saying where it listens (the CLI prints it).
    """
    problems, backend = _check(storage)
    try:
        if problems or backend is None:
            listed = problems[0] if len(problems) == 1 else "\n" + "\n".join(f"  - {p}" for p in problems)
            raise TuneflowError(f"cannot start the dashboard: {listed}")
        from optuna_dashboard import run_server

        if announce is not None:
            where = (
                storage if isinstance(storage, str) else DEFAULT_STORAGE if storage is None else type(storage).__name__
            )
            announce(f"optuna-dashboard for {redact_url(where)} at http://{host}:{port}/")
        try:
            run_server(backend, host=host, port=port)
        except OSError as exc:
            raise TuneflowError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another port with --port"
            ) from exc
    finally:
        _release(backend, storage)
