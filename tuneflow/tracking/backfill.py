"""Writing the W&B runs a study is missing, from its storage (``tuneflow backfill-wandb``).

A study run with ``--no-wandb``, before its user had W&B, or whose writer lost runs can be put on
W&B later: every finished trial (complete, pruned, failed) without a run gets the run it would
have had live, under the same run id (study name + storage + trial number, or the id the trial
recorded): ``config`` exactly the trial's config (secrets redacted), ``summary`` its metric,
every number train returned and the ``tuneflow/*`` keys, the intermediate values as history at
their steps, the state as tag and exit code. ``trial.log`` rows were never stored, so they cannot
come back; the summary says ``tuneflow/backfilled``.

Idempotent: offline, a trial whose run directory exists is left alone, so a second call writes
nothing; online, runs are started with ``resume="never"``, so W&B refuses (and the report counts)
a run id it already holds. Trials still running or waiting are left out (their runs are written
live). A summary run for the study as it stands is written too (once per number of trials).

The runs join the study's W&B sweep (:mod:`tuneflow.tracking.sweep`) as live runs do: online, the
sweep recorded in the study, or one created now (its config rebuilt from the recipe the study
recorded), naming the runs already on the server as its ``prior_runs``; offline, the recorded one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optuna.trial import TrialState

from tuneflow.engine.result import TuneResult
from tuneflow.keys import METRICS_ATTR, OBJECTIVE_ROW_KEY, RUN_ID_ATTR, SUMMARY
from tuneflow.redact import Redactor, storage_secrets
from tuneflow.search.metric import Metric
from tuneflow.search.recipe import Recipe
from tuneflow.tracking.options import WandbOptions, resolve_mode
from tuneflow.tracking.runs import RunSpec, StudyInfo, study_run_prefix, trial_spec
from tuneflow.tracking.summary import summary_spec
from tuneflow.tracking.sweep import SWEEP_ENV, choose_sweep, sweep_config
from tuneflow.tracking.writer import Connection, write_run

__all__ = ["BackfillReport", "backfill_specs", "backfill_wandb"]

_FINISHED = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)


@dataclass
class BackfillReport:
    """What ``backfill_wandb`` did: runs written, runs already there, trials left out, failures."""

    mode: str
    wandb_dir: Path
    written: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    left_out: int = 0
    errors: list[str] = field(default_factory=list)
    #: What became of the study's W&B sweep (one line), if anything is to be said.
    sweep_line: str | None = None

    def __str__(self) -> str:
        parts = [f"wrote {len(self.written)} W&B runs ({self.mode}) under {self.wandb_dir}"]
        if self.present:
            parts.append(f"{len(self.present)} already there")
        if self.left_out:
            parts.append(f"{self.left_out} running or waiting trials left out")
        if self.errors:
            parts.append(f"{len(self.errors)} failed (first: {self.errors[0]})")
        text = "; ".join(parts)
        if self.sweep_line:
            text += f"; {self.sweep_line}"
        if self.mode == "offline" and self.written:
            text += f"; upload with `wandb sync {self.wandb_dir}/offline-run-*`"
        return text


def _study_info(result: TuneResult, options: WandbOptions) -> StudyInfo:
    meta = result.meta
    metrics = tuple(Metric(name=m["name"], goal=m.get("goal", "minimize")) for m in meta.get("metrics", [])) or tuple(
        Metric(name=n, goal=d.name.lower()) for n, d in zip(result.metric_names, result.study.directions)
    )
    study = result.study
    return StudyInfo(
        name=study.study_name,
        method=str(meta.get("method", "unknown")),
        seed=meta.get("seed"),
        metrics=metrics,
        prefix=study_run_prefix(study),
        tags=tuple(options.tags),
        group=options.group,
        project=options.project or meta.get("project") or os.environ.get("WANDB_PROJECT") or "tuneflow",
        entity=options.entity or meta.get("entity") or os.environ.get("WANDB_ENTITY") or None,
    )


def _recipe_config(result: TuneResult) -> dict[str, Any]:
    """The sweep config of the recipe the study recorded (name, method, metrics, parameters, seed)."""
    meta = result.meta
    metrics = list(meta.get("metrics") or [])
    parameters = meta.get("parameters")
    recipe = Recipe(
        name=str(meta.get("recipe") or result.study.study_name),
        parameters=parameters,
        space=None if parameters else (lambda trial: {}),
        method=str(meta.get("method") or "auto"),
        metric=metrics if len(metrics) > 1 else (metrics[0] if metrics else None),
        seed=meta.get("seed"),
    )
    return sweep_config(recipe)


def backfill_specs(result: TuneResult, info: StudyInfo, redactor: Redactor) -> tuple[list[RunSpec], int]:
    """The run of every finished trial, built from the storage; and how many trials were left out."""
    specs = []
    left_out = 0
    for t in result.study.get_trials(deepcopy=False):
        if t.state not in _FINISHED:
            left_out += 1
            continue
        history: list[tuple[int | None, dict[str, Any]]] = [
            (step, {OBJECTIVE_ROW_KEY: value}) for step, value in sorted(t.intermediate_values.items())
        ]
        spec = trial_spec(
            info,
            redactor,
            t,
            config=result.config_of(t),
            history=history,
            metrics=dict(t.user_attrs.get(METRICS_ATTR) or {}),
            run_id=t.user_attrs.get(RUN_ID_ATTR),
        )
        spec.summary[SUMMARY.BACKFILLED] = True
        specs.append(spec)
    return specs, left_out


def backfill_wandb(result: TuneResult, wandb: Any = None, summary_run: bool = True) -> BackfillReport:
    """Write the W&B run of every finished trial of ``result.study`` that has none (see module doc).

    ``wandb`` takes what ``tune(wandb=...)`` takes (a dict or ``WandbOptions``: project, entity,
    mode, dir, tags, group). Runs are written here, one after the other (~50 ms each offline).
    """
    options = WandbOptions.parse(wandb) or WandbOptions()
    mode, _ = resolve_mode(options)
    if mode == "disabled":
        mode = "offline"
    study = result.study
    info = _study_info(result, options)
    redactor = Redactor(storage_secrets(study))
    connection = Connection(info.project, info.entity, mode, options.dir, options.init_timeout)
    report = BackfillReport(mode=mode, wandb_dir=connection.wandb_dir)
    from_env = os.environ.pop(SWEEP_ENV, None)  # see WandbTracker; put back when done
    try:
        given = options.sweep_id or from_env or None
        sweep_id, report.sweep_line = choose_sweep(
            study, lambda: _recipe_config(result), mode, info.project, info.entity, given, options.init_timeout
        )
        specs, report.left_out = backfill_specs(result, info, redactor)
        for spec in specs:
            spec.sweep_id = sweep_id
        if summary_run and specs:
            try:
                specs.append(summary_spec(study, info, redactor, False, options.plots))
            except Exception as exc:  # broad: plots and importance run user-facing libraries; the runs go on
                report.errors.append(f"summary run: {type(exc).__name__}: {exc}")
        _write_runs(connection, specs, redactor, report)
    finally:
        if from_env is not None:  # the caller's environment as it was (a later study reads it)
            os.environ.setdefault(SWEEP_ENV, from_env)
    return report


def _write_runs(connection: Connection, specs: list[RunSpec], redactor: Redactor, report: BackfillReport) -> None:
    """Write each run W&B does not hold yet; a failure is one failed run, reported, and the others go on."""
    from wandb.errors import UsageError

    for spec in specs:
        if connection.mode == "offline" and connection.existing_offline_run(spec.run_id) is not None:
            report.present.append(spec.run_id)
            continue
        try:
            write_run(connection, spec, resume="never")
        except UsageError:  # resume="never" on a run id W&B already holds (wandb-core's resume check)
            report.present.append(spec.run_id)
            continue
        except Exception as exc:  # broad: any wandb failure is one failed run, reported; the others go on
            text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            report.errors.append(f"{spec.name}: {redactor.text(text)}")
            continue
        report.written.append(spec.run_id)
