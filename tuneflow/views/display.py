"""Plain-text views of a result for the terminal: the best trial, a top-N table, a summary.

Every view shows a trial's config and failure reason as W&B runs hold them (:func:`shown_config`,
:func:`fail_reason`): secret-named values and quoted secrets as ``***`` (:mod:`tuneflow.redact`).
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import click
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine.result import NO_METRIC_NOTE, TuneResult
from tuneflow.engine.storage import DEFAULT_STORAGE
from tuneflow.errors import TuneflowError
from tuneflow.keys import FAIL_REASON_ATTR, FAIL_REASON_SYSTEM_ATTR, RUN_PATH_ATTR, STORAGE_ENV
from tuneflow.redact import Redactor, redact_url, storage_secrets
from tuneflow.search.space import flatten
from tuneflow.values import is_number

__all__ = [
    "best_payload",
    "fail_reason",
    "first_failures",
    "format_value",
    "no_completed_trial",
    "print_best",
    "print_summary",
    "require_completed",
    "shown_config",
    "table_lines",
]

#: How many failed trials' reasons the closing summary and errors show.
FIRST_FAILURES = 3


def first_failures(result: TuneResult, n: int = FIRST_FAILURES) -> list[str]:
    """``#N: reason`` of the first ``n`` failed trials (their reasons say what to fix first)."""
    failed = result.study.get_trials(deepcopy=False, states=(TrialState.FAIL,))
    return [f"#{t.number}: {fail_reason(result, t)}" for t in failed[:n]]


def _redactor(result: TuneResult, trial: FrozenTrial) -> tuple[Redactor, dict[str, Any]]:
    """The redactor W&B runs use for ``trial`` (storage password, its secret config values), and its config."""
    config = result.config_of(trial)
    return Redactor(storage_secrets(result.study)).including(config), config


def shown_config(result: TuneResult, trial: FrozenTrial) -> dict[str, Any]:
    """The trial's config as its W&B run holds it: secret-named values and quoted secrets as ``***``."""
    redactor, config = _redactor(result, trial)
    return redactor.value(config)


def fail_reason(result: TuneResult, trial: FrozenTrial) -> str:
    """Why a FAIL trial failed (what train raised, else what the reaper or the loop recorded), secrets as ``***``."""
    reason = trial.user_attrs.get(FAIL_REASON_ATTR) or trial.system_attrs.get(FAIL_REASON_SYSTEM_ATTR)
    return _redactor(result, trial)[0].text(str(reason)) if reason else "no reason recorded"


def no_completed_trial(result: TuneResult) -> str | None:
    """One line saying why a study has nothing to show (no completed trial), or None if it has one."""
    if result.counts().get("COMPLETE", 0):
        return None
    name = result.study.study_name
    if not result.study.get_trials(deepcopy=False):
        return f"study {name!r} has no trials yet; run it with `tuneflow run`."
    line = f"study {name!r} has no completed trial ({_counts(result)})"
    if result.stop_reason:
        line += f"; stopped: {result.stop_reason}"
    failures = first_failures(result, 1)
    return _one_line(line + (f"; first failure: trial {failures[0]}" if failures else "") + ".", 600)


def require_completed(result: TuneResult) -> None:
    """Raise a one-line :class:`TuneflowError` when the study has no completed trial."""
    problem = no_completed_trial(result)
    if problem:
        raise TuneflowError(problem)


def best_payload(result: TuneResult) -> dict[str, Any]:
    """The best trial(s) as plain data (``tuneflow best --json``); the study must have a completed trial.

    Configs are redacted as everywhere else: a script's output ends up in CI logs and shells'
    scrollback, and a secret belongs to the script's environment, not to a tuning result. Code
    that needs the values as train received them reads ``tuneflow.load_result(...).best_config``.
    """
    require_completed(result)
    if not result.ranked:
        return {
            "study": result.study.study_name,
            "metrics": [],
            "ranked": False,
            "note": NO_METRIC_NOTE,
            "counts": result.counts(),
        }
    names = result.metric_names
    trials: list[dict[str, Any]] = [
        {"number": t.number, "values": dict(zip(names, t.values)), "config": shown_config(result, t)}
        for t in result.best_trials
    ]
    payload: dict[str, Any] = {"study": result.study.study_name, "metrics": names}
    if result.is_multi_objective:
        payload["pareto_front"] = trials
    else:
        best = trials[0]
        payload |= {"best_value": best["values"][names[0]], "best_trial": best["number"], "best_config": best["config"]}
    payload["counts"] = result.counts()
    return payload


def format_value(value: Any, digits: int = 6) -> str:
    """A config or metric value as text: ``digits`` significant digits for floats, JSON for lists and dicts."""
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def print_best(result: TuneResult) -> None:
    """The best configuration and value as an aligned two-column table."""
    if not result.ranked:
        click.echo(f"study {result.study.study_name!r}: {NO_METRIC_NOTE} ({_counts(result)}).")
        return
    if not result.top(1):
        click.echo(f"study {result.study.study_name!r} has no completed trial yet ({_counts(result)}).")
        return
    for t in result.best_trials:
        values = ", ".join(f"{n} = {format_value(v)}" for n, v in zip(result.metric_names, t.values))
        click.echo(f"best trial #{t.number} of study {result.study.study_name!r}: {values}")
        rows = flatten(shown_config(result, t))
        width = max((len(k) for k in rows), default=0)
        for key, value in rows.items():
            click.echo(f"  {key.ljust(width)}  {format_value(value)}")


def _counts(result: TuneResult) -> str:
    return ", ".join(f"{n} {state.lower()}" for state, n in sorted(result.counts().items())) or "no trials"


def table_lines(header: list[str], rows: list[list[Any]], width: int | None = None) -> tuple[list[str], int]:
    """An aligned text table (numbers right-aligned) cut to ``width`` columns of text.

    Returns the lines and how many trailing columns did not fit.
    """
    cells = [[format_value(v, digits=4) for v in row] for row in rows]  # a table cell: 4 significant digits
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    right = [all(is_number(row[i]) for row in rows) for i in range(len(header))]
    keep, used = 0, 0
    for w in widths:
        if width is not None and keep > 0 and used + w + 2 > width:
            break
        keep, used = keep + 1, used + w + 2

    def line(values: list[str]) -> str:
        parts = [v.rjust(widths[i]) if right[i] else v.ljust(widths[i]) for i, v in enumerate(values[:keep])]
        return "  " + "  ".join(parts).rstrip()

    return [line(header), *(line(r) for r in cells)], len(header) - keep


def print_summary(result: TuneResult, storage: Any = None, *, top_n: int = 5) -> None:
    """End-of-run summary: trial counts, a table of the top trials, and where everything is.

    The table has one row per trial (best first): its number, metric, seconds and the
    flattened config, cut to the terminal's width. Then the storage (password masked), the
    command that writes the HTML report and the W&B run of the best trial.
    """
    study = result.study
    click.echo(f"\nstudy {study.study_name!r}: {_counts(result)}")
    if result.stop_reason:
        click.echo(f"stopped: {result.stop_reason}")
    failures = first_failures(result)
    if failures:
        click.echo(f"first failures (of {result.counts().get('FAIL', 0)}):")
        for line in failures:
            click.echo(f"  {_one_line(line)}")
    top = result.top(top_n)
    hidden = 0
    if top and not result.is_multi_objective:
        names = result.metric_names
        configs = [flatten(shown_config(result, t)) for t in top]
        keys = list(dict.fromkeys(k for c in configs for k in c))
        header = ["trial", names[0], "seconds", *keys]
        rows = [[f"#{t.number}", t.value, _seconds(t), *(c.get(k, "") for k in keys)] for t, c in zip(top, configs)]
        goal = study.direction.name.lower()
        click.echo(f"top {len(top)} of {result.counts().get('COMPLETE', 0)} completed trials by {names[0]} ({goal}):")
        lines, hidden = table_lines(header, rows, shutil.get_terminal_size((120, 24)).columns)
        for text in lines:
            click.echo(text)
    if not result.ranked:
        click.echo(f"{NO_METRIC_NOTE}: every trial's config and what it returned are in the report.")
    elif not top or hidden or result.is_multi_objective:
        if hidden:
            click.echo(f"  ({hidden} more columns; the best trial in full:)")
        print_best(result)
    where = redact_url(storage if storage is not None else DEFAULT_STORAGE)
    masked = storage is not None and where != str(storage)  # a masked password cannot be pasted back
    flags = (f" --storage {where}" if storage is not None and not masked else "") + f" --study-name {study.study_name}"
    note = f" (with the storage URL in ${STORAGE_ENV})" if masked else ""
    if top and not hidden and not result.is_multi_objective:
        best = top[0]
        click.echo(
            f"best:    trial #{best.number}, {result.metric_names[0]} = {format_value(best.value)}; "
            f"full config: tuneflow best{flags}{note}"
        )
    click.echo(f"storage: {where} (study {study.study_name!r}; run again to resume)")
    click.echo(f"report:  tuneflow report{flags} -o report.html{note}")
    run_path = top[0].user_attrs.get(RUN_PATH_ATTR) if top else None
    if run_path:
        click.echo(f"W&B:     best trial #{top[0].number} is run {run_path} (one run per trial)")


def _one_line(text: str, width: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _seconds(trial: Any) -> float | str:
    duration = trial.duration
    return round(duration.total_seconds(), 2) if duration is not None else ""
