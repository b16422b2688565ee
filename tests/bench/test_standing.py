"""The standing table: one row per verdict block of BENCHMARKS.md, figures from the verdict's own code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bench_import import bench_module
from conftest import REPO_ROOT


@pytest.fixture(scope="module")
def standing() -> Any:
    return bench_module("search.standing")


def _verdict_blocks() -> set[tuple[str, str]]:
    """(half, rule) of every verdict block's heading in BENCHMARKS.md (a block ``verdict-<half>[-<part>]``)."""
    text = (REPO_ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    halves = sorted(bench_module("search.split").HALVES, key=len, reverse=True)  # fresh-full before fresh
    found = set()
    for block, body in re.findall(r"<!-- verdict-([a-z-]+):begin.*?-->(.*?)<!-- verdict-\1:end -->", text, re.S):
        half = next(h for h in halves if block.startswith(h))
        found |= {(half, rule) for rule in re.findall(r"^#### .*: `([a-z0-9-]+)` against W&B's `bayes`", body, re.M)}
    return found


def test_every_verdict_block_has_its_row_and_no_row_is_made_up(standing: Any) -> None:
    rows = {(r.half, r.rule) for r in standing.READINGS}
    assert rows == _verdict_blocks()


def _search(task: str, method: str, seed: int, values: list[float]) -> dict[str, Any]:
    rec = {"kind": "search", "task": task, "family": "synthetic", "method": method, "seed": seed}
    return {**rec, "budget": len(values), "values": values}


def test_a_row_counts_cells_pairs_and_the_aggregate_from_the_files(standing: Any, tmp_path: Path) -> None:
    # branin: auto's best 1.0 at both budgets; W&B's bayes 9.0 (seeds 0-6) or 0.5 (7-9); random 50
    lines = [_search("branin", "wandb-random", s, [50.0] * 20) for s in range(10)]
    lines += [_search("branin", "wandb-bayes", s, [9.0 if s < 7 else 0.5] * 20) for s in range(10)]
    lines += [_search("branin", "auto", s, [1.0] * b) for s in range(10) for b in (10, 20)]
    (tmp_path / "design.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines if r["method"] == "auto"))
    cache = tmp_path / "wandb.jsonl"
    cache.write_text("".join(json.dumps(r) + "\n" for r in lines if r["method"] != "auto"))
    table = standing.render_standing(tmp_path, cache, [standing.Reading("design", "auto", "full", "a test")])
    row = next(line for line in table.splitlines() if line.startswith("| design |"))
    assert row.startswith("| design | full | a test (`auto`) | 1 | 2 / 2 (100%) |")
    assert "| 7 / 3 | 7 / 3 | – | – | @10, @20 of @10, @20 |" in row  # p = 0.34: no star


def test_every_row_reads_a_committed_result_file(standing: Any) -> None:
    missing = [r.path for r in standing.READINGS if not (REPO_ROOT / "bench" / "results" / r.path).is_file()]
    assert not missing


def test_a_row_with_its_own_file_reads_that_file_not_the_halfs(standing: Any, tmp_path: Path) -> None:
    # the half's file: auto worse than W&B at every seed; the later run's file: better at every seed
    wandb = [_search("branin", "wandb-random", s, [50.0] * 20) for s in range(10)]
    wandb += [_search("branin", "wandb-bayes", s, [9.0] * 20) for s in range(10)]
    cache = tmp_path / "wandb.jsonl"
    cache.write_text("".join(json.dumps(r) + "\n" for r in wandb))
    for name, best in (("design.jsonl", 20.0), ("design-later.jsonl", 1.0)):
        lines = [_search("branin", "auto", s, [best] * b) for s in range(10) for b in (10, 20)]
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in lines))
    readings = [
        standing.Reading("design", "auto", "full", "first"),
        standing.Reading("design", "auto", "both", "later", file="design-later.jsonl"),
    ]
    rows = [line for line in standing.render_standing(tmp_path, cache, readings).splitlines() if "| design |" in line]
    assert "| 0 / 10 * | 0 / 10 * |" in rows[0] and "| 10 / 0 * | 10 / 0 * |" in rows[1], rows
