"""``Interleaved`` and ``Handover``: which sampler proposes which trial, in a real Optuna study."""

from __future__ import annotations

import optuna
import pytest

from tuneflow.search.portfolio import Handover, Interleaved


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


def test_handover_gives_the_trials_after_the_start_to_one_sampler_until_the_other_takes_over() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    first = optuna.samplers.PartialFixedSampler({"x": 42.0}, optuna.samplers.RandomSampler(seed=1))
    study = optuna.create_study(sampler=Handover(first, optuna.samplers.RandomSampler(seed=0), until=5, start=2))
    study.optimize(lambda t: t.suggest_float("x", 0.0, 100.0), n_trials=9)
    assert [t.number for t in study.trials if t.params["x"] == 42.0] == [2, 3, 4]
