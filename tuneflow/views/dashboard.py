"""optuna-dashboard on a tuneflow storage: live plots, trial tables and notes in a browser.

optuna-dashboard is an optional extra (``pip install 'tuneflow[dashboard]'``); it reads the same
storage the study writes, so it can run beside ``tuneflow run`` and show trials as they finish.
It reads it through :class:`RedactedStorage`, so the attributes it shows (the recipe's parameters
block, configs, failure reasons) hold secrets as ``***``, as the W&B runs do.
"""

from __future__ import annotations

import copy
import importlib.util
from collections.abc import Callable, Container
from typing import Any

from optuna.storages import BaseStorage
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine.storage import DEFAULT_STORAGE, open_storage, sqlite_file, storage_kind
from tuneflow.errors import StorageError, TuneflowError
from tuneflow.keys import STUDY_ATTR
from tuneflow.redact import Redactor, redact_url, storage_secrets

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "RedactedStorage", "serve"]

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
    except Exception as exc:  # broad: each storage's driver (SQLAlchemy, gRPC, journal) has its own errors
        problems.append(f"storage: cannot read {redact_url(str(url))}: {type(exc).__name__}: {exc}")
    else:
        if not names:
            problems.append(f"storage: {redact_url(str(url))} holds no studies; run `tuneflow run RECIPE` first.")
    return problems, backend


def _forward(name: str) -> Callable[..., Any]:
    """A method that calls the wrapped storage's ``name`` as it is."""

    def method(self: RedactedStorage, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.inner, name)(*args, **kwargs)

    method.__name__ = name
    return method


class RedactedStorage(BaseStorage):
    """A storage read as every tuneflow view shows it: user attributes of studies and trials with
    secret-named values and quoted secrets (the storage password, the secret values of the recipe's
    parameters and of the trial's config) as ``***``. Everything else, writes included (notes, a
    human's answer in the dashboard), goes to the wrapped storage unchanged.

    Parameters are passed as stored: a searched parameter's value must stay in its distribution.
    """

    def __init__(self, inner: BaseStorage) -> None:
        self.inner = inner
        self._redactor = Redactor(storage_secrets(inner))

    def _of_study(self, user_attrs: dict[str, Any]) -> Redactor:
        return self._redactor.including(user_attrs.get(STUDY_ATTR, {}).get("parameters") or {})

    def get_study_user_attrs(self, study_id: int) -> dict[str, Any]:
        attrs = self.inner.get_study_user_attrs(study_id)
        return dict(self._of_study(attrs).value(attrs))

    def get_all_studies(self) -> list[Any]:
        studies = [copy.copy(s) for s in self.inner.get_all_studies()]
        for s in studies:
            s.user_attrs = self._of_study(s.user_attrs).value(s.user_attrs)
        return studies

    @staticmethod
    def _shown(redactor: Redactor, trial: FrozenTrial) -> FrozenTrial:
        shown = copy.copy(trial)
        shown.user_attrs = redactor.including(trial.user_attrs).value(trial.user_attrs)
        return shown

    def get_trial(self, trial_id: int) -> FrozenTrial:
        # A trial does not name its study here: the secrets of every study's parameters are scrubbed.
        params = [s.user_attrs.get(STUDY_ATTR, {}).get("parameters") or {} for s in self.inner.get_all_studies()]
        return self._shown(self._redactor.including({"studies": params}), self.inner.get_trial(trial_id))

    def get_all_trials(
        self, study_id: int, deepcopy: bool = True, states: Container[TrialState] | None = None
    ) -> list[FrozenTrial]:
        redactor = self._of_study(self.inner.get_study_user_attrs(study_id))
        return [self._shown(redactor, t) for t in self.inner.get_all_trials(study_id, deepcopy=deepcopy, states=states)]

    # Everything else as the wrapped storage does it.
    create_new_study = _forward("create_new_study")
    create_new_trial = _forward("create_new_trial")
    delete_study = _forward("delete_study")
    get_study_directions = _forward("get_study_directions")
    get_study_id_from_name = _forward("get_study_id_from_name")
    get_study_name_from_id = _forward("get_study_name_from_id")
    get_study_system_attrs = _forward("get_study_system_attrs")
    get_trial_id_from_study_id_trial_number = _forward("get_trial_id_from_study_id_trial_number")
    remove_session = _forward("remove_session")
    set_study_system_attr = _forward("set_study_system_attr")
    set_study_user_attr = _forward("set_study_user_attr")
    set_trial_intermediate_value = _forward("set_trial_intermediate_value")
    set_trial_param = _forward("set_trial_param")
    set_trial_state_values = _forward("set_trial_state_values")
    set_trial_system_attr = _forward("set_trial_system_attr")
    set_trial_user_attr = _forward("set_trial_user_attr")


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
            run_server(RedactedStorage(backend), host=host, port=port)
        except OSError as exc:
            raise TuneflowError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another port with --port"
            ) from exc
    finally:  # close the connections of a storage opened here (not one the caller passed in)
        engine = getattr(backend, "engine", None)
        if backend is not storage and engine is not None:
            engine.dispose()
