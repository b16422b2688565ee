"""Grids at scale: time to the first trial, peak memory, storage size, and 4 workers on one grid.

Each measurement runs in a fresh Python process (so peak RSS is that run's alone):

- ``first trial s``: from calling ``tuneflow.tune`` to the train function's first call;
- ``peak MB``: the process's peak resident memory (``ru_maxrss``) after ``--trials`` trials,
  and ``import MB`` the same right after importing tuneflow (the floor);
- ``db KB``: the SQLite file after those trials (nothing is written ahead, so it does not grow
  with the grid's size);
- ``4 workers``: four ``tuneflow worker`` processes at once on one SQLite file over the 10^4-point
  grid, each stopping by itself when the grid is done; then every point is checked once.

    nice -n 10 python bench/grid_scale.py [--trials 200] [--skip-workers]

The grids are shaped like real sweep configs (learning rates, batch sizes, dropouts, layer
specs, seeds), 10^4 points (SQLite, the default storage) and 2x10^6 points (in memory).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

GRID_10K: dict[str, Any] = {
    "lr": {"values": [1.0e-4, 2.0e-4, 5.0e-4, 1.0e-3, 2.0e-3, 5.0e-3, 1.0e-2, 2.0e-2, 5.0e-2, 0.1]},
    "batch_size": {"values": [16, 32, 64, 128]},
    "dropout": {"distribution": "q_uniform", "min": 0.0, "max": 0.5, "q": 0.1},
    "model": {"parameters": {"layers": {"values": [[64], [128], [64, 64], [128, 64], [256, 128, 64]]}}},
    "seed": {"distribution": "int_uniform", "min": 0, "max": 9},
    "epochs": {"value": 3},
}
GRID_2M: dict[str, Any] = {
    **GRID_10K,
    "weight_decay": {"values": [0.0, 1.0e-5, 1.0e-4, 1.0e-3, 1.0e-2]},
    "warmup": {"distribution": "int_uniform", "min": 0, "max": 39},
}

CHILD = """
import json, resource, sys, time
t_import = time.perf_counter()
import tuneflow
import_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
parameters, storage, n_trials = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
first = []
def train(config):
    if not first:
        first.append(time.perf_counter())
    return float(config["lr"])
recipe = tuneflow.Recipe(name="grid-scale", train=train, parameters=parameters, method="grid",
                         metric={"name": "loss", "goal": "minimize"})
start = time.perf_counter()
result = tuneflow.tune(recipe, n_trials=n_trials, storage=storage, wandb=False)
done = time.perf_counter()
from tuneflow.engine.gridindex import GridIndex
print(json.dumps({
    "size": GridIndex.of(recipe.search_space).size,
    "first_s": first[0] - start,
    "trials": len(result.study.trials),
    "trials_per_s": n_trials / (done - start),
    "import_mb": import_mb,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

WORKER_RECIPE = """
import tuneflow
def train(config):
    return float(config["lr"])
recipe = tuneflow.Recipe(name="grid-workers", train=train, parameters={parameters!r}, method="grid",
                         metric={{"name": "loss", "goal": "minimize"}})
"""


def measure(parameters: dict[str, Any], storage: str, n_trials: int, cwd: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(parameters), storage, str(n_trials)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def four_workers(directory: Path, timeout: float) -> dict[str, Any]:
    import optuna

    from tuneflow.engine.storage import open_storage

    recipe = directory / "grid_workers.py"
    recipe.write_text(WORKER_RECIPE.format(parameters=GRID_10K))
    storage = f"sqlite:///{directory / 'workers.db'}"
    cmd = [sys.executable, "-c", "from tuneflow.cli import main; main()", "worker", str(recipe)]
    cmd += ["--storage", storage, "--no-wandb", "--no-progress"]
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(4)]
    codes = [p.wait(timeout=timeout) for p in procs]
    wall = time.perf_counter() - start
    trials = optuna.load_study(study_name="grid-workers", storage=open_storage(storage)).get_trials(deepcopy=False)
    complete = [t for t in trials if t.state.name == "COMPLETE"]
    points = [json.dumps(t.params, sort_keys=True) for t in complete]
    return {
        "exit_codes": codes,
        "wall_s": wall,
        "complete": len(complete),
        "distinct_points": len(set(points)),
        "not_finished": len(trials) - len(complete),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200, help="trials per measurement (after the first)")
    parser.add_argument("--skip-workers", action="store_true", help="leave out the 4-worker run")
    parser.add_argument("--workers-timeout", type=float, default=1200.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        rows = []
        for label, parameters, storage, counts in [
            # the floor: opening a fresh SQLite study costs the same for any grid
            ("10 points, SQLite", {"lr": GRID_10K["lr"]}, f"sqlite:///{directory / 'g10.db'}", (1,)),
            ("10^4 points, SQLite", GRID_10K, f"sqlite:///{directory / 'g10k.db'}", (1, args.trials)),
            ("2x10^6 points, memory", GRID_2M, "memory", (1, args.trials)),
        ]:
            for n in counts:
                if storage != "memory":
                    Path(storage.removeprefix("sqlite:///")).unlink(missing_ok=True)
                row = measure(parameters, storage, n, directory)
                if storage != "memory":
                    row["db_kb"] = os.path.getsize(storage.removeprefix("sqlite:///")) / 1024
                rows.append((label, n, row))
        print(
            f"{'grid':24} {'trials':>6} {'points':>9} {'first trial s':>13} {'import MB':>9} {'peak MB':>8} "
            f"{'trials/s':>8} {'db KB':>7}"
        )
        for label, n, row in rows:
            db = f"{row['db_kb']:.0f}" if "db_kb" in row else "-"
            print(
                f"{label:24} {n:6d} {row['size']:9d} {row['first_s']:13.3f} {row['import_mb']:9.0f} "
                f"{row['peak_mb']:8.0f} {row['trials_per_s']:8.1f} {db:>7}"
            )
        if not args.skip_workers:
            res = four_workers(directory, args.workers_timeout)
            print(
                f"4 workers, 10^4-point grid, SQLite: exit codes {res['exit_codes']}, {res['complete']} complete, "
                f"{res['distinct_points']} distinct points, {res['not_finished']} not finished, "
                f"{res['wall_s']:.0f} s wall"
            )


if __name__ == "__main__":
    main()
