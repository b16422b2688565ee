"""The built-in recipes: each runs real fits on a dataset scikit-learn ships, seeded, pruned per fold,
beats a baseline that ignores the features, and exports to a W&B sweep where its space allows."""

from __future__ import annotations

import ast
import importlib
import math
import warnings
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import RECIPES_DIR

import tuneflow
from tuneflow.cli import main
from tuneflow.engine.result import load_result
from tuneflow.errors import SweepConfigError

NAMES = sorted(p.stem for p in RECIPES_DIR.glob("*.py") if not p.stem.startswith("_"))
SWEEPABLE = [n for n in NAMES if n != "model_selection"]
N_TRIALS = 3


def _prior(y: np.ndarray) -> np.ndarray:
    return np.bincount(y) / len(y)


# What a model that ignores the features scores on the recipe's data (computed, not recorded).
BASELINES: dict[str, Any] = {
    "val_auc": lambda y: 0.5,
    "val_accuracy": lambda y: float(_prior(y).max()),
    "val_logloss": lambda y: float(-(_prior(y) * np.log(_prior(y))).sum()),
    "val_rmse": lambda y: float(np.std(y)),
}


def _module(name: str) -> Any:
    return importlib.import_module(f"tuneflow.recipes.{name}")


def _run(name: str, n_trials: int = N_TRIALS) -> tuneflow.TuneResult:
    """Trials of the recipe loaded from its file path, in memory, without W&B."""
    recipe = tuneflow.load_recipe(str(RECIPES_DIR / f"{name}.py"))
    return tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=False)


def test_the_recipes_dir_holds_the_recipes_the_issue_asks_for() -> None:
    assert set(NAMES) >= {
        "lightgbm_binary",
        "lightgbm_regression",
        "lightgbm_multiclass",
        "random_forest",
        "svm",
        "logistic_regression",
        "model_selection",
    }


def test_builtin_recipes_lists_every_module_with_its_first_docstring_line() -> None:
    listed = tuneflow.builtin_recipes()
    assert list(listed) == NAMES
    for name in NAMES:
        doc = ast.get_docstring(ast.parse((RECIPES_DIR / f"{name}.py").read_text()))
        assert doc, f"recipes/{name}.py has no docstring"
        assert listed[name] == doc.splitlines()[0]
        recipe = tuneflow.load_recipe(name)
        assert recipe.name == name
        assert recipe.seed is not None, f"{name} is not seeded"
        assert recipe.description == listed[name]


def test_recipes_command_lists_names_and_descriptions() -> None:
    out = CliRunner().invoke(main, ["recipes"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert [line.split()[0] for line in lines] == NAMES
    for line, (name, doc) in zip(lines, tuneflow.builtin_recipes().items()):
        assert line.endswith(doc) and line.startswith(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_recipe_runs_three_seeded_pruned_trials_that_beat_the_featureless_baseline(name: str) -> None:
    result = _run(name)
    recipe, module = tuneflow.load_recipe(name), _module(name)
    counts = result.counts()
    assert sum(counts.values()) == N_TRIALS
    assert set(counts) <= {"COMPLETE", "PRUNED"}, [t.user_attrs for t in result.study.trials]
    assert counts.get("COMPLETE", 0) >= 1
    metric = recipe.metrics[0]
    _, y = module.data()
    baseline = BASELINES[metric.name](y)
    better = result.best_value > baseline if metric.goal == "maximize" else result.best_value < baseline
    assert better, f"{name}: best {metric.name} {result.best_value} vs featureless {baseline}"
    # Pruning: the running mean over folds is reported at steps 1, 2, ...; a complete trial's
    # last report is the objective it returned, a pruned trial stopped before the last fold.
    for t in result.study.trials:
        steps = sorted(t.intermediate_values)
        assert steps and steps == list(range(1, len(steps) + 1)), f"trial {t.number}: steps {steps}"
        if t.state.name == "COMPLETE":
            assert len(steps) == module.N_FOLDS
            assert math.isclose(t.intermediate_values[module.N_FOLDS], t.value, rel_tol=1e-12)
        else:
            assert len(steps) < module.N_FOLDS
    # Seeded: the same recipe again gives the same trials, value for value (two suffice).
    again = _run(name, n_trials=2)
    assert [t.params for t in again.study.trials] == [t.params for t in result.study.trials[:2]]
    assert [t.value for t in again.study.trials] == [t.value for t in result.study.trials[:2]]


@pytest.mark.slow
def test_recipe_configs_have_the_shape_of_the_space() -> None:
    """Sweep recipes hand train the nested config of their parameters block; model_selection the chosen model's."""
    for name in ("lightgbm_binary", "model_selection"):
        result = _run(name)
        for t in result.study.trials:
            config = result.config_of(t)
            if name == "model_selection":
                assert set(config) == {"model", config["model"]}
                assert all(p == "model" or p.startswith(config["model"] + ".") for p in t.params)
            else:
                assert set(config) == set(tuneflow.load_recipe(name).parameters)
                assert set(config["bagging"]) == {"fraction"}


@pytest.mark.parametrize("name", SWEEPABLE)
def test_recipe_exports_to_a_sweep_and_imports_back(name: str) -> None:
    recipe = tuneflow.load_recipe(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tuneflow.TuneflowWarning)  # tpe exports as method: custom
        sweep = recipe.to_sweep()
    back = tuneflow.Recipe.from_sweep(sweep, train=recipe.train)
    assert back.parameters == recipe.parameters
    assert (back.method, back.seed, back.metrics) == (recipe.method, recipe.seed, recipe.metrics)


@pytest.mark.wandb_engine
@pytest.mark.parametrize("name", SWEEPABLE)
def test_recipe_export_passes_wandbs_own_schema_check(name: str) -> None:
    from wandb_engine.engine import wandb_validate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tuneflow.TuneflowWarning)
        sweep = tuneflow.load_recipe(name).to_sweep()
    assert wandb_validate(sweep) == []


def test_model_selection_has_no_sweep_export_and_says_why() -> None:
    with pytest.raises(SweepConfigError, match="define-by-run space has no W&B sweep equivalent"):
        tuneflow.load_recipe("model_selection").to_sweep()


@pytest.mark.slow
def test_run_a_builtin_recipe_by_name_from_the_cli() -> None:
    args = ["run", "lightgbm_binary", "--n-trials", "3", "--no-wandb", "--no-progress"]
    out = CliRunner().invoke(main, args, env={"COLUMNS": "400"})  # wide enough that no column is hidden
    assert out.exit_code == 0, out.output
    result = load_result("sqlite:///tuneflow.db", "lightgbm_binary")
    assert sum(result.counts().values()) == 3
    assert "storage: sqlite:///tuneflow.db" in out.output
    assert f"trial #{result.best_trial.number}, val_auc = " in out.output
