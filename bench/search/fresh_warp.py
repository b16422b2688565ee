"""The *fresh-warp* half: continuous, mixed and discrete spaces at 10 to 50 trials, for an output warp in the GP.

Every earlier half has been read (fresh-local by the rule it judged), so a candidate that changes how
``auto``'s Gaussian processes read the objective values needs tasks no rule has seen: these, written
and committed with the criteria before any search on them. No problem here appears in another half.

* ``plain-warp-power`` (plain install, no torch): where ``auto`` runs its Gaussian process
  (``isogp+tpe`` on continuous, mixed, discrete and small-categorical spaces), the GP reads the objective values
  through a monotone output warping (HEBO's power transform: Box-Cox or Yeo-Johnson fitted to the
  losses) instead of plain standardization. TPE's trials are unchanged.

Why it runs (design half, 62 tasks, 4 seeds, budgets 10, 20 and 50, raw lines
``bench/results/design-s14-warp.jsonl`` and ``design-s14-warp-full.jsonl``; better / worse against
each install's ``auto``, same task, seed and budget). Plain install, two warps tried: the power
transform (``plain-warp-power``) 112 / 79 at 10 trials (p = 0.02), 136 / 89 at 20 (p = 0.002) and
143 / 78 at 50 (p = 1.5e-5), ahead in every family at every budget (synthetic 75 / 62, 95 / 61,
106 / 50; tables 28 / 14, 29 / 23, 27 / 22; real fits 9 / 3, 12 / 5, 10 / 7); against W&B's
``bayes`` 125 / 122, 143 / 101, 177 / 68 where ``auto-plain`` has 115 / 128, 137 / 109, 153 / 93:
chosen. The rank (Gaussian copula) warp, ``plain-warp-rank``: 109 / 107, 136 / 101, 116 / 115: not
chosen. Full install (the 53 design tasks where it runs ``gp+tpe``): ``warp-power`` 84 / 89 at 10,
100 / 87 at 20 (read in the 50-trial searches: the start and the composition do not depend on the
budget there) and 105 / 84 at 50 (p = 0.15), against W&B 145 / 66 at 50 where ``auto`` has
147 / 64; ``warp-rank`` 93 / 91 at 10: not chosen (Optuna's GPSampler, with its priors on the
kernel and the noise, gains little), so only the plain install's candidate is judged here; the full
install's ``auto`` runs for the verdict. What suggested it: on fresh-full (read), the plain install's
GP stalled on ``sgd-regressor-loss`` (normalized 12.1 against W&B's 1.6 at 50 trials), a space where
diverging runs return losses of 1e11 beside losses of 4 to 12, and a GP standardizes the values it
models.

The criteria, written with this half and before any search on it (2026-12-06); 10 seeds; budgets 10,
20 and 50; beside each install's ``auto`` (``auto``, ``auto-plain``) and W&B's engine. The candidate
(``plain-warp-power``; the full install's was not chosen on the design half) becomes the plain
install's rule only if, against ``auto-plain`` (same task, seed and budget): (1) summed over every search of the half it is better in more searches
than worse with a two-sided sign test p < 0.05; (2) at no budget is it worse with p < 0.05; (3) its
paired share against W&B's ``bayes``, summed over the half, is higher than ``auto-plain``'s. Otherwise it is
not kept; the figures are reported either way.

The tasks: 20, one problem each, every one run at budgets 10, 20 and 50. As ``auto`` counts them, 12
spaces are continuous (floats only: ``uniform`` and ``log_uniform_values``; both installs run a GP
there), 6 mixed and 2 discrete (none all-categorical, none conditional; no categorical has more than
10 values, no space more than 12 parameters; the plain install runs its GP there, the full install
TPE). The spaces are written as W&B users write a sweep's ``parameters`` (log-uniform rates and
scales, ``int_uniform``, ``q_uniform``, ``q_log_uniform_values``, ``values`` lists of strings, numbers
and booleans). The half is meant as a fair test of an output warp, not one built for it to win (a helper wrote
it, told the candidate and asked for this mix): 10
tasks have values that are heavy-tailed or span orders of magnitude over the space because of what
they are (a curved valley of degree 6, products of factors, a quartic of a weighted sum, a training
run that diverges, hours to a target, a gear ratio's squared error, an ill-posed kernel, a density's
log-likelihood, least squares near interpolation), 10 are bounded or well behaved (accuracies and
AUCs, a quadratic bowl, multimodal functions of bounded range). Six tasks maximize a metric (five
accuracies or AUCs and the density's log-likelihood), returned negated: every task is minimized.
Synthetic optima are where the function puts them (not at the centre, none on a bound) or drawn
inside the box with this half's seed, and exact (in closed form, or enumerated over the discrete
part with the continuous part's optimum known; Alpine N.2's from Brent's root of ``tan x = -2 x``,
to machine precision); real fits run on data scikit-learn generates with seeds no other task uses,
each evaluation 10 to 180 ms on one core (medians 30 to 97 ms).

* continuous, ``synthetic``, heavy-tailed: Freudenstein-Roth (2-D, a narrow curved valley of degree 6,
  optimum at (5, 4), a local one at 48.98), Alpine N.2 minimized (4-D, a product of four factors
  ``sqrt(x) sin(x)``, optimum at x_i = 7.917 in [0, 10]), Brown almost-linear (6-D, five linear
  residuals and the product of all six coordinates, optima at (1, ..., 1) and (0.942, ..., 0.942,
  1.347)), variably dimensioned (8-D, ``s^2 + s^4`` of a weighted sum beside a sphere, optimum at
  (1, ..., 1));
* continuous, ``synthetic``, bounded: periodic (2-D, a lattice of near-optima, the best moved),
  the deflected corrugated spring (3-D, rings on a shallow bowl, moved), the inverted cosine wave
  (5-D, damped rings per pair of axes, moved), the full-rank linear function (7-D, a quadratic bowl,
  optimum 3 at (-1, ..., -1)) and trigonometric 2 (10-D, separable ripples on a bowl, moved);
* continuous, ``real`` (3-fold cross-validated, floats only): kernel ridge with a sigmoid kernel
  (alpha, gamma, coef0; not positive definite, so small alphas give huge errors; heavy-tailed), a
  Gaussian kernel density's bandwidth (1-D, minus the held-out log-likelihood, maximized; narrow
  bandwidths heavy-tailed) and a random forest on floats only (feature and sample shares, leaf weight
  fraction, pruning alpha; minus the AUC, maximized; bounded);
* mixed and discrete, ``synthetic`` (exact optima): a training loss in the effective rate
  ``lr / (1 - momentum)`` with a basin below a critical rate past which the loss grows tenfold every
  third of a decade (a diverging run; the critical rate moves with a batch values list, Nesterov and a
  log clip norm; heavy-tailed); hours to a target accuracy, steps (``exp`` of the rate's squared
  log misfit; a critical batch size) times seconds per step (``q_log_uniform_values`` batch, GPUs,
  precision, loader workers; heavy-tailed); minus a validation accuracy over 12 parameters that
  saturates at chance far from the optimum (architecture and optimizer lists move the best rate and
  decay; ``q_uniform`` epochs, warmup, mixup; maximized, bounded); minus an AUC with two modes
  (shallow trees, many of them, a small rate; deep trees, few, a large rate; maximized, bounded); the
  gear train (four teeth counts, integers only, a squared ratio error from 2.7e-12 to about 600;
  heavy-tailed, enumerated);
* mixed and discrete, ``real``: Nystroem features (kernel, components, gamma) and a ridge classifier
  (alpha; minus the accuracy, maximized; mixed, bounded), radius neighbours (radius, weights, metric;
  minus the balanced accuracy, maximized; mixed, bounded, flat where every point is an outlier or a
  neighbour) and B-splines with unregularized least squares (knots, degree, placement, extrapolation,
  bias; integers and categoricals only; near interpolation and with polynomial extrapolation the MSE
  spans orders of magnitude).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import Draws, _estimator, half_tasks
from bench.search.fresh_early import _plain
from bench.search.fresh_local import _axes
from bench.search.tasks import Objective, Task, _box, _cv_loss, _dataset

__all__ = ["FRESH_WARP", "fresh_warp_tasks", "generated_data"]

FRESH_WARP = "fresh-warp"
#: the seed of every drawn optimum, shift, table and generated dataset of this half (fixed; never redrawn).
SEED = 20261218

_DRAWS = Draws("fw", SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``.

    The seeds are ``100 SEED + i``, as fresh-local derives its own (``SEED + i`` would repeat fresh-full's
    ``20261216 + i``, ``SEED % 1000 + i`` fresh-mixed's 216 to 226; fresh-local's are ``2026121700 + i``).
    """
    from sklearn import datasets

    base = 100 * SEED
    return {
        "fw-krs": lambda: datasets.make_friedman1(n_samples=450, n_features=8, noise=1.0, random_state=base + 1),
        "fw-kde": lambda: datasets.make_blobs(
            n_samples=2000,
            n_features=5,
            centers=6,
            cluster_std=[0.5, 1.0, 1.5, 0.8, 2.0, 0.3],
            random_state=base + 2,
        ),
        "fw-forest": lambda: datasets.make_classification(
            n_samples=500, n_features=20, n_informative=6, n_redundant=4, flip_y=0.08, random_state=base + 3
        ),
        "fw-nystroem": lambda: datasets.make_classification(
            n_samples=800,
            n_features=8,
            n_informative=5,
            n_redundant=1,
            n_clusters_per_class=3,
            flip_y=0.03,
            random_state=base + 4,
        ),
        "fw-radius": lambda: datasets.make_classification(
            n_samples=1500,
            n_features=6,
            n_informative=4,
            n_redundant=0,
            n_classes=3,
            n_clusters_per_class=2,
            weights=[0.6, 0.3],
            flip_y=0.03,
            random_state=base + 5,
        ),
        "fw-spline": lambda: datasets.make_friedman1(n_samples=400, n_features=10, noise=0.5, random_state=base + 6),
    }


_LOG = "log_uniform_values"


# -- continuous, synthetic: classic functions, optima where the function puts them or drawn -----------


def _freudenstein_roth(x: np.ndarray) -> float:
    """Freudenstein and Roth (Moré, Garbow and Hillstrom 1981): 0 at (5, 4); a local optimum 48.98 near (11.41, -0.90)."""
    a, b = x
    return float((a - 13 + ((5 - b) * b - 2) * b) ** 2 + (a - 29 + ((b + 1) * b - 14) * b) ** 2)


def _alpine2(x: np.ndarray) -> float:
    """Alpine N.2, minimized: ``-prod sqrt(x_i) sin(x_i)`` on ``[0, 10]^n``, a product of one factor per axis."""
    return float(-np.prod(np.sqrt(x) * np.sin(x)))


#: Brent's root of ``tan x = -2 x`` in (5 pi / 2, 3 pi): where each factor ``sqrt(x) sin(x)`` peaks on [0, 10].
_ALPINE2_X = 7.917052684666207


def _brown_almost_linear(x: np.ndarray) -> float:
    """Brown almost-linear (Moré et al.): n - 1 linear residuals and ``prod x - 1``; 0 at (1, ..., 1) (and at
    (a, ..., a, a^(1 - n)) for the other real root a of ``n a^n - (n + 1) a^(n - 1) + 1``)."""
    n = len(x)
    linear = x[:-1] + np.sum(x) - (n + 1)
    return float(np.sum(linear**2) + (np.prod(x) - 1) ** 2)


def _variably_dimensioned(x: np.ndarray) -> float:
    """Variably dimensioned (Moré et al.): ``sum (x_i - 1)^2 + s^2 + s^4``, ``s = sum i (x_i - 1)``; 0 at (1, ..., 1)."""
    d = x - 1
    s = float(np.sum(np.arange(1, len(x) + 1) * d))
    return float(np.sum(d**2) + s**2 + s**4)


def _periodic(x: np.ndarray) -> float:
    """Periodic (Ali, Khompatraporn and Zabinsky 2005): 0.9 at the origin, 1 - 0.1 exp(-r^2) at the other lattice points."""
    return float(1 + np.sum(np.sin(x) ** 2) - 0.1 * math.exp(-float(np.sum(x**2))))


def _corrugated_spring(x: np.ndarray) -> float:
    """Deflected corrugated spring (K = 5): rings around the origin on a shallow bowl; -1 at the origin."""
    r2 = float(np.sum(x**2))
    return 0.1 * r2 - math.cos(5 * math.sqrt(r2))


def _inverted_cosine(x: np.ndarray) -> float:
    """Inverted cosine wave: -(n - 1) at the origin, every pair term at least -1 and -1 only there."""
    r = x[:-1] ** 2 + x[1:] ** 2 + 0.5 * x[:-1] * x[1:]
    return float(-np.sum(np.exp(-r / 8) * np.cos(4 * np.sqrt(r))))


_LFR_M = 10


def _linear_full_rank(x: np.ndarray) -> float:
    """Linear function, full rank (Moré et al., m = 10): a quadratic bowl, ``m - n`` at (-1, ..., -1)."""
    t = 2 * float(np.sum(x)) / _LFR_M
    return float(np.sum((x - t - 1) ** 2) + (_LFR_M - len(x)) * (t + 1) ** 2)


def _trigonometric2(x: np.ndarray) -> float:
    """Trigonometric 2 with its optimum at the origin (the textbook's sits at 0.9 on every axis): 1 there."""
    return float(1 + np.sum(8 * np.sin(7 * x**2) ** 2 + 6 * np.sin(14 * x**2) ** 2 + x**2))


# -- continuous, real: floats only ----------------------------------------------------------------


def _kde() -> Objective:
    """A Gaussian kernel density's bandwidth: minus the mean held-out log-likelihood per point (maximized)."""
    from sklearn.model_selection import KFold
    from sklearn.neighbors import KernelDensity

    X, _ = _dataset("fw-kde")

    def f(c: Mapping[str, Any]) -> float:
        density = KernelDensity(bandwidth=float(c["bandwidth"]))
        scores = [
            density.fit(X[train]).score(X[test]) / len(test)
            for train, test in KFold(3, shuffle=True, random_state=0).split(X)
        ]
        return -float(np.mean(scores))

    return f


_REAL_CONTINUOUS: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "kernel-ridge-sigmoid",
        "kernel ridge with a sigmoid kernel (alpha, gamma, coef0) on Friedman 1 with 3 inert features, MSE",
        {
            "alpha": {"distribution": _LOG, "min": 1e-5, "max": 10.0},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
            "coef0": {"distribution": "uniform", "min": -2.0, "max": 2.0},
        },
        lambda: _estimator(
            "sklearn.kernel_ridge.KernelRidge",
            {"alpha": float, "gamma": float, "coef0": float},
            {"kernel": "sigmoid"},
            "fw-krs",
            "neg_mean_squared_error",
        ),
    ),
    (
        "kde-bandwidth",
        "Gaussian kernel density on six blobs in 5-D (bandwidth), minus the held-out log-likelihood per point",
        {"bandwidth": {"distribution": _LOG, "min": 1e-3, "max": 10.0}},
        _kde,
    ),
    (
        "forest-floats",
        "random forest of 20 trees (feature share, sample share, leaf weight fraction, pruning alpha), -AUC",
        {
            "max_features": {"distribution": "uniform", "min": 0.05, "max": 1.0},
            "max_samples": {"distribution": "uniform", "min": 0.1, "max": 1.0},
            "min_weight_fraction_leaf": {"distribution": "uniform", "min": 0.0, "max": 0.3},
            "ccp_alpha": {"distribution": _LOG, "min": 1e-5, "max": 0.1},
        },
        lambda: _estimator(
            "sklearn.ensemble.RandomForestClassifier",
            {"max_features": float, "max_samples": float, "min_weight_fraction_leaf": float, "ccp_alpha": float},
            {"n_estimators": 20, "random_state": 0},
            "fw-forest",
            "roc_auc",
        ),
    ),
]


# -- mixed and discrete, synthetic: exact optima ----------------------------------------------------

_EXPLOSION_BATCHES = [32, 64, 128, 256, 512, 1024]
_EXPLOSION_PARAMETERS = {
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "momentum": {"distribution": "uniform", "min": 0.0, "max": 0.99},
    "nesterov": {"values": [True, False]},
    "batch_size": {"values": _EXPLOSION_BATCHES},
    "clip_norm": {"distribution": _LOG, "min": 0.1, "max": 100.0},
}


@functools.cache
def _explosion_table() -> dict[str, float]:
    """The log10 critical effective rate (batch 256, clip norm 10, no Nesterov), the basin's margin below it, the
    best momentum, log10 clip norm and log2 batch (drawn)."""
    u = _DRAWS.unit("momentum-explosion", 5)
    return {
        "critical": -1.6 + 0.6 * u[0],
        "margin": 0.4 + 0.3 * u[1],
        "momentum": 0.6 + 0.35 * u[2],
        "clip": -0.5 + 2.0 * u[3],
        "batch": 5.5 + 4.0 * u[4],
    }


def _explosion_batch(batch: float) -> float:
    return 0.02 * (math.log2(batch) - _explosion_table()["batch"]) ** 2


def _momentum_explosion() -> Objective:
    """A training loss in the effective rate ``lr / (1 - momentum)``: a basin below a critical rate, past which the
    loss grows tenfold every third of a decade (a run that diverges); the critical rate rises with the batch,
    Nesterov and a tighter clip norm. The basin's centre stays inside the box for every batch, clip and flag."""
    t = _explosion_table()

    def f(c: Mapping[str, Any]) -> float:
        momentum, nesterov, batch = float(c["momentum"]), bool(c["nesterov"]), float(c["batch_size"])
        clip = math.log10(float(c["clip_norm"]))
        effective = math.log10(float(c["learning_rate"]) / (1 - momentum))
        critical = t["critical"] + 0.15 * math.log2(batch / 256) + 0.2 * nesterov + 0.25 * (1 - clip)
        explosion = 10 ** (3 * (effective - critical)) - 1 if effective > critical else 0.0
        return float(
            0.1
            + 0.5 * (effective - (critical - t["margin"])) ** 2
            + 2.0 * (momentum - t["momentum"]) ** 2
            + 0.05 * (clip - t["clip"]) ** 2
            + _explosion_batch(batch)
            + (0.0 if nesterov else 0.03)
            + explosion
        )

    return f


@functools.cache
def _momentum_explosion_best() -> float:
    """Nesterov, the basin's bottom, the best momentum and clip norm (inside the box); the batch of its list."""
    return float(0.1 + min(map(_explosion_batch, _EXPLOSION_BATCHES)))


_PRECISIONS = {"fp32": (1.0, 1.0), "tf32": (1.6, 1.0), "bf16": (2.3, 1.03), "fp16": (2.5, 1.1)}  # (speed, steps)
_TARGET_PARAMETERS = {
    "batch_size": {"distribution": "q_log_uniform_values", "min": 16, "max": 4096, "q": 16},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "gpus": {"distribution": "int_uniform", "min": 1, "max": 16},
    "precision": {"values": list(_PRECISIONS)},
    "loader_workers": {"distribution": "int_uniform", "min": 0, "max": 16},
}
_TARGET_BATCHES = range(16, 4097, 16)  # what q_log_uniform_values(16, 4096, q=16) gives


@functools.cache
def _target_table() -> tuple[float, float]:
    """The critical batch size (steps to the target ``3000 (1 + B_noise / B)``) and the best log10 rate at
    batch 256 (drawn)."""
    u = _DRAWS.unit("time-to-target", 2)
    return 300 + 1000 * u[0], -3.3 + 0.8 * u[1]


def _target_hours(batch: Any, gpus: Any, speed: Any, extra: Any, workers: Any) -> Any:
    """Hours to the target at the best rate (numpy-broadcast; ``speed`` and ``extra`` steps of the precision):
    steps x seconds per step, the step the slower of compute and data loading (no overlap without loader workers;
    more workers than 40 cores contend), plus the gradients' all-reduce and each worker's overhead."""
    noise, _ = _target_table()
    per_gpu = batch / gpus
    compute = 0.03 + 0.0008 * per_gpu / speed
    load = 0.004 * per_gpu
    contended = load / np.maximum(workers, 1) * np.maximum(1.0, workers * gpus / 40)
    step = np.where(workers == 0, compute + load, np.maximum(compute, contended))
    seconds = step + 0.02 * np.log2(gpus) + 0.004 * (gpus - 1) + 0.0004 * workers
    return 3000 * (1 + noise / batch) * extra * seconds / 3600


def _time_to_target() -> Objective:
    """Wall-clock hours to a target accuracy: the steps it takes grow as ``exp(((log10 lr - best) / 0.8)^2)`` away
    from the best rate (which grows as the square root of the batch), times the seconds per step."""
    _, rate = _target_table()

    def f(c: Mapping[str, Any]) -> float:
        batch = float(c["batch_size"])
        best = rate + 0.5 * math.log10(batch / 256)
        misfit = math.exp(((math.log10(float(c["learning_rate"])) - best) / 0.8) ** 2)
        speed, extra = _PRECISIONS[str(c["precision"])]
        return float(misfit * _target_hours(batch, float(c["gpus"]), speed, extra, float(c["loader_workers"])))

    return f


@functools.cache
def _time_to_target_best() -> float:
    """The best rate (inside the box for every batch); batch, GPUs, precision and workers enumerated."""
    speed, extra = (np.array(v)[None, None, :, None] for v in zip(*_PRECISIONS.values(), strict=True))
    batch = np.array(_TARGET_BATCHES, dtype=float)[:, None, None, None]
    gpus, workers = np.arange(1.0, 17.0)[None, :, None, None], np.arange(0.0, 17.0)[None, None, None, :]
    return float(np.min(_target_hours(batch, gpus, speed, extra, workers)))


_ARCHITECTURES = ["resnet18", "resnet50", "mobilenet_v3", "vit_small", "convnext_tiny"]
_CNN_OPTIMIZERS = ["sgd", "adamw", "lamb"]
_CNN_BATCHES = [64, 128, 256, 512, 1024]
_CNN_PARAMETERS = {
    "architecture": {"values": _ARCHITECTURES},
    "optimizer": {"values": _CNN_OPTIMIZERS},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "weight_decay": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
    "batch_size": {"values": _CNN_BATCHES},
    "epochs": {"distribution": "q_uniform", "min": 10, "max": 200, "q": 10},
    "warmup_epochs": {"distribution": "int_uniform", "min": 0, "max": 20},
    "width_multiplier": {"distribution": "uniform", "min": 0.25, "max": 2.0},
    "drop_path": {"distribution": "uniform", "min": 0.0, "max": 0.5},
    "label_smoothing": {"distribution": "uniform", "min": 0.0, "max": 0.3},
    "mixup": {"values": [True, False]},
    "grad_clip": {"distribution": _LOG, "min": 0.1, "max": 10.0},
}
_CNN_EPOCHS = range(10, 201, 10)  # what q_uniform(10, 200, q=10) gives
#: a 10-class problem: accuracy falls towards chance far from the optimum.
_CHANCE = 0.1


@functools.cache
def _cnn_table() -> dict[str, Any]:
    """Per architecture: peak accuracy, log10 rate shift, best drop path; per optimizer: log10 rate and decay, a
    cost (the best 0); the best log2 epochs, warmup, log2 width, label smoothing, log10 clip and log2 batch (drawn)."""
    rng = _DRAWS.table_rng("cnn-accuracy")
    k, m = len(_ARCHITECTURES), len(_CNN_OPTIMIZERS)
    cost = rng.uniform(0.0, 0.03, m)
    u = _DRAWS.unit("cnn-accuracy", 6)
    return {
        "peak": rng.uniform(0.86, 0.94, k),
        "arch_rate": rng.uniform(-0.3, 0.3, k),
        "drop_path": rng.uniform(0.1, 0.3, k),
        "rate": np.array([-1.0, -3.0, -2.2]) + rng.uniform(-0.2, 0.2, m),
        "decay": np.array([-3.5, -1.5, -2.0]) + rng.uniform(-0.3, 0.3, m),
        "cost": cost - cost.min(),
        "epochs": math.log2(40) + math.log2(150 / 40) * u[0],
        "warmup": 2 + 10 * u[1],
        "width": -0.3 + 1.0 * u[2],
        "smoothing": 0.03 + 0.15 * u[3],
        "clip": -0.5 + 1.0 * u[4],
        "batch": 6.5 + 3.0 * u[5],
    }


def _cnn_discrete(epochs: float, warmup: float, batch: float) -> float:
    t = _cnn_table()
    return float(
        0.4 * (math.log2(epochs) - t["epochs"]) ** 2
        + ((warmup - t["warmup"]) / 6) ** 2
        + 0.05 * (math.log2(batch) - t["batch"]) ** 2
    )


def _cnn_accuracy() -> Objective:
    """Minus a validation accuracy, ``chance + (peak - cost - chance) exp(-q / 20)``: ``q`` a sum of quadratic
    misfits (log rate, its best set by optimizer, architecture and batch; log decay by optimizer; drop path by
    architecture, lower with mixup; the rest drawn), 0.1 more without mixup; every centre inside the box."""
    t = _cnn_table()

    def f(c: Mapping[str, Any]) -> float:
        i, j = _ARCHITECTURES.index(str(c["architecture"])), _CNN_OPTIMIZERS.index(str(c["optimizer"]))
        batch, mixup = float(c["batch_size"]), bool(c["mixup"])
        rate = t["rate"][j] + t["arch_rate"][i] + 0.5 * math.log10(batch / 256)
        q = (
            ((math.log10(float(c["learning_rate"])) - rate) / 0.5) ** 2
            + ((math.log10(float(c["weight_decay"])) - t["decay"][j]) / 1.2) ** 2
            + ((math.log2(float(c["width_multiplier"])) - t["width"]) / 0.7) ** 2
            + ((float(c["drop_path"]) - t["drop_path"][i] + 0.05 * mixup) / 0.15) ** 2
            + ((float(c["label_smoothing"]) - t["smoothing"]) / 0.12) ** 2
            + ((math.log10(float(c["grad_clip"])) - t["clip"]) / 1.5) ** 2
            + _cnn_discrete(float(c["epochs"]), float(c["warmup_epochs"]), batch)
            + (0.0 if mixup else 0.1)
        )
        return -float(_CHANCE + (t["peak"][i] - t["cost"][j] - _CHANCE) * math.exp(-q / 20))

    return f


@functools.cache
def _cnn_accuracy_best() -> float:
    """The best architecture and optimizer (cost 0), mixup, the floats at their centres; epochs, warmup, batch
    enumerated."""
    t = _cnn_table()
    q = min(itertools.starmap(_cnn_discrete, itertools.product(_CNN_EPOCHS, range(21), _CNN_BATCHES)))
    return -float(_CHANCE + (t["peak"].max() - _CHANCE) * math.exp(-q / 20))


_BOOSTINGS = ["gbdt", "dart", "goss"]
_BOOSTING_PARAMETERS = {
    "learning_rate": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
    "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 1000},
    "max_depth": {"distribution": "int_uniform", "min": 1, "max": 12},
    "subsample": {"distribution": "uniform", "min": 0.3, "max": 1.0},
    "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
    "boosting": {"values": _BOOSTINGS},
}
#: the deep, short mode's peak relative to the shallow, long one's.
_BOOSTING_DEEP = 0.97


@functools.cache
def _boosting_table() -> dict[str, Any]:
    """Per boosting type a peak AUC; per mode (shallow and long, deep and short): the ridge ``log10 lr + log10 n``,
    the best log10 trees, depth, subsample and column share (drawn)."""
    rng = _DRAWS.table_rng("boosting-auc")
    u = _DRAWS.unit("boosting-auc", 10)
    return {
        "peak": rng.uniform(0.86, 0.92, len(_BOOSTINGS)),
        "modes": [
            (0.3 + 0.5 * u[0], 2.3 + 0.5 * u[1], 2.0 + 2.0 * u[2], 0.6 + 0.3 * u[3], 0.5 + 0.4 * u[4]),
            (0.6 + 0.4 * u[5], 1.3 + 0.4 * u[6], 7.0 + 3.0 * u[7], 0.5 + 0.3 * u[8], 0.4 + 0.4 * u[9]),
        ],
    }


def _boosting_misfit(mode: int, rate: float, trees: float, depth: float, subsample: float, columns: float) -> float:
    ridge, best_trees, best_depth, best_subsample, best_columns = _boosting_table()["modes"][mode]
    return float(
        ((rate + trees - ridge) / 0.3) ** 2
        + ((trees - best_trees) / 0.5) ** 2
        + ((depth - best_depth) / 2.0) ** 2
        + ((subsample - best_subsample) / 0.25) ** 2
        + ((columns - best_columns) / 0.3) ** 2
    )


def _boosting_auc() -> Objective:
    """Minus an AUC, ``0.5 + (peak - 0.5) max(exp(-q_shallow / 12), 0.97 exp(-q_deep / 12))``: two modes (shallow
    trees, many of them, a small rate; deep trees, few, a large rate), each a ridge in log rate + log trees."""
    t = _boosting_table()

    def f(c: Mapping[str, Any]) -> float:
        point = (
            math.log10(float(c["learning_rate"])),
            math.log10(int(c["n_estimators"])),
            float(int(c["max_depth"])),
            float(c["subsample"]),
            float(c["colsample_bytree"]),
        )
        shallow = math.exp(-_boosting_misfit(0, *point) / 12)
        deep = _BOOSTING_DEEP * math.exp(-_boosting_misfit(1, *point) / 12)
        return -float(0.5 + (t["peak"][_BOOSTINGS.index(str(c["boosting"]))] - 0.5) * max(shallow, deep))

    return f


@functools.cache
def _boosting_auc_best() -> float:
    """Per mode: trees and depth enumerated, the rate on the ridge (clipped into the box), subsample and column
    share at their centres (inside the box)."""
    t = _boosting_table()
    best = 0.0
    for mode, scale in ((0, 1.0), (1, _BOOSTING_DEEP)):
        ridge, _, _, subsample, columns = t["modes"][mode]
        q = min(
            _boosting_misfit(mode, min(max(ridge - math.log10(n), -3.0), 0.0), math.log10(n), d, subsample, columns)
            for n, d in itertools.product(range(10, 1001), range(1, 13))
        )
        best = max(best, scale * math.exp(-q / 12))
    return -float(0.5 + (t["peak"].max() - 0.5) * best)


_GEAR_PARAMETERS = {
    name: {"distribution": "int_uniform", "min": 12, "max": 60}
    for name in ("driver_a", "driver_b", "driven_a", "driven_b")
}
_GEAR_RATIO = 1 / 6.931


def _gear_train() -> Objective:
    """The gear train (Sandgren 1990): the squared error of a compound gear's ratio against 1 / 6.931, teeth
    counts 12 to 60."""

    def f(c: Mapping[str, Any]) -> float:
        ratio = int(c["driver_a"]) * int(c["driver_b"]) / (int(c["driven_a"]) * int(c["driven_b"]))
        return float((_GEAR_RATIO - ratio) ** 2)

    return f


@functools.cache
def _gear_train_best() -> float:
    """Enumerated over the products of two teeth counts: about 2.70e-12 at (16, 19, 43, 49) and its swaps."""
    teeth = np.arange(12, 61)
    products = np.unique(np.outer(teeth, teeth))
    return float(np.min((_GEAR_RATIO - products[:, None] / products[None, :]) ** 2))


# -- mixed and discrete, real: 3-fold fits, spaces as a W&B user writes them -----------------------------


def _nystroem_ridge() -> Objective:
    """A Nystroem kernel map (kernel, components, gamma) then a ridge classifier (alpha), -accuracy."""
    from sklearn.kernel_approximation import Nystroem
    from sklearn.linear_model import RidgeClassifier
    from sklearn.pipeline import make_pipeline

    def f(c: Mapping[str, Any]) -> float:
        features = Nystroem(
            kernel=str(c["kernel"]), gamma=float(c["gamma"]), n_components=int(c["n_components"]), random_state=0
        )
        return _cv_loss(make_pipeline(features, RidgeClassifier(alpha=float(c["alpha"]))), "fw-nystroem", "accuracy")

    return f


def _spline_regression() -> Objective:
    """B-splines per feature (knots, degree, placement, extrapolation, bias) then unregularized least squares, MSE."""
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import SplineTransformer

    def f(c: Mapping[str, Any]) -> float:
        splines = SplineTransformer(
            n_knots=int(c["n_knots"]),
            degree=int(c["degree"]),
            knots=str(c["knots"]),
            extrapolation=str(c["extrapolation"]),
            include_bias=bool(c["include_bias"]),
        )
        return _cv_loss(make_pipeline(splines, LinearRegression()), "fw-spline", "neg_mean_squared_error")

    return f


_REAL_MIXED: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "nystroem-ridge",
        "Nystroem features (kernel, components, gamma) and a ridge classifier (alpha), 3 clusters a class, -accuracy",
        {
            "kernel": {"values": ["rbf", "laplacian", "polynomial"]},
            "n_components": {"distribution": "int_uniform", "min": 10, "max": 300},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 10.0},
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 100.0},
        },
        _nystroem_ridge,
    ),
    (
        "radius-neighbors",
        "radius neighbours (radius, weights, metric; outliers the most frequent class), 3 imbalanced classes, "
        "-balanced accuracy",
        {
            "radius": {"distribution": _LOG, "min": 0.3, "max": 6.0},
            "weights": {"values": ["uniform", "distance"]},
            "metric": {"values": ["euclidean", "manhattan", "chebyshev"]},
        },
        lambda: _estimator(
            "sklearn.neighbors.RadiusNeighborsClassifier",
            {"radius": float, "weights": str, "metric": str},
            {"outlier_label": "most_frequent"},
            "fw-radius",
            "balanced_accuracy",
        ),
    ),
    (
        "spline-regression",
        "B-splines on Friedman 1 with 5 inert features (knots, degree, placement, extrapolation, bias) and least "
        "squares, 267 training points a fold, MSE",
        {
            "n_knots": {"distribution": "int_uniform", "min": 2, "max": 30},
            "degree": {"distribution": "int_uniform", "min": 1, "max": 5},
            "knots": {"values": ["uniform", "quantile"]},
            "extrapolation": {"values": ["constant", "linear", "continue"]},
            "include_bias": {"values": [True, False]},
        },
        _spline_regression,
    ),
]


def fresh_warp_tasks() -> list[Task]:
    """Every task of the fresh-warp half, in a fixed order: synthetic (continuous first), then real."""
    synthetic: list[tuple[str, Mapping[str, Any], Callable[[], Objective], float | Callable[[], float], str]] = [
        (
            "freudenstein-roth-2d",
            _axes(("uniform", -8.0, 16.0), ("uniform", -3.0, 8.0)),
            _plain(2, _freudenstein_roth),
            0.0,
            "Freudenstein-Roth: a narrow curved valley (degree 6), optimum at (5, 4), a local one near (11.41, -0.90)",
        ),
        (
            "alpine2-4d",
            _box(4, 0.0, 10.0),
            _plain(4, _alpine2),
            -((math.sqrt(_ALPINE2_X) * math.sin(_ALPINE2_X)) ** 4),
            "Alpine N.2 (minus): a product of four factors, optimum at x_i = 7.917",
        ),
        (
            "brown-almost-linear-6d",
            _box(6, -2.0, 2.5),
            _plain(6, _brown_almost_linear),
            0.0,
            "Brown almost-linear: five linear residuals and a product of all six, optimum at (1, ..., 1)",
        ),
        (
            "variably-dimensioned-8d",
            _box(8, -2.0, 3.0),
            _plain(8, _variably_dimensioned),
            0.0,
            "variably dimensioned: a quartic in a weighted sum, optimum at (1, ..., 1)",
        ),
        (
            "periodic-2d",
            _box(2, -10.0, 10.0),
            _DRAWS.moved("periodic", 2, -5.0, 5.0, _periodic),
            0.9,
            "periodic: a lattice of near-optima (1 - 0.1 e^-r^2), the best one drawn",
        ),
        (
            "corrugated-spring-3d",
            _box(3, 0.0, 10.0),
            _DRAWS.moved("corrugated-spring", 3, 2.0, 8.0, _corrugated_spring),
            -1.0,
            "deflected corrugated spring: rings on a shallow bowl, optimum drawn",
        ),
        (
            "inverted-cosine-5d",
            _box(5, -5.0, 5.0),
            _DRAWS.moved("inverted-cosine", 5, -3.0, 3.0, _inverted_cosine),
            -4.0,
            "inverted cosine wave: damped rings per pair of axes, optimum drawn",
        ),
        (
            "linear-full-rank-7d",
            _box(7, -4.0, 3.0),
            _plain(7, _linear_full_rank),
            float(_LFR_M - 7),
            "linear function, full rank (m = 10): a quadratic bowl, optimum at (-1, ..., -1)",
        ),
        (
            "trigonometric2-10d",
            _box(10, -3.0, 3.0),
            _DRAWS.moved("trigonometric2", 10, -1.5, 1.5, _trigonometric2),
            1.0,
            "trigonometric 2: separable ripples on a bowl, optimum drawn",
        ),
        (
            "momentum-explosion",
            _EXPLOSION_PARAMETERS,
            _momentum_explosion,
            _momentum_explosion_best,
            "mixed: a basin in the effective rate below a critical one, past it the loss explodes; enumerated",
        ),
        (
            "time-to-target",
            _TARGET_PARAMETERS,
            _time_to_target,
            _time_to_target_best,
            "mixed: hours to a target, steps (rate misfit, batch) x seconds per step (GPUs, precision, loaders); "
            "enumerated",
        ),
        (
            "cnn-accuracy",
            _CNN_PARAMETERS,
            _cnn_accuracy,
            _cnn_accuracy_best,
            "mixed: minus a saturating accuracy over 12 parameters; enumerated",
        ),
        (
            "boosting-auc",
            _BOOSTING_PARAMETERS,
            _boosting_auc,
            _boosting_auc_best,
            "mixed: minus an AUC with two modes (shallow and long, deep and short); enumerated",
        ),
        (
            "gear-train",
            _GEAR_PARAMETERS,
            _gear_train,
            _gear_train_best,
            "discrete: four teeth counts, a gear ratio's squared error (2.7e-12 to 600); enumerated",
        ),
    ]
    return half_tasks(FRESH_WARP, "fw", synthetic, [*_REAL_CONTINUOUS, *_REAL_MIXED])
