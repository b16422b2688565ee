"""Gaussian-process BO on scikit-learn: the plain install's GP (Optuna's GPSampler needs torch).

Most users install tuneflow without torch, so Optuna's GPSampler is not there; TPE then stands in,
and on smooth continuous spaces at 10-20 trials it trails a GP (BENCHMARKS.md, design half).
scikit-learn is a core dependency, and its ``GaussianProcessRegressor`` is what W&B's own ``bayes``
engine fits. This sampler is the textbook method on it, as scikit-optimize ran it:

* every parameter scaled to [0, 1] (log scale for log distributions), categoricals one-hot;
* a Matern 5/2 kernel with one length scale per column, a constant amplitude and a white-noise
  term, ``normalize_y``, its hyperparameters fitted by maximum likelihood, started from the
  previous suggestion's fit (a fresh start and 2 random restarts while there are few trials);
* expected improvement over uniformly random candidates plus Gaussian steps around the best
  trials, each rounded to a legal point (integer steps, one category) before it is scored; a
  point already evaluated is not proposed again (on integers and categoricals the noise term
  would otherwise let the best point win again and again).

Only single-objective, fixed spaces are modelled (``auto`` chooses it for nothing else); other
parameters, and the first ``n_startup_trials``, are drawn at random.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers import BaseSampler, RandomSampler
from optuna.search_space import intersection_search_space
from optuna.study import Study, StudyDirection
from optuna.trial import FrozenTrial, TrialState
from scipy.stats import norm

__all__ = ["ScikitGPSampler"]

#: uniformly random candidates scored per suggestion (W&B's engine scores 1,000)
N_RANDOM = 2000
#: candidates drawn around each of the best trials (Gaussian steps in the unit box)
N_LOCAL = 100
N_BEST = 5
LOCAL_STEP = 0.1
#: from this many trials on, a fit starts from the previous one and skips the random restarts
WARM_FROM = 20


class ScikitGPSampler(BaseSampler):
    """GP-BO with expected improvement on scikit-learn, for spaces of floats, integers and categoricals."""

    def __init__(self, seed: int | None = None, n_startup_trials: int = 4) -> None:
        self._rng = np.random.RandomState(seed)
        self._random = RandomSampler(seed=seed)
        self._n_startup = n_startup_trials
        self._kernel: Any = None  # the last fit's kernel, where the next fit starts

    def reseed_rng(self) -> None:
        self._rng.seed()
        self._random.reseed_rng()

    def infer_relative_search_space(self, study: Study, trial: FrozenTrial) -> dict[str, BaseDistribution]:
        if len(study.directions) > 1:
            return {}
        space = intersection_search_space(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))
        return {name: dist for name, dist in space.items() if not dist.single()}

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
        if len(done) < self._n_startup:
            return {}
        codec = _Codec(search_space)
        x = np.array([codec.encode(t.params) for t in done])
        sign = -1.0 if study.direction == StudyDirection.MAXIMIZE else 1.0
        y = sign * np.array([t.value for t in done], dtype=float)
        gp = self._fit(x, y)
        candidates = codec.legal(self._candidates(x, y, codec.width))
        seen = {_key(row) for row in x}
        fresh = np.array([_key(row) not in seen for row in candidates])
        if fresh.any():  # a point already evaluated teaches a deterministic objective nothing
            candidates = candidates[fresh]
        mean, std = gp.predict(candidates, return_std=True)
        best = float(np.min(y))
        improvement = _expected_improvement(mean, np.maximum(std, 1e-12), best)
        return codec.decode(candidates[int(np.argmax(improvement))])

    def sample_independent(
        self, study: Study, trial: FrozenTrial, param_name: str, param_distribution: BaseDistribution
    ) -> Any:
        return self._random.sample_independent(study, trial, param_name, param_distribution)

    def _fit(self, x: np.ndarray, y: np.ndarray) -> Any:
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

        warm = self._kernel is not None and len(x) > WARM_FROM and self._kernel.k1.k2.length_scale.size == x.shape[1]
        kernel = (
            self._kernel
            if warm
            else ConstantKernel(1.0, (1e-2, 1e3))
            * Matern(length_scale=np.full(x.shape[1], 0.5), length_scale_bounds=(1e-2, 1e2), nu=2.5)
            + WhiteKernel(1e-4, (1e-8, 1e-1))
        )
        gp = GaussianProcessRegressor(
            kernel=kernel,
            normalize_y=True,
            n_restarts_optimizer=0 if warm else 2,
            random_state=self._rng.randint(2**31),
        )
        with warnings.catch_warnings():  # a length scale at its bound is a fit, not an error
            warnings.simplefilter("ignore")
            gp.fit(x, y)
        self._kernel = gp.kernel_
        return gp

    def _candidates(self, x: np.ndarray, y: np.ndarray, width: int) -> np.ndarray:
        uniform = self._rng.uniform(0.0, 1.0, (N_RANDOM, width))
        best = x[np.argsort(y)[:N_BEST]]
        steps = best[self._rng.randint(len(best), size=N_LOCAL * len(best))]
        local = np.clip(steps + self._rng.normal(0.0, LOCAL_STEP, steps.shape), 0.0, 1.0)
        return np.vstack([uniform, local])


def _key(point: np.ndarray) -> bytes:
    return np.round(point, 9).tobytes()


def _expected_improvement(mean: np.ndarray, std: np.ndarray, best: float) -> np.ndarray:
    z = (best - mean) / std
    return np.asarray((best - mean) * norm.cdf(z) + std * norm.pdf(z))


class _Codec:
    """Parameters <-> points of the unit box: one column per number, one per category (one-hot)."""

    def __init__(self, space: dict[str, BaseDistribution]) -> None:
        self.space: dict[str, CategoricalDistribution | FloatDistribution | IntDistribution] = {}
        for name, dist in space.items():
            if not isinstance(dist, (CategoricalDistribution, FloatDistribution, IntDistribution)):
                raise TypeError(f"{name}: {type(dist).__name__} is not one of Optuna's three distributions")
            self.space[name] = dist
        self.columns: list[tuple[str, int]] = []  # (name, first column)
        width = 0
        for name, dist in self.space.items():
            self.columns.append((name, width))
            width += len(dist.choices) if isinstance(dist, CategoricalDistribution) else 1
        self.width = width

    def encode(self, params: dict[str, Any]) -> np.ndarray:
        point = np.zeros(self.width)
        for name, col in self.columns:
            dist = self.space[name]
            if isinstance(dist, CategoricalDistribution):
                point[col + int(dist.to_internal_repr(params[name]))] = 1.0
            else:
                point[col] = _to_unit(dist, float(params[name]))
        return point

    def decode(self, point: np.ndarray) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name, col in self.columns:
            dist = self.space[name]
            if isinstance(dist, CategoricalDistribution):
                params[name] = dist.choices[int(np.argmax(point[col : col + len(dist.choices)]))]
            else:
                params[name] = _from_unit(dist, float(point[col]))
        return params

    def legal(self, points: np.ndarray) -> np.ndarray:
        """Each point moved to the legal point it decodes to (rounded steps, one category), as the GP will see it."""
        out = points.copy()
        for name, col in self.columns:
            dist = self.space[name]
            if isinstance(dist, CategoricalDistribution):
                block = out[:, col : col + len(dist.choices)]
                hot = np.zeros_like(block)
                hot[np.arange(len(block)), np.argmax(block, axis=1)] = 1.0
                out[:, col : col + len(dist.choices)] = hot
            elif isinstance(dist, IntDistribution) or dist.step is not None:
                out[:, col] = [_to_unit(dist, _from_unit(dist, u)) for u in out[:, col]]
        return out


def _to_unit(dist: FloatDistribution | IntDistribution, value: float) -> float:
    lo, hi = float(dist.low), float(dist.high)
    if dist.log:
        lo, hi, value = math.log(lo), math.log(hi), math.log(value)
    return 0.0 if hi == lo else (value - lo) / (hi - lo)


def _from_unit(dist: FloatDistribution | IntDistribution, unit: float) -> float | int:
    lo, hi = float(dist.low), float(dist.high)
    value = math.exp(math.log(lo) + unit * (math.log(hi) - math.log(lo))) if dist.log else lo + unit * (hi - lo)
    step = dist.step
    if step is not None:
        value = lo + round((value - lo) / step) * step
    value = min(max(value, lo), hi)
    return round(value) if isinstance(dist, IntDistribution) else float(value)
