"""``Warped``: the values a GP reads, warped so one diverged trial does not flatten the rest."""

from __future__ import annotations

from typing import Any

import numpy as np
import optuna
import pytest
from optuna.distributions import BaseDistribution
from optuna.study import Study
from optuna.trial import FrozenTrial

import tuneflow
from tuneflow.search.auto import Choice
from tuneflow.search.methods import make_sampler
from tuneflow.search.warp import WARPS, Warped, warp_losses

#: losses of a diverging SGD: most between 4 and 12, two runs at 1e11
HEAVY = np.array([4.03, 4.9, 5.4, 11.8, 2e11, 6.1, 4.5, 4e11, 7.7, 10.2])


@pytest.mark.parametrize("how", WARPS)
def test_a_warp_keeps_the_order_of_the_losses(how: str) -> None:
    warped = warp_losses(HEAVY, how)
    assert np.array_equal(np.argsort(warped, kind="stable"), np.argsort(HEAVY, kind="stable"))


@pytest.mark.parametrize("how", WARPS)
def test_a_warp_keeps_the_good_losses_apart_where_standardizing_crushes_them(how: str) -> None:
    good = HEAVY < 100
    standardized = (HEAVY - HEAVY.mean()) / HEAVY.std()
    assert np.std(standardized[good]) < 1e-9  # the model's view without a warp: one value
    assert np.std(warp_losses(HEAVY, how)[good]) > 0.1


def test_rank_is_the_gaussian_copula_with_ties_sharing_a_rank() -> None:
    from scipy.stats import norm

    warped = warp_losses(np.array([3.0, 1.0, 2.0, 2.0]), "rank")
    assert warped == pytest.approx(norm.ppf(np.array([3.5, 0.5, 2.0, 2.0]) / 4))


@pytest.mark.parametrize("how", WARPS)
@pytest.mark.parametrize("losses", [[5.0], [2.0, 2.0, 2.0]])
def test_nothing_to_warp_passes_through(how: str, losses: list[float]) -> None:
    assert warp_losses(np.array(losses), how).tolist() == losses


def test_power_on_losses_already_normal_changes_little() -> None:
    losses = np.random.default_rng(0).normal(10.0, 1.0, 200)
    standardized = (losses - losses.mean()) / losses.std()
    assert np.corrcoef(warp_losses(losses, "power"), standardized)[0, 1] > 0.99


@pytest.mark.parametrize("losses", [[1.0, 2.0, 1e300, 1e308], [-1e308, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 1e200]])
def test_power_where_no_power_fits_keeps_the_order_as_ranks(losses: list[float]) -> None:
    warped = warp_losses(np.array(losses), "power")
    assert warped == pytest.approx(warp_losses(np.array(losses), "rank"))


def test_an_unknown_warp_is_an_error() -> None:
    with pytest.raises(ValueError, match="warp is one of rank, power"):
        warp_losses(HEAVY, "log")


class _Seeing(optuna.samplers.RandomSampler):
    """A real random sampler that records the values of the finished trials it models from."""

    def __init__(self) -> None:
        super().__init__(seed=0)
        self.seen: list[list[float]] = []

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        return {"x": optuna.distributions.FloatDistribution(0.0, 1.0)}

    def sample_relative(self, study: Study, trial: FrozenTrial, space: dict[str, BaseDistribution]) -> dict[str, Any]:
        done = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
        self.seen.append([t.values[0] for t in done])
        return super().sample_relative(study, trial, space)


@pytest.mark.parametrize("direction", ["minimize", "maximize"])
def test_the_wrapped_sampler_reads_warped_values_and_the_study_keeps_the_true_ones(direction: str) -> None:
    inner = _Seeing()
    study = optuna.create_study(direction=direction, sampler=Warped(inner, "rank"))
    returned = [3.0, 1e12, 1.0, 2.0, 5.0]
    for value in returned:
        trial = study.ask()
        trial.suggest_float("x", 0.0, 1.0)
        study.tell(trial, value)
    assert [t.value for t in study.trials] == returned
    last = inner.seen[-1]  # what it read when proposing the fifth trial: the first four, warped
    assert len(last) == 4 and max(abs(v) for v in last) < 2
    sign = 1 if direction == "minimize" else -1
    assert np.argsort(sign * np.array(last)).tolist() == np.argsort(sign * np.array(returned[:4])).tolist()
    assert study.best_value == (1.0 if direction == "minimize" else 1e12)


def test_two_objectives_pass_through_unwarped() -> None:
    inner = _Seeing()
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=Warped(inner, "power"))
    for value in ([1.0, 2.0], [1e9, 3.0], [4.0, 5.0]):
        trial = study.ask()
        trial.suggest_float("x", 0.0, 1.0)
        study.tell(trial, value)
    assert study.get_trials(deepcopy=False)[1].values == [1e9, 3.0]


@pytest.mark.parametrize("method", ["gp", "isogp+tpe"])
def test_make_sampler_wraps_a_gp_with_its_warp_and_it_searches(method: str) -> None:
    options = {"n_startup_trials": 3, "warp": "power", **({"every": 3} if method == "isogp+tpe" else {})}
    sampler = make_sampler(Choice(method, options, "", chosen=True), None, seed=1)
    assert isinstance(sampler, Warped) and sampler.how == "power"
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: 10 ** (6 * t.suggest_float("x", 0.0, 1.0)), n_trials=12)
    assert study.best_value < 10 ** (6 * 0.3)


@pytest.mark.parametrize(("method", "value"), [("tpe", "log"), ("random", "rank"), ("qmc", "power"), ("gp", True)])
def test_warp_elsewhere_or_unknown_is_a_recipe_error(method: str, value: Any) -> None:
    with pytest.raises(tuneflow.RecipeError, match="'warp' is one of rank, power, for gp and bayes with one metric"):
        tuneflow.Recipe(
            name="w",
            train=lambda c: 0.0,
            parameters={"x": {"min": 0.0, "max": 1.0}},
            method=method,
            sampler_options={"warp": value},
        )
