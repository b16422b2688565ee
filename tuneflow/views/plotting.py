"""Optuna's plotly figures for a study, each drawn only when the study can support it.

``plots(study_or_result)`` returns the figures a notebook or the HTML report shows:
optimization history, parameter importances, parallel coordinates, contour, slice and
intermediate values (plus the Pareto front for several metrics). A study that cannot draw one
(no completed trial, fewer than two for importances, nothing reported for pruning, one
parameter for a contour) gets a note saying why instead of an exception, so a half-finished
or pruned-heavy study still gets every plot it can have.
"""

from __future__ import annotations

import warnings
from typing import Any

import optuna

from tuneflow.engine.charts import charts, importance_evaluator
from tuneflow.engine.result import NO_METRIC_NOTE, TuneResult

__all__ = ["PLOTS", "PlotSet", "plots", "result_of"]

#: Figure name -> what it shows (the order is the order of notebooks and the report).
PLOTS: dict[str, str] = {
    "history": "Objective value of every completed trial, and the best so far, by trial number.",
    "importances": "How much each parameter explains the objective's variance (fANOVA, seeded).",
    "parallel_coordinate": "Each completed trial as a line through its parameter values, coloured by objective.",
    "contour": "The objective over the two most important parameters, interpolated between trials.",
    "slice": "The objective against each parameter on its own: where the good values lie.",
    "intermediate_values": "The values each trial reported per step (fold or round): where pruning cut trials.",
    "pareto_front": "The trade-off between the metrics: trials no other trial beats on every metric.",
}


class PlotSet(dict[str, Any]):
    """Figures by name (see :data:`PLOTS`), in display order; ``skipped`` maps the rest to why."""

    def __init__(self, figures: dict[str, Any], skipped: dict[str, str]) -> None:
        super().__init__(figures)
        self.skipped = dict(skipped)

    def show(self) -> None:
        """Show every figure (in a notebook: one output per figure), then print the skip notes."""
        for fig in self.values():
            fig.show()
        for name, why in self.skipped.items():
            print(f"{name}: skipped: {why}")

    def __repr__(self) -> str:
        skipped = "; ".join(f"{k}: {v}" for k, v in self.skipped.items())
        return f"PlotSet(figures={list(self)}" + (f", skipped={{{skipped}}})" if skipped else ")")


def result_of(source: Any, what: str) -> TuneResult:
    """An ``optuna.Study`` or a TuneResult as a TuneResult; anything else is a TypeError (``what`` says who asked)."""
    if isinstance(source, optuna.Study):
        return TuneResult(source)
    if not isinstance(source, TuneResult):
        raise TypeError(f"{what} an optuna.Study or a tuneflow.TuneResult, not {type(source).__name__}")
    return source


def _named(study: optuna.Study, names: list[str]) -> list[str]:
    """One name per objective (an unnamed multi-objective study gets ``objective 0``, ...)."""
    n = len(study.directions)
    return names if len(names) == n else ["value"] if n == 1 else [f"objective {i}" for i in range(n)]


def plots(study_or_result: Any, *, seed: int = 0) -> PlotSet:
    """Optuna's plotly figures for a study (or a `tuneflow.TuneResult`), by name.

    Each figure that the study cannot support is skipped, with the reason in ``.skipped``.
    The contour shows the two most important parameters (a full matrix grows as n^2).

    Args:
        study_or_result: An ``optuna.Study`` or a `tuneflow.TuneResult`.
        seed: Seeds the fANOVA importance evaluator, so the same study gives the same figures.

    Returns:
        A dict of plotly figures by name, in display order: ``history``, ``importances``,
        ``parallel_coordinate``, ``contour``, ``slice``, ``intermediate_values`` and, with several
        metrics, ``pareto_front``. Its ``skipped`` attribute maps each figure left out to why;
        ``show()`` shows them all.

    Raises:
        TypeError: ``study_or_result`` is neither a study nor a result.
    """
    result = result_of(study_or_result, "plots() takes")
    study = result.study
    names = _named(study, result.metric_names or list(study.metric_names or ["value"]))
    figures: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        for name, draw in charts(study, names, lambda: importance_evaluator(seed)):
            if not result.ranked and name != "intermediate_values":
                draw = f"{NO_METRIC_NOTE} (its trials all hold the same placeholder value)"
            if isinstance(draw, str):
                skipped[name] = draw
                continue
            try:
                figures[name] = draw()
            except (ValueError, RuntimeError, KeyError) as exc:
                skipped[name] = f"Optuna could not draw it: {type(exc).__name__}: {exc}"
    return PlotSet(figures, skipped)
