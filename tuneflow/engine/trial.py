"""What happens inside one trial: the trial handle the train function sees, calling the train
function in whichever of its three shapes it has, and turning what it returns into Optuna values.

Optuna is told only finite floats: anything else (None, NaN, inf, a string, a missing metric
key) becomes a FAIL with its reason recorded, so no trial is left RUNNING (Optuna leaves a
trial RUNNING when an objective returns the string "0.5").
"""

from __future__ import annotations

import inspect
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import optuna
from optuna.trial import FrozenTrial

from tuneflow.errors import TrialFailed
from tuneflow.keys import OBJECTIVE_ROW_KEY
from tuneflow.values import as_float

if TYPE_CHECKING:
    from tuneflow.search.metric import Metric

__all__ = ["UNRANKED_VALUE", "NullTracker", "Tracker", "TrialContext", "call_train", "to_values", "train_arity"]

#: The value Optuna is told for every trial of a study without a metric. Optuna completes a
#: trial only with a value; this constant ranks nothing (every trial gets it), and tuneflow's
#: views read the study's metadata (no metrics) instead of it.
UNRANKED_VALUE = 0.0


class Tracker(Protocol):
    """What ``tune`` tells a tracker about each trial, at the moment it happens.

    The core owns this seam: ``tuneflow.tracking.WandbTracker`` implements it for W&B,
    the tests' ``RecordingTracker`` (tests/tracking/recording.py) records the calls, and
    :class:`NullTracker` does nothing. Hooks must not raise (a tracker never breaks a study).
    ``on_report``/``on_log`` are called from the thread running the trial, as the train
    function calls ``trial.report``/``trial.log``. Per-trial state goes in
    ``ctx.tracker_slot``, which belongs to the tracker.
    """

    #: Calls a no-argument (``wandb.agent``-style) train function, or None when the tracker cannot.
    agent_runner: Callable[[Callable[[], Any], TrialContext], Any] | None = None

    def on_trial_start(self, ctx: TrialContext) -> None:
        """The trial's config has been suggested; the train function is about to run."""
        return None

    def on_report(self, ctx: TrialContext, step: int, value: float) -> None:
        """The train function reported an intermediate objective value (``trial.report``)."""
        return None

    def on_log(self, ctx: TrialContext, step: int | None, row: dict[str, Any]) -> None:
        """The train function logged a history row (``trial.log``)."""
        return None

    def on_trial_end(self, ctx: TrialContext, frozen: FrozenTrial) -> None:
        """The trial has been told to Optuna (its state is final)."""
        return None

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        """The study ended (or was interrupted): flush, summarize, wait a bounded time."""
        return None


class NullTracker(Tracker):
    """Tracks nothing (``wandb=False``, or W&B disabled)."""


class TrialContext:
    """The ``trial`` a train function receives: Optuna's trial plus W&B-style logging.

    ``report``/``should_prune`` are Optuna's (so pruning works); ``log`` records extra
    history rows for the trial's W&B run. Any other attribute is the Optuna trial's
    (``trial.number``, ``trial.set_user_attr``, ...). tuneflow makes it; train functions use it.

    Args:
        trial: The Optuna trial being run.
        config: The nested config the train function receives.
        tracker: Receives the trial's reports and logged rows (the W&B run); ``None``: nothing does.
    """

    def __init__(self, trial: optuna.Trial, config: dict[str, Any], tracker: Tracker | None = None) -> None:
        self.optuna_trial = trial
        self.config = config
        self.number: int = trial.number
        self.history: list[tuple[int | None, dict[str, Any]]] = []
        self.metrics: dict[str, float] = {}
        self.fail_reason: str | None = None
        #: A sweep program's exit code (negative: killed by that signal), set by the program runner:
        #: ``wandb agent`` counts a run as failed only for a code > 0.
        self.exit_code: int | None = None
        #: Per-trial state owned by the tracker (e.g. the W&B run of this trial); None until it sets one.
        self.tracker_slot: object | None = None
        self._tracker = tracker
        self._lock = threading.Lock()

    def report(self, value: float, step: int) -> None:
        """Report an intermediate objective value (Optuna pruning; W&B history at ``step``).

        Args:
            value: The metric so far, e.g. after an epoch or a fold.
            step: Its step; W&B's hyperband rule counts one report as one iteration.
        """
        self.optuna_trial.report(value, step)
        with self._lock:
            self.history.append((step, {OBJECTIVE_ROW_KEY: float(value)}))
        if self._tracker is not None:
            self._tracker.on_report(self, step, float(value))

    def should_prune(self) -> bool:
        """Whether the pruner asks to stop this trial now.

        Returns:
            True when the train function should stop: raise ``optuna.TrialPruned`` then, and the
            trial is PRUNED with its last reported value.
        """
        return self.optuna_trial.should_prune()

    def log(self, data: Mapping[str, Any], step: int | None = None) -> None:
        """Log a history row to this trial's W&B run, like ``wandb.log(data, step=step)``.

        Args:
            data: The row: names to values (numbers, text, anything ``wandb.log`` takes).
            step: Its step; rows at one step are merged into one. ``None``: as ``wandb.log`` without a step.
        """
        row = dict(data)
        with self._lock:
            self.history.append((step, row))
        if self._tracker is not None:
            self._tracker.on_log(self, step, row)

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
    train: Callable[..., Any],
    arity: int,
    ctx: TrialContext,
    agent_runner: Callable[[Callable[[], Any], TrialContext], Any] | None,
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


def _checked(name: str, value: Any) -> float:
    number = as_float(value)
    if number is None:
        kind = "the string " + repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
        raise TrialFailed(f"metric '{name}' must be a number, but train returned {kind}")
    if not math.isfinite(number):
        raise TrialFailed(f"metric '{name}' is {number}, not a finite number")
    return number


def _numbers(returned: Any) -> dict[str, float]:
    """Every finite number in what train returned (a mapping, or one number as ``value``)."""
    items = returned.items() if isinstance(returned, Mapping) else [("value", returned)]
    return {str(key): n for key, value in items if (n := as_float(value)) is not None and math.isfinite(n)}


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
