"""Recipes: a search space, a method, a metric and a train function, validated as one.

A :class:`Recipe` is checked completely when it is made: every problem is collected and raised
once as a :class:`~tuneflow.errors.RecipeError`, before any study exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuneflow.errors import RecipeError
from tuneflow.search.methods import MODEL_BASED, make_sampler, method_problems, pruner_problems
from tuneflow.search.metric import GOALS, Metric, parse_metrics
from tuneflow.search.space import SearchSpace, parse_parameters
from tuneflow.search.sweep import recipe_from_sweep, recipe_to_sweep
from tuneflow.values import is_int, is_positive_int

__all__ = ["GOALS", "Metric", "Recipe"]


@dataclass(frozen=True)
class Recipe:
    """What to tune and how: a search space, a method, a metric and a train function.

    Checked completely when made: every problem is listed at once, before any study exists.
    Frozen; `replace` makes a changed copy.

    Args:
        name: The study's name (re-running resumes it) and the W&B runs' prefix.
        train: ``train(config, trial)``, ``train(config)``, or a no-argument function written for
            ``wandb.agent``; returns the metric as a number or a mapping of numbers. ``None`` for a
            sweep whose ``program`` runs each trial.
        parameters: A W&B sweep ``parameters`` block, verbatim (every W&B distribution, nested
            blocks included). Give this or ``space``, not both.
        space: A define-by-run function ``space(optuna_trial) -> config`` for conditional spaces.
        method: ``auto`` (chosen from the space and the budget), ``grid``, ``random``,
            ``tpe``, ``bayes`` (W&B's name: ``auto``'s choice, W&B's GP model with TPE where a GP runs), ``gp``, ``cmaes``,
            ``qmc`` or ``nsga2``.
        metric: A W&B ``metric`` block (``{"name", "goal", "target"}``), a name, a `Metric`, or a
            list of them for several objectives. ``None``: the number ``train`` returns is the
            metric ``value``, minimized. ``[]``: no metric, as a W&B sweep config without one:
            under ``grid`` and ``random`` every trial that finishes is COMPLETE, nothing is ranked.
        early_terminate: A W&B ``early_terminate`` block: ``{"type": "hyperband", ...}`` runs
            W&B's own hyperband rule.
        pruner: Instead of ``early_terminate``, an Optuna pruner by name (``none``, ``median``,
            ``percentile``, ``hyperband``, ``successive_halving``, ``threshold``, ``patient``,
            ``wilcoxon``) or object.
        run_cap: Trials of the study in total, across all calls, workers and restarts.
        seed: Seeds the sampler; with ``n_jobs=1`` the trials are reproduced exactly.
        sampler_options: Keyword arguments for the Optuna sampler of a named method.
        max_consecutive_failures: The study stops after this many FAIL trials in a row.
        description: Free text, kept in an exported sweep config.
        program: A sweep's training script, run for each trial as ``wandb agent`` runs it.
        command: A sweep's ``command`` list, with W&B's macros (``${program}``, ``${args}``, ...).
        project: The W&B project of the runs, unless ``tune(wandb=...)`` names one.
        entity: The W&B entity of the runs, unless ``tune(wandb=...)`` names one.

    Raises:
        RecipeError: Any field is invalid; the message lists every problem, each naming its
            field, the value and the fix.
    """

    name: str
    train: Callable[..., Any] | None = None
    parameters: Mapping[str, Any] | None = None
    space: Callable[[Any], Mapping[str, Any]] | None = None
    method: str = "auto"
    metric: Any = None
    early_terminate: Mapping[str, Any] | None = None
    pruner: Any = None
    run_cap: int | None = None
    seed: int | None = None
    sampler_options: Mapping[str, Any] = field(default_factory=dict)
    max_consecutive_failures: int = 10
    description: str = ""
    program: str | None = None
    command: Sequence[str] | None = None
    project: str | None = None
    entity: str | None = None

    def __post_init__(self) -> None:
        problems, metrics, search_space = self._check()
        if problems:
            raise RecipeError(str(self.name), problems)
        object.__setattr__(self, "_metrics", metrics)
        object.__setattr__(self, "_search_space", search_space)

    def _check(self) -> tuple[list[str], tuple[Metric, ...], SearchSpace | None]:
        problems: list[str] = []
        if not isinstance(self.name, str) or not self.name.strip():
            problems.append(f"name: must be a non-empty string, but got {self.name!r}.")
        if self.train is not None and not callable(self.train):
            problems.append(f"train: must be a function, but got {type(self.train).__name__}.")
        search_space = None
        if (self.parameters is None) == (self.space is None):
            problems.append(
                "parameters: give exactly one of `parameters` (a W&B parameters block) "
                "or `space` (a define-by-run function)."
            )
        elif self.parameters is not None:
            params, found = parse_parameters(self.parameters)
            problems += found
            search_space = SearchSpace(tuple(params)) if not found else None
            if self.method == "grid":
                problems += _grid_problems(params)
            if self.method == "bayes" and params and all(p.kind == "constant" for p in params):
                problems.append(
                    "parameters: method 'bayes' needs a parameter to search, but every one is a constant "
                    "(W&B's engine refuses it too: 'Need at least one searchable parameter for bayes search'); "
                    "give one `values` or a range, or use method 'grid' to run the constants once."
                )
        elif not callable(self.space):
            problems.append(f"space: must be a function trial -> config, but got {type(self.space).__name__}.")
        metrics, found = parse_metrics(self.metric)
        problems += found
        n_obj = max(len(metrics), 1)
        method_found = method_problems(self.method, n_obj, self.space is not None)
        problems += method_found
        if not metrics and not found:
            problems += _no_metric_problems(self.method, self.early_terminate, self.pruner)
        problems += pruner_problems(self.early_terminate, self.pruner, n_obj)
        for key in ("run_cap", "max_consecutive_failures"):
            value = getattr(self, key)
            if value is not None and not is_positive_int(value):
                problems.append(f"{key}: must be an integer >= 1, but got {value!r}.")
        if self.seed is not None and not (is_int(self.seed) and self.seed >= 0):
            problems.append(f"seed: must be an integer >= 0, but got {self.seed!r}.")
        if not isinstance(self.sampler_options, Mapping):
            problems.append(f"sampler_options: must be a mapping, but got {self.sampler_options!r}.")
        elif self.method == "auto" and self.sampler_options:
            problems.append(
                f"sampler_options: {dict(self.sampler_options)!r} need a named method; 'auto' chooses the sampler "
                "and its options itself. Name the method they belong to (e.g. method: tpe)."
            )
        elif not method_found and self.sampler_options:
            # Only options can make a sampler fail to build (checked beside every other problem, so
            # without the seed, which is checked on its own); `auto` and `bayes` resolve at tune time.
            try:
                make_sampler(self.method, search_space, None, self.sampler_options, n_objectives=n_obj)
            except (TypeError, ValueError) as exc:
                problems.append(
                    f"sampler_options: {dict(self.sampler_options)!r} do not fit method '{self.method}': {exc}; "
                    "give only keyword arguments its Optuna sampler takes."
                )
        return problems, metrics, search_space

    # -- derived views -----------------------------------------------------------------------

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The objectives, in order: one for a single-objective study, none without a metric."""
        return self._metrics  # type: ignore[attr-defined]

    @property
    def search_space(self) -> SearchSpace | None:
        """The parsed ``parameters`` block (None for a define-by-run ``space``)."""
        return self._search_space  # type: ignore[attr-defined]

    @property
    def ranked(self) -> bool:
        """False for a sweep without a metric: its trials are recorded, never compared."""
        return bool(self.metrics)

    @property
    def directions(self) -> list[str]:
        """Optuna's study directions (a study without a metric still needs one, for its constant)."""
        return [m.goal for m in self.metrics] or ["minimize"]

    def replace(self, **changes: Any) -> Recipe:
        """A copy with some fields changed, validated again.

        Args:
            **changes: New values of fields, by name; a ``None`` value leaves its field as it is.

        Returns:
            The new recipe.

        Raises:
            RecipeError: The changed recipe is invalid.
        """
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    # -- W&B sweep configs -------------------------------------------------------------------

    @classmethod
    def from_sweep(
        cls, sweep: str | Path | Mapping[str, Any], train: Callable[..., Any] | None = None, **overrides: Any
    ) -> Recipe:
        """A recipe from a W&B sweep config (a YAML path or a dict).

        The sweep's ``name`` (else the file's stem) names the recipe; ``method``, ``metric``,
        ``parameters``, ``early_terminate``, ``run_cap``, ``program``, ``command``, ``project`` and
        ``entity`` carry over; a ``tuneflow: method=... seed=...`` line in ``description`` (written
        by `to_sweep`) is read back.

        Args:
            sweep: A path to a sweep YAML (or JSON) file, or the config as a mapping.
            train: The train function; ``None`` for a sweep whose ``program`` runs each trial.
            **overrides: Recipe fields that replace the sweep's (e.g. ``method="tpe"``, ``seed=0``).

        Returns:
            The recipe.

        Raises:
            SweepConfigError: The file cannot be read or the config is not one W&B accepts; every
                problem is listed, each naming its key.
        """
        return recipe_from_sweep(sweep, cls, train=train, **overrides)

    def to_sweep(self) -> dict[str, Any]:
        """This recipe as a W&B sweep config (passes W&B's own schema check).

        ``auto`` exports as ``bayes`` (``random`` without a metric); methods W&B lacks export as
        ``method: custom`` with ``scheduler: {engine: optuna}``, with a warning. The method and
        seed travel in a ``tuneflow: method=... seed=...`` line of ``description``.

        Returns:
            The sweep config, ready for ``yaml.safe_dump`` and ``wandb sweep``.

        Raises:
            SweepConfigError: The recipe has no sweep form (a define-by-run ``space``).
        """
        return recipe_to_sweep(self)


def _no_metric_problems(method: Any, early_terminate: Any, pruner: Any) -> list[str]:
    """What a recipe without a metric cannot do: model-based search, early termination."""
    problems = []
    if method in MODEL_BASED and method != "auto":  # auto runs random without a metric
        problems.append(
            f"metric: method '{method}' learns from a metric, but the recipe has none; add a block like "
            "`metric: {name: val_loss, goal: minimize}` naming what train returns or logs, or use method "
            "'grid' or 'random' (W&B refuses `bayes` without a metric too)."
        )
    if early_terminate is not None or pruner not in (None, "none"):
        what = "early_terminate" if early_terminate is not None else "pruner"
        problems.append(
            f"{what}: stopping trials early compares their metric, but the recipe has none; "
            f"add a `metric` block or remove `{what}`."
        )
    return problems


def _grid_problems(params: Sequence[Any]) -> list[str]:
    problems = []
    for p in params:
        if p.kind == "categorical" and p.spec.get("probabilities") is not None:
            problems.append(
                f"parameters.{p.name}.probabilities: method 'grid' visits every value once, so "
                "probabilities mean nothing there (W&B rejects them too); remove them or use method 'random'."
            )
        elif p.record.grid is None:  # W&B's grid enumerates categorical, constant, int_uniform and q_uniform
            bounds = f" [{p.spec['min']}, {p.spec['max']}]" if "min" in p.spec else ""
            problems.append(
                f"parameters.{p.name}: method 'grid' needs finite values, but got {p.kind}{bounds}; "
                "give `values` or a `q` step (q_uniform), or use method 'tpe'."
            )
    return problems
