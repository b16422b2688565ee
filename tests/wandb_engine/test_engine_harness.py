"""Quick checks that the out-of-process W&B sweeps harness answers as W&B does."""

from __future__ import annotations

import pytest

from .engine import wandb_draws, wandb_grid, wandb_validate

pytestmark = pytest.mark.wandb_engine


def test_grid_int_uniform_includes_max() -> None:
    configs = wandb_grid({"a": {"values": [1, 2]}, "b": {"min": 1, "max": 3}})
    assert len(configs) == 6
    assert {(c["a"], c["b"]) for c in configs} == {(a, b) for a in (1, 2) for b in (1, 2, 3)}


def test_grid_q_uniform_excludes_max() -> None:
    # W&B's grid uses np.arange(min, max, q): max is left out (unlike random draws).
    # W&B does not infer q_uniform from min/max/q: `distribution` must be given.
    spec = {"distribution": "q_uniform", "min": 0, "max": 1, "q": 0.25}
    configs = wandb_grid({"x": spec})
    assert [c["x"] for c in configs] == [0.0, 0.25, 0.5, 0.75]


def test_grid_nested_parameters_are_nested_dicts() -> None:
    params = {"model": {"parameters": {"depth": {"values": [2, 4]}}}}
    assert wandb_grid(params) == [{"model": {"depth": 2}}, {"model": {"depth": 4}}]


def test_draws_int_uniform_includes_max() -> None:
    draws = wandb_draws({"k": {"distribution": "int_uniform", "min": 1, "max": 3}})
    assert len(draws["k"]) == 2000
    assert set(draws["k"]) == {1, 2, 3}
    assert all(isinstance(v, int) for v in draws["k"])


def test_draws_flatten_nested_names_and_are_seeded() -> None:
    params = {
        "model": {"parameters": {"lr": {"min": 0.1, "max": 1.0}}},
        "c": {"value": 7},
    }
    first = wandb_draws(params, n=50, seed=3)
    assert set(first) == {"model.lr", "c"}
    assert first["c"] == [7] * 50
    assert all(0.1 <= v <= 1.0 for v in first["model.lr"])
    assert wandb_draws(params, n=50, seed=3) == first


def test_validate_flags_unknown_method() -> None:
    ok = {"method": "random", "parameters": {"a": {"values": [1, 2]}}}
    assert wandb_validate(ok) == []
    bad = wandb_validate({**ok, "method": "nope"})
    assert any("nope" in v for v in bad)


def test_engine_errors_raise() -> None:
    with pytest.raises(RuntimeError, match="disallowed type with grid search"):
        wandb_grid({"x": {"min": 0.0, "max": 1.0}})
