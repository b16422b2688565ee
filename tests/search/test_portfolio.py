"""``Interleaved``, ``Started`` and ``Unique``: which sampler proposes which trial, in a real Optuna study."""

from __future__ import annotations

import optuna
import pytest

from tuneflow.search.portfolio import Interleaved, Started, Unique


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


def test_started_hands_the_first_n_trials_to_the_start_sampler() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    start = optuna.samplers.PartialFixedSampler({"x": 42.0}, optuna.samplers.RandomSampler(seed=1))
    study = optuna.create_study(sampler=Started(start, optuna.samplers.RandomSampler(seed=0), n=3))
    study.optimize(lambda t: t.suggest_float("x", 0.0, 100.0), n_trials=8)
    assert [t.number for t in study.trials if t.params["x"] == 42.0] == [0, 1, 2]


class _Stubborn(optuna.samplers.BaseSampler):
    """Proposes the same point every time (a model settled on one configuration)."""

    def infer_relative_search_space(self, study, trial):  # type: ignore[no-untyped-def]
        return optuna.search_space.intersection_search_space(study.get_trials(deepcopy=False))

    def sample_relative(self, study, trial, search_space):  # type: ignore[no-untyped-def]
        return {"n": 3, "kind": "b"} if search_space else {}

    def sample_independent(self, study, trial, param_name, param_distribution):  # type: ignore[no-untyped-def]
        return {"n": 3, "kind": "b"}[param_name]


def test_unique_replaces_a_repeated_point_with_a_random_one() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)

    def objective(trial: optuna.Trial) -> float:
        return trial.suggest_int("n", 0, 1000) + len(trial.suggest_categorical("kind", ["a", "b", "c"]))

    plain = optuna.create_study(sampler=_Stubborn())
    plain.optimize(objective, n_trials=6)
    assert {tuple(t.params.values()) for t in plain.trials} == {(3, "b")}  # the stub alone repeats itself

    study = optuna.create_study(sampler=Unique(_Stubborn(), seed=0))
    study.optimize(objective, n_trials=12)
    points = [(t.params["n"], t.params["kind"]) for t in study.trials]
    assert points[0] == (3, "b")  # its first proposal stands
    assert len(set(points)) == len(points)  # every repeat went to a fresh point
