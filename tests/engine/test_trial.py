"""Inside one trial: what the train function returns becomes a finite float or a FAIL with its
reason; a failing trial never stops the study (until too many fail in a row).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import optuna
import pytest
from optuna.trial import TrialState

import tuneflow
from tuneflow.engine.trial import to_values, train_arity
from tuneflow.errors import TrialFailed
from tuneflow.search.metric import Metric

AUC = (Metric("auc", "maximize"),)
TWO = (Metric("auc", "maximize"), Metric("latency"))


@pytest.mark.parametrize(
    ("returned", "metrics", "values", "extra"),
    [
        (0.5, AUC, [0.5], {"auc": 0.5}),
        (1, AUC, [1.0], {"auc": 1.0}),
        (np.float32(0.25), AUC, [0.25], {"auc": 0.25}),
        (np.array(0.75), AUC, [0.75], {"auc": 0.75}),
        ({"auc": 0.9, "loss": 0.1, "note": "x", "bad": math.nan}, AUC, [0.9], {"auc": 0.9, "loss": 0.1}),
        ({"auc": np.float64(0.9), "latency": 3}, TWO, [0.9, 3.0], {"auc": 0.9, "latency": 3.0}),
        ((0.9, 3), TWO, [0.9, 3.0], {"auc": 0.9, "latency": 3.0}),
    ],
)
def test_returns_become_floats(returned: Any, metrics: tuple, values: list, extra: dict) -> None:
    got_values, got_extra = to_values(returned, metrics)
    assert got_values == values and all(type(v) is float for v in got_values)
    assert got_extra == extra


@pytest.mark.parametrize(
    ("returned", "metrics", "reason"),
    [
        (None, AUC, "train returned None"),
        (math.nan, AUC, "metric 'auc' is nan"),
        (math.inf, AUC, "metric 'auc' is inf"),
        (-math.inf, AUC, "metric 'auc' is -inf"),
        ("0.5", AUC, "metric 'auc' must be a number, but train returned the string '0.5'"),
        (True, AUC, "metric 'auc' must be a number"),
        ({"loss": 0.1}, AUC, "train returned no 'auc' (it returned: loss)"),
        ({"auc": "high"}, AUC, "metric 'auc' must be a number"),
        ({"auc": math.nan}, AUC, "metric 'auc' is nan"),
        (np.array([0.1, 0.2]), AUC, "metric 'auc' must be a number"),
        ((0.9,), TWO, "train returned 1 values for 2 metrics"),
        (0.9, TWO, "train returned one value for 2 metrics"),
    ],
)
def test_bad_returns_fail_with_a_reason(returned: Any, metrics: tuple, reason: str) -> None:
    with pytest.raises(TrialFailed) as info:
        to_values(returned, metrics)
    assert reason in str(info.value)


def _two(config: dict, trial: Any) -> None: ...


def _one(config: dict, trial: Any = None) -> None: ...


class _Callable:
    def __call__(self, config: dict) -> None: ...


@pytest.mark.parametrize(
    ("fn", "arity"),
    [
        (lambda: None, 0),
        (lambda config: None, 1),
        (_two, 2),
        (_one, 1),  # a defaulted trial is not required
        (lambda *args: None, 2),
        (_Callable(), 1),
        (functools.partial(_two, {}), 1),
    ],
)
def test_train_shapes_are_recognized(fn: Any, arity: int) -> None:
    assert train_arity(fn) == arity


FAILING: dict[str, Any] = {
    "raises": lambda: (_ for _ in ()).throw(ValueError("diverged")),
    "nan": lambda: math.nan,
    "inf": lambda: math.inf,
    "string": lambda: "0.5",
    "none": lambda: None,
    "missing key": lambda: {"loss": 0.3},
}
REASONS = {
    "raises": "ValueError: diverged",
    "nan": "metric 'auc' is nan",
    "inf": "metric 'auc' is inf",
    "string": "the string '0.5'",
    "none": "train returned None",
    "missing key": "train returned no 'auc'",
}


@pytest.mark.parametrize("case", FAILING)
def test_failed_trials_are_recorded_and_the_study_goes_on(case: str) -> None:
    def train(config: dict, trial: Any) -> Any:
        if trial.number % 2 == 0:
            return FAILING[case]()
        return {"auc": config["x"]}

    recipe = tuneflow.Recipe(
        name="fail",
        train=train,
        parameters={"x": {"min": 0.0, "max": 1.0}},
        method="random",
        metric={"name": "auc", "goal": "maximize"},
        seed=0,
    )
    result = tuneflow.tune(recipe, n_trials=6, storage="memory", wandb=False)
    trials = result.study.trials
    assert [t.state for t in trials] == [TrialState.FAIL, TrialState.COMPLETE] * 3
    for t in trials[::2]:
        assert REASONS[case] in t.user_attrs["fail_reason"]
        assert t.values is None
    assert result.best_trial.number in (1, 3, 5)
    assert result.stop_reason is None


def test_agent_style_train_without_wandb_fails_with_the_fix() -> None:
    recipe = tuneflow.Recipe(name="agent", train=lambda: None, parameters={"x": {"values": [1]}}, method="random")
    result = tuneflow.tune(recipe, n_trials=1, storage="memory", wandb=False)
    (trial,) = result.study.trials
    assert trial.state == TrialState.FAIL
    assert "wandb.agent style" in trial.user_attrs["fail_reason"]


def test_trial_handle_reports_logs_and_exposes_optuna() -> None:
    seen: dict[str, Any] = {}

    def train(config: dict, trial: Any) -> float:
        trial.report(0.5, step=1)
        trial.log({"loss": 0.2}, step=1)
        seen["prune"] = trial.should_prune()
        seen["number"] = trial.number
        seen["history"] = list(trial.history)
        seen["user_attr"] = trial.optuna_trial is not None and isinstance(trial.optuna_trial, optuna.Trial)
        return 0.5

    recipe = tuneflow.Recipe(name="h", train=train, parameters={"x": {"values": [1]}}, method="random")
    result = tuneflow.tune(recipe, n_trials=1, storage="memory", wandb=False)
    assert seen == {
        "prune": False,
        "number": 0,
        "history": [(1, {"__objective__": 0.5}), (1, {"loss": 0.2})],
        "user_attr": True,
    }
    assert result.study.trials[0].intermediate_values == {1: 0.5}
