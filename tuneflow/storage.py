"""Storage URLs -> Optuna storages, with the defaults a newcomer gets.

``None`` means ``sqlite:///tuneflow.db`` in the working directory; ``"memory"`` an in-memory
study; anything else an Optuna storage URL. Passwords in URLs never leave this module in
plain text: use :func:`redact_url` before printing or logging a URL.
"""

from __future__ import annotations

import re
from typing import Any

import optuna
from optuna.storages import BaseStorage

from tuneflow.errors import StorageError

__all__ = ["DEFAULT_STORAGE", "open_storage", "redact_url"]

DEFAULT_STORAGE = "sqlite:///tuneflow.db"
_MEMORY = {"memory", ":memory:", "inmemory"}
#: Seconds SQLite waits on a lock before "database is locked" (several workers on one file).
SQLITE_TIMEOUT = 60.0
_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@\s]*)(?P<tail>@)")


def redact_url(url: Any) -> str:
    """``url`` with any password replaced by ``***`` (safe to print, log or send to W&B)."""
    return _PASSWORD.sub(r"\g<head>***\g<tail>", str(url))


def open_storage(storage: str | BaseStorage | None = None) -> BaseStorage:
    """Turn a URL (or None for the default) into an Optuna storage."""
    if isinstance(storage, BaseStorage):
        return storage
    url = DEFAULT_STORAGE if storage is None else str(storage)
    if url.lower() in _MEMORY:
        return optuna.storages.InMemoryStorage()
    engine_kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        engine_kwargs["connect_args"] = {"timeout": SQLITE_TIMEOUT}
    try:
        return optuna.storages.RDBStorage(url, engine_kwargs=engine_kwargs)
    except Exception as exc:  # SQLAlchemy raises many types; the message is what matters
        raise StorageError(f"cannot open storage {redact_url(url)}: {exc}") from exc
