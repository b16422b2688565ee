"""Program trials followed live: the metric a real program logs per epoch reaches its trial while
the program runs, and the sweep's `early_terminate` block stops programs early. Epochs are counted
in the programs' own W&B runs, read back with W&B's reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sweep_programs import python_on_path, write_program_sweep  # noqa: F401  (a fixture)

from tuneflow.cli import main
from tuneflow.engine.result import load_result
from tuneflow.tracking.follow import RunFollower, metric_value
from tuneflow.tracking.reader import read_records, run_dirs

EPOCHS = 10

PROGRAM = """\
import time
import wandb

run = wandb.init()
for epoch in range(run.config.epochs):
    time.sleep(0.3)  # values reach the trial ~1 s after wandb.log: a stop must come before the end
    wandb.log({"loss": (run.config.lr - 0.1) ** 2 * 100 + 1.0 / (epoch + 1), "epoch": epoch})
run.finish()
"""


pytestmark = pytest.mark.usefixtures("python_on_path")


def _sweep(where: Path, early_terminate: str) -> Path:
    return write_program_sweep(
        where, PROGRAM, f"lr: {{min: 0.0, max: 1.0}}\nepochs: {{value: {EPOCHS}}}", early_terminate
    )


def _epochs(run_dir: Path) -> tuple[int, bool]:
    """How many epochs a run logged, and whether it wrote an exit record (ended by itself)."""
    records = read_records(run_dir)
    rows = sum(1 for r in records if r.get("type") == "history" and "loss" in r["history"]["item"])
    return rows, any(r.get("type") == "exit" for r in records)


@pytest.mark.slow
def test_hyperband_stops_programs_that_log_per_epoch(_isolated: Path) -> None:
    sweep = _sweep(_isolated, "early_terminate: {type: hyperband, min_iter: 2, eta: 2}\n")
    args = ["run", str(sweep), "--n-trials", "10", "--seed", "1", "--n-jobs", "2", "--storage", "sqlite:///s.db"]
    result = CliRunner().invoke(main, [*args, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    trials = load_result("sqlite:///s.db").study.get_trials()
    runs = {d.name.rsplit("-t", 1)[-1]: d for d in run_dirs(_isolated / "wandb") if "-summary-" not in d.name}
    total, cut_short = 0, 0
    states = {t.state.name for t in trials}
    assert states == {"COMPLETE", "PRUNED"}, states
    for t in trials:
        epochs, ended = _epochs(runs[str(t.number)])
        total += epochs
        if t.state.name == "COMPLETE":  # every logged value reached the trial while it ran
            assert epochs == EPOCHS and ended and sorted(t.intermediate_values) == list(range(1, EPOCHS + 1))
        else:  # stopped, its run left as W&B's agent leaves a stopped run (no exit record)
            # (a stop decided at the last epoch can reach the program inside run.finish())
            assert 2 <= len(t.intermediate_values) <= epochs <= EPOCHS and not ended
            assert t.value == t.intermediate_values[max(t.intermediate_values)]  # PRUNED with its last value
            cut_short += epochs < EPOCHS
    assert cut_short >= 1
    assert total < EPOCHS * len(trials)  # measurably fewer epochs than without early termination


@pytest.mark.slow
def test_without_early_terminate_every_program_runs_all_epochs_and_reports_them(_isolated: Path) -> None:
    sweep = _sweep(_isolated, "")
    args = ["run", str(sweep), "--n-trials", "2", "--seed", "1", "--storage", "sqlite:///s.db", "--no-wandb"]
    result = CliRunner().invoke(main, [*args, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for t in load_result("sqlite:///s.db").study.get_trials():
        assert t.state.name == "COMPLETE" and len(t.intermediate_values) == EPOCHS  # learning curves in Optuna
        assert t.value == pytest.approx(t.intermediate_values[EPOCHS])


@pytest.mark.parametrize(
    ("item", "metric", "value"),
    [
        ({"loss": 0.5}, "loss", 0.5),
        ({"val": {"loss": 2}}, "val.loss", 2.0),
        ({"val.loss": 3}, "val.loss", 3.0),
        ({"loss": "0.5"}, "loss", None),
        ({"loss": True}, "loss", None),
        ({"loss": float("nan")}, "loss", None),
        ({"acc": 1.0}, "loss", None),
    ],
)
def test_metric_values_read_from_a_history_row(item: dict, metric: str, value: float | None) -> None:
    assert metric_value(item, metric) == value


def test_a_follower_of_a_run_that_never_appears_closes_at_once(tmp_path: Path) -> None:
    import time

    follower = RunFollower(tmp_path / "wandb", "nope", "loss").start()
    start = time.monotonic()
    follower.close(linger=30)
    assert time.monotonic() - start < 2 and follower.take() == [] and follower.logged == 0


FOLLOWED = """\
import pathlib
import time
import wandb

run = wandb.init()
for epoch in range(5):
    time.sleep(0.4)
    wandb.log({"loss": 1.0 / (epoch + 1)})
deadline = time.monotonic() + 60  # until the test has seen a value (a slow machine starts readers late)
while not pathlib.Path("release").exists() and time.monotonic() < deadline:
    time.sleep(0.1)
run.finish()
"""


def _failing_core(where: Path, case: str) -> str:
    """A wandb-core path whose reader fails: missing, rejecting a flag, or killed after a second
    (having printed some of the run's records: the fallback must not report them twice)."""
    from wandb.util import get_core_path

    if case == "missing":
        return str(where / "no-wandb-core")
    script = where / f"core-{case}.sh"
    run = {
        "unknown-flag": f'shift 2; exec "{get_core_path()}" leet inspect --flag-of-another-release "$@"',
        "exits-mid-run": f'exec timeout 1.5 "{get_core_path()}" "$@"',
    }[case]
    script.write_text(f"#!/bin/sh\n{run}\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.slow
@pytest.mark.parametrize("case", ["missing", "unknown-flag", "exits-mid-run"])
def test_a_run_is_followed_live_when_wandb_cores_reader_fails(
    _isolated: Path, case: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where wandb-core's undocumented reader flags fail, W&B's documented ``wandb leet inspect
    --follow --json`` follows the program's run: its values arrive while it runs, each once."""
    import logging
    import os
    import subprocess
    import sys
    import time

    from tuneflow.tracking import follow

    monkeypatch.setattr(follow, "_announced", set())  # each case's log line, as in a fresh process
    (_isolated / "train.py").write_text(FOLLOWED)
    follower = RunFollower(_isolated / "wandb", "f1", "loss", core=_failing_core(_isolated, case)).start()
    env = {**os.environ, **follow.FLUSH_ENV, "WANDB_RUN_ID": "f1"}
    env.pop("WANDB_SERVICE", None)  # its own wandb-core, as tuneflow starts programs
    live: list[tuple[int, float]] = []
    with caplog.at_level(logging.INFO, logger=follow.__name__):
        program = subprocess.Popen([sys.executable, "train.py"], env=env, stdout=subprocess.DEVNULL)
        try:
            while program.poll() is None:
                live += follower.take()
                if live:
                    (_isolated / "release").touch()  # the program may finish now
                time.sleep(0.1)
        finally:
            program.wait(timeout=60)
            follower.close(linger=15)
    assert program.returncode == 0
    values = live + follower.take()
    assert live, "no value arrived while the program ran"
    assert values == [(i + 1, 1.0 / (i + 1)) for i in range(5)] and follower.exit_code == 0
    said = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == follow.__name__]
    assert [level for level, message in said if "wandb leet inspect --follow --json" in message] == ["WARNING"], said
