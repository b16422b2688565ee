"""The study summary run: best config and value, a table of all trials, Optuna's charts.

Written once at the end of ``tune`` (and on interruption, tagged ``interrupted``). Its run id
carries the number of trials it covers, so each session of a resumed study adds its own summary.
Each chart is built separately and a chart that cannot be drawn (e.g. parameter importances
with fewer than two complete trials) is left out without affecting the others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
from typing import Any

import optuna

from tuneflow.engine.charts import charts as engine_charts
from tuneflow.engine.charts import importance_evaluator
from tuneflow.engine.result import NO_METRIC_NOTE, TuneResult
from tuneflow.keys import FAIL_REASON_ATTR, RUN_ID_ATTR, SUMMARY
from tuneflow.redact import Redactor, chart_study
from tuneflow.search.space import flatten
from tuneflow.tracking.runs import RunSpec, StudyInfo

__all__ = ["summary_spec", "trial_table"]

#: The summary run's names of the charts :func:`tuneflow.engine.charts.charts` calls otherwise.
_NAMES = {"history": "optimization_history", "importances": "param_importances"}


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return json.dumps(value, default=str)


def trial_table(redactor: Redactor, result: TuneResult) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows of the trials table (configs flattened to W&B's dotted names, redacted)."""
    names = result.metric_names
    rows: list[tuple[dict[str, Any], dict[str, Any]]] = []
    keys: dict[str, None] = {}
    for t in result.study.get_trials(deepcopy=False):
        raw = result.config_of(t)
        trial_redactor = redactor.including(raw)  # its fail reason may quote a secret config value
        config = flatten(trial_redactor.value(raw))
        keys.update(dict.fromkeys(config))
        values = dict(zip(names, t.values)) if t.values is not None else {}
        reason = t.user_attrs.get(FAIL_REASON_ATTR)
        fixed = {"trial": t.number, "state": t.state.name.lower(), **{n: values.get(n) for n in names}}
        fixed["duration_s"] = t.duration.total_seconds() if t.duration is not None else None
        fixed["fail_reason"] = trial_redactor.text(str(reason)) if reason else None
        fixed["wandb_run_id"] = t.user_attrs.get(RUN_ID_ATTR)
        rows.append((fixed, config))
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


def summary_spec(
    study: optuna.Study,
    info: StudyInfo,
    redactor: Redactor,
    interrupted: bool,
    plots: bool = True,
) -> RunSpec:
    """The summary run of ``study`` as it stands now (charts when ``plots``; the importance chart
    with :func:`~tuneflow.engine.charts.importance_evaluator`, as the HTML report's)."""
    result = TuneResult(study)
    names = result.metric_names
    trials = study.get_trials(deepcopy=False)
    counts = result.counts()
    summary: dict[str, Any] = {
        **info.summary_keys(),
        SUMMARY.N_TRIALS: len(trials),
        SUMMARY.INTERRUPTED: interrupted,
        **{SUMMARY.N_STATE.format(state=state.lower()): n for state, n in counts.items()},
    }
    if not result.ranked:
        summary[SUMMARY.METRIC] = f"none: {NO_METRIC_NOTE}"
    best = result.best_trials if result.top(1) else []  # none without a completed trial or a metric
    if best:
        summary[SUMMARY.BEST_TRIAL] = best[0].number
        summary[SUMMARY.BEST_CONFIG] = redactor.value(result.config_of(best[0]))
        for n, v in zip(names, best[0].values):
            summary[SUMMARY.BEST_METRIC.format(name=n)] = v
        summary[SUMMARY.BEST_RUN_ID] = best[0].user_attrs.get(RUN_ID_ATTR)
    summary = {k: v for k, v in summary.items() if v is not None}
    columns, data = trial_table(redactor, result)
    charts = {}
    if plots and result.ranked:  # the report's charts (the contour aside), under W&B's names
        for name, draw in engine_charts(chart_study(study, redactor), names, importance_evaluator, contour=False):
            if not isinstance(draw, str):
                with contextlib.suppress(Exception):  # one chart that cannot be drawn must not cost the others
                    charts[f"charts/{_NAMES.get(name, name)}"] = draw()
    head = info.summary_run(len(trials), interrupted)
    return dataclasses.replace(head, summary=summary, tables={"trials": (columns, data)}, charts=charts)
