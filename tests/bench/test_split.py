"""The design / held-out split of the search benchmark: the rules hold, and the list never changes silently.

``auto``'s rules are chosen on the design half; the held-out half is the verdict. A task moved
between halves, renamed, added or dropped changes the checksum below, so such a change has to be
made on purpose (the checksum updated in the same commit, the reason in its message).
"""

from __future__ import annotations

import pytest
from bench_import import bench_module

#: sha256 of the committed split's design and held-out rows (bench/search/split.py: checksum); changes only on purpose.
SPLIT_CHECKSUM = "55f99312874a22505d301d329c344b18599b17e6b487e6ed7acf0a65736b9115"
#: sha256 of each half added with its tasks fixed to it, after the halves before it were read:
#: fresh (bench/search/fresh.py), fresh-values, fresh-flat, fresh-start, fresh-bounds, fresh-early, fresh-continuous,
#: fresh-mixed, fresh-full, fresh-local, fresh-warp, fresh-torch, fresh-average, fresh-categorical, fresh-prior,
#: fresh-general, fresh-schedule, fresh-varied, fresh-spread, fresh-broad, fresh-range and fresh-wide (fresh_*.py).
FIXED_CHECKSUMS = {
    "fresh": "a1f02ce0fb0a2a22681e51e5d7ca999e1e4b93e6ef53c9a4ae5a12d0ae95f20a",
    "fresh-values": "b488eccba1f2bccd2f86a169e3d28055c8291bfda5fba1a6787513b8e5c87f1d",
    "fresh-flat": "4da9da8659becf0a46d636d7075fcbb83ed4533388741a35c9d68afe8cb7411a",
    "fresh-start": "9b8a718e83b2ada51167c0035043261b66f10b0d93a3fe95d475567fd5ef74c0",
    "fresh-bounds": "bc4ab653de8ece9d98c33facf50da0f48b773dca1865e8001c7002d2f157c26c",
    "fresh-early": "f3827c657e92da56755162d638c0c24c234a040262f0fa5257a3dd510b33c409",
    "fresh-continuous": "e78563ee8a10855ac15fd4e1b01cac26ffaac75110e55fb63c2e69b3e244507a",
    "fresh-mixed": "4e390e124c002c11d203f7e94e6364af0c92e739285323caf51741c62d302354",
    "fresh-full": "65102bad35aa49d33914a464aff3cb136a2e25dcfbc557d24fef98914c2ce042",
    "fresh-local": "bb035d3e3a978b9d7b1a826d17bae3352d96618b5122cc35c8465f38c08865e5",
    "fresh-warp": "5d0ca02ca98a0d6a5deafcf6f56fd03d8d7d41205f0373901aca9c156b0ef9c0",
    "fresh-torch": "3d4108ce35db2f1adefd81f6048e4f1f3e457468157a303fbdaf35ef0edc833b",
    "fresh-average": "5158810ba05fda9148db54c445944e8cfec9c11de64389c7a3c209b22948344a",
    "fresh-categorical": "73bb38b3e00e7afc18a8aaa6961b3611f691dbe94c76c9783f2fa71002deea87",
    "fresh-prior": "e1ad24757695d1664e3e31716fa108430b24617e17841c3229b088eb6c32c1e3",
    "fresh-general": "f72dc928aee094a8df52cea782827d57ed9f10d4549c075d4b96496cb6f55d03",
    "fresh-schedule": "7a907e66c92d10f0589e54ada447504f4acf9b16d4b1f6786a5966eec7d89748",
    "fresh-varied": "fe0fa919b6c6815f3aaca503900ec6dbc82e6f3cd28af9331c23c74b801b33c7",
    "fresh-spread": "90fd1e7fafb36b686dc752786b8521738c8175b2e98f837fa0f44dc076cd4bcd",
    "fresh-broad": "282c8a64fc6d646b7bc079fd2d7aa048199cc3ae2d9db5370fb5220ef7b5961b",
    "fresh-range": "82fba237ecac5b033ae9b1ce964ab093dd48442a94986e47a586901043f5396d",
    "fresh-wide": "8b9865a2fa4733da17c4f9cc73a8129b2c5a5b7463b3539794986798d24e4d1d",
}
#: the fewest problems each fixed half holds (the halves after fresh each ask one question).
FIXED_MIN_PROBLEMS = {
    "fresh": 15,
    "fresh-values": 11,
    "fresh-flat": 6,
    "fresh-start": 12,
    "fresh-bounds": 13,
    "fresh-early": 19,
    "fresh-continuous": 16,
    "fresh-mixed": 19,
    "fresh-full": 28,
    "fresh-local": 20,
    "fresh-warp": 20,
    "fresh-torch": 20,
    "fresh-average": 20,
    "fresh-categorical": 20,
    "fresh-prior": 20,
    "fresh-general": 20,
    "fresh-schedule": 20,
    "fresh-varied": 20,
    "fresh-spread": 20,
    "fresh-broad": 20,
    "fresh-range": 20,
    "fresh-wide": 20,
}


@pytest.fixture(scope="module")
def registry() -> dict[str, object]:
    return dict(bench_module("search.tasks").TASKS)


def test_committed_split_follows_the_rules(registry: dict[str, object]) -> None:
    from bench.search.split import load, problems_of_split

    assert problems_of_split(load(), registry) == []  # type: ignore[arg-type]


def test_committed_split_is_the_one_drawn_from_its_seed_and_never_changes_silently(registry: dict[str, object]) -> None:
    from bench.search.split import checksum, draw, load

    split = load()
    assert checksum(split) == SPLIT_CHECKSUM
    assert checksum(draw(registry, split["seed"])) == SPLIT_CHECKSUM  # type: ignore[arg-type]


@pytest.mark.parametrize("half", sorted(FIXED_CHECKSUMS))
def test_a_fixed_half_shares_no_problem_with_the_others_and_never_changes_silently(
    registry: dict[str, object], half: str
) -> None:
    from bench.search.split import HALVES, checksum, draw, load, problems

    split = load()
    assert checksum(split, (half,)) == FIXED_CHECKSUMS[half]
    assert checksum(draw(registry, split["seed"]), (half,)) == FIXED_CHECKSUMS[half]  # type: ignore[arg-type]
    own = problems(half, split)
    assert len(own) >= FIXED_MIN_PROBLEMS[half]
    others = set().union(*(problems(h, split) for h in HALVES if h != half))
    assert not own & others


def test_rules_catch_a_problem_split_across_halves_and_a_shape_task_in_the_design_half(
    registry: dict[str, object],
) -> None:
    from bench.search.split import DESIGN, load, problems_of_split

    split = load()
    rows = [dict(r) for r in split["tasks"]]
    bbob = next(r for r in rows if r["problem"].startswith("bbob-"))
    bbob["half"] = "held-out" if bbob["half"] == DESIGN else DESIGN
    shaped = next(r for r in rows if r["shape"])
    shaped["half"] = DESIGN
    found = problems_of_split({**split, "tasks": rows}, registry)  # type: ignore[arg-type]
    assert any(f"problem {bbob['problem']} is in both halves" in p for p in found), found
    assert any(shaped["name"] in p and "design half" in p for p in found), found
