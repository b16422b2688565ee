"""The bench's rules for ``auto`` (bench/search/candidates.py): options set on auto's GP choice, and only there."""

from __future__ import annotations

from typing import Any

import pytest
from bench_import import bench_module

from tuneflow.search.auto import choose
from tuneflow.search.space import SearchSpace


def _space(parameters: dict[str, Any]) -> SearchSpace:
    return SearchSpace.from_parameters(parameters)


CONTINUOUS = {"x": {"min": 0.0, "max": 1.0}, "y": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1.0}}
#: a categorical of 12 values: auto runs TPE, not its GP
LARGE_CATEGORICAL = {"k": {"values": list(range(12))}, "s": {"values": [f"v{i}" for i in range(12)]}}


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    return dict(bench_module("search.candidates").RULES)


@pytest.mark.parametrize("budget", [10, 20, 100])
def test_as_wandb_sets_back_every_departure_from_wandbs_engine(rules: dict[str, Any], budget: int) -> None:
    today = choose(_space(CONTINUOUS), budget, 1, False)
    assert today.method == "isogp+tpe" and {"warp", "local", "every"} <= set(today.options)
    diag = rules["as-wandb"](_space(CONTINUOUS), budget, 1, False)
    assert diag.method == "isogp+tpe"
    assert diag.options["n_startup_trials"] == 2 and diag.options["every"] > budget  # W&B's start, no TPE trial
    assert not {"warp", "local", "final", "budget"} & set(diag.options), diag.options  # dropped, not set to None


def test_as_wandb_leaves_choices_without_the_gp_alone(rules: dict[str, Any]) -> None:
    space = _space(LARGE_CATEGORICAL)
    assert choose(space, 20, 1, False).method == "tpe"
    assert rules["as-wandb"](space, 20, 1, False) == choose(space, 20, 1, False)


@pytest.mark.parametrize("budget", [100, 300])
def test_gp_beyond_300_is_auto_up_to_300_trials(rules: dict[str, Any], budget: int) -> None:
    assert rules["gp-beyond-300"](_space(CONTINUOUS), budget, 1, False) == choose(_space(CONTINUOUS), budget, 1, False)


def test_gp_beyond_300_runs_autos_gp_and_endgame_where_auto_runs_tpe(rules: dict[str, Any]) -> None:
    assert choose(_space(CONTINUOUS), 400, 1, False).method == "tpe"
    long = rules["gp-beyond-300"](_space(CONTINUOUS), 400, 1, False)
    assert long.method == "isogp+tpe"
    assert long.options["final"] == 80 and long.options["budget"] == 400  # the last fifth of 400, not of 300
    assert "400 trials" in long.reason and "last 80 trials" in long.reason and "300" not in long.reason
    assert rules["gp-beyond-300"](_space(LARGE_CATEGORICAL), 400, 1, False).method == "tpe"
