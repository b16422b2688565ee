"""The search-quality harness, run for real in its ``--quick`` mode (W&B's engine out of process).

Checks that every (task, method, seed, budget) search of issue 16's protocol ran its budget, that
W&B's searches were cached per (task, seed), that a second run resumes (runs nothing again), that
the numbers are sane for what each task is (never below a known optimum), that the verdict renders
and that the cost probe timed suggestions. Quality itself is BENCHMARKS.md's job, not this test's.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bench_import import bench_module
from conftest import REPO_ROOT
from wandb_engine.engine import engine_python

pytestmark = [pytest.mark.wandb_engine, pytest.mark.slow]

ENTRY = REPO_ROOT / "bench" / "search_quality.py"


def _run_quick(out: Path) -> tuple[float, str]:
    engine_python()  # create the sweeps venv (first use) outside the timed part
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ENTRY), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return elapsed, proc.stdout


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_quick_run_produces_sane_results_and_resumes(tmp_path: Path) -> None:
    tasks = bench_module("search.tasks")
    QUICK_TASKS, TASKS = tasks.QUICK_TASKS, tasks.TASKS
    VERDICT_RULES = bench_module("search_quality").VERDICT_RULES

    out = tmp_path / "quick.jsonl"
    elapsed, stdout = _run_quick(out)
    assert "cells no worse than W&B" in stdout and "plain install" in stdout
    searches = [r for r in _records(out) if r["kind"] == "search"]
    cached = [r for r in _records(tmp_path / "wandb-cache.jsonl") if r["kind"] == "search"]
    want = {(t, m, s, b) for t in QUICK_TASKS for m in VERDICT_RULES for s in range(2) for b in (10, 20)}
    assert {(r["task"], r["method"], r["seed"], r["budget"]) for r in searches} == want
    # W&B's engine does not know the budget: one search of the largest per (task, method, seed)
    assert sorted((r["task"], r["method"], r["seed"], r["budget"]) for r in cached) == sorted(
        (t, m, s, 20) for t in QUICK_TASKS for m in ("wandb-bayes", "wandb-random") for s in range(2)
    )
    for r in searches + cached:
        values = r["values"]
        assert len(values) == r["budget"] and all(math.isfinite(v) for v in values), r
        assert len(r["suggest_s"]) == r["budget"] and all(c >= 0 for c in r["suggest_s"])
        best = TASKS[r["task"]].best
        if best is not None:  # an exact optimum: nobody goes below it
            assert min(values) >= best - 1e-6, (r["task"], r["method"], min(values))
    assert all(r["choice"].startswith(("gp+tpe(", "gp(", "tpe(", "isogp+tpe(")) for r in searches), "auto's choice"
    plain = [r["choice"] for r in searches if r["method"] == "auto-plain"]
    # the plain install has no Optuna GP: TPE, or the GP of one length scale with TPE
    assert all(c.startswith(("tpe(", "isogp+tpe(")) for c in plain), plain
    branin = [min(r["values"]) for r in searches + cached if r["task"] == "branin" and r["budget"] == 20]
    assert max(branin) < 30.0  # 20 trials of any method beat Branin's median random draw (~46)
    costs = [r for r in _records(out) if r["kind"] == "cost"]
    assert {(r["method"], r["n"]) for r in costs} == {(m, n) for m in ("wandb-bayes", "auto") for n in (10, 50)}
    assert all(0 < c < 60 for r in costs for c in r["suggest_s"])
    # the harness's own budget: under a minute on an idle 2-core machine, more under load
    assert elapsed < 300, f"--quick took {elapsed:.0f} s"

    with out.open("a") as sink:  # a run killed mid-write leaves a line cut short
        sink.write('{"kind": "search", "task": "bran')
    _run_quick(out)  # a second run resumes: every search is already there
    from bench.search.protocol import read_lines

    again = [r for r in read_lines(out) if r["kind"] == "search"]
    assert len(again) == len(searches)
    assert len(_records(tmp_path / "wandb-cache.jsonl")) == len(cached)


@pytest.mark.parametrize(
    ("recorded", "runs", "fresh"),
    [
        ("tpe(n_startup_trials=5): a reason", {"n_startup_trials": 5}, True),
        ("tpe(n_startup_trials=5): a reason", {"n_startup_trials": 5, "ordinal": True}, False),  # the rule changed
        ("tpe(n_startup_trials=4): a reason", {"n_startup_trials": 5}, False),
        (None, {"n_startup_trials": 5}, False),  # not run yet
    ],
)
def test_a_recorded_search_counts_only_for_the_rule_that_ran_it(
    recorded: str | None, runs: dict[str, Any], fresh: bool
) -> None:
    from tuneflow.search.auto import Choice

    ran_as = bench_module("search.protocol")._ran_as
    rec = None if recorded is None else {"choice": recorded}
    assert ran_as(rec, Choice("tpe", runs, "another reason, worded anew")) is fresh
