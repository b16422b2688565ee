"""The verdict's scale line (W&B's ``bayes`` against itself, its seeds dealt into two halves) and its paired count."""

from __future__ import annotations

from typing import Any

import pytest
from bench_import import bench_module


@pytest.fixture(scope="module")
def verdict_module() -> Any:
    return bench_module("search.verdict")


def _search(method: str, seed: int, values: list[float]) -> dict[str, Any]:
    rec = {"kind": "search", "task": "branin", "family": "synthetic", "method": method, "seed": seed}
    return {**rec, "budget": len(values), "values": values}


def _records(bayes: dict[int, list[float]]) -> list[dict[str, Any]]:
    random = [_search("wandb-random", s, [50.0 + s] * 20) for s in range(10)]
    mine = [_search("auto", s, [1.0] * b) for s in range(10) for b in (10, 20)]
    return [*random, *mine, *(_search("wandb-bayes", s, v) for s, v in bayes.items())]


def test_identical_searches_tie_in_every_cell(verdict_module: Any) -> None:
    v = verdict_module.Verdict(_records({s: [10.0] * 20 for s in range(10)}))
    assert v.twin_share(["branin"]) == (1.0, 1.0, 1.0, 5)


def test_seeds_that_differ_split_the_cells_and_the_figures_repeat(verdict_module: Any) -> None:
    bayes = {s: [10.0 + 3 * s] * 20 for s in range(10)}  # every seed a different best: no ties
    v = verdict_module.Verdict(_records(bayes))
    mean, low, high, per_side = v.twin_share(["branin"])
    assert low < mean < high and per_side == 5  # some splits favour one side, some the other
    assert v.twin_share(["branin"]) == (mean, low, high, per_side)  # seeded splits


def test_too_few_seeds_give_no_scale(verdict_module: Any) -> None:
    v = verdict_module.Verdict(_records({s: [10.0] * 20 for s in range(3)}))
    assert v.twin_share(["branin"]) is None


def test_paired_count_matches_seeds_and_the_sign_test(verdict_module: Any) -> None:
    # auto's best is 1.0 everywhere; W&B's is below it for seeds 0-2, equal for 3, above for 4-9
    bayes = {s: [0.5] * 20 if s < 3 else [1.0] * 20 if s == 3 else [9.0] * 20 for s in range(10)}
    v = verdict_module.Verdict(_records(bayes))
    assert v.paired(["branin"], "auto", 10) == (6, 3, 1)
    assert v.paired(["branin"], "auto", 20) == (6, 3, 1)
    assert "@10 6 / 3 / 1 (p = 0.51)" in v.render(["branin"], "auto", "t")


@pytest.mark.parametrize(
    ("better", "worse", "p"),
    [(0, 0, 1.0), (5, 5, 1.0), (6, 3, 0.5078125), (10, 0, 2 / 2**10), (0, 10, 2 / 2**10), (60, 40, 0.0569)],
)
def test_sign_test_is_the_exact_two_sided_binomial(verdict_module: Any, better: int, worse: int, p: float) -> None:
    assert verdict_module.sign_test(better, worse) == pytest.approx(p, abs=5e-5)


def test_paired_count_by_trial_reads_both_searches_at_that_trial(verdict_module: Any) -> None:
    # W&B's searches reach 0.5 at trial 15: better than auto's 1.0 from there, worse before
    bayes = {s: [9.0] * 14 + [0.5] * 6 for s in range(10)}
    v = verdict_module.Verdict(_records(bayes))
    assert v.paired(["branin"], "auto", 20, at=10) == (10, 0, 0)
    assert v.paired(["branin"], "auto", 20, at=15) == (0, 10, 0)
    assert v.paired(["branin"], "auto", 20) == (0, 10, 0)


def test_two_rules_head_to_head_and_the_pooled_table(verdict_module: Any) -> None:
    records = _records({s: [9.0] * 20 for s in range(10)})
    records += [_search("rival-rule", s, [0.5 if s < 7 else 2.0] * b) for s in range(10) for b in (10, 20)]
    v = verdict_module.Verdict(records)
    assert v.paired(["branin"], "rival-rule", 10, against="auto") == (7, 3, 0)
    table = verdict_module.render_pooled([("design", v, ["branin"])], ["rival-rule"], against="auto")
    assert "`rival-rule` against `auto`" in table and "| of that budget | 7 / 3 (70%, p = 0.34)" in table


def test_a_rule_run_at_some_budgets_is_judged_at_those_only(verdict_module: Any) -> None:
    """A half whose tasks ran different budgets (fresh-full: continuous tasks at 10 only) renders a rule's
    own budgets: no 'NOT ahead' for a budget it never ran."""
    records = [*_records({s: [9.0] * 20 for s in range(10)}), *(_search("short", s, [1.0] * 10) for s in range(10))]
    text = verdict_module.Verdict(records).render(["branin"], "short", "t")
    assert "budgets 10." in text and "- aggregate and every family ahead: @10 ahead\n" in text
    assert "@20" not in text and "seeds per cell 10-10" in text


def test_resampled_share_of_a_rule_whose_every_seed_wins_stays_at_the_observed_share(verdict_module: Any) -> None:
    v = verdict_module.Verdict(_records({s: [10.0] * 20 for s in range(10)}))  # auto's 1.0 beats W&B's 10.0 everywhere
    assert verdict_module.resampled_share([(v, ["branin"])], "auto", draws=50) == (1.0, 1.0, 1.0, 1.0, 50, 2)


def test_resampled_share_spreads_when_the_rules_seeds_straddle_w_and_bs_median(verdict_module: Any) -> None:
    records = [r for r in _records({s: [10.0] * 20 for s in range(10)}) if r["method"] != "auto"]
    # auto: 5 seeds far better than W&B's 10.0, 5 far worse, so its median, and the cell, turn on the draw
    records += [_search("auto", s, [1.0 if s < 5 else 40.0] * b) for s in range(10) for b in (10, 20)]
    v = verdict_module.Verdict(records)
    observed, low, mid, high, at_target, cells = verdict_module.resampled_share([(v, ["branin"])], "auto", draws=200)
    assert cells == 2 and observed == 0.0  # the median of 1.0 x 5 and 40.0 x 5 is 20.5: behind W&B's 10.0
    assert low == 0.0 and high == 1.0  # some draws hold more of the good seeds, some fewer
    assert 0 < at_target < 200  # the draws with both cells won
    again = verdict_module.resampled_share([(v, ["branin"])], "auto", draws=200)
    assert again[1:] == (low, mid, high, at_target, cells)  # seeded
