"""Real worker processes for the scale and reliability tests: a recipe file and ``tuneflow`` runs.

The recipe's train function is steered by environment variables so one file serves every test:
it touches ``$TF_MARKS/start-<trial number>`` when a trial starts (tests wait for it before
killing or signalling), sleeps 0.05 s, and sleeps ``$TF_SLOW`` seconds more from trial number
``$TF_SLOW_FROM`` on (the trial a test interrupts).
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import optuna

RECIPE = """
import os, pathlib, time
import tuneflow

def train(config, trial):
    marks = pathlib.Path(os.environ.get("TF_MARKS", "."))
    (marks / f"start-{{trial.number}}").touch()
    slow_from = int(os.environ.get("TF_SLOW_FROM", "-1"))
    if 0 <= slow_from <= trial.number:
        time.sleep(float(os.environ.get("TF_SLOW", "60")))
    time.sleep(0.05)
    return float(config["x"]) + float(config.get("y", 0))

recipe = tuneflow.Recipe(
    name="scale",
    train=train,
    parameters={parameters!r},
    method={method!r},
    run_cap={run_cap!r},
    metric={{"name": "loss", "goal": "minimize"}},
)
"""
RANDOM = {"x": {"distribution": "uniform", "min": 0.0, "max": 1.0}}
GRID_100 = {"x": {"values": list(range(10))}, "y": {"distribution": "int_uniform", "min": 0, "max": 9}}


def write_recipe(directory: Path, method: str = "random", run_cap: int | None = None) -> Path:
    path = directory / f"recipe_{method}_{run_cap}.py"
    parameters = GRID_100 if method == "grid" else RANDOM
    path.write_text(RECIPE.format(parameters=parameters, method=method, run_cap=run_cap))
    return path


def tuneflow_cmd(verb: str, recipe: Path, storage: str, *args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from tuneflow.cli import main; main()",
        verb,
        str(recipe),
        "--storage",
        storage,
        "--no-wandb",
        "--no-progress",
        *args,
    ]


def start(verb: str, recipe: Path, storage: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``tuneflow VERB RECIPE --storage STORAGE ARGS`` with output captured."""
    full_env = {**os.environ, "TF_MARKS": str(recipe.parent), **(env or {})}
    return subprocess.Popen(
        tuneflow_cmd(verb, recipe, storage, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=full_env,
        cwd=recipe.parent,
    )


def finish(proc: subprocess.Popen, timeout: float = 90) -> tuple[int, str]:
    out, _ = proc.communicate(timeout=timeout)
    return proc.returncode, out


def run_workers(n: int, recipe: Path, storage: str, *args: str, env: dict[str, str] | None = None) -> list[str]:
    """Start ``n`` workers at once, wait for all; every one must exit 0. Returns their outputs."""
    procs = [start("worker", recipe, storage, *args, env=env) for _ in range(n)]
    results = [finish(p) for p in procs]
    for code, out in results:
        assert code == 0, out
    return [out for _, out in results]


def wait_for(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.05)


def trials(storage: str, study: str = "scale") -> list[optuna.trial.FrozenTrial]:
    from tuneflow.engine.storage import open_storage

    return optuna.load_study(study_name=study, storage=open_storage(storage)).get_trials()


def states(all_trials: list[Any]) -> dict[str, int]:
    return dict(collections.Counter(t.state.name for t in all_trials))
