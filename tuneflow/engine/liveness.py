"""Heartbeats for running trials, and the reaper that fails and re-queues trials whose worker died.

A worker killed with ``kill -9`` (or a lost machine) leaves its trial RUNNING forever in plain
Optuna. tuneflow detects such trials three ways, all ending the same: the trial becomes FAIL and
a copy with the same parameters is queued (as Optuna's ``RetryHeartbeatStaleTrialCallback``
does, at most ``max_retry`` times), so the next free worker re-runs it.

- RDB storages: Optuna's heartbeat table (database clock); stale after ``grace_period``.
- Journal files: a ``tuneflow:heartbeat`` trial system attribute (wall clock); same rule.
- Any persistent storage: each trial records its owner (boot id, PID namespace, PID and process
  start time). A worker on the same machine sees at once that the owner process is gone, so a
  resumed worker re-runs a killed trial first instead of waiting for the grace period.

One :class:`Keeper` thread per ``tune`` call beats for every trial the process is running and
reaps stale trials of other workers every heartbeat interval. In-memory studies need none of it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from pathlib import Path

import optuna
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.storage import StorageSettings, storage_kind
from tuneflow.keys import (
    FAIL_REASON_ATTR,
    FAIL_REASON_SYSTEM_ATTR,
    FAILED_TRIAL_SYSTEM_ATTR,
    FIXED_PARAMS_SYSTEM_ATTR,
    HEARTBEAT_ATTR,
    OWNER_ATTR,
    RETRY_HISTORY_SYSTEM_ATTR,
)

__all__ = ["Keeper", "owner_id", "requeue"]

logger = logging.getLogger(__name__)


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot, or None when it is gone (or a zombie)."""
    fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 and fields[0] not in ("Z", "X") else None


def _machine() -> str:
    """Boot id + PID namespace: processes with the same value see the same PIDs ("" when unknown)."""
    boot = _read("/proc/sys/kernel/random/boot_id")
    try:
        pidns = str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        pidns = ""
    return f"{boot}/{pidns}" if boot and pidns else ""


_MACHINE = _machine()


def owner_id() -> str:
    """``machine:pid:start`` of this process ("" when the platform cannot tell processes apart)."""
    pid = os.getpid()
    return f"{_MACHINE}:{pid}:{_start_time(pid)}" if _MACHINE else ""


def _owner_dead(owner: object) -> bool:
    """True only when ``owner`` ran on this machine and that process no longer exists."""
    if not isinstance(owner, str) or not _MACHINE or not owner.startswith(_MACHINE + ":"):
        return False
    try:
        pid_s, start = owner[len(_MACHINE) + 1 :].split(":")
        pid = int(pid_s)
    except ValueError:
        return False
    return _start_time(pid) != start


class Keeper:
    """Heartbeat and reaper for one ``tune`` call on a persistent storage."""

    def __init__(self, study: Study, settings: StorageSettings) -> None:
        self.study = study
        self.settings = settings
        self.storage = adapter.storage_of(study)
        self.enabled = storage_kind(self.storage) != "memory"
        self.rdb_heartbeat = adapter.heartbeat_enabled(self.storage) if self.enabled else False
        self.owner = owner_id() if self.enabled else ""
        self._running: set[int] = set()  # trial ids this process is running
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- trials of this process --------------------------------------------------------------

    def started(self, trial_id: int, owner_recorded: bool = False) -> None:
        """A trial of this process started: record its owner (unless the trial was created with it,
        as a claimed grid point is) and its first heartbeat."""
        if not self.enabled:
            return
        with self._lock:
            self._running.add(trial_id)
        if self.owner and not owner_recorded:
            self.storage.set_trial_system_attr(trial_id, OWNER_ATTR, self.owner)
        self._beat(trial_id)

    def finished(self, trial_id: int) -> None:
        with self._lock:
            self._running.discard(trial_id)

    def _beat(self, trial_id: int) -> None:
        if self.rdb_heartbeat:
            self.storage.record_heartbeat(trial_id)  # type: ignore[attr-defined]
        else:
            self.storage.set_trial_system_attr(trial_id, HEARTBEAT_ATTR, time.time())

    # -- the thread --------------------------------------------------------------------------

    def start(self) -> None:
        """Reap once now (a resumed worker re-runs a killed trial first), then keep beating."""
        if not self.enabled:
            return
        self.reap()
        self._thread = threading.Thread(target=self._run, name="tuneflow-keeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.settings.heartbeat_interval):
            with self._lock:
                running = list(self._running)
            for trial_id in running:
                try:
                    self._beat(trial_id)
                except optuna.exceptions.UpdateFinishedTrialError:
                    self.finished(trial_id)
                except Exception as exc:  # an outage: beat again next time, never die
                    logger.debug("tuneflow: heartbeat of trial id %s failed: %s", trial_id, exc)
            try:
                self.reap()
            except Exception as exc:
                logger.debug("tuneflow: reaping stale trials failed: %s", exc)

    # -- reaping -----------------------------------------------------------------------------

    def reap(self) -> list[int]:
        """Fail (and queue again) the RUNNING trials whose worker is gone; return their numbers."""
        if not self.enabled:
            return []
        study, storage = self.study, self.storage
        stale: list[int] = []
        with self._lock:
            mine = set(self._running)
        if self.rdb_heartbeat:
            stale += [i for i in adapter.stale_trial_ids(storage, adapter.study_id(study)) if i not in mine]
        now = time.time()
        # An RDB storage filters by state in its query; Optuna's cache above it would sync and then
        # filter every trial it holds in Python.
        for t in adapter.unwrap_cache(storage).get_all_trials(
            adapter.study_id(study), deepcopy=False, states=(TrialState.RUNNING,)
        ):
            if adapter.trial_id(t) in mine or adapter.trial_id(t) in stale:
                continue
            last = t.system_attrs.get(HEARTBEAT_ATTR)
            if last is None and t.datetime_start is not None:
                last = t.datetime_start.timestamp()
            late = not self.rdb_heartbeat and last is not None and now - float(last) > self.settings.grace_period
            if late or _owner_dead(t.system_attrs.get(OWNER_ATTR)):
                stale.append(adapter.trial_id(t))
        reason = "its worker stopped (no heartbeat or process gone)"
        reaped = [storage.get_trial(i).number for i in stale if self.fail_and_requeue(i, reason)]
        if reaped:
            logger.warning(
                "tuneflow: trials %s were left RUNNING by a dead worker: marked FAIL and queued again", reaped
            )
        return reaped

    def fail_and_requeue(self, trial_id: int, reason: str, user_reason: bool = False) -> bool:
        """Mark a RUNNING trial FAIL with ``reason`` and queue a copy with the same parameters.

        Returns False when the trial had already finished (its worker or another reaper got there
        first). RDB storages make the FAIL exclusive (row lock); a journal file accepts every
        writer, so journal reapers take a lock file next to the journal and read the state back.
        ``user_reason`` also records the reason where tuneflow's own failures go (user attrs).
        """
        with adapter.journal_lock(self.storage, "reaper") or contextlib.nullcontext():
            try:
                if self.storage.get_trial(trial_id).state != TrialState.RUNNING:
                    return False
                self.storage.set_trial_system_attr(trial_id, FAIL_REASON_SYSTEM_ATTR, reason)
                if user_reason:
                    self.storage.set_trial_user_attr(trial_id, FAIL_REASON_ATTR, reason)
                if not self.storage.set_trial_state_values(trial_id, state=TrialState.FAIL):
                    return False
            except optuna.exceptions.UpdateFinishedTrialError:
                return False
            frozen = self.storage.get_trial(trial_id)
            if frozen.system_attrs.get(FAIL_REASON_SYSTEM_ATTR) != reason or frozen.state != TrialState.FAIL:
                return False  # the journal rejected our FAIL: the trial finished on its own
            requeue(self.study, frozen, self.settings.max_retry)
            return True


def requeue(study: Study, failed: FrozenTrial, max_retry: int) -> bool:
    """Queue a WAITING copy of ``failed`` with the same parameters, unless it was retried ``max_retry`` times.

    The copy carries Optuna's ``failed_trial`` / ``retry_history`` system attributes (as
    ``RetryHeartbeatStaleTrialCallback`` writes them) and no user attributes, so nothing of the
    failed run (its fail reason, its W&B run id) sticks to the new one.
    """
    history = [*failed.system_attrs.get(RETRY_HISTORY_SYSTEM_ATTR, ()), failed.number]
    if len(history) > max_retry:
        logger.warning(
            "tuneflow: trial %d failed %d times without finishing; not queued again", failed.number, len(history)
        )
        return False
    system_attrs = {k: v for k, v in failed.system_attrs.items() if not k.startswith("tuneflow:")}
    system_attrs[FAILED_TRIAL_SYSTEM_ATTR] = history[0]
    system_attrs[RETRY_HISTORY_SYSTEM_ATTR] = history
    if failed.params:
        system_attrs.setdefault(FIXED_PARAMS_SYSTEM_ATTR, failed.params)
    study.add_trial(
        optuna.trial.create_trial(
            state=TrialState.WAITING,
            params=failed.params,
            distributions=failed.distributions,
            system_attrs=system_attrs,
        )
    )
    return True
