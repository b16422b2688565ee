"""What a W&B run is made of, before anything is written: run specs, run identities, names and tags.

Pure data and pure functions (no ``wandb`` import): the tracker, the agent-style and program
trains and the summary run all build names and tags here, so a trial's run is called the same
whoever writes it.

The run id is derived from the study (name + storage) and the trial number, so a trial's run
is written once: re-logging finds the offline run and skips it. (Checked with wandb 0.31: offline
``wandb.init`` ignores ``resume`` -- even ``"must"`` -- and writes a new ``offline-run-*-<id>``
directory each time, all of which ``wandb sync`` would push into the same server run; hence the
local check. Online, the same id names the same server run.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.keys import FAIL_REASON_ATTR, OBJECTIVE_ROW_KEY, STUDY_UID_ATTR, SUMMARY
from tuneflow.redact import Redactor
from tuneflow.values import is_finite_number

__all__ = ["RunSpec", "StudyInfo", "merge_history", "run_tags", "study_run_prefix", "trial_spec"]


@dataclass
class RunSpec:
    """Everything one W&B run holds, ready to be written in one go."""

    run_id: str
    name: str
    config: dict[str, Any]
    summary: dict[str, Any]
    history: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    group: str | None = None
    job_type: str | None = None
    exit_code: int = 0
    #: Logged after the history: W&B Tables as (columns, rows), charts as plotly figures (logged as
    #: they are: a JSON round trip re-validates every property, ~0.1 s per summary run).
    tables: dict[str, tuple[list[str], list[list[Any]]]] = field(default_factory=dict)
    charts: dict[str, Any] = field(default_factory=dict)
    #: The W&B sweep the run joins (``wandb.init``'s ``sweep_id`` setting); None: a plain run.
    sweep_id: str | None = None


def run_tags(*values: Any) -> list[str]:
    """W&B tags: text, at most 64 characters each (W&B's limit), empty and repeated ones dropped."""
    return [tag for tag in dict.fromkeys(str(v)[:64] for v in values) if tag]


@dataclass
class StudyInfo:
    """What every run of one study shares, and the one place run ids, names and tags are built."""

    name: str
    method: str
    seed: int | None
    metrics: tuple[Any, ...]
    prefix: str
    tags: tuple[str, ...]
    group: str | None
    project: str
    entity: str | None
    sampler: str | None = None  # the sampler that runs, one line (what `auto`/`bayes` resolved to)

    @property
    def reported_name(self) -> str:
        """The history key of ``trial.report`` values: the (first) metric's name, ``value`` without one."""
        return self.metrics[0].name if self.metrics else "value"

    def run_id(self, number: int) -> str:
        """The W&B run id of trial ``number`` (stable across sessions of the same study)."""
        return f"{self.prefix}-t{number}"

    def run_path(self, run_id: str) -> str:
        """``entity/project/run_id`` (the entity left out when unknown)."""
        return "/".join(p for p in (self.entity, self.project, run_id) if p)

    def trial_run_name(self, number: int) -> str:
        """The display name of trial ``number``'s run."""
        return f"{self.name}-{number}"

    def trial_tags(self, *extra: Any) -> list[str]:
        """Tags of a trial's run: study name, method, then ``extra`` (e.g. the state), then the user's."""
        return run_tags(self.name, self.method, *extra, *self.tags)

    def summary_run(self, n_trials: int, interrupted: bool) -> RunSpec:
        """The summary run written when the study had ``n_trials`` trials, before its contents: its id
        carries that number; tags: study name, method, ``summary``, the user's, ``interrupted``."""
        return RunSpec(
            run_id=f"{self.prefix}-summary-{n_trials}",
            name=f"{self.name}-summary",
            config={},
            summary={},
            tags=run_tags(self.name, self.method, "summary", *self.tags, *(["interrupted"] if interrupted else [])),
            group=self.group,
            job_type="study-summary",
        )

    def summary_keys(self) -> dict[str, Any]:
        """The ``tuneflow/*`` summary keys every run of the study holds: study, method, sampler, seed."""
        return {
            SUMMARY.STUDY: self.name,
            SUMMARY.METHOD: self.method,
            SUMMARY.SAMPLER: self.sampler,
            SUMMARY.SEED: self.seed,
        }


def _storage_identity(study: optuna.Study) -> str:
    backend: Any = adapter.unwrap_cache(adapter.storage_of(study))  # Optuna wraps RDB storages in a cache
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
    """Run-id prefix of a study: its name (slugged) and a hash of name + storage + the study's uid.

    The uid (written by the process that created the study) tells apart two studies of one name
    on one storage, one deleted and created again; a study created by plain Optuna has none.
    """
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", study.study_name).strip("-")[:32] or "study"
    identity = f"{study.study_name}\0{_storage_identity(study)}"
    uid = study.user_attrs.get(STUDY_UID_ATTR)
    if uid:
        identity += f"\0{uid}"
    digest = hashlib.sha1(identity.encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


def merge_history(history: list[tuple[int | None, dict[str, Any]]], metric: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows at their steps, merged per step, in step order; ``None`` steps follow the last step.

    ``OBJECTIVE_ROW_KEY`` (a ``trial.report`` value) is renamed to the recipe's metric name.
    """
    rows: dict[int, dict[str, Any]] = {}
    auto = 0
    for step, row in history:
        if step is None:
            step = auto
        auto = max(auto, int(step) + 1)
        merged = rows.setdefault(int(step), {})
        for key, value in row.items():
            merged[metric if key == OBJECTIVE_ROW_KEY else str(key)] = value
    return sorted(rows.items())


def trial_spec(
    info: StudyInfo,
    redactor: Redactor,
    frozen: FrozenTrial,
    *,
    config: dict[str, Any],
    history: list[tuple[int | None, dict[str, Any]]],
    metrics: Mapping[str, Any],
    fail_reason: str | None = None,
    run_id: str | None = None,
) -> RunSpec:
    """The W&B run of a finished trial, shaped like a W&B Sweep run (what the tracker writes live
    and ``tuneflow backfill-wandb`` writes later from the storage).

    ``history`` is the trial's rows as logged (``OBJECTIVE_ROW_KEY`` for ``trial.report``);
    ``metrics`` every number train returned. A trial still RUNNING (an interrupted study) is "fail".
    """
    metric = info.reported_name
    redactor = redactor.including(config)  # a failure message may quote a secret config value
    state = {TrialState.COMPLETE: "complete", TrialState.PRUNED: "pruned"}.get(frozen.state, "fail")
    rows = [(step, redactor.value(row)) for step, row in merge_history(history, metric)]
    summary: dict[str, Any] = {k: v for k, v in metrics.items() if is_finite_number(v)}
    if frozen.values is not None:
        summary.update({m.name: v for m, v in zip(info.metrics, frozen.values)})
    elif frozen.intermediate_values:  # pruned: the last value reported, as W&B's summary would
        summary[metric] = frozen.intermediate_values[max(frozen.intermediate_values)]
    reported = [v for v in frozen.intermediate_values.values() if is_finite_number(v)]
    duration = frozen.duration.total_seconds() if frozen.duration is not None else None
    summary.update(
        {
            SUMMARY.STATE: state,
            SUMMARY.TRIAL: frozen.number,
            SUMMARY.DURATION: duration,
            **info.summary_keys(),
            SUMMARY.COMPARED: "final" if info.metrics else "nothing (the study has no metric)",
        }
    )
    if reported and info.metrics:
        best = max(reported) if info.metrics[0].goal == "maximize" else min(reported)
        summary[SUMMARY.HISTORY_BEST] = best
    reason = fail_reason or frozen.user_attrs.get(FAIL_REASON_ATTR)
    if state == "fail":
        summary[SUMMARY.FAIL_REASON] = redactor.text(str(reason or "unknown"))
    return RunSpec(
        run_id=run_id or info.run_id(frozen.number),
        name=info.trial_run_name(frozen.number),
        config=redactor.value(config),
        summary={k: v for k, v in summary.items() if v is not None},
        history=rows,
        tags=info.trial_tags(state),
        group=info.group,
        exit_code=1 if state == "fail" else 0,
    )
