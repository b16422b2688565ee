"""Objective values warped before a Gaussian process reads them: heavy tails stop blinding the model.

A GP (Optuna's GPSampler, W&B's ``bayes``, :mod:`tuneflow.search.isotropic`) standardizes the values
it models. One diverged trial (an SGD run whose loss is 1e11 beside losses of 4 to 12) makes every
other value the same number after standardizing, and the model learns nothing until that trial is
out of its window; a valley whose values span orders of magnitude (Rosenbrock) looks flat near its
floor. TPE reads only the order of the values, so it never has this problem. :class:`Warped` shows
the sampler it wraps every finished trial's value through a monotone transform of all finished
values, computed afresh for each suggestion:

* ``rank``: the Gaussian copula of Salinas et al. (2020): each value's rank among the finished
  ones, as the normal quantile of (rank - 1/2) / n; ties share their average rank. Only the order
  is kept, as TPE keeps it.
* ``power``: HEBO's output warping (Cowen-Rivers et al., 2022): a Box-Cox transform fitted by
  maximum likelihood to the losses (Yeo-Johnson where some loss is not positive), scikit-learn's
  ``PowerTransformer``; where no power fits (values past 1e154, a fit that flattens them), the ranks.

The transform is applied to the loss (the value, sign-flipped for a maximized metric), so the tail
it compresses is always the bad side. The study stores the true values; only the wrapped sampler's
view changes, so plots, W&B and a resumed study read what the trials returned.
"""

from __future__ import annotations

import copy
import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from optuna.distributions import BaseDistribution
from optuna.samplers import BaseSampler
from optuna.study import Study, StudyDirection
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter

__all__ = ["WARPS", "WARP_METHODS", "Warped", "warp_losses"]

#: the transforms :class:`Warped` offers (module docstring)
WARPS = ("rank", "power")
#: the methods whose model reads values, not their order (TPE reads only the order: a warp changes nothing)
WARP_METHODS = ("gp", "isogp+tpe")


def warp_losses(losses: np.ndarray, how: str) -> np.ndarray:
    """``losses`` (finite, lower is better) through the monotone transform ``how`` (one of :data:`WARPS`)."""
    if how not in WARPS:
        raise ValueError(f"warp is one of {', '.join(WARPS)} (got {how!r})")
    if len(losses) < 2 or np.ptp(losses) == 0:
        return losses.astype(float)
    if how == "rank":
        from scipy.special import ndtri
        from scipy.stats import rankdata

        return np.asarray(ndtri((rankdata(losses) - 0.5) / len(losses)))
    return _power(losses)


def _power(losses: np.ndarray) -> np.ndarray:
    """HEBO's warp; where no power fits (values past 1e154 overflow a variance, a fit that flattens them),
    the ranks: they keep the order, which is what a warp must not lose."""
    from sklearn.preprocessing import PowerTransformer

    out: np.ndarray | None = None
    with np.errstate(all="ignore"), warnings.catch_warnings():  # a failed fit falls back below, not the user's warning
        warnings.simplefilter("ignore")
        scaled = losses / np.std(losses)
        method = "box-cox" if scaled.min() > 0 else "yeo-johnson"
        try:
            out = PowerTransformer(method=method).fit_transform(scaled[:, None])[:, 0]
        except (ValueError, ArithmeticError):
            out = None
    if out is None or not np.all(np.isfinite(out)) or np.std(out) < 0.5:  # HEBO's check: a flattening fit
        return warp_losses(losses, "rank")
    return np.asarray(out)


class Warped(BaseSampler):
    """``inner`` reads every finished trial's value warped by ``how`` (:data:`WARPS`); one objective only."""

    def __init__(self, inner: BaseSampler, how: str) -> None:
        if how not in WARPS:
            raise ValueError(f"warp is one of {', '.join(WARPS)} (got {how!r})")
        self.inner, self.how = inner, how

    def _view(self, study: Study) -> Study:
        """``study`` with each complete trial's value replaced by its warped value."""
        if len(study.directions) > 1:
            return study
        sign = -1.0 if study.direction == StudyDirection.MAXIMIZE else 1.0
        done = [
            t
            for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
            if t.value is not None and math.isfinite(t.value)
        ]
        if len(done) < 2:
            return study
        warped = warp_losses(sign * np.array([t.value for t in done], dtype=float), self.how)
        by_number = {t.number: sign * float(w) for t, w in zip(done, warped)}

        def translate(trial: FrozenTrial) -> FrozenTrial:
            if trial.number not in by_number or trial.state != TrialState.COMPLETE:
                return trial
            out = copy.copy(trial)
            out.values = [by_number[trial.number]]
            return out

        return adapter.trials_view(study, translate)

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        return self.inner.infer_relative_search_space(study, trial)

    def sample_relative(
        self, study: Study, trial: FrozenTrial, search_space: dict[str, BaseDistribution]
    ) -> dict[str, Any]:
        return self.inner.sample_relative(self._view(study), trial, search_space)

    def sample_independent(
        self, study: Study, trial: FrozenTrial, param_name: str, param_distribution: BaseDistribution
    ) -> Any:
        return self.inner.sample_independent(study, trial, param_name, param_distribution)

    def before_trial(self, study: Study, trial: FrozenTrial) -> None:
        self.inner.before_trial(study, trial)

    def after_trial(self, study: Study, trial: FrozenTrial, state: TrialState, values: Sequence[float] | None) -> None:
        self.inner.after_trial(study, trial, state, values)

    def reseed_rng(self) -> None:
        self.inner.reseed_rng()
