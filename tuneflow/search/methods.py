"""Method names -> Optuna samplers, and W&B ``early_terminate`` / pruner names -> Optuna pruners.

The method names are W&B's (``grid``, ``random``, ``bayes``) plus ``auto`` (the default: the
sampler chosen from the recipe, see :mod:`tuneflow.search.auto`) and the Optuna samplers W&B does
not have (``tpe``, ``gp``, ``cmaes``, ``qmc``, ``nsga2``). ``bayes`` runs ``auto``'s choice for one
metric on every install (where a GP runs, W&B's own model); ``gp`` is always GPSampler. Everything
here is resolved before a study exists, so a missing extra (torch for ``gp``) is reported up front,
not at trial 10.
"""

from __future__ import annotations

import contextlib
import importlib
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import optuna
from optuna.distributions import BaseDistribution
from optuna.samplers import BaseSampler, RandomSampler
from optuna.study import Study
from optuna.trial import FrozenTrial

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.search.auto import ISOTROPIC_UNTIL, LOCAL_CANDIDATES, ORDINAL_METHODS, Choice, resolve
from tuneflow.search.hyperband import WandbHyperbandPruner, hyperband_problems
from tuneflow.search.isotropic import IsotropicGP
from tuneflow.search.ordinal import Ordinal, listed_of
from tuneflow.search.portfolio import Handover, Interleaved
from tuneflow.search.space import Param, SearchSpace
from tuneflow.search.warp import WARP_METHODS, WARPS, Warped

__all__ = [
    "METHODS",
    "MODEL_BASED",
    "PRUNERS",
    "WandbRandomSampler",
    "make_pruner",
    "make_sampler",
    "method_problems",
    "pruner_problems",
]

#: method -> one-line description (the order is the order of the docs' table).
METHODS: dict[str, str] = {
    "auto": "the default: a sampler and settings chosen from the space, budget and objectives (BENCHMARKS.md)",
    "grid": "every point of W&B's grid exactly once, claimed by index as workers go (never queued up front)",
    "random": "independent draws from exactly the W&B distributions",
    "tpe": "Tree-structured Parzen Estimator (TPESampler, multivariate)",
    "bayes": "W&B's Bayesian search: auto's choice for one metric (W&B's GP model with TPE where a GP runs)",
    "gp": "Optuna's GPSampler exactly (Gaussian process; needs torch: tuneflow[gp])",
    "cmaes": "CMA-ES evolution strategy for continuous spaces (CmaEsSampler)",
    "qmc": "quasi-Monte Carlo low-discrepancy points (QMCSampler, scrambled Sobol)",
    "nsga2": "NSGA-II genetic algorithm, for one or several metrics (NSGAIISampler)",
}
#: Methods that do not draw from the W&B distributions themselves (lossy specs warn there).
MODEL_BASED = frozenset(METHODS) - {"grid", "random"}
_MULTI_OBJECTIVE = {"auto", "grid", "random", "tpe", "bayes", "gp", "qmc", "nsga2"}
# method -> (module that must import, extra that provides it)
_REQUIRES: dict[str, tuple[str, str | None]] = {
    "gp": ("torch", "gp"),
    "cmaes": ("cmaes", None),
    "qmc": ("scipy", None),
}

#: method -> Optuna's sampler class, for the methods that run it as it is (seeded, with the options).
_OPTUNA_SAMPLERS = {"gp": "GPSampler", "cmaes": "CmaEsSampler", "qmc": "QMCSampler", "nsga2": "NSGAIISampler"}
#: pruner name -> Optuna pruner class name.
PRUNERS: dict[str, str] = {
    "none": "NopPruner",
    "median": "MedianPruner",
    "percentile": "PercentilePruner",
    "hyperband": "HyperbandPruner",
    "successive_halving": "SuccessiveHalvingPruner",
    "threshold": "ThresholdPruner",
    "patient": "PatientPruner",
    "wilcoxon": "WilcoxonPruner",
}


class WandbRandomSampler(RandomSampler):
    """Optuna's ``RandomSampler`` that draws W&B-declared parameters exactly as W&B does.

    Parameters not declared in the space (define-by-run suggestions) fall back to Optuna's
    uniform draws, so the sampler works for any objective.
    """

    def __init__(self, params: Mapping[str, Param] | None = None, seed: int | None = None) -> None:
        super().__init__(seed=seed)
        self._params = dict(params or {})

    def sample_independent(
        self,
        study: Study,
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Any:
        param = self._params.get(param_name)
        if param is None:
            return super().sample_independent(study, trial, param_name, param_distribution)
        rng: np.random.RandomState = adapter.sampler_rng(self)
        return param.draw(rng)


def method_problems(method: Any, n_objectives: int, define_by_run: bool) -> list[str]:
    """Problems with the method alone (name, multi-objective support, grid needs a parameters block)."""
    if not isinstance(method, str) or method not in METHODS:
        return [f"method: {method!r} is not one of {', '.join(METHODS)}."]
    problems = []
    if n_objectives > 1 and method not in _MULTI_OBJECTIVE:
        problems.append(
            f"method: '{method}' optimizes one metric, but the recipe has {n_objectives}; "
            "use 'auto', 'nsga2', 'tpe' or 'random' for several metrics."
        )
    if method == "grid" and define_by_run:
        problems.append("method: 'grid' needs a `parameters` block to enumerate; a define-by-run `space` has no grid.")
    return problems


def missing_requirements(method: str, options: Mapping[str, Any] | None = None) -> str | None:
    """Why ``method`` cannot run in this environment (a missing optional package), if it cannot.

    ``bayes`` without ``sampler_options`` always runs (``auto``'s choice needs no torch);
    ``gp``, and ``bayes`` with GPSampler's options, need torch.
    """
    runs = resolve(method, None, options).method if method == "bayes" else method
    need = _REQUIRES.get(runs)
    if need is None:
        return None
    module, extra = need
    with contextlib.suppress(ImportError):  # import, not find_spec: a broken install must fail here, not at trial 10
        importlib.import_module(module)
        return None
    if extra is None:  # a core dependency: the install is broken
        hint = f"pip install {module} (tuneflow depends on it; the install is incomplete)"
    else:
        hint = f"install the `{extra}` extra: pip install 'tuneflow[{extra}]'"
    if module == "torch":
        hint += " torch==2.13.0 (pinning the CPU build of torch)"
    what = f"'{method}'" if runs == method else f"'{method}' with sampler_options (GPSampler's)"
    return f"method: {what} needs the `{module}` package, which is not installed; {hint}, or use method 'tpe'."


def make_sampler(
    method: str | Choice,
    space: SearchSpace | None,
    seed: int | None,
    options: Mapping[str, Any] | None = None,
    n_trials: int | None = None,
    n_objectives: int = 1,
    first_trial: int = 0,
) -> BaseSampler:
    """Build the Optuna sampler for ``method`` (a name, resolved here, or a resolved :class:`Choice`).

    ``options`` pass through to the sampler's constructor; ``n_trials`` (the budget) and
    ``n_objectives`` are what ``auto`` and ``bayes`` choose from. ``first_trial``: the number of the
    first trial this budget runs (a resumed study's trials so far), where ``auto``'s budget is counted
    from. Optuna's ExperimentalWarning (QMCSampler, TPE's ``group``) is silenced here: the method is
    the user's choice and these features are what it means, not a surprise to warn about.
    """
    choice = method if isinstance(method, Choice) else resolve(method, space, options, n_trials, n_objectives)
    opts = dict(choice.options)
    ordinal = opts.pop("ordinal", False)
    if ordinal not in (True, False) or (ordinal and choice.method not in ORDINAL_METHODS):
        raise ValueError(f"'ordinal' is true or false, for tpe, gp and bayes (got {ordinal!r} for {choice.method})")
    warp = opts.pop("warp", None)
    if warp is not None and (warp not in WARPS or choice.method not in WARP_METHODS or n_objectives != 1):
        raise ValueError(
            f"'warp' is one of {', '.join(WARPS)}, for gp and bayes with one metric (got {warp!r} for {choice.method})"
        )
    sampler = _build(choice.method, opts, space, seed, quiet=choice.chosen, first_trial=first_trial)
    sampler = Warped(sampler, warp) if warp is not None else sampler
    listed = listed_of(space) if ordinal and space is not None else {}
    return Ordinal(sampler, listed) if listed else sampler


def _build(
    name: str, opts: dict[str, Any], space: SearchSpace | None, seed: int | None, quiet: bool, first_trial: int = 0
) -> BaseSampler:
    """The Optuna sampler ``name`` with options ``opts`` (a resolved choice's); ``first_trial`` as for make_sampler.

    ``quiet``: the options are tuneflow's choice, so Optuna's deprecation warnings about them (TPE's
    ``prior_weight``) are not the user's to act on; options a user named still warn.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        if quiet:
            warnings.filterwarnings("ignore", message=".*prior_weight.*deprecated", category=FutureWarning)
        if name == "grid":
            # Workers claim grid points by index in the storage (tuneflow.engine.gridindex), each trial
            # created with its point fixed, so the sampler never chooses a point; GridSampler's own
            # bookkeeping would fight that (and lets workers collide: ~30 duplicates per 100 points).
            return optuna.samplers.RandomSampler(seed=seed, **opts)
        if name == "random":
            return WandbRandomSampler(space.by_name if space else None, seed=seed, **opts)
        if name == "tpe":
            # Optuna 5 made multivariate the default; say so explicitly. ``group`` lets it model
            # conditional (define-by-run) spaces instead of falling back to independent sampling.
            opts.setdefault("multivariate", True)
            opts.setdefault("group", space is None)
            opts.setdefault("constant_liar", True)
            return optuna.samplers.TPESampler(seed=seed, **opts)
        if name == "isogp+tpe":  # auto's composition (tuneflow.search.isotropic): not a user-facing method
            return _isotropic_then_tpe(opts, space, seed, quiet, first_trial)
        if name == "qmc":  # scrambled, as the table says: unscrambled Sobol ignores the seed (every seed, same points)
            opts.setdefault("scramble", True)
        if name not in _OPTUNA_SAMPLERS:
            raise ValueError(f"unknown method {name!r}")
        return getattr(optuna.samplers, _OPTUNA_SAMPLERS[name])(seed=seed, **opts)


def _isotropic_then_tpe(
    opts: dict[str, Any], space: SearchSpace | None, seed: int | None, quiet: bool, first_trial: int
) -> BaseSampler:
    """TPE's random start, then the GP of one length scale, every ``every``-th trial from ISOTROPIC_UNTIL TPE's.

    The start is exactly the one TPE alone draws (the same sampler proposes it); the GP of the first
    trials and the GP after ISOTROPIC_UNTIL are seeded apart, as they were measured (BENCHMARKS.md).
    With ``final`` and ``budget``, the budget's last ``final`` trials (counted from ``first_trial``) are the
    endgame's: the GP proposes the untried candidate of least predicted loss, never TPE.
    """
    every, start = int(opts.pop("every")), int(opts.get("n_startup_trials", 2))
    local = int(opts.pop("local", 0))
    final, budget = int(opts.pop("final", 0)), opts.pop("budget", None)
    ard_from = int(opts.pop("ard_from", 0))
    opening = _build("tpe", opts, space, seed, quiet)
    early = IsotropicGP(seed=None if seed is None else seed + 2, n_startup_trials=start)
    late = Interleaved(
        IsotropicGP(seed=None if seed is None else seed + 3, local=local, ard_from=ard_from),
        opening,
        every,
        start=ISOTROPIC_UNTIL,
    )
    composed = Handover(early, Handover(late, opening, until=None, start=ISOTROPIC_UNTIL), ISOTROPIC_UNTIL, start)
    if not final or budget is None:
        return composed
    endgame = IsotropicGP(
        seed=None if seed is None else seed + 4,
        local=max(local, LOCAL_CANDIDATES),
        exploit=True,
        ard_from=ard_from,
    )
    return Handover(composed, endgame, until=first_trial + max(int(budget) - final, start))


def pruner_problems(early_terminate: Any, pruner: Any, n_objectives: int) -> list[str]:
    """Problems with ``early_terminate`` (a W&B block) and ``pruner`` (a name, dict or object)."""
    problems: list[str] = []
    if early_terminate is not None and pruner is not None:
        problems.append("pruner: give either `early_terminate` (W&B) or `pruner` (Optuna), not both.")
    if early_terminate is not None:
        problems += hyperband_problems(early_terminate)
    if pruner is not None and not isinstance(pruner, optuna.pruners.BasePruner):
        name = pruner.get("type") if isinstance(pruner, Mapping) else pruner
        if name not in PRUNERS:
            problems.append(f"pruner: {name!r} is not one of {', '.join(PRUNERS)} (or an optuna pruner object).")
    if n_objectives > 1 and (early_terminate is not None or pruner not in (None, "none")):
        problems.append("pruner: Optuna cannot prune multi-objective studies; remove the pruner.")
    if not problems:
        try:
            make_pruner(early_terminate, pruner)
        except (TypeError, ValueError) as exc:
            problems.append(f"pruner: {pruner!r} cannot be built: {exc}")
    return problems


def make_pruner(early_terminate: Mapping[str, Any] | None, pruner: Any) -> optuna.pruners.BasePruner:
    """Build the Optuna pruner from a W&B block or a pruner name/dict/object.

    A W&B ``early_terminate`` block means W&B's own hyperband rule (``WandbHyperbandPruner``), so a
    migrated sweep stops the runs W&B would; ``pruner="hyperband"`` is Optuna's ``HyperbandPruner``.
    """
    if isinstance(pruner, optuna.pruners.BasePruner):
        return pruner
    if early_terminate is not None:
        return WandbHyperbandPruner.from_block(early_terminate)
    if pruner is None:
        return optuna.pruners.NopPruner()
    kwargs = dict(pruner) if isinstance(pruner, Mapping) else {"type": pruner}
    cls = getattr(optuna.pruners, PRUNERS[kwargs.pop("type")])
    if cls is optuna.pruners.PatientPruner:
        kwargs.setdefault("wrapped_pruner", optuna.pruners.MedianPruner())
        kwargs.setdefault("patience", 3)
    if cls is optuna.pruners.PercentilePruner:
        kwargs.setdefault("percentile", 25.0)
    return cls(**kwargs)
