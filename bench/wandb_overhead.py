"""What streaming every trial to W&B costs the optimization loop, measured side by side.

200 no-op trials (random sampler, in-memory storage), one run each:

- raw Optuna (the floor);
- tuneflow with W&B off;
- tuneflow with one offline W&B run per trial (written by the background writer): the loop's
  time per trial, and the total until every run is on disk (``tune`` returns only then);
- tuneflow with an agent-style train function (run created on the loop, by design);
- optuna-integration's deprecated ``WeightsAndBiasesCallback(as_multirun=True)``, if installed
  (``pip install tuneflow[bench]``).

Target: W&B on slows the loop by <= 5 ms per trial, and all runs are on disk when tune returns.

Live streaming (every ``trial.report`` goes to the trial's open run as it happens):

- the cost of one ``trial.report`` on the loop, W&B on vs off (target <= 0.5 ms);
- the wall time of ``tune`` for 30 trials of 0.2 s each, W&B on vs off, until every run (and
  the summary run) is on disk (target <= 1.05x); trials that sleep, and trials that keep every
  core busy (numpy matrix products on all BLAS threads for 0.2 s), where the writer process has
  to share the cores with them.

    python bench/wandb_overhead.py [--trials 200] [--only table|live]
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
import warnings
from pathlib import Path

import optuna

import tuneflow
from tuneflow.tracking.reader import run_dirs

PARAMETERS = {"x": {"min": -10.0, "max": 10.0}, "model": {"parameters": {"depth": {"values": [2, 4, 8]}}}}


def _recipe(train) -> tuneflow.Recipe:
    return tuneflow.Recipe(
        name="overhead", train=train, parameters=PARAMETERS, method="random", metric={"name": "y"}, seed=0
    )


def noop(config: dict) -> float:
    return config["x"] ** 2


def agent_noop() -> None:
    import wandb

    wandb.init()
    wandb.log({"y": wandb.config["x"] ** 2})


def raw_objective(trial: optuna.Trial) -> float:
    """The recipe's space written by hand against Optuna's API."""
    x = trial.suggest_float("x", -10, 10)
    trial.suggest_categorical("model.depth", [2, 4, 8])
    return x**2


def raw_optuna(n: int) -> tuple[float, float]:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    start = time.perf_counter()
    study.optimize(raw_objective, n_trials=n)
    total = time.perf_counter() - start
    return total, total


def run_tuneflow(n: int, train, wandb, storage: str = "memory") -> tuple[float, float]:
    """(loop seconds until the last trial was told, seconds until tune returned)."""
    last: list[float] = []
    start = time.perf_counter()
    tuneflow.tune(
        _recipe(train),
        n_trials=n,
        storage=storage,
        wandb=wandb,
        callbacks=[lambda s, t: last.append(time.perf_counter())],
    )
    return last[-1] - start, time.perf_counter() - start


def integration_callback(n: int, wandb_dir: Path) -> tuple[float, float] | None:
    try:
        from optuna_integration.wandb import WeightsAndBiasesCallback
    except ImportError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        callback = WeightsAndBiasesCallback(
            metric_name="y", as_multirun=True, wandb_kwargs={"mode": "offline", "dir": str(wandb_dir), "project": "b"}
        )

    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study.optimize(raw_objective, n_trials=n, callbacks=[callback])
    total = time.perf_counter() - start
    return total, total


REPORTS_PER_TRIAL = 500


def report_cost(n_trials: int, wandb) -> float:
    """Mean seconds one ``trial.report`` takes on the loop (timed inside the train function)."""
    spent: list[float] = []

    def train(config: dict, trial) -> float:
        start = time.perf_counter()
        for step in range(REPORTS_PER_TRIAL):
            trial.report(config["x"] + step, step)
        spent.append(time.perf_counter() - start)
        return config["x"] ** 2

    tuneflow.tune(_recipe(train), n_trials=n_trials, storage="memory", wandb=wandb)
    return sum(spent) / (len(spent) * REPORTS_PER_TRIAL)


def _busy(seconds: float) -> None:
    """Keep every core busy for ``seconds`` (matrix products run on all BLAS threads)."""
    import numpy as np

    a = np.random.default_rng(0).random((400, 400))
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        a = (a @ a) / 400.0


def sleepy_wall(n_trials: int, seconds: float, wandb, busy: bool = False) -> float:
    """Wall seconds of ``tune`` over trials that each take ``seconds`` (asleep, or keeping every
    core ``busy``) and report 4 times."""

    def train(config: dict, trial) -> float:
        for step in range(4):
            _busy(seconds / 4) if busy else time.sleep(seconds / 4)
            trial.report(config["x"] + step, step)
        return config["x"] ** 2

    start = time.perf_counter()
    tuneflow.tune(_recipe(train), n_trials=n_trials, storage="memory", wandb=wandb)
    return time.perf_counter() - start


def _wait_for_writers(limit: float = 60.0) -> None:
    """Wait until the W&B writer processes of earlier studies have exited (they finish shutting
    wandb-core down after ``tune`` returns), so they do not load the next measurement."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = False
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    cmdline = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid() and b"tuneflow.tracking" in cmdline:
                    busy = True
        if not busy:
            return
        time.sleep(0.2)


def live(root: Path) -> None:
    """The live-streaming figures: per-report cost, and W&B on/off wall on short trials."""
    off = report_cost(10, False)
    on = report_cost(10, {"dir": str(root / "reports")})
    _wait_for_writers()
    print(f"trial.report on the loop ({10 * REPORTS_PER_TRIAL} reports, in-memory storage):")
    print(f"  W&B off {off * 1000:.3f} ms, W&B on (streamed live) {on * 1000:.3f} ms, +{(on - off) * 1000:.3f} ms")
    variants = {
        "off": (False, False),
        "on": ({}, False),
        "on, summary run without charts": ({"plots": False}, False),
        "on, no summary run": ({"summary_run": False}, False),
        "off, CPU-bound trials": (False, True),
        "on, CPU-bound trials": ({}, True),
    }
    walls: dict[str, list[float]] = {label: [] for label in variants}
    for i in range(3):  # interleaved, so machine load hits every variant alike
        for label, (wandb, busy) in variants.items():
            options = False if wandb is False else {**wandb, "dir": str(root / f"sleepy-{i}-{len(walls[label])}")}
            walls[label].append(sleepy_wall(30, 0.2, options, busy=busy))
            _wait_for_writers()
    print("30 trials of 0.2 s (4 reports each), until tune returned (best of 3; all runs on disk):")
    for label, times in walls.items():
        base = min(walls["off, CPU-bound trials" if "CPU" in label else "off"])
        print(
            f"  W&B {label:32} {min(times):6.2f} s  {min(times) / base:.3f}x   ({', '.join(f'{w:.2f}' for w in times)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--only", choices=("table", "live"), help="Run one part only.")
    args = parser.parse_args()
    n = args.trials
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    root = Path(tempfile.mkdtemp(prefix="tuneflow-bench-"))
    os.environ.update(WANDB_SILENT="true", WANDB_MODE="offline")
    if args.only != "table":
        live(root)
    if args.only == "live":
        return

    # (label, (loop s, total s) or None, runs on disk, the row its "+ms" is measured against)
    rows: list[tuple[str, tuple[float, float] | None, int | None, int]] = []
    rows.append(("raw Optuna (floor)", raw_optuna(n), None, 1))
    rows.append(("tuneflow, W&B off", run_tuneflow(n, noop, False), None, 1))
    for label, train in (("tuneflow, 1 offline W&B run/trial", noop), ("tuneflow, agent-style train", agent_noop)):
        target = root / label.split(",")[1].strip().split()[0]
        timing = run_tuneflow(n, train, {"dir": str(target)})
        rows.append((label, timing, len(run_dirs(target / "wandb")), 1))
    # The CLI's default storage: every storage call releases the GIL, the writer thread competes for it.
    sqlite_off = len(rows)
    rows.append(
        ("tuneflow, W&B off, SQLite", run_tuneflow(n, noop, False, f"sqlite:///{root / 'off.db'}"), None, sqlite_off)
    )
    target = root / "sqlite"
    timing = run_tuneflow(n, noop, {"dir": str(target)}, f"sqlite:///{root / 'on.db'}")
    rows.append(("tuneflow, 1 offline W&B run/trial, SQLite", timing, len(run_dirs(target / "wandb")), sqlite_off))
    target = root / "integration"
    target.mkdir()
    timing = integration_callback(n, target)
    on_disk = len(run_dirs(target / "wandb")) if timing else None
    rows.append(("optuna-integration WeightsAndBiasesCallback(as_multirun)", timing, on_disk, 1))

    print(f"{n} no-op trials, random sampler, W&B offline, in-memory storage unless noted ({os.cpu_count()} cores)")
    print(f"{'':58} {'loop ms/trial':>13} {'+ms vs off':>10} {'total s':>8} {'runs on disk':>12}")
    for label, timing, on_disk, base in rows:
        if timing is None:
            print(f"{label:58} {'not installed (pip install tuneflow[bench])':>46}")
            continue
        loop, total = timing
        reference = rows[base][1]
        assert reference is not None
        extra = (loop - reference[0]) / n * 1000
        disk = "" if on_disk is None else f"{on_disk}"
        print(f"{label:58} {loop / n * 1000:13.2f} {extra:10.2f} {total:8.2f} {disk:>12}")
    print(
        "(+ms vs the same storage with W&B off; runs on disk include 1 study summary run; total = until tune returned)"
    )


if __name__ == "__main__":
    main()
