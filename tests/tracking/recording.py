"""A Tracker that records every call, in order: the test double other tests use to check *when*
``tune`` tells a tracker what (and that a tracker needs nothing but the core's protocol).

    tracker = RecordingTracker()
    ...  # tune with it (tests hand it to the loop), then:
    assert [e.hook for e in tracker.events_of(0)] == ["on_trial_start", "on_report", ..., "on_trial_end"]
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import optuna
from optuna.trial import FrozenTrial

from tuneflow.engine.trial import Tracker, TrialContext

__all__ = ["Event", "RecordingTracker"]


@dataclass(frozen=True)
class Event:
    """One hook call: which hook, the trial number (None for ``close``), its arguments, when."""

    hook: str
    number: int | None
    args: tuple[Any, ...] = ()
    at: float = field(default_factory=time.monotonic)


class RecordingTracker(Tracker):
    """Records each hook call as an :class:`Event`; uses the tracker slot as a per-trial counter."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._lock = threading.Lock()

    def _add(self, hook: str, number: int | None, *args: Any) -> None:
        with self._lock:
            self.events.append(Event(hook, number, args))

    def on_trial_start(self, ctx: TrialContext) -> None:
        ctx.tracker_slot = {"started": time.monotonic()}
        self._add("on_trial_start", ctx.number, dict(ctx.config))

    def on_report(self, ctx: TrialContext, step: int, value: float) -> None:
        self._add("on_report", ctx.number, step, value)

    def on_log(self, ctx: TrialContext, step: int | None, row: dict[str, Any]) -> None:
        self._add("on_log", ctx.number, step, dict(row))

    def on_trial_end(self, ctx: TrialContext, frozen: FrozenTrial) -> None:
        self._add("on_trial_end", ctx.number, frozen.state.name, ctx.tracker_slot is not None)

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        self._add("close", None, study.study_name, interrupted)

    def events_of(self, number: int) -> list[Event]:
        """The events of trial ``number``, in the order they happened."""
        return [e for e in self.events if e.number == number]

    def hooks(self) -> list[str]:
        """Every hook called, in order."""
        return [e.hook for e in self.events]
