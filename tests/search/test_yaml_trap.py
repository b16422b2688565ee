"""YAML's number trap and W&B's deprecated exponent forms, in sweep files as people write them.

The configs are YAML text read by PyYAML (YAML 1.1, as W&B reads them), so ``1e-5`` really
arrives as the string "1e-5". W&B's engine is the reference for what a string in ``values``
becomes (a string) and for the deprecated forms (its checker refuses them).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from wandb_engine.engine import wandb_draws, wandb_validate

import tuneflow
from tuneflow.errors import SweepConfigError, TuneflowWarning

BOUNDS_AS_TEXT = """
program: train.py
method: bayes
metric: {name: val_loss, goal: minimize}
parameters:
  learning_rate:
    distribution: log_uniform_values
    min: 1e-5
    max: 1e-2
  dropout: {min: 0.0, max: 0.5}
  momentum: {distribution: uniform, min: '0.8', max: 0.99}
"""

VALUES_AS_TEXT = """
method: random
metric: {name: val_loss, goal: minimize}
parameters:
  weight_decay:
    values: [0, 1e-4, 5e-4, 1.0e-3]
  lr:
    values: [1e-3, 3e-4]
  batch_size:
    values: [32, 64]
"""

DEPRECATED = """
method: random
metric: {name: val_loss, goal: minimize}
parameters:
  lr:
    distribution: log_uniform
    min: -9.21
    max: -2.3
  eps:
    distribution: inv_log_uniform
    min: 2
    max: 5
"""


def _sweep(tmp: Path, text: str) -> Path:
    path = tmp / "sweep.yaml"
    path.write_text(text)
    return path


def _tune(path: Path, n: int) -> tuple[list[dict[str, Any]], list[str]]:
    configs: list[dict[str, Any]] = []
    recipe = tuneflow.Recipe.from_sweep(path, train=lambda c: configs.append(c) or 0.0, seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tuneflow.tune(recipe, n_trials=n, storage="memory", wandb=False)
    return configs, [str(w.message) for w in caught if issubclass(w.category, TuneflowWarning)]


def test_yaml_reads_exponents_without_a_dot_as_text() -> None:
    data = yaml.safe_load(BOUNDS_AS_TEXT)
    assert data["parameters"]["learning_rate"]["min"] == "1e-5"  # the trap itself


def test_number_like_bounds_say_why_and_how_to_fix_all_at_once(_isolated: Path) -> None:
    with pytest.raises(SweepConfigError) as info:
        tuneflow.Recipe.from_sweep(_sweep(_isolated, BOUNDS_AS_TEXT))
    problems = info.value.problems
    assert problems == [
        "parameters.learning_rate.min: must be a number, but got the text '1e-5': `1e-5` is read as text by "
        "YAML 1.1 (PyYAML, which W&B uses too; a float needs a dot); write `1.0e-5`.",
        "parameters.learning_rate.max: must be a number, but got the text '1e-2': `1e-2` is read as text by "
        "YAML 1.1 (PyYAML, which W&B uses too; a float needs a dot); write `1.0e-2`.",
        "parameters.momentum.min: must be a number, but got the text '0.8' (quoted in the config?); "
        "write it without quotes: `0.8`.",
    ]


def test_the_suggested_fix_is_read_as_a_number(_isolated: Path) -> None:
    fixed = BOUNDS_AS_TEXT.replace("1e-5", "1.0e-5").replace("1e-2", "1.0e-2").replace("'0.8'", "0.8")
    recipe = tuneflow.Recipe.from_sweep(_sweep(_isolated, fixed))
    assert recipe.search_space.by_name["learning_rate"].spec["min"] == pytest.approx(1e-5)


@pytest.mark.wandb_engine
def test_number_like_values_are_passed_as_strings_as_wandb_does_with_one_warning(_isolated: Path) -> None:
    configs, messages = _tune(_sweep(_isolated, VALUES_AS_TEXT), 200)
    theirs = wandb_draws(yaml.safe_load(VALUES_AS_TEXT)["parameters"], n=200, seed=0)
    for name in ("weight_decay", "lr", "batch_size"):
        assert {type(c[name]) for c in configs} == {type(v) for v in theirs[name]}, name
        assert {repr(c[name]) for c in configs} == {repr(v) for v in theirs[name]}, name
    assert {c["weight_decay"] for c in configs} == {0, "1e-4", "5e-4", 1.0e-3}
    per_param = {m.split(":")[0]: m for m in messages}
    assert len(messages) == 2 and set(per_param) == {"parameters.weight_decay", "parameters.lr"}
    assert "'1e-4', '5e-4' are text, not numbers" in per_param["parameters.weight_decay"]
    assert "as strings, as under W&B" in per_param["parameters.weight_decay"]
    assert "write 1.0e-4, 5.0e-4" in per_param["parameters.weight_decay"]


@pytest.mark.wandb_engine
def test_deprecated_exponent_forms_run_with_a_warning_saying_how_they_are_read(_isolated: Path) -> None:
    config = yaml.safe_load(DEPRECATED)
    refused = wandb_validate(config)
    assert any("lr uses log_uniform, where min/max specify base-e exponents" in v for v in refused), refused
    configs, messages = _tune(_sweep(_isolated, DEPRECATED), 100)
    lr = next(m for m in messages if m.startswith("parameters.lr:"))
    eps = next(m for m in messages if m.startswith("parameters.eps:"))
    assert "uses log_uniform, where min/max specify base-e exponents" in lr
    assert f"write `distribution: log_uniform_values, min: {math.exp(-9.21):.6g}, max: {math.exp(-2.3):.6g}`" in lr
    assert f"min: {math.exp(-5):.6g}, max: {math.exp(-2):.6g}" in eps and "inv_log_uniform_values" in eps
    assert len(messages) == 2
    assert all(math.exp(-9.21) <= c["lr"] <= math.exp(-2.3) for c in configs)
    assert all(math.exp(-5) <= c["eps"] <= math.exp(-2) for c in configs)
    # The suggested replacement passes W&B's checker.
    fixed = {
        **config,
        "parameters": {
            "lr": {"distribution": "log_uniform_values", "min": math.exp(-9.21), "max": math.exp(-2.3)},
            "eps": {"distribution": "inv_log_uniform_values", "min": math.exp(-5), "max": math.exp(-2)},
        },
    }
    assert wandb_validate(fixed) == []


def test_log_uniform_with_value_like_bounds_suggests_the_values_form_too(_isolated: Path) -> None:
    text = DEPRECATED.replace("min: -9.21", "min: 0.00001").replace("max: -2.3", "max: 0.01")
    _, messages = _tune(_sweep(_isolated, text), 1)
    lr = next(m for m in messages if m.startswith("parameters.lr:"))
    assert (
        "if you meant the values 1e-05 .. 0.01, write `distribution: log_uniform_values, min: 1e-05, max: 0.01`" in lr
    )


def test_quoted_integers_in_values_get_the_integer_spelling() -> None:
    from tuneflow.search.hints import text_numbers, text_numbers_warning

    found = text_numbers(["1", "gbdt", 2, "1"])
    assert found == ["1"]
    assert text_numbers_warning("k", found).endswith("To pass numbers, write 1.")


PROBABILITIES_AS_CATEGORICAL = """
method: random
metric: {name: val_loss, goal: minimize}
parameters:
  optimizer:
    distribution: categorical
    values: [adam, sgd]
    probabilities: [0.8, 0.2]
  width: {values: [64, 128], probabilities: [0.5, 0.5]}
"""


@pytest.mark.wandb_engine
def test_categorical_beside_probabilities_runs_with_the_spelling_wandb_takes(_isolated: Path) -> None:
    config = yaml.safe_load(PROBABILITIES_AS_CATEGORICAL)
    assert any("invalid hyperparameter configuration: optimizer" in v for v in wandb_validate(config))
    configs, messages = _tune(_sweep(_isolated, PROBABILITIES_AS_CATEGORICAL), 300)
    assert len(messages) == 1 and messages[0].startswith(
        "parameters.optimizer: W&B refuses `distribution: categorical`"
    )
    assert "write `distribution: categorical_w_probabilities` or leave `distribution` out" in messages[0]
    share = sum(c["optimizer"] == "adam" for c in configs) / len(configs)
    assert 0.7 < share < 0.9  # the probabilities are kept: read as categorical_w_probabilities
    # Both suggested spellings pass W&B's checker.
    for fixed in ({"distribution": "categorical_w_probabilities"}, {}):
        spec = {**config["parameters"]["optimizer"], "distribution": None, **fixed}
        spec = {k: v for k, v in spec.items() if v is not None}
        assert wandb_validate({**config, "parameters": {**config["parameters"], "optimizer": spec}}) == []
