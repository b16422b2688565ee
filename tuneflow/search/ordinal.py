"""Numeric ``values`` lists searched in order: what W&B's ``bayes`` does with them, for Optuna's samplers.

A W&B ``values`` list is a categorical to Optuna, and Optuna's model-based samplers treat a
categorical as unordered: after ``batch_size: 32`` scored well, TPE and GP learn nothing about
``64``. W&B's ``bayes`` maps each list onto its positions and models them as one ordered axis, so
nearby values share what was learned. :class:`Ordinal` gives Optuna's samplers that reading: the
sampler it wraps sees each numeric list as an integer position (0 for the smallest value), and
everything it proposes is mapped back to the listed value. The study stores the listed values, as
without the wrapper: trial params, plots, the dashboard and W&B's config show ``batch_size: 64``,
never a position, and a study resumed with or without the wrapper reads the same trials.

Which lists are ordered is decided from the distribution alone (:func:`ordered_choices`): three or
more distinct numbers, booleans excluded. Sorting by value, not by listing order, makes
``[64, 16, 32]`` the axis 16 < 32 < 64 a user means.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from optuna.distributions import BaseDistribution, CategoricalDistribution, IntDistribution
from optuna.samplers import BaseSampler
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.search.space import SearchSpace

__all__ = ["Ordinal", "listed_of", "ordered_choices", "orders_of"]

#: Fewer distinct values than this are not worth ordering (two points have no "between").
MIN_ORDERED = 3


def ordered_choices(dist: BaseDistribution) -> tuple[Any, ...] | None:
    """The choices of a numeric categorical sorted by value; None where it is not one to order."""
    if not isinstance(dist, CategoricalDistribution) or len(dist.choices) < MIN_ORDERED:
        return None
    if not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in dist.choices):
        return None
    return tuple(sorted(dist.choices))


class Ordinal(BaseSampler):
    """``inner`` sees each ordered parameter as the position of its value in sorted order.

    ``listed``: parameter name -> its distribution as the study stores it, a numeric categorical
    (:func:`listed_of` for a space). Any other parameter passes through unchanged.
    """

    def __init__(self, inner: BaseSampler, listed: Mapping[str, CategoricalDistribution]) -> None:
        self.inner, self.listed = inner, dict(listed)
        self.orders: dict[str, tuple[Any, ...]] = {}
        for name, dist in self.listed.items():
            order = ordered_choices(dist)
            if order is None:
                raise ValueError(f"{name}: {dist.choices!r} is not a list of {MIN_ORDERED} or more numbers to order")
            self.orders[name] = order
        self._positions = {name: IntDistribution(0, len(dist.choices) - 1) for name, dist in self.listed.items()}
        self._finished: dict[tuple[int, int], FrozenTrial] = {}  # (study id, number) -> translated trial

    def _ordered(self, name: str, dist: BaseDistribution) -> bool:
        return self.listed.get(name) == dist

    def _translate(self, trial: FrozenTrial) -> FrozenTrial:
        """``trial`` with each ordered parameter as its position (a new trial; ``trial`` is untouched).

        Optuna keeps a categorical's list fixed within a study, so a stored value is always in it.
        """
        names = self.orders.keys() & trial.params.keys()
        if not names:
            return trial
        out = copy.copy(trial)
        out.params = {**trial.params, **{n: self.orders[n].index(trial.params[n]) for n in names}}
        out.distributions = {**trial.distributions, **{n: self._positions[n] for n in names}}
        return out

    def _view(self, study: Study) -> Study:
        """``study`` with its trials translated; a finished trial is translated once."""
        sid = adapter.study_id(study)

        def translate(trial: FrozenTrial) -> FrozenTrial:
            if not trial.state.is_finished():
                return self._translate(trial)
            key = (sid, trial.number)
            if key not in self._finished:
                self._finished[key] = self._translate(trial)
            return self._finished[key]

        return adapter.trials_view(study, translate)

    def _value(self, name: str, proposed: Any) -> Any:
        order = self.orders.get(name)
        return proposed if order is None else order[int(proposed)]

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        """The inner sampler's relative space, each ordered parameter's as the study stores it (the
        trial checks what it suggests against this space)."""
        space = self.inner.infer_relative_search_space(self._view(study), self._translate(trial))
        return {name: self.listed.get(name, dist) for name, dist in space.items()}

    def sample_relative(
        self, study: Study, trial: FrozenTrial, search_space: dict[str, BaseDistribution]
    ) -> dict[str, Any]:
        positions = {
            name: self._positions[name] if self._ordered(name, dist) else dist for name, dist in search_space.items()
        }
        proposed = self.inner.sample_relative(self._view(study), self._translate(trial), positions)
        return {name: self._value(name, value) for name, value in proposed.items()}

    def sample_independent(
        self, study: Study, trial: FrozenTrial, param_name: str, param_distribution: BaseDistribution
    ) -> Any:
        view, seen = self._view(study), self._translate(trial)
        if not self._ordered(param_name, param_distribution):
            return self.inner.sample_independent(view, seen, param_name, param_distribution)
        position = self.inner.sample_independent(view, seen, param_name, self._positions[param_name])
        return self._value(param_name, position)

    def before_trial(self, study: Study, trial: FrozenTrial) -> None:
        self.inner.before_trial(self._view(study), self._translate(trial))

    def after_trial(self, study: Study, trial: FrozenTrial, state: TrialState, values: Sequence[float] | None) -> None:
        self.inner.after_trial(self._view(study), self._translate(trial), state, values)

    def reseed_rng(self) -> None:
        self.inner.reseed_rng()


def listed_of(space: SearchSpace) -> dict[str, CategoricalDistribution]:
    """A parameters block's parameters to search in order: name -> its numeric categorical."""
    listed = {}
    for param in space.params:
        dist = param.distribution()
        if isinstance(dist, CategoricalDistribution) and ordered_choices(dist) is not None:
            listed[param.name] = dist
    return listed


def orders_of(space: SearchSpace) -> dict[str, tuple[Any, ...]]:
    """A parameters block's parameters to search in order: name -> its values sorted (numeric lists)."""
    return {name: order for name, dist in listed_of(space).items() if (order := ordered_choices(dist)) is not None}
