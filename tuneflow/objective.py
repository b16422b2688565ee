"""What happens inside one trial: the trial handle the train function sees, calling the train
function in whichever of its three shapes it has, and turning what it returns into Optuna values.

Optuna is told only finite floats: anything else (None, NaN, inf, a string, a missing metric
key) becomes a FAIL with its reason recorded, so no trial is left RUNNING (Optuna leaves a
trial RUNNING when an objective returns the string "0.5").
"""

from __future__ import annotations

import inspect
import math
import numbers
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import optuna

from tuneflow.errors import TrialFailed

if TYPE_CHECKING:
    from tuneflow.recipe import Metric

__all__ = ["UNRANKED_VALUE", "TrialContext", "call_train", "to_values", "train_arity"]

#: The value Optuna is told for every trial of a study without a metric. Optuna completes a
#: trial only with a value; this constant ranks nothing (every trial gets it), and tuneflow's
#: views read the study's metadata (no metrics) instead of it.
UNRANKED_VALUE = 0.0


class TrialContext:
    """The ``trial`` a train function receives: Optuna's trial plus W&B-style logging.

    ``report``/``should_prune`` are Optuna's (so pruning works); ``log`` records extra
    history rows for the trial's W&B run. Any other attribute is the Optuna trial's.
    """

    def __init__(self, trial: optuna.Trial, config: dict[str, Any], listener: Any = None) -> None:
        self.optuna_trial = trial
        self.config = config
        self.number: int = trial.number
        self.history: list[tuple[int | None, dict[str, Any]]] = []
        self.metrics: dict[str, float] = {}
        self.fail_reason: str | None = None
        self.extra: dict[str, Any] = {}  # per-trial state owned by the tracker
        self._listener = listener
        self._lock = threading.Lock()

    def report(self, value: float, step: int) -> None:
        """Report an intermediate objective value (Optuna pruning; W&B history at ``step``)."""
        self.optuna_trial.report(value, step)
        self._record(step, {"__objective__": float(value)})

    def should_prune(self) -> bool:
        """Whether the pruner asks to stop this trial now (raise ``optuna.TrialPruned``)."""
        return self.optuna_trial.should_prune()

    def log(self, data: Mapping[str, Any], step: int | None = None) -> None:
        """Log a history row to this trial's W&B run, like ``wandb.log(data, step=step)``."""
        self._record(step, dict(data))

    def _record(self, step: int | None, row: dict[str, Any]) -> None:
        with self._lock:
            self.history.append((step, row))
        if self._listener is not None:
            self._listener.on_log(self, step, row)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.optuna_trial, name)

    def __repr__(self) -> str:
        return f"TrialContext(number={self.number}, config={self.config!r})"


def train_arity(train: Callable[..., Any]) -> int:
    """How many positional arguments ``train`` takes: 0 (wandb.agent style), 1 (config) or 2."""
    try:
        sig = inspect.signature(train)
    except (TypeError, ValueError):
        return 2
    params = [
        p
        for p in sig.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    if any(p.kind is p.VAR_POSITIONAL for p in sig.parameters.values()):
        return 2
    return min(len(params), 2)


def call_train(
    train: Callable[..., Any], arity: int, ctx: TrialContext, agent_runner: Callable[..., Any] | None
) -> Any:
    """Call the train function in its own shape; agent-style ones go through ``agent_runner``."""
    if arity == 2:
        return train(ctx.config, ctx)
    if arity == 1:
        return train(ctx.config)
    if agent_runner is None:
        raise TrialFailed(
            "train takes no arguments (wandb.agent style) and reads wandb.config; "
            "it needs W&B logging on (wandb=None or a dict), or give it a `config` argument."
        )
    return agent_runner(train, ctx)


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    item = getattr(value, "item", None)  # numpy 0-d arrays, torch scalars
    if callable(item) and getattr(value, "size", 1) in (1, ()):
        try:
            inner = item()
        except (TypeError, ValueError, RuntimeError):
            return None
        return _as_float(inner) if not isinstance(inner, bool) else None
    return None


def _checked(name: str, value: Any) -> float:
    number = _as_float(value)
    if number is None:
        kind = "the string " + repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
        raise TrialFailed(f"metric '{name}' must be a number, but train returned {kind}")
    if not math.isfinite(number):
        raise TrialFailed(f"metric '{name}' is {number}, not a finite number")
    return number


def _numbers(returned: Any) -> dict[str, float]:
    """Every finite number in what train returned (a mapping, or one number as ``value``)."""
    if not isinstance(returned, Mapping):
        number = _as_float(returned)
        return {"value": number} if number is not None and math.isfinite(number) else {}
    extra = {}
    for key, value in returned.items():
        number = _as_float(value)
        if number is not None and math.isfinite(number):
            extra[str(key)] = number
    return extra


def to_values(returned: Any, metrics: Sequence[Metric]) -> tuple[list[float], dict[str, float]]:
    """Objective values for Optuna, and every numeric metric returned (for W&B's summary).

    Raises :class:`TrialFailed` naming the metric and what was returned when no valid value
    can be read. Without ``metrics`` (a sweep without a metric) anything returned is accepted
    and the value is :data:`UNRANKED_VALUE`.
    """
    names = [m.name for m in metrics]
    if not names:  # no metric: the trial succeeded; keep every number it returned
        return [UNRANKED_VALUE], _numbers(returned)
    if returned is None:
        raise TrialFailed(
            f"train returned None; return the metric {names[0]!r} as a number or a {{name: value}} mapping"
        )
    if isinstance(returned, Mapping):
        missing = [n for n in names if n not in returned]
        if missing:
            keys = ", ".join(map(str, returned)) or "nothing"
            raise TrialFailed(f"train returned no {missing[0]!r} (it returned: {keys})")
        values = [_checked(n, returned[n]) for n in names]
        return values, _numbers(returned)
    if isinstance(returned, (list, tuple)) and len(names) > 1:
        if len(returned) != len(names):
            raise TrialFailed(f"train returned {len(returned)} values for {len(names)} metrics {names}")
        values = [_checked(n, v) for n, v in zip(names, returned)]
        return values, dict(zip(names, values))
    if len(names) > 1:
        raise TrialFailed(f"train returned one value for {len(names)} metrics {names}; return a mapping")
    value = _checked(names[0], returned)
    return [value], {names[0]: value}
