"""A sweep YAML with a `program` runs under `tuneflow run`, each trial a real subprocess + W&B run."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tuneflow.cli import main
from tuneflow.engine.result import load_result
from tuneflow.tracking.program import _command
from tuneflow.tracking.reader import read_run, run_dirs

PROGRAM = """\
import sys
import wandb

run = wandb.init(config={"lr": 0.5, "unused_default": 1})
args = dict(a.lstrip("-").split("=", 1) for a in sys.argv[1:])
if float(args["lr"]) != run.config.lr:  # ${args} and wandb.config must agree, as under wandb agent
    sys.exit(3)
if run.config.lr > 0.25:
    print("learning rate too high", file=sys.stderr)
    sys.exit(1)
for epoch in range(3):
    wandb.log({"loss": (run.config.lr - 0.1) ** 2 + 1.0 / (epoch + 1), "epoch": epoch})
run.finish()
"""


def _sweep(tmp: Path, high: float = 0.2, command: str = "") -> Path:
    (tmp / "train.py").write_text(PROGRAM)
    sweep = tmp / "sweep.yaml"
    sweep.write_text(
        textwrap.dedent(
            f"""\
            program: train.py
            method: random
            metric: {{name: loss, goal: minimize}}
            parameters:
              lr: {{min: 0.01, max: {high}}}
            """
        )
        + command
    )
    return sweep


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["run", *args, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_program_trials_are_wandb_runs_read_back_from_disk(_isolated: Path) -> None:
    sweep = _sweep(_isolated)
    _run(str(sweep), "--n-trials", "3", "--storage", "sqlite:///s.db", "--n-jobs", "2")
    result = load_result("sqlite:///s.db")
    trials = result.study.get_trials()
    assert [t.state.name for t in trials] == ["COMPLETE"] * 3
    runs = {read_run(d)["run_id"]: read_run(d) for d in run_dirs(_isolated / "wandb")}
    assert len(runs) == 4  # one per trial (the program's own run) + the study summary
    for t in trials:
        lr = t.params["lr"]
        assert t.value == pytest.approx((lr - 0.1) ** 2 + 1.0 / 3)  # the last logged value: W&B's summary
        run = runs[t.user_attrs["wandb_run_id"]]
        assert run["config"]["lr"] == pytest.approx(lr)
        assert run["summary"]["loss"] == pytest.approx(t.value)
        assert {"sweep", "random"} <= set(run["tags"])


@pytest.mark.slow
def test_failing_program_fails_its_trial_with_the_reason(_isolated: Path) -> None:
    sweep = _sweep(_isolated, high=0.3)
    (_isolated / "sweep.yaml").write_text(sweep.read_text().replace("min: 0.01", "min: 0.26"))
    _run(str(sweep), "--n-trials", "1", "--storage", "sqlite:///s.db")
    trial = load_result("sqlite:///s.db").study.trials[0]
    assert trial.state.name == "FAIL"
    assert "exited with code 1" in trial.user_attrs["fail_reason"]
    assert "learning rate too high" in trial.user_attrs["fail_reason"]


@pytest.mark.slow
def test_no_wandb_still_reads_the_metric_and_leaves_no_runs(_isolated: Path) -> None:
    sweep = _sweep(_isolated, command='command: ["${env}", "${interpreter}", "${program}", "${args_no_hyphens}"]\n')
    _run(str(sweep), "--n-trials", "1", "--storage", "sqlite:///s.db", "--no-wandb")
    trial = load_result("sqlite:///s.db").study.trials[0]
    assert trial.state.name == "COMPLETE"
    assert trial.value == pytest.approx((trial.params["lr"] - 0.1) ** 2 + 1.0 / 3)
    assert not (_isolated / "wandb").exists()


@pytest.mark.parametrize(
    ("command", "expected_args"),
    [
        (None, ["--lr=0.1", "--model={'depth': 2}", "--flag=True"]),
        (
            ["${env}", "${interpreter}", "${program}", "${args_no_hyphens}"],
            ["lr=0.1", "model={'depth': 2}", "flag=True"],
        ),
        (
            ["${env}", "${interpreter}", "${program}", "${args_no_boolean_flags}"],
            ["--lr=0.1", "--model={'depth': 2}", "--flag"],
        ),
        (
            ["${env}", "${interpreter}", "${program}", "${args_json}"],
            ['{"lr": 0.1, "model": {"depth": 2}, "flag": true}'],
        ),
    ],
)
def test_command_macros_expand_as_wandb_agent_does(tmp_path: Path, command, expected_args) -> None:
    import sys

    args = _command(command, "train.py", {"lr": 0.1, "model": {"depth": 2}, "flag": True}, tmp_path)
    assert args == ["/usr/bin/env", sys.executable, "train.py", *expected_args]


@pytest.mark.slow
def test_program_trials_survive_wandb_down(_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    import warnings

    import tuneflow

    recipe = tuneflow.load_recipe(_sweep(_isolated))
    monkeypatch.setenv("WANDB_MODE", "online")
    monkeypatch.setenv("WANDB_BASE_URL", "http://127.0.0.1:9")  # loopback, nothing listens
    monkeypatch.setenv("WANDB_API_KEY", "f" * 40)
    start = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = tuneflow.tune(recipe, n_trials=2, storage="memory", wandb={"init_timeout": 3, "summary_run": False})
    assert [t.state.name for t in result.study.trials] == ["COMPLETE", "COMPLETE"]
    assert sum("W&B is unreachable" in str(w.message) for w in caught) == 1
    assert time.monotonic() - start < 3 + 40  # one timeout, then offline programs (~2-4 s each)
    dirs = run_dirs(_isolated / "wandb")
    assert len([d for d in dirs if d.name.startswith("offline-run")]) == 2
    assert len([d for d in dirs if d.name.startswith("run-")]) == 1  # one online attempt in total
