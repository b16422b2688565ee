"""``tuneflow backfill-wandb``: the W&B runs of a --no-wandb study, written later from its storage.

A real study on SQLite without W&B, then the installed console script run twice; the runs are
read back with W&B's own reader.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import optuna
import pytest

import tuneflow
from tuneflow.tracking.reader import read_records, read_run, run_dirs

TUNEFLOW = Path(sys.executable).with_name("tuneflow")
METRIC = "loss"
SECRET = "sk-live-0123456789abcdefXYZ"
PARAMETERS = {
    "x": {"values": [0.1, 0.2, 0.3, 0.4, 0.5]},
    "model": {"parameters": {"depth": {"values": [2, 3]}}},
    "api_key": {"value": SECRET},
}


def _train(config: dict[str, Any], trial: tuneflow.TrialContext) -> dict[str, float]:
    """x >= 0.4 is pruned after 2 reports, x == 0.1 fails, the others complete after 3."""
    x, depth = config["x"], config["model"]["depth"]
    for step in range(3):
        trial.report(x * depth + 1.0 / (step + 1), step)
        if x >= 0.4 and step == 1:
            raise optuna.TrialPruned()
    if x == 0.1:
        raise ValueError("diverged")
    return {METRIC: x * depth, "accuracy": 1 - x}


def _backfill(where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(TUNEFLOW), "backfill-wandb", "--storage", "sqlite:///study.db", "--mode", "offline", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=where,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.slow
def test_backfill_twice_gives_one_run_per_trial_with_exact_configs(_isolated: Path) -> None:
    recipe = tuneflow.Recipe(
        name="later",
        train=_train,
        parameters=PARAMETERS,
        method="grid",
        metric={"name": METRIC, "goal": "minimize"},
        seed=0,
    )
    result = tuneflow.tune(recipe, storage="sqlite:///study.db", wandb=False)
    trials = result.study.get_trials()
    assert len(trials) == 10 and not (_isolated / "wandb").exists()

    first = _backfill(_isolated)
    assert "wrote 11 W&B runs (offline)" in first.stdout, first.stdout  # 10 trials + the summary run
    second = _backfill(_isolated)
    assert "wrote 0 W&B runs" in second.stdout and "11 already there" in second.stdout, second.stdout

    dirs = run_dirs(_isolated / "wandb")
    runs = {read_run(d)["run_id"]: d for d in dirs}
    assert len(dirs) == len(runs) == 11  # no duplicates
    by_trial = {}
    for run_id, run_dir in runs.items():
        data = read_run(run_dir)
        if "-summary-" not in run_id:
            by_trial[data["summary"]["tuneflow/trial"]] = (run_dir, data)
    assert sorted(by_trial) == [t.number for t in trials]
    states = set()
    for t in trials:
        run_dir, data = by_trial[t.number]
        assert data["config"] == dict(result.config_of(t), api_key="***")  # exact, secret redacted
        summary = data["summary"]
        state = summary["tuneflow/state"]
        states.add(state)
        assert state == {"COMPLETE": "complete", "PRUNED": "pruned", "FAIL": "fail"}[t.state.name]
        assert summary["tuneflow/backfilled"] is True and state in data["tags"]
        history = {
            int(r["history"]["step"]["num"]): r["history"]["item"][METRIC]
            for r in read_records(run_dir)
            if r.get("type") == "history"
        }
        assert history == pytest.approx(t.intermediate_values)
        if state == "complete":
            assert summary[METRIC] == pytest.approx(t.value) and summary["accuracy"] == pytest.approx(1 - t.params["x"])
            assert data["state"] == "finished"
        elif state == "fail":
            assert data["state"] == "failed" and summary["tuneflow/fail_reason"] == "ValueError: diverged"
    assert states == {"complete", "pruned", "fail"}
    assert not any(SECRET in p.read_text(errors="ignore") for p in (_isolated / "wandb").rglob("*") if p.is_file())


def test_backfill_names_the_missing_study(_isolated: Path) -> None:
    proc = subprocess.run(
        [str(TUNEFLOW), "backfill-wandb", "--storage", "sqlite:///nothing.db"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=_isolated,
    )
    assert proc.returncode == 2 and "no such file" in proc.stderr and "nothing.db" in proc.stderr


def test_backfill_joins_the_sweep_given_with_sweep_id(_isolated: Path) -> None:
    """`--sweep-id` on backfill-wandb, as on run and worker: every trial's run carries it."""
    import json

    recipe = tuneflow.Recipe(
        name="joined",
        train=_train,
        parameters={"x": {"values": [1, 2]}},
        method="grid",
        metric={"name": METRIC, "goal": "minimize"},
    )
    tuneflow.tune(recipe, storage="sqlite:///study.db", wandb=False)
    _backfill(_isolated, "--sweep-id", "swp54321", "--no-summary-run")
    dirs = run_dirs(_isolated / "wandb")
    assert len(dirs) == 2
    for run_dir in dirs:
        assert "swp54321" in json.dumps([r for r in read_records(run_dir) if "run" in r])


def test_backfill_in_process_joins_the_sweep_in_the_environment_and_leaves_it_there(
    _isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``WANDB_SWEEP_ID`` is taken out while the runs are written (W&B would read tuneflow's runs as
    agent runs) and is there again afterwards, for the caller's next study."""
    import json

    from tuneflow.tracking.backfill import backfill_wandb

    recipe = tuneflow.Recipe(
        name="env", train=_train, parameters={"x": {"values": [1, 2]}}, method="grid", metric=METRIC
    )
    result = tuneflow.tune(recipe, storage="sqlite:///study.db", wandb=False)
    monkeypatch.setenv("WANDB_SWEEP_ID", "swpenv777")
    report = backfill_wandb(result, {"mode": "offline"}, summary_run=False)
    assert len(report.written) == 2 and not report.errors
    import os

    assert os.environ.get("WANDB_SWEEP_ID") == "swpenv777"
    for run_dir in run_dirs(_isolated / "wandb"):
        assert "swpenv777" in json.dumps([r for r in read_records(run_dir) if "run" in r])
