"""Compositions of Optuna's samplers that ``auto`` may run: one sampler covering another's failure mode.

:class:`Interleaved` hands every ``every``-th model-based trial from a primary sampler (GP) to a
secondary one (TPE). GPSampler's expected improvement can settle in one basin of a multimodal
function and keep refining it (BENCHMARKS.md: it stalls on BBOB's Gallagher and Rastrigin, and on
a separable multimodal function where TPE goes on); TPE's density model proposes from every good
region it has seen, and the GP then models those points too. Both samplers read the same study,
so each sees every trial, whoever proposed it. The rule is on the trial number alone, so it is
reproducible with a seed and the same under resumption.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optuna.distributions import BaseDistribution
from optuna.samplers import BaseSampler
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

__all__ = ["Interleaved", "Started", "Unique"]


class _Delegating(BaseSampler):
    """Every call goes to ``_for(trial)``; subclasses say which sampler proposes which trial."""

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        raise NotImplementedError

    def _all(self) -> tuple[BaseSampler, ...]:
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
        for sampler in self._all():
            sampler.reseed_rng()


class Interleaved(_Delegating):
    """``primary`` proposes, except trials ``start + every - 1``, ``start + 2 * every - 1``, ...: ``secondary``.

    Trials before ``start`` are the primary's (its random start).
    """

    def __init__(self, primary: BaseSampler, secondary: BaseSampler, every: int, start: int) -> None:
        if every < 2:
            raise ValueError(f"every must be at least 2 (got {every}): 1 would hand every trial to the secondary")
        self.primary, self.secondary, self.every, self.start = primary, secondary, every, start

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        n = trial.number
        return self.secondary if n >= self.start and (n - self.start) % self.every == self.every - 1 else self.primary

    def _all(self) -> tuple[BaseSampler, ...]:
        return (self.primary, self.secondary)


class Started(_Delegating):
    """Trials before ``n`` come from ``start`` (e.g. scrambled Sobol points), the rest from ``model``."""

    def __init__(self, start: BaseSampler, model: BaseSampler, n: int) -> None:
        self.start, self.model, self.n = start, model, n

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        return self.start if trial.number < self.n else self.model

    def _all(self) -> tuple[BaseSampler, ...]:
        return (self.start, self.model)


class Unique(_Delegating):
    """``inner``'s proposals, except one that repeats a trial's parameters exactly: a random point instead.

    On integer and categorical axes a model can settle on a point it has already evaluated (a GP
    that reads a plateau as noise, TPE concentrated on one good configuration); a repeat teaches a
    deterministic objective nothing, so the trial goes to a fresh random point.
    """

    def __init__(self, inner: BaseSampler, seed: int | None = None) -> None:
        from optuna.samplers import RandomSampler

        self.inner, self.random = inner, RandomSampler(seed=seed)

    def _for(self, trial: FrozenTrial) -> BaseSampler:
        return self.inner

    def _all(self) -> tuple[BaseSampler, ...]:
        return (self.inner, self.random)

    def sample_relative(
        self, study: Study, trial: FrozenTrial, search_space: dict[str, BaseDistribution]
    ) -> dict[str, Any]:
        proposal = self.inner.sample_relative(study, trial, search_space)
        if not proposal or len(proposal) < len(search_space):
            return proposal
        seen = study.get_trials(deepcopy=False)  # every trial, running ones too
        if not any(t.number != trial.number and t.params == proposal for t in seen):
            return proposal
        return {name: self.random.sample_independent(study, trial, name, dist) for name, dist in search_space.items()}
