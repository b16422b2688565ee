"""Near-duplicate suggestions under parallel trials (``n_jobs=2``), per method.

A trial is a near-duplicate when its point lies within ``EPS`` (L-infinity, every parameter scaled
to [0, 1], log scales in log space, categoricals equal) of a trial that was still running when it
started: the model had not seen that running trial's result, so without a constant liar (TPE) or
batch acquisition over running trials (GPSampler's qLogEI) it proposes the same point again.
The objective sleeps a little so two trials really overlap.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping
from typing import Any

import optuna

import tuneflow
from bench.search.tasks import Task

__all__ = ["EPS", "near_duplicate_rate"]

EPS = 0.02
SLEEP_S = 0.2


def _unit(space: Any, config: Mapping[str, Any]) -> dict[str, Any]:
    """Each searched parameter of ``config`` scaled to [0, 1] (categoricals kept as they are)."""
    out: dict[str, Any] = {}
    for p in space.params:
        if p.kind == "constant":
            continue
        value: Any = config
        for key in p.path:
            value = value[key]
        dist = p.distribution()
        if isinstance(dist, optuna.distributions.CategoricalDistribution):
            out[p.name] = value
            continue
        lo, hi, v = float(dist.low), float(dist.high), float(value)
        if getattr(dist, "log", False):
            lo, hi, v = math.log(lo), math.log(hi), math.log(v)
        out[p.name] = 0.0 if hi == lo else (v - lo) / (hi - lo)
    return out


def _close(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    for k, va in a.items():
        vb = b[k]
        if isinstance(va, float) and isinstance(vb, float):
            if abs(va - vb) > EPS:
                return False
        elif va != vb:
            return False
    return True


def near_duplicate_rate(
    task: Task, method: str, options: Mapping[str, Any], n_trials: int, seed: int, n_jobs: int = 2
) -> tuple[float, int]:
    """(fraction of trials that nearly repeat a trial running when they started, trials checked)."""
    recipe = tuneflow.Recipe(
        name=f"dup-{task.name}",
        train=lambda c: 0.0,
        parameters=dict(task.parameters),
        method=method,
        seed=seed,
        sampler_options=dict(options),
    )
    space = recipe.search_space
    assert space is not None
    lock = threading.Lock()
    running: dict[int, dict[str, Any]] = {}
    dups, checked, counter = 0, 0, [0]

    def train(config: Mapping[str, Any]) -> float:
        nonlocal dups, checked
        point = _unit(space, config)
        with lock:
            me = counter[0]
            counter[0] += 1
            if running:
                checked += 1
                dups += any(_close(point, other) for other in running.values())
            running[me] = point
        try:
            time.sleep(SLEEP_S)
            return task.objective(config)
        finally:
            with lock:
                del running[me]

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    tuneflow.tune(recipe.replace(train=train), n_trials=n_trials, storage="memory", wandb=False, n_jobs=n_jobs)
    return (dups / checked if checked else 0.0), checked
