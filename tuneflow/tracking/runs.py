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
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import optuna

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.keys import OBJECTIVE_ROW_KEY

__all__ = ["RunSpec", "StudyInfo", "merge_history", "run_tags", "study_run_prefix"]


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
    #: Logged after the history: W&B Tables as (columns, rows), charts as plotly JSON.
    tables: dict[str, tuple[list[str], list[list[Any]]]] = field(default_factory=dict)
    charts: dict[str, str] = field(default_factory=dict)


def run_tags(*values: Any) -> list[str]:
    """W&B tags: text, at most 64 characters each (W&B's limit), empty and repeated ones dropped."""
    out: list[str] = []
    for v in values:
        tag = str(v)[:64]
        if tag and tag not in out:
            out.append(tag)
    return out


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
    started: float = field(default_factory=time.monotonic)

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

    def summary_run_id(self, n_trials: int) -> str:
        """The id of the summary run written when the study had ``n_trials`` trials."""
        return f"{self.prefix}-summary-{n_trials}"

    def summary_run_name(self) -> str:
        return f"{self.name}-summary"

    def summary_tags(self, interrupted: bool) -> list[str]:
        """Tags of the summary run: study name, method, ``summary``, the user's, ``interrupted``."""
        return run_tags(self.name, self.method, "summary", *self.tags, *(["interrupted"] if interrupted else []))


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
    """Run-id prefix of a study: its name (slugged) and a hash of name + storage."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", study.study_name).strip("-")[:32] or "study"
    digest = hashlib.sha1(f"{study.study_name}\0{_storage_identity(study)}".encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


def merge_history(history: list[tuple[int | None, dict[str, Any]]], metric: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows at their steps, merged per step, in step order; ``None`` steps follow the last step.

    ``OBJECTIVE_ROW_KEY`` rows (``trial.report``) is renamed to the recipe's metric name.
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
