"""Method names -> Optuna samplers, W&B early_terminate / pruner names -> Optuna pruners, and
W&B's grid: the configs tuneflow's ``grid`` evaluates are exactly the ones W&B's engine enumerates.
"""

from __future__ import annotations

import json
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import optuna
import pytest
from wandb_engine.engine import wandb_grid

import tuneflow
from tuneflow.search.hyperband import WandbHyperbandPruner
from tuneflow.search.methods import METHODS, WandbRandomSampler, make_pruner, make_sampler
from tuneflow.search.space import SearchSpace
from tuneflow.search.warp import Warped

SPACE = SearchSpace.from_parameters({"x": {"min": 0.0, "max": 1.0}, "k": {"values": ["a", "b"]}})


@pytest.mark.parametrize(
    ("method", "sampler"),
    [
        ("grid", optuna.samplers.RandomSampler),  # points come from the grid queue
        ("random", WandbRandomSampler),
        ("tpe", optuna.samplers.TPESampler),
        ("bayes", Warped),  # auto's choice (isogp+tpe), torch installed or not
        ("gp", optuna.samplers.GPSampler),
        ("auto", Warped),  # a float beside a categorical: isogp+tpe, its GP on warped values
        ("cmaes", optuna.samplers.CmaEsSampler),
        ("qmc", optuna.samplers.QMCSampler),
        ("nsga2", optuna.samplers.NSGAIISampler),
    ],
)
def test_each_method_builds_its_optuna_sampler(method: str, sampler: type) -> None:
    space = SearchSpace.from_parameters({"k": {"values": ["a", "b"]}}) if method == "grid" else SPACE
    assert isinstance(make_sampler(method, space, seed=0), sampler)


def test_the_table_lists_every_method() -> None:
    assert set(METHODS) == {"auto", "grid", "random", "tpe", "bayes", "gp", "cmaes", "qmc", "nsga2"}


def test_bayes_with_gpsampler_options_starts_its_gp_after_a_few_trials_and_options_win() -> None:
    gp = make_sampler("bayes", SPACE, seed=0, n_trials=100, options={"deterministic_objective": True})
    assert isinstance(gp, optuna.samplers.GPSampler) and gp._n_startup_trials == 4
    assert make_sampler("gp", SPACE, seed=0)._n_startup_trials == 10  # Optuna's GPSampler as is
    assert make_sampler("bayes", SPACE, seed=0, options={"n_startup_trials": 7})._n_startup_trials == 7


@pytest.mark.parametrize(("space", "group"), [(SPACE, False), (None, True)])
def test_tpe_sets_multivariate_explicitly_and_groups_define_by_run_spaces(space: Any, group: bool) -> None:
    sampler = make_sampler("tpe", space, seed=0)
    assert sampler._multivariate is True  # Optuna 5's default changed: never rely on it
    assert sampler._group is group


@pytest.mark.parametrize(("method", "space"), [("tpe", None), ("qmc", SPACE)])
def test_chosen_experimental_samplers_do_not_warn(method: str, space: Any) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make_sampler(method, space, seed=0)
    assert [str(w.message) for w in caught] == []


def test_qmc_is_scrambled_so_the_seed_matters() -> None:
    def first_points(seed: int) -> list[float]:
        study = optuna.create_study(sampler=make_sampler("qmc", SPACE, seed=seed))
        study.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=5)
        return [t.params["x"] for t in study.trials[1:]]  # trial 0 is random either way (it finds the space)

    assert first_points(1) == first_points(1)
    assert first_points(1) != first_points(2)


def test_sampler_options_pass_through_and_override_defaults() -> None:
    sampler = make_sampler("tpe", SPACE, seed=0, options={"n_startup_trials": 3, "multivariate": False})
    assert sampler._n_startup_trials == 3 and sampler._multivariate is False


MIXED_SPACE = {"model": {"values": ["a", "b", "c"]}, "x": {"min": 0.0, "max": 1.0}}


@pytest.mark.parametrize(("parallel", "built"), [(True, "TPESampler"), (False, "Warped")])
def test_auto_s_prior_weight_reaches_tpe_without_optunas_deprecation_warning(parallel: bool, built: str) -> None:
    """auto chose ``prior_weight`` (deprecated in Optuna 4.9, removal planned for 6.0; tuneflow pins
    optuna<6): that is tuneflow's to act on, so the user does not see Optuna's FutureWarning. With
    parallel trials it runs TPE alone; otherwise the TPE it reaches is the start and every 3rd trial of
    ``isogp+tpe`` (its GP on warped values)."""
    from tuneflow.search.auto import choose

    space = SearchSpace.from_parameters(MIXED_SPACE)
    choice = choose(space, 50, 1, parallel=parallel)
    assert choice.options["prior_weight"] == 3.0 and choice.chosen
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sampler = make_sampler(choice, space, seed=0)
    assert type(sampler).__name__ == built
    assert not [w for w in caught if issubclass(w.category, FutureWarning)], [str(w.message) for w in caught]


def test_prior_weight_named_by_the_user_keeps_optunas_warning() -> None:
    """The user's own option warns as Optuna warns. When Optuna removes ``prior_weight`` this fails,
    and auto's rule (TPE_PRIOR_WEIGHT) needs its replacement."""
    space = SearchSpace.from_parameters(MIXED_SPACE)
    with pytest.warns(FutureWarning, match="prior_weight"):
        make_sampler("tpe", space, seed=0, options={"prior_weight": 3.0})


LISTED = {"batch": {"values": [16, 32, 64]}, "x": {"min": 0.0, "max": 1.0}}


@pytest.mark.parametrize(
    ("method", "options", "ordered"),
    [
        ("tpe", {"ordinal": True}, True),  # asked for by name
        ("tpe", {}, False),  # a named sampler runs as Optuna's
        ("auto", {}, True),
        ("bayes", {"ordinal": True}, True),  # GPSampler, asked for by name
        ("bayes", {}, True),  # auto's choice
    ],
)
def test_ordinal_is_a_sampler_option_for_the_model_based_samplers(
    method: str, options: dict[str, Any], ordered: bool
) -> None:
    from tuneflow.search.ordinal import Ordinal

    space = SearchSpace.from_parameters(LISTED)
    assert isinstance(make_sampler(method, space, seed=0, options=options), Ordinal) is ordered


@pytest.mark.parametrize(("method", "value"), [("random", True), ("cmaes", True), ("tpe", "yes")])
def test_ordinal_elsewhere_or_not_a_yes_no_is_a_recipe_error(method: str, value: Any) -> None:
    with pytest.raises(tuneflow.RecipeError, match="'ordinal' is true or false, for tpe, gp and bayes"):
        tuneflow.Recipe(
            name="o", train=lambda c: 0.0, parameters=LISTED, method=method, sampler_options={"ordinal": value}
        )


def test_wandb_hyperband_block_becomes_wandb_rule_not_optuna_hyperband() -> None:
    # Decided semantics: a W&B early_terminate block means W&B's own rule (tests/search/test_hyperband.py
    # checks it against W&B's engine); Optuna's HyperbandPruner is `pruner: hyperband`.
    pruner = make_pruner({"type": "hyperband", "max_iter": 27, "s": 2}, None)
    assert isinstance(pruner, WandbHyperbandPruner) and pruner.bands == (3, 9)


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        (None, optuna.pruners.NopPruner),
        ("none", optuna.pruners.NopPruner),
        ("median", optuna.pruners.MedianPruner),
        ("percentile", optuna.pruners.PercentilePruner),
        ("hyperband", optuna.pruners.HyperbandPruner),
        ("successive_halving", optuna.pruners.SuccessiveHalvingPruner),
        ("patient", optuna.pruners.PatientPruner),
        ("wilcoxon", optuna.pruners.WilcoxonPruner),
        ({"type": "threshold", "upper": 1.0}, optuna.pruners.ThresholdPruner),
        ({"type": "median", "n_startup_trials": 2}, optuna.pruners.MedianPruner),
    ],
)
def test_pruner_names_map_to_optuna_pruners(name: Any, cls: type) -> None:
    assert type(make_pruner(None, name)) is cls


def test_pruning_reaches_the_train_function() -> None:
    """trial.report/should_prune drive the recipe's pruner: poor trials stop early."""
    steps: list[int] = []

    def train(config: dict, trial: Any) -> float:
        for step in range(1, 11):
            trial.report(config["x"], step)
            steps.append(step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return config["x"]

    recipe = tuneflow.Recipe(
        name="prune",
        train=train,
        parameters={"x": {"min": 0.0, "max": 1.0}},
        method="random",
        metric={"name": "x", "goal": "minimize"},
        pruner={"type": "median", "n_startup_trials": 3, "n_warmup_steps": 1},
        seed=0,
    )
    result = tuneflow.tune(recipe, n_trials=20, storage="memory", wandb=False)
    counts = result.counts()
    assert counts.get("PRUNED", 0) >= 3 and counts["COMPLETE"] >= 3
    assert len(steps) < 20 * 10


# -- grid: exactly W&B's points -----------------------------------------------------------------

GRIDS: dict[str, dict[str, Any]] = {
    "categorical_objects": {
        "a": {"values": [[1, 2], {"k": "v", "j": [None]}, None, "s"]},
        "b": {"values": [1, 2.5, "1", False]},
    },
    "int_uniform_and_constant": {"n": {"min": -1, "max": 3}, "c": {"value": "x"}, "d": {"value": {"deep": [1]}}},
    # max excluded; float noise of arange kept; an integer q stays integer
    "q_uniform": {
        "x": {"distribution": "q_uniform", "min": 0, "max": 1, "q": 0.25},
        "y": {"distribution": "q_uniform", "min": 0.1, "max": 0.7, "q": 0.1},
        "z": {"distribution": "q_uniform", "min": 0, "max": 10, "q": 3},
    },
    "nested": {
        "model": {"parameters": {"depth": {"min": 2, "max": 3}, "opt": {"parameters": {"kind": {"values": ["a"]}}}}},
        "lr": {"values": [0.1, 0.01]},
        "seed": {"value": 3},
    },
    "constants_only": {"c": {"value": 1}},
}


def _canonical(config: Any) -> Any:
    """Floats rounded (W&B's and numpy's arange may differ in the last bits), JSON text."""

    def walk(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 9)
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return json.dumps(walk(config), sort_keys=True)


@pytest.fixture(scope="module")
def wandb_grids() -> dict[str, list[dict[str, Any]]]:
    with ThreadPoolExecutor(len(GRIDS)) as pool:
        futures = {name: pool.submit(wandb_grid, params) for name, params in GRIDS.items()}
        return {name: f.result() for name, f in futures.items()}


def _tuneflow_grid(parameters: dict[str, Any], storage: str = "memory") -> list[dict[str, Any]]:
    configs: list[dict[str, Any]] = []
    recipe = tuneflow.Recipe(
        name="grid", train=lambda c: configs.append(c) or 0.0, parameters=parameters, method="grid", seed=0
    )
    tuneflow.tune(recipe, storage=storage, wandb=False)  # no n_trials: the grid stops itself
    return configs


@pytest.mark.wandb_engine
@pytest.mark.parametrize("name", GRIDS)
def test_grid_evaluates_exactly_wandbs_points(wandb_grids: dict, name: str) -> None:
    ours = sorted(map(_canonical, _tuneflow_grid(GRIDS[name])))
    theirs = sorted(map(_canonical, wandb_grids[name]))
    assert ours == theirs
    assert len(set(ours)) == len(ours)  # each point once


def test_q_uniform_grid_leaves_out_max_and_keeps_integer_q() -> None:
    configs = _tuneflow_grid({"x": {"distribution": "q_uniform", "min": 0, "max": 10, "q": 2}})
    values = sorted(c["x"] for c in configs)
    assert values == [0, 2, 4, 6, 8] and all(type(v) is int for v in values)


def test_resumed_grid_finishes_the_grid_without_repeating_points() -> None:
    parameters = {"a": {"values": [1, 2, 3]}, "b": {"min": 1, "max": 4}}
    seen: list[tuple[int, int]] = []
    recipe = tuneflow.Recipe(
        name="grid", train=lambda c: seen.append((c["a"], c["b"])) or 0.0, parameters=parameters, method="grid", seed=0
    )
    tuneflow.tune(recipe, n_trials=5, storage="sqlite:///grid.db", wandb=False)
    tuneflow.tune(recipe, storage="sqlite:///grid.db", wandb=False)
    assert sorted(seen) == [(a, b) for a in (1, 2, 3) for b in (1, 2, 3, 4)]
