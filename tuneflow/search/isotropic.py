"""A Gaussian process with one length scale: ``auto``'s GP, on every install (Optuna's GPSampler needs torch).

With fewer trials than parameters, one length scale per parameter (Optuna's GPSampler, ARD) is not
identifiable: each is fitted on a handful of points, and the acquisition runs to the box's bounds
along the axes the fit calls flat (BENCHMARKS.md, issue 16: at 10 trials Optuna's GP was no better
than random on two smooth functions where W&B's ``bayes`` was far ahead). W&B's engine fits one
length scale shared by all parameters, which a handful of trials does determine. This sampler is
that model, in scikit-learn (a core dependency, so it runs without torch), as W&B's ``bayes`` runs it:

* every numeric parameter scaled to [0, 1] (log scale for log distributions), a categorical read as
  W&B reads one: its values' positions in listed order, spread over [0, 1];
* a Matern 3/2 kernel with one length scale, fitted by maximum likelihood (started from several
  length scales, the likeliest kept) on standardized values;
* expected improvement over 1,000 uniformly random candidates, each rounded to a legal point;
  when the fitted length scale sits at a bound (a fit that explains nothing), a random candidate;
* with ``local``, that many more candidates drawn around the best trials: uniform ones seldom land
  near a good point once the trials are many (``auto`` sets it from trial 10; BENCHMARKS.md,
  fresh-local: better than without in 126 / 74 searches at 100 trials);
* with ``ard_from``, one length scale per parameter once that many trials are done (``auto``: 20, from
  fresh-wide): with few trials one length scale is what they determine; with more, the parameters that matter
  little no longer set the scale of those that matter;
* with ``exploit`` (``auto``'s endgame, the last fifth of a budget of 50 trials or more), the candidate of
  least predicted loss among points not yet tried instead: refining the best region, not exploring.

It models fixed single-objective spaces; the first ``n_startup_trials`` are drawn at random. Numeric
values lists reach it as sorted positions where ``ordinal`` wraps it, warped values where
:class:`tuneflow.search.warp.Warped` does. ``auto`` runs it on every install (continuous, mixed,
discrete and small-categorical spaces), after TPE's random start, with every third trial from trial 10
TPE's (``isogp+tpe``, :mod:`tuneflow.search.portfolio`): Optuna's GPSampler (continuous spaces) and TPE
(mixed ones), with torch, were behind it (BENCHMARKS.md, fresh-torch).
"""

from __future__ import annotations

import math
import warnings
from typing import Any, cast

import numpy as np
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers import BaseSampler, RandomSampler
from optuna.search_space import intersection_search_space
from optuna.study import Study, StudyDirection
from optuna.trial import FrozenTrial, TrialState

__all__ = ["IsotropicGP"]

#: uniformly random candidates scored per suggestion (as W&B's engine)
N_CANDIDATES = 1000
#: the kernel's smoothness (W&B's engine: 1.5)
NU = 1.5
#: the fit starts from each of these length scales (in the unit box) and keeps the likeliest: with few
#: trials the likelihood often has a second optimum at a tiny length scale, a fit that explains nothing
START_LENGTH_SCALES = (0.05, 0.2, 1.0, 5.0)
#: the most trials one fit reads: beyond, the best half of this and a random draw of the others (the fit's
#: cost grows with the cube of its trials; W&B's engine fits a random 100)
MAX_FIT = 100
#: a kernel length scale within this factor of its bounds is "at the bound"
_AT_BOUND = 1.001
#: ``local`` candidates are drawn around this many of the best trials ...
LOCAL_AROUND = 5
#: ... each at one of these spreads (a standard deviation in the unit box), a third at each
LOCAL_SPREADS = (0.01, 0.05, 0.2)


class IsotropicGP(BaseSampler):
    """GP-BO with one length scale and expected improvement over random candidates."""

    def __init__(
        self,
        seed: int | None = None,
        n_startup_trials: int = 2,
        local: int = 0,
        exploit: bool = False,
        ard_from: int = 0,
    ) -> None:
        """``local``: candidates drawn around the best trials, beside the uniform ones (0: W&B's candidates only).
        ``exploit``: propose the candidate of least predicted loss (the GP's mean), not of most expected improvement.
        ``ard_from``: with at least this many trials (0: never), one length scale per parameter (``auto``: 20)."""
        self._rng = np.random.RandomState(seed)
        self._random = RandomSampler(seed=seed)
        self._n_startup = n_startup_trials
        self._local = local
        self._exploit = exploit
        self._ard_from = ard_from

    def reseed_rng(self) -> None:
        self._rng.seed()
        self._random.reseed_rng()

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        if len(study.directions) > 1:
            return {}
        space = intersection_search_space(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))
        return {
            name: dist
            for name, dist in space.items()
            if isinstance(dist, (FloatDistribution, IntDistribution, CategoricalDistribution)) and not dist.single()
        }

    def sample_relative(
        self, study: Study, trial: FrozenTrial, search_space: dict[str, BaseDistribution]
    ) -> dict[str, Any]:
        if not search_space:
            return {}
        done = [
            t
            for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
            if t.value is not None and math.isfinite(t.value) and all(name in t.params for name in search_space)
        ]
        if len(done) < max(self._n_startup, 2):
            return {}
        space = cast(dict[str, _Modelled], search_space)  # what infer_... kept
        x = np.array([[_to_unit(dist, t.params[name]) for name, dist in space.items()] for t in done])
        sign = -1.0 if study.direction == StudyDirection.MAXIMIZE else 1.0
        y = sign * np.array([t.value for t in done], dtype=float)
        candidates = self._rng.uniform(0.0, 1.0, (N_CANDIDATES, len(space)))
        if self._local:
            candidates = np.concatenate([candidates, self._around_best(x, y)])
        candidates = np.array(
            [[_to_unit(dist, _from_unit(dist, u)) for dist, u in zip(space.values(), row)] for row in candidates]
        )
        # the endgame never proposes a point already tried (a repeat teaches nothing): every trial, not only the fit's
        untried = ~(candidates[:, None, :] == x[None, :, :]).all(axis=2).any(axis=1) if self._exploit else None
        pick = self._pick(x, y, candidates, untried)
        return {name: _from_unit(dist, float(u)) for (name, dist), u in zip(space.items(), pick)}

    def sample_independent(
        self, study: Study, trial: FrozenTrial, param_name: str, param_distribution: BaseDistribution
    ) -> Any:
        return self._random.sample_independent(study, trial, param_name, param_distribution)

    def _around_best(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``local`` points near the best trials (unit box): uniform candidates seldom land close enough to
        refine a good point once the trials are many, so EI also scores a cloud around the best few."""
        best = x[np.argsort(y)[:LOCAL_AROUND]]
        centres = best[self._rng.randint(len(best), size=self._local)]
        spreads = np.resize(np.asarray(LOCAL_SPREADS), self._local)[:, None]
        return np.clip(centres + spreads * self._rng.standard_normal(centres.shape), 0.0, 1.0)

    def _pick(
        self, x: np.ndarray, y: np.ndarray, candidates: np.ndarray, untried: np.ndarray | None = None
    ) -> np.ndarray:
        """The candidate of highest expected improvement under the fitted GP (a random one if the fit is degenerate);
        with ``exploit``, the one of least predicted loss among the ``untried`` ones."""
        ard = bool(self._ard_from) and len(y) >= self._ard_from
        if len(y) > MAX_FIT:
            order = np.argsort(y)
            rest = self._rng.choice(order[MAX_FIT // 2 :], MAX_FIT - MAX_FIT // 2, replace=False)
            keep = np.concatenate([order[: MAX_FIT // 2], rest])
            x, y = x[keep], y[keep]
        scale = float(np.std(y))
        z = (y - np.mean(y)) / (scale if scale > 0 else 1.0)
        gp = max(
            (self._fit(x, z, start, ard) for start in START_LENGTH_SCALES),
            key=lambda g: g.log_marginal_likelihood_value_,
        )
        low, high = gp.kernel_.hyperparameter_length_scale.bounds[0]
        lengths = np.atleast_1d(gp.kernel_.length_scale)
        # one length scale at a bound: a fit that explains nothing; with ARD a parameter that does not matter has
        # its length at the upper bound, so only the lower bound (one overfitted parameter) or every one at the upper
        if float(lengths.min()) <= low * _AT_BOUND or float(lengths.min()) >= high / _AT_BOUND:
            pool = candidates[-self._local :] if self._exploit and self._local else candidates
            return pool[self._rng.randint(len(pool))]
        if untried is not None and untried.any():
            fresh = candidates[untried]
            return fresh[int(np.argmin(gp.predict(fresh)))]
        mean, std = gp.predict(candidates, return_std=True)
        return candidates[int(np.argmax(_expected_improvement(mean, np.maximum(std, 1e-9), float(np.min(z)))))]

    @staticmethod
    def _fit(x: np.ndarray, z: np.ndarray, length_scale: float, ard: bool = False) -> Any:
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import Matern

        scale = np.full(x.shape[1], length_scale) if ard else length_scale
        gp = GaussianProcessRegressor(kernel=Matern(length_scale=scale, nu=NU), alpha=1e-7, optimizer="fmin_l_bfgs_b")
        with warnings.catch_warnings():  # a length scale at its bound is handled by the caller, not warned about
            warnings.simplefilter("ignore")
            return gp.fit(x, z)


def _expected_improvement(mean: np.ndarray, std: np.ndarray, best: float) -> np.ndarray:
    from scipy.stats import norm  # here, not at the top: scipy.stats costs every CLI start ~0.5 s

    u = (best - mean) / std
    return np.asarray((best - mean) * norm.cdf(u) + std * norm.pdf(u))


_Modelled = FloatDistribution | IntDistribution | CategoricalDistribution


def _to_unit(dist: _Modelled, value: Any) -> float:
    if isinstance(dist, CategoricalDistribution):  # W&B's reading: the listed positions, each at its cell's centre
        return (dist.to_internal_repr(value) + 0.5) / len(dist.choices)
    lo, hi, value = float(dist.low), float(dist.high), float(value)
    if dist.log:
        lo, hi, value = math.log(lo), math.log(hi), math.log(value)
    return (value - lo) / (hi - lo)


def _from_unit(dist: _Modelled, unit: float) -> Any:
    if isinstance(dist, CategoricalDistribution):
        return dist.choices[min(int(unit * len(dist.choices)), len(dist.choices) - 1)]
    lo, hi = float(dist.low), float(dist.high)
    value = math.exp(math.log(lo) + unit * (math.log(hi) - math.log(lo))) if dist.log else lo + unit * (hi - lo)
    step = dist.step
    if step is not None:
        value = lo + round((value - lo) / step) * step
    value = min(max(value, lo), hi)
    return round(value) if isinstance(dist, IntDistribution) else float(value)
