"""Compositions of Optuna's samplers that ``auto`` may run: one sampler covering another's failure mode.

:class:`Interleaved` hands every ``every``-th model-based trial from a primary sampler (GP) to a
secondary one (TPE). A GP's expected improvement can settle in one basin of a multimodal function
and keep refining it (BENCHMARKS.md: Optuna's GPSampler stalls on BBOB's Gallagher and Rastrigin, and
on a separable multimodal function where TPE goes on); TPE's density model proposes from every good
region it has seen, and the GP then models those points too. :class:`Handover` gives the trials
after a sampler's random start to another sampler until the first takes over (the first trials'
model, :mod:`tuneflow.search.isotropic`). The samplers read the same study, so each sees every
trial, whoever proposed it. Each rule is on the trial number alone, so it is reproducible with a
seed and the same under resumption.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optuna.distributions import BaseDistribution
from optuna.samplers import BaseSampler
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

__all__ = ["Handover", "Interleaved"]


class _ByTrialNumber(BaseSampler):
    """Every call for a trial goes to the one of two samplers that ``_for`` picks by its number."""

    def __init__(self, one: BaseSampler, other: BaseSampler) -> None:
        self._pair = (one, other)

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        raise NotImplementedError

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        return self._for(trial).infer_relative_search_space(study, trial)

    def sample_relative(
        self, study: Study, trial: FrozenTrial, search_space: dict[str, BaseDistribution]
    ) -> dict[str, Any]:
        return self._for(trial).sample_relative(study, trial, search_space)

    def sample_independent(
        self, study: Study, trial: FrozenTrial, param_name: str, param_distribution: BaseDistribution
    ) -> Any:
        return self._for(trial).sample_independent(study, trial, param_name, param_distribution)

    def before_trial(self, study: Study, trial: FrozenTrial) -> None:
        self._for(trial).before_trial(study, trial)

    def after_trial(self, study: Study, trial: FrozenTrial, state: TrialState, values: Sequence[float] | None) -> None:
        self._for(trial).after_trial(study, trial, state, values)

    def reseed_rng(self) -> None:
        for sampler in self._pair:
            sampler.reseed_rng()


class Interleaved(_ByTrialNumber):
    """``primary`` proposes, except trials ``start + every - 1``, ``start + 2 * every - 1``, ...: ``secondary``.

    Trials before ``start`` are the primary's (its random start).
    """

    def __init__(self, primary: BaseSampler, secondary: BaseSampler, every: int, start: int) -> None:
        if every < 2:
            raise ValueError(f"every must be at least 2 (got {every}): 1 would hand every trial to the secondary")
        super().__init__(primary, secondary)
        self.primary, self.secondary, self.every, self.start = primary, secondary, every, start

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        n = trial.number
        return self.secondary if n >= self.start and (n - self.start) % self.every == self.every - 1 else self.primary


class Handover(_ByTrialNumber):
    """``first`` proposes trials ``start .. until - 1`` (every one from ``start``: ``until`` None), ``then`` the others.

    With ``start`` at ``then``'s random start, the start is ``then``'s own (the same points, seed for
    seed, as ``then`` alone) and ``first`` models the trials after it until ``then`` takes over.
    """

    def __init__(self, first: BaseSampler, then: BaseSampler, until: int | None, start: int = 0) -> None:
        super().__init__(first, then)
        self.first, self.then, self.until, self.start = first, then, until, start

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        n = trial.number
        return self.first if self.start <= n and (self.until is None or n < self.until) else self.then
