"""Run the benchmark grid (task x method x seed) and the suggestion-cost probe; write raw JSON.

Results go to a JSON-lines file, one line per finished search, appended as they finish, so a run
stopped by its wall-clock bound keeps what it did. Cells run seed-major (every task and method for
seed 0, then seed 1, ...), so a bound that cuts the run short costs whole seeds, evenly.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import optuna

import tuneflow
from bench.search.methods import CANDIDATES, TUNEFLOW_METHODS, WANDB_METHODS, Candidate, resolve, run_search
from bench.search.tasks import Task, get_task

__all__ = ["PARALLEL_SETTINGS", "PARALLEL_TASKS", "environment", "measure_cost", "measure_parallel", "run_grid"]


def environment() -> dict[str, Any]:
    """Machine and versions, recorded with every result file."""
    import sklearn

    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores ({platform.processor() or platform.system()})",
        "optuna": optuna.__version__,
        "tuneflow": tuneflow.__version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
    }


Done = dict[tuple[str, str, int], dict[str, Any]]


def _done(path: Path) -> Done:
    if not path.exists():
        return {}
    out: Done = {}
    for line in path.read_text().splitlines():
        rec = json.loads(line)
        if rec.get("kind") == "search":
            out[rec["task"], rec["method"], rec["seed"]] = rec
    return out


def _twin(done: Done, task: Task, method: str, seed: int, budget: int) -> dict[str, Any] | None:
    """A search already run for (task, seed) that ``method`` resolves to as well (same sampler, options)."""
    if method in WANDB_METHODS:
        return None
    mine = resolve(method, task, budget)[:2]
    for (t, other, s), rec in done.items():
        if t != task.name or s != seed or other in WANDB_METHODS or rec.get("same_as"):
            continue
        if len(rec["values"]) == budget and resolve(other, task, budget)[:2] == mine:
            return rec
    return None


def _cell(done: Done, task: Task, method: str, seed: int, budget: int, engine: Any) -> dict[str, Any]:
    """One (task, method, seed) search as a record; a method resolving to a search already run reuses it."""
    twin = _twin(done, task, method, seed, budget)
    if twin is not None:  # e.g. `auto` resolving to exactly what `bayes` runs: one search, two names
        return {
            **twin,
            "method": method,
            "same_as": twin["method"],
            "wall_s": 0.0,
            "info": resolve(method, task, budget)[2],
        }
    start = time.perf_counter()
    search = run_search(method, task, seed, budget, engine)
    return {
        "kind": "search",
        "task": task.name,
        "family": task.family,
        "method": method,
        "seed": seed,
        "values": search.values,
        "suggest_s": [round(c, 5) for c in search.suggest_s],
        "wall_s": round(time.perf_counter() - start, 3),
        "info": search.info,
    }


def run_grid(
    tasks: Sequence[str],
    methods: Sequence[str],
    seeds: Iterable[int],
    budget: int,
    out: Path,
    deadline: float | None = None,
    log: Any = sys.stderr,
) -> int:
    """Run every missing (task, method, seed) cell into ``out``; stop starting cells past ``deadline``.

    Returns the number of cells run. A cell already in ``out`` is skipped, so a run resumes.
    """
    from tests.wandb_engine.engine import EngineSession

    done = _done(out)
    engine = EngineSession() if any(m in WANDB_METHODS for m in methods) else None
    ran = 0
    try:
        with out.open("a") as sink:
            for seed in seeds:
                for name in tasks:
                    task = get_task(name)
                    for method in methods:
                        if (name, method, seed) in done:
                            continue
                        if deadline is not None and time.time() > deadline:
                            print(f"deadline reached before {name}/{method}/seed {seed}", file=log)
                            return ran
                        rec = _cell(done, task, method, seed, budget, engine)
                        done[name, method, seed] = rec
                        sink.write(json.dumps(rec) + "\n")
                        sink.flush()
                        ran += 1
                        best = min(rec["values"])
                        print(
                            f"{name:26s} {method:14s} seed {seed}: best {best:.6g} ({rec['wall_s']:.1f} s)",
                            file=log,
                            flush=True,
                        )
    finally:
        if engine is not None:
            engine.close()
    return ran


# -- suggestion cost -----------------------------------------------------------------------------


def _random_history(task: Task, n: int, seed: int) -> list[tuple[dict[str, Any], dict[str, Any], float]]:
    """``n`` random finished trials: (flat stored params, nested config, value)."""
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=seed))
    space = tuneflow.Recipe(name="cost", parameters=dict(task.parameters)).search_space
    assert space is not None
    suggest = space.suggester()
    out = []
    for _ in range(n):
        trial = study.ask()
        config = suggest(trial)
        value = task.objective(config)
        study.tell(trial, value)
        out.append((dict(trial.params), config, value))
    return out


def _tuneflow_cost(cand: Candidate, task: Task, n: int, repeats: int, seed: int) -> list[float]:
    from tuneflow.search.methods import make_sampler

    recipe = tuneflow.Recipe(name="cost", parameters=dict(task.parameters))
    space = recipe.search_space
    assert space is not None
    dists = space.distributions()
    method, options = cand.method, dict(cand.options)
    if method in ("auto", "bayes"):  # what they run on this task with no budget given
        method, options, _ = resolve(method, task, None)
    study = optuna.create_study(sampler=make_sampler(method, space, seed, options))
    study.add_trials(
        [
            optuna.trial.create_trial(params=params, distributions={k: dists[k] for k in params}, value=value)
            for params, _, value in _random_history(task, n, seed)
        ]
    )
    suggest = space.suggester()
    costs = []
    for _ in range(repeats):
        start = time.perf_counter()
        trial = study.ask()
        config = suggest(trial)
        costs.append(time.perf_counter() - start)
        study.tell(trial, task.objective(config))
    return costs


def _wandb_cost(method: str, task: Task, n: int, repeats: int, seed: int, engine: Any) -> list[float]:
    sweep = {"method": method, "metric": {"name": "loss", "goal": "minimize"}, "parameters": dict(task.parameters)}
    runs = [
        {"config": {k: {"value": v} for k, v in config.items()}, "value": value}
        for _, config, value in _random_history(task, n, seed)
    ]
    costs = []
    for _ in range(repeats):
        start = time.perf_counter()
        config = engine.next_config(sweep, runs, seed)
        costs.append(time.perf_counter() - start)
        runs.append({"config": config, "value": task.objective({k: v["value"] for k, v in config.items()})})
    return costs


def measure_cost(
    task_name: str, methods: Sequence[str], sizes: Sequence[int], repeats: int, out: Path, log: Any = sys.stderr
) -> None:
    """Seconds per suggestion after ``n`` finished (random) trials, median of ``repeats``, into ``out``."""
    from tests.wandb_engine.engine import EngineSession

    task = get_task(task_name)
    optuna.logging.set_verbosity(optuna.logging.ERROR)

    def timed(method: str, n: int, repeats: int) -> list[float]:
        if method in WANDB_METHODS:
            return _wandb_cost(method.removeprefix("wandb-"), task, n, repeats, 0, engine)
        cand = CANDIDATES.get(method) or Candidate(method)
        assert cand.method in TUNEFLOW_METHODS
        return _tuneflow_cost(cand, task, n, repeats, 0)

    with EngineSession() as engine, out.open("a") as sink:
        for method in methods:
            timed(method, 10, 1)  # untimed: a first call pays imports and the engine's start, not a suggestion
            for n in sizes:
                costs = timed(method, n, repeats)
                rec = {"kind": "cost", "task": task_name, "method": method, "n": n, "suggest_s": costs}
                sink.write(json.dumps(rec) + "\n")
                sink.flush()
                print(
                    f"cost {task_name} {method:14s} after {n:4d}: {float(np.median(costs)):.4f} s", file=log, flush=True
                )


# -- near-duplicates under parallel trials -----------------------------------------------------------

PARALLEL_TASKS = ("branin", "hartmann6")
#: label -> (tuneflow method, sampler options): TPE without and with its constant liar, GPSampler
#: (Optuna 5 conditions its acquisition on running trials), what `auto` runs, random as the floor.
PARALLEL_SETTINGS: dict[str, tuple[str, dict[str, Any]]] = {
    "random": ("random", {}),
    "tpe, constant_liar=False": ("tpe", {"constant_liar": False}),
    "tpe (constant_liar=True, tuneflow's)": ("tpe", {}),
    "gp (GPSampler, qLogEI over running trials)": ("gp", {}),
    "gp, n_startup_trials=4 (auto's choice for serial trials)": ("gp", {"n_startup_trials": 4}),
    "auto (n_jobs=2: TPE with constant liar)": ("auto", {}),
}


def measure_parallel(
    tasks: Sequence[str],
    settings: dict[str, tuple[str, dict[str, Any]]],
    seeds: Iterable[int],
    n_trials: int,
    out: Path,
    log: Any = sys.stderr,
) -> None:
    """Near-duplicate rate with ``n_jobs=2`` per (task, setting, seed), into ``out``."""
    from bench.search.parallel import EPS, near_duplicate_rate

    with out.open("a") as sink:
        for seed in seeds:
            for name in tasks:
                for label, (method, options) in settings.items():
                    rate, checked = near_duplicate_rate(get_task(name), method, options, n_trials, seed)
                    rec = {
                        "kind": "parallel",
                        "task": name,
                        "method": label,
                        "seed": seed,
                        "rate": rate,
                        "checked": checked,
                        "eps": EPS,
                        "n_trials": n_trials,
                    }
                    sink.write(json.dumps(rec) + "\n")
                    sink.flush()
                    print(f"parallel {name} {label}: {rate:.1%} of {checked}", file=log, flush=True)
