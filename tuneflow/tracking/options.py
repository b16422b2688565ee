"""Options of the W&B side (``tune(..., wandb=...)``) and which W&B mode a study runs in."""

from __future__ import annotations

import dataclasses
import netrc
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tuneflow.errors import RecipeError, TuneflowError
from tuneflow.values import is_number

__all__ = ["MODES", "WandbOptions", "has_credentials", "resolve_mode"]

MODES = ("online", "offline", "disabled")


@dataclass(frozen=True)
class WandbOptions:
    """Options of the W&B bridge: ``tune(..., wandb=WandbOptions(...))`` or the same as a dict.

    Args:
        project: The W&B project of the runs; ``None``: the recipe's ``project``, else
            ``WANDB_PROJECT``, else ``tuneflow``.
        entity: The W&B entity (user or team); ``None``: the recipe's, else ``WANDB_ENTITY``, else
            W&B's default.
        mode: ``online``, ``offline`` or ``disabled``; ``None``: ``WANDB_MODE``, else ``online``
            with W&B credentials configured, else ``offline``.
        dir: Where the runs' ``wandb/`` folder goes; ``None``: W&B's default (``WANDB_DIR``, else
            the working directory).
        tags: Extra tags for every run (each run is also tagged with the study, method and state).
        group: A W&B group for the runs; ``None``: ungrouped, as W&B's importance panel wants.
        init_timeout: Seconds one ``wandb.init`` may wait for the server (once per study: after a
            failure the study goes on offline).
        finish_timeout: Seconds ``tune`` waits at the end for queued runs to be written.
        summary_run: Write one summary run at the end (best config and value, a table of trials).
        plots: Put Optuna's charts in the summary run.
        sweep_id: Join this existing W&B sweep (``"none"``: plain runs); ``None``: ``WANDB_SWEEP_ID``
            when set, else, online, the study's own sweep (created once per study; ``tracking/sweep.py``).
    """

    project: str | None = None
    entity: str | None = None
    mode: str | None = None
    dir: str | None = None
    tags: tuple[str, ...] = ()
    group: str | None = None
    init_timeout: float = 30.0
    finish_timeout: float = 300.0
    summary_run: bool = True
    plots: bool = True
    sweep_id: str | None = None

    @classmethod
    def parse(cls, value: Any) -> WandbOptions | None:
        """``tune``'s ``wandb=`` argument as options.

        Args:
            value: ``False`` (W&B off), ``None`` or ``True`` (defaults), a `WandbOptions`, or a
                mapping of its fields.

        Returns:
            The options, or ``None`` when W&B is off.

        Raises:
            TuneflowError: ``value`` is none of the above.
            RecipeError: The mapping has unknown keys or invalid values; every problem is listed.
        """
        if value is False:
            return None
        if value is None or value is True:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise TuneflowError(
                f"wandb: must be False, None, a dict or tuneflow.tracking.WandbOptions, but got {type(value).__name__}"
            )
        known = {f.name for f in dataclasses.fields(cls)}
        problems = [
            f"wandb.{key}: unknown option; known options are {', '.join(sorted(known))}."
            for key in sorted(set(value) - known, key=str)
        ]
        mode = value.get("mode")
        if mode is not None and mode not in MODES:
            problems.append(f"wandb.mode: {mode!r} is not one of {', '.join(MODES)}.")
        for key in ("init_timeout", "finish_timeout"):
            t = value.get(key)
            if t is not None and not (is_number(t) and t > 0):
                problems.append(f"wandb.{key}: must be a number of seconds > 0, but got {t!r}.")
        for key in ("project", "entity", "dir", "group", "sweep_id"):
            text = value.get(key)
            if text is not None and not isinstance(text, (str, os.PathLike) if key == "dir" else str):
                problems.append(f"wandb.{key}: must be text, but got {text!r}; quote it.")
        for key in ("summary_run", "plots"):
            flag = value.get(key)
            if key in value and not isinstance(flag, bool):
                problems.append(f"wandb.{key}: must be true or false, but got {flag!r}.")
        tags = value.get("tags")
        texts = isinstance(tags, (list, tuple)) and all(isinstance(t, str) for t in tags)
        if tags is not None and not isinstance(tags, str) and not texts:
            problems.append(f"wandb.tags: must be a text or a list of texts, but got {tags!r}.")
        if problems:
            raise RecipeError("wandb options", problems)
        fields = {k: v for k, v in value.items() if k in known}
        if "tags" in fields:  # ``tags`` is that value, checked above
            fields["tags"] = (tags,) if isinstance(tags, str) else tuple(tags or ())
        return cls(**fields)


def _wandb_settings() -> Any:
    """wandb's public settings as ``wandb.init`` reads them from the environment (no network).

    Raises:
        TuneflowError: A ``WANDB_*`` variable holds a value wandb refuses (``wandb.init`` would too).
    """
    import wandb

    settings = wandb.Settings()
    try:
        settings.update_from_env_vars(dict(os.environ))
    except (ValueError, wandb.errors.Error) as exc:  # pydantic's ValidationError names the setting and value
        raise TuneflowError(f"W&B settings from the environment: {exc}") from None
    return settings


def has_credentials() -> bool:
    """Whether W&B credentials are configured; no key is read out and nothing is sent.

    Counted as wandb counts them: ``WANDB_API_KEY``, ``WANDB_IDENTITY_TOKEN_FILE``, or a netrc entry
    (``NETRC``, else ``~/.netrc``) for the W&B host (wandb's ``base_url`` setting)
    or for W&B's cloud host ``api.wandb.ai``. wandb 0.31 has no public check that sends nothing
    (``wandb.login(verify=False)`` and ``wandb.Api()`` reach the server), so the netrc is read here.
    """
    settings = _wandb_settings()
    if settings.api_key or settings.identity_token_file:
        return True
    try:
        entries = netrc.netrc(os.environ.get("NETRC") or None).hosts
    except (OSError, netrc.NetrcParseError):
        return False
    host = urlsplit(settings.base_url).netloc
    return any(entries.get(name, (None, None, None))[2] for name in (host, "api.wandb.ai"))


def resolve_mode(options: WandbOptions) -> tuple[str, str]:
    """The W&B mode and why: the option, then ``WANDB_MODE``, then online only with credentials."""
    if options.mode:
        return options.mode, "wandb mode option"
    if os.environ.get("WANDB_MODE"):  # read through wandb's settings, which know its old spellings
        mode = str(_wandb_settings().mode)
        return {"dryrun": "offline", "run": "online", "shared": "online"}.get(mode, mode), "WANDB_MODE"
    if has_credentials():
        return "online", "W&B credentials found"
    return "offline", "no W&B credentials configured"
