"""Throughput of 1, 2 and 4 ``tuneflow worker`` processes on each storage, and what got lost.

Every trial burns 0.2 s of CPU (a busy loop on ``time.process_time``), so the ideal rate is
5 trials/s per core. Each configuration starts N worker processes at once on a fresh storage
(SQLite file, a PostgreSQL server this script starts from the Debian binaries, an Optuna
journal file), each asked for TOTAL/N trials, then reads the study back:

- ``trials/s``: COMPLETE trials / (last completion - start line); every worker's first trial
  waits at a start line until all N workers are up, so this is the rate under N workers,
  without the staggered process start-up;
- ``wall s``: from launching the processes to the last one exiting (start-up included:
  importing tuneflow and opening the storage);
- ``dup``: trial numbers or parameter sets seen twice; ``lost``: requested - COMPLETE;
  ``left``: trials not finished (RUNNING/WAITING) after every worker exited.

    python bench/scale.py [--total 24] [--workers 1 2 4] [--storages sqlite postgresql journal]

On a 2-core machine, 4 workers cannot beat 2: the figures show the storage overhead, not
scaling beyond the cores.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import optuna

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from postgres import PostgresServer, available  # noqa: E402

from tuneflow.engine.storage import open_storage  # noqa: E402

RECIPE = """
import os, pathlib, time
import tuneflow

HERE = pathlib.Path(__file__).parent

def train(config):
    # Start line: every worker's first trial waits until all workers are up, so the rate
    # measures the storage under N workers, not the staggered process start-up.
    if not (HERE / "go").exists():
        (HERE / f"ready-{os.getpid()}").touch()
        while not (HERE / "go").exists():
            time.sleep(0.005)
    start = time.process_time()
    while time.process_time() - start < 0.2:  # 0.2 s of CPU
        pass
    return config["x"]

recipe = tuneflow.Recipe(
    name="scale",
    train=train,
    parameters={"x": {"distribution": "uniform", "min": 0.0, "max": 1.0}},
    method="random",
)
"""


def run_config(storage: str, n_workers: int, total: int, directory: Path) -> dict[str, float]:
    recipe = directory / "recipe.py"
    recipe.write_text(RECIPE)
    per_worker = total // n_workers
    cmd = [sys.executable, "-c", "from tuneflow.cli import main; main()", "worker", str(recipe)]
    cmd += ["--storage", storage, "--n-trials", str(per_worker), "--no-wandb", "--no-progress"]
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(n_workers)
    ]
    while len(list(directory.glob("ready-*"))) < n_workers:
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.01)
    go = datetime.now()
    (directory / "go").touch()
    errors = [p.communicate()[1] for p in procs]
    wall = time.perf_counter() - t0
    for p, err in zip(procs, errors):
        if p.returncode != 0:
            raise SystemExit(f"worker failed ({p.returncode}):\n{err}")
    trials = optuna.load_study(study_name="scale", storage=open_storage(storage)).get_trials()
    done = [t for t in trials if t.state.name == "COMPLETE"]
    numbers = collections.Counter(t.number for t in trials)
    params = collections.Counter(t.params.get("x") for t in done)
    span = (max(t.datetime_complete for t in done) - go).total_seconds()
    return {
        "rate": len(done) / span,
        "wall": wall,
        "dup": sum(c - 1 for c in numbers.values()) + sum(c - 1 for c in params.values()),
        "lost": per_worker * n_workers - len(done),
        "left": sum(t.state.name in ("RUNNING", "WAITING") for t in trials),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=24, help="trials per configuration (split over the workers)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--storages", nargs="+", default=["sqlite", "postgresql", "journal"])
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    server = PostgresServer.start() if "postgresql" in args.storages and available() else None
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores (load average {load:.1f} at start); 0.2 s CPU per trial; {args.total} trials each")
    print(
        f"{'storage':<11} {'workers':>7} {'trials/s':>9} {'ideal':>6} {'wall s':>7} {'dup':>4} {'lost':>5} {'left':>5}"
    )
    try:
        for kind in args.storages:
            if kind == "postgresql" and server is None:
                print(f"{kind:<11} skipped: PostgreSQL binaries or psycopg missing")
                continue
            for n in args.workers:
                with tempfile.TemporaryDirectory(prefix="tuneflow-scale-") as tmp:
                    directory = Path(tmp)
                    storage = {
                        "sqlite": f"sqlite:///{directory / 'scale.db'}",
                        "journal": f"journal:///{directory / 'scale.log'}",
                        "postgresql": server.new_database() if server else "",
                    }[kind]
                    r = run_config(storage, n, args.total, directory)
                ideal = 5.0 * min(n, os.cpu_count() or 1)
                print(
                    f"{kind:<11} {n:>7} {r['rate']:>9.2f} {ideal:>6.1f} {r['wall']:>7.1f} "
                    f"{r['dup']:>4} {r['lost']:>5} {r['left']:>5}"
                )
    finally:
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
