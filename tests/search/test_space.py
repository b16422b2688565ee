"""W&B ``parameters`` blocks -> Optuna distributions -> values, checked as tables.

Every W&B distribution is one row: the Optuna distribution it must map to, whether a
model-based sampler searches it lossily, and W&B's support written out by hand from W&B's
definitions. Sampled values are then checked against that support under every sampler, and the
``random`` draws against W&B's own ``sweeps`` engine (2,000 draws each, two-sample tests).
"""

from __future__ import annotations

import json
import math
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import optuna
import pytest
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from scipy import stats
from wandb_engine.engine import wandb_draws

import tuneflow
from tuneflow.engine.result import trial_config
from tuneflow.search.space import DISTRIBUTIONS, SearchSpace, parse_parameters

E = math.exp


def _is_float(v: Any) -> bool:
    return isinstance(v, float)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _on(v: float, q: float) -> bool:
    """``v`` is a multiple of ``q`` (up to float noise)."""
    return abs(v / q - round(v / q)) < 1e-9


def _within(lo: float, hi: float) -> Any:
    return lambda v: _is_float(v) and lo <= v <= hi


# id -> (W&B spec, {Optuna name: expected Optuna distribution (None = constant)}, lossy under
# model-based methods, W&B's support of the value the train function receives).
TABLE: dict[str, tuple[dict[str, Any], dict[str, Any], bool, Any]] = {
    "constant": ({"value": 7}, {"constant": None}, False, lambda v: v == 7 and _is_int(v)),
    "constant_list": ({"value": [1, {"a": None}]}, {"constant_list": None}, False, lambda v: v == [1, {"a": None}]),
    "categorical": (
        {"values": ["gbdt", "dart"]},
        {"categorical": CategoricalDistribution(["gbdt", "dart"])},
        False,
        lambda v: v in ("gbdt", "dart"),
    ),
    "categorical_objects": (
        {"values": [[1, 2], {"b": 1, "a": 2}, None, "x", 3.5]},
        {"categorical_objects": CategoricalDistribution(["[1, 2]", '{"a": 2, "b": 1}', None, "x", 3.5])},
        False,
        lambda v: any(v == w and type(v) is type(w) for w in ([1, 2], {"b": 1, "a": 2}, None, "x", 3.5)),
    ),
    "categorical_probs": (
        {"values": [1, 2, 3], "probabilities": [0.2, 0.3, 0.5]},
        {"categorical_probs": CategoricalDistribution([1, 2, 3])},
        True,
        lambda v: v in (1, 2, 3) and _is_int(v),
    ),
    "categorical_w_probabilities": (
        {"distribution": "categorical_w_probabilities", "values": ["a", "b"], "probabilities": [0.9, 0.1]},
        {"categorical_w_probabilities": CategoricalDistribution(["a", "b"])},
        True,
        lambda v: v in ("a", "b"),
    ),
    "int_uniform": (
        {"distribution": "int_uniform", "min": 1, "max": 3},
        {"int_uniform": IntDistribution(1, 3)},
        False,
        lambda v: _is_int(v) and 1 <= v <= 3,
    ),
    "int_uniform_inferred": (
        {"min": -2, "max": 2},
        {"int_uniform_inferred": IntDistribution(-2, 2)},
        False,
        lambda v: _is_int(v) and -2 <= v <= 2,
    ),
    "uniform": ({"min": -1.0, "max": 2.5}, {"uniform": FloatDistribution(-1.0, 2.5)}, False, _within(-1.0, 2.5)),
    # x / q over (0.5, 4.75) rounds to 1..5: 0.0 (the half-way tie at min) is never produced.
    "q_uniform": (
        {"distribution": "q_uniform", "min": 0.1, "max": 0.95, "q": 0.2},
        {"q_uniform": FloatDistribution(0.2, 1.0, step=0.2)},
        False,
        lambda v: _is_float(v) and _on(v, 0.2) and 0.2 - 1e-9 <= v <= 1.0 + 1e-9,
    ),
    "q_uniform_int_q": (
        {"distribution": "q_uniform", "min": 0, "max": 10, "q": 2},
        {"q_uniform_int_q": IntDistribution(0, 10, step=2)},
        False,
        lambda v: _is_int(v) and v % 2 == 0 and 0 <= v <= 10,
    ),
    "q_uniform_default_q": (
        {"distribution": "q_uniform", "min": 0, "max": 3},
        {"q_uniform_default_q": FloatDistribution(0.0, 3.0, step=1.0)},
        False,
        lambda v: _is_float(v) and v in (0.0, 1.0, 2.0, 3.0),
    ),
    "log_uniform": (
        {"distribution": "log_uniform", "min": -2, "max": 1},
        {"log_uniform": FloatDistribution(E(-2), E(1), log=True)},
        False,
        _within(E(-2), E(1)),
    ),
    "log_uniform_values": (
        {"distribution": "log_uniform_values", "min": 1e-3, "max": 1.0},
        {"log_uniform_values": FloatDistribution(1e-3, 1.0, log=True)},
        False,
        _within(1e-3, 1.0),
    ),
    "q_log_uniform": (
        {"distribution": "q_log_uniform", "min": 0, "max": 3, "q": 1},
        {"q_log_uniform": FloatDistribution(1.0, E(3), log=True)},
        True,
        lambda v: _is_int(v) and 1 <= v <= 20,
    ),
    "q_log_uniform_values": (
        {"distribution": "q_log_uniform_values", "min": 1, "max": 100, "q": 5},
        {"q_log_uniform_values": FloatDistribution(1.0, 100.0, log=True)},
        True,
        lambda v: _is_int(v) and v % 5 == 0 and 0 <= v <= 100,
    ),
    "inv_log_uniform": (
        {"distribution": "inv_log_uniform", "min": 0, "max": 3},
        {"inv_log_uniform": FloatDistribution(E(-3), 1.0, log=True)},
        False,
        _within(E(-3), 1.0),
    ),
    "inv_log_uniform_values": (
        {"distribution": "inv_log_uniform_values", "min": 0.01, "max": 1.0},
        {"inv_log_uniform_values": FloatDistribution(0.01, 1.0, log=True)},
        False,
        _within(0.01, 1.0),
    ),
    "normal": (
        {"distribution": "normal", "mu": 1, "sigma": 2},
        {"normal": FloatDistribution(-7.0, 9.0)},
        True,
        lambda v: _is_float(v) and math.isfinite(v),
    ),
    "q_normal": (
        {"distribution": "q_normal", "q": 0.5},
        {"q_normal": FloatDistribution(-4.0, 4.0, step=0.5)},
        True,
        lambda v: _is_float(v) and _on(v, 0.5),
    ),
    "q_normal_int_q": (
        {"distribution": "q_normal", "mu": 10, "sigma": 3, "q": 2},
        {"q_normal_int_q": IntDistribution(-2, 22, step=2)},
        True,
        lambda v: _is_int(v) and v % 2 == 0,
    ),
    "log_normal": (
        {"distribution": "log_normal", "mu": 0.5, "sigma": 0.5},
        {"log_normal": FloatDistribution(E(-1.5), E(2.5), log=True)},
        True,
        lambda v: _is_float(v) and v > 0,
    ),
    "q_log_normal": (
        {"distribution": "q_log_normal", "q": 2},
        {"q_log_normal": FloatDistribution(E(-4), E(4), log=True)},
        True,
        lambda v: _is_int(v) and v % 2 == 0 and v >= 0,
    ),
    "beta": (
        {"distribution": "beta", "a": 2, "b": 5},
        {"beta": FloatDistribution(0.0, 1.0)},
        True,
        _within(0.0, 1.0),
    ),
    "q_beta": (
        {"distribution": "q_beta", "a": 2, "b": 5, "q": 0.1},
        {"q_beta": FloatDistribution(0.0, 1.0, step=0.1)},
        True,
        lambda v: _is_float(v) and _on(v, 0.1) and 0 <= v <= 1 + 1e-9,
    ),
    "nested": (
        {"parameters": {"depth": {"values": [2, 4]}, "opt": {"parameters": {"lr": {"min": 0.1, "max": 0.2}}}}},
        {"nested.depth": CategoricalDistribution([2, 4]), "nested.opt.lr": FloatDistribution(0.1, 0.2)},
        False,
        lambda v: set(v) == {"depth", "opt"} and v["depth"] in (2, 4) and 0.1 <= v["opt"]["lr"] <= 0.2,
    ),
}
PARAMETERS = {row: spec for row, (spec, *_) in TABLE.items()}
SPACE = SearchSpace.from_parameters(PARAMETERS)
N_DRAWS = 2000
SAMPLERS = {"random": 400, "tpe": 60, "qmc": 64, "cmaes": 40}


def test_table_covers_every_wandb_distribution() -> None:
    kinds = {p.kind for p in SPACE.params}
    assert kinds == set(DISTRIBUTIONS)
    assert any(len(p.path) == 3 for p in SPACE.params)  # two levels of nesting


@pytest.mark.parametrize("row", TABLE)
def test_maps_to_the_expected_optuna_distribution(row: str) -> None:
    spec, expected, lossy, _ = TABLE[row]
    params, problems = parse_parameters({row: spec})
    assert problems == []
    assert {p.name: p.distribution() for p in params} == expected
    assert all((p.lossy is not None) == lossy for p in params)


@pytest.fixture(scope="module")
def sampled() -> dict[str, list[dict[str, Any]]]:
    """Configs the train function received, per method, all table rows in one recipe."""
    out: dict[str, list[dict[str, Any]]] = {}
    for method, n in SAMPLERS.items():
        configs: list[dict[str, Any]] = []

        def train(config: dict[str, Any], configs: list = configs) -> float:
            configs.append(config)
            return float(len(configs) % 7)

        recipe = tuneflow.Recipe(name=method, train=train, parameters=PARAMETERS, method=method, seed=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tuneflow.tune(recipe, n_trials=n, storage="memory", wandb=False)
        assert len(configs) == n
        out[method] = configs
    return out


@pytest.mark.parametrize("method", SAMPLERS)
@pytest.mark.parametrize("row", TABLE)
def test_sampled_values_stay_in_wandb_support(sampled: dict, method: str, row: str) -> None:
    support = TABLE[row][3]
    values = [config[row] for config in sampled[method]]
    outside = [v for v in values if not support(v)]
    assert outside == [], f"{method} gave {row} values outside W&B's support: {outside[:5]}"


def test_model_based_sampler_uses_every_category_and_decodes_it() -> None:
    """Lists, dicts and null go to Optuna as JSON text / None and come back as the real values."""
    seen = []
    values = [[1, 2], {"b": 1, "a": 2}, None, "x"]
    recipe = tuneflow.Recipe(
        name="objects",
        train=lambda config: seen.append(config["v"]) or 0.0,
        parameters={"v": {"values": values}},
        method="tpe",
        seed=0,
    )
    result = tuneflow.tune(recipe, n_trials=20, storage="sqlite:///objects.db", wandb=False)
    assert {json.dumps(v, sort_keys=True) for v in seen} == {json.dumps(v, sort_keys=True) for v in values}
    stored = {t.params["v"] for t in result.study.trials}
    assert stored <= {"[1, 2]", '{"a": 2, "b": 1}', None, "x"}
    # Read back from the file without the recipe: the config is rebuilt and decoded.
    reloaded = tuneflow.load_result("sqlite:///objects.db")
    for trial, value in zip(reloaded.study.trials, seen):
        assert reloaded.config_of(trial) == {"v": value}


def test_lossy_parameters_warn_by_name_under_model_based_methods() -> None:
    recipe = tuneflow.Recipe(name="lossy", train=lambda c: 0.0, parameters=PARAMETERS, method="tpe", seed=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tuneflow.tune(recipe, n_trials=1, storage="memory", wandb=False)
    ours = [str(w.message) for w in caught if issubclass(w.category, tuneflow.TuneflowWarning)]
    # The deprecated exponent forms warn under every method (tests/test_yaml_trap.py).
    deprecated = {"parameters.log_uniform:", "parameters.q_log_uniform:", "parameters.inv_log_uniform:"}
    named = {m.split(" ")[0] for m in ours if "is deprecated" not in m}
    lossy = {f"parameters.{name}" for row, (_, dists, lossy, _) in TABLE.items() if lossy for name in dists}
    assert named == lossy
    assert {m.split(" ")[0] for m in ours if "is deprecated" in m} == deprecated
    random_recipe = recipe.replace(method="random")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tuneflow.tune(random_recipe, n_trials=1, storage="memory", wandb=False)
    ours = [str(w.message) for w in caught if issubclass(w.category, tuneflow.TuneflowWarning)]
    assert {m.split(" ")[0] for m in ours} == deprecated


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ({"value": 1}, "constant"),
        ({"values": [1]}, "categorical"),
        ({"values": [1, 2], "probabilities": [0.5, 0.5]}, "categorical"),
        ({"min": 1, "max": 3}, "int_uniform"),
        ({"min": 1, "max": 3.0}, "uniform"),
        ({"min": 1.0, "max": 3}, "uniform"),
        ({"distribution": "categorical_w_probabilities", "values": [1], "probabilities": [1.0]}, "categorical"),
    ],
)
def test_distribution_is_inferred_as_wandb_infers_it(block: dict, kind: str) -> None:
    params, problems = parse_parameters({"x": block})
    assert problems == []
    assert [p.kind for p in params] == [kind]


def test_nested_names_are_dotted_and_configs_renested() -> None:
    space = SearchSpace.from_parameters(
        {"model": {"parameters": {"boosting": {"values": ["gbdt"]}}}, "c": {"value": 1}}
    )
    assert [p.name for p in space.params] == ["c", "model.boosting"]
    study = optuna.create_study()
    trial = study.ask()
    config = space.suggester()(trial)
    assert config == {"c": 1, "model": {"boosting": "gbdt"}}
    assert trial.params == {"model.boosting": "gbdt"}
    assert trial_config(study.trials[0], space) == config


def test_nested_name_colliding_with_a_dotted_name_is_an_error() -> None:
    _, problems = parse_parameters({"model.lr": {"values": [1]}, "model": {"parameters": {"lr": {"values": [2]}}}})
    assert len(problems) == 1 and "model.lr" in problems[0] and "share the name" in problems[0]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([True, 1], "same choice to Optuna"),
        ([0, False], "same choice to Optuna"),
        ([[1, 2], "[1, 2]"], "same choice to Optuna"),
    ],
)
def test_categorical_values_optuna_cannot_tell_apart_are_an_error(values: list, message: str) -> None:
    _, problems = parse_parameters({"v": {"values": values}})
    assert len(problems) == 1 and problems[0].startswith("parameters.v.values:") and message in problems[0]


# -- the same draws as W&B's engine -------------------------------------------------------------


def _leaf(config: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        config = config[key]
    return config


def _key(value: Any) -> str:
    """A hashable, float-noise-free key for any config value."""
    if isinstance(value, float):
        value = round(value, 9)
    return json.dumps(value, sort_keys=True)


def _pooled_counts(a: list[Any], b: list[Any]) -> np.ndarray:
    """2 x k contingency table of two samples, adjacent rare values pooled.

    Numeric values are pooled in sorted order until each bin holds >= 10 draws of the two
    samples together (expected count >= 5 per cell, the chi-square rule of thumb).
    """
    ca, cb = Counter(map(_key, a)), Counter(map(_key, b))
    keys = sorted(
        set(ca) | set(cb), key=lambda k: (0, json.loads(k)) if isinstance(json.loads(k), int | float) else (1, k)
    )
    bins: list[list[int]] = []
    current = [0, 0]
    for k in keys:
        current = [current[0] + ca[k], current[1] + cb[k]]
        if sum(current) >= 10:
            bins.append(current)
            current = [0, 0]
    if sum(current):
        if bins:
            bins[-1] = [bins[-1][0] + current[0], bins[-1][1] + current[1]]
        else:
            bins.append(current)
    return np.array(bins).T


@pytest.fixture(scope="module")
def draws() -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """2,000 random draws per leaf from W&B's engine and from tuneflow (real Optuna trials)."""
    with ThreadPoolExecutor(1) as pool:  # the engine works in its own process meanwhile
        engine = pool.submit(wandb_draws, PARAMETERS, n=N_DRAWS, seed=0)
        configs: list[dict[str, Any]] = []
        recipe = tuneflow.Recipe(
            name="draws", train=lambda c: configs.append(c) or 0.0, parameters=PARAMETERS, method="random", seed=0
        )
        tuneflow.tune(recipe, n_trials=N_DRAWS, storage="memory", wandb=False)
        theirs = engine.result()
    ours = {p.name: [_leaf(c, p.path) for c in configs] for p in SPACE.params}
    return theirs, ours


CONTINUOUS = {"uniform", "log_uniform", "log_uniform_values", "inv_log_uniform", "inv_log_uniform_values"}
CONTINUOUS |= {"normal", "log_normal", "beta"}


@pytest.mark.wandb_engine
@pytest.mark.parametrize("param", SPACE.params, ids=lambda p: p.name)
def test_random_draws_match_wandb_engine(draws: tuple, param: Any) -> None:
    theirs, ours = draws[0][param.name], draws[1][param.name]
    assert len(theirs) == len(ours) == N_DRAWS
    # Same Python types (an integer q gives ints in W&B, so it must here).
    assert {type(v) for v in ours} == {type(v) for v in theirs}
    if param.kind == "constant":
        assert ours == theirs
    elif param.kind in CONTINUOUS:
        assert stats.ks_2samp(ours, theirs).pvalue > 0.01
    else:
        # Discrete values (categorical, int, q-rounded): the KS test assumes a continuous
        # distribution; with ties its p-values are wrong (too conservative), so compare the
        # frequencies with a chi-square test of homogeneity instead, and the value sets exactly.
        if param.kind in ("categorical", "int_uniform", "q_uniform"):  # every value is common
            assert {_key(v) for v in ours} == {_key(v) for v in theirs}
        table = _pooled_counts(ours, theirs)
        if table.shape[1] > 1:
            assert stats.chi2_contingency(table).pvalue > 0.01, table


def test_train_mutating_its_config_does_not_leak_into_later_trials() -> None:
    seen = []

    def train(config: dict[str, Any]) -> float:
        seen.append(json.dumps(config, sort_keys=True))
        config["layers"].append(0)
        config["opt"]["lr"] = None
        return 0.0

    recipe = tuneflow.Recipe(
        name="mutate",
        train=train,
        parameters={"layers": {"values": [[64, 64]]}, "opt": {"value": {"lr": 0.1}}},
        method="random",
    )
    tuneflow.tune(recipe, n_trials=3, storage="memory", wandb=False)
    assert seen == ['{"layers": [64, 64], "opt": {"lr": 0.1}}'] * 3


def test_python_tuples_are_accepted_like_lists() -> None:
    params, problems = parse_parameters({"k": {"values": ("a", "b"), "probabilities": (0.5, 0.5)}})
    assert problems == [] and params[0].grid_values() == ["a", "b"]


@pytest.mark.parametrize(
    ("spec", "value", "stored"),
    [
        # the value and its type win over an equal value of another type listed in the same block
        ({"values": [1, "1", 1.5]}, "1", "1"),
        ({"values": [1, "1", 1.5]}, 1, 1),
        ({"values": [[1, 2], {"a": 1}, None]}, {"a": 1}, '{"a": 1}'),
        ({"values": [64, 128]}, "128", 128),  # a CSV cell is text: still found
        # W&B's rounding can leave the bounds (round(3 / 8) * 8 = 0): the nearest stored value rounds to it
        ({"distribution": "q_log_uniform_values", "min": 3, "max": 256, "q": 8}, 0, 3.0),
        ({"distribution": "q_log_uniform_values", "min": 0.001, "max": 1.0, "q": 0.01}, 0.0, 0.001),
        ({"distribution": "q_log_uniform_values", "min": 3, "max": 256, "q": 8}, 64, 64.0),
        ({"distribution": "q_uniform", "min": 0, "max": 10, "q": 2}, 4, 4),
        ({"distribution": "int_uniform", "min": 1, "max": 5}, 5.0, 5),
    ],
)
def test_a_config_value_maps_back_to_the_value_optuna_stores(spec: dict, value: Any, stored: Any) -> None:
    """Param.stored inverts to_config: train would get `value` back, type included (W&B's runs, imports)."""
    (param,) = SearchSpace.from_parameters({"x": spec}).params
    dist = param.distribution()
    got = param.stored(value, dist)
    assert got == stored and type(got) is type(stored)
    back = param.to_config(got)
    assert back == value or str(back) == value  # a CSV's text is read leniently


@pytest.mark.parametrize(
    ("spec", "value", "why"),
    [
        ({"values": [1, 2]}, 3, "is not one of"),
        ({"distribution": "int_uniform", "min": 1, "max": 5}, 2.5, "is not an integer"),
        ({"distribution": "uniform", "min": 0.0, "max": 1.0}, 1.5, "is outside"),
        ({"distribution": "q_log_uniform_values", "min": 16, "max": 256, "q": 8}, 512, "is outside"),
        ({"distribution": "uniform", "min": 0.0, "max": 1.0}, "0.5x", "is not a number"),
    ],
)
def test_a_value_outside_the_space_says_why(spec: dict, value: Any, why: str) -> None:
    (param,) = SearchSpace.from_parameters({"x": spec}).params
    with pytest.raises(ValueError, match=why):
        param.stored(value, param.distribution())
