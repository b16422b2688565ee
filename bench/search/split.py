"""The design / held-out split of the benchmark's tasks, by problem, drawn once and committed.

``auto``'s rules are chosen on the *design* half only; BENCHMARKS.md's verdict is the *held-out*
half. The split lives in ``bench/search/split.json`` (seed, and every task with its problem,
family and half); it was drawn once by :func:`draw` and is never redrawn: a task added later gets
its half by hand in the file, and tests/bench/test_split.py checks the rules and a checksum of the
list, so a change to it is never silent.

Rules (issue 16):

* by problem, not by task: every dimension of one BBOB function, both typings of one table, every
  space on one dataset share a half;
* a task added for a shape issue 16 named (``Task.shape``) is held out, with its whole problem;
* the remaining problems of each family are shuffled with the seed and dealt to whichever half has
  fewer problems of that family (design first on a tie), so every family has both halves;
* at least 15 problems per half.

A task added with a fixed half (``Task.half``: the *fresh* half of :mod:`bench.search.fresh`,
written after the held-out verdict was read, and the *fresh-values* half of
:mod:`bench.search.fresh_values`, written after the fresh verdict was read, and the *fresh-flat* half of
:mod:`bench.search.fresh_flat`, written after fresh-values was read, and the *fresh-start* half of
:mod:`bench.search.fresh_start`, written after fresh-flat was read, and the *fresh-bounds* half of
:mod:`bench.search.fresh_bounds`, written after fresh-start was read, and the *fresh-early* half of
:mod:`bench.search.fresh_early`, written after fresh-bounds was read, and the *fresh-continuous* half of
:mod:`bench.search.fresh_continuous`, written after fresh-early was read, and the *fresh-mixed* half of
:mod:`bench.search.fresh_mixed`, written after fresh-continuous was read, and the *fresh-full* half of
:mod:`bench.search.fresh_full`, written after fresh-mixed was read, and the *fresh-local* half of
:mod:`bench.search.fresh_local`, written after fresh-full was read, and the *fresh-warp* half of
:mod:`bench.search.fresh_warp`, written after fresh-local was read, and the *fresh-torch* half of
:mod:`bench.search.fresh_torch`, written after fresh-warp was read, and the *fresh-average* half of
:mod:`bench.search.fresh_average`, written after fresh-torch was read, and the *fresh-categorical* half of
:mod:`bench.search.fresh_categorical`, written after fresh-average was read, and the *fresh-prior* half of
:mod:`bench.search.fresh_prior`, written after fresh-categorical was read, and the *fresh-general* half of
:mod:`bench.search.fresh_general`, written after fresh-prior was read, and the *fresh-schedule* half of
:mod:`bench.search.fresh_schedule`, written after fresh-general was read, and the *fresh-varied* half of
:mod:`bench.search.fresh_varied`, written after fresh-schedule was read, and the *fresh-spread* half of
:mod:`bench.search.fresh_spread`, written after fresh-varied was read, and the *fresh-broad* half of
:mod:`bench.search.fresh_broad`, written after fresh-spread was read, and the *fresh-range* half of
:mod:`bench.search.fresh_range`, written while fresh-broad was being read, and the *fresh-wide* half of
:mod:`bench.search.fresh_wide`, written while fresh-range was being read) is not drawn: it keeps that half, and the
checksum of the design and held-out rows stays the one drawn from the seed.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.search.tasks import TASKS, Task

__all__ = [
    "DESIGN",
    "FRESH",
    "FRESH_AVERAGE",
    "FRESH_BOUNDS",
    "FRESH_BROAD",
    "FRESH_CATEGORICAL",
    "FRESH_CONTINUOUS",
    "FRESH_EARLY",
    "FRESH_FLAT",
    "FRESH_FULL",
    "FRESH_GENERAL",
    "FRESH_LOCAL",
    "FRESH_MIXED",
    "FRESH_PRIOR",
    "FRESH_RANGE",
    "FRESH_SCHEDULE",
    "FRESH_SPREAD",
    "FRESH_START",
    "FRESH_TORCH",
    "FRESH_VALUES",
    "FRESH_VARIED",
    "FRESH_WARP",
    "FRESH_WIDE",
    "HALVES",
    "HELD_OUT",
    "MIN_PROBLEMS",
    "SPLIT_FILE",
    "checksum",
    "draw",
    "load",
    "problems",
    "problems_of_split",
    "tasks_in",
]

SPLIT_FILE = Path(__file__).with_name("split.json")
DESIGN, HELD_OUT, FRESH, FRESH_VALUES, FRESH_FLAT = "design", "held-out", "fresh", "fresh-values", "fresh-flat"
FRESH_START, FRESH_BOUNDS, FRESH_EARLY = "fresh-start", "fresh-bounds", "fresh-early"
FRESH_CONTINUOUS, FRESH_MIXED, FRESH_FULL, FRESH_LOCAL = "fresh-continuous", "fresh-mixed", "fresh-full", "fresh-local"
FRESH_WARP, FRESH_TORCH, FRESH_AVERAGE = "fresh-warp", "fresh-torch", "fresh-average"
FRESH_CATEGORICAL = "fresh-categorical"
FRESH_PRIOR = "fresh-prior"
FRESH_GENERAL = "fresh-general"
FRESH_SCHEDULE = "fresh-schedule"
FRESH_VARIED = "fresh-varied"
FRESH_SPREAD = "fresh-spread"
FRESH_BROAD = "fresh-broad"
FRESH_RANGE = "fresh-range"
FRESH_WIDE = "fresh-wide"
HALVES = (
    DESIGN,
    HELD_OUT,
    FRESH,
    FRESH_VALUES,
    FRESH_FLAT,
    FRESH_START,
    FRESH_BOUNDS,
    FRESH_EARLY,
    FRESH_CONTINUOUS,
    FRESH_MIXED,
    FRESH_FULL,
    FRESH_LOCAL,
    FRESH_WARP,
    FRESH_TORCH,
    FRESH_AVERAGE,
    FRESH_CATEGORICAL,
    FRESH_PRIOR,
    FRESH_GENERAL,
    FRESH_SCHEDULE,
    FRESH_VARIED,
    FRESH_SPREAD,
    FRESH_BROAD,
    FRESH_RANGE,
    FRESH_WIDE,
)
MIN_PROBLEMS = 15
#: the seed the split was drawn with (committed with the list; never redrawn).
SEED = 16


def draw(tasks: Mapping[str, Task], seed: int = SEED) -> dict[str, Any]:
    """Draw the split by the rules above: ``{"seed", "tasks": [{name, problem, family, half, shape}]}``."""
    by_family: dict[str, set[str]] = defaultdict(set)
    forced: set[str] = set()
    fixed = {t.problem: t.half for t in tasks.values() if t.half}
    for t in tasks.values():
        if t.half:
            continue
        by_family[t.family].add(t.problem)
        if t.shape:
            forced.add(t.problem)
    half: dict[str, str] = {**fixed, **{p: HELD_OUT for p in forced}}
    rng = random.Random(seed)
    for family in sorted(by_family):
        free = sorted(by_family[family] - forced)
        rng.shuffle(free)
        count = {DESIGN: 0, HELD_OUT: len(by_family[family] & forced)}
        for problem in free:
            side = DESIGN if count[DESIGN] <= count[HELD_OUT] else HELD_OUT
            half[problem] = side
            count[side] += 1
    rows = [
        {"name": t.name, "problem": t.problem, "family": t.family, "half": half[t.problem], "shape": t.shape}
        for t in tasks.values()
    ]
    return {"seed": seed, "tasks": rows}


def load(path: Path = SPLIT_FILE) -> dict[str, Any]:
    """The committed split."""
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def checksum(split: Mapping[str, Any], halves: tuple[str, ...] = (DESIGN, HELD_OUT)) -> str:
    """sha256 of the seed and the (name, problem, family, half) rows of ``halves``, sorted: what must never change silently."""
    rows = sorted((r["name"], r["problem"], r["family"], r["half"]) for r in split["tasks"] if r["half"] in halves)
    return hashlib.sha256(json.dumps([split["seed"], rows]).encode()).hexdigest()


def tasks_in(half: str, split: Mapping[str, Any] | None = None) -> list[str]:
    """Task names of one half, in the order of :data:`TASKS`."""
    rows = (split or load())["tasks"]
    names = {r["name"] for r in rows if r["half"] == half}
    return [n for n in TASKS if n in names]


def problems(half: str, split: Mapping[str, Any] | None = None) -> set[str]:
    return {r["problem"] for r in (split or load())["tasks"] if r["half"] == half}


def problems_of_split(split: Mapping[str, Any], tasks: Mapping[str, Task]) -> list[str]:
    """Every rule the split breaks (empty when it holds), checked against the task registry."""
    out: list[str] = []
    rows = {r["name"]: r for r in split["tasks"]}
    if set(rows) != set(tasks):
        out.append(
            f"split.json and TASKS differ: only in split {sorted(set(rows) - set(tasks))}, "
            f"only in TASKS {sorted(set(tasks) - set(rows))}"
        )
    halves: dict[str, set[str]] = defaultdict(set)
    for name, r in rows.items():
        halves[r["problem"]].add(r["half"])
        t = tasks.get(name)
        if t is None:
            continue
        if (t.problem, t.family) != (r["problem"], r["family"]):
            out.append(f"{name}: split says problem {r['problem']}/{r['family']}, TASKS {t.problem}/{t.family}")
        if t.half and r["half"] != t.half:
            out.append(f"{name}: added to the {t.half} half but in the {r['half']} half")
        if t.shape and r["half"] != HELD_OUT:
            out.append(f"{name}: added for an issue-16 shape ({t.shape}) but in the {r['half']} half")
    out += [f"problem {p} is in both halves" for p, h in halves.items() if len(h) > 1]
    for side in (DESIGN, HELD_OUT):
        n = len({r["problem"] for r in rows.values() if r["half"] == side})
        if n < MIN_PROBLEMS:
            out.append(f"the {side} half has {n} problems, fewer than {MIN_PROBLEMS}")
    return out
