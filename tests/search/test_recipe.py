"""Recipe validation: every malformed recipe names its field, lists all its problems at once, and
stops before any study exists; ``load_recipe`` finds a module's ``recipe``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import optuna
import pytest
from conftest import RECIPES_DIR

import tuneflow
from tuneflow.errors import RecipeError, TuneflowError


def train(config: dict[str, Any]) -> float:
    return 0.0


GOOD: dict[str, Any] = {"name": "r", "train": train, "parameters": {"x": {"min": 0.0, "max": 1.0}}}
CAT = {"values": ["a", "b", "c"]}

# id -> (changes to a valid recipe, field paths the error must name)
MALFORMED: dict[str, tuple[dict[str, Any], list[str]]] = {
    "unknown distribution": ({"parameters": {"lr": {"distribution": "gaussian"}}}, ["parameters.lr.distribution"]),
    "min > max": ({"parameters": {"lr": {"min": 1.0, "max": 0.1}}}, ["parameters.lr: `min < max`"]),
    "min == max": ({"parameters": {"n": {"min": 3, "max": 3}}}, ["parameters.n: `min < max`"]),
    "empty values": ({"parameters": {"k": {"values": []}}}, ["parameters.k.values"]),
    "values not a list": ({"parameters": {"k": {"values": "gbdt"}}}, ["parameters.k.values"]),
    "probabilities sum": (
        {"parameters": {"k": {**CAT, "probabilities": [0.5, 0.3, 0.3]}}},
        ["parameters.k.probabilities"],
    ),
    "probabilities length": (
        {"parameters": {"k": {**CAT, "probabilities": [0.5, 0.5]}}},
        ["parameters.k.probabilities"],
    ),
    "log min <= 0": (
        {"parameters": {"lr": {"distribution": "log_uniform_values", "min": 0, "max": 1}}},
        ["parameters.lr.min"],
    ),
    "q <= 0": ({"parameters": {"x": {"distribution": "q_uniform", "min": 0, "max": 1, "q": 0}}}, ["parameters.x.q"]),
    "sigma <= 0": ({"parameters": {"x": {"distribution": "normal", "sigma": -1}}}, ["parameters.x.sigma"]),
    "int_uniform floats": (
        {"parameters": {"n": {"distribution": "int_uniform", "min": 1.5, "max": 4}}},
        ["parameters.n.min"],
    ),
    "missing min": ({"parameters": {"x": {"distribution": "uniform", "max": 1.0}}}, ["parameters.x: distribution"]),
    "unknown key": ({"parameters": {"lr": {"min": 0.1, "max": 1.0, "step": 0.1}}}, ["parameters.lr.step"]),
    "spec not a mapping": ({"parameters": {"lr": 0.1}}, ["parameters.lr"]),
    "nested errors": (
        {"parameters": {"model": {"parameters": {"depth": {"min": 5, "max": 2}, "kind": {"values": "gbdt"}}}}},
        ["parameters.model.parameters.depth", "parameters.model.parameters.kind.values"],
    ),
    "unknown method": ({"method": "hyperopt"}, ["method: 'hyperopt'"]),
    "goal typo": ({"metric": {"name": "auc", "goal": "maximise"}}, ["metric.goal: 'maximise'"]),
    "metric unknown key": ({"metric": {"name": "auc", "gaol": "maximize"}}, ["metric.gaol"]),
    "grid with continuous": (
        {"method": "grid", "parameters": {"lr": {"distribution": "log_uniform_values", "min": 1e-3, "max": 0.3}}},
        ["parameters.lr: method 'grid' needs finite values"],
    ),
    "grid with probabilities": (
        {"method": "grid", "parameters": {"k": {**CAT, "probabilities": [0.2, 0.3, 0.5]}}},
        ["parameters.k.probabilities: method 'grid'"],
    ),
    "grid with define-by-run": ({"method": "grid", "parameters": None, "space": lambda t: {}}, ["method: 'grid'"]),
    "several metrics, one-metric method": (
        {"method": "cmaes", "metric": [{"name": "a"}, {"name": "b", "goal": "maximize"}]},
        ["method: 'cmaes'"],
    ),
    "early_terminate type": ({"early_terminate": {"type": "median_stop", "min_iter": 3}}, ["early_terminate.type"]),
    "early_terminate without min_iter": (
        {"early_terminate": {"type": "hyperband", "eta": 1}},
        ["early_terminate:", "early_terminate.eta"],
    ),
    "early_terminate and pruner": (
        {"early_terminate": {"type": "hyperband", "min_iter": 1}, "pruner": "median"},
        ["pruner: give either"],
    ),
    "unknown pruner": ({"pruner": "mediann"}, ["pruner: 'mediann'"]),
    "run_cap 0": ({"run_cap": 0}, ["run_cap"]),
    "run_cap float": ({"run_cap": 2.5}, ["run_cap"]),
    "seed negative": ({"seed": -1}, ["seed"]),
    "max_consecutive_failures": ({"max_consecutive_failures": 0}, ["max_consecutive_failures"]),
    "train not callable": ({"train": "train.py"}, ["train"]),
    "both parameters and space": ({"space": lambda trial: {}}, ["parameters: give exactly one"]),
    "neither parameters nor space": ({"parameters": None}, ["parameters: give exactly one"]),
    "space not callable": ({"parameters": None, "space": {"x": 1}}, ["space"]),
    "sampler_options misfit": ({"method": "tpe", "sampler_options": {"n_startup": 3}}, ["sampler_options"]),
    "sampler_options misfit beside other problems": (  # listed with them, not only once they are fixed
        {"method": "tpe", "sampler_options": {"n_startup": 3}, "seed": -1, "metric": {"name": "a", "goal": "up"}},
        ["metric.goal", "seed", "sampler_options"],
    ),
    "empty name": ({"name": " "}, ["name"]),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_recipe_names_the_field_and_creates_no_study(case: str) -> None:
    changes, fields = MALFORMED[case]
    with pytest.raises(RecipeError) as info:
        tuneflow.tune(tuneflow.Recipe(**{**GOOD, **changes}), n_trials=1, storage="sqlite:///t.db", wandb=False)
    message = str(info.value)
    for field in fields:
        assert f"  - {field}" in message, message
    assert len(info.value.problems) == len(fields), message
    assert not Path("t.db").exists()  # the error came before any storage or study


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(RecipeError) as info:
        tuneflow.Recipe(
            name="lgbm-grid",
            train=train,
            parameters={"learning_rate": {"distribution": "log_uniform_values", "min": 1e-3, "max": 0.3}},
            method="grid",
            metric={"name": "auc", "goal": "maximise"},
            run_cap=-1,
        )
    message = str(info.value)
    assert message.startswith("recipe 'lgbm-grid' has 3 problems:\n")
    assert "  - parameters.learning_rate: method 'grid' needs finite values, but got log_uniform_values" in message
    assert "use method 'tpe'" in message  # the fix
    assert "  - metric.goal: 'maximise' is not one of 'minimize', 'maximize'." in message
    assert "  - run_cap: must be an integer >= 1, but got -1." in message


def test_runtime_problems_stop_tune_before_any_study() -> None:
    recipe = tuneflow.Recipe(name="r", parameters={"x": {"min": 0.0, "max": 1.0}})  # no train
    with pytest.raises(RecipeError, match="train: the recipe has no train function"):
        tuneflow.tune(recipe, storage="sqlite:///t.db", wandb=False)
    with pytest.raises(RecipeError, match="n_trials: must be >= 1"):
        tuneflow.tune(recipe.replace(train=train), n_trials=0, storage="sqlite:///t.db", wandb=False)
    assert not Path("t.db").exists()


_NO_TORCH = """
import importlib.abc
import sys

class NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "torch":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoTorch())
import tuneflow
"""


def _without_torch(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Run ``body`` in a fresh interpreter where torch cannot be imported.

    A finder first on ``sys.meta_path`` raises ModuleNotFoundError for torch, as Python does when a
    package is not installed (libraries that merely look for torch in ``sys.modules`` are unaffected).
    """
    script = _NO_TORCH + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("method", "options", "named"),
    [("gp", {}, "'gp'"), ("bayes", {"deterministic_objective": True}, "'bayes' with sampler_options (GPSampler's)")],
)
def test_an_explicit_gp_without_torch_fails_before_the_study_and_names_the_extra(
    tmp_path: Path, method: str, options: dict, named: str
) -> None:
    proc = _without_torch(
        tmp_path,
        f"""
        recipe = tuneflow.Recipe(name="gp", train=lambda c: 0.0, parameters={{"x": {{"min": 0.0, "max": 1.0}}}},
                                 method={method!r}, sampler_options={options!r})
        try:
            tuneflow.tune(recipe, n_trials=12, storage="sqlite:///gp.db", wandb=False)
        except tuneflow.RecipeError as exc:
            print(exc)
            sys.exit(3)
        """,
    )
    assert proc.returncode == 3, proc.stderr
    assert f"  - method: {named} needs the `torch` package" in proc.stdout
    assert "pip install 'tuneflow[gp]' torch==2.13.0" in proc.stdout
    assert not (tmp_path / "gp.db").exists()


def test_a_bayes_sweep_runs_without_torch_and_says_so(tmp_path: Path) -> None:
    """A W&B sweep with ``method: bayes`` on a plain install: it runs without torch, and says which and why."""
    (tmp_path / "sweep.yaml").write_text(
        "method: bayes\nmetric: {name: loss, goal: minimize}\n"
        "parameters:\n  x: {min: -2.0, max: 2.0}\n  y: {min: -2.0, max: 2.0}\n"
    )
    proc = _without_torch(
        tmp_path,
        """
        import json
        recipe = tuneflow.Recipe.from_sweep("sweep.yaml", train=lambda c: {"loss": (c["x"] - 1) ** 2 + c["y"] ** 2})
        result = tuneflow.tune(recipe, n_trials=15, storage="sqlite:///b.db", wandb=False)
        print(json.dumps({"n": len(result.trials), "best": result.best_value,
                          "sampler": type(result.study.sampler).__name__,
                          "choice": result.study.user_attrs["tuneflow:sampler"],
                          "torch": "torch" in sys.modules}))
        """,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["n"] == 15 and out["best"] < 1.0
    # auto's choice without torch on a continuous space: the GP of one length scale with TPE (no torch)
    assert out["sampler"] == "Warped" and out["choice"]["method"] == "isogp+tpe"
    assert not out["torch"]
    said = [line for line in proc.stderr.splitlines() if "method 'bayes' runs" in line]
    assert len(said) == 1, proc.stderr  # once, at the start
    assert (
        "isogp+tpe(ard_from=20, every=3, local=1000, n_ei_candidates=64, n_startup_trials=3, warp='power')" in said[0]
    ), said[0]
    assert "on every install" in said[0] and "W&B's own model" in said[0]


def test_recipe_is_frozen_and_replace_revalidates() -> None:
    recipe = tuneflow.Recipe(**GOOD)
    with pytest.raises(AttributeError):
        recipe.method = "grid"  # type: ignore[misc]
    assert recipe.replace(method="random", seed=None).method == "random"
    with pytest.raises(RecipeError, match=r"parameters\.x: method 'grid'"):
        recipe.replace(method="grid")


# -- load_recipe ----------------------------------------------------------------------------------


def test_load_recipe_from_a_module_path() -> None:
    recipe = tuneflow.load_recipe(RECIPES_DIR / "lightgbm_binary.py")
    assert recipe.name == "lightgbm_binary" and recipe.search_space is not None


def test_load_recipe_from_a_sweep_yaml() -> None:
    Path("sweep.yaml").write_text("method: random\nparameters:\n  x:\n    values: [1, 2]\n", encoding="utf-8")
    recipe = tuneflow.load_recipe("sweep.yaml")
    assert (recipe.name, recipe.method) == ("sweep", "random")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no recipe module at"),
        ("x = 1\n", "defines no `recipe = tuneflow.Recipe(...)`"),
    ],
)
def test_load_recipe_errors_say_what_is_missing(content: str | None, message: str) -> None:
    if content is not None:
        Path("mine.py").write_text(content, encoding="utf-8")
    with pytest.raises(TuneflowError, match=re.escape(message)):
        tuneflow.load_recipe("mine.py")


def test_unknown_recipe_name_lists_the_builtins() -> None:
    with pytest.raises(TuneflowError, match="not a file and not a built-in recipe"):
        tuneflow.load_recipe("no_such_recipe")


def test_optuna_sees_no_study_for_a_bad_recipe_in_an_existing_storage() -> None:
    """A storage that already holds other studies gains none from a rejected recipe."""
    tuneflow.tune(tuneflow.Recipe(**GOOD), n_trials=1, storage="sqlite:///t.db", wandb=False)
    with pytest.raises(RecipeError):
        tuneflow.tune(tuneflow.Recipe(**{**GOOD, "name": "bad", "method": "nope"}), storage="sqlite:///t.db")
    assert optuna.get_all_study_names("sqlite:///t.db") == ["r"]
