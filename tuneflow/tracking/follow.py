"""Following a program's own W&B run while it runs: every value it logs of one metric, as it is written.

The program writes its run (offline or online) through its own wandb-core, which appends the
run's records to ``<run dir>/run-<id>.wandb``. W&B's own reader follows that file:
``wandb leet inspect --follow --json`` (called directly in the bundled ``wandb-core`` binary, as
:func:`tuneflow.tracking.reader.read_run` does), printing each record as a JSON line as it reaches the
file. wandb-core flushes the file every ``x_transaction_log_flush_interval`` (15 s by default), so
programs are started with ``WANDB_X_TRANSACTION_LOG_FLUSH_INTERVAL=1``: no change to the program,
values arrive within about a second of ``wandb.log``.

Measured (2 cores; a program logging every 0.3 s): the run's file appears ~1.5 s after the
program starts, then values arrive in one-second batches, 0.3-1.0 s after they were logged.

A value is one ``wandb.log`` row holding the metric (a finite number); its step is the count of
such rows (W&B's hyperband counts an iteration as one logging of the metric).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

from tuneflow.values import is_finite_number

__all__ = ["FLUSH_ENV", "RunFollower", "metric_value"]

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


def _core_path() -> str:
    """The bundled wandb-core binary (imported in the caller's thread: importing wandb from two
    threads at once can fail half-way, measured with n_jobs > 1)."""
    from wandb.util import get_core_path

    return str(get_core_path())


class RunFollower:
    """Collects ``(step, value)`` of ``metric`` from run ``run_id`` under ``wandb_dir`` (a thread).

    ``start()`` waits in the background for the run's file to appear, then follows it;
    ``take()`` returns the values that arrived since the last call; ``close(linger)`` keeps
    reading for at most ``linger`` seconds (the last records of a program that just ended), then
    stops the reader. ``logged`` counts every value seen.
    """

    def __init__(self, wandb_dir: Path, run_id: str, metric: str) -> None:
        self.wandb_dir = Path(wandb_dir)
        self.run_id = run_id
        self.metric = metric
        self.logged = 0
        self.error: str | None = None
        #: The exit code the run recorded (None: it has no exit record, e.g. it was killed).
        self.exit_code: int | None = None
        self._values: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ended = threading.Event()  # the run wrote its exit record
        self._proc: subprocess.Popen[str] | None = None
        self._core = _core_path()
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
        if linger > 0 and self._thread.is_alive() and (self._proc is not None or self._run_file() is not None):
            self._ended.wait(linger)  # only a run that exists can still have records on their way
        self._stop.set()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        self._thread.join(timeout=5)

    def _run_file(self) -> Path | None:
        for pattern in (f"offline-run-*-{self.run_id}", f"run-*-{self.run_id}"):
            for path in sorted(self.wandb_dir.glob(f"{pattern}/run-{self.run_id}.wandb")):
                return path
        return None

    def _run(self) -> None:
        run_file = None
        while not self._stop.is_set() and run_file is None:
            run_file = self._run_file()
            if run_file is None:
                self._stop.wait(0.1)
        if run_file is None:
            return
        try:
            command = [self._core, "leet", "inspect", "--no-observability", "--json", "--follow"]
            self._proc = subprocess.Popen(
                [*command, "--run-file", str(run_file), "."],
                cwd=run_file.parent.parent,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                text=True,
            )
        except OSError as exc:
            self.error = f"cannot follow {run_file}: {exc}"
            return
        if self._stop.is_set():  # closed while starting
            self._proc.terminate()
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._read(line)
        self._ended.set()

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
