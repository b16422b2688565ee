"""A ``values`` list that names a value twice means what it means to W&B.

Configs shaped like the ones people write (a repeated ``'sqrt'`` beside a grid of depths, a
learning rate listed twice to draw it more often): grid runs each distinct value once (W&B's
count, checked against W&B's engine), random draws by multiplicity (chi-square against W&B's
engine), model-based methods search the distinct values and warn once, naming the parameter.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import optuna
import pytest
from scipy import stats
from wandb_engine.engine import wandb_draws, wandb_grid

import tuneflow
from tuneflow.errors import TuneflowWarning
from tuneflow.search.space import SearchSpace

# A random-forest grid as found in the wild: 'sqrt' listed twice (W&B runs 18 points, not 24).
FOREST = {
    "max_features": {"values": ["sqrt", "log2", None, "sqrt"]},
    "max_depth": {"values": [4, 8, 16]},
    "criterion": {"values": ["gini", "entropy"]},
    "n_estimators": {"value": 200},
}
# Random search weighting a learning rate and a list-valued layer spec by repetition.
WEIGHTED = {
    "lr": {"values": [0.001, 0.01, 0.001, 0.001]},
    "layers": {"values": [[64, 64], [128], [64, 64]]},
    "optimizer": {"values": ["adam", "sgd"]},
}
N_DRAWS = 2000


def _run(parameters: dict[str, Any], method: str, n_trials: int | None = None) -> list[dict[str, Any]]:
    configs: list[dict[str, Any]] = []
    recipe = tuneflow.Recipe(
        name=method, train=lambda c: configs.append(c) or 0.0, parameters=parameters, method=method, seed=0
    )
    tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=False)
    return configs


def _text(config: dict[str, Any]) -> str:
    return json.dumps(config, sort_keys=True)


@pytest.mark.wandb_engine
def test_grid_runs_each_distinct_value_once_as_wandb_does() -> None:
    ours = sorted(map(_text, _run(FOREST, "grid")))
    theirs = sorted(map(_text, wandb_grid(FOREST)))
    assert len(theirs) == 18  # W&B's count: 3 distinct max_features x 3 x 2 (24 as listed)
    assert ours == theirs


def test_grid_order_follows_the_first_listing() -> None:
    space = SearchSpace.from_parameters({"k": {"values": ["b", "a", "b", [1], [1]]}})
    assert space.params[0].grid_values() == ["b", "a", [1]]


@pytest.mark.wandb_engine
def test_random_draws_repeated_values_by_multiplicity_as_wandb_does() -> None:
    with ThreadPoolExecutor(1) as pool:
        engine = pool.submit(wandb_draws, WEIGHTED, n=N_DRAWS, seed=0)
        configs = _run(WEIGHTED, "random", N_DRAWS)
        theirs = engine.result()
    for name in WEIGHTED:
        ours = Counter(_text(c[name]) for c in configs)
        wb = Counter(_text(v) for v in theirs[name])
        assert set(ours) == set(wb)
        keys = sorted(ours)
        table = [[ours[k] for k in keys], [wb[k] for k in keys]]
        assert stats.chi2_contingency(table).pvalue > 0.01, (name, table)
    # The multiplicity is really there: 0.001 is listed 3 times in 4.
    share = sum(c["lr"] == 0.001 for c in configs) / N_DRAWS
    assert 0.70 < share < 0.80, share


@pytest.mark.parametrize("method", ["tpe", "qmc"])
def test_model_based_methods_search_distinct_values_and_warn_once(method: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        configs: list[dict[str, Any]] = []
        recipe = tuneflow.Recipe(
            name=method, train=lambda c: configs.append(c) or 0.0, parameters=WEIGHTED, method=method, seed=0
        )
        result = tuneflow.tune(recipe, n_trials=12, storage="memory", wandb=False)
    ours = [str(w.message) for w in caught if issubclass(w.category, TuneflowWarning)]
    assert len([m for m in ours if m.startswith("parameters.lr ")]) == 1, ours
    assert len([m for m in ours if m.startswith("parameters.layers ")]) == 1, ours
    assert not [m for m in ours if m.startswith("parameters.optimizer ")]
    lr_warning = next(m for m in ours if m.startswith("parameters.lr "))
    assert "0.001" in lr_warning and "more than once" in lr_warning
    dist = result.study.trials[0].distributions["lr"]
    assert isinstance(dist, optuna.distributions.CategoricalDistribution)
    assert dist.choices == (0.001, 0.01)
    assert result.study.trials[0].distributions["layers"].choices == ("[64, 64]", "[128]")
    assert {_text(c["layers"]) for c in configs} <= {"[64, 64]", "[128]"}


def test_values_optuna_cannot_tell_apart_are_still_an_error() -> None:
    with pytest.raises(tuneflow.RecipeError, match="same choice to Optuna"):
        tuneflow.Recipe(name="r", train=lambda c: 0.0, parameters={"v": {"values": [1, True, 1]}}, method="random")
