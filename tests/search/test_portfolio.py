"""``Interleaved`` and ``CentreFirst``: which sampler proposes which trial, in a real Optuna study."""

from __future__ import annotations

from typing import Any

import optuna
import pytest
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution

import tuneflow
from tuneflow.search.portfolio import CentreFirst, Interleaved, centre_of


def _secondary_trials(every: int, start: int, n: int) -> list[int]:
    """Trials the secondary proposed: it always proposes x = 42, the primary draws x from [0, 100]."""
    secondary = optuna.samplers.PartialFixedSampler({"x": 42.0}, optuna.samplers.RandomSampler(seed=1))
    sampler = Interleaved(optuna.samplers.RandomSampler(seed=0), secondary, every=every, start=start)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", 0.0, 100.0), n_trials=n)
    return [t.number for t in study.trials if t.params["x"] == 42.0]


@pytest.mark.parametrize(("every", "start", "expected"), [(3, 4, [6, 9, 12, 15]), (2, 0, [1, 3, 5, 7, 9, 11, 13, 15])])
def test_every_nth_trial_after_the_start_is_the_secondarys(every: int, start: int, expected: list[int]) -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    assert _secondary_trials(every, start, 16) == expected


def test_every_must_leave_trials_to_the_primary() -> None:
    with pytest.raises(ValueError, match="every must be at least 2"):
        Interleaved(optuna.samplers.RandomSampler(), optuna.samplers.RandomSampler(), every=1, start=0)


@pytest.mark.parametrize(
    ("dist", "centre"),
    [
        (FloatDistribution(0.0, 1.0), 0.5),
        (FloatDistribution(1e-4, 1.0, log=True), 0.01),  # geometric: the middle of the exponents
        (FloatDistribution(0.0, 0.9, step=0.3), 0.6),  # on the step grid: 0.45 -> 0.6 (round half to even)
        (IntDistribution(1, 10), 5),
        (IntDistribution(1, 1024, log=True), 32),
        (IntDistribution(0, 100, step=25), 50),
        (CategoricalDistribution([512, 16, 64, 32, 128]), 64),  # the middle value in sorted order
        (CategoricalDistribution([16, 32, 64, 128]), 32),  # an even count: the lower middle
        (CategoricalDistribution(["adam", "sgd", "rmsprop"]), None),  # no order, no middle
        (CategoricalDistribution([1, 2]), None),  # two values have no "between"
        (CategoricalDistribution([True, False, None]), None),
    ],
)
def test_centre_of_each_distribution(dist: BaseDistribution, centre: Any) -> None:
    got = centre_of(dist)
    assert got == pytest.approx(centre) if centre is not None else got is None
    if got is not None:
        assert dist._contains(dist.to_internal_repr(got))


def test_centre_first_proposes_the_centre_once_then_its_inner_sampler() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    study = optuna.create_study(sampler=CentreFirst(optuna.samplers.TPESampler(seed=0, n_startup_trials=2)))

    def objective(trial: optuna.Trial) -> float:
        x = trial.suggest_float("x", -4.0, 2.0)
        lr = trial.suggest_float("lr", 1e-6, 1e-2, log=True)
        opt = trial.suggest_categorical("opt", ["adam", "sgd"])
        return x**2 + lr + (opt == "sgd")

    study.optimize(objective, n_trials=12)
    first = study.trials[0].params
    assert first["x"] == -1.0 and first["lr"] == pytest.approx(1e-4) and first["opt"] in ("adam", "sgd")
    assert all(t.params["x"] != -1.0 for t in study.trials[1:])
    resumed = optuna.create_study(sampler=CentreFirst(optuna.samplers.RandomSampler(seed=1)))
    resumed.add_trial(study.trials[3])  # a study that has a trial 0 already: no centre again
    resumed.optimize(objective, n_trials=3)
    assert all(t.params["x"] != -1.0 for t in resumed.trials)


def test_centre_first_reaches_train_as_a_w_and_b_config() -> None:
    seen: list[dict[str, Any]] = []
    parameters = {
        "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
        "layers": {"distribution": "int_uniform", "min": 1, "max": 9},
        "batch_size": {"values": [128, 16, 64, 32, 256]},
        "optimizer": {"values": ["adam", "sgd"]},
        "model": {"parameters": {"dropout": {"distribution": "q_uniform", "min": 0.0, "max": 0.5, "q": 0.1}}},
    }
    recipe = tuneflow.Recipe(
        name="centre",
        train=lambda config: seen.append(config) or 0.0,
        parameters=parameters,
        method="tpe",
        seed=0,
        sampler_options={"centre_first": True, "ordinal": True},
    )
    tuneflow.tune(recipe, n_trials=3, storage="memory", wandb=False, progress=False)
    first = seen[0]
    assert first["lr"] == pytest.approx(0.01) and first["layers"] == 5 and first["batch_size"] == 64
    assert first["model"]["dropout"] == pytest.approx(0.2)  # 0.25 on the q grid, half to even
    assert first["optimizer"] in ("adam", "sgd")


def test_centre_first_is_for_model_based_samplers() -> None:
    with pytest.raises(tuneflow.RecipeError, match="'centre_first' is true or false, for tpe, gp and bayes"):
        tuneflow.Recipe(
            name="c",
            train=lambda config: 0.0,
            parameters={"x": {"min": 0.0, "max": 1.0}},
            method="random",
            sampler_options={"centre_first": True},
        )
