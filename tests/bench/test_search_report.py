"""The cost table: ``auto``'s seconds per suggestion beside W&B's, from every probe of a cost file."""

from __future__ import annotations

from typing import Any

import pytest
from bench_import import bench_module


@pytest.fixture(scope="module")
def report() -> Any:
    return bench_module("search.report")


def _cost(task: str, method: str, n: int, times: list[float]) -> dict[str, Any]:
    return {"kind": "cost", "task": task, "method": method, "n": n, "suggest_s": times}


def test_each_cell_is_the_mean_of_every_probe_with_the_probes_spread_and_the_ratio(report: Any) -> None:
    records = [
        _cost("hartmann6", "auto", 200, [0.04, 0.05, 0.06]),
        _cost("hartmann6", "wandb-bayes", 200, [0.10, 0.10, 0.10]),
        _cost("hartmann6", "auto", 200, [0.02, 0.02, 0.02]),  # a second probe: both kept, not the last alone
        _cost("hartmann6", "wandb-bayes", 200, [0.06, 0.06, 0.06]),
        _cost("hartmann6", "tpe", 200, [0.001, 0.001, 0.001]),  # neither side: not shown
        _cost("branin", "auto", 10, [0.01]),  # no W&B probe to compare with: no row
    ]
    text = report.render_cost(report.Results(records))
    assert "| hartmann6 | 200 | 0.0350 (0.0200 – 0.0500) | 0.0800 (0.0600 – 0.1000) | 0.44 |" in text
    assert "branin" not in text and "tpe" not in text
    assert "; 2 probe(s) a cell" in text


def test_one_probe_shows_its_mean_alone(report: Any) -> None:
    records = [_cost("branin", "auto", 10, [0.01, 0.03]), _cost("branin", "wandb-bayes", 10, [0.04, 0.04])]
    assert "| branin | 10 | 0.0200 | 0.0400 | 0.50 |" in report.render_cost(report.Results(records))
