"""The searchers compared: W&B's engine (``wandb-random``, ``wandb-bayes``) and tuneflow's methods.

A tuneflow method runs through the public API, ``tuneflow.tune(Recipe(...))`` with the task's
``parameters`` block, storage in memory and W&B off, exactly as a user would run it. ``CANDIDATES``
are settings of Optuna's own samplers (passed as ``sampler_options``) measured to choose what
``auto`` does; they are not methods of tuneflow.

Each search returns the objective values in trial order and, per trial, the seconds spent
between the end of the previous evaluation and the start of this one (the suggestion cost,
including tuneflow's or the engine's bookkeeping).
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import optuna

import tuneflow
from bench.search.tasks import Task

__all__ = ["CANDIDATES", "METHODS", "Search", "resolve", "run_search"]

WANDB_METHODS = ("wandb-random", "wandb-bayes")
TUNEFLOW_METHODS = ("random", "tpe", "bayes", "cmaes", "qmc", "nsga2", "auto", "gp")


@dataclass(frozen=True)
class Candidate:
    """A tuneflow method with explicit sampler options (a setting ``auto`` might choose)."""

    method: str
    options: Mapping[str, Any] = field(default_factory=dict)


#: candidate settings of Optuna's samplers, measured on the quick subset to decide ``auto``.
CANDIDATES: dict[str, Candidate] = {
    "gp-s10": Candidate("gp", {"n_startup_trials": 10}),  # Optuna's default start
    "gp-s2": Candidate("gp", {"n_startup_trials": 2}),
    "gp-s4": Candidate("gp", {"n_startup_trials": 4}),
    "tpe-s10": Candidate("tpe", {"n_startup_trials": 10}),  # Optuna's default start
    "tpe-s5": Candidate("tpe", {"n_startup_trials": 5}),
    "tpe-s5-ind": Candidate("tpe", {"n_startup_trials": 5, "multivariate": False}),
    "tpe-s5-ep": Candidate("tpe", {"n_startup_trials": 5, "consider_endpoints": True}),
    "tpe-s5-group": Candidate("tpe", {"n_startup_trials": 5, "group": True}),
    # restart_strategy (IPOP/BIPOP) is deprecated in Optuna 5 and falls back to no restarts.
    "cmaes-lra": Candidate("cmaes", {"lr_adapt": True}),
    "cmaes-margin": Candidate("cmaes", {"with_margin": True}),
}

METHODS = (*WANDB_METHODS, *TUNEFLOW_METHODS, *CANDIDATES)


@dataclass
class Search:
    """The outcome of one search: values in trial order and per-trial suggestion seconds."""

    values: list[float]
    suggest_s: list[float]
    info: str = ""


def resolve(method: str, task: Task, budget: int | None) -> tuple[str, dict[str, Any], str]:
    """The tuneflow method and sampler options a bench method runs, and what ``auto`` said.

    ``auto`` and ``bayes`` resolve through :mod:`tuneflow.search.auto`, as ``tuneflow.tune`` does; two
    bench methods resolving alike on a task are one and the same search (run once).
    """
    if method in CANDIDATES:
        cand = CANDIDATES[method]
        return cand.method, dict(cand.options), ""
    if method in ("auto", "bayes"):
        from tuneflow.search.auto import resolve as resolve_method

        space = tuneflow.Recipe(name="probe", parameters=dict(task.parameters)).search_space
        choice = resolve_method(method, space, None, budget, 1)
        return choice.method, dict(choice.options), choice.describe()
    if method in TUNEFLOW_METHODS:
        return method, {}, ""
    raise ValueError(f"unknown method {method!r}; known: {', '.join(METHODS)}")


def run_search(method: str, task: Task, seed: int, budget: int, engine: Any = None) -> Search:
    """Run ``method`` on ``task`` for ``budget`` trials with ``seed``; ``engine`` is an EngineSession."""
    if method in WANDB_METHODS:
        if engine is None:
            raise ValueError(f"{method} needs a W&B engine session")
        return _run_wandb(method.removeprefix("wandb-"), task, seed, budget, engine)
    name, options, info = resolve(method, task, budget)
    search = _run_tuneflow(name, options, task, seed, budget)
    search.info = info
    return search


def _wandb_sweep(method: str, task: Task) -> dict[str, Any]:
    return {"method": method, "metric": {"name": "loss", "goal": "minimize"}, "parameters": dict(task.parameters)}


def _unwrap(config: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v["value"] for k, v in config.items()}


def _run_wandb(method: str, task: Task, seed: int, budget: int, engine: Any) -> Search:
    sweep = _wandb_sweep(method, task)
    runs: list[dict[str, Any]] = []
    values, costs = [], []
    for _ in range(budget):
        start = time.perf_counter()
        config = engine.next_config(sweep, runs, seed)
        costs.append(time.perf_counter() - start)
        value = task.objective(_unwrap(config))
        values.append(value)
        runs.append({"config": config, "value": value})
    return Search(values, costs)


class _Timed:
    """The task's objective as a tuneflow train function that timestamps every call."""

    def __init__(self, task: Task) -> None:
        self.task = task
        self.values: list[float] = []
        self.costs: list[float] = []
        self._last: float | None = None

    def start(self) -> None:
        self._last = time.perf_counter()

    def __call__(self, config: Mapping[str, Any]) -> float:
        now = time.perf_counter()
        assert self._last is not None
        self.costs.append(now - self._last)
        value = self.task.objective(config)
        self.values.append(value)
        self._last = time.perf_counter()
        return value

    def check(self, result: Any, budget: int) -> None:
        """Raise unless every trial reached the objective: a search whose trials failed before it is
        not the method's search, and must not be recorded as one."""
        if len(self.values) != budget:
            failed = [t.user_attrs for t in result.study.trials if t.state.name == "FAIL"]
            raise RuntimeError(f"{self.task.name}: {len(self.values)} of {budget} trials ran ({failed[:1]})")


def _run_tuneflow(method: str, options: dict[str, Any], task: Task, seed: int, budget: int) -> Search:
    train = _Timed(task)
    recipe = tuneflow.Recipe(
        name=f"bench-{task.name}",
        train=train,
        parameters=dict(task.parameters),
        method=method,
        seed=seed,
        sampler_options=options,
    )
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train.start()
        result = tuneflow.tune(recipe, n_trials=budget, storage="memory", wandb=False, progress=False)
    train.check(result, budget)
    return Search(train.values, train.costs)
