"""The *fresh-categorical* half: mixed, discrete and all-categorical spaces with string and boolean values, for the GP.

Every earlier half has been read (fresh-average by the rule it judged), so a candidate that changes how
``auto``'s Gaussian process reads a categorical needs tasks no rule has seen: these, written and
committed with the criteria before any search on them. No problem here appears in another half.

* ``isogp-eq`` (both installs): ``auto``'s GP of one length scale reads every two values of a
  categorical as equally far apart (one-hot columns at distance 1, the length of one numeric axis)
  instead of as W&B's ``bayes`` reads a categorical (the positions of its values in listed order on one
  axis of [0, 1], so the first and last values are farthest apart and neighbours in the list look
  alike). Its local candidates around the best trials change a categorical's value as often as before,
  but to any other value rather than to a listed neighbour. Everything else in ``auto``'s rule is
  unchanged; on spaces without a categorical the candidate runs exactly today's rule, so every task of
  this half has at least one categorical.

Why it runs (design half, its 6 tasks with a categorical of strings or booleans, 4 seeds, budgets 10,
20 and 50; on the other 56 the candidate runs today's rule unchanged; raw lines
``bench/results/design-s16-eq.jsonl`` against ``design-s14-warp.jsonl``'s ``plain-warp-power``, whose
searches are today's rule's): the candidate against today's rule, better / worse, 12 / 9 at 10 trials,
14 / 8 at 20, 12 / 5 at 50 (38 / 22 summed, p = 0.05; ahead on both NAS-Bench-201 tables, whose
categoricals have 5 values, behind on two of the four spaces whose categoricals have 2); better than
W&B's ``bayes`` in 47 of the 72 searches where today's rule is in 39: chosen. What suggested it: on
fresh-average (read) the flat classifier zoo was behind W&B's ``bayes`` at every budget, and at 100
trials a traced search (seed 0) gave 80 of its trials 10 to 99 to one model, not the best one. Read as
positions on one axis, the zoo's four models are at four distances from each other that their listed
order sets; nothing in a categorical says that its listed neighbours are alike.

The criteria, written with this half and before any search on it (2026-12-07); 10 seeds; budgets 10,
20 and 50; beside today's rule (``auto-plain``, the same on both installs) and W&B's engine. The
candidate becomes ``auto``'s rule only if, against ``auto-plain`` (same task, seed and budget):
(1) summed over every search of the half it is better in more searches than worse with a two-sided
sign test p < 0.05; (2) at no budget is it worse with p < 0.05; (3) its paired share against W&B's
``bayes``, summed over the half, is higher than ``auto-plain``'s. Otherwise it is not kept; the
figures are reported either way.

The tasks: 20, one problem each, every one run at budgets 10, 20 and 50. Every space holds at least
one categorical whose values are strings or booleans (a numeric values list is searched in order by
another mechanism and not read as a categorical; one space has one, its k, beside three of strings); no
categorical has more than 10 values (2 to 10), 4 to 10 parameters a space, none conditional, so
``auto`` runs its GP on every one. As ``auto`` counts them, 16 spaces are mixed (floats beside
categoricals, some with integers), 2 discrete (integers and categoricals) and 2 all-categorical. The
spaces are written as W&B users write a sweep's ``parameters`` (log-uniform rates and scales,
``int_uniform``, ``q_uniform``, ``values`` lists of strings and booleans, a nested block). The half is
meant as a fair, varied test of two readings of a categorical, not one built for either to win. A
helper wrote it, given the candidate's paragraph above (not its figures), and asked for this mix. It
holds lists whose order means something (backbones kept by family, x264's presets from fast to slow,
LTO off / thin / full) beside lists whose order says nothing (ten activations, three good ones none of
them neighbours; layouts; model zoos), best values at an end of their list and in its middle, two to
ten values, categoricals that move a basin, rescale one about a shared optimum, gate axes (the others
inert), interact (the best combination is not that of the values best on average), and scikit-learn's
own strings (kernels, penalties, losses, solvers, criteria, scalers, class weights). Four tasks
maximize (three accuracies and one modelled accuracy), returned negated: every task is minimized.
Synthetic optima are drawn with this half's seed (none at the centre of a numeric axis, none on a
bound) and exact: the least of the values' drawn depths or offsets where each value's optimum lies
inside the box (closed form), enumerated over the categorical and integer part with the continuous
part's optimum in closed form (clipped to its range), or, for the Gaussian wells, L-BFGS-B on the exact
gradient from 38 starts for each setting of the flags (to machine precision; a Nelder-Mead polish from
its best moves it by 0). Real fits run on data scikit-learn generates with seeds no other task uses,
an evaluation's median over 40 random points 16 to 131 ms on one core, the slowest 297 ms.

* mixed, ``synthetic``, a categorical and floats: seven backbones (three families, kept together in
  the list; the best at its end) each with its own basin (a log of a quadratic bowl) in log rate, log
  decay and label smoothing; a gate: four regularizers, each reading the learning rate and its own
  strength (``none`` the rate alone), the other axes inert; five layouts that move and rescale Ackley
  (3-D, rugged), each its own optimum, axis scale, amplitude and offset; four preconditioners that
  rescale one curved valley (Rosenbrock, 4-D) about a shared optimum, each its own offset; ten
  activations, each its own well in a plateau, three good ones none of them neighbours in the list;
* mixed, ``synthetic``, booleans and floats: four flags (warm start, augmentation, batch norm, early
  stopping) that move, deepen and widen six Gaussian wells in three floats, early stopping's cost
  depending on augmentation (found by L-BFGS-B);
* mixed, ``synthetic``, strings beside numbers (enumerated): a video's encoding (codec, x264's nine
  presets, tune, crf, and a nested block of audio codec and bitrate; dollars a title: encoding against
  delivery against viewers' loss; the best preset in the middle of its list, the best codec at the
  end) and a boosted model's error plus its training time (trees as ``q_uniform``, depth, log rate,
  subsample, loss of four);
* discrete, ``synthetic`` (enumerated): augmentation, normalization and activation that interact (a
  drawn synergy of one augmentation and norm, and of that norm and one activation), with layers and
  epochs whose best moves with them; minus a modelled accuracy;
* all-categorical, ``synthetic`` (enumerated): a build's configuration in six lists of strings
  (optimization level, LTO, linker, allocator, PGO, target; dollars a day of builds, run time and
  risk, with interactions: full LTO links slowly with bfd, PGO pays from O2, Ofast on a wide target);
* mixed, ``real``: three flat "model as a categorical" spaces, every model's knobs in one block and
  only the chosen model's matter (a regression zoo of RBF kernel ridge, Huber, k nearest neighbours
  and LightGBM on Friedman 1, MSE; a zoo of three, ridge classifier, random forest and histogram
  boosting, on Gaussian quantile shells, -accuracy; a zoo of six, logistic regression, LDA, naive
  Bayes, k nearest neighbours, a tree and LightGBM, log loss), kernel ridge with six kernels (each
  reading its own of gamma, degree and coef0; MSE), logistic regression by SAGA (penalty l2 / l1 /
  elasticnet, the l1 ratio read by elasticnet only, C, class weight; log loss), a one-layer MLP
  (activation, solver, width, L2, initial rate; two circles in noise, log loss, most of the space at
  chance), a linear classifier by SGD (loss of five, penalty, schedule, alpha, l1 ratio, eta0;
  -accuracy) and LightGBM (boosting type gbdt / dart / rf, class weight, rate, leaves, row and column
  shares, leaf size; log loss);
* discrete, ``real``: a random forest with its strings (criterion, max features, class weight) beside
  trees, depth and leaf size (three imbalanced classes, log loss);
* all-categorical, ``real``: a scaler of seven (or none) then k nearest neighbours (k as a numeric
  list, weights, metric) on skewed features with outliers (-accuracy).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import Draws, _ackley, _estimator, half_tasks
from bench.search.fresh_mixed import _none_or
from bench.search.tasks import Objective, Task, _cv_loss, _flat, _xs

__all__ = ["FRESH_CATEGORICAL", "fresh_categorical_tasks", "generated_data"]

FRESH_CATEGORICAL = "fresh-categorical"
#: the seed of every drawn optimum, table and generated dataset of this half (fixed; never redrawn).
SEED = 20261221
#: where this half's problems sit and its tables, drawn with its seed (problem names behind ``fk-``).
_DRAWS = Draws("fk", SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``.

    The seeds are ``100 SEED + i``, as fresh-local to fresh-average derive theirs (theirs are ``2026121700 + i``
    to ``2026122000 + i``).
    """
    from sklearn import datasets

    base = 100 * SEED
    return {
        "fk-zoo-regression": lambda: datasets.make_friedman1(
            n_samples=600, n_features=9, noise=1.0, random_state=base + 1
        ),
        "fk-zoo-three": lambda: datasets.make_gaussian_quantiles(
            n_samples=450, n_features=5, n_classes=3, random_state=base + 2
        ),
        "fk-zoo-six": lambda: datasets.make_classification(
            n_samples=600,
            n_features=16,
            n_informative=6,
            n_redundant=4,
            n_classes=3,
            n_clusters_per_class=2,
            flip_y=0.04,
            random_state=base + 3,
        ),
        "fk-kernels": lambda: _scaled_friedman2(base + 4),
        "fk-logreg": lambda: datasets.make_classification(
            n_samples=800,
            n_features=40,
            n_informative=6,
            n_redundant=4,
            weights=[0.85],
            class_sep=0.9,
            flip_y=0.02,
            random_state=base + 5,
        ),
        "fk-mlp": lambda: _circles_in_noise(base + 6),
        "fk-forest": lambda: datasets.make_classification(
            n_samples=400,
            n_features=12,
            n_informative=6,
            n_redundant=2,
            n_classes=3,
            n_clusters_per_class=1,
            weights=[0.6, 0.3],
            flip_y=0.03,
            random_state=base + 7,
        ),
        "fk-sgd": lambda: datasets.make_classification(
            n_samples=1000,
            n_features=30,
            n_informative=10,
            n_redundant=5,
            class_sep=0.8,
            flip_y=0.05,
            random_state=base + 8,
        ),
        "fk-lgbm": lambda: datasets.make_classification(
            n_samples=800,
            n_features=15,
            n_informative=6,
            n_redundant=3,
            weights=[0.8],
            n_clusters_per_class=3,
            flip_y=0.03,
            random_state=base + 9,
        ),
        "fk-scaler": lambda: _skewed_classes(base + 10),
    }


def _scaled_friedman2(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Friedman 2 (an impedance from four features of very different ranges), noise 40, the target standardized
    (kernel ridge fits no intercept)."""
    from sklearn.datasets import make_friedman2

    X, y = make_friedman2(n_samples=450, noise=40.0, random_state=seed)
    return X, (y - np.mean(y)) / np.std(y)


def _circles_in_noise(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two noisy concentric circles (noise 0.15, radii 1 and 0.5) beside three features of pure noise."""
    from sklearn.datasets import make_circles

    X, y = make_circles(n_samples=450, noise=0.15, factor=0.5, random_state=seed)
    rng = np.random.default_rng(seed)
    return np.hstack([X, rng.normal(0.0, 0.5, (len(y), 3))]), y


def _skewed_classes(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes in ten features (five informative), four made log-normal (skewed) and two given 2 % gross
    outliers (20 standard deviations): scalers that read the ranges, quantiles or shapes differ."""
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=600, n_features=10, n_informative=5, n_redundant=1, flip_y=0.03, random_state=seed
    )
    rng = np.random.default_rng(seed)
    X[:, :4] = np.exp(1.5 * X[:, :4] / np.std(X[:, :4], axis=0))
    outliers = rng.random((len(y), 2)) < 0.02
    X[:, 4:6] += outliers * rng.choice([-20.0, 20.0], (len(y), 2)) * np.std(X[:, 4:6], axis=0)
    return X, y


_LOG = "log_uniform_values"


def _unit_log(value: Any, low: float, high: float) -> float:
    """Where ``value`` sits in ``[low, high]`` on a log scale, as a share of the range (0 at low, 1 at high)."""
    return math.log(float(value) / low) / math.log(high / low)


# -- mixed, synthetic: a categorical moves, rescales or gates a continuous function -------------------

_BACKBONES = ["resnet18", "resnet34", "resnet50", "efficientnet_b0", "efficientnet_b2", "convnext_tiny", "vit_small"]
#: the family of each backbone (the list keeps a family together): ResNets, EfficientNets, ConvNeXt and ViT.
_BACKBONE_FAMILY = [0, 0, 0, 1, 1, 2, 2]
_BACKBONE_PARAMETERS = {
    "backbone": {"values": _BACKBONES},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 0.1},
    "weight_decay": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
    "label_smoothing": {"distribution": "uniform", "min": 0.0, "max": 0.3},
}
#: each axis's basin width in the unit box (log rate, log decay, smoothing).
_BACKBONE_WIDTHS = np.array([0.1, 0.2, 0.3])


@functools.cache
def _backbone_table() -> tuple[np.ndarray, np.ndarray]:
    """Each backbone's best point in the unit box and its loss there (drawn): a family's centre and depth, each
    member moved from them by up to 0.08 an axis and made up to 0.15 worse."""
    rng = _DRAWS.table_rng("backbone-basins")
    family = np.array(_BACKBONE_FAMILY)
    centre = rng.uniform(0.25, 0.75, (3, 3))[family] + rng.uniform(-0.08, 0.08, (len(_BACKBONES), 3))
    depth = rng.uniform(0.0, 0.4, 3)[family] + rng.uniform(0.0, 0.15, len(_BACKBONES))
    return centre, depth


def _backbone_basins() -> Objective:
    """Each backbone its own basin (a log of a quadratic bowl, flat far from its centre) at its own depth."""
    centre, depth = _backbone_table()

    def f(c: Mapping[str, Any]) -> float:
        b = _BACKBONES.index(str(c["backbone"]))
        u = np.array(
            [
                _unit_log(c["learning_rate"], 1e-5, 0.1),
                _unit_log(c["weight_decay"], 1e-6, 0.1),
                float(c["label_smoothing"]) / 0.3,
            ]
        )
        return float(depth[b] + math.log1p(float(np.sum(((u - centre[b]) / _BACKBONE_WIDTHS) ** 2))))

    return f


def _backbone_basins_best() -> float:
    """The shallowest backbone's depth (every centre lies inside the box)."""
    return float(np.min(_backbone_table()[1]))


_REGULARIZERS = ["none", "l2", "dropout", "mixup"]
_REGULARIZER_PARAMETERS = {
    "regularizer": {"values": _REGULARIZERS},
    "learning_rate": {"distribution": _LOG, "min": 1e-4, "max": 1.0},
    "l2_strength": {"distribution": _LOG, "min": 1e-6, "max": 1e-1},
    "dropout_rate": {"distribution": "uniform", "min": 0.0, "max": 0.7},
    "mixup_alpha": {"distribution": "uniform", "min": 0.0, "max": 1.0},
}
#: the axes (of learning rate, L2 strength, dropout, mixup) each regularizer reads; the others do nothing.
_REGULARIZER_AXES = {"none": [0], "l2": [0, 1], "dropout": [0, 2], "mixup": [0, 3]}
_REGULARIZER_WIDTHS = np.array([0.12, 0.25, 0.2, 0.3])


@functools.cache
def _regularizer_table() -> tuple[np.ndarray, np.ndarray]:
    """Each regularizer's best point in the unit box (every axis, read or not) and its loss there (drawn)."""
    rng = _DRAWS.table_rng("regularizer-gate")
    return rng.uniform(0.15, 0.85, (len(_REGULARIZERS), 4)), rng.uniform(0.0, 0.3, len(_REGULARIZERS))


def _regularizer_gate() -> Objective:
    """A gate: each regularizer reads the learning rate and its own strength only (``none`` the rate alone), a cone
    ``sqrt(1 + S) - 1`` of their scaled squared distances from its best point, above its own floor."""
    centre, floor = _regularizer_table()

    def f(c: Mapping[str, Any]) -> float:
        name = str(c["regularizer"])
        r, axes = _REGULARIZERS.index(name), _REGULARIZER_AXES[name]
        u = np.array(
            [
                _unit_log(c["learning_rate"], 1e-4, 1.0),
                _unit_log(c["l2_strength"], 1e-6, 1e-1),
                float(c["dropout_rate"]) / 0.7,
                float(c["mixup_alpha"]),
            ]
        )
        s = float(np.sum(((u[axes] - centre[r, axes]) / _REGULARIZER_WIDTHS[axes]) ** 2))
        return float(floor[r] + math.sqrt(1 + s) - 1)

    return f


def _regularizer_gate_best() -> float:
    """The lowest floor (every centre lies inside the box)."""
    return float(np.min(_regularizer_table()[1]))


_LAYOUTS = ["grid", "ring", "star", "mesh", "tree"]
_LAYOUT_PARAMETERS = {
    "layout": {"values": _LAYOUTS},
    **{f"x{i}": {"distribution": "uniform", "min": -5.0, "max": 5.0} for i in range(3)},
}


@functools.cache
def _layout_table() -> dict[str, np.ndarray]:
    """Per layout: where Ackley's optimum sits (within 3.5 of the origin an axis), the scale of its axes (0.5 to 1.5),
    its amplitude (0.3 to 1) and offset (0 to 1.5; drawn)."""
    rng = _DRAWS.table_rng("layout-ackley")
    n = len(_LAYOUTS)
    return {
        "shift": rng.uniform(-3.5, 3.5, (n, 3)),
        "scale": rng.uniform(0.5, 1.5, n),
        "amplitude": rng.uniform(0.3, 1.0, n),
        "offset": rng.uniform(0.0, 1.5, n),
    }


def _layout_ackley() -> Objective:
    """Ackley (3-D: a funnel of ripples), each layout its own optimum, axis scale, amplitude and offset."""
    t = _layout_table()

    def f(c: Mapping[str, Any]) -> float:
        i = _LAYOUTS.index(str(c["layout"]))
        u = (_xs(c, 3) - t["shift"][i]) / t["scale"][i]
        return float(t["offset"][i] + t["amplitude"][i] * _ackley(u))

    return f


def _layout_ackley_best() -> float:
    """The least offset: Ackley's optimum 0 at its shift, inside the box for every layout."""
    return float(np.min(_layout_table()["offset"]))


_PRECONDITIONERS = ["none", "diagonal", "kfac", "shampoo"]
_VALLEY_PARAMETERS = {
    "preconditioner": {"values": _PRECONDITIONERS},
    **{f"x{i}": {"distribution": "uniform", "min": -2.0, "max": 2.0} for i in range(4)},
}


@functools.cache
def _valley_table() -> dict[str, np.ndarray]:
    """The shared optimum (drawn in the box), each preconditioner's axis scales (log-uniform, 0.3 to 1.5) and
    offset (0 to 0.5; drawn)."""
    rng = _DRAWS.table_rng("preconditioned-valley")
    n = len(_PRECONDITIONERS)
    return {
        "optimum": -2.0 + 4.0 * _DRAWS.unit("preconditioned-valley", 4),
        "scale": np.exp(rng.uniform(math.log(0.3), math.log(1.5), (n, 4))),
        "offset": rng.uniform(0.0, 0.5, n),
    }


def _preconditioned_valley() -> Objective:
    """Rosenbrock's curved valley (4-D) about one optimum for every preconditioner, each its own axis scales (the
    valley's shape and steepness) and offset."""
    t = _valley_table()

    def f(c: Mapping[str, Any]) -> float:
        i = _PRECONDITIONERS.index(str(c["preconditioner"]))
        y = 1 + t["scale"][i] * (_xs(c, 4) - t["optimum"])
        return float(t["offset"][i] + np.sum(100.0 * (y[1:] - y[:-1] ** 2) ** 2 + (1 - y[:-1]) ** 2))

    return f


def _preconditioned_valley_best() -> float:
    """The least offset, at the shared optimum."""
    return float(np.min(_valley_table()["offset"]))


_ACTIVATIONS = ["relu", "leaky_relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "tanh", "sigmoid"]
_ACTIVATION_PARAMETERS = {
    "activation": {"values": _ACTIVATIONS},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 0.1},
    "init_scale": {"distribution": _LOG, "min": 0.1, "max": 10.0},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.5},
}
_ACTIVATION_WIDTHS = np.array([0.12, 0.15, 0.25])


@functools.cache
def _activation_table() -> tuple[np.ndarray, np.ndarray]:
    """Each activation's best point in the unit box (drawn independently) and its loss there: three activations, no
    two of them neighbours in the list, 0 to 0.1, the other seven 0.35 to 0.8 (drawn)."""
    rng = _DRAWS.table_rng("activation-zoo")
    n = len(_ACTIVATIONS)
    centre = rng.uniform(0.15, 0.85, (n, 3))
    depth = rng.uniform(0.35, 0.8, n)
    apart = [t for t in itertools.combinations(range(n), 3) if min(np.diff(t)) > 1]
    depth[list(apart[int(rng.integers(len(apart)))])] = rng.uniform(0.0, 0.1, 3)
    return centre, depth


def _activation_zoo() -> Objective:
    """Each activation its own well ``1 - exp(-S / 2) + 0.02 S`` (a plateau far from it) at its own depth."""
    centre, depth = _activation_table()

    def f(c: Mapping[str, Any]) -> float:
        a = _ACTIVATIONS.index(str(c["activation"]))
        u = np.array(
            [
                _unit_log(c["learning_rate"], 1e-5, 0.1),
                _unit_log(c["init_scale"], 0.1, 10.0),
                float(c["dropout"]) / 0.5,
            ]
        )
        s = float(np.sum(((u - centre[a]) / _ACTIVATION_WIDTHS) ** 2))
        return float(depth[a] + 1 - math.exp(-s / 2) + 0.02 * s)

    return f


def _activation_zoo_best() -> float:
    """The shallowest activation's depth (every centre lies inside the box)."""
    return float(np.min(_activation_table()[1]))


# -- mixed, synthetic: booleans beside floats, a multimodal landscape found numerically ---------------

_FLAGS = ["warm_start", "augment", "batch_norm", "early_stopping"]
_WELLS_PARAMETERS = {
    **{flag: {"values": [True, False]} for flag in _FLAGS},
    **{f"x{i}": {"distribution": "uniform", "min": 0.0, "max": 1.0} for i in range(3)},
}


@functools.cache
def _wells_table() -> dict[str, np.ndarray]:
    """Six Gaussian wells in the unit cube (centres 0.15 to 0.85, widths 0.08 to 0.2, depths 0.5 to 1), the shift
    a warm start gives every centre (up to 0.08 an axis) and the share augmentation adds to each depth (-0.4 to
    0.4; drawn)."""
    rng = _DRAWS.table_rng("flag-wells")
    return {
        "centre": rng.uniform(0.15, 0.85, (6, 3)),
        "width": rng.uniform(0.08, 0.2, 6),
        "depth": rng.uniform(0.5, 1.0, 6),
        "shift": rng.uniform(-0.08, 0.08, 3),
        "gain": rng.uniform(-0.4, 0.4, 6),
    }


def _wells(x: np.ndarray, warm: bool, augment: bool, batch_norm: bool, early: bool) -> tuple[float, np.ndarray]:
    """Minus the sum of six Gaussian wells, and its gradient: a warm start moves every well, augmentation deepens
    some and flattens others, batch norm widens them all by 35 % and takes 10 % off their depth; early stopping
    costs 0.04, or saves 0.06 beside augmentation."""
    t = _wells_table()
    centre = t["centre"] + t["shift"] * warm
    depth = t["depth"] * (1 + t["gain"] * augment) * (0.9 if batch_norm else 1.0)
    width = t["width"] * (1.35 if batch_norm else 1.0)
    wells = depth * np.exp(-np.sum((x - centre) ** 2, axis=1) / (2 * width**2))
    gradient = np.sum((wells / width**2)[:, None] * (x - centre), axis=0)
    return float(0.04 * early - 0.1 * (early and augment) - np.sum(wells)), gradient


def _flag_wells() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _wells(_xs(c, 3), *(bool(c[flag]) for flag in _FLAGS))[0]

    return f


@functools.cache
def _flag_wells_best() -> float:
    """The 16 settings of the flags enumerated; for each, L-BFGS-B on the exact gradient (tolerances 1e-15) from
    every well's centre and from 32 points drawn in the cube, the best kept."""
    from scipy.optimize import minimize

    starts = np.vstack([_wells_table()["centre"], np.random.default_rng(SEED).uniform(0, 1, (32, 3))])
    best = math.inf
    for flags in itertools.product((True, False), repeat=len(_FLAGS)):
        for start in starts:
            found = minimize(_wells, start, args=flags, jac=True, method="L-BFGS-B", bounds=[(0.0, 1.0)] * 3, tol=1e-15)
            best = min(best, float(found.fun))
    return best


# -- mixed, synthetic: strings beside numbers, enumerated --------------------------------------------

_CODECS = ["h264", "h265", "vp9", "av1"]
#: per codec: encoding time (h264's = 1) and bitrate at the same quality (h264's = 1).
_CODEC_TIME = np.array([1.0, 2.4, 2.0, 5.0])
_CODEC_BITRATE = np.array([1.0, 0.62, 0.68, 0.52])
_PRESETS = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]
_TUNES = ["none", "film", "animation", "grain"]
_AUDIO_CODECS = ["aac", "opus", "mp3"]
#: per audio codec: the bitrate (kbps) over which its audible loss falls by e.
_AUDIO_SCALE = np.array([64.0, 40.0, 90.0])
_VIDEO_PARAMETERS = {
    "codec": {"values": _CODECS},
    "preset": {"values": _PRESETS},
    "tune": {"values": _TUNES},
    "crf": {"distribution": "uniform", "min": 15.0, "max": 40.0},
    "audio": {
        "parameters": {
            "codec": {"values": _AUDIO_CODECS},
            "bitrate_kbps": {"distribution": _LOG, "min": 32.0, "max": 320.0},
        }
    },
}
#: the rate at which a viewer's loss (quality) grows with the crf, and its cost at crf 23.
_CRF_RATE, _CRF_COST = 0.25, 0.3


@functools.cache
def _video_table() -> dict[str, Any]:
    """The delivery cost of a Mbps (3 to 5 dollars; drawn) and each tune's bitrate on this catalogue (``none`` 1,
    the others 0.88 to 1.06; drawn)."""
    rng = _DRAWS.table_rng("video-encoding")
    tunes = np.concatenate([[1.0], rng.uniform(0.88, 1.06, len(_TUNES) - 1)])
    return {"delivery": 3.0 + 2.0 * float(_DRAWS.unit("video-encoding", 1)[0]), "tune": tunes}


def _video_terms(codec: int, preset: int, tune: int) -> tuple[float, float, float]:
    """A title's encoding cost and the coefficients of its delivery cost ``A 2^(-crf / 6)`` and its viewers' loss
    ``B exp(0.25 crf)``: each preset encodes 1.45 times slower than the one before and saves up to 45 % of the
    bitrate (with diminishing returns); the crf halves the bitrate every 6."""
    t = _video_table()
    encode = 0.01 * _CODEC_TIME[codec] * 1.45**preset
    saving = 1 - 0.45 * (1 - math.exp(-preset / 3))
    a = t["delivery"] * 4.0 * _CODEC_BITRATE[codec] * saving * t["tune"][tune] * 2 ** (23 / 6)
    return encode, a, _CRF_COST * math.exp(-23 * _CRF_RATE)


def _video_cost(codec: int, preset: int, tune: int, crf: float) -> float:
    encode, a, b = _video_terms(codec, preset, tune)
    return float(encode + a * 2 ** (-crf / 6) + b * math.exp(_CRF_RATE * crf))


def _audio_cost(codec: int, kbps: float) -> float:
    """The audio's delivery at the video's price a Mbps, and its audible loss ``exp(-kbps / scale)``."""
    return float(_video_table()["delivery"] * kbps / 1000 + math.exp(-kbps / _AUDIO_SCALE[codec]))


def _video_encoding() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        audio = c["audio"]
        video = _video_cost(
            _CODECS.index(str(c["codec"])),
            _PRESETS.index(str(c["preset"])),
            _TUNES.index(str(c["tune"])),
            float(c["crf"]),
        )
        return video + _audio_cost(_AUDIO_CODECS.index(str(audio["codec"])), float(audio["bitrate_kbps"]))

    return f


@functools.cache
def _video_encoding_best() -> float:
    """Every codec, preset and tune (4 x 9 x 4) and audio codec enumerated; the crf and the audio bitrate where the
    derivative of their (convex) cost is 0, clipped to their range."""
    slope = math.log(2) / 6
    video = math.inf
    for codec, preset, tune in itertools.product(range(len(_CODECS)), range(len(_PRESETS)), range(len(_TUNES))):
        _encode, a, b = _video_terms(codec, preset, tune)
        crf = math.log(a * slope / (b * _CRF_RATE)) / (_CRF_RATE + slope)
        video = min(video, _video_cost(codec, preset, tune, min(max(crf, 15.0), 40.0)))
    audio = math.inf
    for codec, scale in enumerate(_AUDIO_SCALE):
        kbps = scale * math.log(1000 / (scale * _video_table()["delivery"]))
        audio = min(audio, _audio_cost(codec, min(max(kbps, 32.0), 320.0)))
    return video + audio


_LOSSES = ["squared_error", "absolute_error", "huber", "quantile"]
_TREE_COUNTS = np.arange(10, 401, 10)  # what q_uniform(10, 400, q=10) gives
_BOOSTING_PARAMETERS = {
    "n_estimators": {"distribution": "q_uniform", "min": 10, "max": 400, "q": 10},
    "max_depth": {"distribution": "int_uniform", "min": 1, "max": 12},
    "learning_rate": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
    "subsample": {"distribution": "uniform", "min": 0.3, "max": 1.0},
    "loss": {"values": _LOSSES},
}


@functools.cache
def _boosting_table() -> dict[str, np.ndarray]:
    """Per loss: the error it cannot go below (0.14 to 0.2) and its initial excess (1 to 1.3; drawn)."""
    rng = _DRAWS.table_rng("boosting-proxy")
    return {"floor": rng.uniform(0.14, 0.2, len(_LOSSES)), "excess": rng.uniform(1.0, 1.3, len(_LOSSES))}


def _boosting_loss(trees: Any, depth: Any, rate: Any, subsample: Any, loss: Any) -> Any:
    """A boosted model's validation error plus its training time's cost (numpy-broadcast): the loss's floor, 0.4 /
    depth of bias, the loss's excess decaying with trees x rate (faster for deeper trees), a variance growing with
    it and 2^(depth / 2), 0.05 x rate, ``1e-5 trees 2^(depth / 2)`` of time and 0.2 (subsample - best)^2, the best
    subsample 0.5 + 0.03 depth."""
    t = _boosting_table()
    tau, grow = 20 / np.sqrt(depth), 1e-4 * 2 ** (depth / 2)
    return (
        t["floor"][loss]
        + 0.4 / depth
        + t["excess"][loss] * np.exp(-trees * rate / tau)
        + grow * trees * rate
        + 0.05 * rate
        + 1e-5 * trees * 2 ** (depth / 2)
        + 0.2 * (subsample - 0.5 - 0.03 * depth) ** 2
    )


def _boosting_proxy() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return float(
            _boosting_loss(
                round(float(c["n_estimators"])),
                int(c["max_depth"]),
                float(c["learning_rate"]),
                float(c["subsample"]),
                _LOSSES.index(str(c["loss"])),
            )
        )

    return f


@functools.cache
def _boosting_proxy_best() -> float:
    """Trees, depth and loss enumerated (40 x 12 x 4); the subsample at its best and the rate where the derivative
    of the (convex) error in it is 0, ``(tau / n) ln(E n / (tau (g n + 0.05)))``, clipped to its range."""
    t = _boosting_table()
    trees, depth, loss = np.meshgrid(_TREE_COUNTS, np.arange(1, 13), np.arange(len(_LOSSES)), indexing="ij")
    tau, grow = 20 / np.sqrt(depth), 1e-4 * 2 ** (depth / 2)
    ratio = t["excess"][loss] * trees / (tau * (grow * trees + 0.05))
    rate = np.clip(tau / trees * np.log(np.maximum(ratio, 1e-300)), 1e-3, 1.0)
    return float(np.min(_boosting_loss(trees, depth, rate, 0.5 + 0.03 * depth, loss)))


# -- discrete, synthetic: three categoricals that interact, beside integers, enumerated ----------------

_AUGMENTS = ["none", "flip", "crop", "cutout", "mixup"]
_NORMS = ["batch", "layer", "group"]
_NONLINEARITIES = ["relu", "gelu", "swish"]
_TRAINING_PARAMETERS = {
    "augment": {"values": _AUGMENTS},
    "norm": {"values": _NORMS},
    "activation": {"values": _NONLINEARITIES},
    "layers": {"distribution": "int_uniform", "min": 2, "max": 40},
    "epochs": {"distribution": "int_uniform", "min": 5, "max": 120},
}


@functools.cache
def _training_table() -> dict[str, Any]:
    """Accuracy lost to each value alone (augment 0 to 0.04, norm 0 to 0.03, activation 0 to 0.02), to each pair of
    augment and norm and of norm and activation (-0.01 to 0.01), a synergy (0.05 and 0.03 back) of one augment and
    norm and of that norm and one activation, none of them the best alone; the best depth of each norm (6 to 26) and
    epochs of each augment (15 to 90; drawn)."""
    rng = _DRAWS.table_rng("augment-norm-act")
    tops = ((0.04, _AUGMENTS), (0.03, _NORMS), (0.02, _NONLINEARITIES))
    main = [rng.uniform(0.0, top, len(values)) for top, values in tops]
    pair_an = rng.uniform(-0.01, 0.01, (len(_AUGMENTS), len(_NORMS)))
    pair_na = rng.uniform(-0.01, 0.01, (len(_NORMS), len(_NONLINEARITIES)))
    a, n, act = (int(rng.choice(np.flatnonzero(m != m.min()))) for m in main)
    pair_an[a, n] -= 0.05
    pair_na[n, act] -= 0.03
    return {
        "main": main,
        "pair_an": pair_an,
        "pair_na": pair_na,
        "layers": rng.integers(6, 27, len(_NORMS)),
        "epochs": rng.integers(15, 91, len(_AUGMENTS)),
    }


def _training_lost(augment: int, norm: int, activation: int) -> float:
    """The accuracy the three categoricals lose together (their main effects and pairs)."""
    t = _training_table()
    main_a, main_n, main_act = t["main"]
    pairs = t["pair_an"][augment, norm] + t["pair_na"][norm, activation]
    return float(main_a[augment] + main_n[norm] + main_act[activation] + pairs)


def _augment_norm_act() -> Objective:
    """Minus a validation accuracy: 0.93 less the categoricals' loss, 0.0004 a layer squared from the norm's best
    depth and 0.02 (ln of epochs over the augment's best)^2."""
    t = _training_table()

    def f(c: Mapping[str, Any]) -> float:
        a, n = _AUGMENTS.index(str(c["augment"])), _NORMS.index(str(c["norm"]))
        lost = _training_lost(a, n, _NONLINEARITIES.index(str(c["activation"])))
        lost += 0.0004 * (int(c["layers"]) - t["layers"][n]) ** 2
        lost += 0.02 * math.log(int(c["epochs"]) / t["epochs"][a]) ** 2
        return float(-(0.93 - lost))

    return f


def _augment_norm_act_best() -> float:
    """The 45 combinations enumerated, each at its best depth and epochs (integers inside their ranges)."""
    sizes = (len(_AUGMENTS), len(_NORMS), len(_NONLINEARITIES))
    return -(0.93 - min(itertools.starmap(_training_lost, itertools.product(*map(range, sizes)))))


# -- all-categorical, synthetic: strings only, enumerated ---------------------------------------------

_OPT_LEVELS = ["O0", "O1", "O2", "O3", "Os", "Ofast"]
_LTO = ["off", "thin", "full"]
_LINKERS = ["bfd", "gold", "lld", "mold"]
_ALLOCATORS = ["system", "jemalloc", "tcmalloc", "mimalloc"]
_PGO = ["off", "instrumented", "sampling"]
_MARCH = ["generic", "x86-64-v2", "x86-64-v3", "native"]
_BUILD_LISTS = (_OPT_LEVELS, _LTO, _LINKERS, _ALLOCATORS, _PGO, _MARCH)
_BUILD_NAMES = ("opt_level", "lto", "linker", "allocator", "pgo", "march")
_BUILD_PARAMETERS = {name: {"values": values} for name, values in zip(_BUILD_NAMES, _BUILD_LISTS, strict=True)}
#: per optimization level: compile minutes and run time (O0's = 1).
_COMPILE = np.array([2.0, 3.0, 4.0, 5.0, 3.8, 5.2])
_RUN = np.array([1.0, 0.55, 0.42, 0.38, 0.47, 0.35])
#: link minutes by LTO mode (rows) and linker (columns): full LTO links in one thread, slowest with bfd.
_LINK = np.array([[1.5, 0.9, 0.35, 0.15], [6.0, 3.0, 1.2, 0.8], [20.0, 12.0, 6.0, 5.0]])


@functools.cache
def _build_table() -> dict[str, Any]:
    """This program's run time with each allocator (``system`` 1, the others 0.85 to 1.02), with each target
    (``generic`` 1, then 0.97 to 0.99, 0.88 to 0.94 and 0.84 to 0.9), the share of the fleet a ``native`` build
    cannot run on (0.05 to 0.25) and the cost of Ofast's numerics (1 to 4 dollars; drawn)."""
    rng = _DRAWS.table_rng("build-config")
    return {
        "allocator": np.concatenate([[1.0], rng.uniform(0.85, 1.02, len(_ALLOCATORS) - 1)]),
        "march": np.array([1.0, rng.uniform(0.97, 0.99), rng.uniform(0.88, 0.94), rng.uniform(0.84, 0.9)]),
        "fleet": float(rng.uniform(0.05, 0.25)),
        "ofast": float(rng.uniform(1.0, 4.0)),
    }


def _build_cost(opt: int, lto: int, linker: int, allocator: int, pgo: int, march: int) -> float:
    """Dollars a day: 20 builds (compile times LTO's 1, 1.15, 1.4 and PGO's 1, 2.2, 1.25, plus the link) at 10 cents a
    minute; 40 dollars of run time at O0, scaled by the level, LTO (0.95, 0.92 from O1), PGO (0.88, 0.92 from O2,
    half that at O1), allocator and target (Ofast gains 5 % more on x86-64-v3 and native); 30 dollars for the share
    of the fleet a native build misses; Ofast's numerics."""
    t = _build_table()
    ofast, native = _OPT_LEVELS[opt] == "Ofast", _MARCH[march] == "native"
    compile_minutes = _COMPILE[opt] * (1.0, 1.15, 1.4)[lto] * (1.0, 2.2, 1.25)[pgo] + _LINK[lto, linker]
    run = _RUN[opt] * t["allocator"][allocator] * t["march"][march] * (0.95 if ofast and march >= 2 else 1.0)
    if opt > 0:
        run *= (1.0, 0.95, 0.92)[lto] * (1 - (1 - (1.0, 0.88, 0.92)[pgo]) * (0.5 if opt == 1 else 1.0))
    return float(20 * 0.1 * compile_minutes + 40 * run + 30 * t["fleet"] * native + t["ofast"] * ofast)


def _build_config() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _build_cost(*(v.index(str(c[name])) for v, name in zip(_BUILD_LISTS, _BUILD_NAMES, strict=True)))

    return f


@functools.cache
def _build_config_best() -> float:
    """Every configuration (6 x 3 x 4 x 4 x 3 x 4) enumerated."""
    return min(itertools.starmap(_build_cost, itertools.product(*(range(len(v)) for v in _BUILD_LISTS))))


# -- real fits: 3-fold cross-validated, categoricals users tune ----------------------------------------


def _zoo_regression() -> Objective:
    """Model as a categorical (RBF kernel ridge, Huber regression, k nearest neighbours, LightGBM), every model's
    knobs in one flat block, only the chosen model's matter; MSE."""
    from lightgbm import LGBMRegressor
    from sklearn.kernel_ridge import KernelRidge
    from sklearn.linear_model import HuberRegressor
    from sklearn.neighbors import KNeighborsRegressor

    return _flat(
        "fk-zoo-regression",
        "neg_mean_squared_error",
        {
            "kernel_ridge": lambda c: KernelRidge(
                alpha=float(c["kernel_ridge_alpha"]), kernel="rbf", gamma=float(c["kernel_ridge_gamma"])
            ),
            "huber": lambda c: HuberRegressor(
                epsilon=float(c["huber_epsilon"]), alpha=float(c["huber_alpha"]), max_iter=300
            ),
            "knn": lambda c: KNeighborsRegressor(n_neighbors=int(c["knn_neighbors"]), weights=str(c["knn_weights"])),
            "lightgbm": lambda c: LGBMRegressor(
                n_estimators=50,
                learning_rate=float(c["lgbm_learning_rate"]),
                num_leaves=int(c["lgbm_num_leaves"]),
                random_state=0,
                n_jobs=1,
                verbose=-1,
            ),
        },
    )


def _zoo_three() -> Objective:
    """Model as a categorical (ridge classifier, random forest, histogram gradient boosting), every model's knobs in
    one flat block, only the chosen model's matter; -accuracy."""
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import RidgeClassifier

    return _flat(
        "fk-zoo-three",
        "accuracy",
        {
            "ridge": lambda c: RidgeClassifier(alpha=float(c["ridge_alpha"])),
            "random_forest": lambda c: RandomForestClassifier(
                n_estimators=int(c["forest_n_estimators"]),
                max_features=float(c["forest_max_features"]),
                min_samples_leaf=int(c["forest_min_samples_leaf"]),
                random_state=0,
                n_jobs=1,
            ),
            "boosting": lambda c: HistGradientBoostingClassifier(
                max_iter=20,
                learning_rate=float(c["boosting_learning_rate"]),
                max_leaf_nodes=int(c["boosting_max_leaf_nodes"]),
                random_state=0,
            ),
        },
    )


def _zoo_six() -> Objective:
    """Model as a categorical (logistic regression, LDA, Gaussian naive Bayes, k nearest neighbours, a decision tree,
    LightGBM), every model's knobs in one flat block, only the chosen model's matter; log loss."""
    from lightgbm import LGBMClassifier
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier

    return _flat(
        "fk-zoo-six",
        "neg_log_loss",
        {
            "logistic": lambda c: LogisticRegression(C=float(c["logistic_C"]), max_iter=300),
            "lda": lambda c: LinearDiscriminantAnalysis(solver="lsqr", shrinkage=float(c["lda_shrinkage"])),
            "naive_bayes": lambda c: GaussianNB(var_smoothing=float(c["nb_var_smoothing"])),
            "knn": lambda c: KNeighborsClassifier(n_neighbors=int(c["knn_neighbors"]), weights=str(c["knn_weights"])),
            "tree": lambda c: DecisionTreeClassifier(
                max_depth=int(c["tree_max_depth"]), min_samples_leaf=int(c["tree_min_samples_leaf"]), random_state=0
            ),
            "lightgbm": lambda c: LGBMClassifier(
                n_estimators=20,
                learning_rate=float(c["lgbm_learning_rate"]),
                num_leaves=int(c["lgbm_num_leaves"]),
                random_state=0,
                n_jobs=1,
                verbose=-1,
            ),
        },
    )


def _logreg_saga() -> Objective:
    """Logistic regression by SAGA: the penalty as a W&B user writes it (``elasticnet`` reads ``l1_ratio``; ``l1``
    and ``l2`` are scikit-learn's ratios 1 and 0), C and the class weight; log loss."""
    from sklearn.linear_model import LogisticRegression

    ratios = {"l2": 0.0, "l1": 1.0}

    def f(c: Mapping[str, Any]) -> float:
        model = LogisticRegression(
            C=float(c["C"]),
            solver="saga",
            l1_ratio=ratios.get(str(c["penalty"]), float(c["l1_ratio"])),
            class_weight=_none_or(c["class_weight"]),
            max_iter=100,
        )
        return _cv_loss(model, "fk-logreg", "neg_log_loss")

    return f


def _mlp_act_solver() -> Objective:
    """A one-layer MLP classifier (width, activation, solver, L2, initial rate: Adam's and SGD's only), 40
    iterations; log loss."""
    from sklearn.neural_network import MLPClassifier

    def f(c: Mapping[str, Any]) -> float:
        model = MLPClassifier(
            hidden_layer_sizes=(int(c["hidden_units"]),),
            activation=str(c["activation"]),
            solver=str(c["solver"]),
            alpha=float(c["alpha"]),
            learning_rate_init=float(c["learning_rate_init"]),
            max_iter=40,
            random_state=0,
        )
        return _cv_loss(model, "fk-mlp", "neg_log_loss")

    return f


def _lgbm_boosting_type() -> Objective:
    """LightGBM, 40 trees, bagging every iteration (``rf`` needs it): boosting type, class weight, rate (``rf`` reads
    none), leaves, row and column shares, leaf size; log loss."""
    casts: dict[str, Callable[[Any], Any]] = {"boosting_type": str, "class_weight": _none_or, "learning_rate": float}
    casts |= {"num_leaves": int, "subsample": float, "colsample_bytree": float, "min_child_samples": int}
    fixed = {"n_estimators": 40, "subsample_freq": 1, "random_state": 0, "n_jobs": 1, "verbose": -1}
    return _estimator("lightgbm.LGBMClassifier", casts, fixed, "fk-lgbm", "neg_log_loss")


def _scaler_knn() -> Objective:
    """A scaler (or none; ``normalizer`` scales each row to unit length) then k nearest neighbours (k, weights,
    metric); -accuracy."""
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import (
        MaxAbsScaler,
        MinMaxScaler,
        Normalizer,
        QuantileTransformer,
        RobustScaler,
        StandardScaler,
    )

    scalers: dict[str, Callable[[], Any]] = {
        "none": lambda: "passthrough",
        "standard": StandardScaler,
        "minmax": MinMaxScaler,
        "maxabs": MaxAbsScaler,
        "robust": RobustScaler,
        "quantile": lambda: QuantileTransformer(n_quantiles=200, random_state=0),
        "normalizer": Normalizer,
    }

    def f(c: Mapping[str, Any]) -> float:
        model = make_pipeline(
            scalers[str(c["scaler"])](),
            KNeighborsClassifier(n_neighbors=int(c["n_neighbors"]), weights=str(c["weights"]), metric=str(c["metric"])),
        )
        return _cv_loss(model, "fk-scaler", "accuracy")

    return f


_REAL: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "flat-zoo-regression",
        "model as a categorical (RBF kernel ridge, Huber, k nearest neighbours, LightGBM), every model's knobs in one "
        "flat block, Friedman 1 with 4 inert features, MSE",
        {
            "model": {"values": ["kernel_ridge", "huber", "knn", "lightgbm"]},
            "kernel_ridge_alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "kernel_ridge_gamma": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
            "huber_epsilon": {"distribution": "uniform", "min": 1.0, "max": 3.0},
            "huber_alpha": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
            "knn_neighbors": {"distribution": "int_uniform", "min": 1, "max": 50},
            "knn_weights": {"values": ["uniform", "distance"]},
            "lgbm_learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.5},
            "lgbm_num_leaves": {"distribution": "int_uniform", "min": 4, "max": 64},
        },
        _zoo_regression,
    ),
    (
        "flat-zoo-three",
        "model as a categorical (ridge classifier, random forest, histogram boosting), every model's knobs in one flat "
        "block, 3 classes in Gaussian quantile shells, -accuracy",
        {
            "model": {"values": ["ridge", "random_forest", "boosting"]},
            "ridge_alpha": {"distribution": _LOG, "min": 1e-3, "max": 1000.0},
            "forest_n_estimators": {"distribution": "int_uniform", "min": 5, "max": 30},
            "forest_max_features": {"distribution": "uniform", "min": 0.1, "max": 1.0},
            "forest_min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
            "boosting_learning_rate": {"distribution": _LOG, "min": 0.01, "max": 1.0},
            "boosting_max_leaf_nodes": {"distribution": "int_uniform", "min": 2, "max": 63},
        },
        _zoo_three,
    ),
    (
        "flat-zoo-six",
        "model as a categorical (logistic, LDA, naive Bayes, k nearest neighbours, tree, LightGBM), every model's "
        "knobs in one flat block, 3 classes, log loss",
        {
            "model": {"values": ["logistic", "lda", "naive_bayes", "knn", "tree", "lightgbm"]},
            "logistic_C": {"distribution": _LOG, "min": 1e-3, "max": 1000.0},
            "lda_shrinkage": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "nb_var_smoothing": {"distribution": _LOG, "min": 1e-12, "max": 1.0},
            "knn_neighbors": {"distribution": "int_uniform", "min": 1, "max": 80},
            "knn_weights": {"values": ["uniform", "distance"]},
            "tree_max_depth": {"distribution": "int_uniform", "min": 1, "max": 20},
            "tree_min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 50},
            "lgbm_learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.5},
            "lgbm_num_leaves": {"distribution": "int_uniform", "min": 4, "max": 64},
        },
        _zoo_six,
    ),
    (
        "kernel-ridge-choice",
        "kernel ridge (kernel of six, alpha, gamma, degree, coef0: each kernel reads its own) on Friedman 2 with a "
        "scaled target, MSE",
        {
            "kernel": {"values": ["linear", "polynomial", "rbf", "laplacian", "sigmoid", "cosine"]},
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 10.0},
            "degree": {"distribution": "int_uniform", "min": 2, "max": 5},
            "coef0": {"distribution": "uniform", "min": 0.0, "max": 3.0},
        },
        lambda: _estimator(
            "sklearn.kernel_ridge.KernelRidge",
            {"kernel": str, "alpha": float, "gamma": float, "degree": int, "coef0": float},
            {},
            "fk-kernels",
            "neg_mean_squared_error",
        ),
    ),
    (
        "logreg-saga",
        "logistic regression by SAGA (penalty l2 / l1 / elasticnet, l1 ratio read by elasticnet only, C, class "
        "weight), 15 % positives in 40 features, log loss",
        {
            "penalty": {"values": ["l2", "l1", "elasticnet"]},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "C": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
            "class_weight": {"values": ["none", "balanced"]},
        },
        _logreg_saga,
    ),
    (
        "mlp-act-solver",
        "one-layer MLP, 40 iterations (width, activation, solver, L2, initial rate), circles beside 3 noise features, "
        "log loss",
        {
            "hidden_units": {"distribution": "int_uniform", "min": 4, "max": 96},
            "activation": {"values": ["identity", "logistic", "tanh", "relu"]},
            "solver": {"values": ["lbfgs", "sgd", "adam"]},
            "alpha": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
            "learning_rate_init": {"distribution": _LOG, "min": 1e-4, "max": 0.3},
        },
        _mlp_act_solver,
    ),
    (
        "sgd-loss",
        "linear classifier by SGD, 20 epochs (loss of five, penalty, alpha, l1 ratio, schedule, eta0), -accuracy",
        {
            "loss": {"values": ["hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron"]},
            "penalty": {"values": ["l2", "l1", "elasticnet"]},
            "alpha": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "learning_rate": {"values": ["optimal", "invscaling", "adaptive", "constant"]},
            "eta0": {"distribution": _LOG, "min": 1e-4, "max": 1.0},
        },
        lambda: _estimator(
            "sklearn.linear_model.SGDClassifier",
            {"loss": str, "penalty": str, "alpha": float, "l1_ratio": float, "learning_rate": str, "eta0": float},
            {"max_iter": 20, "tol": None, "random_state": 0},
            "fk-sgd",
            "accuracy",
        ),
    ),
    (
        "lgbm-boosting-type",
        "LightGBM classifier, 40 trees (boosting type gbdt / dart / rf, class weight, rate, leaves, row and column "
        "shares, leaf size), 20 % positives, log loss",
        {
            "boosting_type": {"values": ["gbdt", "dart", "rf"]},
            "class_weight": {"values": ["none", "balanced"]},
            "learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.5},
            "num_leaves": {"distribution": "int_uniform", "min": 4, "max": 48},
            "subsample": {"distribution": "uniform", "min": 0.4, "max": 0.95},
            "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
            "min_child_samples": {"distribution": "int_uniform", "min": 5, "max": 60},
        },
        _lgbm_boosting_type,
    ),
    (
        "forest-strings",
        "random forest (trees, depth, leaf size; criterion, max features and class weight as strings), 3 imbalanced "
        "classes, log loss",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 20},
            "max_depth": {"distribution": "int_uniform", "min": 2, "max": 20},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 30},
            "criterion": {"values": ["gini", "entropy", "log_loss"]},
            "max_features": {"values": ["sqrt", "log2", "all"]},
            "class_weight": {"values": ["none", "balanced", "balanced_subsample"]},
        },
        lambda: _estimator(
            "sklearn.ensemble.RandomForestClassifier",
            {"n_estimators": int, "max_depth": int, "min_samples_leaf": int, "criterion": str}
            | {"max_features": _none_or, "class_weight": _none_or},
            {"random_state": 0, "n_jobs": 1},
            "fk-forest",
            "neg_log_loss",
        ),
    ),
    (
        "scaler-knn",
        "a scaler of seven (or none) then k nearest neighbours (k as a numeric list, weights, metric), skewed features "
        "and outliers, -accuracy",
        {
            "scaler": {"values": ["none", "standard", "minmax", "maxabs", "robust", "quantile", "normalizer"]},
            "n_neighbors": {"values": [1, 2, 3, 5, 8, 13, 21, 34, 55]},
            "weights": {"values": ["uniform", "distance"]},
            "metric": {"values": ["euclidean", "manhattan", "chebyshev", "cosine"]},
        },
        _scaler_knn,
    ),
]


def fresh_categorical_tasks() -> list[Task]:
    """Every task of the fresh-categorical half, in a fixed order: synthetic (mixed first), then real."""
    synthetic: list[tuple[str, Mapping[str, Any], Callable[[], Objective], float | Callable[[], float], str]] = [
        (
            "backbone-basins",
            _BACKBONE_PARAMETERS,
            _backbone_basins,
            _backbone_basins_best,
            "mixed: seven backbones, a family's together in the list, each its own basin in log rate, log decay and "
            "smoothing; drawn",
        ),
        (
            "regularizer-gate",
            _REGULARIZER_PARAMETERS,
            _regularizer_gate,
            _regularizer_gate_best,
            "mixed, a gate: each regularizer reads the rate and its own strength, the other axes inert; drawn",
        ),
        (
            "layout-ackley",
            _LAYOUT_PARAMETERS,
            _layout_ackley,
            _layout_ackley_best,
            "mixed: five layouts move and rescale Ackley (3-D, rugged), each its own optimum and offset; drawn",
        ),
        (
            "preconditioned-valley",
            _VALLEY_PARAMETERS,
            _preconditioned_valley,
            _preconditioned_valley_best,
            "mixed: four preconditioners rescale one curved valley (Rosenbrock, 4-D) about a shared optimum; drawn",
        ),
        (
            "activation-zoo",
            _ACTIVATION_PARAMETERS,
            _activation_zoo,
            _activation_zoo_best,
            "mixed: ten activations, three good ones apart in the list, each its own well in a plateau; drawn",
        ),
        (
            "flag-wells",
            _WELLS_PARAMETERS,
            _flag_wells,
            _flag_wells_best,
            "mixed: four booleans move, deepen and widen six Gaussian wells in three floats; found by L-BFGS-B",
        ),
        (
            "video-encoding",
            _VIDEO_PARAMETERS,
            _video_encoding,
            _video_encoding_best,
            "mixed, a nested block: codec, preset (the best in the middle), tune, crf, audio codec and bitrate; "
            "dollars a title; enumerated",
        ),
        (
            "boosting-proxy",
            _BOOSTING_PARAMETERS,
            _boosting_proxy,
            _boosting_proxy_best,
            "mixed: trees (q_uniform) and depth (integers), rate and subsample (floats), loss (a string); error plus time; "
            "enumerated",
        ),
        (
            "augment-norm-act",
            _TRAINING_PARAMETERS,
            _augment_norm_act,
            _augment_norm_act_best,
            "discrete: augment, norm and activation interact (the best trio is not the values best alone), layers, "
            "epochs; -accuracy; enumerated",
        ),
        (
            "build-config",
            _BUILD_PARAMETERS,
            _build_config,
            _build_config_best,
            "categorical: six string lists (level, LTO, linker, allocator, PGO, target); a build's dollars a day; "
            "enumerated",
        ),
    ]
    return half_tasks(FRESH_CATEGORICAL, "fk", synthetic, _REAL)
