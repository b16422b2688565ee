"""``auto``'s choice as a table: space shape x budget x objectives (the same with torch or without).

Every row is what :func:`tuneflow.search.auto.choose` must return; the reasons behind the rows are the
benchmark cells of BENCHMARKS.md. ``bayes``' mapping (``auto``'s choice on every
install; Optuna's GPSampler only with ``sampler_options``) is checked too.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from tuneflow.search.auto import bayes_choice, choose
from tuneflow.search.space import SearchSpace

FLOATS = {f"x{i}": {"min": 0.0, "max": 1.0} for i in range(6)}
LOG_FLOATS = {"lr": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1e-1}, "wd": {"min": 0.0, "max": 0.1}}
MIXED = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1e-1},
    "depth": {"distribution": "int_uniform", "min": 1, "max": 12},
    "booster": {"values": ["gbdt", "dart"]},
    "model": {"parameters": {"dropout": {"min": 0.0, "max": 0.5}}},
}
SMALL_CATS = {f"op{i}": {"values": ["a", "b", "c", "d", "e"]} for i in range(6)}
LARGE_CAT = {"x": {"min": 0.0, "max": 1.0}, "tokenizer": {"values": [f"t{i}" for i in range(40)]}}
WIDE = {f"x{i}": {"min": 0.0, "max": 1.0} for i in range(30)}
CONSTANTS = {"epochs": {"value": 3}}
INTEGERS = {"depth": {"min": 1, "max": 12}, "leaves": {"distribution": "q_uniform", "min": 8, "max": 64, "q": 8}}

GP = "gp"
ISO_TPE = "isogp+tpe"  # the GP of one length scale after TPE's start, every 3rd from 10 TPE's
MIXED_WIDE = {**MIXED, **{f"x{i}": {"min": 0.0, "max": 1.0} for i in range(20)}}


def _space(block: dict[str, Any] | None) -> SearchSpace | None:
    return None if block is None else SearchSpace.from_parameters(block)


# (space, n_trials, n_objectives) -> (method, n_startup_trials or None)
TABLE = [
    (FLOATS, 100, 1, ISO_TPE, 5),
    (FLOATS, 20, 1, ISO_TPE, 4),
    (FLOATS, 10, 1, ISO_TPE, 2),
    (FLOATS, None, 1, ISO_TPE, 5),
    (LOG_FLOATS, None, 1, ISO_TPE, 5),
    (LOG_FLOATS, 50, 1, ISO_TPE, 5),
    (WIDE, 100, 1, "tpe", 5),  # above 20 parameters: the GP's cost per trial
    (FLOATS, 1000, 1, "tpe", 5),  # above 300 trials: TPE, steadier than the GP at 400
    (SMALL_CATS, 100, 1, ISO_TPE, 5),
    (MIXED, 100, 1, ISO_TPE, 5),
    (MIXED, 20, 1, ISO_TPE, 4),
    (MIXED, 1000, 1, "tpe", 5),
    (INTEGERS, 20, 1, ISO_TPE, 4),
    (INTEGERS, 100, 1, ISO_TPE, 5),
    (LARGE_CAT, 100, 1, "tpe", 5),
    (None, 100, 1, "tpe", 5),
    (None, None, 1, "tpe", 5),
    (FLOATS, 100, 2, "tpe", 10),
    (MIXED, 20, 3, "tpe", 4),
    (FLOATS, None, 2, "tpe", 10),
    (FLOATS, 2000, 2, "nsga2", None),
    (CONSTANTS, 10, 1, "random", None),
    (MIXED_WIDE, 100, 1, "tpe", 5),  # above 20 parameters
]


@pytest.mark.parametrize(("block", "n_trials", "n_objectives", "method", "startup"), TABLE)
def test_auto_choice_table(
    block: dict[str, Any] | None, n_trials: int | None, n_objectives: int, method: str, startup: int | None
) -> None:
    choice = choose(_space(block), n_trials, n_objectives)
    assert choice.method == method, choice.describe()
    assert choice.options.get("n_startup_trials") == startup, choice.describe()
    assert choice.reason and choice.method in choice.describe()
    if method in ("tpe", ISO_TPE) and n_objectives == 1 and block is not None:  # 64 candidates: TPE stands in for GP
        stands_in = block in (FLOATS, LOG_FLOATS, SMALL_CATS, WIDE)
        assert choice.options.get("n_ei_candidates") == (64 if stands_in else None), choice.describe()
        # a heavier prior on mixed and discrete spaces (flat model-as-categorical spaces: issue 16)
        assert choice.options.get("prior_weight") == (3.0 if block in (MIXED, INTEGERS, MIXED_WIDE) else None), (
            choice.describe()
        )
    if method == ISO_TPE:  # the start line names the composition and its rule
        assert choice.options["every"] == 3 and "GP with one length scale" in choice.reason
        assert "every 3rd trial from trial 10 TPE's" in choice.reason
        assert choice.options["local"] == 1000 and "drawn around the best trials" in choice.reason
        assert choice.options["warp"] == "power" and "on power-warped values" in choice.reason
        assert choice.options["ard_from"] == 20 and "from trial 20 one length scale a parameter" in choice.reason
        # budgets of 50 or more end with the endgame: the last fifth at the GP's least predicted loss
        endgame = n_trials is not None and n_trials >= 50
        assert choice.options.get("final") == (n_trials // 5 if endgame else None), choice.describe()
        assert choice.options.get("budget") == (n_trials if endgame else None), choice.describe()
        assert ("least predicted loss among untried points" in choice.reason) == endgame, choice.describe()
        if endgame:
            assert f"its last {n_trials // 5} trials" in choice.reason


def _composition(sampler: Any, start: int) -> None:
    """``sampler`` is ``isogp+tpe``'s composition, its TPE start ``start`` trials long."""
    from tuneflow.search.isotropic import IsotropicGP
    from tuneflow.search.portfolio import Handover, Interleaved

    # trials start..9: the GP; the start and trial 10 on: the inner handover
    assert isinstance(sampler, Handover) and isinstance(sampler.first, IsotropicGP)
    assert (sampler.start, sampler.until) == (start, 10)
    inner = sampler.then
    assert isinstance(inner, Handover) and isinstance(inner.first, Interleaved) and inner.start == 10
    tpe = inner.then  # the random start's sampler, and every 3rd trial's from 10
    assert type(tpe).__name__ == "TPESampler" and inner.first.secondary is tpe
    assert isinstance(inner.first.primary, IsotropicGP) and inner.first.every == 3
    assert (sampler.first._local, inner.first.primary._local) == (0, 1000)  # candidates near the best from trial 10
    assert not sampler.first._exploit and not inner.first.primary._exploit
    assert (sampler.first._ard_from, inner.first.primary._ard_from) == (0, 20)  # one length scale a parameter from 20


def test_auto_builds_the_composition_it_names() -> None:
    from tuneflow.search.methods import make_sampler
    from tuneflow.search.warp import Warped

    space = _space(FLOATS)
    warped = make_sampler(choose(space, 20, 1), space, seed=0)
    assert isinstance(warped, Warped) and warped.how == "power"  # the GP reads warped values (TPE: their order)
    _composition(warped.inner, start=4)  # under 50 trials: no endgame


@pytest.mark.parametrize(("n_trials", "first_trial", "until"), [(50, 0, 40), (100, 0, 80), (50, 30, 70)])
def test_auto_ends_a_budget_of_50_or_more_with_its_endgame(n_trials: int, first_trial: int, until: int) -> None:
    """The budget's last fifth, counted from the study's first trial of this budget, is the endgame GP's."""
    from tuneflow.search.isotropic import IsotropicGP
    from tuneflow.search.methods import make_sampler
    from tuneflow.search.portfolio import Handover

    space = _space(MIXED)
    sampler = make_sampler(choose(space, n_trials, 1), space, seed=0, first_trial=first_trial).inner
    assert isinstance(sampler, Handover) and (sampler.start, sampler.until) == (0, until)
    _composition(sampler.first, start=5)
    endgame = sampler.then
    assert isinstance(endgame, IsotropicGP) and endgame._exploit and endgame._local == 1000


def test_auto_conditional_space_uses_grouped_tpe() -> None:
    choice = choose(None, 50, 1)
    assert choice.options["group"] is True
    assert "define-by-run" in choice.reason


def test_auto_never_imports_torch_and_chooses_the_same_without_it(tmp_path: Any) -> None:
    """One recipe, one search on every install: every row above, chosen in an interpreter where torch
    cannot be imported, is the choice made in one where it can, and choosing never imports torch (~2 s)."""
    import json

    from tests.search.test_recipe import _without_torch

    rows = json.dumps([(block, n, k) for block, n, k, *_ in TABLE])
    body = f"""
        import json, sys
        from tuneflow.search.auto import choose
        from tuneflow.search.space import SearchSpace
        rows = json.loads({rows!r})
        said = [choose(None if b is None else SearchSpace.from_parameters(b), n, k).describe() for b, n, k in rows]
        print(json.dumps([said, "torch" in sys.modules]))
        """
    without = _without_torch(tmp_path, body)
    with_torch = subprocess.run([sys.executable, "-c", textwrap.dedent(body)], capture_output=True, text=True)
    assert without.returncode == 0 and with_torch.returncode == 0, without.stderr + with_torch.stderr
    said_without, _ = json.loads(without.stdout.splitlines()[-1])
    said_with, imported = json.loads(with_torch.stdout.splitlines()[-1])
    assert said_without == said_with and len(said_with) == len(TABLE)
    assert importlib.util.find_spec("torch") is not None and not imported


@pytest.mark.parametrize("block", [FLOATS, SMALL_CATS, MIXED, INTEGERS])
def test_bayes_runs_autos_choice_on_every_install(block: dict[str, Any]) -> None:
    """W&B's ``bayes``: ``auto``'s sampler and options (W&B's GP model with TPE), not Optuna's GPSampler.

    Optuna's GPSampler, which ``bayes`` ran with torch until fresh-general, was behind it there (BENCHMARKS.md).
    """
    choice, auto = bayes_choice(_space(block), 50), choose(_space(block), 50, 1)
    assert choice.method == auto.method == ISO_TPE and choice.options == auto.options
    assert choice.chosen and "W&B's own model" in choice.reason and "torch" not in choice.reason


@pytest.mark.parametrize("parallel", [False, True])
def test_bayes_runs_the_gp_of_one_length_scale_unless_trials_run_in_parallel(parallel: bool) -> None:
    choice = bayes_choice(_space(FLOATS), 50, parallel=parallel)
    assert choice.method == ("tpe" if parallel else ISO_TPE)


@pytest.mark.parametrize("block", [FLOATS, SMALL_CATS, MIXED, INTEGERS])
def test_auto_runs_tpe_with_its_constant_liar_when_trials_run_in_parallel(block: dict[str, Any]) -> None:
    choice = choose(_space(block), 100, 1, parallel=True)
    assert choice.method == "tpe"
    assert "parallel" in choice.reason


@pytest.mark.parametrize(
    ("block", "said"),
    [
        (MIXED, "4 mixed parameters (largest categorical: 2 values), 100 trials; after TPE's random start"),
        (INTEGERS, "2 discrete parameters, 100 trials; after TPE's random start"),
        ({**INTEGERS, "kind": {"values": ["a", "b"]}}, "3 discrete parameters (largest categorical: 2 values)"),
        (FLOATS, "6 continuous parameters, 100 trials; after TPE's random start a GP with one length scale"),
    ],
)
def test_auto_says_what_the_space_is(block: dict[str, Any], said: str) -> None:
    """The line tune prints and W&B records names the space as it is."""
    choice = choose(_space(block), 100, 1)
    assert choice.method == ISO_TPE and choice.reason.startswith(said), choice.reason


LISTS = {"batch": {"values": [64, 16, 32, 128]}, "lr": {"values": [1e-4, 1e-3, 1e-2]}, "act": {"values": ["a", "b"]}}


# (space, method, n_objectives, parallel) -> (method that runs, ordinal set, lists named)
ORDINAL_TABLE = [
    (LISTS, "auto", 1, False, ISO_TPE, True, 2),
    (LISTS, "auto", 1, True, "tpe", True, 2),  # parallel: TPE, still in order
    ({**MIXED, "batch": {"values": [16, 32, 64]}}, "auto", 1, False, ISO_TPE, True, 1),
    (LISTS, "bayes", 1, False, ISO_TPE, True, 2),  # auto's choice
    (LISTS, "auto", 2, False, "tpe", False, 0),  # several metrics: not measured, left as Optuna reads them
    ({"flag": {"values": [0, 1]}, **FLOATS}, "auto", 1, False, ISO_TPE, False, 0),  # 2 values: nothing between
    (SMALL_CATS, "auto", 1, False, ISO_TPE, False, 0),  # text: no order
    (LISTS, "tpe", 1, False, "tpe", False, 0),  # a sampler named by the recipe runs as Optuna's
    (LISTS, "random", 1, False, "random", False, 0),  # W&B's draws, exactly
]


@pytest.mark.parametrize(("block", "method", "n_obj", "parallel", "runs", "ordinal", "lists"), ORDINAL_TABLE)
def test_numeric_values_lists_are_searched_in_order_where_auto_or_bayes_models_them(
    block: dict[str, Any], method: str, n_obj: int, parallel: bool, runs: str, ordinal: bool, lists: int
) -> None:
    from tuneflow.search.auto import resolve

    choice = resolve(method, _space(block), None, 100, n_obj, parallel=parallel)
    assert choice.method == runs
    assert choice.options.get("ordinal", False) is ordinal, choice.describe()
    assert (f"{lists} numeric values list" in choice.reason) is ordinal, choice.reason


@pytest.mark.parametrize(("options", "ordinal"), [({"n_startup_trials": 7}, None), ({"ordinal": True}, True)])
def test_bayes_with_gp_options_searches_lists_in_order_only_when_asked(options: dict[str, Any], ordinal: Any) -> None:
    from tuneflow.search.auto import resolve

    choice = resolve("bayes", _space(LISTS), options, 50, 1)
    assert choice.method == GP and choice.options.get("ordinal") is ordinal


def test_auto_builds_ordinal_around_its_sampler_and_ordinal_reaches_no_optuna_constructor() -> None:
    from tuneflow.search.methods import make_sampler
    from tuneflow.search.ordinal import Ordinal

    space = _space(LISTS)
    sampler = make_sampler(choose(space, 50, 1), space, seed=0)
    assert isinstance(sampler, Ordinal) and type(sampler.inner).__name__ == "Warped"  # isogp+tpe, in order
    assert type(sampler.inner.inner).__name__ == "Handover"
    assert sampler.orders == {"batch": (16, 32, 64, 128), "lr": (1e-4, 1e-3, 1e-2)}
