"""Whole W&B sweep configs <-> recipes, and YAML in and out.

W&B's sweep schema knows the methods ``grid``, ``random``, ``bayes`` and ``custom`` (with a
``scheduler`` block naming an engine). Recipes using an Optuna sampler W&B lacks (``tpe``,
``gp``, ``cmaes``, ``qmc``, ``nsga2``) export as ``method: custom`` with ``scheduler: {engine: optuna}``,
which W&B's schema accepts; the schema has no field for the sampler's name or the seed, so they
travel in a ``tuneflow:`` line of ``description`` and come back on import. ``auto`` exports as
W&B's ``bayes`` (``random`` without a metric), so ``wandb agent`` runs the export as it is.
"""

from __future__ import annotations

import copy
import math
import re
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from tuneflow.errors import RecipeError, SweepConfigError, TuneflowWarning
from tuneflow.search.methods import METHODS
from tuneflow.values import schema_int

__all__ = ["SWEEP_KEYS", "dump_sweep", "load_sweep", "metric_block", "recipe_from_sweep", "recipe_to_sweep"]

#: Top-level keys of a W&B sweep config (W&B's schema allows no others).
SWEEP_KEYS = frozenset(
    {"apiVersion", "kind", "controller", "description", "program", "job", "image_uri", "entity", "project"}
    | {"method", "command", "name", "run_cap", "metric", "metrics", "scheduler", "early_terminate", "parameters"}
)
# W&B sweep keys tuneflow accepts but has no use for: said once on import, never dropped silently.
_UNUSED_KEYS: dict[str, str] = {
    "apiVersion": "a W&B Launch manifest field",
    "kind": "a W&B Launch manifest field",
    "controller": "tuneflow is the controller",
    "job": "W&B Launch jobs are not run here; give a `program`",
    "image_uri": "W&B Launch images are not run here; give a `program`",
    "metric.impute": "a failed trial is FAIL in Optuna, never a made-up value",
    "metric.impute_while_running": "running trials are never given a made-up value",
}
#: The JSON types W&B's schema gives top-level keys (``sweeps``' schema.json) that no other check
#: here covers, and how to write each. A key present with another type, ``null`` included, is
#: refused there, so here too.
_KEY_TYPES: dict[str, tuple[type, str]] = {
    **dict.fromkeys(("apiVersion", "description", "program", "job", "image_uri"), (str, "a string")),
    **dict.fromkeys(("entity", "project", "name", "kind"), (str, "a string")),
    "command": (list, "a list such as [${env}, ${interpreter}, ${program}, ${args}]"),
    "metric": (Mapping, "a mapping like {name: val_loss, goal: minimize}"),
    "metrics": (list, "a list of mappings like {name: val_loss, goal: minimize}"),
    "controller": (Mapping, "a mapping like {type: local}"),
    "scheduler": (Mapping, "a mapping like {engine: optuna}"),
}
_WANDB_METHODS = {"grid", "random", "bayes"}
_TAG = re.compile(r"^tuneflow:\s*(?P<body>.*)$", re.MULTILINE)


def load_sweep(sweep: str | Path | Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The sweep config as a dict, and the file stem it came from (None for a dict)."""
    if isinstance(sweep, Mapping):
        return copy.deepcopy(dict(sweep)), None
    path = Path(sweep)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SweepConfigError(str(path), [f"cannot read the file: {exc.strerror}."]) from exc
    except yaml.YAMLError as exc:
        raise SweepConfigError(str(path), [f"is not valid YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise SweepConfigError(str(path), [f"must be a YAML mapping, but holds {type(data).__name__}."])
    return data, path.stem


def _parse_tag(description: Any) -> dict[str, str]:
    match = _TAG.search(description) if isinstance(description, str) else None
    return dict(item.split("=", 1) for item in match.group("body").split() if "=" in item) if match else {}


def recipe_from_sweep(
    sweep: str | Path | Mapping[str, Any],
    recipe_type: Callable[..., Any],
    train: Callable[..., Any] | None = None,
    **overrides: Any,
) -> Any:
    """A recipe from a W&B sweep config; every problem is listed at once.

    ``recipe_type`` is :class:`~tuneflow.Recipe` (``Recipe.from_sweep`` passes itself), so this
    module needs no import of the recipe module, which imports it.
    """
    config, stem = load_sweep(sweep)
    _warn_unused(config)
    problems = [
        f"{key}: not a W&B sweep config key; known keys are {', '.join(sorted(SWEEP_KEYS))}."
        for key in sorted(set(config) - SWEEP_KEYS, key=str)
    ]
    problems += _type_problems(config)
    given = set(config)  # a key given as null is reported above, not again as missing
    config = _schema_ints({k: v for k, v in config.items() if v is not None})
    name = overrides.pop("name", None) or config.get("name") or stem or "sweep"
    tag = _parse_tag(config.get("description"))
    method = config.get("method")
    if method is None:
        if "method" not in given:  # a null one is reported above
            problems.append(
                "method: missing; W&B needs one of grid, random, bayes "
                "(tuneflow also takes auto, tpe, gp, cmaes, qmc, nsga2)."
            )
    elif method == "custom":
        scheduler = config.get("scheduler") or {}
        if not isinstance(scheduler, Mapping) or scheduler.get("engine") != "optuna":
            problems.append("scheduler.engine: `method: custom` runs here only with `scheduler: {engine: optuna}`.")
        method = tag.get("method", "auto")
        if method not in METHODS and "method" not in overrides:
            problems.append(
                f"description: its `tuneflow: method={method}` line names no tuneflow method; "
                f"use one of {', '.join(METHODS)}."
            )
    elif method in _WANDB_METHODS and tag.get("method") == "auto":
        method = "auto"  # tuneflow's default, exported as W&B's nearest method (see recipe_to_sweep)
    elif method not in METHODS:
        problems.append(
            f"method: {method!r} is not one of grid, random, bayes, custom (or tuneflow's {', '.join(METHODS)})."
        )
    if "metric" in config and "metrics" in config:
        problems.append("metrics: give `metric` (one objective) or `metrics` (several), not both.")
    elif isinstance(config.get("metrics"), list) and len(config["metrics"]) < 2:  # W&B's schema: minItems 2
        problems.append(
            f"metrics: lists {len(config['metrics'])} objective(s); `metrics` is for two or more, "
            "give one as `metric: {name: ..., goal: ...}`."
        )
    # No metric at all is W&B's sweep that only records runs (grid and random allow it).
    metric = config.get("metrics", config.get("metric", []))
    if "parameters" not in given:
        problems.append("parameters: missing; a sweep config needs a `parameters` block.")
    seed = overrides.pop("seed", None)
    if seed is None and tag.get("seed", "").isdigit():
        seed = int(tag["seed"])
    carried = ("parameters", "early_terminate", "run_cap", "program", "command", "project", "entity")
    fields = {key: config.get(key) for key in carried}
    fields |= {"name": name, "train": train, "metric": metric, "seed": seed}
    fields["method"] = overrides.pop("method", None) or (method if method in METHODS else "random")
    fields["description"] = _TAG.sub("", config.get("description") or "").strip()
    fields |= overrides
    try:
        recipe = recipe_type(**fields)
    except RecipeError as exc:
        # Without a `parameters` block the recipe also asks for one of `parameters`/`space`: said above.
        problems += [p for p in exc.problems if "parameters" in config or not p.startswith("parameters: give exactly")]
    if problems:
        raise SweepConfigError(str(name), problems)
    return recipe


def _type_problems(config: dict[str, Any]) -> list[str]:
    """Top-level keys whose value W&B's schema refuses: ``null`` anywhere, or the wrong JSON type.

    A refused key is removed from ``config`` so that later checks do not report it again.
    """
    problems = []
    for key in sorted(config, key=str):
        value = config[key]
        if value is None and key in SWEEP_KEYS:
            problems.append(f"{key}: is empty (null), which W&B refuses; give it a value or remove the line.")
        elif key in _KEY_TYPES and not isinstance(value, _KEY_TYPES[key][0]):
            example = _KEY_TYPES[key][1]
            problems.append(f"{key}: must be {example}, but got {type(value).__name__} {value!r}.")
            del config[key]
        elif key == "kind" and value != "sweep":
            problems.append(f"kind: W&B takes only 'sweep' here, but got {value!r}; write `kind: sweep` or remove it.")
        elif key == "controller" and value.get("type") not in ("local", "cloud"):
            problems.append(
                f"controller.type: must be 'local' or 'cloud' (W&B's values; tuneflow is the controller either way), "
                f"but got {value.get('type')!r}."
            )
    return problems


def _schema_ints(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` with W&B's integer fields given as integral floats (``run_cap: 10.0``) made ints
    (JSON Schema's ``integer`` takes ``10.0``)."""
    if "run_cap" in config:
        config["run_cap"] = schema_int(config["run_cap"])
    if isinstance(config.get("early_terminate"), dict):
        block = config["early_terminate"] = dict(config["early_terminate"])  # never change the caller's dicts
        block.update({key: schema_int(block[key]) for key in ("min_iter", "max_iter", "s") if key in block})
    return config


def _warn_unused(config: Mapping[str, Any]) -> None:
    """One warning naming the sweep keys that are valid for W&B but do nothing here, and why."""
    metric = config.get("metric")
    present = [key for key in _UNUSED_KEYS if "." not in key and key in config]
    if isinstance(metric, Mapping):
        present += [key for key in _UNUSED_KEYS if key.startswith("metric.") and key[len("metric.") :] in metric]
    if present:
        listed = "; ".join(f"`{key}` ({_UNUSED_KEYS[key]})" for key in present)
        warnings.warn(f"sweep keys tuneflow does not use: {listed}.", TuneflowWarning, stacklevel=4)


def recipe_to_sweep(recipe: Any) -> dict[str, Any]:
    """A W&B sweep config for ``recipe``; warns when W&B cannot express part of it."""
    if recipe.parameters is None:
        raise SweepConfigError(
            recipe.name,
            ["space: a define-by-run space has no W&B sweep equivalent; give a `parameters` block to export."],
        )
    out: dict[str, Any] = {"name": recipe.name}
    description = recipe.description
    # ``auto`` (the default) exports as the W&B method that means the same to a W&B agent: ``bayes``
    # (model-based) with a metric, ``random`` without one; the tag brings ``auto`` back on import.
    auto = recipe.method == "auto" and len(recipe.metrics) <= 1
    custom = not auto and (recipe.method not in _WANDB_METHODS or len(recipe.metrics) > 1)
    if auto:
        out["method"] = "bayes" if recipe.metrics else "random"
    elif custom:
        out["method"] = "custom"
        out["scheduler"] = {"engine": "optuna"}
        warnings.warn(
            f"method '{recipe.method}' has no W&B equivalent: exported as `method: custom` with "
            "`scheduler: {engine: optuna}` (tuneflow reads it back; W&B's own agents need that scheduler).",
            TuneflowWarning,
            stacklevel=3,
        )
    else:
        out["method"] = recipe.method
    tag = [f"method={recipe.method}"] if custom or auto else []
    if recipe.seed is not None:
        tag.append(f"seed={recipe.seed}")
    if tag:
        description = "\n".join(filter(None, [description, "tuneflow: " + " ".join(tag)]))
    if description:
        out["description"] = description
    for key in ("program", "command", "project", "entity", "run_cap"):
        value = getattr(recipe, key)
        if value is not None:
            out[key] = list(value) if key == "command" else value
    out.update(metric_block(recipe))  # a recipe's implicit `value` metric too: without it the export means "no metric"
    if recipe.early_terminate is not None:
        if custom:
            warnings.warn(
                "early_terminate is dropped from the export: W&B does not allow it beside a `scheduler`.",
                TuneflowWarning,
                stacklevel=3,
            )
        else:
            out["early_terminate"] = copy.deepcopy(dict(recipe.early_terminate))
    if recipe.pruner is not None and not isinstance(recipe.pruner, str | Mapping):
        warnings.warn("an Optuna pruner object cannot be exported; it is left out.", TuneflowWarning, stacklevel=3)
    out["parameters"] = _wandb_parameters(_plain(recipe.parameters))
    return out


def metric_block(recipe: Any) -> dict[str, Any]:
    """W&B's ``metric`` (one objective) or ``metrics`` (several) of ``recipe``; empty without a metric."""
    metrics = [m.to_dict() for m in recipe.metrics]
    return {"metrics": metrics} if len(metrics) > 1 else {"metric": metrics[0]} if metrics else {}


def _wandb_parameters(block: dict[str, Any]) -> dict[str, Any]:
    """The block in the spelling W&B's schema accepts, meaning exactly the same distributions.

    W&B's checker rejects ``distribution: categorical`` beside ``probabilities`` (tuneflow reads
    it as ``categorical_w_probabilities``) and the deprecated exponent forms ``log_uniform``,
    ``inv_log_uniform`` and ``q_log_uniform``, which become their ``*_values`` twins with
    ``e**min`` / ``e**max`` bounds (``inv_log_uniform(a, b)`` = ``inv_log_uniform_values(e**-b, e**-a)``).
    """
    out = {}
    for key, spec in block.items():
        if isinstance(spec, dict) and isinstance(spec.get("parameters"), dict):
            spec = {**spec, "parameters": _wandb_parameters(spec["parameters"])}
        elif isinstance(spec, dict):
            kind = spec.get("distribution")
            if kind == "categorical" and "probabilities" in spec:
                spec = {**spec, "distribution": "categorical_w_probabilities"}
            elif kind in ("log_uniform", "q_log_uniform", "inv_log_uniform"):
                lo, hi = (-spec["max"], -spec["min"]) if kind == "inv_log_uniform" else (spec["min"], spec["max"])
                spec = {**spec, "distribution": f"{kind}_values", "min": math.exp(lo), "max": math.exp(hi)}
        out[key] = spec
    return out


def _plain(value: Any) -> Any:
    """Mappings and sequences as plain dicts and lists (YAML-safe), recursively."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def dump_sweep(config: Mapping[str, Any]) -> str:
    """YAML text of a sweep config, keys in a readable order."""
    order = "name description program command project entity method scheduler metric metrics early_terminate"
    order += " run_cap parameters"
    ordered = {k: config[k] for k in order.split() if k in config}
    ordered.update({k: v for k, v in config.items() if k not in ordered})
    return yaml.safe_dump(ordered, sort_keys=False, default_flow_style=False)
