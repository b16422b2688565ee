"""``ScikitGPSampler``: the plain install's GP-BO on scikit-learn, in real Optuna studies."""

from __future__ import annotations

import math
from typing import Any

import optuna
import pytest
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution

from tuneflow.search.skgp import ScikitGPSampler, _Codec


@pytest.fixture(autouse=True)
def _quiet() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)


# distribution -> a value -> its column(s) in the unit box
CODEC_TABLE = [
    (FloatDistribution(-5.0, 10.0), 2.5, [0.5]),
    (FloatDistribution(1e-4, 1.0, log=True), 1e-2, [0.5]),
    (FloatDistribution(0.0, 1.0, step=0.25), 0.75, [0.75]),
    (IntDistribution(1, 9), 5, [0.5]),
    (IntDistribution(1, 1024, log=True), 32, [0.5]),
    (CategoricalDistribution(["a", "b", "c"]), "b", [0.0, 1.0, 0.0]),
]


@pytest.mark.parametrize(("dist", "value", "columns"), CODEC_TABLE)
def test_codec_maps_each_distribution_to_the_unit_box_and_back(
    dist: BaseDistribution, value: Any, columns: list[float]
) -> None:
    codec = _Codec({"p": dist})
    point = codec.encode({"p": value})
    assert point.tolist() == pytest.approx(columns)
    assert codec.decode(point) == {"p": pytest.approx(value)}
    assert codec.legal(point[None, :])[0].tolist() == pytest.approx(columns)


def test_codec_rounds_a_candidate_to_the_legal_point_it_stands_for() -> None:
    codec = _Codec({"n": IntDistribution(0, 10), "c": CategoricalDistribution([1, 2, 3])})
    import numpy as np

    legal = codec.legal(np.array([[0.34, 0.2, 0.7, 0.1]]))
    assert legal[0].tolist() == pytest.approx([0.3, 0.0, 1.0, 0.0])
    assert codec.decode(legal[0]) == {"n": 3, "c": 2}


def _branin(trial: optuna.Trial) -> float:
    x1, x2 = trial.suggest_float("x1", -5.0, 10.0), trial.suggest_float("x2", 0.0, 15.0)
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1**2 + c * x1 - 6.0) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def test_it_models_a_smooth_function_and_is_reproducible_with_a_seed() -> None:
    def run(seed: int) -> optuna.Study:
        study = optuna.create_study(sampler=ScikitGPSampler(seed=seed, n_startup_trials=4))
        study.optimize(_branin, n_trials=25)
        return study

    first, again = run(0), run(0)
    assert [t.params for t in first.trials] == [t.params for t in again.trials]
    assert first.best_value < 1.0  # the optimum is 0.398; random search's median best of 25 is about 3


def test_it_maximizes_when_the_study_maximizes() -> None:
    study = optuna.create_study(direction="maximize", sampler=ScikitGPSampler(seed=1))
    study.optimize(lambda t: -_branin(t), n_trials=25)
    assert study.best_value > -1.0


def test_a_point_already_evaluated_is_not_proposed_again() -> None:
    def objective(trial: optuna.Trial) -> float:
        n, c = trial.suggest_int("n", 0, 9), trial.suggest_categorical("c", ["x", "y", "z"])
        return (n - 6) ** 2 + {"x": 1.0, "y": 0.0, "z": 2.0}[c]

    study = optuna.create_study(sampler=ScikitGPSampler(seed=0, n_startup_trials=3))
    study.optimize(objective, n_trials=25)  # 30 points in all
    points = [(t.params["n"], t.params["c"]) for t in study.trials]
    assert len(set(points)) == len(points)
    assert study.best_value == 0.0


def test_startup_trials_and_multi_objective_studies_are_random() -> None:
    sampler = ScikitGPSampler(seed=0, n_startup_trials=5)
    study = optuna.create_study(sampler=sampler)
    study.optimize(_branin, n_trials=4)
    trial = study.ask()
    assert sampler.sample_relative(study, trial._cached_frozen_trial, {"x1": FloatDistribution(-5, 10)}) == {}
    multi = optuna.create_study(directions=["minimize", "minimize"], sampler=ScikitGPSampler(seed=0))
    multi.optimize(lambda t: (t.suggest_float("x", 0, 1), t.suggest_float("y", 0, 1)), n_trials=6)
    assert sampler.infer_relative_search_space(multi, multi.trials[-1]) == {}
