"""When failing trials stop a study: a bound on failures in a row, and ``wandb agent``'s start-up rules.

W&B's agent (wandb 0.31, ``wandb/wandb_agent.py``, ``Agent.is_flapping``/``is_failing``) stops when
its runs fail from the start, since a broken program would otherwise fail every run of the sweep:

- ``FLAPPING_MAX_FAILURES = 3`` failed runs within ``FLAPPING_MAX_SECONDS = 60`` s of the agent's
  start (``WANDB_AGENT_DISABLE_FLAPPING=true`` turns this off);
- ``MAX_INITIAL_FAILURES = 5``: at least that many failed runs and no fewer failures than runs
  finished before (``WANDB_AGENT_MAX_INITIAL_FAILURES`` changes it);
- ``--max-consecutive-failed-runs N`` (no bound by default).

tuneflow applies the first two, with the same numbers and environment variables, to sweep
``program`` trials (where the agent applies them), and counts what the agent counts: programs that
exited with a code > 0. A program that exits 0 without logging the metric (a common way to skip an
invalid combination) or is killed by a signal is a FAIL trial with its reason, but the agent does
not count it, so neither do these rules. The bound on failures in a row is tuneflow's own, the
recipe's ``max_consecutive_failures`` (10 by default, for every kind of train function;
``--max-consecutive-failed-runs`` sets it): it counts every FAIL, so a metric name that no run
logs stops the study instead of running it to its end.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping

__all__ = ["FLAPPING_MAX_FAILURES", "FLAPPING_MAX_SECONDS", "MAX_INITIAL_FAILURES", "FailurePolicy"]

FLAPPING_MAX_SECONDS = 60
FLAPPING_MAX_FAILURES = 3
MAX_INITIAL_FAILURES = 5


class FailurePolicy:
    """Counts finished trials and says when failures should stop the study (thread-safe).

    ``agent_rules`` turns on ``wandb agent``'s start-up rules; ``clock`` is injectable so the
    60-second window can be tested without waiting.
    """

    def __init__(
        self,
        max_in_a_row: int,
        agent_rules: bool,
        env: Mapping[str, str] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        env = os.environ if env is None else env
        self.max_in_a_row = max_in_a_row
        self.agent_rules = agent_rules
        self.flapping = env.get("WANDB_AGENT_DISABLE_FLAPPING") != "true"
        try:  # as the agent reads it: a bad value means the default
            self.max_initial = int(env.get("WANDB_AGENT_MAX_INITIAL_FAILURES", MAX_INITIAL_FAILURES))
        except ValueError:
            self.max_initial = MAX_INITIAL_FAILURES
        self._clock: Callable[[], float] = clock or time.monotonic
        self._start = self._clock()
        self.failed = 0  # failures as the agent counts them
        self.finished = 0
        self.in_a_row = 0  # every FAIL
        self._lock = threading.Lock()

    def record(self, failed: bool, agent_failed: bool | None = None) -> str | None:
        """Count one finished trial; return why the study should stop now, or None.

        ``failed``: the trial is FAIL. ``agent_failed``: ``wandb agent`` would count it as a failed
        run (its program exited with a code > 0); ``failed`` when not given.
        """
        agent_failed = failed if agent_failed is None else agent_failed
        with self._lock:
            reason = None
            self.in_a_row = self.in_a_row + 1 if failed else 0
            if agent_failed:
                self.failed += 1
            if failed and self.in_a_row >= self.max_in_a_row:
                reason = f"{self.in_a_row} trials failed in a row"
            elif agent_failed and self.agent_rules:
                elapsed = self._clock() - self._start
                if self.flapping and elapsed < FLAPPING_MAX_SECONDS and self.failed >= FLAPPING_MAX_FAILURES:
                    reason = (
                        f"{self.failed} trials failed in the first {FLAPPING_MAX_SECONDS} s, as `wandb agent` "
                        "stops (WANDB_AGENT_DISABLE_FLAPPING=true turns this off)"
                    )
                elif self.failed >= self.finished and self.failed >= self.max_initial:
                    reason = (
                        f"{self.failed} of the first {self.finished + 1} trials failed, as `wandb agent` stops "
                        f"(WANDB_AGENT_MAX_INITIAL_FAILURES={self.max_initial})"
                    )
            self.finished += 1
            return reason
