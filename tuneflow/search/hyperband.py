"""W&B's own hyperband early-termination rule as an Optuna pruner.

A sweep's ``early_terminate: {type: hyperband, ...}`` block means, on W&B, the rule of the
open-source ``sweeps`` engine (``sweeps.hyperband_stopping.hyperband_stop_runs``), not the
Hyperband of Li et al. that Optuna's ``HyperbandPruner`` implements (brackets of successive
halving with their own trial budgets). A migrated sweep must stop the same runs, so this module
reproduces W&B's rule exactly:

* **Bands** (iteration counts at which runs are compared): with ``max_iter`` and ``s``,
  ``max_iter / eta``, ``max_iter / eta**2``, ... (``s`` of them, those >= 1, truncated to int);
  otherwise ``min_iter``, ``min_iter * eta``, ``min_iter * eta**2``, ... (100 of them).
* **An iteration** is one logging of the metric: here one ``trial.report(value, step)``. A trial's
  history is its finite reported values ordered by step (W&B drops non-finite values too).
* **Threshold** at a band: the values at that iteration of *every* run that reached it (any state,
  the running ones and the one being judged included), sorted best first; the threshold is the one
  at index ``int(n / eta)``.
* **Decision** for a running trial: the closest band is the largest one its history has reached;
  it stops when its value at that band (``strict: true``, W&B's default) or its best value so far
  (``strict: false``) is worse than that band's threshold.

The only difference is *when* the rule is evaluated: W&B's controller judges every running run on
each pass; Optuna asks the pruner at each ``trial.should_prune()``, i.e. after a trial's own report.
For the same histories both give the same verdict (``tests/search/test_hyperband.py`` checks this
against W&B's engine).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import optuna
from optuna.study import Study, StudyDirection
from optuna.trial import FrozenTrial

from tuneflow.values import is_finite_number, is_positive_int

__all__ = ["WandbHyperbandPruner", "hyperband_bands", "hyperband_problems"]

#: Keys W&B's ``hyperband_stopping`` schema allows.
ALLOWED_KEYS = ("eta", "max_iter", "min_iter", "s", "strict", "type")
#: W&B's defaults (``sweeps/config/schema.json``).
DEFAULT_ETA = 3
DEFAULT_STRICT = True
#: The min_iter form lists this many bands (``range(100)`` in W&B's engine).
_MIN_ITER_BANDS = 100


def _uses_max_iter(block: Mapping[str, Any]) -> bool:
    # W&B's engine takes the max_iter form whenever max_iter is present; tuneflow takes it only
    # with ``s`` beside it (W&B's engine fails on max_iter without s; min_iter is used then).
    return "max_iter" in block and "s" in block


def hyperband_bands(block: Mapping[str, Any]) -> list[int]:
    """The iteration counts at which W&B's hyperband compares runs, ascending (W&B's arithmetic)."""
    eta = block.get("eta", DEFAULT_ETA)
    bands: list[int] = []
    if _uses_max_iter(block):
        band: float = block["max_iter"]
        for _ in range(int(block["s"])):
            band /= eta
            if band < 1:
                break
            bands.append(int(band))
        return sorted(bands)
    band = block["min_iter"]
    for _ in range(_MIN_ITER_BANDS):
        bands.append(int(band))
        band *= eta
    return bands


def hyperband_problems(block: Any, where: str = "early_terminate") -> list[str]:
    """Every problem with a W&B ``early_terminate`` block (empty when W&B's rule can run it)."""
    if not isinstance(block, Mapping):
        return [f"{where}: must be a mapping like {{type: hyperband, min_iter: 3}}, but got {block!r}."]
    problems = []
    if block.get("type") != "hyperband":
        problems.append(f"{where}.type: {block.get('type')!r} is not supported; W&B knows only 'hyperband'.")
    for key in sorted(set(block) - set(ALLOWED_KEYS)):
        problems.append(f"{where}.{key}: unknown key; allowed keys are {', '.join(ALLOWED_KEYS)}.")
    if "min_iter" not in block and not ("max_iter" in block and "s" in block):
        problems.append(f"{where}: hyperband needs `min_iter`, or `max_iter` and `s`.")
    for key in ("min_iter", "max_iter", "s"):
        if key in block and not is_positive_int(block[key]):
            problems.append(f"{where}.{key}: must be an integer >= 1, but got {block[key]!r}.")
    eta = block.get("eta", DEFAULT_ETA)
    if not (is_finite_number(eta) and eta > 1):
        problems.append(f"{where}.eta: must be a number > 1, but got {eta!r}.")
    strict = block.get("strict", DEFAULT_STRICT)
    if not isinstance(strict, bool):
        problems.append(f"{where}.strict: must be true or false, but got {strict!r}.")
    if not problems and _uses_max_iter(block) and not hyperband_bands(block):
        problems.append(
            f"{where}: max_iter={block['max_iter']} with eta={eta} gives no band (max_iter / eta < 1); "
            "raise max_iter or lower eta."
        )
    return problems


def _history(trial: FrozenTrial, sign: float) -> list[float]:
    """A trial's finite reported values ordered by step, sign-flipped so that lower is better."""
    values = trial.intermediate_values
    return [sign * float(values[step]) for step in sorted(values) if is_finite_number(values[step])]


class WandbHyperbandPruner(optuna.pruners.BasePruner):
    """Prune exactly as W&B's hyperband ``early_terminate`` stops sweep runs.

    Build it from the W&B block: ``WandbHyperbandPruner.from_block({"type": "hyperband",
    "min_iter": 3})``, or by keywords. The metric's goal is the study's direction. See the module
    docstring for the rule; ``bands`` lists the iteration counts at which trials are compared.
    """

    def __init__(
        self,
        *,
        min_iter: int | None = None,
        max_iter: int | None = None,
        s: int | None = None,
        eta: float = DEFAULT_ETA,
        strict: bool = DEFAULT_STRICT,
    ) -> None:
        block: dict[str, Any] = {"type": "hyperband", "eta": eta, "strict": strict}
        block.update({k: v for k, v in (("min_iter", min_iter), ("max_iter", max_iter), ("s", s)) if v is not None})
        problems = hyperband_problems(block, where="WandbHyperbandPruner")
        if problems:
            raise ValueError(" ".join(problems))
        self.eta = eta
        self.strict = strict
        self.bands: tuple[int, ...] = tuple(hyperband_bands(block))
        self._r = 1.0 / eta

    @classmethod
    def from_block(cls, block: Mapping[str, Any]) -> WandbHyperbandPruner:
        """The pruner for a W&B ``early_terminate`` block (validated; ``ValueError`` lists problems)."""
        problems = hyperband_problems(block)
        if problems:
            raise ValueError(" ".join(problems))
        kwargs = {k: block[k] for k in ("min_iter", "max_iter", "s", "eta", "strict") if k in block}
        return cls(**kwargs)

    def __repr__(self) -> str:
        shown = list(self.bands[:4]) + (["..."] if len(self.bands) > 4 else [])
        return f"WandbHyperbandPruner(bands={shown}, eta={self.eta}, strict={self.strict})"

    def closest_band(self, n_iterations: int) -> int | None:
        """The largest band a history of ``n_iterations`` has reached (None before the first)."""
        return max((band for band in self.bands if band <= n_iterations), default=None)

    def threshold(self, histories: Sequence[Sequence[float]], band: int) -> float:
        """W&B's threshold at ``band`` over lower-is-better ``histories`` (inf when none reached it)."""
        values = sorted(h[band - 1] for h in histories if len(h) >= band)
        return values[int(self._r * len(values))] if values else math.inf

    def prune(self, study: Study, trial: FrozenTrial) -> bool:
        """Whether W&B's hyperband would stop ``trial`` given every trial's history now."""
        sign = -1.0 if study.direction == StudyDirection.MAXIMIZE else 1.0
        history = _history(trial, sign)
        band = self.closest_band(len(history))
        if band is None:
            return False
        others = [_history(other, sign) for other in study.get_trials(deepcopy=False) if other.number != trial.number]
        histories = [history, *others]
        condition = history[band - 1] if self.strict else min(history)
        return condition > self.threshold(histories, band)
