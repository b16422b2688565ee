"""W&B's hyperband rule as an Optuna pruner: the same runs stop at the same band as in W&B's engine.

Every case feeds identical histories to W&B's ``sweeps.stop_runs`` (out of process, through
tests/wandb_engine) and to ``WandbHyperbandPruner`` on a real Optuna study, and compares the runs
each stops.
"""

from __future__ import annotations

import math
import random
from typing import Any

import optuna
import pytest
from optuna.trial import TrialState
from wandb_engine.engine import wandb_stop_runs

from tuneflow.search.hyperband import WandbHyperbandPruner, hyperband_bands, hyperband_problems
from tuneflow.search.methods import make_pruner, pruner_problems

METRIC = "loss"
_STATES = {
    "running": TrialState.RUNNING,
    "finished": TrialState.COMPLETE,
    "killed": TrialState.PRUNED,
    "failed": TrialState.FAIL,
    "crashed": TrialState.FAIL,
}


def _sweep(block: dict[str, Any], goal: str) -> dict[str, Any]:
    return {
        "method": "random",
        "metric": {"name": METRIC, "goal": goal},
        "early_terminate": block,
        "parameters": {"a": {"values": [1, 2]}},
    }


def _run(name: str, state: str, values: list[float]) -> dict[str, Any]:
    return {"name": name, "state": state, "history": [{METRIC: v, "_step": i} for i, v in enumerate(values)]}


def _pruner_stops(block: dict[str, Any], goal: str, runs: list[dict[str, Any]]) -> list[str]:
    """The running runs the pruner prunes, with the runs added to a real Optuna study as trials."""
    pruner = make_pruner(block, None)
    study = optuna.create_study(direction=goal, pruner=pruner)
    for run in runs:
        values = {step: row[METRIC] for step, row in enumerate(run["history"]) if METRIC in row}
        state = _STATES[run["state"]]
        last = next((v for v in reversed(values.values()) if math.isfinite(v)), 0.0)
        study.add_trial(
            optuna.trial.create_trial(
                state=state,
                value=last if state == TrialState.COMPLETE else None,
                intermediate_values=values,
                user_attrs={"name": run["name"]},
            )
        )
    return [
        t.user_attrs["name"] for t in study.get_trials(states=(TrialState.RUNNING,)) if study.pruner.prune(study, t)
    ]


# W&B's own docstring example (sweeps.hyperband_stopping): b stops at band 1; c passes band 1,
# fails band 2; a and e are finished; d continues.
DOC_RUNS = [
    _run("a", "finished", [10, 9]),
    _run("b", "running", [10, 10]),
    _run("c", "running", [10, 8, 8]),
    _run("d", "running", [10, 7, 7]),
    _run("e", "finished", [10, 6, 6]),
]
TIED = [_run(n, "running", [5.0, 5.0, 5.0]) for n in "abc"] + [_run("d", "finished", [4.0, 5.0, 6.0])]
MIXED = [
    _run("a", "running", [3.0, 2.0, 9.0, 9.5]),  # strict: stops at 4 on its last value; not on its best
    _run("b", "finished", [4.0, 3.0, 2.5, 2.0, 1.0]),
    _run("c", "killed", [6.0, 5.0]),
    _run("d", "running", [5.0, 4.0, 3.5, 3.0]),
    _run("e", "crashed", [1.0]),
    _run("f", "running", [7.0]),
    _run("g", "running", []),
    _run("h", "running", [2.0, math.nan, 1.5, math.inf, 1.0]),  # non-finite values are not iterations
]

CASES: dict[str, tuple[dict[str, Any], str, list[dict[str, Any]]]] = {
    "W&B's docstring example": ({"type": "hyperband", "max_iter": 5, "eta": 2, "s": 2}, "minimize", DOC_RUNS),
    "min_iter default eta, strict": ({"type": "hyperband", "min_iter": 1}, "minimize", MIXED),
    "min_iter, not strict": ({"type": "hyperband", "min_iter": 1, "eta": 2, "strict": False}, "minimize", MIXED),
    "min_iter 2 eta 2": ({"type": "hyperband", "min_iter": 2, "eta": 2}, "minimize", MIXED),
    "maximize": ({"type": "hyperband", "min_iter": 1, "eta": 2}, "maximize", MIXED),
    "maximize, not strict": ({"type": "hyperband", "min_iter": 2, "strict": False}, "maximize", MIXED),
    "max_iter and s": ({"type": "hyperband", "max_iter": 9, "s": 2}, "minimize", MIXED),
    "float eta": ({"type": "hyperband", "min_iter": 1, "eta": 1.5}, "minimize", MIXED),
    "ties stay": ({"type": "hyperband", "min_iter": 1, "eta": 2}, "minimize", TIED),
    "before the first band": ({"type": "hyperband", "min_iter": 10}, "minimize", MIXED),
}


@pytest.mark.wandb_engine
def test_same_runs_stop_as_in_wandb_engine() -> None:
    names = list(CASES)
    expected = [wandb_stop_runs(_sweep(block, goal), [runs])[0] for block, goal, runs in (CASES[n] for n in names)]
    got = [_pruner_stops(*CASES[n]) for n in names]
    assert {n: sorted(g) for n, g in zip(names, got)} == {n: sorted(e) for n, e in zip(names, expected)}
    # The table is not trivial: some runs stop, some continue.
    assert any(expected) and any(not e for e in expected)


def _timeline(block: dict[str, Any], goal: str, seed: int) -> tuple[list[list[dict[str, Any]]], list[list[str]]]:
    """Replay a study with real ask/report/tell: runs start over time and log interleaved values.

    After each logging, the pruner judges every running trial (as W&B's controller judges every
    running run); judged-out trials are told PRUNED. Returns each snapshot of the runs and the names
    the pruner stopped in it.
    """
    rng = random.Random(seed)
    study = optuna.create_study(direction=goal, pruner=make_pruner(block, None))
    plans = [
        [round(rng.uniform(1, 5) / (1 + 0.3 * i * rng.random()), 1) for i in range(rng.randint(2, 16))]
        for _ in range(14)
    ]
    runs: dict[str, dict[str, Any]] = {}
    live: dict[str, tuple[optuna.Trial, list[float]]] = {}
    pending = list(range(len(plans)))
    snapshots: list[list[dict[str, Any]]] = []
    stops: list[list[str]] = []
    while pending or live:
        if pending and (len(live) < 4 and (not live or rng.random() < 0.3)):
            k = pending.pop(0)
            name = f"run{k}"
            live[name] = (study.ask(), list(plans[k]))
            runs[name] = _run(name, "running", [])
            continue
        name = rng.choice(sorted(live))
        trial, plan = live[name]
        value = plan.pop(0)
        trial.report(value, len(runs[name]["history"]))
        runs[name]["history"].append({METRIC: value})
        snapshots.append([{**r, "history": list(r["history"])} for r in runs.values()])
        stopped = []
        for other, (t, _) in list(live.items()):
            frozen = study.get_trials(deepcopy=False)[t.number]
            if study.pruner.prune(study, frozen):
                stopped.append(other)
                study.tell(t, state=TrialState.PRUNED)
                runs[other]["state"] = "killed"
                del live[other]
        stops.append(stopped)
        if name in live and not plan:
            study.tell(trial, value)
            runs[name]["state"] = "finished"
            del live[name]
    return snapshots, stops


TIMELINE_BLOCKS = [
    ({"type": "hyperband", "min_iter": 1, "eta": 2}, "minimize"),
    ({"type": "hyperband", "min_iter": 2, "eta": 3, "strict": False}, "minimize"),
    ({"type": "hyperband", "max_iter": 16, "s": 3, "eta": 2}, "maximize"),
]


@pytest.mark.wandb_engine
@pytest.mark.slow
@pytest.mark.parametrize(("block", "goal"), TIMELINE_BLOCKS)
def test_same_runs_stop_at_the_same_band_over_a_study(block: dict[str, Any], goal: str) -> None:
    snapshots: list[list[dict[str, Any]]] = []
    ours: list[list[str]] = []
    for seed in range(3):
        s, o = _timeline(block, goal, seed)
        snapshots += s
        ours += o
    theirs = wandb_stop_runs(_sweep(block, goal), snapshots)
    for i, (snapshot, mine, wandbs) in enumerate(zip(snapshots, ours, theirs)):
        bands = {r["name"]: len(r["history"]) for r in snapshot}
        assert sorted(mine) == sorted(wandbs), f"snapshot {i}: pruner stopped {mine}, W&B {wandbs} ({bands})"
    assert sum(map(len, ours)) >= 5  # runs were stopped, at several bands
    assert len({len(r["history"]) for s, o in zip(snapshots, ours) for r in s if r["name"] in o}) >= 2


@pytest.mark.parametrize(
    ("block", "bands"),
    [
        ({"min_iter": 3}, [3, 9, 27, 81]),
        ({"min_iter": 2, "eta": 2}, [2, 4, 8, 16]),
        ({"min_iter": 1, "eta": 1.5}, [1, 1, 2, 3]),  # int(1.5), int(2.25), int(3.375)
        ({"max_iter": 27, "s": 2}, [3, 9]),
        ({"max_iter": 81, "s": 10}, [1, 3, 9, 27]),  # bands below 1 are dropped
        ({"max_iter": 5, "s": 2, "eta": 2}, [1, 2]),
        ({"max_iter": 27, "min_iter": 2, "eta": 3}, [2, 6, 18, 54]),  # no s: the min_iter form
    ],
)
def test_bands_follow_wandb_arithmetic(block: dict[str, Any], bands: list[int]) -> None:
    assert hyperband_bands({"type": "hyperband", **block})[: len(bands)] == bands
    assert WandbHyperbandPruner.from_block({"type": "hyperband", **block}).bands[: len(bands)] == tuple(bands)


@pytest.mark.parametrize(
    ("block", "fragments"),
    [
        (
            {"type": "hyperband", "eta": 1},
            ["early_terminate: hyperband needs", "early_terminate.eta: must be a number > 1"],
        ),
        ({"type": "hyperband", "min_iter": 0}, ["early_terminate.min_iter: must be an integer >= 1, but got 0"]),
        ({"type": "hyperband", "min_iter": 2, "strict": "yes"}, ["early_terminate.strict: must be true or false"]),
        ({"type": "hyperband", "max_iter": 2, "s": 1}, ["max_iter=2 with eta=3 gives no band"]),
        ({"type": "hyperband", "min_iter": 2, "max_itr": 9}, ["early_terminate.max_itr: unknown key"]),
        ({"type": "median", "min_iter": 2}, ["early_terminate.type: 'median'"]),
    ],
)
def test_bad_blocks_name_field_value_and_fix(block: dict[str, Any], fragments: list[str]) -> None:
    problems = hyperband_problems(block)
    assert len(problems) == len(fragments)
    for fragment, problem in zip(fragments, problems):
        assert fragment in problem
    assert pruner_problems(block, None, 1) == problems


def test_early_terminate_means_wandb_rule_and_pruner_name_means_optuna() -> None:
    block = {"type": "hyperband", "min_iter": 2, "eta": 2, "strict": False}
    pruner = make_pruner(block, None)
    assert isinstance(pruner, WandbHyperbandPruner)
    assert (pruner.bands[:3], pruner.eta, pruner.strict) == ((2, 4, 8), 2, False)
    assert type(make_pruner(None, "hyperband")) is optuna.pruners.HyperbandPruner


def test_prunes_inside_a_study() -> None:
    """End to end through trial.report/should_prune: a trial worse than its peers at band 1 is pruned."""
    study = optuna.create_study(pruner=make_pruner({"type": "hyperband", "min_iter": 1, "eta": 2}, None))
    curves = [[1.0, 0.5, 0.4], [0.8, 0.4, 0.3], [0.9, 1.5, 1.0], [3.0, 2.9, 2.8]]
    pruned_at = []
    for curve in curves:
        trial = study.ask()
        for step, value in enumerate(curve):
            trial.report(value, step)
            if trial.should_prune():
                pruned_at.append(step + 1)
                study.tell(trial, state=TrialState.PRUNED)
                break
        else:
            study.tell(trial, curve[-1])
    # Band 1 threshold with 2 values: sorted[int(2/2)] = the worse one -> trial 1 survives band 1
    # (ties with the threshold continue) but fails band 2; trial 3 fails band 1.
    assert [t.state for t in study.trials] == [
        TrialState.COMPLETE,
        TrialState.COMPLETE,
        TrialState.PRUNED,
        TrialState.PRUNED,
    ]
    assert pruned_at == [2, 1]
