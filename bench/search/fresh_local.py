"""The *fresh-local* half: continuous, mixed and discrete spaces at 20 to 100 trials, for local candidates in the GP.

Every earlier half has been read (fresh-full by the rule it judged), so a candidate for the plain
install's GP of one length scale needs tasks no rule has seen: these, written and committed with the
criteria before any search on them. No problem here appears in another half.

* ``plain-local`` (plain install, no torch): where ``auto`` runs ``isogp+tpe`` (TPE's random start,
  then the GP of one length scale, every 3rd trial from trial 10 TPE's), its GP from trial 10 on also
  scores 1,000 candidates drawn around the five best trials (a third each at spreads 0.01, 0.05 and
  0.2 of the unit box) beside W&B's 1,000 uniform ones (``IsotropicGP(local=1000)``, option
  ``local``). The first ten trials are the same points as ``auto-plain``'s, search for search, so 10
  is not a budget here.

Why it runs (design half, 62 tasks, 4 seeds, budgets 20 and 50, raw lines
``bench/results/design-s13-local.jsonl``; better / worse against ``auto-plain``, same task, seed and
budget): 122 / 87 at 20 trials (p = 0.018) and 153 / 77 at 50 (p = 6e-7); synthetic tasks 93 / 57 and
117 / 49, tables 23 / 22 and 28 / 22, real fits 6 / 8 and 8 / 6. Against W&B's ``bayes`` 137 / 109 and
153 / 93, where ``auto-plain`` has 123 / 124 and 123 / 123. What suggested it: on fresh-continuous
(read), 200-trial searches of the plain install's rule lead TPE's 30 / 15 at trial 100 and are level
at trial 200 (22 / 23; 3 to 4 seeds, ``bench/results/fresh-continuous-200.jsonl``): 1,000 uniform
candidates seldom land near a good point once the trials are many, so the GP stops refining it.

The criteria, written with this half and before any search on it (2026-12-06); 10 seeds; budgets 20,
50 and 100; beside the plain install's ``auto`` (``auto-plain``) and W&B's engine. The candidate
becomes the plain install's rule only if, against ``auto-plain`` (same task, seed and budget):
(1) summed over every search of the half it is better in more searches than worse with a two-sided
sign test p < 0.05; (2) at no budget is it worse with p < 0.05; (3) its paired share against W&B's
``bayes``, summed over the half, is higher than ``auto-plain``'s. Otherwise it is not kept; the
figures are reported either way.

The tasks: 20, one problem each, every one run at budgets 20, 50 and 100. As ``auto`` counts them,
14 spaces are continuous (floats only: ``uniform`` and ``log_uniform_values``), 4 mixed and 2
discrete (none all-categorical, none conditional; no categorical has more than 10 values, no space
more than 12 parameters), so the plain install's ``auto`` runs ``isogp+tpe`` on each. The spaces are
written as W&B users write a sweep's ``parameters`` (log-uniform rates and scales, ``int_uniform``,
``q_uniform``, ``q_log_uniform_values``, ``values`` lists of strings, numbers and booleans).
Synthetic optima are where the function puts them (not at the centre, none on a bound) or drawn
inside the box with this half's seed, and exact (in closed form, or enumerated over the discrete part
with the continuous part's optimum known; Langermann's and Schaffer N.4's found numerically, to
machine precision); real fits run on data generated with seeds no other task uses.

* continuous, ``synthetic``: Langermann (2-D, five basins, the best at about (2.003, 1.006)),
  Schaffer N.4 (2-D, four optima on a ring of ripples, moved), Bukin N.6 (2-D, not smooth: a
  parabolic ridge, optimum at (-10, 1)), Zirilli (2-D, smooth, two basins, the better one at the
  smallest root of a cubic); Gulf Research (3-D, a curve fit with its scale and exponent on
  log-uniform axes, optimum at (50, 25, 1.5)), the helical valley (3-D, a curved valley); Miele-Cantrell
  (4-D, flat bottom, one axis log-uniform) and the stretched V sine wave (4-D, rippled, moved);
  Chung-Reynolds (5-D, a quartic bowl, moved), Pintér (6-D, multimodal, moved), Biggs EXP6 (6-D, a
  sum of three exponentials fitted, its rates on log-uniform axes, two optima) and sum squares (8-D,
  weights 1 .. 8, moved);
* continuous, ``real`` (3-fold cross-validated, floats only): kernel ridge with a Laplacian kernel
  (alpha, gamma) and an elastic net on correlated features (alpha, l1 ratio);
* mixed and discrete, ``synthetic`` (exact optima): six boolean flags with main effects and pair
  interactions beside V-shaped (absolute-value) terms in dropout and log weight decay whose centres
  move with two flags; a transformer's width (``q_uniform``), heads, layers and two numeric values
  lists, where a width the heads do not divide costs a fixed penalty (discrete); a divergence cliff
  beside the learning rate's basin (the rate past the critical one a flat plateau), the critical rate
  moving with the optimizer, a ``q_log_uniform_values`` batch, ``q_uniform`` warmup and fp16; a
  product of three factors (training: rate and ``q_uniform`` epochs; ensemble: members and
  aggregation; calibration: temperature, bagging and aggregation), so each factor scales the others;
* mixed and discrete, ``real``: k-nearest neighbours (k, weights, the Minkowski power as a float;
  mixed) and a decision tree regressor (depth, leaf and split sizes, features, criterion; discrete).
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
from bench.search.fresh_mixed import _index, _none_or
from bench.search.tasks import Objective, Task, _box

__all__ = ["FRESH_LOCAL", "fresh_local_tasks", "generated_data"]

FRESH_LOCAL = "fresh-local"
#: the seed of every drawn optimum, shift, table and generated dataset of this half (fixed; never redrawn).
SEED = 20261217

_DRAWS = Draws("fl", SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``.

    The seeds are ``100 SEED + i`` (``SEED + i`` would repeat fresh-full's ``20261216 + i``, ``SEED % 1000 + i``
    fresh-mixed's 216 to 226).
    """
    from sklearn import datasets

    base = 100 * SEED
    return {
        "fl-krr": lambda: datasets.make_friedman2(n_samples=300, noise=30.0, random_state=base + 1),
        "fl-enet": lambda: datasets.make_regression(
            n_samples=200, n_features=60, n_informative=10, effective_rank=15, noise=1.0, random_state=base + 2
        ),
        "fl-knn": lambda: datasets.make_friedman1(n_samples=240, n_features=8, noise=1.0, random_state=base + 3),
        "fl-tree": lambda: datasets.make_friedman3(n_samples=400, noise=0.1, random_state=base + 4),
    }


_LOG = "log_uniform_values"


def _axes(*axes: tuple[str, float, float]) -> dict[str, Any]:
    """``x0``, ``x1``, ... with their own distribution and range each."""
    return {f"x{i}": {"distribution": kind, "min": lo, "max": hi} for i, (kind, lo, hi) in enumerate(axes)}


# -- continuous, synthetic: classic functions, optima where the function puts them or drawn -----------

_LANGERMANN_A = np.array([[3.0, 5.0], [5.0, 2.0], [2.0, 1.0], [1.0, 4.0], [7.0, 9.0]])
_LANGERMANN_C = np.array([1.0, 2.0, 5.0, 2.0, 3.0])


def _langermann(x: np.ndarray) -> float:
    """Langermann (m = 5, as Jamil and Yang 2013 write it, with the leading minus)."""
    d = np.sum((x - _LANGERMANN_A) ** 2, axis=1)
    return float(-np.sum(_LANGERMANN_C * np.exp(-d / math.pi) * np.cos(math.pi * d)))


#: at (2.0029921182, 1.0060959403): the best of 30 Nelder-Mead then L-BFGS-B runs from a 401 x 401 grid's best.
_LANGERMANN_BEST = -5.162126159963984


def _schaffer4(x: np.ndarray) -> float:
    a, b = x
    return 0.5 + (math.cos(math.sin(abs(a * a - b * b))) ** 2 - 0.5) / (1 + 0.001 * (a * a + b * b)) ** 2


#: at (0, +-1.2531318) and (+-1.2531318, 0) before the move: the same search as Langermann's.
_SCHAFFER4_BEST = 0.29257863203598033


def _bukin6(x: np.ndarray) -> float:
    return float(100 * math.sqrt(abs(x[1] - 0.01 * x[0] ** 2)) + 0.01 * abs(x[0] + 10))


def _zirilli(x: np.ndarray) -> float:
    return float(0.25 * x[0] ** 4 - 0.5 * x[0] ** 2 + 0.1 * x[0] + 0.5 * x[1] ** 2)


#: the smallest root of x^3 - x + 0.1 (the trigonometric form of the cubic's roots): the better basin's bottom.
_ZIRILLI_X = 2 / math.sqrt(3) * math.cos(math.acos(-0.15 * math.sqrt(3)) / 3 - 4 * math.pi / 3)

_GULF_I = np.arange(1, 100)
_GULF_Y = 25 + (-50 * np.log(_GULF_I / 100)) ** (2 / 3)


def _gulf(x: np.ndarray) -> float:
    """Gulf Research and Development (Moré, Garbow and Hillstrom 1981, m = 99): 0 at (50, 25, 1.5)."""
    r = np.exp(-(np.abs(_GULF_Y - x[1]) ** x[2]) / x[0]) - _GULF_I / 100
    return float(np.sum(r**2))


def _helical_valley(x: np.ndarray) -> float:
    """The helical valley (Fletcher and Powell): 0 at (1, 0, 0); theta in (-1/4, 3/4] as Moré et al. define it."""
    theta = math.atan2(x[1], x[0]) / (2 * math.pi)
    theta += 1.0 if theta <= -0.25 else 0.0
    return float(100 * ((x[2] - 10 * theta) ** 2 + (math.hypot(x[0], x[1]) - 1) ** 2) + x[2] ** 2)


def _miele_cantrell(x: np.ndarray) -> float:
    """Miele-Cantrell: 0 at (0, 1, 1, 1); ``x[2] - x[3]`` stays inside (-pi/2, pi/2) in the box (no pole of tan)."""
    return float((math.exp(x[0]) - x[1]) ** 4 + 100 * (x[1] - x[2]) ** 6 + math.tan(x[2] - x[3]) ** 4 + x[0] ** 8)


def _stretched_v(x: np.ndarray) -> float:
    r = x[:-1] ** 2 + x[1:] ** 2
    return float(np.sum(r**0.25 * (np.sin(50 * r**0.1) ** 2 + 0.1)))


def _chung_reynolds(x: np.ndarray) -> float:
    return float(np.sum(x**2) ** 2)


def _pinter(x: np.ndarray) -> float:
    """Pintér: 0 at the origin; each term's neighbours wrap around (``x_0 = x_n``, ``x_{n+1} = x_1``)."""
    i = np.arange(1, len(x) + 1)
    before, after = np.roll(x, 1), np.roll(x, -1)
    a = before * np.sin(x) + np.sin(after)
    b = before**2 - 2 * x + 3 * after - np.cos(x) + 1
    return float(np.sum(i * x**2) + np.sum(20 * i * np.sin(a) ** 2) + np.sum(i * np.log10(1 + i * b**2)))


_BIGGS_T = 0.1 * np.arange(1, 14)
_BIGGS_Y = np.exp(-_BIGGS_T) - 5 * np.exp(-10 * _BIGGS_T) + 3 * np.exp(-4 * _BIGGS_T)


def _biggs_exp6(x: np.ndarray) -> float:
    """Biggs EXP6 (m = 13): 0 at (1, 10, 1, 5, 4, 3) and at (4, 10, 3, 5, 1, 1) (the two decaying terms swapped)."""
    t = _BIGGS_T
    r = x[2] * np.exp(-t * x[0]) - x[3] * np.exp(-t * x[1]) + x[5] * np.exp(-t * x[4]) - _BIGGS_Y
    return float(np.sum(r**2))


def _sum_squares(x: np.ndarray) -> float:
    return float(np.sum(np.arange(1, len(x) + 1) * x**2))


# -- continuous, real: floats only ----------------------------------------------------------------

_REAL_CONTINUOUS: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "kernel-ridge-laplacian",
        "kernel ridge with a Laplacian kernel (alpha, gamma) on Friedman 2, MSE / 1e4",
        {
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.kernel_ridge.KernelRidge",
            {"alpha": float, "gamma": float},
            {"kernel": "laplacian"},
            "fl-krr",
            "neg_mean_squared_error",
            1e4,
        ),
    ),
    (
        "elasticnet-correlated",
        "elastic net (alpha, l1 ratio) on 60 correlated features (effective rank 15), 10 informative, MSE",
        {
            "alpha": {"distribution": _LOG, "min": 1e-5, "max": 10.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.ElasticNet",
            {"alpha": float, "l1_ratio": float},
            {"max_iter": 5000},
            "fl-enet",
            "neg_mean_squared_error",
        ),
    ),
]


# -- mixed and discrete, synthetic: exact optima ----------------------------------------------------

_FLAGS = ("augment", "ema", "amp", "nesterov", "warm_restarts", "tie_embeddings")
_FLAG_PARAMETERS = {
    **{name: {"values": [True, False]} for name in _FLAGS},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.5},
    "weight_decay": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
}


@functools.cache
def _flag_table() -> tuple[np.ndarray, np.ndarray]:
    """Each flag's effect when on (drawn in [-0.3, 0.3]) and five of the 15 pairs' interactions (in [-0.4, 0.4])."""
    rng = _DRAWS.table_rng("flag-interactions")
    main = rng.uniform(-0.3, 0.3, len(_FLAGS))
    upper = np.triu_indices(len(_FLAGS), 1)
    pairs = rng.choice(len(upper[0]), 5, replace=False)
    interactions = np.zeros((len(_FLAGS), len(_FLAGS)))
    interactions[upper[0][pairs], upper[1][pairs]] = rng.uniform(-0.4, 0.4, 5)
    return main, interactions


def _flag_value(on: np.ndarray) -> float:
    main, interactions = _flag_table()
    return float(main @ on + on @ interactions @ on)


def _flag_interactions() -> Objective:
    """The flags' quadratic plus V-shaped terms: the best dropout lower with augmentation, the best log10 weight
    decay higher with EMA (drawn; inside the box either way)."""
    u = _DRAWS.unit("flag-interactions", 2)
    dropout, decay = 0.1 + 0.25 * u[0], -5.0 + 3.0 * u[1]

    def f(c: Mapping[str, Any]) -> float:
        on = np.array([1.0 if bool(c[name]) else 0.0 for name in _FLAGS])
        return float(
            _flag_value(on)
            + 2.0 * abs(float(c["dropout"]) - (dropout - 0.08 * on[0]))
            + 0.3 * abs(math.log10(float(c["weight_decay"])) - (decay + 0.5 * on[1]))
        )

    return f


@functools.cache
def _flag_interactions_best() -> float:
    """Enumerated over the 64 settings of the flags (the floats' terms 0 at their centres)."""
    return min(_flag_value(np.array(bits, dtype=float)) for bits in itertools.product((0.0, 1.0), repeat=len(_FLAGS)))


_SEQ_LENS = [128, 256, 512, 1024, 2048]
_FFN_MULTS = [2, 3, 4, 6, 8]
_HEADS_PARAMETERS = {
    "d_model": {"distribution": "q_uniform", "min": 64, "max": 1024, "q": 64},
    "n_heads": {"distribution": "int_uniform", "min": 1, "max": 16},
    "n_layers": {"distribution": "int_uniform", "min": 2, "max": 24},
    "seq_len": {"values": _SEQ_LENS},
    "ffn_mult": {"values": _FFN_MULTS},
}
_D_MODELS = range(64, 1025, 64)  # what q_uniform(64, 1024, q=64) gives


@functools.cache
def _heads_table() -> tuple[float, float, float, int, int]:
    """The best log2 head width, log2 size (layers x width^2), log2 width per layer, sequence and FFN index (drawn)."""
    u = _DRAWS.unit("divisible-heads", 5)
    return 5 + 2 * u[0], 17 + 6 * u[1], 3 + 4 * u[2], 1 + round(2 * u[3]), 1 + round(2 * u[4])


def _heads_core(d_model: int, heads: int, layers: int) -> float:
    """Every term but the two lists': a width the heads do not divide costs 1; head width, size, aspect."""
    head, size, aspect, _, _ = _heads_table()
    return float(
        (0.0 if d_model % heads == 0 else 1.0)
        + 0.4 * (math.log2(d_model / heads) - head) ** 2
        + 0.15 * (math.log2(layers * d_model**2) - size) ** 2
        + 0.05 * (math.log2(d_model / layers) - aspect) ** 2
    )


def _divisible_heads() -> Objective:
    _, _, _, best_seq, best_ffn = _heads_table()

    def f(c: Mapping[str, Any]) -> float:
        d_model = round(float(c["d_model"]))
        return float(
            _heads_core(d_model, int(c["n_heads"]), int(c["n_layers"]))
            + 0.06 * (_index(_SEQ_LENS, c["seq_len"]) - best_seq) ** 2
            + 0.08 * (_index(_FFN_MULTS, c["ffn_mult"]) - best_ffn) ** 2
        )

    return f


@functools.cache
def _divisible_heads_best() -> float:
    """Enumerated over width, heads and layers (the two lists' terms 0 at their drawn index)."""
    return float(min(itertools.starmap(_heads_core, itertools.product(_D_MODELS, range(1, 17), range(2, 25)))))


_CLIFF_OPTIMIZERS = ["sgd", "adam", "lion", "adafactor"]
_CLIFF_PARAMETERS = {
    "optimizer": {"values": _CLIFF_OPTIMIZERS},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "batch_size": {"distribution": "q_log_uniform_values", "min": 16, "max": 2048, "q": 16},
    "warmup_steps": {"distribution": "q_uniform", "min": 0, "max": 2000, "q": 100},
    "fp16": {"values": [True, False]},
}
_CLIFF_BATCHES = range(16, 2049, 16)  # what q_log_uniform_values(16, 2048, q=16) gives
_CLIFF_WARMUPS = range(0, 2001, 100)  # what q_uniform(0, 2000, q=100) gives


@functools.cache
def _cliff_table() -> dict[str, Any]:
    """Per optimizer: log10 critical rate at batch 256 without warmup, the basin's margin below it, an offset (the
    best 0); the best log2 batch and warmup (drawn)."""
    rng = _DRAWS.table_rng("cliff-rate")
    k = len(_CLIFF_OPTIMIZERS)
    offset = rng.uniform(0.0, 0.3, k)
    u = _DRAWS.unit("cliff-rate", 2)
    return {
        "critical": rng.uniform(-3.0, -2.0, k),
        "margin": rng.uniform(0.3, 0.6, k),
        "offset": offset - offset.min(),
        "batch": 5 + 5 * u[0],
        "warmup": 200 + 1600 * u[1],
    }


def _cliff_batch(batch: float) -> float:
    return 0.1 * (math.log2(batch) - _cliff_table()["batch"]) ** 2


def _cliff_warmup(warmup: float) -> float:
    return 0.2 * ((warmup - _cliff_table()["warmup"]) / 1000) ** 2


def _cliff_rate() -> Objective:
    """A basin in the log rate just below a critical rate, past which the loss is a plateau (2.5, a diverged run;
    the basin's edge at most 1.44): the critical rate rises with the batch (square-root scaling) and the warmup and
    falls with fp16; the basin's centre stays inside the box for every optimizer, batch, warmup and fp16."""
    t = _cliff_table()

    def f(c: Mapping[str, Any]) -> float:
        i = _CLIFF_OPTIMIZERS.index(str(c["optimizer"]))
        batch, warmup, fp16 = float(c["batch_size"]), float(c["warmup_steps"]), bool(c["fp16"])
        critical = t["critical"][i] + 0.5 * math.log10(batch / 256) + 0.4 * math.log10(1 + warmup / 200) - 0.3 * fp16
        rate = math.log10(float(c["learning_rate"]))
        basin = 2.5 if rate > critical else ((rate - critical + t["margin"][i]) / 0.5) ** 2
        return float(t["offset"][i] + basin + _cliff_batch(batch) + _cliff_warmup(warmup) + (0.0 if fp16 else 0.05))

    return f


@functools.cache
def _cliff_rate_best() -> float:
    """The best optimizer (offset 0), fp16, the basin's bottom (0); the batch and warmup of their grids."""
    return float(min(map(_cliff_batch, _CLIFF_BATCHES)) + min(map(_cliff_warmup, _CLIFF_WARMUPS)))


_AGGREGATIONS = ["mean", "median", "vote", "stack"]
_ENSEMBLE_PARAMETERS = {
    "learning_rate": {"distribution": _LOG, "min": 1e-4, "max": 1.0},
    "epochs": {"distribution": "q_uniform", "min": 5, "max": 200, "q": 5},
    "n_members": {"distribution": "int_uniform", "min": 1, "max": 12},
    "aggregation": {"values": _AGGREGATIONS},
    "temperature": {"distribution": _LOG, "min": 0.1, "max": 10.0},
    "bagging": {"values": [True, False]},
}
_ENSEMBLE_EPOCHS = range(5, 201, 5)  # what q_uniform(5, 200, q=5) gives


@functools.cache
def _ensemble_table() -> dict[str, Any]:
    """The best log10 rate at 50 epochs and log2 epochs; per aggregation: the members' spread, an offset (the best
    0) and the best log10 temperature (drawn)."""
    rng = _DRAWS.table_rng("ensemble-product")
    k = len(_AGGREGATIONS)
    offset = rng.uniform(0.0, 0.2, k)
    u = _DRAWS.unit("ensemble-product", 2)
    return {
        "rate": -3.0 + 1.5 * u[0],
        "epochs": 4 + 3 * u[1],
        "spread": rng.uniform(0.3, 1.2, k),
        "offset": offset - offset.min(),
        "temperature": rng.uniform(-0.6, 0.6, k),
    }


def _ensemble_epochs(epochs: float) -> float:
    return 1 + 0.15 * (math.log2(epochs) - _ensemble_table()["epochs"]) ** 2


def _ensemble_members(members: int, aggregation: int, bagging: bool) -> float:
    """The ensemble factor: spread / members (bagging cuts the spread by 0.3) against 0.015 per member."""
    t = _ensemble_table()
    spread = t["spread"][aggregation] * (0.7 if bagging else 1.0)
    return float(1 + spread / members + 0.015 * members + t["offset"][aggregation])


def _ensemble_product() -> Objective:
    """Training (log rate, its best falling with the epochs, and log2 epochs) x ensemble (members, aggregation,
    bagging) x calibration (log temperature, its best moved by aggregation and bagging; bagging costs 0.05), less 1:
    each factor at least 1, so each scales the others' effect."""
    t = _ensemble_table()

    def f(c: Mapping[str, Any]) -> float:
        epochs, bagging = float(c["epochs"]), bool(c["bagging"])
        j = _AGGREGATIONS.index(str(c["aggregation"]))
        centre = t["rate"] - 0.5 * math.log10(epochs / 50)
        training = _ensemble_epochs(epochs) + ((math.log10(float(c["learning_rate"])) - centre) / 0.6) ** 2
        temperature = t["temperature"][j] + (0.2 if bagging else 0.0)
        calibration = 1 + ((math.log10(float(c["temperature"])) - temperature) / 0.4) ** 2 + (0.05 if bagging else 0.0)
        return float(training * _ensemble_members(int(c["n_members"]), j, bagging) * calibration - 1)

    return f


@functools.cache
def _ensemble_product_best() -> float:
    """The rate and temperature at their centres (inside the box); epochs, members, aggregation and bagging
    enumerated."""
    training = min(map(_ensemble_epochs, _ENSEMBLE_EPOCHS))
    return min(
        training * _ensemble_members(n, j, bagging) * (1.05 if bagging else 1.0) - 1
        for n, j, bagging in itertools.product(range(1, 13), range(len(_AGGREGATIONS)), (True, False))
    )


# -- mixed and discrete, real: 3-fold fits, spaces as a W&B user writes them -----------------------------

_REAL_MIXED: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "knn-float-p",
        "k-nearest-neighbour regression (k, weights, Minkowski p as a float) on Friedman 1 with 3 inert features, MSE",
        {
            "n_neighbors": {"distribution": "int_uniform", "min": 1, "max": 60},
            "weights": {"values": ["uniform", "distance"]},
            "p": {"distribution": "uniform", "min": 1.0, "max": 4.0},
        },
        lambda: _estimator(
            "sklearn.neighbors.KNeighborsRegressor",
            {"n_neighbors": int, "weights": str, "p": float},
            {"algorithm": "brute"},
            "fl-knn",
            "neg_mean_squared_error",
        ),
    ),
    (
        "tree-regressor",
        "decision tree regressor (depth, leaf and split sizes, features, criterion) on Friedman 3, MSE x 100",
        {
            "max_depth": {"distribution": "int_uniform", "min": 1, "max": 16},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 40},
            "min_samples_split": {"distribution": "int_uniform", "min": 2, "max": 40},
            "max_features": {"values": ["sqrt", "log2", "all"]},
            "criterion": {"values": ["squared_error", "friedman_mse", "absolute_error"]},
        },
        lambda: _estimator(
            "sklearn.tree.DecisionTreeRegressor",
            {"max_depth": int, "min_samples_leaf": int, "min_samples_split": int, "criterion": str}
            | {"max_features": _none_or},
            {"random_state": 0},
            "fl-tree",
            "neg_mean_squared_error",
            0.01,
        ),
    ),
]


def fresh_local_tasks() -> list[Task]:
    """Every task of the fresh-local half, in a fixed order: synthetic (continuous first), then real."""
    synthetic: list[tuple[str, Mapping[str, Any], Callable[[], Objective], float | Callable[[], float], str]] = [
        (
            "langermann-2d",
            _box(2, 0.0, 10.0),
            _plain(2, _langermann),
            _LANGERMANN_BEST,
            "Langermann: five basins of ripples, optimum near (2.003, 1.006)",
        ),
        (
            "schaffer4-2d",
            _box(2, -10.0, 10.0),
            _DRAWS.moved("schaffer4", 2, -4.0, 4.0, _schaffer4),
            _SCHAFFER4_BEST,
            "Schaffer N.4: four optima on a ring of ripples, moved by a drawn point",
        ),
        (
            "bukin6-2d",
            _axes(("uniform", -14.0, -4.0), ("uniform", -3.0, 3.0)),
            _plain(2, _bukin6),
            0.0,
            "Bukin N.6: a parabolic ridge, not smooth, optimum at (-10, 1)",
        ),
        (
            "zirilli-2d",
            _axes(("uniform", -2.5, 2.0), ("uniform", -1.5, 2.5)),
            _plain(2, _zirilli),
            _zirilli(np.array([_ZIRILLI_X, 0.0])),
            "Zirilli: smooth, two basins, optimum near (-1.0465, 0)",
        ),
        (
            "gulf-3d",
            _axes((_LOG, 2.0, 200.0), ("uniform", 5.0, 40.0), (_LOG, 0.2, 5.0)),
            _plain(3, _gulf),
            0.0,
            "Gulf Research: a curve fit, scale and exponent log-uniform, optimum at (50, 25, 1.5)",
        ),
        (
            "helical-valley-3d",
            _axes(("uniform", -2.0, 3.0), ("uniform", -2.5, 2.0), ("uniform", -3.0, 2.0)),
            _plain(3, _helical_valley),
            0.0,
            "helical valley: a curved valley, optimum at (1, 0, 0)",
        ),
        (
            "miele-cantrell-4d",
            _axes(("uniform", -1.0, 2.0), (_LOG, 0.25, 8.0), ("uniform", 0.3, 1.8), ("uniform", 0.3, 1.8)),
            _plain(4, _miele_cantrell),
            0.0,
            "Miele-Cantrell: flat bottom (powers 4, 6, 8), x1 log-uniform, optimum at (0, 1, 1, 1)",
        ),
        (
            "stretched-v-4d",
            _box(4, -10.0, 10.0),
            _DRAWS.moved("stretched-v", 4, -5.0, 5.0, _stretched_v),
            0.0,
            "stretched V sine wave: rippled, not smooth at the optimum (drawn)",
        ),
        (
            "chung-reynolds-5d",
            _box(5, -5.0, 5.0),
            _DRAWS.moved("chung-reynolds", 5, -3.0, 3.0, _chung_reynolds),
            0.0,
            "Chung-Reynolds: a quartic bowl, flat at the optimum (drawn)",
        ),
        (
            "pinter-6d",
            _box(6, -10.0, 10.0),
            _DRAWS.moved("pinter", 6, -5.0, 5.0, _pinter),
            0.0,
            "Pintér: multimodal, optimum drawn",
        ),
        (
            "biggs-exp6-6d",
            _axes(
                (_LOG, 0.1, 30.0),
                (_LOG, 0.1, 30.0),
                ("uniform", 0.0, 8.0),
                ("uniform", 0.0, 8.0),
                (_LOG, 0.1, 30.0),
                ("uniform", 0.0, 8.0),
            ),
            _plain(6, _biggs_exp6),
            0.0,
            "Biggs EXP6: three exponentials fitted, rates log-uniform, optima at (1, 10, 1, 5, 4, 3) and (4, 10, 3, 5, 1, 1)",
        ),
        (
            "sum-squares-8d",
            _box(8, -5.0, 5.0),
            _DRAWS.moved("sum-squares", 8, -3.5, 3.5, _sum_squares),
            0.0,
            "sum squares: smooth, convex, weights 1 .. 8, optimum drawn",
        ),
        (
            "flag-interactions",
            _FLAG_PARAMETERS,
            _flag_interactions,
            _flag_interactions_best,
            "mixed: six boolean flags (main effects, pair interactions), V-shaped dropout and log decay; enumerated",
        ),
        (
            "divisible-heads",
            _HEADS_PARAMETERS,
            _divisible_heads,
            _divisible_heads_best,
            "discrete: q_uniform width, heads (penalty where they do not divide it), layers, two lists; enumerated",
        ),
        (
            "cliff-rate",
            _CLIFF_PARAMETERS,
            _cliff_rate,
            _cliff_rate_best,
            "mixed: a rate basin beside a divergence cliff moved by optimizer, q_log batch, q warmup, fp16; enumerated",
        ),
        (
            "ensemble-product",
            _ENSEMBLE_PARAMETERS,
            _ensemble_product,
            _ensemble_product_best,
            "mixed: a product of training, ensemble and calibration factors; enumerated",
        ),
    ]
    return half_tasks(FRESH_LOCAL, "fl", synthetic, [*_REAL_CONTINUOUS, *_REAL_MIXED])
