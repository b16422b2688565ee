"""The bridge between trials and W&B: every trial one W&B run, shaped like a W&B Sweep run.

A tracker is told when a trial starts, when it logs something, when it has been told to
Optuna, and when the study ends. :class:`NullTracker` does nothing and costs nothing;
:class:`WandbTracker` turns each finished trial into a :class:`~tuneflow.wandb_bridge.RunSpec`:

- ``config``: exactly the trial's nested config (the keys a sweep run's ``wandb.config`` has),
  with secret-looking values redacted;
- ``summary``: every number train returned, the objective under its recipe name, and
  ``tuneflow/*`` keys: state (complete / pruned / fail), fail_reason, trial number, duration,
  study, method, seed, and which value W&B compares (``tuneflow/compared = "final"``: the
  value train returned, also in ``summary[metric]``; ``tuneflow/history_best`` holds the best
  reported value, what W&B's ``bayes`` would score);
- ``history``: each ``trial.report(value, step)`` as the metric at that step, merged with
  ``trial.log`` rows at the same step, in step order (no out-of-order step is dropped);
- tags: study name, method, state (no ``group`` unless asked: W&B's parameter-importance panel
  wants ungrouped runs); the Optuna trial gets ``wandb_run_id``/``wandb_run_path`` user attrs.

The run id is derived from the study (name + storage) and the trial number, so a trial's run
is written once: re-logging finds the offline run and skips it. (Checked with wandb 0.31: offline
``wandb.init`` ignores ``resume`` -- even ``"must"`` -- and writes a new ``offline-run-*-<id>``
directory each time, all of which ``wandb sync`` would push into the same server run; hence the
local check. Online, the same id names the same server run.)
The spec is handed to a background writer; ``close`` writes a study summary run, waits a
bounded time and says how many runs were written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import math
import os
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from tuneflow.errors import RecipeError, TuneflowError
from tuneflow.objective import TrialContext, train_arity
from tuneflow.storage import redact_url
from tuneflow.wandb_bridge import Connection, RunSpec, RunWriter, say

__all__ = [
    "NullTracker",
    "Redactor",
    "Tracker",
    "WandbOptions",
    "WandbTracker",
    "make_tracker",
    "merge_history",
    "resolve_mode",
    "study_run_prefix",
]

RUN_ID_ATTR = "wandb_run_id"
RUN_PATH_ATTR = "wandb_run_path"
MODES = ("online", "offline", "disabled")


class Tracker:
    """Interface of a tracker; every hook is optional and must not raise."""

    def on_trial_start(self, ctx: TrialContext) -> None:
        """The trial's config has been suggested; the train function is about to run."""

    def on_log(self, ctx: TrialContext, step: int | None, row: dict[str, Any]) -> None:
        """A row was logged by the train function (``trial.report`` or ``trial.log``)."""

    def on_trial_end(self, ctx: TrialContext, frozen: optuna.trial.FrozenTrial) -> None:
        """The trial has been told to Optuna (its state is final)."""

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        """The study ended (or was interrupted): flush, summarize, wait a bounded time."""

    agent_runner: Any = None


class NullTracker(Tracker):
    """Tracks nothing (``wandb=False``)."""


# -- options and mode ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WandbOptions:
    """Options of the W&B bridge: ``tune(..., wandb=WandbOptions(...))`` or the same as a dict.

    ``mode`` None means: ``WANDB_MODE``, else ``online`` with credentials, else ``offline``.
    ``init_timeout`` bounds one ``wandb.init`` against the server (once per study: after a
    failure the study goes offline); ``finish_timeout`` bounds how long ``tune`` waits at the
    end for queued runs to be written.
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

    @classmethod
    def parse(cls, value: Any) -> WandbOptions | None:
        """``tune``'s ``wandb=`` argument -> options (None when W&B is off)."""
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
            if t is not None and not (isinstance(t, (int, float)) and not isinstance(t, bool) and t > 0):
                problems.append(f"wandb.{key}: must be a number of seconds > 0, but got {t!r}.")
        if problems:
            raise RecipeError("wandb options", problems)
        fields = {k: v for k, v in value.items() if k in known}
        if "tags" in fields:
            tags = fields["tags"]
            fields["tags"] = (tags,) if isinstance(tags, str) else tuple(tags or ())
        return cls(**fields)


def has_credentials(base_url: str | None = None) -> bool:
    """Whether W&B credentials are configured (``WANDB_API_KEY`` or a netrc entry); no key is read out."""
    if os.environ.get("WANDB_API_KEY"):
        return True
    host = base_url or os.environ.get("WANDB_BASE_URL") or "https://api.wandb.ai"
    try:
        from wandb.sdk.lib.wbauth.wbnetrc import read_netrc_auth

        return read_netrc_auth(host=host) is not None
    except Exception:
        return False


def resolve_mode(options: WandbOptions) -> tuple[str, str]:
    """The W&B mode and why: the option, then ``WANDB_MODE``, then online only with credentials."""
    if options.mode:
        return options.mode, "wandb mode option"
    env = os.environ.get("WANDB_MODE", "").strip().lower()
    if env in ("online", "offline", "disabled", "dryrun", "run"):
        mode = {"dryrun": "offline", "run": "online"}.get(env, env)
        return mode, "WANDB_MODE"
    if has_credentials():
        return "online", "W&B credentials found"
    return "offline", "no W&B credentials configured"


# -- secrets -------------------------------------------------------------------------------------

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


def _storage_secrets(study: optuna.Study) -> tuple[str, ...]:
    """The storage URL's password, to scrub it wherever it might be echoed."""
    engine = getattr(_backend(study), "engine", None)
    password = getattr(getattr(engine, "url", None), "password", None)
    return (str(password),) if password else ()


# -- identities ----------------------------------------------------------------------------------


def _backend(study: optuna.Study) -> Any:
    storage = study._storage
    return getattr(storage, "_backend", storage)  # Optuna wraps RDB storages in a cache


def _storage_identity(study: optuna.Study) -> str:
    backend = _backend(study)
    engine = getattr(backend, "engine", None)
    if engine is not None:
        url = engine.url
        if url.get_backend_name() == "sqlite" and url.database:
            return "sqlite:" + os.path.abspath(url.database)
        return url.render_as_string(hide_password=True)
    uid = getattr(backend, "_tuneflow_uid", None)
    if uid is None:  # an in-memory study lives once: give it a random identity
        uid = uuid.uuid4().hex
        with contextlib.suppress(AttributeError):
            backend._tuneflow_uid = uid
    return f"memory:{uid}"


def study_run_prefix(study: optuna.Study) -> str:
    """Run-id prefix of a study: its name (slugged) and a hash of name + storage."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", study.study_name).strip("-")[:32] or "study"
    digest = hashlib.sha1(f"{study.study_name}\0{_storage_identity(study)}".encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


# -- trial -> run ----------------------------------------------------------------------------------


def merge_history(history: list[tuple[int | None, dict[str, Any]]], metric: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows at their steps, merged per step, in step order; ``None`` steps follow the last step.

    ``__objective__`` (a ``trial.report``) is renamed to the recipe's metric name.
    """
    rows: dict[int, dict[str, Any]] = {}
    auto = 0
    for step, row in history:
        if step is None:
            step = auto
        auto = max(auto, int(step) + 1)
        merged = rows.setdefault(int(step), {})
        for key, value in row.items():
            merged[metric if key == "__objective__" else str(key)] = value
    return sorted(rows.items())


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


@dataclass
class _Study:
    """What every run of one study shares."""

    name: str
    method: str
    seed: int | None
    metrics: tuple[Any, ...]
    prefix: str
    tags: tuple[str, ...]
    group: str | None
    project: str
    entity: str | None
    started: float = field(default_factory=time.monotonic)


class WandbTracker(Tracker):
    """One W&B run per trial, written by a background thread; a summary run at the end."""

    def __init__(self, options: WandbOptions, mode: str, recipe: Any, study: optuna.Study) -> None:
        self.options = options
        self.recipe = recipe
        self.redactor = Redactor(_storage_secrets(study))
        project = options.project or recipe.project or os.environ.get("WANDB_PROJECT") or "tuneflow"
        entity = options.entity or recipe.entity or os.environ.get("WANDB_ENTITY") or None
        self.study_info = _Study(
            name=study.study_name,
            method=recipe.method,
            seed=recipe.seed,
            metrics=tuple(recipe.metrics),
            prefix=study_run_prefix(study),
            tags=tuple(options.tags),
            group=options.group,
            project=project,
            entity=entity,
        )
        self.connection = Connection(project, entity, mode, options.dir, options.init_timeout)
        self.writer = RunWriter(self.connection)
        self.agent_style = recipe.train is not None and train_arity(recipe.train) == 0
        if self.agent_style:
            from tuneflow.agent import run_agent_style

            self.agent_runner = lambda train, ctx: run_agent_style(self, train, ctx)
        self.agent_written: list[Path] = []
        self._open: dict[int, TrialContext] = {}  # started, not yet ended (interrupted if left at close)
        self.last_agent_run: Any = None  # an agent-style run still open (interrupted trial)

    # -- names ---------------------------------------------------------------------------------

    def run_id(self, number: int) -> str:
        return f"{self.study_info.prefix}-t{number}"

    def run_path(self, run_id: str) -> str:
        parts = [self.study_info.entity, self.study_info.project, run_id]
        return "/".join(p for p in parts if p)

    # -- hooks ---------------------------------------------------------------------------------

    def on_trial_start(self, ctx: TrialContext) -> None:
        self._open[ctx.number] = ctx
        run_id = self.run_id(ctx.number)
        ctx.extra["wandb_run_id"] = run_id
        ctx.extra["started"] = time.time()
        try:
            ctx.optuna_trial.set_user_attr(RUN_ID_ATTR, run_id)
            ctx.optuna_trial.set_user_attr(RUN_PATH_ATTR, self.run_path(run_id))
        except Exception:  # the storage owns the trial; never fail a trial for this
            pass

    def spec_for(self, ctx: TrialContext, frozen: FrozenTrial) -> RunSpec:
        """The W&B run of a finished trial."""
        info = self.study_info
        metric = info.metrics[0].name if info.metrics else "value"  # trial.report's name without a metric
        state = {TrialState.COMPLETE: "complete", TrialState.PRUNED: "pruned", TrialState.FAIL: "fail"}.get(
            frozen.state,
            "fail",  # RUNNING at close: the study was interrupted inside the trial
        )
        history = merge_history(list(ctx.history), metric)
        history = [(step, self.redactor.value(row)) for step, row in history]
        summary: dict[str, Any] = {k: v for k, v in ctx.metrics.items() if _finite(v)}
        if frozen.values is not None:
            summary.update({m.name: v for m, v in zip(info.metrics, frozen.values)})
        elif frozen.intermediate_values:  # pruned: the last value reported, as W&B's summary would
            summary[metric] = frozen.intermediate_values[max(frozen.intermediate_values)]
        reported = [v for v in frozen.intermediate_values.values() if _finite(v)]
        duration = frozen.duration.total_seconds() if frozen.duration is not None else None
        summary.update(
            {
                "tuneflow/state": state,
                "tuneflow/trial": frozen.number,
                "tuneflow/duration_s": duration,
                "tuneflow/study": info.name,
                "tuneflow/method": info.method,
                "tuneflow/seed": info.seed,
                "tuneflow/compared": "final" if info.metrics else "nothing (the study has no metric)",
            }
        )
        if reported and info.metrics:
            best = max(reported) if info.metrics[0].goal == "maximize" else min(reported)
            summary["tuneflow/history_best"] = best
        reason = ctx.fail_reason or frozen.user_attrs.get("fail_reason")
        if state == "fail":
            summary["tuneflow/fail_reason"] = self.redactor.text(str(reason or "unknown"))
        summary = {k: v for k, v in summary.items() if v is not None}
        return RunSpec(
            run_id=ctx.extra.get("wandb_run_id") or self.run_id(frozen.number),
            name=f"{info.name}-{frozen.number}",
            config=self.redactor.value(ctx.config),
            summary=summary,
            history=history,
            tags=_tags(info.name, info.method, state, *info.tags),
            group=info.group,
            exit_code=1 if state == "fail" else 0,
        )

    def on_trial_end(self, ctx: TrialContext, frozen: FrozenTrial) -> None:
        self._open.pop(ctx.number, None)
        try:
            spec = self.spec_for(ctx, frozen)
        except Exception as exc:  # a tracker never breaks a study
            self.writer.errors.append(f"trial {frozen.number}: {type(exc).__name__}: {exc}")
            return
        if ctx.extra.get("wandb_external_run"):  # a sweep `program` wrote the trial's run itself
            if ctx.extra.get("wandb_run_dir"):
                self.agent_written.append(Path(ctx.extra["wandb_run_dir"]))
            return
        agent_run = ctx.extra.pop("wandb_agent_run", None)
        if agent_run is not None:
            from tuneflow.agent import finish_agent_run

            finish_agent_run(self, agent_run, spec)
            return
        self.writer.submit(spec)

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        options = self.options
        for ctx in list(self._open.values()):  # trials the interruption cut short: lose none
            try:
                frozen = study._storage.get_trial(ctx.optuna_trial._trial_id)
            except Exception:
                continue
            if ctx.fail_reason is None and "fail_reason" not in frozen.user_attrs:
                ctx.fail_reason = "interrupted"
            self.on_trial_end(ctx, frozen)
        if self.last_agent_run is not None:  # the loop stopped inside an agent-style trial
            from tuneflow.agent import finish_agent_run

            run, self.last_agent_run = self.last_agent_run, None
            finish_agent_run(
                self, run, RunSpec(run.id, run.name or run.id, {}, {"tuneflow/state": "interrupted"}, exit_code=1)
            )
        if options.summary_run and study.get_trials(deepcopy=False):
            try:
                from tuneflow.wandb_summary import summary_spec

                self.writer.submit(summary_spec(self, study, interrupted))
            except Exception as exc:
                self.writer.errors.append(f"summary run: {type(exc).__name__}: {exc}")
        queued = self.writer.pending
        if queued > 5:
            say(f"writing {queued} W&B runs (waiting at most {options.finish_timeout:g} s) ...")
        done = self.writer.close(options.finish_timeout)
        self._report(done)

    def _report(self, done: bool) -> None:
        conn = self.connection
        written = len(self.writer.written) + len(self.agent_written)
        where = conn.wandb_dir
        mode = conn.mode
        parts = [f"wrote {written} W&B run{'s' if written != 1 else ''} ({mode}) under {where}"]
        if self.writer.skipped:
            parts.append(f"{self.writer.skipped} already there")
        if not done:
            parts.append(f"{self.writer.pending} still being written after {self.options.finish_timeout:g} s")
        if self.writer.errors:
            parts.append(f"{len(self.writer.errors)} failed (first: {self.writer.errors[0]})")
        message = "; ".join(parts)
        if mode == "offline" and written:
            message += f"; upload with `wandb sync {where}/offline-run-*`"
        say(message)


def _tags(*values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        tag = str(v)[:64]
        if tag and tag not in out:
            out.append(tag)
    return out


_HINTED: set[str] = set()


def make_tracker(wandb: Any, recipe: Any, study: optuna.Study, n_jobs: int = 1) -> Tracker:
    """The tracker for ``tune(..., wandb=...)``: None when off, else one W&B run per trial.

    Raises :class:`RecipeError` for an agent-style (no-argument) train function with
    ``n_jobs > 1``: such functions use the process-global ``wandb.run``, so two at once would
    log into each other's run.
    """
    options = WandbOptions.parse(wandb)
    agent_style = recipe.train is not None and train_arity(recipe.train) == 0
    if agent_style and n_jobs != 1:
        raise RecipeError(
            recipe.name,
            [
                f"train: a wandb.agent-style train function (no arguments, uses wandb.init/wandb.log) "
                f"runs one trial at a time, because wandb.run is global to the process; but n_jobs={n_jobs}. "
                "Use n_jobs=1 and several `tuneflow worker` processes, or give train a (config, trial) signature."
            ],
        )
    if options is None:
        return NullTracker()
    mode, why = resolve_mode(options)
    if mode == "disabled":
        return NullTracker()
    tracker = WandbTracker(options, mode, recipe, study)
    if mode == "offline" and why != "WANDB_MODE" and options.mode is None:
        where = str(tracker.connection.wandb_dir)
        if where not in _HINTED:
            _HINTED.add(where)
            say(
                f"{why}: W&B runs are written offline under {where}; "
                f"upload them later with `wandb sync {where}/offline-run-*` (or `wandb login` first)."
            )
    return tracker
