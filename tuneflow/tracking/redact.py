"""Secrets never reach W&B: secret-named config keys, storage passwords and token-like strings
are replaced by ``***`` before anything is logged (a storage URL put in W&B config lands in plain
text in ``debug.log`` and the ``.wandb`` file)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import optuna

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.storage import redact_url

__all__ = ["REDACTED", "Redactor", "storage_secrets"]

_SECRET_WORDS = {
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
    "auth",
    "authorization",
    "bearer",
    "dsn",
}
_TOKEN_LIKE = re.compile(
    r"\b(?:sk|pk|rk|ghp|gho|ghs|hf|xox[abp]|glpat|wandb_v1)[-_][A-Za-z0-9_\-]{12,}\b|\b[0-9a-f]{40}\b"
)
REDACTED = "***"


def _is_secret_key(key: str) -> bool:
    words = re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(key)).lower())
    joined = "".join(words)
    if any(w in _SECRET_WORDS for w in words):
        return True
    return "apikey" in joined or "accesskey" in joined or "privatekey" in joined or joined.endswith("secret")


class Redactor:
    """Removes secrets from what goes to W&B: secret-named keys, URL passwords, known secrets."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        self.secrets = tuple(s for s in secrets if s and len(s) >= 4)

    def text(self, value: str) -> str:
        out = redact_url(value)
        for secret in self.secrets:
            out = out.replace(secret, REDACTED)
        return _TOKEN_LIKE.sub(REDACTED, out)

    def value(self, value: Any, key: str | None = None) -> Any:
        """``value`` with secrets replaced by ``***`` (mappings and lists walked)."""
        if key is not None and _is_secret_key(key) and value is not None and not isinstance(value, bool):
            return REDACTED
        if isinstance(value, Mapping):
            return {k: self.value(v, str(k)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.value(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    @staticmethod
    def is_secret_key(key: str) -> bool:
        return _is_secret_key(key.rsplit(".", 1)[-1])


def storage_secrets(study: optuna.Study) -> tuple[str, ...]:
    """The storage URL's password, to scrub it wherever it might be echoed."""
    engine = getattr(adapter.unwrap_cache(adapter.storage_of(study)), "engine", None)
    password = getattr(getattr(engine, "url", None), "password", None)
    return (str(password),) if password else ()
