"""Which of Optuna's plotly charts a study can have, and how to draw each: the one list both the
HTML report and notebooks (``tuneflow.views.plotting``) and the W&B summary run
(``tuneflow.tracking.summary``) draw from, so the two always show the same charts.

Here, below views/ and tracking/ (which may not import each other), because both need it.

The importance chart uses one evaluator, :func:`importance_evaluator`: seeded fANOVA
(``optuna.importance.FanovaImportanceEvaluator(seed=0)``), not Optuna 5's default PED-ANOVA:
fANOVA decomposes the variance of a random forest fitted to the trials, the same kind of model
W&B's parameter-importance panel fits to sweep runs, so the chart tuneflow writes reads like the
panel next to it; and with a fixed seed the same study always gives the same ranking, so the
report and the summary run of one study can never disagree.

32 trees, not Optuna's 64: ``bench/importance_trees.py`` (three objectives with a known order,
random and TPE, 30 and 100 trials, 5 seeds) compares forests with a 256-tree forest of another
seed: 32 trees kept the same top parameter in 100% of studies and the same full order as often as
64 (77% vs 73% at 30 trials, 83% vs 77% at 100; 256 trees vs 256: 93% / 83%), at half the time
(89 vs 173 ms on 30 trials, 308 vs 608 ms on 100). The mean total-variation distance to the
reference is 0.021 vs 0.020 at 30 trials and 0.023 vs 0.017 at 100. It is the one chart that
needs the last trial, so its time is paid at the end of every study.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations
from typing import Any

import optuna
from optuna.trial import FrozenTrial, TrialState

__all__ = ["IMPORTANCE_SEED", "IMPORTANCE_TREES", "charts", "importance_evaluator"]

IMPORTANCE_SEED = 0
IMPORTANCE_TREES = 32


def importance_evaluator(seed: int | None = IMPORTANCE_SEED) -> Any:
    """A fresh seeded fANOVA evaluator, imported on first use: it pulls in scikit-learn (~2.5 s),
    which ``import tuneflow`` (and every CLI start) should not pay for."""
    from optuna.importance import FanovaImportanceEvaluator

    return FanovaImportanceEvaluator(n_trees=IMPORTANCE_TREES, seed=seed)


def _pick_contour_pair(trials: Sequence[FrozenTrial], ranked: Sequence[str]) -> tuple[str, str] | None:
    """The best-ranked pair of parameters that varies together in at least two trials."""
    for a, b in combinations(ranked, 2):
        both = [t for t in trials if a in t.params and b in t.params]
        if len(both) >= 2 and len({t.params[a] for t in both}) > 1 and len({t.params[b] for t in both}) > 1:
            return a, b
    return None


def charts(
    study: optuna.Study, names: list[str], evaluator: Callable[[], Any] | None, contour: bool = True
) -> Iterator[tuple[str, Callable[[], Any] | str]]:
    """(name, draw function) or (name, reason it cannot be drawn), in display order.

    ``names`` holds one metric name per objective (the first is plotted); ``evaluator`` makes the
    importance evaluator (``None``: no importance chart). ``contour`` ranks the parameters by
    importance first, for the contour of the two most important (one more importance fit).
    """
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
    elif evaluator is not None:
        failed = None
        if contour:
            try:
                importances = optuna.importance.get_param_importances(
                    study, evaluator=evaluator(), target=kw.get("target")
                )
            except (ValueError, RuntimeError) as exc:
                failed = f"Optuna could not compute importances: {exc}"
            else:
                ranked = list(importances) + [p for p in ranked if p not in importances]
        yield "importances", failed or (lambda: vis.plot_param_importances(study, evaluator=evaluator(), **kw))

    no_params = "the trials have no parameters" if n_done else no_trials
    yield "parallel_coordinate", (lambda: vis.plot_parallel_coordinate(study, **kw)) if freq else no_params

    if contour:
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
