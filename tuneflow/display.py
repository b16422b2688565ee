"""Plain-text views of a result for the terminal: the best trial, a top-N table, a summary."""

from __future__ import annotations

import json
from typing import Any

import click

from tuneflow.result import TuneResult
from tuneflow.storage import DEFAULT_STORAGE, redact_url

__all__ = ["best_payload", "flatten", "print_best", "print_summary"]


def flatten(config: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"model": {"lr": 1}}`` -> ``{"model.lr": 1}`` (W&B's dotted names)."""
    out: dict[str, Any] = {}
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def best_payload(result: TuneResult) -> dict[str, Any]:
    """The best trial(s) as plain data (``tuneflow best --json``)."""
    names = result.metric_names
    trials = []
    for t in result.best_trials:
        trials.append({"number": t.number, "values": dict(zip(names, t.values)), "config": result.config_of(t)})
    payload: dict[str, Any] = {"study": result.study.study_name, "metrics": names}
    if result.is_multi_objective:
        payload["pareto_front"] = trials
    else:
        payload.update(
            {
                "best_value": trials[0]["values"][names[0]],
                "best_trial": trials[0]["number"],
                "best_config": trials[0]["config"],
            }
        )
    payload["counts"] = result.counts()
    return payload


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def print_best(result: TuneResult) -> None:
    """The best configuration and value as an aligned two-column table."""
    try:
        best = result.best_trials
    except ValueError:
        best = []
    if not best:
        click.echo(f"study {result.study.study_name!r} has no completed trial yet ({_counts(result)}).")
        return
    for t in best:
        values = ", ".join(f"{n} = {_fmt(v)}" for n, v in zip(result.metric_names, t.values))
        click.echo(f"best trial #{t.number} of study {result.study.study_name!r}: {values}")
        rows = flatten(result.config_of(t))
        width = max((len(k) for k in rows), default=0)
        for key, value in rows.items():
            click.echo(f"  {key.ljust(width)}  {_fmt(value)}")


def _counts(result: TuneResult) -> str:
    return ", ".join(f"{n} {state.lower()}" for state, n in sorted(result.counts().items())) or "no trials"


def print_summary(result: TuneResult, storage: Any = None) -> None:
    """End-of-run summary: trial counts, the top trials, the best config, where things are."""
    click.echo(f"\nstudy {result.study.study_name!r}: {_counts(result)}")
    if result.stop_reason:
        click.echo(f"stopped early: {result.stop_reason}")
    top = [] if result.is_multi_objective else result.top(5)
    if len(top) > 1:
        names = result.metric_names
        click.echo(f"top {len(top)} trials by {names[0]}:")
        for t in top:
            config = ", ".join(f"{k}={_fmt(v)}" for k, v in flatten(result.config_of(t)).items())
            click.echo(f"  #{t.number:<4} {_fmt(t.value):>10}  {config}")
    print_best(result)
    where = redact_url(storage if storage is not None else DEFAULT_STORAGE)
    click.echo(f"storage: {where} (study {result.study.study_name!r}; run again to resume)")
