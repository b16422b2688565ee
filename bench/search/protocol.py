"""Issue 16's resumable run: `auto` (full and plain install) against W&B's engine, per budget.

Every search is one JSON line, appended the moment it ends, so the run can be stopped (Ctrl-C,
a session's end) and resumed by running the same command again: what is in the file is skipped.

* W&B's ``bayes`` and ``random`` do not know the budget: one search of the largest budget per
  (task, seed), cached in its own file (``bench/results/wandb.jsonl``), read at every budget
  through its best-so-far curve. The design run and the held-out run share that cache.
* tuneflow's side runs one search per (task, method, seed, budget), as a user asking for b trials
  gets it: ``auto`` sizes its start (and may choose its sampler) by the budget. A budget whose
  choice (sampler and options) is the one a larger budget ran is that search's prefix (the search
  is seeded and deterministic), recorded with ``prefix_of`` instead of being run again.
* Methods: ``auto`` (the full install: as ``tuneflow.tune`` resolves it here, torch installed),
  ``auto-plain`` (the plain install: ``auto`` without torch; since fresh-torch the same rule, as
  ``auto`` no longer reads torch) and the design-half candidates of :mod:`bench.search.candidates`
  (``RULES``) (each a rule with :func:`tuneflow.search.auto.choose`'s signature).
  Every search runs through ``tuneflow.tune(Recipe(method="auto"))`` with the rule in place of
  :func:`tuneflow.search.auto.choose`, so the sampler is built and recorded exactly as for users.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import optuna

import tuneflow
import tuneflow.search.auto as auto_module
from bench.search.methods import _run_wandb, _Timed
from bench.search.tasks import Task, get_task
from tuneflow.search.auto import Choice

__all__ = ["BUDGETS", "Chooser", "auto_as", "choosers", "read_lines", "run"]

BUDGETS = (10, 20, 50, 100)
WANDB = ("wandb-bayes", "wandb-random")
#: what `auto` chooses: (space, n_trials, n_objectives, parallel) -> Choice, as auto.choose.
Chooser = Callable[..., Choice]


_CHOOSE = auto_module.choose  # the real rule, whatever auto_as has in place


def choosers() -> dict[str, Chooser]:
    """Method label -> the rule it runs: ``auto``, ``auto-plain`` and the candidates.

    ``auto-plain`` labels the plain install's searches; since fresh-torch it runs ``auto``'s rule, which
    no longer reads torch (the labels keep older result lines apart).
    """
    from bench.search.candidates import RULES

    return {"auto": _CHOOSE, "auto-plain": _CHOOSE, **RULES}


@contextlib.contextmanager
def auto_as(chooser: Chooser) -> Iterator[None]:
    """``method: auto`` resolves through ``chooser`` meanwhile (the real one for ``auto``)."""
    real = auto_module.choose
    auto_module.choose = chooser  # type: ignore[assignment]  # resolve() looks it up at call time
    try:
        yield
    finally:
        auto_module.choose = real  # type: ignore[assignment]


def _choice(chooser: Chooser, task: Task, budget: int) -> Choice:
    space = tuneflow.Recipe(name="probe", parameters=dict(task.parameters)).search_space
    with auto_as(chooser):
        return auto_module.resolve("auto", space, None, budget, 1)


def _tuneflow_search(chooser: Chooser, task: Task, seed: int, budget: int) -> tuple[list[float], list[float]]:
    train = _Timed(task)
    recipe = tuneflow.Recipe(name=f"bench-{task.name}", train=train, parameters=dict(task.parameters), seed=seed)
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    with warnings.catch_warnings(), auto_as(chooser):
        warnings.simplefilter("ignore")
        train.start()
        result = tuneflow.tune(recipe, n_trials=budget, storage="memory", wandb=False, progress=False)
    train.check(result, budget)
    return train.values, train.costs


Key = tuple[str, str, int, int]


def _load(path: Path) -> dict[Key, dict[str, Any]]:
    out: dict[Key, dict[str, Any]] = {}
    for rec in read_lines(path):
        if rec.get("kind") == "search":
            out[rec["task"], rec["method"], rec["seed"], rec["budget"]] = rec
    return out


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of ``path`` (none if it does not exist); a line cut short by a kill is skipped."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the last line of a run stopped mid-write: that search runs again
    return out


def _append(path: Path, rec: dict[str, Any]) -> None:
    with path.open("a") as sink:
        sink.write(json.dumps(rec) + "\n")


def _record(
    task: Task, method: str, seed: int, budget: int, values: list[float], costs: list[float], wall: float, **extra: Any
) -> dict[str, Any]:
    return {
        "kind": "search",
        "task": task.name,
        "family": task.family,
        "method": method,
        "seed": seed,
        "budget": budget,
        "values": values,
        "suggest_s": [round(c, 5) for c in costs],
        "wall_s": round(wall, 3),
        **extra,
    }


def run(
    tasks: Sequence[str],
    methods: Sequence[str],
    seeds: Sequence[int],
    budgets: Sequence[int],
    out: Path,
    wandb_cache: Path,
    deadline: float | None = None,
    log: Any = sys.stderr,
) -> int:
    """Run every missing search, seed-major (whole seeds first); return how many were run.

    ``out`` holds tuneflow's searches, ``wandb_cache`` W&B's (one per (task, method, seed) at
    ``max(budgets)``). Stops starting searches past ``deadline`` (a ``time.time()``).
    """
    from tests.wandb_engine.engine import EngineSession

    rules = choosers()
    unknown = [m for m in methods if m not in rules]
    if unknown:
        raise SystemExit(f"unknown method(s) {unknown}; known: {', '.join(rules)}")
    for path in (out, wandb_cache):  # a line cut short by a kill must not swallow the next one
        if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            with path.open("a") as sink:
                sink.write("\n")
    done, cached = _load(out), _load(wandb_cache)
    top = max(budgets)
    engine: EngineSession | None = None
    ran = 0
    try:
        for seed in seeds:
            for name in tasks:
                task = get_task(name)
                for method in WANDB:
                    if _cached(cached, name, method, seed, top):
                        continue
                    if deadline is not None and time.time() > deadline:
                        print(f"deadline reached before {name}/{method}/seed {seed}", file=log)
                        return ran
                    engine = engine or EngineSession()
                    start = time.perf_counter()
                    search = _run_wandb(method.removeprefix("wandb-"), task, seed, top, engine)
                    rec = _record(task, method, seed, top, search.values, search.suggest_s, time.perf_counter() - start)
                    cached[name, method, seed, top] = rec
                    _append(wandb_cache, rec)
                    ran += 1
                    _say(log, rec)
                for method in methods:
                    ran_here: dict[tuple[str, str], int] = {}  # (sampler, options) -> budget searched
                    for budget in sorted(budgets, reverse=True):
                        choice = _choice(rules[method], task, budget)
                        sig = (choice.method, json.dumps(choice.to_dict()["options"], sort_keys=True))
                        if _ran_as(done.get((name, method, seed, budget)), choice):
                            ran_here.setdefault(sig, done[name, method, seed, budget].get("prefix_of") or budget)
                            continue
                        if sig in ran_here and (name, method, seed, ran_here[sig]) in done:
                            longer = done[name, method, seed, ran_here[sig]]
                            rec = _record(
                                task,
                                method,
                                seed,
                                budget,
                                longer["values"][:budget],
                                longer["suggest_s"][:budget],
                                0.0,
                                choice=choice.describe(),
                                prefix_of=ran_here[sig],
                            )
                        else:
                            if deadline is not None and time.time() > deadline:
                                print(f"deadline reached before {name}/{method}/seed {seed}/{budget}", file=log)
                                return ran
                            start = time.perf_counter()
                            values, costs = _tuneflow_search(rules[method], task, seed, budget)
                            rec = _record(
                                task,
                                method,
                                seed,
                                budget,
                                values,
                                costs,
                                time.perf_counter() - start,
                                choice=choice.describe(),
                            )
                            ran_here[sig] = budget
                            ran += 1
                        done[name, method, seed, budget] = rec
                        _append(out, rec)
                        _say(log, rec)
    finally:
        if engine is not None:
            engine.close()
    return ran


def _ran_as(rec: dict[str, Any] | None, choice: Choice) -> bool:
    """Whether a recorded search ran the sampler and options ``choice`` names (its line up to the reason).

    A rule changed since the record was written (``auto`` after a change) makes the record stale: it
    is run again, and the new line, appended after it, is the one read.
    """
    return rec is not None and str(rec.get("choice", "")).split(": ", 1)[0] == choice.describe().split(": ", 1)[0]


def _cached(cached: dict[Key, dict[str, Any]], task: str, method: str, seed: int, top: int) -> bool:
    """Whether W&B's (task, method, seed) is cached for ``top`` trials or more (a longer search's prefix serves)."""
    return any((t, m, s) == (task, method, seed) and b >= top for (t, m, s, b) in cached)


def _say(log: Any, rec: dict[str, Any]) -> None:
    how = f"prefix of {rec['prefix_of']}" if rec.get("prefix_of") else f"{rec['wall_s']:.1f} s"
    print(
        f"{rec['task']:32s} {rec['method']:14s} seed {rec['seed']} @{rec['budget']}: best {min(rec['values']):.6g} ({how})",
        file=log,
        flush=True,
    )
