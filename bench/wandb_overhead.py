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

    python bench/wandb_overhead.py [--trials 200]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    n = parser.parse_args().trials
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    root = Path(tempfile.mkdtemp(prefix="tuneflow-bench-"))
    os.environ.update(WANDB_SILENT="true", WANDB_MODE="offline")

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
