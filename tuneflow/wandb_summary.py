"""The study summary run: best config and value, a table of all trials, Optuna's charts.

Written once at the end of ``tune`` (and on interruption, tagged ``interrupted``). Its run id
carries the number of trials it covers, so each session of a resumed study adds its own summary.
Each chart is built separately and a chart that cannot be drawn (e.g. parameter importances
with fewer than two complete trials) is left out without affecting the others.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import optuna
from optuna.trial import TrialState

from tuneflow.display import flatten
from tuneflow.result import NO_METRIC_NOTE, TuneResult
from tuneflow.wandb_bridge import RunSpec

if TYPE_CHECKING:
    from tuneflow.tracking import WandbTracker

__all__ = ["summary_spec", "trial_table"]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return json.dumps(value, default=str)


def trial_table(tracker: WandbTracker, result: TuneResult) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows of the trials table (configs flattened to W&B's dotted names, redacted)."""
    names = result.metric_names
    rows, keys = [], []
    for t in result.study.get_trials(deepcopy=False):
        config = flatten(tracker.redactor.value(result.config_of(t)))
        for k in config:
            if k not in keys:
                keys.append(k)
        values = dict(zip(names, t.values)) if t.values is not None else {}
        duration = t.duration.total_seconds() if t.duration is not None else None
        reason = t.user_attrs.get("fail_reason")
        rows.append(
            (
                {
                    "trial": t.number,
                    "state": t.state.name.lower(),
                    **{n: values.get(n) for n in names},
                    "duration_s": duration,
                    "fail_reason": tracker.redactor.text(str(reason)) if reason else None,
                    "wandb_run_id": t.user_attrs.get("wandb_run_id"),
                },
                config,
            )
        )
    columns = ["trial", "state", *names, "duration_s", "fail_reason", "wandb_run_id", *keys]
    data = [[_cell(fixed.get(c, config.get(c))) for c in columns] for fixed, config in rows]
    return columns, _one_type_per_column(data)


def _one_type_per_column(data: list[list[Any]]) -> list[list[Any]]:
    """W&B Tables reject a column mixing types (e.g. max_features "sqrt" and 0.25): such a
    column is written as text throughout."""
    for j in range(len(data[0]) if data else 0):
        kinds = {type(row[j]) for row in data if row[j] is not None}
        if len(kinds) > 1 and not kinds <= {int, float}:  # W&B's Number takes ints and floats
            for row in data:
                if row[j] is not None:
                    row[j] = str(row[j])
    return data


def _charts(study: optuna.Study, params: list[str] | None, names: list[str]) -> dict[str, Any]:
    """Optuna's plotly figures, each guarded on its own."""
    import optuna.visualization as vis

    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    multi = len(study.directions) > 1
    target = (lambda t: t.values[0]) if multi else None
    builders: dict[str, Any] = {
        "optimization_history": lambda: vis.plot_optimization_history(study, target=target, target_name=names[0]),
        "parallel_coordinate": lambda: vis.plot_parallel_coordinate(
            study, params=params, target=target, target_name=names[0]
        ),
        "slice": lambda: vis.plot_slice(study, params=params, target=target, target_name=names[0]),
    }
    if any(t.intermediate_values for t in study.get_trials(deepcopy=False)):
        builders["intermediate_values"] = lambda: vis.plot_intermediate_values(study)
    if len(complete) >= 2:
        builders["param_importances"] = lambda: vis.plot_param_importances(
            study, params=params, target=target, target_name=names[0]
        )
    if multi:
        builders["pareto_front"] = lambda: vis.plot_pareto_front(study, target_names=names)
    figures = {}
    for name, build in builders.items():
        if not complete and name != "intermediate_values":
            continue
        try:
            figures[name] = build()
        except Exception:  # one chart that cannot be drawn must not cost the others
            continue
    return figures


def summary_spec(tracker: WandbTracker, study: optuna.Study, interrupted: bool) -> RunSpec:
    """The summary run of ``study`` as it stands now."""
    info = tracker.study_info
    result = TuneResult(study)
    names = result.metric_names
    trials = study.get_trials(deepcopy=False)
    counts = result.counts()
    summary: dict[str, Any] = {
        "tuneflow/study": info.name,
        "tuneflow/method": info.method,
        "tuneflow/seed": info.seed,
        "tuneflow/n_trials": len(trials),
        "tuneflow/interrupted": interrupted,
        **{f"tuneflow/n_{state.lower()}": n for state, n in counts.items()},
    }
    if not result.ranked:
        summary["tuneflow/metric"] = f"none: {NO_METRIC_NOTE}"
    try:
        best = result.best_trials
    except ValueError:  # no completed trial yet, or no metric (NoMetricError)
        best = []
    if best:
        summary["best/trial"] = best[0].number
        summary["best/config"] = tracker.redactor.value(result.config_of(best[0]))
        for n, v in zip(names, best[0].values):
            summary[f"best/{n}"] = v
        summary["best/wandb_run_id"] = best[0].user_attrs.get("wandb_run_id")
    summary = {k: v for k, v in summary.items() if v is not None}
    all_params = sorted({p for t in trials for p in t.params})
    params = [p for p in all_params if not tracker.redactor.is_secret_key(p)] or None

    columns, data = trial_table(tracker, result)
    charts = {}
    if tracker.options.plots and result.ranked:
        charts = {f"charts/{name}": fig.to_json() for name, fig in _charts(study, params, names).items()}

    tags = [info.name, info.method, "summary", *info.tags]
    if interrupted:
        tags.append("interrupted")
    return RunSpec(
        run_id=f"{info.prefix}-summary-{len(trials)}",
        name=f"{info.name}-summary",
        config={},
        summary=summary,
        tags=list(dict.fromkeys(str(t)[:64] for t in tags)),
        group=info.group,
        job_type="study-summary",
        tables={"trials": (columns, data)},
        charts=charts,
    )
