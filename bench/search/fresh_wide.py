"""The *fresh-wide* half: a general mix of continuous, mixed, discrete and all-categorical spaces, held out.

Purpose and criteria, committed before any search on it and before the screens they govern (2026-12-07, session 22,
21:50 UTC; the half was written earlier that session, before any rule was chosen for it). It judges, 10 seeds each,
beside W&B's engine:

* **Today's rule** (``auto-plain``, the same on both installs) at 10, 20, 50 and 100 trials: the issue-16 verdict on
  tasks no rule has seen. It runs only together with a candidate's judging or when the steering side asks for it, so
  that the half is not spent on today's rule alone.
* **At most one candidate**, screened after this commit on the design half (4 seeds, against today's rule's searches
  in ``bench/results/design-s19-final.jsonl``, at 10 and 20 trials, then at 50 where it changes it). Rule for choosing
  it, as fresh-broad's and fresh-range's: (a) better in more searches than worse, summed over the budgets screened,
  with a two-sided sign test p < 0.1; (b) worse at no budget with p < 0.05; (c) at every budget screened, a higher
  paired share against W&B's ``bayes`` than today's rule's. The first candidate to meet it is judged here, at 10, 20,
  50 and 100 trials (session 22 or the next); none after it. It becomes ``auto``'s rule only if, against
  ``auto-plain`` (same task, seed and budget) at the budgets it changes: (1) summed it is better in more searches than
  worse with a two-sided sign test p < 0.05; (2) at no budget is it worse with p < 0.05; (3) its paired share against
  W&B's ``bayes``, summed over those budgets, is higher than ``auto-plain``'s. Otherwise it is not kept; the figures
  are reported either way.

Amendment (2026-12-07, session 23, 22:40 UTC; before any screen under it, no candidate has met the rule above, and
the half is still unread). The design half holds 5 real fits among its 62 tasks, and session 22's additive kernel won
there on BBOB functions alone, so a screen on it says little about tuning problems. A candidate is screened also on
the 30 real fits of three read halves (fresh-spread, fresh-broad and fresh-range; 4 seeds, 10, 20, 50 and 100 trials,
against today's rule's committed searches in their result files), beside the design half at 10, 20 and 50 trials
(against ``design-s19-final.jsonl``: ``auto-plain`` at 10 and 20, ``final-fifth-50`` at 50). Rule for choosing, over
both screens: (a) summed over both and over their budgets, better in more searches than worse with a two-sided sign
test p < 0.1; (b) in neither screen worse at any budget with p < 0.05; (c) at every budget, summed over the screens
that ran it, a higher paired share against W&B's ``bayes`` than today's rule's. Judging here and keeping are as above.

No problem, test function, dataset seed or model and space here appears in another half (the test functions, models,
data generators, LightGBM objectives and spaces were checked against every ``bench/search`` module by name, the design
and held-out tasks of ``bench/search/tasks.py`` among them; one ingredient recurs: Erlang C's wait, which
fresh-average's call centre uses for one queue of agents, prices the restaurant's two queues here). A helper wrote the
half, asked for a general, fair and varied mix not built for any sampler to win, and not told which rule it would
judge; no optimizer has run on it, not even a smoke search, only direct evaluations of the objectives (the harness was
shown to load its 20 tasks).

The tasks: 20, one problem each. As ``auto`` counts them (``SpaceShape.kind``), 8 spaces are continuous (floats only:
``uniform`` and ``log_uniform_values``), 7 mixed (floats beside ``int_uniform`` axes or categoricals), 2 discrete
(integers beside categoricals, no floats) and 3 all-categorical (short ``values`` lists of strings, booleans and
numbers); none conditional, no categorical has more than 6 values (the printer's nozzle temperature), 2 to 10
parameters a space (six spaces of 8 or more: HGBat, the CFD solver, the telescope, the mixed-precision run, LightGBM's
quantile and its Tweedie regressor), eight spaces hold a ``values`` list of numbers (the run's batch size, the water's
backwash hours, the restaurant's hosts and shift hours, the printer's nozzle, layer, speed and fan, the query's workers
and work_mem, LightGBM's bins, the hashed features' count and the CCA grid's components, iterations and tolerance).
The spaces are written as W&B users write a sweep's ``parameters`` (log-uniform rates, penalties, tolerances, doses and
prices, ``int_uniform`` counts and sizes, ``values`` lists), with a user's imperfect typing here and there: the hotel's
room rate typed uniform where demand falls by its exponential, the vote's three weights uniform on [0, 1] where only
their ratios matter (a direction that changes nothing), LightGBM's least split gain and least leaf hessian uniform, the
threshold uniform where the cost is a step function of it. Landscapes: smooth bowls (the hotel's expected dollars, flat
about their best; the multi-task elastic net), a cone (the charging protocol, sharp at its tip), creases and ridges
(HGBat's cone ``|s| = r``; the relaxations' sum, 0.06 wide; the telescope's coma-free pivots and focus against spacing;
the charging current against the temperature; the rate against the warmup; the weight against the threshold), two
basins (the coagulant's dose: charge neutralization, narrow, and sweep floc, a restabilized gap between), a slope that
flattens (the telescope's lost light saturating far from alignment, median 84 % of 100), cliffs and plateaus (lithium
plating, 240, on 13 % of the box; the CFD solver diverging or stopped at the hour, 3600, on 30 %; out of memory,
divergence or fp16's overflow, 200 GPU-hours, on 17 %; non-compliant water, 900 dollars, on 33 %; a swamped restaurant,
6000, on 43 % of its configurations; a failed print, 120, on 36 %; a killed query, 120000 ms, on 10 %; under-extrusion's
25 points; the graphical lasso's empty graph past the largest correlation, alpha from about 0.6 to 2), values spanning
orders of magnitude (the query: 376 to 1e6 ms; the CFD solver: 48 to 3600 s; the hotel: -21132 to 4177 dollars; HGBat:
0 to 900), axes that matter little beside axes that matter much (the rest between pulses; the turbulence relaxation,
residual smoothing and wall y+; the support pressure; the loss scale, inert for fp32 and bf16; the graphical lasso's
tolerances and eigenvalue floor; the isolation forest's bootstrap; CCA's tolerance), optima in the interior and near a
bound or a cliff (the charging current at 0.85 of its log range, 0.1 below plating along its ridge; fp16's loss scale
at 0.89 of its range, 0.06 below overflow; one accumulation step; the water's longest backwash interval; the printer's
hottest nozzle; the restaurant's 9 of 2 to 10 cooks, the hotel's 13 of 0 to 25 rooms overbooked), and noisy real
losses. Every task is minimized (the hotel's and the restaurant's dollars are returned negated; the isolation forest's
AUC negated; the real fits' other losses are losses).

Synthetic optima are drawn with this half's seed (none at the centre of the box) and exact: in closed form (HGBat: 0,
both its parts at least 0, the second by Cauchy-Schwarz, and both 0 only at ``x = -1``, moved to a drawn point in [-5,
5]^8 and written in the distance from it; the charging protocol's, the CFD solver's and the telescope's floors at their
drawn optima, every term of their misfits at least 0 and all 0 only there, the offsets read from the optimum's config so
that it gives the floor exactly, outside their plateaus), enumerated over the discrete part with the floats' optimum in
closed form or by Brent (the mixed-precision run: precision, batch and accumulation, 120 configurations, the floats'
optimum shifted by the effective batch and checked inside the box, a misfit 0 there; the hotel: policy, listing,
overbooking and minimum stay, 624, the breakfast's price alone by a 2001-point grid and a bounded Brent search at
tolerance 1e-12, every term it enters multiplied by the guests housed, the rate by the same grid and search with the
kink where the requests meet the rooms in closed form among the candidates; the water: coagulant, flocculation minutes,
medium and backwash, 1296, the dose's and the pH's dollars apart, the pH in closed form (the squared loss's centre moved
by the acid's or base's price over twice its weight, or the raw pH), the dose by the grid and Brent over its log,
checked inside the turbidity limit, not on its edge), or enumerated outright (the restaurant, 3240 configurations; the
printer, 9600; the query, 720; each best unique, the runner-up 2.2, 0.8 and 0.15 % behind). Checked before handing over:
each objective at its stated optimum (the argument of each enumeration or search, written as a config) gives the stated
value exactly, and none of 100000 random points beats it (the closest: HGBat 13.59 against 0, the charging protocol
30.94 against 28.68, the CFD solver 51.07 against 47.59, the telescope 5.60 against 0, the mixed-precision run 1.0505
against 0.98668, the hotel -21126.9 against -21131.9, the water 30.557 against 30.128; the three enumerated tables'
random draws found their best).

Real fits are 3-fold cross-validated (:func:`_scored` on ``_cv_loss``'s folds: for the texts, read as they are, and for
a scorer ``_cv_loss`` does not name: the pinball loss at 0.9, the Tweedie deviance at 1.5, a misclassification cost, the
estimator's own log-likelihood, the labels' mean log loss, an outlier AUC) on data scikit-learn generates or numpy draws
with seeds no other task uses (``100 SEED + i``); nothing is downloaded. Solvers are fixed (``random_state=0``, LightGBM
deterministic on one thread, row-wise; the chain's random order, the tree and the isolation forest seeded; the others
have no randomness), and every objective gives the same float twice at the same point (checked at 40 random points a
task, the synthetic ones too). An evaluation's mean over 15 random points is 5.9 to 67 ms on one core for a real fit
(BLAS on one thread, at nice 19; two benchmarks shared this 2-core machine, the load average 2.2 to 2.8, so the figures
are noisy): the slowest the isolation forest (67 ms, at most 105), the hashed texts (58, at most 102) and the classifier
chain (57); the fastest the multi-task elastic net (5.9) and the CCA grid (7.5); a synthetic task's median evaluation
takes under 0.01 ms but the hotel's (its Poisson sums, 0.03 ms), the slowest single one 1.8 ms.

Decided after seeing its draws and fits, before any search on it: the CFD solver's divergence (first 0.2 past the best
relaxations' sum, 70 % of the box: now 0.65, 30 %); fp16's overflow (first 0.25 past the best loss scale, which the box
did not reach: now 0.06); the water (74 % of the box non-compliant and a best on the limit's edge: now the limit 1 NTU
not 0.3, turbidity priced 150 dollars an NTU not 40, charge neutralization 0.5 wide in the log dose not 0.25, sweep
floc at 3 to 5 times its dose not 5 to 8 and 0.3 wide not 0.2; 33 %); the restaurant (75 % swamped and its best the
largest crew: now a server's parties an hour 5 to 7 not 2.5 to 3.5, 30 % of the spend kept, cooks 2 to 10 and servers 3
to 12 not 1 to 8 and 2 to 14, half an hour a handover, patience 35 to 50 minutes not 20 to 30, a cook's wage 32 not
28; 43 %); the printer (52 % failed and its best the fastest speed: now a clog 25 to 35 C below the best not 15 to 20,
ABS warping under a full fan only, TPU buckling from 120 mm/s not 80, ringing's squared penalty; 36 %); the isolation
forest (197 ms a mean evaluation: now 5 to 30 trees, not 10 to 100; half the outliers far, not a third); the hashed
texts (at most 8192 features, not 16384; 300 iterations, not 1000) and the graphical lasso (50 iterations, not 100),
for time.

* continuous, ``synthetic``: HGBat (8-D, [-10, 10]^8, a crease along a cone, optimum 0 moved to a drawn point in [-5,
  5]^8), a lithium-ion cell's fast charging (5-D: current, voltage, cutoff, rest, temperature; minutes and wear, a cone,
  a plating plateau; drawn), a RANS solver's settings (10-D: relaxations, log CFL and tolerance, blending, growth,
  smoothing, y+, coarsening; seconds, a divergence plateau; drawn) and a telescope's alignment (8-D: the secondary's
  decenters and tilts, focus, the corrector's spacing, the detector's tilt, the support; the light lost; drawn);
* continuous, ``real`` (3-fold cross-validated, floats only): LightGBM of the 0.9 quantile (8 floats; skewed
  heteroscedastic noise; mean pinball loss), the graphical lasso (alpha, two tolerances, the eigenvalues' floor; a
  sparse precision; minus the held-out log-likelihood), logistic regression cut at a fixed threshold (C, the positive
  weight, the threshold; a miss 5, a false alarm 1; mean cost) and the multi-task elastic net (alpha, L1 share; four
  targets on shared features; MSE);
* mixed, ``synthetic`` (exact optima): a mixed-precision training run (precision, batch as a numeric list,
  accumulation, log rate, warmup, loss scale, clip, decay; GPU-hours), a hotel's overbooking (policy, listing,
  overbooking, minimum stay, rate, breakfast price; minus expected dollars a night) and a water treatment plant
  (coagulant, log dose, pH, flocculation minutes, medium, backwash hours as a numeric list; dollars a megalitre);
* mixed, ``real``: LightGBM of the Tweedie deviance (9 knobs, its variance power among them, bins as a numeric list;
  claims mostly 0; the deviance at power 1.5), hashed texts then logistic regression (features as a numeric list,
  n-grams, signs, norm, presence, C; log loss), a weighted vote of ridge, nearest neighbours and a tree (three weights,
  alpha, neighbours, depth; low-rank features; MSE) and a classifier chain of logistic regressions (C, class weights,
  what passes down, the order; five labels; mean log loss);
* discrete, ``synthetic``: a restaurant's staffing (cooks, servers, hosts and shift hours as numeric lists, menu; minus
  an evening's dollars; enumerated);
* discrete, ``real``: an isolation forest (trees, samples and features a tree, bootstrap; minus the held-out AUC);
* all-categorical, ``synthetic``: a printed part's settings (material, nozzle, layer, speed and fan as numeric lists,
  infill; points lost and dollars; enumerated) and a query's plan (join, index, workers and work_mem as numeric lists,
  join order, JIT; milliseconds; enumerated);
* all-categorical, ``real``: canonical correlation analysis as a grid (components, iterations and tolerance as numeric
  lists, scaling; one view predicted from the other; MSE).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from bench.search.fresh import Draws, Real, Synthetic, half_tasks
from bench.search.fresh_general import _unit
from bench.search.fresh_schedule import _value
from bench.search.tasks import Objective, Task, _box, _cv_score, _dataset

__all__ = ["FRESH_WIDE", "fresh_wide_tasks", "generated_data"]

FRESH_WIDE = "fresh-wide"
#: the seed of every drawn optimum, table and generated dataset of this half (fixed; never redrawn).
SEED = 20261229
#: where this half's problems sit and its tables, drawn with its seed (problem names behind ``fq-``).
_DRAWS = Draws("fq", SEED)
_LOG = "log_uniform_values"


def generated_data() -> dict[str, Callable[[], tuple[np.ndarray, np.ndarray]]]:
    """Data name -> how scikit-learn generates it or numpy draws it (fixed seeds); read by
    ``bench.search.tasks._dataset``, which standardizes the features.

    The seeds are ``100 SEED + i``, as fresh-local to fresh-range derive theirs (theirs are ``2026121700 + i`` to
    ``2026122800 + i``); the reviews' texts (``100 SEED + 6``) are read as they are, by :func:`_scored`.
    """
    from sklearn import datasets

    base = 100 * SEED
    return {
        "fq-spread": lambda: _spread(base + 1),
        "fq-precision": lambda: _precision(base + 2),
        "fq-imbalanced": lambda: _imbalanced(base + 3),
        "fq-shared-support": lambda: _shared_support(base + 4),
        "fq-claims": lambda: _claims(base + 5),
        "fq-low-rank": lambda: _low_rank(base + 7),
        "fq-labels": lambda: datasets.make_multilabel_classification(
            n_samples=240,
            n_features=12,
            n_classes=5,
            n_labels=2,
            length=40,
            allow_unlabeled=True,
            random_state=base + 8,
        ),
        "fq-outliers": lambda: _outliers(base + 9),
        "fq-two-views": lambda: _two_views(base + 10),
    }


def _spread(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """300 samples of 8 Gaussian features; a target linear in three, a sine of one, with skewed noise (gamma, shape
    2) whose scale grows with two features (two inert)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(300, 8))
    mean = 2.0 + 1.5 * X[:, 0] - 1.0 * X[:, 1] + 0.8 * np.sin(2.0 * X[:, 2]) + 0.4 * X[:, 5]
    scale = 0.4 * np.exp(0.5 * X[:, 3]) * (1.0 + 0.4 * np.abs(X[:, 4]))
    return X, mean + scale * (rng.gamma(2.0, 1.0, 300) - 2.0)


def _precision(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """150 draws of a 12-dimensional Gaussian whose precision matrix is sparse (``make_sparse_spd_matrix``: about
    80 % of its off-diagonal entries 0); no target (zeros: the fit reads only the features)."""
    from sklearn.datasets import make_sparse_spd_matrix

    precision = make_sparse_spd_matrix(
        n_dim=12, alpha=0.8, smallest_coef=0.3, largest_coef=0.7, norm_diag=True, random_state=seed
    )
    rng = np.random.default_rng(seed)
    X = rng.multivariate_normal(np.zeros(12), np.linalg.inv(precision), 150)
    return X, np.zeros(150)


def _imbalanced(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """400 samples of 10 Gaussian features; about 15 % positive by a logistic draw on four features and a product
    of two (four inert)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(400, 10))
    score = -2.4 + 1.2 * X[:, 0] - 0.9 * X[:, 1] + 0.7 * X[:, 2] + 0.5 * X[:, 3] + 0.6 * X[:, 4] * X[:, 5]
    return X, (rng.random(400) < 1.0 / (1.0 + np.exp(-score))).astype(int)


def _shared_support(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """200 samples of 30 correlated features (two factors and noise); four targets linear in the same 6 features
    (each its own coefficients), noise 1."""
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(200, 2))
    X = factors @ rng.normal(0.0, 0.6, (2, 30)) + rng.normal(size=(200, 30))
    coef = np.zeros((30, 4))
    coef[rng.choice(30, 6, replace=False)] = rng.uniform(0.5, 1.5, (6, 4)) * rng.choice([-1.0, 1.0], (6, 4))
    return X, X @ coef + rng.normal(0.0, 1.0, (200, 4))


def _claims(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """300 policies of 8 Gaussian features; a year's claims amount, compound Poisson-gamma (most 0): the count's log
    rate linear in three features and a step, each claim's gamma mean (shape 1.5) by a fourth (three inert)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(300, 8))
    rate = np.exp(-0.6 + 0.5 * X[:, 0] - 0.4 * X[:, 1] + 0.3 * X[:, 2] + 0.6 * (X[:, 3] > 0.8))
    counts = rng.poisson(rate)
    severity = np.exp(1.0 + 0.3 * X[:, 4])
    return X, np.array([rng.gamma(1.5, s / 1.5, n).sum() for n, s in zip(counts, severity, strict=True)])


def _low_rank(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """240 samples of 12 features of effective rank 4 (``make_low_rank_matrix``); a target of their standardized
    values, a sine, a square, a product and a line, noise 0.3."""
    from sklearn.datasets import make_low_rank_matrix

    X = make_low_rank_matrix(n_samples=240, n_features=12, effective_rank=4, tail_strength=0.3, random_state=seed)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    y = np.sin(1.5 * Z[:, 0]) + 0.5 * Z[:, 1] ** 2 - 0.8 * Z[:, 2] * Z[:, 3] + 0.6 * Z[:, 4]
    return X, y + np.random.default_rng(seed).normal(0.0, 0.3, 240)


def _outliers(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """300 samples of 8 features: 270 inliers in two correlated Gaussian clusters, 30 outliers (label 1), half inside
    the features' ranges but off the clusters' correlations, half far out (4 to 7) on one or two features."""
    rng = np.random.default_rng(seed)
    mixing = rng.normal(0.0, 1.0, (3, 8))
    latent = rng.normal(size=(270, 3))
    centres = np.where(rng.random(270)[:, None] < 0.6, 0.0, 2.5) * np.ones((1, 8))
    inliers = centres + latent @ mixing + rng.normal(0.0, 0.3, (270, 8))
    off = rng.normal(0.0, inliers.std(axis=0), (15, 8)) + inliers.mean(axis=0)
    far = inliers[rng.choice(270, 15)].copy()
    for row in far:
        row[rng.choice(8, rng.integers(1, 3), replace=False)] += rng.choice([-1.0, 1.0]) * rng.uniform(4.0, 7.0)
    X = np.vstack([inliers, off, far])
    y = np.r_[np.zeros(270), np.ones(30)].astype(int)
    order = rng.permutation(300)
    return X[order], y[order]


def _two_views(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """300 samples seen twice: 10 features and 4 targets, both linear in the same 3 latent factors (of uneven
    strength), each view with 2 factors of its own and noise (the targets' scales uneven: 1 to 20)."""
    rng = np.random.default_rng(seed)
    shared = rng.normal(size=(300, 3)) * np.array([2.0, 1.0, 0.5])
    own_x, own_y = rng.normal(size=(300, 2)), rng.normal(size=(300, 2))
    X = shared @ rng.normal(size=(3, 10)) + own_x @ rng.normal(0.0, 1.5, (2, 10)) + rng.normal(0.0, 0.5, (300, 10))
    Y = shared @ rng.normal(size=(3, 4)) + own_y @ rng.normal(size=(2, 4)) + rng.normal(0.0, 0.5, (300, 4))
    return X, Y * np.array([1.0, 4.0, 20.0, 0.5])


@functools.cache
def _reviews() -> tuple[np.ndarray, np.ndarray]:
    """240 short reviews (texts of 20 to 60 tokens over 400 words, Zipf-weighted); two classes by a logistic draw on
    how many of 12 positive and 12 negative words each holds, a word after ``not`` counted with its sign flipped, and
    three two-word phrases. Texts, not standardized."""
    rng = np.random.default_rng(100 * SEED + 6)
    words = np.array([f"w{i}" for i in range(400)])
    weights = 1.0 / np.arange(1, 401) ** 0.8
    weights /= weights.sum()
    positive, negative = set(range(20, 32)), set(range(40, 52))
    phrases = {(60, 61): 1.5, (70, 71): -1.5, (80, 81): 1.2}
    texts, labels = [], []
    for _ in range(240):
        tokens = list(rng.choice(400, int(rng.integers(20, 61)), p=weights))
        for (a, b), _effect in phrases.items():
            if rng.random() < 0.25:
                spot = int(rng.integers(0, len(tokens)))
                tokens[spot : spot + 2] = [a, b]
        if rng.random() < 0.5:
            spot = int(rng.integers(0, len(tokens) - 1))
            tokens.insert(spot, -1)  # "not"
        score, flip = -0.2, 1.0
        for previous, token in itertools.pairwise([None, *tokens]):
            flip = -1.0 if previous == -1 else 1.0
            score += flip * (0.6 if token in positive else -0.6 if token in negative else 0.0)
            score += phrases.get((previous, token), 0.0) if previous is not None else 0.0
        texts.append(" ".join("not" if t == -1 else str(words[t]) for t in tokens))
        labels.append(int(rng.random() < 1.0 / (1.0 + math.exp(-1.5 * score))))
    return np.array(texts), np.array(labels)


# -- continuous, synthetic --------------------------------------------------------------------------------------


def _hgbat(d: np.ndarray) -> float:
    """HGBat (Beyer and Finck, 2012), ``|r^2 - s^2|^(1/2) + (r / 2 + s) / n + 1/2`` with ``r = sum x_i^2`` and
    ``s = sum x_i``, in the distance ``d = x + 1`` from its optimum. Both parts are at least 0: the first plainly,
    the second because ``s >= -(n r)^(1/2)`` (Cauchy-Schwarz) and ``r / 2 - (n r)^(1/2) >= -n / 2``, with equality
    only at ``x = -1``, where the first part is 0 too: the optimum is 0 at ``d = 0`` exactly; a crease along the
    cone ``|s| = r``, a slope elsewhere."""
    x = d - 1.0
    r, s = float(np.sum(x * x)), float(np.sum(x))
    return float(math.sqrt(abs(r * r - s * s)) + (0.5 * r + s) / len(x) + 0.5)


_BATTERY_PARAMETERS: dict[str, dict[str, Any]] = {
    "charge_c_rate": {"distribution": _LOG, "min": 0.2, "max": 6.0},
    "cv_voltage": {"distribution": "uniform", "min": 4.0, "max": 4.45},
    "cutoff_c_rate": {"distribution": _LOG, "min": 0.005, "max": 0.5},
    "rest_seconds": {"distribution": "uniform", "min": 0.0, "max": 60.0},
    "temperature_c": {"distribution": "uniform", "min": 5.0, "max": 45.0},
}
#: minutes-equivalent of a charge that plates lithium (the cell is retired early): a plateau.
_PLATED = 240.0


@functools.cache
def _battery_optimum() -> tuple[np.ndarray, float]:
    """Drawn: the protocol's optimum in the unit box and the best minutes-equivalent (28 to 36)."""
    return _DRAWS.unit("battery-charging", 5), float(_DRAWS.table_rng("battery-charging").uniform(28.0, 36.0))


def _battery_point() -> dict[str, float]:
    z, _floor = _battery_optimum()
    return {name: _value(float(u), spec) for (name, spec), u in zip(_BATTERY_PARAMETERS.items(), z, strict=True)}


def _battery_charging() -> Objective:
    """A lithium-ion cell's fast-charging protocol: minutes to 80 % plus its wear in minutes, ``floor + 9 q^(1/2)`` of
    a misfit ``q`` about the drawn optimum (unit box): a cone, sharp at its tip. The best current rises with the
    temperature (a ridge 0.08 wide), the voltage lopsided (wear past its best, three times as steep), the cutoff
    current by its log, the rest between pulses matters little. A current 0.1 past its ridge (less with a colder
    cell) plates lithium: 240."""
    z, floor = _unit(_battery_point(), _BATTERY_PARAMETERS), _battery_optimum()[1]

    def f(c: Mapping[str, Any]) -> float:
        rate, voltage, cutoff, rest, temperature = _unit(c, _BATTERY_PARAMETERS) - z
        if rate - 0.5 * temperature > 0.1:
            return _PLATED
        q = (
            ((rate - 0.5 * temperature) / 0.08) ** 2
            + (temperature / 0.35) ** 2
            + (voltage / (0.06 if voltage > 0 else 0.2)) ** 2
            + (cutoff / 0.4) ** 2
            + (rest / 3.0) ** 2
        )
        return float(floor + 9.0 * math.sqrt(q))

    return f


_CFD_PARAMETERS: dict[str, dict[str, Any]] = {
    "pressure_relaxation": {"distribution": "uniform", "min": 0.05, "max": 0.7},
    "momentum_relaxation": {"distribution": "uniform", "min": 0.3, "max": 0.95},
    "turbulence_relaxation": {"distribution": "uniform", "min": 0.3, "max": 0.95},
    "cfl": {"distribution": _LOG, "min": 0.1, "max": 100.0},
    "linear_tolerance": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
    "convection_blending": {"distribution": "uniform", "min": 0.0, "max": 1.0},
    "time_step_growth": {"distribution": "uniform", "min": 1.0, "max": 2.0},
    "residual_smoothing": {"distribution": "uniform", "min": 0.0, "max": 1.0},
    "wall_yplus": {"distribution": _LOG, "min": 1.0, "max": 300.0},
    "multigrid_coarsening": {"distribution": "uniform", "min": 1.5, "max": 4.0},
}
#: seconds of a run that diverges or is stopped at the hour: a plateau.
_STOPPED = 3600.0


@functools.cache
def _cfd_optimum() -> tuple[np.ndarray, float]:
    """Drawn: the solver settings' optimum in the unit box and the fastest convergence (45 to 75 seconds)."""
    return _DRAWS.unit("cfd-solver", 10), float(_DRAWS.table_rng("cfd-solver").uniform(45.0, 75.0))


def _cfd_point() -> dict[str, float]:
    z, _floor = _cfd_optimum()
    return {name: _value(float(u), spec) for (name, spec), u in zip(_CFD_PARAMETERS.items(), z, strict=True)}


def _cfd_solver() -> Objective:
    """A steady RANS solver's wall seconds to converge, ``floor (1 + q / 4)^0.8`` of a misfit ``q`` about the drawn
    optimum (unit box), at most an hour: the pressure and momentum relaxations by their sum (SIMPLE's ``a_p ~ 1 -
    a_u``: a ridge 0.06 wide along their difference), the CFL number by its log, narrow; the linear solver's tolerance
    lopsided (too loose costs outer iterations, four times as steep as too tight), the convection blending, the time
    step's growth and the multigrid's coarsening; the turbulence relaxation, the residual smoothing and the wall's
    y+ matter little. Relaxations 0.65 past their best sum (less with a larger CFL) diverge: 3600."""
    z, floor = _unit(_cfd_point(), _CFD_PARAMETERS), _cfd_optimum()[1]

    def f(c: Mapping[str, Any]) -> float:
        p, m, turbulence, cfl, tolerance, blending, growth, smoothing, yplus, coarsening = _unit(c, _CFD_PARAMETERS) - z
        if p + m + 0.5 * max(cfl, 0.0) > 0.65:
            return _STOPPED
        q = (
            ((p + m) / 0.06) ** 2
            + ((p - m) / 0.5) ** 2
            + (turbulence / 0.6) ** 2
            + (cfl / 0.15) ** 2
            + (tolerance / (0.12 if tolerance > 0 else 0.5)) ** 2
            + (blending / 0.3) ** 2
            + (growth / 0.5) ** 2
            + (smoothing / 2.0) ** 2
            + (yplus / 1.5) ** 2
            + (coarsening / 0.4) ** 2
        )
        return float(min(floor * (1.0 + q / 4.0) ** 0.8, _STOPPED))

    return f


_TELESCOPE_PARAMETERS: dict[str, dict[str, Any]] = {
    "secondary_decenter_x_mm": {"distribution": "uniform", "min": -3.0, "max": 3.0},
    "secondary_decenter_y_mm": {"distribution": "uniform", "min": -3.0, "max": 3.0},
    "secondary_tilt_x_arcmin": {"distribution": "uniform", "min": -15.0, "max": 15.0},
    "secondary_tilt_y_arcmin": {"distribution": "uniform", "min": -15.0, "max": 15.0},
    "focus_um": {"distribution": "uniform", "min": -400.0, "max": 400.0},
    "corrector_spacing_mm": {"distribution": "uniform", "min": 80.0, "max": 120.0},
    "detector_tilt_arcmin": {"distribution": "uniform", "min": -20.0, "max": 20.0},
    "support_pressure_kpa": {"distribution": "uniform", "min": 20.0, "max": 80.0},
}


def _telescope_point() -> dict[str, float]:
    z = _DRAWS.unit("telescope-alignment", 8)
    return {name: _value(float(u), spec) for (name, spec), u in zip(_TELESCOPE_PARAMETERS.items(), z, strict=True)}


def _telescope_alignment() -> Objective:
    """A telescope's alignment: the light lost from the star's core, ``100 s / (1 + s)`` percent of a wavefront
    error ``s`` about the drawn optimum (unit box): coma from the secondary's decenter, cancelled by its tilt (the
    coma-free pivots: two ridges 0.1 wide), the tilts' own astigmatism, focus against the corrector's spacing (a
    ridge), the spacing's spherical aberration, the detector's tilt and the primary's support pressure. Every term is
    at least 0 and all are 0 only at the optimum: 0 there; the loss saturates far from it (most of the box loses
    most of the light: a slope that flattens)."""
    z = _unit(_telescope_point(), _TELESCOPE_PARAMETERS)

    def f(c: Mapping[str, Any]) -> float:
        dx, dy, tx, ty, focus, spacing, detector, support = _unit(c, _TELESCOPE_PARAMETERS) - z
        s = (
            ((dx - 0.8 * ty) / 0.1) ** 2
            + ((dy + 0.8 * tx) / 0.1) ** 2
            + (tx / 0.5) ** 2
            + (ty / 0.5) ** 2
            + ((focus + 0.6 * spacing) / 0.08) ** 2
            + (spacing / 0.4) ** 2
            + (detector / 0.4) ** 2
            + (support / 0.3) ** 2
        ) / 10.0
        return float(100.0 * s / (1.0 + s))

    return f


# -- mixed, synthetic -------------------------------------------------------------------------------------------

_PRECISIONS = ["fp32", "bf16", "fp16"]
_BATCHES = [16, 32, 64, 128, 256]
_AMP_FLOATS: dict[str, dict[str, Any]] = {
    "learning_rate": {"distribution": _LOG, "min": 1e-5, "max": 1e-2},
    "warmup_fraction": {"distribution": "uniform", "min": 0.0, "max": 0.2},
    "loss_scale": {"distribution": _LOG, "min": 1.0, "max": 65536.0},
    "grad_clip": {"distribution": _LOG, "min": 0.05, "max": 10.0},
    "weight_decay": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
}
_AMP_PARAMETERS: dict[str, dict[str, Any]] = {
    "precision": {"values": _PRECISIONS},
    "batch_size": {"values": _BATCHES},
    "grad_accumulation": {"distribution": "int_uniform", "min": 1, "max": 8},
    **_AMP_FLOATS,
}
#: GPU-hours charged for a run that fails: out of memory (fp32 at the largest batch), diverged or overflowing.
_FAILED_RUN = 200.0


@functools.cache
def _amp_table() -> dict[str, Any]:
    """Drawn: the critical batch (300 to 900 examples) and the fewest steps (3000 to 5000) of the
    steps-to-examples law, fp32's examples a second at a batch of 64 (250 to 350), bf16's and fp16's speed-ups (1.8 to
    2.2, 2.0 to 2.5), a micro-step's overhead (0.03 to 0.06 s), the steps' extra for bf16's and fp16's rounding (2 to
    6 %, 1 to 4 %), and the floats' optimum (unit box)."""
    rng = _DRAWS.table_rng("mixed-precision")
    return {
        "critical": float(rng.uniform(300.0, 900.0)),
        "steps": float(rng.uniform(3000.0, 5000.0)),
        "speed": 300.0 * np.array([1.0, 1.0, 1.0]) * rng.uniform([0.833, 1.8, 2.0], [1.167, 2.2, 2.5]),
        "overhead": float(rng.uniform(0.03, 0.06)),
        "rounding": np.array([1.0, rng.uniform(1.02, 1.06), rng.uniform(1.01, 1.04)]),
        "z": _DRAWS.unit("mixed-precision", 5),
    }


def _amp_hours(precision: int, batch: int, accumulation: int) -> float:
    """GPU-hours to the target at a discrete configuration's float optimum: the steps ``S (1 + B_crit / B)`` of an
    effective batch ``B`` (the batch times the accumulation), each ``accumulation`` micro-steps of an overhead plus
    the batch over the precision's speed (larger batches run faster a example: the speed grows as the batch's 0.15
    power); fp32 at the largest batch runs out of memory."""
    t = _amp_table()
    size = _BATCHES[batch]
    if precision == 0 and size == 256:
        return _FAILED_RUN
    effective = size * accumulation
    steps = t["steps"] * (1.0 + t["critical"] / effective) * t["rounding"][precision]
    micro = t["overhead"] + size / (t["speed"][precision] * (size / 64.0) ** 0.15)
    return float(steps * accumulation * micro / 3600.0)


def _amp_centre(batch: int, accumulation: int) -> np.ndarray:
    """The float optimum of a discrete configuration (unit box): the rate 0.05 higher a doubling of the effective
    batch past 64 (the square-root rule, a third of a decade a quadrupling over the rate's three), the warmup 0.04
    longer a doubling."""
    t = _amp_table()
    centre = np.array(t["z"], dtype=float)
    doublings = math.log2(_BATCHES[batch] * accumulation / 64.0)
    centre[0] += 0.05 * doublings
    centre[1] += 0.04 * doublings
    return centre


def _mixed_precision() -> Objective:
    """GPU-hours to a target accuracy: the discrete part's hours times ``1 + q / 6`` of a misfit ``q`` of the floats
    about its optimum (the rate against the warmup, a ridge 0.08 wide; the clip, the weight decay; the loss scale
    for fp16 only, inert for fp32 and bf16). A rate 0.3 past its best diverges, and fp16's loss scale 0.06 past its
    best overflows: 200 (as out of memory)."""

    def f(c: Mapping[str, Any]) -> float:
        precision, batch = _PRECISIONS.index(str(c["precision"])), _BATCHES.index(int(c["batch_size"]))
        accumulation = int(c["grad_accumulation"])
        hours = _amp_hours(precision, batch, accumulation)
        rate, warmup, scale, clip, decay = _unit(c, _AMP_FLOATS) - _amp_centre(batch, accumulation)
        if hours == _FAILED_RUN or rate > 0.3 or (precision == 2 and scale > 0.06):
            return _FAILED_RUN
        q = ((rate - 0.5 * warmup) / 0.08) ** 2 + (warmup / 0.3) ** 2 + (clip / 0.4) ** 2 + (decay / 0.5) ** 2
        if precision == 2:
            q += (scale / 0.3) ** 2
        return float(hours * (1.0 + q / 6.0))

    return f


def _amp_best_config() -> dict[str, Any]:
    """Every discrete configuration enumerated (3 x 5 x 8), each at its float optimum (inside the box: checked);
    fp16's loss scale at its drawn best (the others ignore it)."""
    best: tuple[float, dict[str, Any]] | None = None
    for precision, batch, accumulation in itertools.product(range(3), range(5), range(1, 9)):
        centre = _amp_centre(batch, accumulation)
        if not np.all((centre > 0) & (centre < 1)):
            raise ValueError("a float optimum outside the box")
        value = _amp_hours(precision, batch, accumulation)
        if best is None or value < best[0]:
            floats = {n: _value(float(u), s) for (n, s), u in zip(_AMP_FLOATS.items(), centre, strict=True)}
            config = {
                "precision": _PRECISIONS[precision],
                "batch_size": _BATCHES[batch],
                "grad_accumulation": accumulation,
                **floats,
            }
            best = (value, config)
    assert best is not None
    return best[1]


@functools.cache
def _amp_best() -> float:
    return _mixed_precision()(_amp_best_config())


_POLICIES = ["flexible", "moderate", "non_refundable"]
_HOTEL_PARAMETERS: dict[str, dict[str, Any]] = {
    "cancellation_policy": {"values": _POLICIES},
    "list_on_otas": {"values": [True, False]},
    "overbooking": {"distribution": "int_uniform", "min": 0, "max": 25},
    "min_stay_nights": {"distribution": "int_uniform", "min": 1, "max": 4},
    "room_rate": {"distribution": "uniform", "min": 60.0, "max": 400.0},
    "breakfast_price": {"distribution": _LOG, "min": 2.0, "max": 60.0},
}
#: the hotel's rooms; the share of bookings an online travel agency brings when listed; a breakfast's cost.
_ROOMS, _OTA_SHARE, _BREAKFAST_COST = 120, 0.55, 4.0


@functools.cache
def _hotel_table() -> dict[str, Any]:
    """Drawn: a night's requests at a rate of 0 (700 to 900), each policy's price scale (flexible 120 to 140,
    moderate 105 to 120, non-refundable 85 to 100 dollars), its demand (1, 0.93 to 0.97, 0.75 to 0.85) and its
    guests' show-up rate (0.80 to 0.86, 0.88 to 0.92, 0.95 to 0.98); the agencies' extra demand (1.4 to 1.7 times)
    and commission (15 to 20 %), a walked guest's dollars (200 to 280), breakfast's uptake (a logistic in its price:
    half at 12 to 18 dollars, 3 to 5 dollars wide)."""
    rng = _DRAWS.table_rng("hotel-overbooking")
    return {
        "requests": float(rng.uniform(700.0, 900.0)),
        "scale": rng.uniform([120.0, 105.0, 85.0], [140.0, 120.0, 100.0]),
        "demand": np.array([1.0, rng.uniform(0.93, 0.97), rng.uniform(0.75, 0.85)]),
        "show": rng.uniform([0.80, 0.88, 0.95], [0.86, 0.92, 0.98]),
        "ota": (float(rng.uniform(1.4, 1.7)), float(rng.uniform(0.15, 0.2))),
        "walk": float(rng.uniform(200.0, 280.0)),
        "breakfast": (float(rng.uniform(12.0, 18.0)), float(rng.uniform(3.0, 5.0))),
    }


def _breakfast_margin(price: Any) -> Any:
    """A guest's breakfast dollars (numpy-broadcast): the price less its cost, times the share who buy it."""
    middle, width = _hotel_table()["breakfast"]
    return (price - _BREAKFAST_COST) / (1.0 + np.exp((price - middle) / width))


def _hotel_profit(policy: int, ota: bool, overbooking: int, stay: int, rate: Any, breakfast: Any) -> Any:
    """A night's expected dollars (numpy-broadcast over the rate): the requests ``D`` (falling as ``exp(-rate /
    scale)``, less a 15 % a night of minimum stay), bookings ``B = min(D, rooms + overbooking)``, the guests who come
    Poisson of mean ``B`` times the show-up rate; each guest in a room pays the rate (net of the agencies'
    commission on their share) and breakfast, less 25 dollars and a 30-dollar turnover over the stay's mean length
    (1 + 0.4 a night of minimum); a non-refundable no-show pays the rate; a guest past the rooms is walked."""
    from scipy.special import gammainc

    t = _hotel_table()
    boost, commission = t["ota"] if ota else (1.0, 0.0)
    requests = t["requests"] * t["demand"][policy] * boost * 0.85 ** (stay - 1) * np.exp(-rate / t["scale"][policy])
    bookings = np.minimum(requests, _ROOMS + overbooking)
    shows = bookings * t["show"][policy]
    k = np.arange(1, _ROOMS + 1)
    housed = np.sum(gammainc(k, np.expand_dims(shows, -1)), axis=-1)  # E min(S, rooms) = sum_k P(S >= k)
    walked = shows - housed
    net = rate * (1.0 - _OTA_SHARE * commission)
    turnover = 30.0 / (1.0 + 0.4 * (stay - 1))
    profit = housed * (net - 25.0 - turnover + _breakfast_margin(breakfast)) - t["walk"] * walked
    return profit + (net * (bookings - shows) if policy == 2 else 0.0)


def _hotel_overbooking() -> Objective:
    """Minus a hotel's expected dollars a night: cancellation policy, agency listing, overbooking, minimum stay,
    the room rate (typed uniform, acting by its exponential) and the breakfast's price (log)."""

    def f(c: Mapping[str, Any]) -> float:
        return float(
            -_hotel_profit(
                _POLICIES.index(str(c["cancellation_policy"])),
                bool(c["list_on_otas"]),
                int(c["overbooking"]),
                int(c["min_stay_nights"]),
                float(c["room_rate"]),
                float(c["breakfast_price"]),
            )
        )

    return f


def _bounded_minimum(g: Callable[[Any], Any], low: float, high: float, extra: tuple[float, ...] = ()) -> float:
    """The argument of ``g``'s least value on ``[low, high]``: a 2001-point grid (``g`` numpy-broadcast), then a
    bounded Brent search (tolerance 1e-12) between the grid points either side of its best, and any ``extra``
    candidates inside the range (kinks); the best of them."""
    from scipy.optimize import minimize_scalar

    grid = np.linspace(low, high, 2001)
    values = g(grid)
    i = int(np.argmin(values))
    bounds = (float(grid[max(i - 1, 0)]), float(grid[min(i + 1, 2000)]))
    found = minimize_scalar(lambda x: float(g(x)), bounds=bounds, method="bounded", options={"xatol": 1e-12})
    candidates = [float(grid[i]), float(found.x), *(x for x in extra if low <= x <= high)]
    return min(candidates, key=lambda x: float(g(x)))


@functools.cache
def _breakfast_best() -> float:
    """The breakfast price of most dollars a guest, in log space (its range 2 to 60): it does not depend on the
    rest, every term it enters multiplied by the guests housed (at least 0)."""
    low, high = math.log(2.0), math.log(60.0)
    return math.exp(_bounded_minimum(lambda u: -_breakfast_margin(np.exp(u)), low, high))


def _hotel_best_config() -> dict[str, Any]:
    """Policy, listing, overbooking and minimum stay enumerated (3 x 2 x 26 x 4); the breakfast at its own best
    (:func:`_breakfast_best`); the rate by :func:`_bounded_minimum` on [60, 400], the kink where the requests meet
    the rooms plus the overbooking (in closed form) among its candidates."""
    t = _hotel_table()
    breakfast = _breakfast_best()
    best: tuple[float, dict[str, Any]] | None = None
    for policy, ota, overbooking, stay in itertools.product(range(3), (True, False), range(26), range(1, 5)):
        boost = t["ota"][0] if ota else 1.0
        top = t["requests"] * t["demand"][policy] * boost * 0.85 ** (stay - 1)
        kink = float(t["scale"][policy] * math.log(top / (_ROOMS + overbooking)))
        key = (policy, ota, overbooking, stay)

        def loss(rate: Any, key: tuple[int, bool, int, int] = key) -> Any:
            return -_hotel_profit(*key, rate, breakfast)

        rate = _bounded_minimum(loss, 60.0, 400.0, (kink,))
        value = float(loss(rate))
        if best is None or value < best[0]:
            config = {
                "cancellation_policy": _POLICIES[policy],
                "list_on_otas": ota,
                "overbooking": overbooking,
                "min_stay_nights": stay,
                "room_rate": rate,
                "breakfast_price": breakfast,
            }
            best = (value, config)
    assert best is not None
    return best[1]


@functools.cache
def _hotel_best() -> float:
    return _hotel_overbooking()(_hotel_best_config())


_COAGULANTS = ["alum", "ferric_chloride", "polyaluminium"]
_MEDIA = ["sand", "dual_media", "granular_carbon"]
_BACKWASH_HOURS = [12, 24, 48, 72]
_WATER_PARAMETERS: dict[str, dict[str, Any]] = {
    "coagulant": {"values": _COAGULANTS},
    "dose_mg_l": {"distribution": _LOG, "min": 1.0, "max": 200.0},
    "ph": {"distribution": "uniform", "min": 5.5, "max": 8.5},
    "flocculation_min": {"distribution": "int_uniform", "min": 5, "max": 40},
    "filter_media": {"values": _MEDIA},
    "backwash_hours": {"values": _BACKWASH_HOURS},
}
#: dollars a megalitre of water above the turbidity limit (1 NTU): a boil-water notice.
_NONCOMPLIANT, _TURBIDITY_LIMIT = 900.0, 1.0
#: each medium's share of the settled turbidity passed, its dollars a megalitre; the dollars of a backwash.
_PASSED, _MEDIA_COST, _BACKWASH_COST = (0.05, 0.03, 0.035), (3.0, 5.0, 9.0), 140.0


@functools.cache
def _water_table() -> dict[str, Any]:
    """Drawn: the raw water's turbidity (20 to 40 NTU) and pH (7.3 to 7.8); each coagulant's dollars a kg (alum 0.25
    to 0.35, ferric 0.35 to 0.45, polyaluminium 0.6 to 0.8), its charge-neutralization dose (8 to 14, 5 to 9, 3 to 6
    mg/l) and removal there (0.93 to 0.96), its sweep-floc dose (3 to 5 times that) and removal (0.97 to 0.99), its
    best pH (6.2 to 6.8, 5.6 to 6.4, 6.8 to 7.4) and a pH unit's squared dollars off it (5 to 9); acid's and base's
    dollars a pH unit (1 to 1.5, 1.5 to 2.2)."""
    rng = _DRAWS.table_rng("water-treatment")
    neutral = rng.uniform([8.0, 5.0, 3.0], [14.0, 9.0, 6.0])
    return {
        "turbidity": float(rng.uniform(20.0, 40.0)),
        "ph": float(rng.uniform(7.3, 7.8)),
        "price": rng.uniform([0.25, 0.35, 0.6], [0.35, 0.45, 0.8]),
        "neutral": neutral,
        "neutral_removal": rng.uniform(0.93, 0.96, 3),
        "sweep": neutral * rng.uniform(3.0, 5.0, 3),
        "sweep_removal": rng.uniform(0.97, 0.99, 3),
        "best_ph": rng.uniform([6.2, 5.6, 6.8], [6.8, 6.4, 7.4]),
        "ph_cost": rng.uniform(5.0, 9.0, 3),
        "acid": float(rng.uniform(1.0, 1.5)),
        "base": float(rng.uniform(1.5, 2.2)),
    }


def _filtered(coagulant: int, dose: Any, minutes: int, media: int, hours: int) -> Any:
    """The filtered water's turbidity (NTU, numpy-broadcast over the dose): the raw turbidity less the coagulation's
    removal (the better of charge neutralization, a narrow bump in the log dose, restabilizing past it, and sweep
    floc, a logistic step in it), more left after a short flocculation, a medium's share passed, more as the filter
    loads between backwashes."""
    t = _water_table()
    u = np.log(dose)
    neutral = t["neutral_removal"][coagulant] * np.exp(-(((u - math.log(t["neutral"][coagulant])) / 0.5) ** 2))
    sweep = t["sweep_removal"][coagulant] / (1.0 + np.exp(-(u - math.log(t["sweep"][coagulant])) / 0.3))
    settled = t["turbidity"] * (1.0 - np.maximum(neutral, sweep)) * (1.0 + 4.0 * math.exp(-minutes / 8.0))
    return settled * _PASSED[media] * (1.0 + 0.004 * hours)


def _dose_dollars(coagulant: int, dose: Any, minutes: int, media: int, hours: int) -> Any:
    """The dose's dollars a megalitre (numpy-broadcast): the coagulant and its sludge (0.12 a kg), and 150 a NTU of
    turbidity left; infinite above the limit."""
    t = _water_table()
    turbidity = _filtered(coagulant, dose, minutes, media, hours)
    dollars = dose * (t["price"][coagulant] + 0.12) + 150.0 * turbidity
    return np.where(turbidity > _TURBIDITY_LIMIT, np.inf, dollars)


def _ph_dollars(coagulant: int, ph: float) -> float:
    """The pH's dollars a megalitre: acid or base to move it from the raw water's, and the coagulant's squared loss
    off its best pH."""
    t = _water_table()
    shift = t["acid"] * max(t["ph"] - ph, 0.0) + t["base"] * max(ph - t["ph"], 0.0)
    return float(shift + t["ph_cost"][coagulant] * (ph - t["best_ph"][coagulant]) ** 2)


def _water_dollars(coagulant: int, dose: float, ph: float, minutes: int, media: int, hours: int) -> float:
    """A megalitre's dollars: the dose's, the pH's, flocculation's energy (0.4 a minute), the medium and the
    backwashes (168 over the interval's hours); 900 above the turbidity limit."""
    dose_part = float(_dose_dollars(coagulant, dose, minutes, media, hours))
    if not math.isfinite(dose_part):
        return _NONCOMPLIANT
    fixed = 0.4 * minutes + _MEDIA_COST[media] + _BACKWASH_COST * 12.0 / hours * 0.1
    return float(dose_part + _ph_dollars(coagulant, ph) + fixed)


def _water_treatment() -> Objective:
    """A treatment plant's dollars a megalitre by coagulant, dose (log), pH, flocculation minutes, filter medium and
    backwash interval (a numeric list): two basins in the dose (charge neutralization, narrow, and sweep floc), a
    non-compliant plateau (900) below both."""

    def f(c: Mapping[str, Any]) -> float:
        return _water_dollars(
            _COAGULANTS.index(str(c["coagulant"])),
            float(c["dose_mg_l"]),
            float(c["ph"]),
            int(c["flocculation_min"]),
            _MEDIA.index(str(c["filter_media"])),
            int(c["backwash_hours"]),
        )

    return f


def _best_ph(coagulant: int) -> float:
    """The pH of least dollars in closed form: the squared loss's centre moved by the acid's (or base's) price over
    twice its weight, toward the raw pH, or the raw pH where that passes it (inside [5.5, 8.5]: checked)."""
    t = _water_table()
    raw, centre, weight = t["ph"], float(t["best_ph"][coagulant]), float(t["ph_cost"][coagulant])
    if centre > raw:
        ph = max(centre - t["base"] / (2.0 * weight), raw)
    else:
        ph = min(centre + t["acid"] / (2.0 * weight), raw)
    if not 5.5 < ph < 8.5:
        raise ValueError("a best pH outside its range")
    return float(ph)


def _water_best_config() -> dict[str, Any]:
    """Coagulant, flocculation minutes, medium and backwash interval enumerated (3 x 36 x 3 x 4); the dose's and
    the pH's dollars apart, so each float at its own best: the pH in closed form (:func:`_best_ph`), the dose by
    :func:`_bounded_minimum` over its log (checked inside the limit, not on its edge)."""
    best: tuple[float, dict[str, Any]] | None = None
    for coagulant, minutes, media, hours in itertools.product(range(3), range(5, 41), range(3), _BACKWASH_HOURS):

        def cost(u: Any, key: tuple[int, int, int, int] = (coagulant, minutes, media, hours)) -> Any:
            return _dose_dollars(key[0], np.exp(u), *key[1:])

        dose = math.exp(_bounded_minimum(cost, 0.0, math.log(200.0)))
        if not math.isfinite(float(cost(math.log(dose)))):
            continue
        if float(_filtered(coagulant, dose, minutes, media, hours)) > 0.999 * _TURBIDITY_LIMIT:
            raise ValueError("a best dose on the limit's edge")
        ph = _best_ph(coagulant)
        value = _water_dollars(coagulant, dose, ph, minutes, media, hours)
        if best is None or value < best[0]:
            config = {
                "coagulant": _COAGULANTS[coagulant],
                "dose_mg_l": dose,
                "ph": ph,
                "flocculation_min": minutes,
                "filter_media": _MEDIA[media],
                "backwash_hours": hours,
            }
            best = (value, config)
    assert best is not None
    return best[1]


@functools.cache
def _water_best() -> float:
    return _water_treatment()(_water_best_config())


# -- discrete, synthetic ----------------------------------------------------------------------------------------

_HOSTS = [0, 1, 2]
_SHIFT_HOURS = [4, 6, 8, 10]
_MENUS = ["compact", "standard", "extended"]
_RESTAURANT_PARAMETERS: dict[str, dict[str, Any]] = {
    "cooks": {"distribution": "int_uniform", "min": 2, "max": 10},
    "servers": {"distribution": "int_uniform", "min": 3, "max": 12},
    "hosts": {"values": _HOSTS},
    "shift_hours": {"values": _SHIFT_HOURS},
    "menu": {"values": _MENUS},
}
#: dollars of an evening whose kitchen or floor cannot keep up (the queue grows without bound): a plateau.
_SWAMPED = 6000.0
#: the evening's service hours and the hours a position is staffed (prep and close); hourly wages of a cook, a
#: server and a host.
_SERVICE_HOURS, _STAFFED_HOURS, _WAGES = 6.0, 8.0, (32.0, 18.0, 16.0)
#: the share of a party's spend left after food and overheads.
_MARGIN = 0.3


@functools.cache
def _restaurant_table() -> dict[str, Any]:
    """Drawn: parties an hour (24 to 32), each menu's demand (0.88 to 0.92, 1, 1.1 to 1.2), spend a party (60 to
    70, 80 to 90, 92 to 105 dollars), a cook's minutes an order (6 to 8, 9 to 11, 12 to 15) and food wasted (50 to
    70, 90 to 110, 160 to 200 dollars an evening); a server's parties an hour (5 to 7); the parties' patience
    (35 to 50 minutes, 1.3 to 1.5 times that with a host, 1.5 to 1.8 with two), the goodwill lost a party-hour of
    waiting (15 to 25 dollars); each shift length's productivity (4 h 1.02 to 1.05, 6 h 1, 8 h 0.97 to 0.99, 10 h
    0.9 to 0.94)."""
    rng = _DRAWS.table_rng("restaurant-staffing")
    return {
        "parties": float(rng.uniform(24.0, 32.0)),
        "demand": np.array([rng.uniform(0.88, 0.92), 1.0, rng.uniform(1.1, 1.2)]),
        "spend": rng.uniform([60.0, 80.0, 92.0], [70.0, 90.0, 105.0]),
        "cook_minutes": rng.uniform([6.0, 9.0, 12.0], [8.0, 11.0, 15.0]),
        "waste": rng.uniform([50.0, 90.0, 160.0], [70.0, 110.0, 200.0]),
        "server_rate": float(rng.uniform(5.0, 7.0)),
        "patience": float(rng.uniform(35.0, 50.0)) / 60.0,
        "host_patience": np.array([1.0, rng.uniform(1.3, 1.5), rng.uniform(1.5, 1.8)]),
        "goodwill": float(rng.uniform(15.0, 25.0)),
        "productivity": np.array([rng.uniform(1.02, 1.05), 1.0, rng.uniform(0.97, 0.99), rng.uniform(0.9, 0.94)]),
    }


def _erlang_wait(arrivals: float, rate: float, servers: int) -> float:
    """The mean wait in queue (hours) of an M/M/c queue: Erlang's C formula over ``c mu - lambda``; infinite when
    the servers cannot keep up."""
    load = arrivals / rate
    if load >= servers:
        return math.inf
    term, total = 1.0, 1.0
    for k in range(1, servers):
        term *= load / k
        total += term
    last = term * load / servers / (1.0 - load / servers)
    return float(last / (total + last) / (servers * rate - arrivals))


def _restaurant_dollars(cooks: int, servers: int, hosts: int, shift: int, menu: int) -> float:
    """Minus an evening's dollars: the parties who stay (each party balks with a chance ``1 - exp(-W / patience)``
    of its expected wait ``W``, the floor's and the kitchen's, M/M/c queues at the arrivals), 30 % of their spend,
    less the wages (each position staffed 8 hours, paid in whole shifts, 4-hour and 6-hour shifts twice, 8 or 10
    once, and half an hour a handover), the food wasted and the goodwill of the wait; a host lengthens the parties'
    patience. A floor or kitchen whose load reaches its servers (the shift's productivity scaling their rate) is
    swamped: 6000."""
    t = _restaurant_table()
    hours = _SHIFT_HOURS[shift]
    shifts = math.ceil(_STAFFED_HOURS / hours)
    paid = hours * shifts + 0.5 * (shifts - 1)
    speed = t["productivity"][shift]
    arrivals = t["parties"] * t["demand"][menu]
    floor_wait = _erlang_wait(arrivals, t["server_rate"] * speed, servers)
    kitchen_wait = _erlang_wait(arrivals, 60.0 / t["cook_minutes"][menu] * speed, cooks)
    wait = floor_wait + kitchen_wait
    if not math.isfinite(wait):
        return _SWAMPED
    stay = math.exp(-wait / (t["patience"] * t["host_patience"][_HOSTS[hosts]]))
    served = arrivals * stay * _SERVICE_HOURS
    wages = paid * (cooks * _WAGES[0] + servers * _WAGES[1] + _HOSTS[hosts] * _WAGES[2])
    goodwill = t["goodwill"] * served * wait
    return float(-(_MARGIN * served * t["spend"][menu] - wages - t["waste"][menu] - goodwill))


def _restaurant_staffing() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _restaurant_dollars(
            int(c["cooks"]),
            int(c["servers"]),
            _HOSTS.index(int(c["hosts"])),
            _SHIFT_HOURS.index(int(c["shift_hours"])),
            _MENUS.index(str(c["menu"])),
        )

    return f


@functools.cache
def _restaurant_best() -> float:
    """Every configuration enumerated (9 x 10 x 3 x 4 x 3)."""
    return min(
        itertools.starmap(
            _restaurant_dollars, itertools.product(range(2, 11), range(3, 13), range(3), range(4), range(3))
        )
    )


# -- all-categorical, synthetic ---------------------------------------------------------------------------------

_MATERIALS = ["pla", "petg", "abs", "tpu"]
_NOZZLES_C = [190, 205, 220, 235, 250, 265]
_LAYERS_MM = [0.08, 0.12, 0.16, 0.2, 0.28]
_PRINT_SPEEDS = [30, 50, 80, 120, 160]
_INFILLS = ["grid", "gyroid", "honeycomb", "lines"]
_FAN_PERCENT = [0, 30, 60, 100]
_PRINT_NAMES = ("material", "nozzle_c", "layer_mm", "speed_mm_s", "infill", "fan_percent")
_PRINT_LISTS: tuple[list[Any], ...] = (_MATERIALS, _NOZZLES_C, _LAYERS_MM, _PRINT_SPEEDS, _INFILLS, _FAN_PERCENT)
_PRINT_PARAMETERS = {name: {"values": values} for name, values in zip(_PRINT_NAMES, _PRINT_LISTS, strict=True)}
#: points of a failed print (a clog below the material's least temperature, ABS warping under a full fan, TPU
#: buckling at speed): a plateau.
_FAILED_PRINT = 120.0
#: each infill's strength (points) and time factor; each material's fan of least defects (%) and dollars a print.
_INFILL_STRENGTH, _INFILL_TIME = (0.0, 3.0, 2.0, -3.0), (1.0, 1.12, 1.25, 0.9)
_BEST_FAN, _MATERIAL_COST = (100.0, 30.0, 0.0, 30.0), (3.0, 4.0, 3.5, 8.0)


@functools.cache
def _print_table() -> dict[str, Any]:
    """Drawn: each material's best nozzle temperature at 50 mm/s (PLA 205 to 215, PETG 235 to 245, ABS 245 to 255,
    TPU 220 to 230 C; a clog 25 to 35 below it), its strength over PLA's (0, 1 to 3, 3 to 5, -2 to 0 points) and its
    hot end's melt flow at that temperature (11 to 14, 9 to 12, 10 to 13, 3 to 5 mm3/s, 0.15 more a degree above it);
    the squared penalty a degree off the best (0.015 to 0.025 points) and a printer-hour's dollars (1.5 to 2.5)."""
    rng = _DRAWS.table_rng("fdm-printing")
    return {
        "best": rng.uniform([205.0, 235.0, 245.0, 220.0], [215.0, 245.0, 255.0, 230.0]),
        "clog": rng.uniform(25.0, 35.0, 4),
        "strength": rng.uniform([0.0, 1.0, 3.0, -2.0], [0.0, 3.0, 5.0, 0.0]),
        "flow": rng.uniform([11.0, 9.0, 10.0, 3.0], [14.0, 12.0, 13.0, 5.0]),
        "heat": float(rng.uniform(0.015, 0.025)),
        "hour": float(rng.uniform(1.5, 2.5)),
    }


def _print_loss(material: int, nozzle: int, layer: int, speed: int, infill: int, fan: int) -> float:
    """A part's points lost (100 less its quality) plus its dollars (the printer's hours, the material): quality
    falls with the squared distance from the best temperature (0.1 C hotter a mm/s past 50), with the layer's height
    (the surface), off the material's best fan, with the speed's squared distance from 50 mm/s (ringing), and by 25
    points where the melt flow asked (layer x 0.45 mm x speed) exceeds the hot end's (under-extrusion); hours ``6
    (0.16 / layer) (50 / speed)^0.6`` times the infill's. A clog, ABS under a full fan or TPU at 120 mm/s or more
    fails: 120."""
    t = _print_table()
    temperature, height, velocity = _NOZZLES_C[nozzle], _LAYERS_MM[layer], _PRINT_SPEEDS[speed]
    best = t["best"][material]
    if (
        temperature < best - t["clog"][material]
        or (material == 2 and _FAN_PERCENT[fan] == 100)
        or (material == 3 and velocity >= 120)
    ):
        return _FAILED_PRINT
    quality = 95.0 + t["strength"][material] + _INFILL_STRENGTH[infill] - 40.0 * (height - 0.08)
    quality -= t["heat"] * (temperature - best - 0.1 * (velocity - 50.0)) ** 2
    quality -= 0.0006 * (_FAN_PERCENT[fan] - _BEST_FAN[material]) ** 2 + 0.0008 * (velocity - 50.0) ** 2
    if height * 0.45 * velocity > t["flow"][material] + 0.15 * max(temperature - best, 0.0):
        quality -= 25.0
    hours = 6.0 * (0.16 / height) * (50.0 / velocity) ** 0.6 * _INFILL_TIME[infill]
    return float(100.0 - quality + hours * t["hour"] + _MATERIAL_COST[material])


def _fdm_printing() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _print_loss(
            _MATERIALS.index(str(c["material"])),
            _NOZZLES_C.index(int(c["nozzle_c"])),
            _LAYERS_MM.index(float(c["layer_mm"])),
            _PRINT_SPEEDS.index(int(c["speed_mm_s"])),
            _INFILLS.index(str(c["infill"])),
            _FAN_PERCENT.index(int(c["fan_percent"])),
        )

    return f


@functools.cache
def _print_best() -> float:
    """Every configuration enumerated (4 x 6 x 5 x 5 x 4 x 4)."""
    return min(
        itertools.starmap(_print_loss, itertools.product(range(4), range(6), range(5), range(5), range(4), range(4)))
    )


_JOINS = ["nested_loop", "hash", "merge"]
_INDEXES = ["none", "btree", "covering"]
_WORKERS = [1, 2, 4, 8]
_WORK_MEM_MB = [4, 16, 64, 256, 1024]
_JOIN_ORDERS = ["left_deep", "bushy"]
_QUERY_NAMES = ("join", "index", "parallel_workers", "work_mem_mb", "join_order", "jit")
_QUERY_LISTS: tuple[list[Any], ...] = (_JOINS, _INDEXES, _WORKERS, _WORK_MEM_MB, _JOIN_ORDERS, [True, False])
_QUERY_PARAMETERS = {name: {"values": values} for name, values in zip(_QUERY_NAMES, _QUERY_LISTS, strict=True)}
#: milliseconds of a query whose workers' memory passes the server's 8 GB (three memory-hungry nodes each): killed
#: at the statement timeout.
_KILLED, _SERVER_MB = 120000.0, 8192.0


@functools.cache
def _query_table() -> dict[str, Any]:
    """Drawn: each index's scan (none 2500 to 3500 ms, a B-tree 400 to 700, covering 150 to 250) and its nested
    loop's (4e5 to 8e5, 800 to 1200, 500 to 800 ms), the hash join's build and probe (600 to 900 ms) and its build's
    megabytes (120 to 250), the merge join's (900 to 1300 ms) and its sorts' megabytes (300 to 600), bushy plans'
    factors (hash 0.8 to 0.9, merge 0.92 to 0.98, nested loop 1.15 to 1.35), JIT's compile (120 to 200 ms) and
    speed-up (0.8 to 0.88), the parallel share of the work (0.8 to 0.9)."""
    rng = _DRAWS.table_rng("query-planner")
    return {
        "scan": rng.uniform([2500.0, 400.0, 150.0], [3500.0, 700.0, 250.0]),
        "nested": rng.uniform([4e5, 800.0, 500.0], [8e5, 1200.0, 800.0]),
        "hash": (float(rng.uniform(600.0, 900.0)), float(rng.uniform(120.0, 250.0))),
        "merge": (float(rng.uniform(900.0, 1300.0)), float(rng.uniform(300.0, 600.0))),
        "bushy": rng.uniform([1.15, 0.8, 0.92], [1.35, 0.9, 0.98]),
        "jit": (float(rng.uniform(120.0, 200.0)), float(rng.uniform(0.8, 0.88))),
        "parallel": float(rng.uniform(0.8, 0.9)),
    }


def _query_ms(join: int, index: int, workers: int, memory: int, order: int, jit: bool) -> float:
    """A reporting query's milliseconds plus its memory's (0.2 ms a megabyte a worker): the scan and the join (a
    hash join spilling in ``ceil(build / work_mem)`` batches, 0.7 more a doubling of them; a merge join's sorts in
    ``ceil(log_16(size / work_mem))`` passes, 0.5 more a pass past the first, a covering index presorting them to
    0.3), the join order's factor, JIT's compile and speed-up, Amdahl's law over the workers (30 ms to start each,
    3 % overhead a worker); killed where three nodes' work_mem a worker passes 8 GB."""
    t = _query_table()
    count, mb = _WORKERS[workers], _WORK_MEM_MB[memory]
    if 3.0 * mb * count > _SERVER_MB:
        return _KILLED
    if join == 0:
        work = t["nested"][index]
    elif join == 1:
        base, build = t["hash"]
        work = base * (1.0 + 0.7 * math.log2(math.ceil(build / mb)))
    else:
        base, size = t["merge"]
        passes = max(1, math.ceil(math.log(size / mb) / math.log(16.0)))
        work = base * (1.0 + 0.5 * (passes - 1)) * (0.3 if index == 2 else 1.0)
    work = (work * (t["bushy"][join] if order == 1 else 1.0) + t["scan"][index]) * (t["jit"][1] if jit else 1.0)
    share = t["parallel"]
    ms = work * (1.0 - share + share / count) * (1.0 + 0.03 * count) + 30.0 * count
    return float(ms + (t["jit"][0] if jit else 0.0) + 0.2 * mb * count)


def _query_planner() -> Objective:
    def f(c: Mapping[str, Any]) -> float:
        return _query_ms(
            _JOINS.index(str(c["join"])),
            _INDEXES.index(str(c["index"])),
            _WORKERS.index(int(c["parallel_workers"])),
            _WORK_MEM_MB.index(int(c["work_mem_mb"])),
            _JOIN_ORDERS.index(str(c["join_order"])),
            bool(c["jit"]),
        )

    return f


@functools.cache
def _query_best() -> float:
    """Every configuration enumerated (3 x 3 x 4 x 5 x 2 x 2)."""
    return min(
        itertools.starmap(_query_ms, itertools.product(range(3), range(3), range(4), range(5), range(2), (True, False)))
    )


# -- real fits: 3-fold cross-validated --------------------------------------------------------------------------


def _lgbm(kind: str, **fixed: Any) -> Any:
    import lightgbm

    return getattr(lightgbm, kind)(
        random_state=0, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1, **fixed
    )


def _lgbm_quantile() -> Objective:
    """A LightGBM regressor of the 0.9 quantile (``quantile``), 60 trees of 15 leaves: eight floats; the mean pinball
    loss at 0.9."""
    from sklearn.metrics import make_scorer, mean_pinball_loss

    scorer = make_scorer(mean_pinball_loss, alpha=0.9, greater_is_better=False)
    X, y = _dataset("fq-spread")

    def f(c: Mapping[str, Any]) -> float:
        model = _lgbm(
            "LGBMRegressor",
            objective="quantile",
            alpha=0.9,
            n_estimators=60,
            num_leaves=15,
            subsample_freq=1,
            learning_rate=float(c["learning_rate"]),
            subsample=float(c["subsample"]),
            colsample_bytree=float(c["colsample_bytree"]),
            min_split_gain=float(c["min_split_gain"]),
            path_smooth=float(c["path_smooth"]),
            reg_lambda=float(c["reg_lambda"]),
            reg_alpha=float(c["reg_alpha"]),
            min_child_weight=float(c["min_child_weight"]),
        )
        return _cv_score(model, X, y, scorer)

    return f


def _graphical_lasso() -> Objective:
    """The graphical lasso's sparse precision matrix (alpha; its two tolerances and the eigenvalues' floor matter
    little): minus the held-out Gaussian log-likelihood (the estimator's own score). An alpha past the largest
    correlation leaves no edge: a plateau."""
    from sklearn.covariance import GraphicalLasso

    X, y = _dataset("fq-precision")

    def f(c: Mapping[str, Any]) -> float:
        model = GraphicalLasso(
            alpha=float(c["alpha"]),
            tol=float(c["tol"]),
            enet_tol=float(c["enet_tol"]),
            eps=float(c["eps"]),
            max_iter=50,
        )
        return _cv_score(model, X, y, None)

    return f


def _misclassification_cost(y: np.ndarray, predicted: np.ndarray) -> float:
    """A missed positive costs 5, a false alarm 1: the mean cost a sample."""
    return float(np.mean(5.0 * ((y == 1) & (predicted == 0)) + 1.0 * ((y == 0) & (predicted == 1))))


def _cost_threshold() -> Objective:
    """Logistic regression (C, the positive class's weight) whose probabilities are cut at a fixed threshold (a
    ``FixedThresholdClassifier``); the mean misclassification cost (a miss 5, a false alarm 1): steps in the
    threshold, a ridge where the weight and the threshold trade."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import make_scorer
    from sklearn.model_selection import FixedThresholdClassifier

    scorer = make_scorer(_misclassification_cost, greater_is_better=False)
    X, y = _dataset("fq-imbalanced")

    def f(c: Mapping[str, Any]) -> float:
        model = FixedThresholdClassifier(
            LogisticRegression(C=float(c["C"]), class_weight={0: 1.0, 1: float(c["positive_weight"])}, max_iter=500),
            threshold=float(c["threshold"]),
            response_method="predict_proba",
        )
        return _cv_score(model, X, y, scorer)

    return f


def _multitask_enet() -> Objective:
    """The multi-task elastic net (alpha, the L1 share of its mixed group penalty) of four targets sharing their
    features; MSE."""
    from sklearn.linear_model import MultiTaskElasticNet

    X, y = _dataset("fq-shared-support")

    def f(c: Mapping[str, Any]) -> float:
        model = MultiTaskElasticNet(alpha=float(c["alpha"]), l1_ratio=float(c["l1_ratio"]), max_iter=3000)
        return _cv_score(model, X, y, "neg_mean_squared_error")

    return f


def _lgbm_tweedie() -> Objective:
    """A LightGBM regressor of the Tweedie deviance (``tweedie``; its variance power a knob) of claims amounts
    (most 0): trees, rate, leaves, the power, leaf size, column share, L2, extremely randomized splits, bins (a
    numeric list); the mean Tweedie deviance at power 1.5 whatever the power fitted."""
    from sklearn.metrics import make_scorer, mean_tweedie_deviance

    scorer = make_scorer(mean_tweedie_deviance, power=1.5, greater_is_better=False)
    X, y = _dataset("fq-claims")

    def f(c: Mapping[str, Any]) -> float:
        model = _lgbm(
            "LGBMRegressor",
            objective="tweedie",
            n_estimators=int(c["n_estimators"]),
            learning_rate=float(c["learning_rate"]),
            num_leaves=int(c["num_leaves"]),
            tweedie_variance_power=float(c["tweedie_variance_power"]),
            min_child_samples=int(c["min_child_samples"]),
            colsample_bytree=float(c["colsample_bytree"]),
            reg_lambda=float(c["reg_lambda"]),
            extra_trees=bool(c["extra_trees"]),
            max_bin=int(c["max_bin"]),
        )
        return _cv_score(model, X, y, scorer)

    return f


def _hashing_logreg() -> Objective:
    """Texts hashed to features (how many, as a numeric list; word n-grams up to 1 to 3; signs alternating or not;
    the norm; counts or presence), then logistic regression (C); log loss."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    X, y = _reviews()

    def f(c: Mapping[str, Any]) -> float:
        model = make_pipeline(
            HashingVectorizer(
                n_features=int(c["n_features"]),
                ngram_range=(1, int(c["ngram_max"])),
                alternate_sign=bool(c["alternate_sign"]),
                norm=str(c["norm"]),
                binary=bool(c["binary"]),
            ),
            LogisticRegression(C=float(c["C"]), max_iter=300),
        )
        return _cv_score(model, X, y, "neg_log_loss")

    return f


def _voting_regressor() -> Objective:
    """A weighted vote (three weights typed uniform on [0, 1]: only their ratios matter) of ridge regression (alpha),
    k nearest neighbours (how many) and a decision tree (its depth); MSE."""
    from sklearn.ensemble import VotingRegressor
    from sklearn.linear_model import Ridge
    from sklearn.neighbors import KNeighborsRegressor
    from sklearn.tree import DecisionTreeRegressor

    X, y = _dataset("fq-low-rank")

    def f(c: Mapping[str, Any]) -> float:
        model = VotingRegressor(
            [
                ("ridge", Ridge(alpha=float(c["ridge_alpha"]))),
                ("knn", KNeighborsRegressor(n_neighbors=int(c["n_neighbors"]))),
                ("tree", DecisionTreeRegressor(max_depth=int(c["max_depth"]), random_state=0)),
            ],
            weights=[float(c["ridge_weight"]), float(c["knn_weight"]), float(c["tree_weight"])],
        )
        return _cv_score(model, X, y, "neg_mean_squared_error")

    return f


def _multilabel_log_loss(estimator: Any, X: np.ndarray, Y: np.ndarray) -> float:
    """Minus the mean binary log loss over the labels of a chain's probabilities (clipped to [1e-6, 1 - 1e-6])."""
    p = np.clip(np.asarray(estimator.predict_proba(X), dtype=float), 1e-6, 1.0 - 1e-6)
    return float(np.mean(Y * np.log(p) + (1.0 - Y) * np.log(1.0 - p)))


def _classifier_chain() -> Objective:
    """A chain of logistic regressions over five labels (C, class weights, what each passes down the chain, the
    labels' order); the mean binary log loss."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.multioutput import ClassifierChain

    X, Y = _dataset("fq-labels")

    def f(c: Mapping[str, Any]) -> float:
        weight = None if str(c["class_weight"]) == "none" else "balanced"
        model = ClassifierChain(
            LogisticRegression(C=float(c["C"]), class_weight=weight, max_iter=500),
            order=None if str(c["order"]) == "natural" else "random",
            chain_method=str(c["chain_method"]),
            random_state=0,
        )
        return _cv_score(model, X, Y, _multilabel_log_loss)

    return f


def _outlier_auc(estimator: Any, X: np.ndarray, y: np.ndarray) -> float:
    """The ROC AUC of an outlier detector's scores (lower ``score_samples``, more abnormal) against the labels."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, -estimator.score_samples(X)))


def _isolation_forest() -> Objective:
    """An isolation forest (trees, samples a tree, features a tree, bootstrap), fitted without the labels; minus
    the held-out ROC AUC of its scores against them."""
    from sklearn.ensemble import IsolationForest

    X, y = _dataset("fq-outliers")

    def f(c: Mapping[str, Any]) -> float:
        model = IsolationForest(
            n_estimators=int(c["n_estimators"]),
            max_samples=int(c["max_samples"]),
            max_features=int(c["max_features"]),
            bootstrap=bool(c["bootstrap"]),
            random_state=0,
            n_jobs=1,
        )
        return _cv_score(model, X, y, _outlier_auc)

    return f


def _cca_grid() -> Objective:
    """Canonical correlation analysis as a grid (components, scaling, the NIPALS iterations and tolerance as numeric
    lists) of two views, the second predicted from the first; MSE (the targets' scales uneven)."""
    from sklearn.cross_decomposition import CCA

    X, Y = _dataset("fq-two-views")

    def f(c: Mapping[str, Any]) -> float:
        model = CCA(
            n_components=int(c["n_components"]),
            scale=bool(c["scale"]),
            max_iter=int(c["max_iter"]),
            tol=float(c["tol"]),
        )
        return _cv_score(model, X, Y, "neg_mean_squared_error")

    return f


_REAL: list[Real] = [
    (
        "lgbm-quantile",
        "a LightGBM regressor of the 0.9 quantile, 60 trees of 15 leaves: eight floats (rate, row and column shares, "
        "the least split gain typed uniform, path smoothing, L2, L1, the least leaf hessian typed uniform), skewed "
        "heteroscedastic noise, mean pinball loss",
        {
            "learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.6},
            "subsample": {"distribution": "uniform", "min": 0.3, "max": 1.0},
            "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
            "min_split_gain": {"distribution": "uniform", "min": 0.0, "max": 2.0},
            "path_smooth": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
            "reg_lambda": {"distribution": _LOG, "min": 1e-3, "max": 30.0},
            "reg_alpha": {"distribution": _LOG, "min": 1e-3, "max": 30.0},
            "min_child_weight": {"distribution": "uniform", "min": 1.0, "max": 40.0},
        },
        _lgbm_quantile,
    ),
    (
        "graphical-lasso",
        "the graphical lasso (alpha; tolerances and the eigenvalues' floor little) of a sparse-precision Gaussian, "
        "minus the held-out log-likelihood; no edge left past the largest correlation",
        {
            "alpha": {"distribution": _LOG, "min": 1e-3, "max": 2.0},
            "tol": {"distribution": _LOG, "min": 1e-5, "max": 0.1},
            "enet_tol": {"distribution": _LOG, "min": 1e-6, "max": 0.1},
            "eps": {"distribution": _LOG, "min": 1e-12, "max": 1e-2},
        },
        _graphical_lasso,
    ),
    (
        "cost-threshold",
        "logistic regression (C, the positive weight) cut at a fixed threshold (typed uniform), a miss costing 5 and "
        "a false alarm 1, mean cost; steps, a weight-threshold ridge",
        {
            "C": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
            "positive_weight": {"distribution": _LOG, "min": 0.3, "max": 30.0},
            "threshold": {"distribution": "uniform", "min": 0.02, "max": 0.98},
        },
        _cost_threshold,
    ),
    (
        "multitask-enet",
        "the multi-task elastic net (alpha, L1 share) of four targets sharing six of 30 features, MSE",
        {
            "alpha": {"distribution": _LOG, "min": 1e-4, "max": 10.0},
            "l1_ratio": {"distribution": "uniform", "min": 0.05, "max": 1.0},
        },
        _multitask_enet,
    ),
    (
        "lgbm-tweedie",
        "a LightGBM regressor of the Tweedie deviance (trees, rate, leaves, variance power, leaf size, column share, "
        "L2, extra trees, bins as a numeric list), claims mostly 0, mean Tweedie deviance at power 1.5",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 10, "max": 80},
            "learning_rate": {"distribution": _LOG, "min": 0.01, "max": 0.4},
            "num_leaves": {"distribution": "int_uniform", "min": 3, "max": 31},
            "tweedie_variance_power": {"distribution": "uniform", "min": 1.05, "max": 1.95},
            "min_child_samples": {"distribution": "int_uniform", "min": 5, "max": 60},
            "colsample_bytree": {"distribution": "uniform", "min": 0.3, "max": 1.0},
            "reg_lambda": {"distribution": _LOG, "min": 1e-3, "max": 30.0},
            "extra_trees": {"values": [True, False]},
            "max_bin": {"values": [15, 31, 63, 127, 255]},
        },
        _lgbm_tweedie,
    ),
    (
        "hashing-logreg",
        "texts hashed to features (how many as a numeric list, n-grams, signs, norm, presence) then logistic "
        "regression (C), log loss",
        {
            "n_features": {"values": [32, 128, 512, 2048, 8192]},
            "ngram_max": {"distribution": "int_uniform", "min": 1, "max": 3},
            "alternate_sign": {"values": [True, False]},
            "norm": {"values": ["l1", "l2"]},
            "binary": {"values": [True, False]},
            "C": {"distribution": _LOG, "min": 1e-2, "max": 1e3},
        },
        _hashing_logreg,
    ),
    (
        "voting-regressor",
        "a weighted vote (three weights typed uniform, only their ratios matter) of ridge (alpha), nearest "
        "neighbours (how many) and a tree (depth) on low-rank features, MSE",
        {
            "ridge_weight": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "knn_weight": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "tree_weight": {"distribution": "uniform", "min": 0.0, "max": 1.0},
            "ridge_alpha": {"distribution": _LOG, "min": 1e-3, "max": 1e3},
            "n_neighbors": {"distribution": "int_uniform", "min": 1, "max": 40},
            "max_depth": {"distribution": "int_uniform", "min": 1, "max": 12},
        },
        _voting_regressor,
    ),
    (
        "classifier-chain",
        "a chain of logistic regressions over five labels (C, class weights, what passes down the chain, the "
        "labels' order), mean binary log loss",
        {
            "C": {"distribution": _LOG, "min": 1e-3, "max": 100.0},
            "class_weight": {"values": ["none", "balanced"]},
            "chain_method": {"values": ["predict", "predict_proba", "decision_function"]},
            "order": {"values": ["natural", "random"]},
        },
        _classifier_chain,
    ),
    (
        "isolation-forest",
        "an isolation forest (trees, samples and features a tree, bootstrap), fitted without labels, minus the "
        "held-out ROC AUC of its scores",
        {
            "n_estimators": {"distribution": "int_uniform", "min": 5, "max": 30},
            "max_samples": {"distribution": "int_uniform", "min": 8, "max": 200},
            "max_features": {"distribution": "int_uniform", "min": 1, "max": 8},
            "bootstrap": {"values": [True, False]},
        },
        _isolation_forest,
    ),
    (
        "cca-grid",
        "canonical correlation analysis as a grid (components, scaling, iterations and tolerance as numeric lists), "
        "one view predicted from the other, MSE",
        {
            "n_components": {"values": [1, 2, 3, 4]},
            "scale": {"values": [True, False]},
            "max_iter": {"values": [1, 2, 5, 50, 500]},
            "tol": {"values": [0.1, 1e-3, 1e-6]},
        },
        _cca_grid,
    ),
]


def fresh_wide_tasks() -> list[Task]:
    """Every task of the fresh-wide half, in a fixed order: synthetic (continuous first), then real."""
    synthetic: list[Synthetic] = [
        (
            "hgbat-8d",
            _box(8, -10.0, 10.0),
            _DRAWS.moved("hgbat", 8, -5.0, 5.0, _hgbat),
            0.0,
            "HGBat: a crease along a cone, a slope elsewhere, optimum 0 moved to a drawn point in [-5, 5]^8",
        ),
        (
            "battery-charging",
            _BATTERY_PARAMETERS,
            _battery_charging,
            lambda: _battery_optimum()[1],
            "continuous, 5-D: a fast-charging protocol's minutes and wear, a cone, the current against the "
            "temperature, a lithium-plating plateau (240) 0.1 past the best current; drawn",
        ),
        (
            "cfd-solver",
            _CFD_PARAMETERS,
            _cfd_solver,
            lambda: _cfd_optimum()[1],
            "continuous, 10-D: a RANS solver's seconds to converge (45 to 3600), the relaxations' narrow sum, a log "
            "CFL, a lopsided tolerance, three axes that matter little, a divergence plateau (3600); drawn",
        ),
        (
            "telescope-alignment",
            _TELESCOPE_PARAMETERS,
            _telescope_alignment,
            0.0,
            "continuous, 8-D: the light a misaligned telescope loses (%), coma-free ridges, focus against spacing, "
            "saturating far from the optimum (0); drawn",
        ),
        (
            "mixed-precision",
            _AMP_PARAMETERS,
            _mixed_precision,
            _amp_best,
            "mixed, 8-D: precision, batch (a numeric list), accumulation, log rate, warmup, loss scale (fp16's only), "
            "clip, decay; GPU-hours, out-of-memory, divergence and overflow plateaus (200); enumerated, floats at "
            "each optimum",
        ),
        (
            "hotel-overbooking",
            _HOTEL_PARAMETERS,
            _hotel_overbooking,
            _hotel_best,
            "mixed: policy, agency listing, overbooking, minimum stay, rate typed uniform, log breakfast price; minus "
            "a night's expected dollars (Poisson show-ups); enumerated, the rate by Brent and a closed-form kink",
        ),
        (
            "water-treatment",
            _WATER_PARAMETERS,
            _water_treatment,
            _water_best,
            "mixed: coagulant, log dose (two basins), pH, flocculation minutes, medium, backwash hours (a numeric "
            "list); dollars a megalitre, a non-compliant plateau (900); enumerated, pH in closed form, dose by Brent",
        ),
        (
            "restaurant-staffing",
            _RESTAURANT_PARAMETERS,
            _restaurant_staffing,
            _restaurant_best,
            "discrete: cooks, servers, hosts and shift hours (numeric lists), menu; minus an evening's dollars (Erlang "
            "C waits, balking), a swamped plateau (6000); enumerated",
        ),
        (
            "fdm-printing",
            _PRINT_PARAMETERS,
            _fdm_printing,
            _print_best,
            "categorical: material, nozzle temperature, layer, speed, fan (numeric lists), infill; a printed part's "
            "points lost and dollars, under-extrusion's cliff, a failed print's plateau (120); enumerated",
        ),
        (
            "query-planner",
            _QUERY_PARAMETERS,
            _query_planner,
            _query_best,
            "categorical: join, index, workers and work_mem (numeric lists), join order, JIT; a query's milliseconds "
            "(376 to 1e6), spills, a killed plateau (120000); enumerated",
        ),
    ]
    return half_tasks(FRESH_WIDE, "fq", synthetic, _REAL)
