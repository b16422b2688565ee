"""The core tells a tracker what happens, when it happens, through the Tracker protocol alone."""

from __future__ import annotations

import optuna
from recording import RecordingTracker

import tuneflow


def _train(config: dict, trial: tuneflow.TrialContext) -> float:
    for step in range(3):
        trial.report(config["x"] * step, step)
        trial.log({"loss": float(step)}, step=step)
    return config["x"]


def test_hooks_arrive_in_order_while_the_trial_runs() -> None:
    recipe = tuneflow.Recipe(
        name="recorded", train=_train, parameters={"x": {"min": 0.0, "max": 1.0}}, method="random", seed=0
    )
    tracker = RecordingTracker()
    result = tuneflow.tune(recipe, n_trials=2, storage="memory", tracker=tracker)

    assert len(result.study.trials) == 2
    for number in (0, 1):
        events = tracker.events_of(number)
        expected = ["on_trial_start", *["on_report", "on_log"] * 3, "on_trial_end"]
        assert [e.hook for e in events] == expected
        reports = [e.args for e in events if e.hook == "on_report"]
        x = result.study.trials[number].params["x"]
        assert reports == [(step, x * step) for step in range(3)]
        assert [e.args[0] for e in events if e.hook == "on_log"] == [0, 1, 2]
        assert events[-1].args == ("COMPLETE", True)  # final state; the slot the tracker set survived
        assert [e.at for e in events] == sorted(e.at for e in events)
    assert tracker.hooks()[-1] == "close"
    assert tracker.events[-1].args == ("recorded", False)


def test_a_failed_trial_still_ends() -> None:
    def train(config: dict) -> float:
        raise ValueError("boom")

    recipe = tuneflow.Recipe(name="fails", train=train, parameters={"x": {"values": [1, 2]}}, method="grid")
    tracker = RecordingTracker()
    tuneflow.tune(recipe, storage="memory", tracker=tracker)
    ends = [e for e in tracker.events if e.hook == "on_trial_end"]
    assert [e.args[0] for e in ends] == [optuna.trial.TrialState.FAIL.name] * 2
