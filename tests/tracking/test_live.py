"""Live trials: a trial's W&B run is open while it runs and a dead writer loses no run.

Real offline runs, read back with W&B's own reader (``wandb leet inspect --json RUN_DIR``, through
tuneflow.tracking.reader) while the trial is still running; the writer process is killed with a
real SIGKILL.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import optuna
import pytest

import tuneflow
from tuneflow.keys import RUN_ID_ATTR
from tuneflow.tracking.reader import read_records, read_run, run_dirs

METRIC = "loss"
PARAMETERS = {"x": {"values": [0.1, 0.2, 0.3, 0.4, 0.5]}, "model": {"parameters": {"depth": {"values": [2, 3]}}}}


def _recipe(train: Any, **kw: Any) -> tuneflow.Recipe:
    fields: dict[str, Any] = {
        "name": "live",
        "train": train,
        "parameters": PARAMETERS,
        "method": "grid",
        "metric": {"name": METRIC, "goal": "minimize"},
        "seed": 0,
    }
    fields.update(kw)
    return tuneflow.Recipe(**fields)


def _run_dir(root: Path, run_id: str) -> Path | None:
    found = [d for d in run_dirs(root / "wandb") if d.name.endswith("-" + run_id)]
    return found[0] if found else None


def _history(run_dir: Path) -> dict[int, dict[str, Any]]:
    return {
        int(rec["history"]["step"]["num"]): rec["history"]["item"]
        for rec in read_records(run_dir)
        if rec.get("type") == "history"
    }


@pytest.mark.slow
def test_history_is_visible_while_the_trial_runs(_isolated: Path) -> None:
    """A 15 s trial reporting every second: W&B's reader sees its run, config and rows before it ends
    (and before wandb-core's default 15 s flush would have written any)."""
    seen: list[tuple[float, int, dict[str, Any]]] = []  # (seconds into the trial, history rows, run info)
    steps = 15

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        start = time.monotonic()
        run_id = trial.optuna_trial.user_attrs[RUN_ID_ATTR]
        for step in range(steps):
            trial.report(config["x"] * (steps - step), step)
            trial.log({"lr": 0.1 / (step + 1)}, step=step)
            time.sleep(1.0)
            if step in (4, 9):
                run_dir = _run_dir(_isolated, run_id)
                assert run_dir is not None, "the trial's run directory does not exist while it runs"
                seen.append((time.monotonic() - start, len(_history(run_dir)), read_run(run_dir)))
        return config["x"]

    result = tuneflow.tune(_recipe(train), n_trials=1, storage="memory", wandb={"summary_run": False})
    trial = result.study.trials[0]
    assert trial.state == optuna.trial.TrialState.COMPLETE and trial.duration.total_seconds() >= 14.5
    (t1, rows1, run1), (t2, rows2, run2) = seen
    # Rows reach the reader while the trial runs (wandb-core flushes the log every second), 5
    # and 10 s into a 15 s trial.
    assert t1 < t2 < 13 and rows1 >= 2 and rows2 >= rows1 + 3, seen
    for run in (run1, run2):
        assert run["state"] == "running" and run["config"] == result.config_of(trial)
    final = _run_dir(_isolated, trial.user_attrs[RUN_ID_ATTR])
    assert final is not None
    history = _history(final)
    assert sorted(history) == list(range(steps))
    assert all(history[s][METRIC] == pytest.approx(v) for s, v in trial.intermediate_values.items())
    assert history[3]["lr"] == pytest.approx(0.1 / 4)
    data = read_run(final)
    assert data["state"] == "finished" and data["summary"][METRIC] == pytest.approx(trial.value)
    assert data["summary"]["tuneflow/state"] == "complete" and "complete" in data["tags"]


def _children(pids: list[int], name: bytes) -> list[int]:
    """Child processes of ``pids`` one of whose arguments is ``name`` (or a path ending in it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) in pids and any(a.rsplit(b"/", 1)[-1] == name for a in args):
            found.append(int(entry.name))
    return found


def _writer_pids() -> list[int]:
    """This process's W&B writer children (``python -m tuneflow.tracking``)."""
    return _children([os.getpid()], b"tuneflow.tracking")


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["writer", "wandb-core"])
def test_a_killed_writer_or_wandb_core_loses_no_run(_isolated: Path, victim: str) -> None:
    """SIGKILL the writer (restarted, its open and unacknowledged runs replayed) or the writer's
    wandb-core (replaced by the writer, the runs open on it written again from their specs) in
    the middle of trial 8 (of 20): 20 trial runs + 1 summary, all whole, none twice."""
    from tuneflow.engine.study import create_study
    from tuneflow.tracking.tracker import make_tracker

    killed: list[int] = []
    earlier = set(_writer_pids())  # writers of earlier studies may still be shutting down

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        for step in range(3):
            trial.report(config["x"] + step, step)
            trial.log({"aux": step}, step=step)
            if trial.number == 8 and step == 1:
                time.sleep(0.5)  # let the writer take in the open run and its first rows
                deadline = time.monotonic() + 60  # a writer still importing (its warm-up too) starts wandb-core later
                while True:
                    pids = [pid for pid in _writer_pids() if pid not in earlier]
                    if victim == "wandb-core":
                        pids = _children(pids, b"wandb-core")
                    if pids or time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
                assert len(pids) == 1
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
            time.sleep(0.02)
        return config["x"] * config["model"]["depth"]

    recipe = _recipe(train, method="random", parameters={**PARAMETERS, "y": {"min": 0.0, "max": 1.0}})
    tracker: Any = make_tracker({}, recipe, create_study(recipe, "memory"))
    result = tuneflow.tune(recipe, n_trials=20, storage="memory", tracker=tracker)
    assert killed and len(result.study.trials) == 20 and not tracker.writer.errors
    assert tracker.writer.restarts == (1 if victim == "writer" else 0)
    dirs = run_dirs(_isolated / "wandb")
    runs = {read_run(d)["run_id"]: d for d in dirs}
    assert len(dirs) == len(runs) == 21  # no duplicate or partial directory left behind
    assert sum("-summary-" in rid for rid in runs) == 1
    for t in result.study.trials:
        run_dir = runs[t.user_attrs[RUN_ID_ATTR]]
        data = read_run(run_dir)
        assert data["config"] == result.config_of(t)
        assert data["state"] == "finished" and data["summary"][METRIC] == pytest.approx(t.value)
        history = _history(run_dir)
        assert {s: row[METRIC] for s, row in history.items()} == t.intermediate_values
        assert [row["aux"] for _, row in sorted(history.items())] == [0, 1, 2]


def test_the_writer_runs_at_the_study_priority(_isolated: Path) -> None:
    """Not niced: tune waits for every run at the end, so a writer starved by busy cores would
    make the study wait (bench/wandb_overhead.py measured 1.32x with CPU-bound trials)."""
    earlier = set(_writer_pids())
    priorities: list[int] = []

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        if trial.number == 1:  # the writer has started trial 0's run: it is past its own start-up
            deadline = time.monotonic() + 60
            while not run_dirs(_isolated / "wandb") and time.monotonic() < deadline:
                time.sleep(0.05)
            priorities.extend(os.getpriority(os.PRIO_PROCESS, p) for p in _writer_pids() if p not in earlier)
        return config["x"]

    tuneflow.tune(_recipe(train), n_trials=2, storage="memory", wandb={"summary_run": False})
    assert priorities == [os.getpriority(os.PRIO_PROCESS, 0)]


EPOCHS = 6
EPOCHS_RUN: list[int] = []


def _agent_train() -> None:
    """Written for wandb.agent: no arguments, wandb.init / wandb.config / wandb.log per epoch."""
    import wandb

    with wandb.init():
        x, depth = wandb.config["x"], wandb.config.model["depth"]
        for epoch in range(EPOCHS):
            EPOCHS_RUN.append(epoch)
            wandb.log({METRIC: x * depth + 1.0 / (epoch + 1), "epoch": epoch})


@pytest.mark.slow
def test_agent_style_train_is_pruned_by_wandb_hyperband(_isolated: Path) -> None:
    """The logged metric feeds the trial; W&B's hyperband stops the function at its `wandb.log`."""
    EPOCHS_RUN.clear()
    recipe = _recipe(_agent_train, early_terminate={"type": "hyperband", "min_iter": 1, "eta": 2})
    result = tuneflow.tune(recipe, n_trials=10, storage="memory", wandb={"summary_run": False})
    states = [t.state for t in result.study.trials]
    pruned = [t for t in result.study.trials if t.state == optuna.trial.TrialState.PRUNED]
    assert pruned and states.count(optuna.trial.TrialState.COMPLETE) >= 2, states
    assert len(EPOCHS_RUN) < 10 * EPOCHS  # pruned functions really stopped
    runs = {read_run(d)["run_id"]: d for d in run_dirs(_isolated / "wandb")}
    assert len(runs) == 10
    for t in result.study.trials:
        run_dir = runs[t.user_attrs[RUN_ID_ATTR]]
        history = _history(run_dir)
        # every logged value of the metric is an intermediate value, one step per logging
        assert {s: row[METRIC] for s, row in history.items()} == pytest.approx(t.intermediate_values)
        summary = read_run(run_dir)["summary"]
        if t.state == optuna.trial.TrialState.PRUNED:
            assert len(history) < EPOCHS and summary["tuneflow/state"] == "pruned"
        else:
            assert len(history) == EPOCHS and summary["tuneflow/state"] == "complete"


def test_rows_out_of_step_order_are_kept_offline(_isolated: Path) -> None:
    """A row logged at a step below one already streamed: W&B would drop it; the run is rewritten."""

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        trial.report(3.0, 2)
        trial.log({"aux": 0}, step=0)  # late
        trial.log({"aux": 5})  # no step: after the last one (3)
        trial.report(1.0, 1)  # late
        return 1.0

    result = tuneflow.tune(_recipe(train), n_trials=1, storage="memory", wandb={"summary_run": False})
    run_dir = _run_dir(_isolated, result.study.trials[0].user_attrs[RUN_ID_ATTR])
    assert run_dir is not None and len(run_dirs(_isolated / "wandb")) == 1
    rows = {step: {k: v for k, v in row.items() if not k.startswith("_")} for step, row in _history(run_dir).items()}
    assert rows == {0: {"aux": 0}, 1: {METRIC: 1.0}, 2: {METRIC: 3.0}, 3: {"aux": 5}}


def test_a_logged_value_that_cannot_reach_the_writer_is_left_out_not_the_run(_isolated: Path) -> None:
    """A value the writer process cannot unpickle (its class lives in a module only this process
    has, like a class of the user's ``__main__``) or that cannot be pickled at all (a lambda, which
    wandb would log as its name) is left out and named once; so is a value wandb itself refuses (``range``:
    ``wandb.log`` raises ``TypeError`` for the whole row). The rest of its row and every run are
    written, and the writer is not killed (it was, six times, losing every run of the study)."""
    import sys
    import types

    from tuneflow.engine.study import create_study
    from tuneflow.tracking.tracker import make_tracker

    module = types.ModuleType("tuneflow_test_parent_only")
    thing = type("Thing", (), {"__module__": module.__name__})
    module.Thing = thing  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        for step in range(3):
            row = {"obj": thing(), "fn": lambda: 0, "aux": step, "nested": {"f": len, "g": thing}, "rng": range(3)}
            trial.log(row, step=step)
            trial.report(config["x"] + step, step)
        return config["x"]

    recipe = _recipe(train)
    try:
        tracker = make_tracker({"summary_run": False}, recipe, create_study(recipe, "memory"))
        result = tuneflow.tune(recipe, n_trials=3, storage="memory", tracker=tracker)
    finally:
        del sys.modules[module.__name__]
    writer = tracker.writer  # type: ignore[attr-defined]
    assert writer.restarts == 0 and not writer.errors and not writer.lost
    # each named once per run: what cannot cross (by the sender's pickler), what wandb refused (range)
    assert len(writer.dropped) == 12 == len(set(writer.dropped)), writer.dropped
    for t in result.study.trials:
        names = sorted(
            d.split(": ", 1)[1].split(" (")[0] for d in writer.dropped if d.startswith(t.user_attrs[RUN_ID_ATTR])
        )
        assert names == ["fn", "nested.g", "obj", "rng"]
    assert sum(d.endswith("obj (tuneflow_test_parent_only.Thing)") for d in writer.dropped) == 3
    assert sum(d.endswith("rng (builtins.range)") for d in writer.dropped) == 3
    for t in result.study.trials:
        run_dir = _run_dir(_isolated, t.user_attrs[RUN_ID_ATTR])
        assert run_dir is not None
        data = read_run(run_dir)
        assert data["state"] == "finished" and data["summary"]["tuneflow/state"] == "complete"
        rows = [{k: v for k, v in row.items() if not k.startswith("_")} for _, row in sorted(_history(run_dir).items())]
        assert [row["aux"] for row in rows] == [0, 1, 2]
        assert all("obj" not in row and "fn" not in row and "rng" not in row for row in rows)


@pytest.mark.slow
def test_a_writer_that_keeps_dying_accounts_for_every_run_once(_isolated: Path) -> None:
    """SIGKILL each writer process while a trial's run is open, until tuneflow gives up restarting
    it: every trial's run is then written, already there or lost, each counted once."""
    from tuneflow.engine.study import create_study
    from tuneflow.tracking.tracker import make_tracker

    earlier = set(_writer_pids())
    killed: list[int] = []

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> float:
        trial.log({"aux": 1}, step=0)
        deadline = time.monotonic() + (10 if len(killed) <= tracker.writer.MAX_RESTARTS else 0.5)
        while time.monotonic() < deadline:
            pids = [p for p in _writer_pids() if p not in earlier and p not in killed]
            if pids:
                time.sleep(0.3)  # let it take in the open run
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
                break
            time.sleep(0.05)
        return config["x"]

    recipe = _recipe(train, method="random")
    tracker: Any = make_tracker({"summary_run": False}, recipe, create_study(recipe, "memory"))
    n_trials = tracker.writer.MAX_RESTARTS + 3
    tuneflow.tune(recipe, n_trials=n_trials, storage="memory", tracker=tracker)
    writer = tracker.writer
    assert len(killed) == writer.MAX_RESTARTS + 1 and writer.restarts == writer.MAX_RESTARTS
    assert writer.lost >= 1
    assert len(writer.written) + writer.skipped + writer.lost == n_trials, (
        len(writer.written),
        writer.skipped,
        writer.lost,
    )


def _agent_train_without_metric() -> None:
    import wandb

    with wandb.init():
        wandb.log({"acc": wandb.config["x"]})


@pytest.mark.parametrize("style", ["config-trial", "agent"])
def test_a_sweep_without_a_metric_reports_and_logs_with_wandb_on(_isolated: Path, style: str) -> None:
    """W&B allows a sweep without a metric; its trials may still report and log. With W&B on,
    every such trial failed (IndexError: the tracker looked up the first metric's name)."""

    def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> dict[str, float]:
        trial.report(config["x"] * 2, 0)
        trial.log({"aux": 1.0}, step=0)
        return {"acc": config["x"]}

    sweep = {"method": "grid", "parameters": {"x": {"values": [0.1, 0.2]}}}
    recipe = tuneflow.Recipe.from_sweep(sweep, train=train if style == "config-trial" else _agent_train_without_metric)
    result = tuneflow.tune(recipe, storage="memory", wandb={"summary_run": False})
    assert [t.state.name for t in result.study.trials] == ["COMPLETE", "COMPLETE"]
    for t in result.study.trials:
        run_dir = _run_dir(_isolated, t.user_attrs[RUN_ID_ATTR])
        assert run_dir is not None and read_run(run_dir)["summary"]["acc"] == pytest.approx(t.params["x"])
        if style == "config-trial":
            row = {k: v for k, v in _history(run_dir)[0].items() if not k.startswith("_")}
            assert row == {"value": pytest.approx(t.params["x"] * 2), "aux": 1.0}


PARENT_SCRIPT = """
import sys, time
import tuneflow

def train(config, trial):
    for step in range(3):
        trial.report(config["x"] + step, step)
    if trial.number == 1:
        print("open", flush=True)
        time.sleep(600)  # killed here
    return config["x"]

recipe = tuneflow.Recipe(name="orphan", train=train, parameters={"x": {"values": [0.1, 0.2, 0.3]}},
                         method="grid", metric={"name": "loss", "goal": "minimize"})
tuneflow.tune(recipe, storage="memory", wandb={"summary_run": False})
"""


@pytest.mark.slow
def test_a_killed_study_leaves_its_runs_written_and_the_open_one_ended(_isolated: Path) -> None:
    """SIGKILL the study's process while trial 1 runs: the writer process, orphaned, still writes
    trial 0's run and ends trial 1's open run (with the rows it got) as W&B ends a crashed run."""
    import subprocess
    import sys

    (_isolated / "study.py").write_text(PARENT_SCRIPT)
    proc = subprocess.Popen([sys.executable, "study.py"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    time.sleep(1.0)  # trial 1's rows reach the writer
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 60
    runs: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline:
        runs = {d.name.rsplit("-", 1)[-1]: read_run(d) for d in run_dirs(_isolated / "wandb")}
        # Ended, not merely not running: the writer opens and finishes runs concurrently, so a run
        # still being written reads "unknown" (no run record yet) while another is already done.
        if len(runs) == 2 and all(r["state"] in ("finished", "failed") for r in runs.values()):
            break
        time.sleep(0.5)
    assert sorted(runs) == ["t0", "t1"], runs
    assert runs["t0"]["state"] == "finished" and runs["t0"]["summary"]["tuneflow/state"] == "complete"
    assert runs["t1"]["state"] == "failed" and runs["t1"]["summary"]["loss"] == pytest.approx(2.2)


def test_a_storage_failing_at_close_costs_the_summary_run_not_the_trial_runs(_isolated: Path) -> None:
    """The study's journal file is gone when ``close`` runs: the summary run fails (and is said),
    the trials' runs already handed to the writer are still written and waited for."""
    from tuneflow.engine.study import create_study
    from tuneflow.engine.trial import TrialContext
    from tuneflow.tracking.tracker import make_tracker

    recipe = _recipe(lambda config: config["x"])
    study = create_study(recipe, "journal:///study.log")
    tracker: Any = make_tracker({}, recipe, study)
    for _ in range(2):
        trial = study.ask()
        ctx = TrialContext(trial, {"x": 0.1, "model": {"depth": 2}}, tracker)
        tracker.on_trial_start(ctx)
        study.tell(trial, 0.5)
        tracker.on_trial_end(ctx, study.trials[-1])
    (_isolated / "study.log").unlink()
    tracker.close(study)  # raised FileNotFoundError, leaving both runs unwritten
    writer = tracker.writer
    assert len(writer.written) == 2 and writer.pending == 0
    assert len(writer.errors) == 1 and writer.errors[0].startswith("summary run: FileNotFoundError")
    assert sorted(read_run(d)["state"] for d in run_dirs(_isolated / "wandb")) == ["finished", "finished"]
