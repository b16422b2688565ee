"""The HTML report: one self-contained file with a study's summary, best trials and plots.

plotly.js is embedded inline (about 5 MB), so the file opens offline, from an e-mail or an
artifact store, with nothing fetched. The page records its own health on ``<html>``:
``data-plots-drawn`` counts the figures plotly finished drawing and ``data-js-errors`` counts
script errors, so a headless browser (or a curious reader) can tell that it rendered.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine.result import NO_METRIC_NOTE, TuneResult
from tuneflow.keys import METRICS_ATTR
from tuneflow.redact import Redactor, chart_study, redact_url, storage_secrets
from tuneflow.search.space import flatten
from tuneflow.values import is_number
from tuneflow.version import __version__
from tuneflow.views.display import fail_reason, format_value, shown_config
from tuneflow.views.plotting import PLOTS, plots, result_of

__all__ = ["render_report", "write_report"]

_TITLES = {
    "history": "Optimization history",
    "importances": "Parameter importances",
    "parallel_coordinate": "Parallel coordinates",
    "contour": "Contour",
    "slice": "Slice",
    "intermediate_values": "Intermediate values",
    "pareto_front": "Pareto front",
}
# Runs first in <head>: counts script errors before plotly.js or any figure can raise one.
_ERROR_HOOK = """<script>
window.addEventListener("error", function (e) {
  var root = document.documentElement;
  root.setAttribute("data-js-errors", String(Number(root.getAttribute("data-js-errors") || 0) + 1));
  root.setAttribute("data-last-js-error", String(e.message));
});
</script>"""
# Runs after each Plotly.newPlot promise resolves (plotly's `post_script`).
_DRAWN = (
    "var r = document.documentElement; "
    "r.setAttribute('data-plots-drawn', String(Number(r.getAttribute('data-plots-drawn') || 0) + 1));"
)
_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note { color: #555; font-size: .9rem; } footer { margin-top: 3rem; color: #888; font-size: .8rem; }
"""


def _cell(value: Any) -> str:
    numeric = is_number(value)
    cls = ' class="num"' if numeric else ""
    text = "null" if value is None else format_value(value)  # a JSON reader's word for a null config value
    return f"<td{cls}>{html.escape(text)}</td>"


def _table(header: Sequence[str] | None, rows: Sequence[Sequence[Any]]) -> str:
    names = "".join(f"<th>{html.escape(h)}</th>" for h in header or ())
    head = "" if header is None else f"<thead><tr>{names}</tr></thead>"
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table>{head}<tbody>{body}</tbody></table>"


def _seconds(trial: FrozenTrial) -> float | None:
    return None if trial.duration is None else round(trial.duration.total_seconds(), 3)


def _trials_table(
    result: TuneResult, trials: list[FrozenTrial], columns: list[str], numbers: Callable[..., Any]
) -> str:
    """Trials as rows: number, ``columns`` (``numbers(trial)``), seconds, the config as train got it."""
    configs = [flatten(shown_config(result, t)) for t in trials]
    keys = list(dict.fromkeys(k for c in configs for k in c))
    rows = [
        [t.number, *numbers(t), _seconds(t), *(c.get(k, "") for k in keys)]
        for t, c in zip(trials, configs, strict=True)
    ]
    return _table(["trial", *columns, "seconds", *keys], rows)


def _summary(result: TuneResult, storage: Any) -> str:
    study, meta, names = result.study, result.meta, result.metric_names
    goals = [d.name.lower() for d in study.directions]
    counts = ", ".join(f"{n} {s.lower()}" for s, n in sorted(result.counts().items())) or "none"
    rows: list[tuple[str, Any]] = [("study", study.study_name)]
    if meta.get("recipe") and meta["recipe"] != study.study_name:
        rows.append(("recipe", meta["recipe"]))
    rows.append(("metric", ", ".join(f"{n} ({g})" for n, g in zip(names, goals)) or f"none: {NO_METRIC_NOTE}"))
    if meta.get("method"):
        rows.append(("method", meta["method"]))
    if meta.get("seed") is not None:
        rows.append(("seed", meta["seed"]))
    if storage is not None:
        rows.append(("storage", redact_url(storage)))
    rows.append(("trials", counts))
    done = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if result.ranked and done and not result.is_multi_objective:
        best = result.best_trial
        rows.append((f"best {names[0]}", f"{format_value(best.value)} (trial #{best.number})"))
    elif result.ranked and done:
        rows.append(("Pareto front", f"{len(result.best_trials)} trials"))
    durations = [s for s in map(_seconds, study.get_trials(deepcopy=False)) if s is not None]
    if durations:
        rows.append(("trial time", f"{sum(durations):.1f} s in total, {sum(durations) / len(durations):.2f} s mean"))
    return _table(None, rows)


def _recorded_trials(result: TuneResult, top_n: int) -> str:
    """A study without a metric: its first completed trials, by number, with what they returned."""
    done = result.study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    note = f'<p class="note">{html.escape(NO_METRIC_NOTE[0].upper() + NO_METRIC_NOTE[1:])}.'
    if not done:
        return note + " No completed trial yet.</p>"
    trials = done[:top_n]
    values = list(dict.fromkeys(k for t in trials for k in t.user_attrs.get(METRICS_ATTR) or {}))
    table = _trials_table(
        result, trials, values, lambda t: [(t.user_attrs.get(METRICS_ATTR) or {}).get(v, "") for v in values]
    )
    shown = f"the first {len(trials)} of {len(done)}" if len(done) > len(trials) else f"all {len(done)}"
    return note + f" Completed trials ({shown}), in order, with the numbers train returned.</p>" + table


def _best_trials(result: TuneResult, top_n: int) -> str:
    if not result.ranked:
        return _recorded_trials(result, top_n)
    trials = result.top(top_n)
    if not trials:
        return '<p class="note">No completed trial yet.</p>'
    table = _trials_table(result, trials, result.metric_names, lambda t: t.values)
    front = len(result.best_trials) if result.is_multi_objective else 0
    if not front:
        what = f"The {len(trials)} best completed trials"
    elif front > len(trials):
        what = f"The first {len(trials)} of {front} Pareto-optimal trials"
    else:
        what = "Pareto-optimal trials"
    return f'<p class="note">{what}; configs as the train function received them.</p>' + table


def _failures(result: TuneResult) -> str:
    failed = result.study.get_trials(deepcopy=False, states=(TrialState.FAIL,))
    if not failed:
        return ""
    reasons: dict[str, list[int]] = {}
    for t in failed:
        reasons.setdefault(fail_reason(result, t), []).append(t.number)
    rows = [
        [", ".join(f"#{n}" for n in numbers[:10]) + (" ..." if len(numbers) > 10 else ""), reason]
        for reason, numbers in reasons.items()
    ]
    return "<h2>Failed trials</h2>" + _table(["trials", "reason"], rows)


def render_report(source: Any, *, storage: Any = None, top_n: int = 10) -> str:
    """The report as one HTML string (see :func:`write_report`)."""
    import plotly.offline

    result = result_of(source, "a report needs")
    # The plots show parameter values and (Pareto hover) stored configs: drawn without the secrets.
    figures = plots(chart_study(result.study, Redactor(storage_secrets(result.study))))
    name = result.study.study_name
    sections = []
    for key, fig in figures.items():
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"plot-{key}",
            post_script=_DRAWN,
            config={"displaylogo": False, "responsive": True},
        )
        sections.append(f'<section><h2>{_TITLES[key]}</h2><p class="note">{html.escape(PLOTS[key])}</p>{div}</section>')
    if figures.skipped:
        items = "".join(f"<li>{_TITLES[k]}: {html.escape(v)}</li>" for k, v in figures.skipped.items())
        sections.append(f'<section><h2>Plots not drawn</h2><ul class="note">{items}</ul></section>')
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="en" data-plots-expected="{len(figures)}">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>tuneflow report: {html.escape(name)}</title>",
            _ERROR_HOOK,
            f"<style>{_CSS}</style>",
            f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
            "</head>",
            "<body>",
            f"<h1>tuneflow report: study {html.escape(name)}</h1>",
            "<h2>Summary</h2>",
            _summary(result, storage),
            "<h2>Best trials</h2>",
            _best_trials(result, top_n),
            _failures(result),
            *sections,
            f"<footer>Generated {generated} by tuneflow {__version__} with Optuna {optuna.__version__}.</footer>",
            "</body>",
            "</html>",
        ]
    )


def write_report(source: Any, path: str | Path = "report.html", *, storage: Any = None, top_n: int = 10) -> Path:
    """Write the HTML report of a study (or a TuneResult) to ``path``; return the path.

    One self-contained file: the study's summary, its best trials, its failures and every plot
    `plots` draws. The file embeds plotly.js, so it needs no network to open.

    Args:
        source: An ``optuna.Study`` or a `tuneflow.TuneResult`.
        path: Where to write; missing folders are created.
        storage: The storage URL to show in the summary, with any password masked.
        top_n: How many of the best trials the table lists.

    Returns:
        The path written.

    Raises:
        TypeError: ``source`` is neither a study nor a result.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(source, storage=storage, top_n=top_n), encoding="utf-8")
    return out
