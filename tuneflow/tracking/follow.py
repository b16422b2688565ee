"""Following a program's own W&B run while it runs: every value it logs of one metric, as it is written.

The program writes its run (offline or online) through its own wandb-core, which appends the
run's records to ``<run dir>/run-<id>.wandb``. W&B's own reader follows that file:
``wandb leet inspect --follow --json``, printing each record as a JSON line as it reaches the file.
It is called directly in the bundled ``wandb-core`` binary (as
:func:`tuneflow.tracking.reader.read_run` does: no Python start per trial), with flags the CLI
passes it but does not document. Where that fails (no binary, an unknown flag, a non-zero exit), the
run is followed with the documented ``wandb leet inspect --follow --json RUN_FILE`` instead, from
the record where the first reader stopped; a log line says once which reader is used.

wandb-core flushes the file every ``x_transaction_log_flush_interval`` (15 s by default), so
programs are started with ``WANDB_X_TRANSACTION_LOG_FLUSH_INTERVAL=1``: no change to the program,
values arrive within about a second of ``wandb.log``.

Measured (2 cores; a program logging every 0.3 s): the run's file appears ~1.5 s after the
program starts, then values arrive in one-second batches, 0.3-1.0 s after they were logged.

A value is one ``wandb.log`` row holding the metric (a finite number); its step is the count of
such rows (W&B's hyperband counts an iteration as one logging of the metric).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any

from tuneflow.tracking.reader import core_path, inspect_command, run_file
from tuneflow.values import is_finite_number

__all__ = ["FLUSH_ENV", "RunFollower", "metric_value"]

logger = logging.getLogger(__name__)

#: Environment that makes a program's wandb-core write its transaction log every second.
FLUSH_ENV = {"WANDB_X_TRANSACTION_LOG_FLUSH_INTERVAL": "1"}


def metric_value(item: dict[str, Any], metric: str) -> float | None:
    """The metric's value in one history row (``a.b`` also found nested), or None."""
    value: Any = item.get(metric)
    if value is None and "." in metric:
        value = item
        for part in metric.split("."):
            value = value.get(part) if isinstance(value, dict) else None
    return float(value) if is_finite_number(value) else None


#: wandb-core binaries whose reader failed in this process: later runs go to the CLI at once.
_FAILED_CORES: set[str] = set()
_announced: set[str] = set()
_announce_lock = threading.Lock()
#: Readers running now. A trial's thread closes its reader when its program ends, but a process
#: that exits meanwhile (SIGTERM, Ctrl-C: the CLI exits while the thread still lingers for the
#: run's last records) would leave it running without a parent for minutes; they are stopped at exit.
_running: set[subprocess.Popen[str]] = set()
_running_lock = threading.Lock()
_exiting = threading.Event()  # set at exit: no reader starts after it


def _terminate(proc: subprocess.Popen[str]) -> None:
    """Stop a reader and what it started (the fallback reader is Python running wandb-core): its group."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)


@atexit.register
def _stop_running_readers() -> None:
    _exiting.set()
    with _running_lock:
        left = [proc for proc in _running if proc.poll() is None]
    for proc in left:
        _terminate(proc)
    for proc in left:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)


def _announce(reader: str, level: int, message: str) -> None:
    """Log ``message`` the first time ``reader`` follows a run in this process."""
    with _announce_lock:
        if reader in _announced:
            return
        _announced.add(reader)
    logger.log(level, "tuneflow: %s", message)


class RunFollower:
    """Collects ``(step, value)`` of ``metric`` from run ``run_id`` under ``wandb_dir`` (a thread).

    ``start()`` waits in the background for the run's file to appear, then follows it;
    ``take()`` returns the values that arrived since the last call; ``close(linger)`` keeps
    reading for at most ``linger`` seconds (the last records of a program that just ended), then
    stops the reader. ``logged`` counts every value seen.
    """

    def __init__(self, wandb_dir: Path, run_id: str, metric: str, core: str | None = None) -> None:
        """``core``: the wandb-core binary to read with (default: the one wandb bundles)."""
        self.wandb_dir = Path(wandb_dir)
        self.run_id = run_id
        self.metric = metric
        self.logged = 0
        #: The exit code the run recorded (None: it has no exit record, e.g. it was killed).
        self.exit_code: int | None = None
        self._values: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ended = threading.Event()  # the run wrote its exit record
        self._proc: subprocess.Popen[str] | None = None
        self._core = core if core is not None else core_path()
        self._records = 0  # JSON records read (a fallback reader skips them)
        self._thread = threading.Thread(target=self._run, name=f"tuneflow-follow-{run_id}", daemon=True)

    def start(self) -> RunFollower:
        self._thread.start()
        return self

    def take(self) -> list[tuple[int, float]]:
        """Values logged since the last call, oldest first."""
        with self._lock:
            out, self._values = self._values, []
        return out

    def close(self, linger: float = 0.0) -> None:
        """Stop following (after at most ``linger`` seconds if the run has not ended yet)."""
        if self._thread.is_alive() and (self._proc is not None or run_file(self.wandb_dir, self.run_id) is not None):
            self._ended.wait(linger)  # only a run that exists can still have records on their way
        self._stop.set()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            _terminate(proc)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while (path := run_file(self.wandb_dir, self.run_id)) is None:
            if self._stop.wait(0.1):  # closed before the run appeared
                return
        core = self._core
        failure = "this wandb has no wandb-core binary" if core is None else None
        if core is not None and core not in _FAILED_CORES:
            _announce("core", logging.INFO, f"following program runs live with wandb-core's reader ({core})")
            failure = self._follow(inspect_command(path, "--follow", core=core), cwd=path.parent.parent)
            if failure is None or self._stop.is_set() or _exiting.is_set():
                self._ended.set()
                return
            _FAILED_CORES.add(core)
        _announce(  # a warning: each run now starts a Python process to read it
            "cli",
            logging.WARNING,
            f"following program runs live with `wandb leet inspect --follow --json` "
            f"(wandb-core's reader: {failure or 'it failed before in this process'})",
        )
        self._follow(inspect_command(path, "--follow", core=None), cwd=path.parent)
        self._ended.set()

    def _follow(self, command: list[str], cwd: Path) -> str | None:
        """Read ``command``'s JSON records until it ends (records already read are skipped);
        why it failed (could not start, exited non-zero), or None."""
        with _running_lock:  # under the lock: the exit's sweep either sees this reader or stops its start
            if _exiting.is_set():
                return "tuneflow is exiting"
            try:
                proc = self._proc = subprocess.Popen(
                    command,
                    cwd=cwd,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    start_new_session=True,  # its own group: stopped with whatever it starts
                )
            except OSError as exc:
                return f"cannot start {command[0]}: {exc}"
            _running.add(proc)
        if self._stop.is_set():  # closed while starting
            _terminate(proc)
        assert proc.stdout is not None
        seen = 0
        try:
            for line in proc.stdout:
                if not line.startswith("{"):
                    continue
                seen += 1
                if seen > self._records:
                    self._records = seen
                    self._read(line)
            code = proc.wait()
        finally:
            with _running_lock:
                _running.discard(proc)
        return f"{Path(command[0]).name} exited with code {code}" if code != 0 else None

    def _read(self, line: str) -> None:
        try:
            record = json.loads(line)
        except ValueError:
            return
        kind = record.get("type")
        if kind == "exit":
            self.exit_code = int((record.get("exit") or {}).get("exit_code") or 0)
            self._ended.set()
        if kind != "history":
            return
        value = metric_value((record.get("history") or {}).get("item") or {}, self.metric)
        if value is None:
            return
        with self._lock:
            self.logged += 1
            self._values.append((self.logged, value))
