"""``tuneflow run --workers N`` against threads on a pure-Python CPU-bound train function.

The train function burns CPU in Python bytecode (a loop of integer arithmetic, ~0.1 s per
trial), the case where threads (``--n-jobs``) gain nothing because of the GIL. Each row runs
``tuneflow run RECIPE --n-trials TOTAL`` on a fresh SQLite file, W&B off:

- ``trials/s``: COMPLETE trials / (last completion - first start), read back from the storage;
- ``wall s``: the whole command, process start-up and imports included.

    nice -n 10 python bench/workers_speedup.py [--total 40] [--repeat 2]

On a machine shared with other jobs the figures move; the ratio within one run is the result.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import optuna

REPO = Path(__file__).resolve().parents[1]

RECIPE = """
import tuneflow

def train(config):
    total = 0
    for i in range(config["work"]):  # pure Python: holds the GIL the whole time
        total += (i * i) % 7
    return config["x"] + total * 0.0

recipe = tuneflow.Recipe(
    name="cpu",
    train=train,
    parameters={"x": {"min": 0.0, "max": 1.0}, "work": {"value": WORK}},
    method="random",
    metric={"name": "loss", "goal": "minimize"},
)
"""


def calibrate(seconds: float = 0.1) -> int:
    """Loop iterations that take about ``seconds`` here."""
    n, start = 200_000, time.perf_counter()
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return max(int(n * seconds / (time.perf_counter() - start)), 1)


def run(directory: Path, total: int, flags: list[str]) -> tuple[float, float]:
    db = directory / "cpu.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", "from tuneflow.cli import main; main()", "run", str(directory / "recipe.py")]
    cmd += ["--storage", f"sqlite:///{db}", "--no-wandb", "--no-progress", "--n-trials", str(total), *flags]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=directory, check=True, capture_output=True, timeout=900)
    wall = time.perf_counter() - start
    from tuneflow.engine.storage import open_storage

    trials = optuna.load_study(study_name="cpu", storage=open_storage(f"sqlite:///{db}")).get_trials(deepcopy=False)
    done = [t for t in trials if t.state.name == "COMPLETE"]
    assert len(done) == total, f"{len(done)} of {total} trials completed with {flags}"
    first = min(t.datetime_start for t in done if t.datetime_start)
    last = max(t.datetime_complete for t in done if t.datetime_complete)
    return len(done) / (last - first).total_seconds(), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=40, help="trials per row")
    parser.add_argument("--repeat", type=int, default=2, help="runs per row (the best is shown)")
    args = parser.parse_args()
    work = calibrate()
    rows = [
        ("1 process", []),
        ("2 threads (--n-jobs 2)", ["--n-jobs", "2"]),
        ("2 processes (--workers 2)", ["--workers", "2"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        (directory / "recipe.py").write_text(RECIPE.replace("WORK", str(work)))
        results = {}
        for label, flags in rows:
            best = max((run(directory, args.total, flags) for _ in range(args.repeat)), key=lambda r: r[0])
            results[label] = best
        base = results["1 process"][0]
        print(f"{args.total} trials of ~0.1 s pure-Python CPU each, SQLite, W&B off")
        print(f"{'':28} {'trials/s':>8} {'speed-up':>8} {'wall s':>7}")
        for label, (rate, wall) in results.items():
            print(f"{label:28} {rate:8.2f} {rate / base:7.2f}x {wall:7.1f}")


if __name__ == "__main__":
    main()
