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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from tuneflow.views.importance import importance_evaluator

__all__ = ["PLOTS", "PlotSet", "plots"]

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


def _study_of(source: Any) -> tuple[optuna.Study, list[str]]:
    """The Optuna study and its metric names, from a study or a TuneResult."""
    if isinstance(source, optuna.Study):
        from tuneflow.engine.result import TuneResult

        return source, _named(source, TuneResult(source).metric_names)
    study = getattr(source, "study", None)
    if not isinstance(study, optuna.Study):
        raise TypeError(f"plots() takes an optuna.Study or a tuneflow.TuneResult, not {type(source).__name__}")
    names = list(getattr(source, "metric_names", None) or study.metric_names or ["value"])
    return study, _named(study, names)


def _named(study: optuna.Study, names: list[str]) -> list[str]:
    """One name per objective (an unnamed multi-objective study gets ``objective 0``, ...)."""
    n = len(study.directions)
    return names if len(names) == n else ["value"] if n == 1 else [f"objective {i}" for i in range(n)]


def _pick_contour_pair(trials: Sequence[FrozenTrial], ranked: Sequence[str]) -> tuple[str, str] | None:
    """The best-ranked pair of parameters that varies together in at least two trials."""
    for a, b in combinations(ranked, 2):
        both = [t for t in trials if a in t.params and b in t.params]
        if len(both) >= 2 and len({t.params[a] for t in both}) > 1 and len({t.params[b] for t in both}) > 1:
            return a, b
    return None


def _figures(study: optuna.Study, names: list[str], seed: int) -> Iterator[tuple[str, Callable[[], Any] | str]]:
    """(name, draw function) or (name, reason it cannot be drawn), in display order."""
    from optuna import visualization as vis

    complete = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    multi = len(study.directions) > 1
    # One objective to plot: the (first) metric; Optuna needs `target` for several.
    kw: dict[str, Any] = {"target_name": names[0]}
    if multi:
        kw["target"] = lambda t: t.values[0]
    n_done = len(complete)
    freq = Counter(p for t in complete for p in t.params)
    varying = [p for p in freq if len({t.params[p] for t in complete if p in t.params}) > 1]
    no_trials = f"no completed trial yet ({n_done} complete)"

    yield "history", (lambda: vis.plot_optimization_history(study, **kw)) if n_done else no_trials

    ranked = sorted(varying, key=lambda p: (-freq[p], p))
    if n_done < 2:
        yield "importances", f"needs at least 2 completed trials, the study has {n_done}"
    elif not varying:
        yield "importances", "no parameter took more than one value among the completed trials"
    else:
        try:
            importances = optuna.importance.get_param_importances(
                study, evaluator=importance_evaluator(seed), target=kw.get("target")
            )
        except (ValueError, RuntimeError) as exc:
            yield "importances", f"Optuna could not compute importances: {exc}"
        else:
            order = list(importances)
            ranked = order + [p for p in ranked if p not in importances]
            evaluator = importance_evaluator(seed)
            yield "importances", lambda: vis.plot_param_importances(study, evaluator=evaluator, **kw)

    no_params = "the trials have no parameters" if n_done else no_trials
    yield "parallel_coordinate", (lambda: vis.plot_parallel_coordinate(study, **kw)) if freq else no_params

    pair = _pick_contour_pair(complete, ranked)
    if pair is None:
        yield "contour", "needs two parameters that vary together in at least 2 completed trials"
    else:
        yield "contour", lambda: vis.plot_contour(study, params=list(pair), **kw)

    yield "slice", (lambda: vis.plot_slice(study, **kw)) if freq else no_params

    if multi:
        yield "intermediate_values", "a multi-objective study has no intermediate values (Optuna cannot prune it)"
    elif not any(t.intermediate_values for t in study.get_trials(deepcopy=False)):
        yield "intermediate_values", "no trial reported intermediate values (call trial.report(value, step))"
    else:
        yield "intermediate_values", lambda: vis.plot_intermediate_values(study)

    if multi:
        yield "pareto_front", (lambda: vis.plot_pareto_front(study, target_names=names)) if n_done else no_trials


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
    study, names = _study_of(study_or_result)
    from tuneflow.engine.result import NO_METRIC_NOTE, TuneResult

    ranked = study_or_result.ranked if isinstance(study_or_result, TuneResult) else TuneResult(study).ranked
    figures: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        for name, draw in _figures(study, names, seed):
            if not ranked and name != "intermediate_values":
                draw = f"{NO_METRIC_NOTE} (its trials all hold the same placeholder value)"
            if isinstance(draw, str):
                skipped[name] = draw
                continue
            try:
                figures[name] = draw()
            except (ValueError, RuntimeError, KeyError) as exc:
                skipped[name] = f"Optuna could not draw it: {type(exc).__name__}: {exc}"
    return PlotSet(figures, skipped)
