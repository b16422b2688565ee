"""TuneResult: the answers read off a study, the same from tune() and from a storage."""

from __future__ import annotations

import pytest

import tuneflow


def _train(config: dict) -> dict:
    return {"acc": 1.0 - abs(config["x"] - 0.3), "loss": abs(config["x"] - 0.3)}


@pytest.mark.parametrize(
    ("metric", "columns"),
    [
        ("acc", ["acc"]),
        (None, ["value"]),
        ([{"name": "acc", "goal": "maximize"}, {"name": "loss"}], ["acc", "loss"]),
    ],
)
def test_trials_frame_names_metric_columns_by_metric(metric: object, columns: list[str]) -> None:
    if metric is None:
        recipe = tuneflow.Recipe(name="r", train=lambda c: c["x"], parameters={"x": {"min": 0.0, "max": 1.0}}, seed=1)
    else:
        recipe = tuneflow.Recipe(
            name="r",
            train=_train,
            parameters={"x": {"min": 0.0, "max": 1.0}},
            metric=metric,
            method="random",
            seed=1,
        )
    result = tuneflow.tune(recipe, n_trials=4, storage="memory", wandb=False)
    df = result.trials
    for column in columns:
        assert column in df.columns, df.columns
        assert df[column].notna().all()
    assert "params_x" in df.columns
    assert not any(c.startswith("value_") or c.startswith("values_") for c in df.columns)


def test_load_result_reads_back_best_config_and_value() -> None:
    recipe = tuneflow.Recipe(
        name="r",
        train=_train,
        parameters={"x": {"min": 0.0, "max": 1.0}, "nested": {"parameters": {"k": {"value": 3}}}},
        metric={"name": "acc", "goal": "maximize"},
        method="random",
        seed=2,
    )
    ran = tuneflow.tune(recipe, n_trials=5, storage="sqlite:///r.db", wandb=False)
    loaded = tuneflow.load_result("sqlite:///r.db")
    assert loaded.best_value == ran.best_value
    assert loaded.best_config == ran.best_config
    assert loaded.best_config["nested"] == {"k": 3}
    assert loaded.counts() == {"COMPLETE": 5}
