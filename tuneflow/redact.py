"""Secrets never reach an output: secret-named keys, storage passwords and token-like strings are
replaced by ``***``.

One rule for every output, so each shows a secret the same way: W&B runs (a storage URL put in W&B
config lands in plain text in ``debug.log`` and the ``.wandb`` file), the terminal summary,
``tuneflow best``, the HTML report, the dashboard, tuneflow's log lines and the failure reasons
stored in a study. A key names a secret when one of its words does (``api_key``, ``db_password``,
``authToken``, ``client_secret``); a text is scrubbed of URL passwords, token-like words and the
values of a config's secret-named keys (:meth:`Redactor.including`). Charts get a study without
the secrets (:func:`chart_study`). A leaf: every layer uses it.
"""

from __future__ import annotations

import copy
import functools
import re
import warnings
from collections.abc import Mapping
from typing import Any

import optuna
from optuna.storages import BaseStorage

from tuneflow.engine import optuna_adapter as adapter

__all__ = ["REDACTED", "Redactor", "chart_study", "redact_url", "storage_secrets"]

_SECRET_WORDS = {"password", "passwd", "pwd", "secret", "token", "apikey", "credential", "credentials", "auth"}
_SECRET_WORDS |= {"authorization", "bearer", "dsn"}
_TOKEN_LIKE = re.compile(
    r"\b(?:sk|pk|rk|ghp|gho|ghs|hf|xox[abp]|glpat|wandb_v1)[-_][A-Za-z0-9_\-]{12,}\b|\b[0-9a-f]{40}\b"
)
REDACTED = "***"
_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@\s]*)(?P<tail>@)")
#: The shortest text ``_TOKEN_LIKE`` can match (a two-letter prefix, a separator, 12 characters).
_SHORTEST_TOKEN = 15
#: Types passed through as they are (no key or text to check): the bulk of ``trial.log`` rows.
_PLAIN_TYPES = frozenset((int, float, bool, type(None)))


def redact_url(url: Any) -> str:
    """``url`` with any password replaced by ``***`` (safe to print, log or send to W&B)."""
    return _PASSWORD.sub(r"\g<head>***\g<tail>", str(url))


def _is_plain_or_empty(value: Any) -> bool:
    """None and booleans: kept even under a secret-looking key (``use_auth: true`` reveals nothing)."""
    return value is None or value is True or value is False


@functools.lru_cache(maxsize=4096)
def _is_secret_key(key: str) -> bool:
    """Whether a key's words name a secret (cached: ``trial.log`` rows repeat their keys, and the
    check costs ~6 us a key, most of a row's redaction before it was cached)."""
    words = re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(key)).lower())
    joined = "".join(words)
    if any(w in _SECRET_WORDS for w in words):
        return True
    return "apikey" in joined or "accesskey" in joined or "privatekey" in joined or joined.endswith("secret")


class Redactor:
    """Removes secrets from what goes to W&B: secret-named keys, URL passwords, known secrets."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        # Longest first: a secret that contains another is replaced whole.
        self.secrets = tuple(sorted((s for s in secrets if s and len(s) >= 4), key=len, reverse=True))

    def text(self, value: str) -> str:
        """``value`` with URL passwords, known secrets and token-like words replaced by ``***``."""
        out = str(value)
        if "@" in out:  # a URL's password stands before its "@"
            out = redact_url(out)
        for secret in self.secrets:
            if secret in out:
                out = out.replace(secret, REDACTED)
        return _TOKEN_LIKE.sub(REDACTED, out) if len(out) >= _SHORTEST_TOKEN else out

    def value(self, value: Any, key: str | None = None) -> Any:
        """``value`` with secrets replaced by ``***`` (mappings and lists walked).

        On the loop for every ``trial.log`` row: exact types are tested before the ABCs (an
        ``isinstance`` against ``Mapping`` costs more than the rest of a number's check).
        """
        if key is not None and not _is_plain_or_empty(value) and _is_secret_key(key):
            return REDACTED
        kind = type(value)
        if kind in _PLAIN_TYPES:
            return value
        if kind is str:
            return self.text(value)
        if kind is dict or isinstance(value, Mapping):
            out = {}
            for k, v in value.items():
                name = k if type(k) is str else str(k)
                if type(v) in _PLAIN_TYPES and (_is_plain_or_empty(v) or not _is_secret_key(name)):
                    out[k] = v  # a row's number under a harmless key: no call per key
                else:
                    out[k] = self.value(v, name)
            return out
        if kind is list or kind is tuple or isinstance(value, (list, tuple)):
            return [self.value(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def including(self, config: Mapping[str, Any]) -> Redactor:
        """This redactor also knowing the values of ``config``'s secret-named keys, so that they are
        scrubbed from texts too: a failure message or a logged string that quotes ``api_key``."""
        found = list(self.secrets)
        _secret_values(config, found)
        return self if len(found) == len(self.secrets) else Redactor(tuple(dict.fromkeys(found)))

    @staticmethod
    def is_secret_key(key: str) -> bool:
        """Whether a W&B-style dotted key's last part names a secret (``db.password``)."""
        return _is_secret_key(key.rsplit(".", 1)[-1])


def _secret_values(value: Any, found: list[str], secret: bool = False) -> None:
    """Collect into ``found`` the texts (and numbers, as text) held under secret-named keys."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            _secret_values(v, found, secret or _is_secret_key(str(k)))
    elif isinstance(value, (list, tuple)):
        for v in value:
            _secret_values(v, found, secret)
    elif secret and value is not None and not isinstance(value, bool):
        found.append(str(value))


def storage_secrets(study: optuna.Study | BaseStorage) -> tuple[str, ...]:
    """The storage URL's password (of a study's storage, or of a storage), to scrub it wherever it might be echoed."""
    storage = adapter.storage_of(study) if isinstance(study, optuna.Study) else study
    engine = getattr(adapter.unwrap_cache(storage), "engine", None)
    password = getattr(getattr(engine, "url", None), "password", None)
    return (str(password),) if password else ()


def chart_study(study: optuna.Study, redactor: Redactor) -> optuna.Study:
    """The study Optuna's charts are drawn from: ``study`` itself, or, when a trial has a
    secret-named parameter or a user attribute holding a secret (the config a define-by-run trial
    stores), an in-memory copy without them.

    Optuna's Pareto-front hover text shows every parameter and user attribute, and its parallel
    coordinate, slice and contour plots show every parameter's values, so a chart drawn from the
    study itself would show a searched ``api_token``. Used by the HTML report and the W&B summary run.
    """
    trials = study.get_trials(deepcopy=False)
    shown = []
    for t in trials:
        params = {k: v for k, v in t.params.items() if not redactor.is_secret_key(k)}
        attrs = redactor.including(t.user_attrs).value(t.user_attrs)
        if len(params) == len(t.params) and attrs == t.user_attrs:
            shown.append(t)
            continue
        safe = copy.copy(t)  # the copy's study gives it its own trial id
        safe.params, safe.user_attrs, safe.system_attrs = params, attrs, {}
        safe.distributions = {k: t.distributions[k] for k in params}
        shown.append(safe)
    if all(a is b for a, b in zip(shown, trials)):
        return study
    clone = optuna.create_study(directions=study.directions, study_name=study.study_name)
    for key, value in study.user_attrs.items():  # tuneflow's metadata: metric names, whether ranked
        clone.set_user_attr(key, value)
    if study.metric_names:  # a plain Optuna study's names for the axes
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            clone.set_metric_names(study.metric_names)
    clone.add_trials(shown)
    return clone
