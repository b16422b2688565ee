"""The *fresh-mixed* half: mixed, discrete and categorical spaces no rule has seen, for the GP of one length scale.

Every earlier half has been read (fresh-continuous by the two rules it judged), so two candidates on
mixed, discrete and categorical spaces need tasks no rule has seen: these, written and committed
with the criteria before any search on them. No problem here appears in another half.

* ``plain-isogp-mixed`` (plain install, no torch): on mixed, discrete and all-categorical spaces
  whose categoricals have at most 10 values (where ``auto`` runs TPE today), ``isogp+tpe``: TPE's
  random start, then the GP of one length scale (``IsotropicGP``, W&B's ``bayes`` model) with
  categoricals read as W&B's ``bayes`` reads them (positions in list order on one axis; numeric
  values lists in sorted order), every 3rd trial from trial 10 TPE's.
* ``isogp-mixed`` (full install, torch present): the same on mixed and discrete spaces (where
  ``auto`` runs TPE today).

No space here is all-continuous: each mixes floats with integers or categoricals, or holds integers
and categoricals only; no categorical has more than 10 values. As ``auto`` counts them, 14 of the 19
spaces are mixed, 4 discrete and 1 all-categorical (``isogp-mixed`` is judged on the 18 mixed and
discrete ones, ``plain-isogp-mixed`` on all 19). The spaces are written as W&B users write a
sweep's ``parameters`` (log-uniform rates, ``int_uniform`` on narrow and wide ranges, ``q_uniform``,
``q_log_uniform_values``, ``values`` lists of strings and of numbers, nested blocks). String
categoricals have no order: in some the list order means nothing (values drawn at random), in some
the best value sits in the middle of the list. Synthetic optima are drawn with this half's seed (not
placed at the centre, none on a bound) or enumerated; real fits run on data scikit-learn generates
with seeds no other task uses.

* ``synthetic`` (exact optima): an HPO-shaped mixed loss (learning rate coupled to depth, a
  quantized log width, an activation whose best value sits in the middle of its list); an optimizer
  categorical that moves the location and scale of the best learning rate, momentum and warmup; a
  shifted integer quadratic with a rugged cosine term (integers only, narrow and wide ranges); an
  additive table of string categoricals with two interactions (all-categorical, enumerated); batch
  size, weight decay and epochs as numeric ``values`` lists beside a learning rate that scales with
  the batch; Rastrigin on three floats plus a rugged integer term; a step-shaped loss (floored
  distances, a ``q_uniform`` dropout, an integer warmup and a precision categorical); nested
  ``model`` / ``train`` blocks of integers and categoricals (discrete);
* ``real`` (3-fold cross-validated): an SVC (kernel, degree), a decision tree regressor (criterion,
  cost-complexity pruning), an SGD classifier (penalty, schedule), histogram gradient boosting
  (``max_bins`` as a values list), k-nearest neighbours (discrete), extra trees, gradient boosting
  with a loss categorical on data with outliers, LightGBM (boosting type), bagged trees, a logistic
  regression (penalty, solver, class weight) on imbalanced classes and a random forest (discrete).

The criteria, written with this half and before any search on it (2026-12-06); 10 seeds, budgets
10, 20 and 50, with W&B's engine:

* A candidate runs here only if the design half chose it: on the design half's 17 tasks whose space
  is mixed, discrete or all-categorical, 4 seeds, budgets 10, 20 and 50, against ``auto-plain``
  (for ``plain-isogp-mixed``) or ``auto`` (for ``isogp-mixed``): better in more searches than worse,
  summed over the three budgets.
* Here: 10 seeds, budgets 10, 20 and 50, beside ``auto-plain`` / ``auto`` and W&B's engine. A
  candidate becomes its install's rule only if, against ``auto-plain`` / ``auto`` (same task, seed
  and budget): (1) summed over 10, 20 and 50 it is better in more searches than worse with a
  two-sided sign test p < 0.05; (2) at no budget is it worse with p < 0.05; (3) its paired share
  against W&B's ``bayes``, summed over the three budgets, is higher than ``auto-plain``'s /
  ``auto``'s. Otherwise it is not kept; the figures are reported either way.

The design half's reading, before any search here (bench/results/design-s11-mixed.jsonl), better /
worse at 10, 20 and 50: ``plain-isogp-mixed`` against ``auto-plain`` 31 / 26, 36 / 23, 28 / 35 (95 / 84:
it runs here); ``isogp-mixed`` against ``auto`` 15 / 15, 17 / 15, 14 / 20 (46 / 50: it does not).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import Draws, _estimator, _shift, half_tasks
from bench.search.tasks import Objective, Task, _cv_loss

__all__ = ["FRESH_MIXED", "fresh_mixed_tasks", "generated_data"]

FRESH_MIXED = "fresh-mixed"
#: the seed of every drawn optimum, table and generated dataset of this half (fixed; never redrawn).
SEED = 20261215

_DRAWS = Draws("fm", SEED)


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it (fixed seeds); read by ``bench.search.tasks._dataset``."""
    from sklearn import datasets

    base = SEED % 1000
    return {
        "fm-svc": lambda: datasets.make_classification(
            n_samples=300, n_features=12, n_informative=6, n_redundant=2, flip_y=0.05, random_state=base + 1
        ),
        "fm-tree": lambda: datasets.make_friedman1(n_samples=400, n_features=8, noise=1.0, random_state=base + 2),
        "fm-sgd": lambda: datasets.make_classification(
            n_samples=400, n_features=20, n_informative=8, flip_y=0.05, random_state=base + 3
        ),
        "fm-hgb": lambda: datasets.make_classification(
            n_samples=400, n_features=10, n_informative=5, n_clusters_per_class=3, flip_y=0.05, random_state=base + 4
        ),
        "fm-knn": lambda: datasets.make_classification(
            n_samples=300,
            n_features=8,
            n_informative=5,
            n_redundant=0,
            flip_y=0.05,
            class_sep=0.8,
            random_state=base + 5,
        ),
        "fm-extratrees": lambda: datasets.make_friedman3(n_samples=300, noise=0.05, random_state=base + 6),
        "fm-gbr": lambda: _with_outliers(base + 7),
        "fm-lgbm": lambda: datasets.make_friedman2(n_samples=400, noise=40.0, random_state=base + 8),
        "fm-bagging": lambda: datasets.make_classification(
            n_samples=300, n_features=15, n_informative=6, n_redundant=3, flip_y=0.08, random_state=base + 9
        ),
        "fm-logreg": lambda: datasets.make_classification(
            n_samples=400,
            n_features=30,
            n_informative=6,
            n_redundant=4,
            weights=[0.85],
            flip_y=0.03,
            random_state=base + 10,
        ),
        "fm-forest": lambda: datasets.make_classification(
            n_samples=300,
            n_features=12,
            n_informative=5,
            n_redundant=2,
            n_classes=3,
            n_clusters_per_class=1,
            flip_y=0.05,
            random_state=base + 11,
        ),
    }


def _with_outliers(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Friedman 1 with a tenth of the targets thrown far off (the loss categorical then matters)."""
    from sklearn.datasets import make_friedman1

    X, y = make_friedman1(n_samples=240, n_features=6, noise=1.0, random_state=seed)
    rng = np.random.default_rng(seed)
    outliers = rng.choice(len(y), size=24, replace=False)
    y[outliers] += rng.normal(0.0, 15.0, size=24)
    return X, y


def _index(values: list[Any], value: Any) -> int:
    return [float(v) for v in values].index(float(value))


# -- synthetic: exact optima, drawn with the seed or enumerated ------------------------------------

_LOG = "log_uniform_values"

#: activation -> offset: the best (gelu) in the middle of the list.
_NET_ACTIVATIONS = {"relu": 0.06, "tanh": 0.2, "gelu": 0.0, "silu": 0.03, "sigmoid": 0.35}
_NET_PARAMETERS = {
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "weight_decay": {"distribution": _LOG, "min": 1e-7, "max": 1e-1},
    "layers": {"distribution": "int_uniform", "min": 1, "max": 10},
    "width": {"distribution": "q_log_uniform_values", "min": 16, "max": 512, "q": 16},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.7},
    "activation": {"values": list(_NET_ACTIVATIONS)},
}


def _net_mixed() -> Objective:
    """Quadratic bowls in log rate, log decay, depth, log2 width and dropout, the best rate moving with depth."""
    u = _DRAWS.unit("net-mixed", 5)
    best_lr, best_wd = -5 + 5 * u[0], -7 + 6 * u[1]
    best_layers = 1 + round(9 * u[2])
    best_width = 16 * (2 + round(28 * u[3]))  # a multiple of 16 in [80, 432]: one W&B's rounding gives
    best_dropout = 0.7 * u[4]

    def f(c: Mapping[str, Any]) -> float:
        layers = int(c["layers"])
        centre = best_lr - 0.15 * (layers - best_layers)
        return float(
            ((math.log10(float(c["learning_rate"])) - centre) / 1.5) ** 2
            + 0.05 * (math.log10(float(c["weight_decay"])) - best_wd) ** 2
            + 0.03 * (layers - best_layers) ** 2
            + 0.1 * (math.log2(float(c["width"]) / best_width)) ** 2
            + 3.0 * (float(c["dropout"]) - best_dropout) ** 2
            + _NET_ACTIVATIONS[str(c["activation"])]
        )

    return f


_OPTIMIZERS = ["sgd", "momentum", "adagrad", "adam", "adamw", "rmsprop", "lamb"]
_OPTIMIZER_PARAMETERS = {
    "optimizer": {"values": _OPTIMIZERS},
    "learning_rate": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
    "momentum": {"distribution": "uniform", "min": 0.0, "max": 0.99},
    "warmup_steps": {"distribution": "int_uniform", "min": 0, "max": 2000},
}


def _optimizer_shift() -> Objective:
    """Each optimizer its own best log rate, basin width, momentum and warmup, and an offset (the best 0)."""
    rng = _DRAWS.table_rng("optimizer-shift")
    k = len(_OPTIMIZERS)
    centre, width = rng.uniform(-5.0, -1.0, k), rng.uniform(0.3, 1.5, k)
    momentum, warmup = rng.uniform(0.1, 0.95, k), rng.integers(100, 1900, k)
    offset = rng.uniform(0.0, 0.5, k)
    offset -= offset.min()

    def f(c: Mapping[str, Any]) -> float:
        i = _OPTIMIZERS.index(str(c["optimizer"]))
        return float(
            offset[i]
            + ((math.log10(float(c["learning_rate"])) - centre[i]) / width[i]) ** 2
            + 4.0 * ((float(c["momentum"]) - momentum[i]) / width[i]) ** 2
            + 0.5 * ((int(c["warmup_steps"]) - warmup[i]) / 500) ** 2
        )

    return f


#: name -> (min, max, period of the rugged term)
_INT_AXES = {"a": (1, 12, 3), "b": (0, 60, 5), "c": (-30, 30, 7), "d": (2, 400, 40)}
_INT_PARAMETERS = {
    name: {"distribution": "int_uniform", "min": lo, "max": hi} for name, (lo, hi, _p) in _INT_AXES.items()
}


def _int_rugged() -> Objective:
    """A shifted integer quadratic plus ``1 - cos`` terms: local optima every ``period`` steps, the best 0."""
    u = _DRAWS.unit("int-rugged", len(_INT_AXES))
    axes = [(name, lo + round(ui * (hi - lo)), hi - lo, p) for ui, (name, (lo, hi, p)) in zip(u, _INT_AXES.items())]

    def f(c: Mapping[str, Any]) -> float:
        total = 0.0
        for name, best, span, period in axes:
            d = int(c[name]) - best
            total += 4.0 * (d / span) ** 2 + 0.5 * (1 - math.cos(2 * math.pi * d / period))
        return total

    return f


_TABLE_AXES = {
    "optimizer": ["sgd", "adam", "rmsprop", "adagrad", "adamw"],
    "scheduler": ["constant", "step", "cosine", "linear", "exponential", "plateau"],
    "normalization": ["none", "batch", "layer", "group"],
    "init": ["xavier", "he", "orthogonal", "normal", "uniform"],
    "pooling": ["max", "avg", "attention"],
}
_TABLE_PARAMETERS = {name: {"values": list(values)} for name, values in _TABLE_AXES.items()}


@functools.cache
def _table() -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Main effects per axis (drawn), optimizer x scheduler and normalization x init interactions (drawn)."""
    rng = _DRAWS.table_rng("cat-table")
    main = [rng.uniform(0.0, 1.0, len(values)) for values in _TABLE_AXES.values()]
    return main, rng.uniform(0.0, 0.8, (5, 6)), rng.uniform(0.0, 0.5, (4, 5))


def _table_value(ix: tuple[int, ...]) -> float:
    main, opt_sched, norm_init = _table()
    return float(sum(m[i] for m, i in zip(main, ix)) + opt_sched[ix[0], ix[1]] + norm_init[ix[2], ix[3]])


def _cat_table() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _table_value(tuple(values.index(str(c[name])) for name, values in _TABLE_AXES.items()))

    return f


def _cat_table_best() -> float:
    return min(_table_value(ix) for ix in itertools.product(*(range(len(v)) for v in _TABLE_AXES.values())))


_BATCHES = [8, 16, 32, 64, 128, 256, 512, 1024]
_DECAYS = [0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]
_EPOCHS = [5, 10, 20, 40, 80, 160]
_BATCH_PARAMETERS = {
    "batch_size": {"values": _BATCHES},
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1.0},
    "weight_decay": {"values": _DECAYS},
    "epochs": {"values": _EPOCHS},
    "momentum": {"distribution": "uniform", "min": 0.5, "max": 0.99},
}


def _batch_values() -> Objective:
    """Numeric values lists beside floats: the best rate scales with the batch (linear scaling), the rest drawn."""
    u = _DRAWS.unit("batch-values", 5)
    best_batch = _BATCHES[1 + round(5 * u[0])]
    lr_at_best = -4 + 2 * u[1]
    best_decay, best_epochs = 1 + round(3 * u[2]), 1 + round(3 * u[3])
    best_momentum = 0.5 + 0.49 * u[4]

    def f(c: Mapping[str, Any]) -> float:
        batch = int(c["batch_size"])
        centre = lr_at_best + math.log10(batch / best_batch)
        return float(
            ((math.log10(float(c["learning_rate"])) - centre) / 0.8) ** 2
            + 0.03 * math.log2(batch / best_batch) ** 2
            + 0.04 * (_index(_DECAYS, c["weight_decay"]) - best_decay) ** 2
            + 0.05 * (_index(_EPOCHS, c["epochs"]) - best_epochs) ** 2
            + 3.0 * (float(c["momentum"]) - best_momentum) ** 2
        )

    return f


_RASTRIGIN_PARAMETERS = {
    **{f"x{i}": {"distribution": "uniform", "min": -5.12, "max": 5.12} for i in range(3)},
    "n": {"distribution": "int_uniform", "min": 0, "max": 40},
}


def _rastrigin_int() -> Objective:
    """Rastrigin on three floats (optimum drawn in [-3.5, 3.5]^3) plus a rugged quadratic in one integer."""
    z = _shift("fm-rastrigin-int", 3, -3.5, 3.5, seed=SEED)
    best_n = 4 + round(32 * _DRAWS.unit("rastrigin-int-n", 1)[0])

    def f(c: Mapping[str, Any]) -> float:
        x = np.array([float(c[f"x{i}"]) for i in range(3)]) - z
        d = int(c["n"]) - best_n
        return float(
            10 * len(x)
            + np.sum(x**2 - 10 * np.cos(2 * math.pi * x))
            + 0.5 * (d / 4) ** 2
            + 5.0 * (1 - math.cos(2 * math.pi * d / 6))
        )

    return f


#: precision -> offset: the best (bf16) second in the list.
_PRECISIONS = {"fp32": 0.15, "bf16": 0.0, "fp16": 0.05, "int8": 0.6}
_STEP_PARAMETERS = {
    "learning_rate": {"distribution": _LOG, "min": 1e-4, "max": 1.0},
    "grad_clip": {"distribution": "uniform", "min": 0.1, "max": 10.0},
    "dropout": {"distribution": "q_uniform", "min": 0.0, "max": 0.5, "q": 0.05},
    "warmup_epochs": {"distribution": "int_uniform", "min": 0, "max": 10},
    "precision": {"values": list(_PRECISIONS)},
}


def _step_precision() -> Objective:
    """Plateaus: floored distances in log rate (quarter decades) and clip (whole units), dropout and warmup steps."""
    u = _DRAWS.unit("step-precision", 4)
    best_lr, best_clip = -4 + 4 * u[0], 0.1 + 9.9 * u[1]
    best_dropout, best_warmup = 1 + round(8 * u[2]), 1 + round(8 * u[3])  # dropout in units of q = 0.05

    def f(c: Mapping[str, Any]) -> float:
        return float(
            math.floor(4 * abs(math.log10(float(c["learning_rate"])) - best_lr)) / 4
            + math.floor(abs(float(c["grad_clip"]) - best_clip)) / 4
            + 0.1 * abs(round(float(c["dropout"]) / 0.05) - best_dropout)
            + 0.05 * abs(int(c["warmup_epochs"]) - best_warmup)
            + _PRECISIONS[str(c["precision"])]
        )

    return f


_WIDTHS = [64, 96, 128, 192, 256, 384, 512]
_BLOCKS = ["basic", "bottleneck", "inverted", "fused"]
_TRAIN_BATCHES = [16, 32, 64, 128, 256]
_AUGMENTS = ["none", "flip", "crop", "cutout", "mixup", "cutmix", "randaug"]
_NESTED_PARAMETERS = {
    "model": {
        "parameters": {
            "depth": {"distribution": "int_uniform", "min": 2, "max": 24},
            "width": {"values": _WIDTHS},
            "block": {"values": _BLOCKS},
        }
    },
    "train": {
        "parameters": {
            "batch_size": {"values": _TRAIN_BATCHES},
            "epochs": {"distribution": "int_uniform", "min": 5, "max": 200},
            "augment": {"values": _AUGMENTS},
        }
    },
}


def _nested_discrete() -> Objective:
    """Integers and categoricals in two nested blocks: each block its best width, the best epochs moving with depth."""
    u = _DRAWS.unit("nested-discrete", 3)
    best_depth, best_epochs, best_batch = 2 + round(22 * u[0]), 5 + round(195 * u[1]), 1 + round(2 * u[2])
    rng = _DRAWS.table_rng("nested-discrete")
    block_offset = rng.uniform(0.0, 0.4, len(_BLOCKS))
    block_offset -= block_offset.min()
    block_width = rng.integers(1, len(_WIDTHS) - 1, len(_BLOCKS))  # never the first or last width
    augment = rng.uniform(0.05, 0.5, len(_AUGMENTS))
    augment[len(_AUGMENTS) // 2] = 0.0  # the best augmentation in the middle of the list

    def f(c: Mapping[str, Any]) -> float:
        model, train = c["model"], c["train"]
        depth, block = int(model["depth"]), _BLOCKS.index(str(model["block"]))
        return float(
            ((depth - best_depth) / 5) ** 2
            + 0.3 * (_index(_WIDTHS, model["width"]) - block_width[block]) ** 2
            + block_offset[block]
            + 0.2 * (_index(_TRAIN_BATCHES, train["batch_size"]) - best_batch) ** 2
            + ((int(train["epochs"]) - best_epochs - 4 * (depth - best_depth)) / 40) ** 2
            + augment[_AUGMENTS.index(str(train["augment"]))]
        )

    return f


# -- real: 3-fold fits, spaces as a W&B user writes them ---------------------------------------------


def _none_or(value: Any) -> Any:
    """A values list's ``"none"`` / ``"all"`` as scikit-learn's ``None``."""
    return None if value in ("none", "all") else value


def _logreg() -> Objective:
    """Logistic regression: penalty (as scikit-learn >= 1.8 takes it, ``l1_ratio``), solver, C and class weight."""
    from sklearn.linear_model import LogisticRegression

    def f(c: Mapping[str, Any]) -> float:
        model = LogisticRegression(
            C=float(c["C"]),
            l1_ratio=1.0 if c["penalty"] == "l1" else 0.0,
            solver=str(c["solver"]),
            class_weight=_none_or(c["class_weight"]),
            max_iter=300,
        )
        return _cv_loss(model, "fm-logreg", "balanced_accuracy")

    return f


_REAL: list[tuple[str, str, Mapping[str, Any], Callable[[], Objective]]] = [
    (
        "svc-kernels",
        "SVC (C, gamma, kernel, polynomial degree), -accuracy",
        {
            "C": {"distribution": _LOG, "min": 1e-2, "max": 1e3},
            "gamma": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
            "kernel": {"values": ["rbf", "poly", "sigmoid"]},
            "degree": {"distribution": "int_uniform", "min": 2, "max": 5},
        },
        lambda: _estimator(
            "sklearn.svm.SVC",
            {"C": float, "gamma": float, "kernel": str, "degree": int},
            {"max_iter": 20000},
            "fm-svc",
            "accuracy",
        ),
    ),
    (
        "tree-ccp",
        "decision tree regressor (depth, split size, criterion, splitter, pruning) on Friedman 1, MSE",
        {
            "max_depth": {"distribution": "int_uniform", "min": 1, "max": 20},
            "min_samples_split": {"distribution": "int_uniform", "min": 2, "max": 40},
            "criterion": {"values": ["squared_error", "absolute_error", "poisson"]},
            "splitter": {"values": ["best", "random"]},
            "ccp_alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
        },
        lambda: _estimator(
            "sklearn.tree.DecisionTreeRegressor",
            {"max_depth": int, "min_samples_split": int, "criterion": str, "splitter": str, "ccp_alpha": float},
            {"random_state": 0},
            "fm-tree",
            "neg_mean_squared_error",
        ),
    ),
    (
        "sgd-classifier",
        "SGD logistic regression, 50 epochs (alpha, penalty, l1 ratio, schedule, eta0), log loss",
        {
            "alpha": {"distribution": _LOG, "min": 1e-6, "max": 1.0},
            "penalty": {"values": ["l2", "l1", "elasticnet"]},
            "l1_ratio": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "learning_rate": {"values": ["optimal", "invscaling", "adaptive", "constant"]},
            "eta0": {"distribution": _LOG, "min": 1e-4, "max": 0.5},
        },
        lambda: _estimator(
            "sklearn.linear_model.SGDClassifier",
            {"alpha": float, "penalty": str, "l1_ratio": float, "learning_rate": str, "eta0": float},
            {"loss": "log_loss", "max_iter": 50, "tol": 1e-3, "random_state": 0},
            "fm-sgd",
            "neg_log_loss",
        ),
    ),
    (
        "hgb-bins",
        "histogram gradient boosting, 40 iterations (rate, depth, leaves, L2, bins as a values list), log loss",
        {
            "learning_rate": {"distribution": _LOG, "min": 1e-3, "max": 1.0},
            "max_depth": {"distribution": "int_uniform", "min": 2, "max": 12},
            "max_leaf_nodes": {"distribution": "int_uniform", "min": 4, "max": 64},
            "l2_regularization": {"distribution": _LOG, "min": 1e-6, "max": 10.0},
            "max_bins": {"values": [15, 31, 63, 127, 255]},
        },
        lambda: _estimator(
            "sklearn.ensemble.HistGradientBoostingClassifier",
            {"learning_rate": float, "max_depth": int, "max_leaf_nodes": int, "l2_regularization": float}
            | {"max_bins": int},
            {"max_iter": 40, "early_stopping": False, "random_state": 0},
            "fm-hgb",
            "neg_log_loss",
        ),
    ),
    (
        "knn-minkowski",
        "k-nearest-neighbour classifier (k, weights, integer Minkowski p), -accuracy",
        {
            "n_neighbors": {"distribution": "int_uniform", "min": 1, "max": 50},
            "weights": {"values": ["uniform", "distance"]},
            "p": {"distribution": "int_uniform", "min": 1, "max": 3},
        },
        lambda: _estimator(
            "sklearn.neighbors.KNeighborsClassifier",
            {"n_neighbors": int, "weights": str, "p": int},
            {},
            "fm-knn",
            "accuracy",
        ),
    ),
    (
        "extratrees-regressor",
        "extra trees (trees, depth, features, leaf size, bootstrap) on Friedman 3, MSE x 100",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 40},
            "max_depth": {"distribution": "int_uniform", "min": 2, "max": 20},
            "max_features": {"distribution": "uniform", "min": 0.1, "max": 1.0},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 20},
            "bootstrap": {"values": [True, False]},
        },
        lambda: _estimator(
            "sklearn.ensemble.ExtraTreesRegressor",
            {"n_estimators": int, "max_depth": int, "max_features": float, "min_samples_leaf": int, "bootstrap": bool},
            {"random_state": 0, "n_jobs": 1},
            "fm-extratrees",
            "neg_mean_squared_error",
            0.01,
        ),
    ),
    (
        "gbr-robust",
        "gradient boosting (trees, rate, depth, subsample, loss) on Friedman 1 with 10 % outliers, mean absolute error",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 30},
            "learning_rate": {"distribution": _LOG, "min": 0.01, "max": 1.0},
            "max_depth": {"distribution": "int_uniform", "min": 1, "max": 4},
            "subsample": {"distribution": "uniform", "min": 0.5, "max": 1.0},
            "loss": {"values": ["squared_error", "absolute_error", "huber"]},
        },
        lambda: _estimator(
            "sklearn.ensemble.GradientBoostingRegressor",
            {"n_estimators": int, "learning_rate": float, "max_depth": int, "subsample": float, "loss": str},
            {"random_state": 0},
            "fm-gbr",
            "neg_mean_absolute_error",
        ),
    ),
    (
        "lgbm-boosting",
        "LightGBM regressor, 60 trees (leaves, rate, leaf size, column share, boosting type) on Friedman 2, MSE / 1e4",
        {
            "num_leaves": {"distribution": "int_uniform", "min": 4, "max": 64},
            "learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.5},
            "min_child_samples": {"distribution": "int_uniform", "min": 2, "max": 60},
            "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
            "boosting_type": {"values": ["gbdt", "dart", "goss"]},
        },
        lambda: _estimator(
            "lightgbm.LGBMRegressor",
            {"num_leaves": int, "learning_rate": float, "min_child_samples": int, "colsample_bytree": float}
            | {"boosting_type": str},
            {"n_estimators": 60, "verbose": -1, "n_jobs": 1, "random_state": 0},
            "fm-lgbm",
            "neg_mean_squared_error",
            1e4,
        ),
    ),
    (
        "bagging-trees",
        "bagged decision trees (estimators, sample and feature shares, bootstrap), log loss",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 25},
            "max_samples": {"distribution": "uniform", "min": 0.2, "max": 1.0},
            "max_features": {"distribution": "uniform", "min": 0.2, "max": 1.0},
            "bootstrap": {"values": [True, False]},
        },
        lambda: _estimator(
            "sklearn.ensemble.BaggingClassifier",
            {"n_estimators": int, "max_samples": float, "max_features": float, "bootstrap": bool},
            {"random_state": 0, "n_jobs": 1},
            "fm-bagging",
            "neg_log_loss",
        ),
    ),
    (
        "logreg-penalty",
        "logistic regression on imbalanced classes (C, penalty, solver, class weight), -balanced accuracy",
        {
            "C": {"distribution": _LOG, "min": 1e-4, "max": 1e3},
            "penalty": {"values": ["l1", "l2"]},
            "solver": {"values": ["liblinear", "saga"]},
            "class_weight": {"values": ["none", "balanced"]},
        },
        _logreg,
    ),
    (
        "forest-discrete",
        "random forest, 3 classes (trees as a values list, depth, leaf size, features, criterion), log loss",
        {
            "n_estimators": {"values": [10, 20, 30, 40]},
            "max_depth": {"distribution": "int_uniform", "min": 2, "max": 16},
            "min_samples_leaf": {"distribution": "int_uniform", "min": 1, "max": 20},
            "max_features": {"values": ["sqrt", "log2", "all"]},
            "criterion": {"values": ["gini", "entropy"]},
        },
        lambda: _estimator(
            "sklearn.ensemble.RandomForestClassifier",
            {"n_estimators": int, "max_depth": int, "min_samples_leaf": int, "criterion": str}
            | {"max_features": _none_or},
            {"random_state": 0, "n_jobs": 1},
            "fm-forest",
            "neg_log_loss",
        ),
    ),
]


def fresh_mixed_tasks() -> list[Task]:
    """Every task of the fresh-mixed half, in a fixed order."""
    synthetic: list[tuple[str, Mapping[str, Any], Callable[[], Objective], float | Callable[[], float], str]] = [
        (
            "net-mixed",
            _NET_PARAMETERS,
            _net_mixed,
            0.0,
            "mixed: log rate coupled to int depth, log decay, quantized log width, dropout, activation; drawn",
        ),
        (
            "optimizer-shift",
            _OPTIMIZER_PARAMETERS,
            _optimizer_shift,
            0.0,
            "mixed: a 7-way optimizer moves the best rate, momentum and warmup (location and scale); drawn",
        ),
        ("int-rugged", _INT_PARAMETERS, _int_rugged, 0.0, "discrete: shifted integer quadratic + cosine, drawn"),
        ("cat-table", _TABLE_PARAMETERS, _cat_table, _cat_table_best, "categorical: strings, additive + interactions"),
        (
            "batch-values",
            _BATCH_PARAMETERS,
            _batch_values,
            0.0,
            "mixed: numeric values lists (batch, decay, epochs), the best rate scales with the batch; drawn",
        ),
        ("rastrigin-int", _RASTRIGIN_PARAMETERS, _rastrigin_int, 0.0, "mixed: Rastrigin 3-D + rugged integer, drawn"),
        (
            "step-precision",
            _STEP_PARAMETERS,
            _step_precision,
            0.0,
            "mixed, step-shaped: floored distances, q_uniform dropout, int warmup, precision; drawn",
        ),
        (
            "nested-discrete",
            _NESTED_PARAMETERS,
            _nested_discrete,
            0.0,
            "discrete, nested blocks: ints, numeric and string values lists, best augmentation mid-list; drawn",
        ),
    ]
    return half_tasks(FRESH_MIXED, "fm", synthetic, _REAL)
