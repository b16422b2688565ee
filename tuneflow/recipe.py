"""Recipes: a search space, a method, a metric and a train function, validated as one.

A :class:`Recipe` is checked completely when it is made: every problem is collected and raised
once as a :class:`~tuneflow.errors.RecipeError`, before any study exists.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import math
import pkgutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuneflow.errors import RecipeError, TuneflowError
from tuneflow.methods import make_sampler, method_problems, pruner_problems
from tuneflow.space import SearchSpace, parse_parameters

__all__ = ["GOALS", "Metric", "Recipe", "builtin_recipes", "load_recipe"]

GOALS = ("minimize", "maximize")
_METRIC_KEYS = {"name", "goal", "target", "impute", "impute_while_running"}


@dataclass(frozen=True)
class Metric:
    """One objective: W&B's ``metric`` block (``name``, ``goal``, optional ``target``)."""

    name: str
    goal: str = "minimize"
    target: float | None = None

    def reached(self, value: float) -> bool:
        """Whether ``value`` meets the target (W&B stops the sweep when a run reaches it)."""
        if self.target is None:
            return False
        return value >= self.target if self.goal == "maximize" else value <= self.target

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "goal": self.goal}
        if self.target is not None:
            out["target"] = self.target
        return out


def _parse_metrics(metric: Any) -> tuple[tuple[Metric, ...], list[str]]:
    if metric is None:
        return (Metric("value"),), []
    items = list(metric) if isinstance(metric, Sequence) and not isinstance(metric, str) else [metric]
    if not items:
        return (), ["metric: an empty list names no metric; give a name or a {name, goal} block."]
    metrics, problems = [], []
    for i, item in enumerate(items):
        where = "metric" if len(items) == 1 else f"metric[{i}]"
        if isinstance(item, Metric):
            metrics.append(item)
            continue
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, Mapping):
            problems.append(f"{where}: must be a name or a {{name, goal}} block, but got {item!r}.")
            continue
        for key in sorted(set(item) - _METRIC_KEYS):
            problems.append(f"{where}.{key}: unknown key; allowed keys are {', '.join(sorted(_METRIC_KEYS))}.")
        name, goal, target = item.get("name"), item.get("goal", "minimize"), item.get("target")
        if not isinstance(name, str) or not name:
            problems.append(f"{where}.name: must be a non-empty string, but got {name!r}.")
        if goal not in GOALS:
            problems.append(f"{where}.goal: {goal!r} is not one of 'minimize', 'maximize'.")
        if target is not None and not (
            isinstance(target, (int, float)) and not isinstance(target, bool) and math.isfinite(target)
        ):
            problems.append(f"{where}.target: must be a finite number, but got {target!r}.")
        if not problems:
            metrics.append(Metric(name, goal, None if target is None else float(target)))
    names = [m.name for m in metrics]
    if len(set(names)) != len(names):
        problems.append(f"metric: names must be distinct, but got {names}.")
    return tuple(metrics), problems


@dataclass(frozen=True)
class Recipe:
    """What to tune and how: a search space, a method, a metric and a train function.

    ``parameters`` is a W&B sweep ``parameters`` block (verbatim); ``space`` is a define-by-run
    callable ``space(optuna_trial) -> config`` for conditional spaces. Give exactly one.
    """

    name: str
    train: Callable[..., Any] | None = None
    parameters: Mapping[str, Any] | None = None
    space: Callable[[Any], Mapping[str, Any]] | None = None
    method: str = "tpe"
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
        elif not callable(self.space):
            problems.append(f"space: must be a function trial -> config, but got {type(self.space).__name__}.")
        metrics, found = _parse_metrics(self.metric)
        problems += found
        n_obj = max(len(metrics), 1)
        method_found = method_problems(self.method, n_obj, self.space is not None)
        problems += method_found
        problems += pruner_problems(self.early_terminate, self.pruner, n_obj)
        for key in ("run_cap", "max_consecutive_failures"):
            value = getattr(self, key)
            if value is not None and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
                problems.append(f"{key}: must be an integer >= 1, but got {value!r}.")
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0):
            problems.append(f"seed: must be an integer >= 0, but got {self.seed!r}.")
        if not isinstance(self.sampler_options, Mapping):
            problems.append(f"sampler_options: must be a mapping, but got {self.sampler_options!r}.")
        elif not method_found and not problems:
            try:
                make_sampler(self.method, search_space, self.seed, self.sampler_options)
            except (TypeError, ValueError) as exc:
                problems.append(
                    f"sampler_options: {dict(self.sampler_options)!r} do not fit method '{self.method}': {exc}"
                )
        return problems, metrics, search_space

    # -- derived views -----------------------------------------------------------------------

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The objectives, in order (one for single-objective studies)."""
        return self._metrics  # type: ignore[attr-defined,no-any-return]

    @property
    def search_space(self) -> SearchSpace | None:
        """The parsed ``parameters`` block (None for a define-by-run ``space``)."""
        return self._search_space  # type: ignore[attr-defined,no-any-return]

    @property
    def directions(self) -> list[str]:
        return [m.goal for m in self.metrics]

    def replace(self, **changes: Any) -> Recipe:
        """A copy with some fields changed, validated again."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    # -- W&B sweep configs -------------------------------------------------------------------

    @classmethod
    def from_sweep(
        cls, sweep: str | Path | Mapping[str, Any], train: Callable[..., Any] | None = None, **overrides: Any
    ) -> Recipe:
        """A recipe from a W&B sweep config (a YAML path or a dict)."""
        from tuneflow.sweep import recipe_from_sweep

        return recipe_from_sweep(sweep, train=train, **overrides)

    def to_sweep(self) -> dict[str, Any]:
        """This recipe as a W&B sweep config (passes W&B's own schema check)."""
        from tuneflow.sweep import recipe_to_sweep

        return recipe_to_sweep(self)


def _grid_problems(params: Sequence[Any]) -> list[str]:
    problems = []
    for p in params:
        if p.kind in ("constant", "int_uniform", "q_uniform"):
            continue
        if p.kind == "categorical" and p.spec.get("probabilities") is None:
            continue
        if p.kind == "categorical":
            problems.append(
                f"parameters.{p.name}.probabilities: method 'grid' visits every value once, so "
                "probabilities mean nothing there (W&B rejects them too); remove them or use method 'random'."
            )
            continue
        bounds = f" [{p.spec['min']}, {p.spec['max']}]" if "min" in p.spec else ""
        problems.append(
            f"parameters.{p.name}: method 'grid' needs finite values, but got {p.kind}{bounds}; "
            "give `values` or a `q` step (q_uniform), or use method 'tpe'."
        )
    return problems


# -- loading -----------------------------------------------------------------------------------


def builtin_recipes() -> dict[str, str]:
    """Built-in recipe names -> their one-line description (first docstring line)."""
    import tuneflow.recipes as package

    out = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        spec = importlib.util.find_spec(f"tuneflow.recipes.{info.name}")
        doc = ""
        if spec is not None and spec.origin:
            doc = _first_doc_line(Path(spec.origin))
        out[info.name] = doc
    return out


def _first_doc_line(path: Path) -> str:
    import ast

    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError):
        return ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def load_recipe(ref: str | Path) -> Recipe:
    """Load a recipe: a recipe module path (its ``recipe``), a W&B sweep YAML, or a built-in name."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml", ".json"):
        if not path.is_file():
            raise TuneflowError(f"no sweep config at {str(path)!r}")
        recipe = Recipe.from_sweep(path)
        if recipe.train is None and recipe.program:  # run the sweep's program, as `wandb agent` would
            from tuneflow.program import program_train

            # From here, with the program path as written: `wandb agent` ignores the YAML's folder.
            recipe = recipe.replace(train=program_train(recipe))
        return recipe
    if path.suffix == ".py" or path.is_file():
        if not path.is_file():
            raise TuneflowError(f"no recipe module at {str(path)!r}")
        module_name = f"tuneflow_recipe_{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise TuneflowError(f"cannot import {str(path)!r} as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # lets pickling and dataclasses find it
        spec.loader.exec_module(module)
    else:
        names = builtin_recipes()
        if str(ref) not in names:
            raise TuneflowError(
                f"no recipe {str(ref)!r}: not a file and not a built-in recipe (built-in: {', '.join(names) or 'none'})"
            )
        module = importlib.import_module(f"tuneflow.recipes.{ref}")
    recipe = getattr(module, "recipe", None)
    if not isinstance(recipe, Recipe):
        raise TuneflowError(f"{str(ref)!r} defines no `recipe = tuneflow.Recipe(...)`")
    return recipe
