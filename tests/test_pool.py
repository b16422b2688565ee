"""``tuneflow run --workers N``: N real processes on one study, one bar, one summary, clean Ctrl-C."""

from __future__ import annotations

import gc
import signal
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from procs import GRID_100, finish, start, states, trials, wait_for, write_recipe

import tuneflow
from tuneflow.cli import main
from tuneflow.keys import OWNER_ATTR
from tuneflow.pool import split
from tuneflow.tracking.reader import read_run, run_dirs

pytestmark = pytest.mark.slow


def test_split_shares_trials_between_workers() -> None:
    assert split(10, 4) == [3, 3, 2, 2]
    assert split(2, 4) == [1, 1]  # no idle worker
    assert split(None, 3) == [None, None, None]


def test_grid_over_two_worker_processes_runs_each_point_once_with_one_summary(tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "grid")
    code, out = finish(start("run", recipe, storage, "--workers", "2"), timeout=180)
    assert code == 0, out
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 100}
    points = [(t.params["x"], t.params["y"]) for t in all_trials]
    assert len(set(points)) == 100 and set(points) == {(x, y) for x in GRID_100["x"]["values"] for y in range(10)}
    pids = {t.system_attrs[OWNER_ATTR].split(":")[-2] for t in all_trials}
    assert len(pids) == 2  # two processes ran trials
    assert out.count("study 'scale': 100 complete") == 1  # one summary
    assert out.count("stopped: every grid point has been evaluated") == 1
    assert "tuneflow: stopping:" not in out  # the workers' own stop lines become the summary's


def test_n_trials_are_split_and_one_wandb_summary_run_is_written(tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "random")
    code, out = finish(start("run", recipe, storage, "--workers", "2", "--n-trials", "5"), timeout=180)
    assert code == 0, out
    assert states(trials(storage)) == {"COMPLETE": 5}
    # The same with W&B on (offline): four trial runs and one summary run.
    storage2 = f"sqlite:///{tmp_path / 'study2.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(recipe), "--storage", storage2, "--workers", "2", "--n-trials", "4"])
    assert result.exit_code == 0, result.output
    runs = [read_run(d) for d in run_dirs(tmp_path / "wandb")]
    summaries = [r for r in runs if "-summary-" in r["run_id"]]
    assert len(summaries) == 1 and summaries[0]["summary"]["tuneflow/n_complete"] == 4
    assert len(runs) == 5


def test_the_pool_leaves_no_worker_pipe_open(tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path, "random")
    gc.collect()  # what earlier tests left behind warns now, not below
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        args = ["run", str(recipe), "--storage", f"sqlite:///{tmp_path / 's.db'}", "--workers", "2", "--n-trials", "2"]
        result = CliRunner().invoke(main, [*args, "--no-wandb", "--no-progress"])
        gc.collect()  # the finished pool and its Popen objects are gone: an open pipe warns now
    assert result.exit_code == 0, result.output
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_workers_refuse_an_in_memory_storage_before_starting_anything(tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path, "random")
    result = CliRunner().invoke(main, ["run", str(recipe), "--storage", "memory", "--workers", "2", "--no-wandb"])
    assert result.exit_code == 2
    assert "--workers: storage 'memory' lives in one process" in result.output
    assert "use --n-jobs for threads" in result.output


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_every_worker_cleanly_and_resume_completes(sig: int, code: int, tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "random", run_cap=8)
    # Trials from number 2 on hang until the signal comes: both workers end up inside one.
    proc = start("run", recipe, storage, "--workers", "2", env={"TF_SLOW_FROM": "2"})
    wait_for(tmp_path / "start-2")
    wait_for(tmp_path / "start-3")
    time.sleep(0.3)
    proc.send_signal(sig)  # to the parent only, as a terminal's Ctrl-C reaches it
    returncode, out = finish(proc, timeout=90)
    assert returncode == code, out
    assert f"{signal.Signals(sig).name}: stopping 2 workers" in out
    assert out.count("Resume with the same command") == 1  # the workers' identical lines, once
    counts = states(trials(storage))
    assert "RUNNING" not in counts
    assert counts["FAIL"] == 2 and counts["WAITING"] == 2, counts
    tuneflow.tune(tuneflow.load_recipe(recipe), storage=storage, wandb=False)  # resume
    assert states(trials(storage)) == {"COMPLETE": 8, "FAIL": 2}


def test_auto_plans_for_the_whole_budget_in_every_worker(tmp_path: Path) -> None:
    """Each worker runs a share of --n-trials, but `auto` chooses for the pool's whole budget."""
    from tuneflow.engine.study import sampler_choice
    from tuneflow.keys import SAMPLER_ATTR

    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe_path = write_recipe(tmp_path, "auto")
    recipe = tuneflow.load_recipe(str(recipe_path))
    # workers share one study: trials run in parallel, so auto's parallel choice (TPE with its liar)
    whole, share = (
        sampler_choice(recipe, 20, parallel=True).to_dict(),
        sampler_choice(recipe, 10, parallel=True).to_dict(),
    )
    assert whole != share  # the budget changes the choice, so the test can tell them apart
    code, out = finish(start("run", recipe_path, storage, "--workers", "2", "--n-trials", "20"), timeout=180)
    assert code == 0, out
    study = tuneflow.load_result(storage).study
    assert states(study.get_trials()) == {"COMPLETE": 20}
    assert study.user_attrs[SAMPLER_ATTR] == whole
