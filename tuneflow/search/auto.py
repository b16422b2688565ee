"""``method: auto``: choose an Optuna sampler and its settings from the recipe, as measured.

The choice depends only on what is known before the first trial: the shape of the space (types,
dimension, conditional or not, large categoricals), the budget (``n_trials`` or ``run_cap``, or
none) and the number of objectives; not whether torch is installed: the same recipe runs the same
search on every install. Every rule below is backed by a cell of BENCHMARKS.md (bench/search_quality.py).
The samplers are Optuna's, with their documented options, and their compositions
(tuneflow.search.portfolio); one model is tuneflow's own, for a measured reason: a GP with one length
scale models fixed spaces of up to 20 parameters (tuneflow.search.isotropic, W&B's model on
scikit-learn), with TPE every third trial; Optuna's GPSampler (with torch) was behind it.

The same module decides what W&B's ``method: bayes`` maps to (:func:`bayes_choice`): ``auto``'s choice
for one metric, on every install (where a GP runs, W&B's own model), so a W&B sweep with ``method: bayes``
runs the same search with or without torch. ``method: gp`` always means Optuna's GPSampler (and needs torch).
:func:`resolve` turns any recipe method into the concrete sampler that runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tuneflow.search.ordinal import orders_of
from tuneflow.search.space import SearchSpace

__all__ = [
    "ARD_FROM",
    "ENDGAME_FROM",
    "ENDGAME_SHARE",
    "ISOTROPIC_UNTIL",
    "LOCAL_CANDIDATES",
    "ORDINAL_METHODS",
    "WARP",
    "Choice",
    "SpaceShape",
    "bayes_choice",
    "choose",
    "ordered",
    "resolve",
    "startup",
]

#: More choices than this in one categorical: TPE models it better than GP's one-hot kernel.
LARGE_CATEGORICAL = 10
#: Above this many searched parameters GP's fit and acquisition cost too much per suggestion.
GP_MAX_DIMENSION = 20
#: Above this budget ``auto`` runs TPE. Set when Optuna's GPSampler ran, whose cost grew with the cube of the
#: trials; today's GP fits at most 100, so its cost stops growing (0.10-0.26 s a trial at 500 with ``ARD_FROM``,
#: 1.5-3.4 times W&B's engine; BENCHMARKS.md, "What a suggestion costs"). Kept on a measurement (before ``ARD_FROM``):
#: at 400 trials on 10 design tasks TPE was ahead of W&B's ``bayes`` in 23 / 6 searches and in the aggregate, the GP
#: in 22 / 7 but stalled on a plateau (a decision tree), worse than random.
GP_MAX_TRIALS = 300
#: Budget from which NSGA-II's generations pay off for several objectives.
NSGA2_MIN_TRIALS = 1000
#: GP's random start: a few points, as W&B's ``bayes`` (it fits from 2 finished runs on).
GP_STARTUP = 4
#: TPE's random start: fewer than Optuna's 10, so a 20-trial budget is not half random.
TPE_STARTUP = 5
#: TPE's candidates per suggestion where it stands in for GP (continuous or all-categorical spaces;
#: Optuna's default: 24): sharper on smooth spaces; on mixed spaces it was worse (design half, issue 16).
TPE_EI_CANDIDATES = 64
#: TPE's prior weight on mixed and discrete spaces (Optuna's default: 1): with the prior's weight at
#: 1 beside a few good trials, TPE settled on the first good model of a flat model-as-categorical
#: space and stayed; 3 keeps the other values in reach (design and fresh-flat halves, issue 16).
#: Optuna 4.9 deprecated ``prior_weight`` (removal planned for 6.0; tuneflow requires optuna<6):
#: it needs a replacement before that pin moves (tests/search/test_methods.py fails when it goes).
TPE_PRIOR_WEIGHT = 3.0
#: The samplers ``ordinal`` may wrap (model-based ones that read the study's trials; tuneflow.search.ordinal).
ORDINAL_METHODS = ("tpe", "gp", "isogp+tpe")
#: ``isogp+tpe``: after TPE's random start a GP with one length scale proposes (tuneflow.search.isotropic,
#: W&B's model, on scikit-learn), and from this trial on every ``GP_TPE_EVERY``-th trial is TPE's. Kept
#: without torch on continuous spaces on the fresh-early (first trials) and fresh-continuous (beyond them)
#: halves of issue 16, on mixed, discrete and categorical ones on fresh-mixed; with torch too (instead of
#: Optuna's GPSampler with TPE every 3rd trial, and TPE on mixed spaces) on fresh-torch.
ISOTROPIC_UNTIL = 10
#: ``isogp+tpe``: from trial ``ISOTROPIC_UNTIL`` the GP also scores this many candidates
#: drawn around the best trials beside its uniform ones (option ``local``): with uniform candidates only,
#: its lead over TPE was gone between trial 100 and 200 (design half and fresh-local half, issue 16).
LOCAL_CANDIDATES = 1000
#: ``isogp+tpe``: the values the GP of one length scale models are warped by a power transform fitted to
#: them (tuneflow.search.warp; TPE reads only their order): standardized values let one diverged trial
#: flatten the rest (design half and fresh-warp half, issue 16).
WARP = "power"
#: Where ``auto`` runs its GP, every this-many-th trial from ``ISOTROPIC_UNTIL`` is TPE's
#: (tuneflow.search.portfolio): a GP alone settles in one basin of a multimodal function (design half, issue 16).
GP_TPE_EVERY = 3
#: Where ``auto`` runs its GP with a budget of this many trials or more, the budget's last
#: ``1 / ENDGAME_SHARE`` is the endgame: the GP proposes the untried candidate of least predicted loss
#: (not of most expected improvement), never TPE (the last 10 of 50 trials, 20 of 100): exploring pays
#: later, refining the best region pays now (design half and fresh-varied half, issue 16). Below it, level.
ENDGAME_FROM = 50
ENDGAME_SHARE = 5
#: Where ``auto`` runs its GP, from this many trials the GP after ``ISOTROPIC_UNTIL`` and the endgame fit one
#: length scale per parameter (option ``ard_from``): on a space of many floats of which few matter, one length
#: scale must be as short as the most sensitive parameter's (design half, the real fits of three read halves and
#: the fresh-wide half, issue 16).
ARD_FROM = 20


@dataclass(frozen=True)
class SpaceShape:
    """What ``auto`` looks at in a space: how many searched parameters of each kind."""

    dimension: int
    n_categorical: int
    n_float: int
    largest_categorical: int
    conditional: bool
    n_ordered: int = 0  # numeric values lists (tuneflow.search.ordinal): searched in order by the models

    @classmethod
    def of(cls, space: SearchSpace | None) -> SpaceShape:
        """The shape of a parameters block; a define-by-run space (None) is conditional, size unknown."""
        if space is None:
            return cls(dimension=0, n_categorical=0, n_float=0, largest_categorical=0, conditional=True)
        searched = [p for p in space.params if p.kind != "constant"]
        cats = [len(p.spec["values"]) for p in searched if p.kind == "categorical"]
        floats = [p for p in searched if _is_float(p)]
        ordered = len(orders_of(space))
        return cls(len(searched), len(cats), len(floats), max(cats, default=0), conditional=False, n_ordered=ordered)

    @property
    def kind(self) -> str:
        """``continuous`` (floats only), ``categorical`` (categoricals only), ``mixed`` (floats beside
        integers or categoricals) or ``discrete`` (integers, with or without categoricals, no floats)."""
        if self.n_float == self.dimension:
            return "continuous"
        if self.n_categorical == self.dimension:
            return "categorical"
        return "mixed" if self.n_float else "discrete"

    def describe(self) -> str:
        if self.conditional:
            return "a define-by-run (conditional) space"
        text = f"{self.dimension} {self.kind} parameters"
        if self.n_categorical:
            text += f" (largest categorical: {self.largest_categorical} values)"
        return text


def _is_float(param: Any) -> bool:
    from optuna.distributions import FloatDistribution

    dist = param.distribution()
    return isinstance(dist, FloatDistribution) and dist.step is None


@dataclass(frozen=True)
class Choice:
    """The sampler ``auto`` (or ``bayes``' mapping) resolved to, with its options and the reason."""

    method: str
    options: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""
    #: The options are tuneflow's choice (``auto``, ``bayes``), not named by the user: Optuna's
    #: deprecation warnings about them are tuneflow's to act on (``make_sampler`` keeps them quiet).
    chosen: bool = False

    def describe(self) -> str:
        """One line: the sampler, its options and why (what tuneflow says and records)."""
        opts = ", ".join(f"{k}={v!r}" for k, v in sorted(self.options.items()))
        return f"{self.method}({opts}): {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able record (the study's user attribute): method, options (text where not JSON), reason, line."""
        options = {
            k: v if isinstance(v, (bool, int, float, str, type(None))) else repr(v) for k, v in self.options.items()
        }
        return {"method": self.method, "options": options, "reason": self.reason, "line": self.describe()}


def startup(default: int, budget: int | None) -> int:
    """A random start of ``default`` trials, at most a fifth of a small budget (at least 2)."""
    return default if budget is None else max(2, min(default, budget // 5))


def choose(
    space: SearchSpace | None,
    n_trials: int | None,
    n_objectives: int = 1,
    parallel: bool = False,
) -> Choice:
    """The method and sampler options ``auto`` runs for this recipe shape (the same with or without torch).

    ``n_trials`` is the budget known up front (the recipe's ``run_cap`` or ``tune``'s
    ``n_trials``; None when unbounded). ``parallel`` (``n_jobs > 1`` or a worker of a shared study):
    a GP proposes near-duplicates of running trials (BENCHMARKS.md), TPE's constant liar does not, so
    no GP runs then. Where one metric is modelled, numeric values lists are searched in order
    (:func:`ordered`).
    """
    choice = _choose(space, n_trials, n_objectives, parallel)
    choice = ordered(choice, SpaceShape.of(space)) if n_objectives == 1 else choice
    return dataclasses.replace(choice, chosen=True)


def ordered(choice: Choice, shape: SpaceShape) -> Choice:
    """``choice`` with ``ordinal=True`` where a model (TPE, GP) searches numeric values lists.

    W&B's ``bayes`` reads such a list as one ordered axis, Optuna's samplers as unordered
    categories; ``ordinal`` has them search the list's sorted positions (tuneflow.search.ordinal).
    Chosen on the design half of issue 16's benchmark (BENCHMARKS.md).
    """
    if not shape.n_ordered or choice.method not in ORDINAL_METHODS or "ordinal" in choice.options:
        return choice  # an explicit ``ordinal`` (bayes' sampler_options) is the user's
    lists = "list" if shape.n_ordered == 1 else "lists"
    return Choice(
        choice.method,
        {**choice.options, "ordinal": True},
        f"{choice.reason}; {shape.n_ordered} numeric values {lists} searched in order, as W&B's `bayes` reads them",
    )


def _choose(space: SearchSpace | None, n_trials: int | None, n_objectives: int, parallel: bool) -> Choice:
    shape = SpaceShape.of(space)
    budget = "no budget" if n_trials is None else f"{n_trials} trials"
    if n_objectives == 0:  # a sweep without a metric: nothing to learn from, W&B allows grid/random
        return Choice("random", {}, "the recipe has no metric: nothing to model, random search as in W&B")
    if n_objectives > 1:
        if n_trials is not None and n_trials >= NSGA2_MIN_TRIALS:
            return Choice("nsga2", {}, f"{n_objectives} objectives and {budget}: NSGA-II's generations pay off")
        return Choice(
            "tpe",
            {"n_startup_trials": startup(TPE_STARTUP * 2, n_trials)},
            f"{n_objectives} objectives and {budget} (under {NSGA2_MIN_TRIALS}): multi-objective TPE",
        )
    if shape.conditional:
        return Choice(
            "tpe",
            {"group": True, "n_startup_trials": startup(TPE_STARTUP, n_trials)},
            "a define-by-run (conditional) space: TPE models each branch (group=True)",
        )
    if shape.dimension == 0:
        return Choice("random", {}, "every parameter is a constant: nothing to model")
    tpe = Choice("tpe", {"n_startup_trials": startup(TPE_STARTUP, n_trials)}, "")
    if shape.largest_categorical > LARGE_CATEGORICAL:
        return _why(tpe, f"{shape.describe()}: a categorical of more than {LARGE_CATEGORICAL} values suits TPE")
    if shape.kind in ("mixed", "discrete"):
        prior = Choice("tpe", {**tpe.options, "prior_weight": TPE_PRIOR_WEIGHT}, "")
        no_gp = _no_gp(shape, n_trials, parallel)
        return _why(prior, no_gp) if no_gp else _isotropic(prior, shape, f"{shape.describe()}, {budget}", n_trials)
    # continuous or all-categorical from here: where TPE runs, it stands in for GP
    tpe = Choice("tpe", {**tpe.options, "n_ei_candidates": TPE_EI_CANDIDATES}, "")
    no_gp = _no_gp(shape, n_trials, parallel)
    return _why(tpe, no_gp) if no_gp else _isotropic(tpe, shape, f"{shape.describe()}, {budget}", n_trials)


def _why(choice: Choice, reason: str) -> Choice:
    return Choice(choice.method, dict(choice.options), reason)


def _no_gp(shape: SpaceShape, n_trials: int | None, parallel: bool) -> str | None:
    """Why no GP runs on this shape and budget (its cost, or parallel trials); None where one may."""
    if shape.dimension > GP_MAX_DIMENSION:
        return f"{shape.describe()}: above {GP_MAX_DIMENSION} parameters GP costs too much per trial"
    if n_trials is not None and n_trials > GP_MAX_TRIALS:
        return f"{n_trials} trials: above {GP_MAX_TRIALS} TPE, steadier than the GP at 400 trials"
    if parallel:
        return f"{shape.describe()}, parallel trials: GP would propose near-duplicates of running trials"
    return None


def _isotropic(tpe: Choice, shape: SpaceShape, why: str, n_trials: int | None) -> Choice:
    """``auto``'s GP (``isogp+tpe``): ``tpe``'s start and options, then the GP of one length scale.

    With a budget of ``ENDGAME_FROM`` trials or more, its last fifth is the endgame (options ``final``,
    the trials it takes, and ``budget``: where it ends, counted from the trials the study has when it starts).
    """
    categoricals = ", categoricals read as W&B reads them" if shape.n_categorical else ""
    options = {**tpe.options, "every": GP_TPE_EVERY, "local": LOCAL_CANDIDATES, "warp": WARP, "ard_from": ARD_FROM}
    endgame = ""
    if n_trials is not None and n_trials >= ENDGAME_FROM:
        options.update(final=n_trials // ENDGAME_SHARE, budget=n_trials)
        endgame = f"; its last {n_trials // ENDGAME_SHARE} trials the GP's least predicted loss among untried points"
    return Choice(
        "isogp+tpe",
        options,
        f"{why}; after TPE's random start a GP with one length scale (scikit-learn, W&B's model{categoricals}) "
        f"on {WARP}-warped values, every {GP_TPE_EVERY}rd trial from trial {ISOTROPIC_UNTIL} TPE's and its "
        f"candidates also drawn around the best trials, from trial {ARD_FROM} one length scale a parameter{endgame}",
    )


def _gp_choice(n_trials: int | None) -> Choice:
    """Optuna's GPSampler after a short random start: what ``bayes`` with ``sampler_options`` builds on."""
    return Choice(
        "gp",
        {"n_startup_trials": startup(GP_STARTUP, n_trials)},
        "Optuna's GPSampler, fitted after a short random start",
        chosen=True,
    )


def bayes_choice(space: SearchSpace | None, n_trials: int | None, parallel: bool = False) -> Choice:
    """What W&B's ``method: bayes`` runs: ``auto``'s choice for one metric, the same with or without torch.

    Where a GP runs, that is W&B's own model (the GP of one length scale) with TPE; it was ahead of
    Optuna's GPSampler, which ``bayes`` ran with torch until 2026-12-07 (BENCHMARKS.md, fresh-general).
    """
    choice = _choose(space, n_trials, 1, parallel)
    runs = "a GP with one length scale (W&B's own model) and TPE" if choice.method == "isogp+tpe" else "TPE"
    mapped = Choice(
        choice.method,
        dict(choice.options),
        f"W&B's `bayes` runs {runs}, on every install ({choice.reason}); `method: gp` for Optuna's GPSampler",
    )
    return dataclasses.replace(ordered(mapped, SpaceShape.of(space)), chosen=True)


def resolve(
    method: str,
    space: SearchSpace | None,
    options: Mapping[str, Any] | None = None,
    n_trials: int | None = None,
    n_objectives: int = 1,
    parallel: bool = False,
) -> Choice:
    """The concrete method and sampler options that run for a recipe's ``method``.

    ``auto`` chooses (:func:`choose`); ``bayes`` runs ``auto``'s choice for one metric (:func:`bayes_choice`),
    unless it has ``sampler_options``: those are GPSampler's, so it is GP and a missing torch is an error.
    Every other method runs as named, with ``options``.
    The recipe's ``options`` always win over the defaults chosen here.
    """
    opts = dict(options or {})
    if method == "auto":
        return choose(space, n_trials, n_objectives, parallel=parallel)
    if method == "bayes":
        if opts:  # GPSampler's options: GP it is, and a missing torch is the error it should be
            gp = _gp_choice(n_trials)
            return Choice("gp", {**gp.options, **opts}, "method 'bayes' with sampler_options: Optuna's GPSampler")
        return bayes_choice(space, n_trials, parallel=parallel)
    return Choice(method, opts, f"method '{method}' named by the recipe")
