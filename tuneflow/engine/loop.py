"""The optimization loop: Optuna's ask/tell, run by tuneflow so that nothing computed is lost.

``study.optimize`` tells Optuna each result itself, so a database that is restarted at that
moment loses a trial that may have taken hours, and it cannot claim a grid point atomically,
check a global ``run_cap`` before starting a trial, or fail the trials in flight on SIGTERM.
This loop keeps ``optimize``'s behaviour (``n_jobs`` threads, callbacks after every trial,
every ``Exception`` caught as a FAIL, ``timeout``, the progress bar) and adds:

- **tell with retry**: the result is written with back-off for ``retry_seconds`` (60 s) while
  the storage is unreachable, then the loop goes on;
- **global run_cap**: before claiming a trial the worker counts the study's trials (all states
  but WAITING; a failed trial that was queued again counts once). Workers that check at the
  same moment may each start one more: the cap can be exceeded by at most ``workers - 1``
  trials (threads of one worker claim one at a time), and only when claims of different
  workers interleave within one storage round-trip;
- **grid**: grid studies pop queued trials (failed points queued again) first, then claim the
  next grid index (:mod:`tuneflow.engine.gridindex`); a worker stops when every index is claimed, none
  is waiting and none is running anywhere (it waits while other workers' trials may still fail
  and come back);
- **signals**: see :mod:`tuneflow.engine.signals`; trials in flight end FAIL and are queued again.

``n_jobs`` threads are started by hand as daemons, not taken from a ``ThreadPoolExecutor`` as in
Optuna's ``_optimize.py``: an executor's threads are joined when the interpreter exits, so after
Ctrl-C the process would wait for a train function that is still running.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import optuna
from optuna.study import Study, StudyDirection
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.counts import count_toward_cap, trial_counts
from tuneflow.engine.gridindex import GridIndex, claim_point, claimed, pop_waiting
from tuneflow.engine.liveness import Keeper
from tuneflow.engine.signals import Interrupted, SignalGuard
from tuneflow.engine.storage import retry_storage
from tuneflow.keys import FAIL_REASON_SYSTEM_ATTR, RETRY_HISTORY_SYSTEM_ATTR

__all__ = ["Optimizer"]

logger = logging.getLogger(__name__)
_optuna_logger = optuna.logging.get_logger(adapter.OPTIMIZE_LOGGER)
_GRID_POLL = 0.25

Objective = Callable[[optuna.Trial], Any]
Callback = Callable[[Study, FrozenTrial], None]


def _better(trial: FrozenTrial, best: FrozenTrial | None, direction: StudyDirection | None) -> bool:
    """Whether ``trial`` is COMPLETE and better than ``best`` (``direction`` None: several objectives)."""
    if direction is None or trial.state != TrialState.COMPLETE or trial.value is None:
        return False
    if best is None or best.value is None:
        return True
    return trial.value < best.value if direction == StudyDirection.MINIMIZE else trial.value > best.value


class Optimizer:
    """One call's optimization loop over ``study``."""

    def __init__(
        self,
        study: Study,
        objective: Objective,
        callbacks: Sequence[Callback],
        *,
        keeper: Keeper,
        guard: SignalGuard,
        n_trials: int | None = None,
        timeout: float | None = None,
        n_jobs: int = 1,
        run_cap: int | None = None,
        grid_index: GridIndex | None = None,
        progress: bool = False,
        redact: Callable[[int, str], str] = lambda number, text: text,
    ) -> None:
        self.study = study
        self.objective = objective
        self.callbacks = list(callbacks)
        self.keeper = keeper
        self.guard = guard
        self.n_jobs = n_jobs
        self.run_cap = run_cap
        self.grid_index = grid_index  # None: not a grid study
        self.redact = redact  # (trial number, a log text) -> the text without that trial's secrets
        self.n_trials = n_trials  # None: no bound
        self.stop_reason: str | None = None
        self._lock = threading.Lock()
        self._claim_lock = threading.Lock()  # threads of this process claim one at a time
        self._claimed = 0  # trials this call has claimed
        self._in_flight: dict[int, optuna.Trial] = {}  # claimed, not yet told or abandoned
        # The study's count toward run_cap when this call starts, if this process is its only one
        # (in memory): then the count is that plus this call's claims, exactly, without a pass over the trials.
        self._counted = count_toward_cap(study) if run_cap is not None and not keeper.enabled else None
        if progress and n_jobs > 1 and n_trials is None and timeout is not None:
            progress = False  # as study.optimize: no timeout-only bar with threads
        bar_trials = n_trials
        if bar_trials is None and timeout is None and grid_index is not None and progress:
            # A grid's bar counts its points not yet claimed (other workers may take some of them).
            bar_trials = max(grid_index.size - claimed(study), 0) + trial_counts(study).of(TrialState.WAITING)
        shown = progress and (bar_trials or timeout) is not None
        self._bar = adapter.progress_bar(shown, bar_trials, timeout)
        # The bar's best: the study's when this call starts, then the trials this process tells
        # (reading the study's best after each trial costs a query, or a pass over every trial
        # a gRPC client holds); a best found meanwhile by another worker shows in its own bar.
        directions = study.directions
        self._direction = directions[0] if len(directions) == 1 else None  # None: several objectives
        self._best: FrozenTrial | None = None
        if shown and self._direction is not None:
            with contextlib.suppress(ValueError):  # no completed trial yet
                self._best = study.best_trial
        self._start = time.monotonic()
        self._deadline = None if timeout is None else self._start + timeout

    # -- the loop ------------------------------------------------------------------------------

    def run(self) -> None:
        """Run trials until ``n_trials``, ``timeout``, ``run_cap``, the grid's end or a stop."""
        try:
            if self.n_jobs == 1:
                self._worker(main=True)
            else:
                self._threads()
        except (Interrupted, KeyboardInterrupt) as exc:
            self.guard.cleaning()
            adapter.request_stop(self.study)  # threads start no more trials, whatever raised
            self._let_claims_finish()
            self._abandon_in_flight(exc)
            raise
        finally:
            self._bar.close()

    def _threads(self) -> None:
        errors: list[BaseException] = []

        def work() -> None:
            try:
                self._worker(main=False)
            except BaseException as exc:  # surfaced in the main thread
                errors.append(exc)
                adapter.request_stop(self.study)

        threads = [threading.Thread(target=work, name=f"tuneflow-{i}", daemon=True) for i in range(self.n_jobs)]
        for t in threads:
            t.start()
        # Threads are daemons: on a signal the main thread fails their trials and returns, and
        # a train function still running in a thread does not keep the process alive.
        try:
            for t in threads:
                while t.is_alive():
                    self.guard.raise_now(True)
                    t.join(0.2)
        finally:
            self.guard.raise_now(False)
        if errors:
            raise errors[0]

    def _should_stop(self) -> bool:
        if adapter.stop_requested(self.study) or self.guard.interrupted:
            return True
        return self._deadline is not None and time.monotonic() >= self._deadline

    def _worker(self, main: bool) -> None:
        with adapter.optimize_loop(self.study):
            try:
                while not self._should_stop():
                    trial = self._claim()
                    if trial is None:
                        break
                    if self.guard.interrupted:  # claimed while the main thread was cleaning up
                        self._abandon(trial, Interrupted(self.guard.signum or 2))
                        break
                    self._run_trial(trial, main)
                    if main:
                        self.guard.check()
            finally:
                adapter.storage_of(self.study).remove_session()

    def stop(self, reason: str) -> None:
        """Start no more trials; the first reason given is the one reported (threads may race here)."""
        with self._lock:
            if self.stop_reason is None:
                self.stop_reason = reason
                logger.warning("tuneflow: stopping: %s", reason)
        adapter.request_stop(self.study)

    # -- claiming a trial ----------------------------------------------------------------------

    def _claim(self) -> optuna.Trial | None:
        """The next trial this worker runs, or None when it stops: within the call's ``n_trials`` and
        the study's ``run_cap``, a new trial from the sampler or, for a grid, a failed point queued
        again, else the next grid index, else a wait while other workers' points may still fail.

        Claims of this process's threads are serialized, so together they never overshoot the cap.
        """
        study, seconds = self.study, self.keeper.settings.retry_seconds

        def retried(what: str, call: Callable[[], Any]) -> Any:
            return retry_storage(call, what, seconds, logger.warning)

        with self._claim_lock:
            if self._claimed == self.n_trials or self._should_stop():  # another thread may have stopped the study
                return None
            if self.run_cap is not None and retried("counting trials", self._count) >= self.run_cap:
                self.stop(f"run_cap of {self.run_cap} trials reached")
                return None
            owner_recorded = False  # a claimed grid point's trial is created with its owner already recorded
            if self.grid_index is None:
                trial = retried("starting a trial", study.ask)
            else:
                grid, owner = self.grid_index, self.keeper.owner
                while (trial_id := retried("taking a grid point", lambda: pop_waiting(study))) is None:
                    trial_id = retried("claiming a grid point", lambda: claim_point(study, grid, owner))
                    if trial_id is not None:
                        owner_recorded = True
                        break
                    if trial_counts(study).of(TrialState.WAITING, TrialState.RUNNING) == 0:
                        self.stop("every grid point has been evaluated")
                        return None
                    if self._should_stop():
                        return None
                    time.sleep(_GRID_POLL)  # others' trials may still fail and come back to the queue
                adapter.forget_cached_trials(study)
                trial = optuna.Trial(study, trial_id)
            self._claimed += 1
            with self._lock:
                self._in_flight[adapter.trial_id(trial)] = trial
        try:
            self.keeper.started(adapter.trial_id(trial), owner_recorded=owner_recorded)
        except Exception as exc:  # a lost heartbeat write is not worth losing the trial for
            logger.debug("tuneflow: recording the start of trial %d failed: %s", trial.number, exc)
        return trial

    def _count(self) -> int:
        """Trials toward ``run_cap``: counted here when this process is the study's only one, else in the storage."""
        return count_toward_cap(self.study) if self._counted is None else self._counted + self._claimed

    # -- running and telling -------------------------------------------------------------------

    def _run_trial(self, trial: optuna.Trial, main: bool) -> None:
        state, values, error = TrialState.FAIL, None, None
        try:
            if main:
                self.guard.raise_now(True)
            try:
                values = self.objective(trial)
            finally:
                if main:
                    self.guard.raise_now(False)
            state = TrialState.COMPLETE
        except optuna.TrialPruned:
            state = TrialState.PRUNED
        except (Interrupted, KeyboardInterrupt) as exc:
            self.guard.cleaning()
            self._abandon(trial, exc)
            raise
        except Exception as exc:
            error = exc
        if adapter.trial_id(trial) not in self._in_flight:
            return  # the main thread already failed it after a signal
        frozen = self._tell(trial, state, values)
        if frozen.state != state and self.guard.interrupted:
            return  # failed meanwhile by the main thread's signal handling, which told the callbacks
        if error is not None:  # Optuna's line, its traceback with --debug: secrets the trial names as ***
            text = f"Trial {trial.number} failed with parameters: {frozen.params} because of the following error: {error!r}."
            if _optuna_logger.isEnabledFor(logging.INFO):
                text += "\n" + "".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip()
            _optuna_logger.warning(self.redact(trial.number, text))
        elif frozen.state == TrialState.COMPLETE and _optuna_logger.isEnabledFor(logging.INFO):
            text = f"Trial {frozen.number} finished with values: {frozen.values} and parameters: {frozen.params}."
            _optuna_logger.info(self.redact(frozen.number, text))
        self._after(frozen)

    def _tell(self, trial: optuna.Trial, state: TrialState, values: Any) -> FrozenTrial:
        told = values if state == TrialState.COMPLETE else None
        try:
            frozen = retry_storage(
                functools.partial(self.study.tell, trial, told, state=state, skip_if_finished=True),
                f"storing trial {trial.number}",
                self.keeper.settings.retry_seconds,
                logger.warning,
                lambda: self.guard.interrupted,
            )
        finally:
            with self._lock:
                self._in_flight.pop(adapter.trial_id(trial), None)
            self.keeper.finished(adapter.trial_id(trial))
        # Failed by another worker while it ran; not when this process's own signal handling failed it
        # (a salvage then would claim the queued copy while the process exits, and leave it RUNNING).
        if frozen.state != state and FAIL_REASON_SYSTEM_ATTR in frozen.system_attrs and not self.guard.interrupted:
            salvaged = self._salvage(frozen, state, values) if state == TrialState.COMPLETE else None
            logger.warning(
                "tuneflow: trial %d was marked %s by another worker while it ran (no heartbeat for longer than "
                "the grace period, e.g. a long database outage); %s",
                trial.number,
                frozen.state.name,
                f"its result was stored in its queued copy, trial {salvaged.number}"
                if salvaged is not None
                else "its result could not be stored; the queued copy runs it again",
            )
        return frozen

    def _salvage(self, reaped: FrozenTrial, state: TrialState, values: Any) -> FrozenTrial | None:
        """Store a computed result in the queued copy of a trial that was wrongly declared dead.

        The copy has the same parameters; if no other worker has claimed it yet, claiming it and
        telling it the result keeps the value without running the trial again.
        """
        storage = adapter.storage_of(self.study)
        try:
            for t in storage.get_all_trials(adapter.study_id(self.study), deepcopy=False, states=(TrialState.WAITING,)):
                if t.system_attrs.get(RETRY_HISTORY_SYSTEM_ATTR, [])[-1:] != [reaped.number]:
                    continue
                if not storage.set_trial_state_values(adapter.trial_id(t), state=TrialState.RUNNING):
                    return None
                try:
                    for key, value in reaped.user_attrs.items():
                        storage.set_trial_user_attr(adapter.trial_id(t), key, value)
                    return self.study.tell(t.number, values, state=state)
                except Exception:
                    storage.set_trial_state_values(adapter.trial_id(t), state=TrialState.WAITING)  # back in the queue
                    raise
        except Exception as exc:  # best effort: the copy will simply run again
            logger.warning("tuneflow: could not store trial %d's result in its copy: %s", reaped.number, exc)
        return None

    def _after(self, frozen: FrozenTrial) -> None:
        for callback in self.callbacks:
            callback(self.study, frozen)
        with self._lock:
            if _better(frozen, self._best, self._direction):
                self._best = frozen
            elapsed = time.monotonic() - self._start
            adapter.update_progress_bar(self._bar, elapsed, self._best)

    # -- signals -------------------------------------------------------------------------------

    def _abandon(self, trial: optuna.Trial, exc: BaseException) -> None:
        """Fail one trial in flight because of a signal, queue it again, and tell the callbacks."""
        with self._lock:
            if self._in_flight.pop(adapter.trial_id(trial), None) is None:
                return  # told already, or abandoned by another path
        reason = f"interrupted by {getattr(exc, 'signame', 'KeyboardInterrupt')}"
        try:
            retry_storage(
                lambda: self.keeper.fail_and_requeue(adapter.trial_id(trial), reason, user_reason=True),
                f"failing trial {trial.number}",
                min(self.keeper.settings.retry_seconds, 10.0),
            )
            frozen = adapter.storage_of(self.study).get_trial(adapter.trial_id(trial))
        except Exception as err:
            logger.warning("tuneflow: could not mark interrupted trial %d FAIL: %s", trial.number, err)
            return
        finally:
            self.keeper.finished(adapter.trial_id(trial))
        for callback in self.callbacks:
            try:
                callback(self.study, frozen)
            except Exception as err:  # cleaning up: a callback must not hide the signal
                logger.debug("tuneflow: callback after interrupted trial %d failed: %s", trial.number, err)

    def _let_claims_finish(self) -> None:
        """Wait, bounded, for a claim another thread is making: the trial it creates is then in flight
        and failed with the others, and every later claim sees the stop instead of leaving a trial RUNNING."""
        if self._claim_lock.acquire(timeout=min(self.keeper.settings.retry_seconds, 10.0)):
            self._claim_lock.release()

    def _abandon_in_flight(self, exc: BaseException) -> None:
        with self._lock:
            flights = list(self._in_flight.values())
        for trial in flights:
            self._abandon(trial, exc)
