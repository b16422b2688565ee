"""Recipes <-> W&B sweep configs: exports pass W&B's own schema check, imports round-trip, and a
malformed sweep config lists every problem by field.
"""

from __future__ import annotations

import copy
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from wandb_engine.engine import wandb_validate

import tuneflow
from tuneflow.errors import SweepConfigError
from tuneflow.search.sweep import dump_sweep


def train(config: dict[str, Any]) -> float:
    return 0.0


# Every distribution, in the spellings W&B's docs use (and ones tuneflow also takes).
PARAMETERS: dict[str, Any] = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 0.1},
    "lr_exp": {"distribution": "log_uniform", "min": -9, "max": -2},
    "layers": {"min": 1, "max": 4},
    "dropout": {"min": 0.0, "max": 0.5},
    "width": {"distribution": "q_uniform", "min": 32, "max": 256, "q": 32},
    "batch": {"distribution": "q_log_uniform_values", "min": 16, "max": 256, "q": 16},
    "batch_exp": {"distribution": "q_log_uniform", "min": 2, "max": 6, "q": 1},
    "wd": {"distribution": "inv_log_uniform_values", "min": 1e-5, "max": 1e-2},
    "wd_exp": {"distribution": "inv_log_uniform", "min": 2, "max": 9},
    "noise": {"distribution": "normal", "mu": 0, "sigma": 0.1},
    "qnoise": {"distribution": "q_normal", "mu": 0, "sigma": 1, "q": 0.5},
    "scale": {"distribution": "log_normal", "mu": 0, "sigma": 1},
    "qscale": {"distribution": "q_log_normal", "mu": 1, "sigma": 1, "q": 2},
    "mix": {"distribution": "beta", "a": 2, "b": 2},
    "qmix": {"distribution": "q_beta", "a": 2, "b": 2, "q": 0.25},
    "optimizer": {"values": ["adam", "sgd"], "probabilities": [0.7, 0.3]},
    "act": {"distribution": "categorical", "values": ["relu", "gelu"], "probabilities": [0.5, 0.5]},
    "shape": {"values": [[64, 64], {"kind": "wide"}, None]},
    "epochs": {"value": 10},
    "model": {
        "parameters": {
            "boosting": {"values": ["gbdt", "dart"]},
            "depth": {"distribution": "int_uniform", "min": 2, "max": 8},
        }
    },
}
GRID_PARAMETERS: dict[str, Any] = {
    "layers": {"min": 1, "max": 3},
    "width": {"distribution": "q_uniform", "min": 32, "max": 128, "q": 32},
    "shape": {"values": [[64, 64], {"kind": "wide"}, None]},
    "epochs": {"value": 10},
    "model": {"parameters": {"boosting": {"values": ["gbdt", "dart"]}}},
}
HYPERBAND = {"type": "hyperband", "min_iter": 3, "eta": 2}
METRIC = {"name": "val_auc", "goal": "maximize", "target": 0.99}

# method -> the recipe's other fields
RECIPES: dict[str, dict[str, Any]] = {
    "grid": {"parameters": GRID_PARAMETERS, "early_terminate": HYPERBAND},
    "random": {"early_terminate": {"type": "hyperband", "max_iter": 27, "s": 2}},
    "bayes": {"early_terminate": HYPERBAND},
    "tpe": {"early_terminate": HYPERBAND},
    "cmaes": {},
    "qmc": {},
    "nsga2": {"metric": [{"name": "auc", "goal": "maximize"}, {"name": "latency", "goal": "minimize"}]},
    "auto": {"early_terminate": HYPERBAND},
}


def _recipe(method: str) -> tuneflow.Recipe:
    fields = {"parameters": PARAMETERS, "metric": METRIC, **RECIPES[method]}
    return tuneflow.Recipe(
        name=f"export-{method}", train=train, method=method, run_cap=40, seed=7, description="a test sweep", **fields
    )


def _export(method: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tuneflow.TuneflowWarning)
        return _recipe(method).to_sweep()


# cmaes and qmc export exactly as tpe does but for the name and the description's tag (checked
# below), so W&B's checker (about 2 s a call) is asked about tpe's export for all three.
CHECKED = {"grid": "grid", "random": "random", "bayes": "bayes", "tpe": "tpe", "cmaes": "tpe", "qmc": "tpe"}
CHECKED["nsga2"] = "nsga2"
CHECKED["auto"] = "auto"


@pytest.fixture(scope="module")
def violations() -> dict[str, list[str]]:
    with ThreadPoolExecutor(3) as pool:
        futures = {method: pool.submit(wandb_validate, _export(method)) for method in set(CHECKED.values())}
        return {method: f.result() for method, f in futures.items()}


@pytest.mark.wandb_engine
@pytest.mark.parametrize("method", RECIPES)
def test_export_passes_wandbs_schema_check(violations: dict, method: str) -> None:
    checked = CHECKED[method]
    if checked != method:
        ours, theirs = _export(method), _export(checked)
        assert ours["description"].replace(method, checked) == theirs["description"]
        assert {**ours, "name": "", "description": ""} == {**theirs, "name": "", "description": ""}
    assert violations[checked] == []


@pytest.mark.parametrize("method", RECIPES)
def test_export_round_trips(method: str) -> None:
    recipe = _recipe(method)
    back = tuneflow.Recipe.from_sweep(_export(method), train=train)
    assert (back.name, back.method, back.seed, back.run_cap) == (recipe.name, recipe.method, recipe.seed, 40)
    assert back.metrics == recipe.metrics
    assert back.description == "a test sweep"
    # The same search space, leaf by leaf: W&B's deprecated exponent forms come back as their
    # *_values twins, which are the same distributions (checked: Optuna distributions, W&B draws).
    twins = {"log_uniform": "log_uniform_values", "inv_log_uniform": "inv_log_uniform_values"}
    twins["q_log_uniform"] = "q_log_uniform_values"
    ours, theirs = recipe.search_space.params, back.search_space.params
    assert [(p.path, twins.get(p.kind, p.kind), p.distribution(), p.lossy) for p in ours] == [
        (p.path, p.kind, p.distribution(), p.lossy) for p in theirs
    ]
    rng_a, rng_b = np.random.RandomState(0), np.random.RandomState(0)
    draws = [[p.to_config(p.draw(rng)) for p in params] for params, rng in ((ours, rng_a), (theirs, rng_b))]
    assert len(draws[0]) == len(draws[1])
    for a, b in zip(*draws):
        assert a == pytest.approx(b, rel=1e-9) if isinstance(a, float) else a == b
    if recipe.method in ("grid", "random", "bayes", "auto"):
        assert back.early_terminate == recipe.early_terminate


@pytest.mark.parametrize(("method", "custom"), [("random", False), ("bayes", False), ("tpe", True), ("nsga2", True)])
def test_methods_wandb_lacks_export_as_custom_with_a_warning(method: str, custom: bool) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sweep = _recipe(method).to_sweep()
    notes = [str(w.message) for w in caught if issubclass(w.category, tuneflow.TuneflowWarning)]
    if custom:
        assert sweep["method"] == "custom" and sweep["scheduler"] == {"engine": "optuna"}
        assert f"tuneflow: method={method} seed=7" in sweep["description"]
        assert any(f"method '{method}' has no W&B equivalent" in n for n in notes)
    else:
        assert sweep["method"] == method and "scheduler" not in sweep
        assert notes == []


@pytest.mark.parametrize(("metric", "wandb_method"), [(METRIC, "bayes"), ([], "random")])
def test_auto_exports_as_the_wandb_method_an_agent_runs(metric: Any, wandb_method: str) -> None:
    """The default method exports as W&B's nearest (bayes; random without a metric), tagged to come back as auto."""
    recipe = tuneflow.Recipe(name="auto-export", train=train, parameters=PARAMETERS, metric=metric, seed=3)
    assert recipe.method == "auto"
    with warnings.catch_warnings():
        warnings.simplefilter("error", tuneflow.TuneflowWarning)  # nothing to warn about
        sweep = recipe.to_sweep()
    assert sweep["method"] == wandb_method and "scheduler" not in sweep
    assert "tuneflow: method=auto seed=3" in sweep["description"]
    assert tuneflow.Recipe.from_sweep(sweep, train=train).method == "auto"
    sweep.pop("description")  # a plain W&B bayes/random sweep stays what it says
    assert tuneflow.Recipe.from_sweep(sweep, train=train).method == wandb_method


def test_dropped_early_terminate_is_said() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sweep = _recipe("tpe").to_sweep()
    assert any("early_terminate is dropped" in str(w.message) for w in caught)
    assert "early_terminate" not in sweep


def test_from_sweep_reads_a_yaml_file() -> None:
    text = dump_sweep(_export("random"))
    Path("sweep.yaml").write_text(text, encoding="utf-8")
    recipe = tuneflow.Recipe.from_sweep("sweep.yaml", train=train)
    assert recipe.method == "random" and recipe.seed == 7 and recipe.name == "export-random"
    assert recipe.parameters["model"]["parameters"]["boosting"] == {"values": ["gbdt", "dart"]}
    assert yaml.safe_load(text)["parameters"]["shape"] == {"values": [[64, 64], {"kind": "wide"}, None]}
    # A plain W&B sweep file (no name) is named after the file; overrides win.
    Path("plain.yaml").write_text("method: grid\nparameters:\n  k:\n    values: [1, 2]\n", encoding="utf-8")
    recipe = tuneflow.Recipe.from_sweep("plain.yaml", train=train, method="random", seed=3)
    assert (recipe.name, recipe.method, recipe.seed) == ("plain", "random", 3)


def test_imported_sweep_runs_and_its_configs_are_nested() -> None:
    seen = []
    recipe = tuneflow.Recipe.from_sweep(_export("random"), train=lambda c: seen.append(c) or 0.0)
    tuneflow.tune(recipe, n_trials=3, storage="memory", wandb=False)
    assert len(seen) == 3
    assert set(seen[0]) == set(PARAMETERS) and set(seen[0]["model"]) == {"boosting", "depth"}


MALFORMED_SWEEPS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "unknown top-level key": (
        {"method": "random", "paramters": {}, "parameters": {"k": {"values": [1]}}},
        ["paramters"],
    ),
    "missing method": ({"parameters": {"k": {"values": [1]}}}, ["method: missing"]),
    "custom without optuna": (
        {"method": "custom", "metric": {"name": "a"}, "parameters": {"k": {"values": [1]}}},
        ["scheduler.engine"],
    ),
    "unknown method": ({"method": "hyperopt", "parameters": {"k": {"values": [1]}}}, ["method: 'hyperopt'"]),
    "custom with an unknown tuneflow method": (
        {
            "method": "custom",
            "scheduler": {"engine": "optuna"},
            "description": "tuneflow: method=hyperopt",
            "parameters": {"k": {"values": [1]}},
        },
        ["description: its `tuneflow: method=hyperopt` line"],
    ),
    "metric and metrics": (
        {"method": "random", "metric": {"name": "a"}, "metrics": [{"name": "a"}], "parameters": {"k": {"values": [1]}}},
        ["metrics: give"],
    ),
    "launch fields W&B refuses": (
        {"method": "random", "kind": "job", "controller": {"type": "remote"}, "parameters": {"k": {"values": [1]}}},
        ["controller.type: must be 'local' or 'cloud'", "kind: W&B takes only 'sweep'"],
    ),
    "one metric as metrics": (
        {"method": "random", "metrics": [{"name": "a"}], "parameters": {"k": {"values": [1]}}},
        ["metrics: lists 1 objective(s)"],
    ),
    "bayes over constants only": (
        {"method": "bayes", "metric": {"name": "a"}, "parameters": {"k": {"value": 1}}},
        ["parameters: method 'bayes' needs a parameter to search"],
    ),
    "missing parameters": ({"method": "random"}, ["parameters: missing"]),
    # W&B's schema refuses a key given as null or with the wrong JSON type: named once each.
    "null keys": (
        {"method": None, "project": None, "metric": None, "early_terminate": None, "run_cap": None, "parameters": None},
        [
            f"{key}: is empty (null)"
            for key in ("early_terminate", "method", "metric", "parameters", "project", "run_cap")
        ],
    ),
    "wrong types": (
        {
            "method": "random",
            "command": "python train.py ${args}",
            "metric": "loss",
            "description": 5,
            "program": 7,
            "parameters": {"k": {"values": [1]}},
        },
        ["command: must be a list", "description: must be a string", "metric: must be a mapping", "program: must be"],
    ),
    "bad leaves and goal": (
        {
            "method": "grid",
            "metric": {"name": "loss", "goal": "minimise"},
            "parameters": {"lr": {"min": 0.1, "max": 0.01}, "m": {"parameters": {"k": {"values": []}}}},
        },
        ["parameters.lr: `min < max`", "parameters.m.parameters.k.values", "metric.goal"],
    ),
}


@pytest.mark.parametrize("case", MALFORMED_SWEEPS)
def test_malformed_sweep_lists_every_problem_by_field(case: str) -> None:
    config, fields = MALFORMED_SWEEPS[case]
    with pytest.raises(SweepConfigError) as info:
        tuneflow.tune(tuneflow.Recipe.from_sweep(config, train=train), storage="sqlite:///t.db", wandb=False)
    message = str(info.value)
    for field in fields:
        assert f"  - {field}" in message, message
    assert len(info.value.problems) == len(fields), message
    assert not Path("t.db").exists()


@pytest.mark.parametrize(
    ("text", "message"), [("method: [", "is not valid YAML"), ("- 1\n- 2\n", "must be a YAML mapping")]
)
def test_unreadable_sweep_file_is_one_clear_error(text: str, message: str) -> None:
    Path("bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SweepConfigError, match=message):
        tuneflow.Recipe.from_sweep("bad.yaml")


def test_define_by_run_recipe_cannot_export() -> None:
    recipe = tuneflow.Recipe(name="dbr", train=train, space=lambda trial: {"x": trial.suggest_float("x", 0, 1)})
    with pytest.raises(SweepConfigError, match="space: a define-by-run space has no W&B sweep equivalent"):
        recipe.to_sweep()


def test_sweep_keys_that_do_nothing_here_are_named_once() -> None:
    sweep = {
        "method": "random",
        "controller": {"type": "local"},
        "job": "entity/project/job:v1",
        "metric": {"name": "loss", "goal": "minimize", "impute": 100.0},
        "parameters": {"x": {"min": 0.0, "max": 1.0}},
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        recipe = tuneflow.Recipe.from_sweep(sweep, train=train)
    notes = [str(w.message) for w in caught if issubclass(w.category, tuneflow.TuneflowWarning)]
    assert len(notes) == 1 and notes[0].startswith("sweep keys tuneflow does not use: ")
    for key in ("`controller`", "`job`", "`metric.impute`"):
        assert key in notes[0]
    assert "image_uri" not in notes[0] and recipe.metrics[0].name == "loss"
    with warnings.catch_warnings():
        warnings.simplefilter("error", tuneflow.TuneflowWarning)  # a plain sweep: not a word
        tuneflow.Recipe.from_sweep(
            {k: v for k, v in sweep.items() if k not in ("controller", "job", "metric")}, train=train
        )


@pytest.mark.parametrize(
    ("extra", "field", "expected"),
    [
        ({"run_cap": 10.0}, "run_cap", 10),
        (
            {"early_terminate": {"type": "hyperband", "min_iter": 3.0}},
            "early_terminate",
            {"type": "hyperband", "min_iter": 3},
        ),
        (
            {"early_terminate": {"type": "hyperband", "max_iter": 27.0, "s": 2.0, "eta": 3.0}},
            "early_terminate",
            {"type": "hyperband", "max_iter": 27, "s": 2, "eta": 3.0},
        ),
    ],
)
def test_integers_written_as_integral_floats_are_integers_as_in_wandbs_schema(
    extra: dict[str, Any], field: str, expected: Any
) -> None:
    """JSON Schema's `integer` (W&B's check) takes 10.0; the recipe gets a real int, the file is left as read."""
    config = {"method": "random", "metric": {"name": "loss"}, "parameters": {"k": {"values": [1]}}, **extra}
    before = copy.deepcopy(config)
    value = getattr(tuneflow.Recipe.from_sweep(config, train=train), field)
    assert value == expected and type(value) is type(expected)
    if isinstance(expected, dict):
        assert all(type(value[k]) is type(v) for k, v in expected.items())
    assert config == before
