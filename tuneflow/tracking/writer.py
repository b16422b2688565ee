"""Writing W&B runs off the optimization loop.

:class:`Connection` holds what every ``wandb.init`` of a study shares (project, entity, mode,
directory, timeout) and the one-time fallback: when an online ``wandb.init`` fails or times
out, it warns once, switches to offline for the rest of the study and retries the same run,
so no trial is lost and the study waits at most one ``init_timeout`` in total.

:class:`RunWriter` hands each finished :class:`RunSpec` to a child process (microseconds on
the loop); run creation, logging and finishing happen there. One writer is enough: with the lean
settings below, ``wandb.init`` + ``finish`` cost ~45 ms per run, and 1, 4 or 8 writer threads
were no faster (measured: 44-48 ms per run; the wandb-core service is the bottleneck on 2 cores).
A process rather than a thread keeps the writer's Python work off the loop's GIL.

Every run is its own ``wandb.Run`` object created with ``reinit="create_new"``: nothing here
touches the global ``wandb.run``, so runs of parallel trials never mix.

The writer process's entry point is ``python -m tuneflow.tracking`` (``tracking/__main__.py``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuneflow.tracking.runs import RunSpec

__all__ = ["Connection", "RunWriter", "TrialRun", "say"]

#: Settings of runs tuneflow writes: no system stats, code, git, requirements or process
#: metadata (the command line may hold a storage URL), no console capture.
LEAN_SETTINGS: dict[str, Any] = {
    "silent": True,
    "console": "off",
    "x_disable_stats": True,
    "x_disable_meta": True,
    "x_disable_machine_info": True,
    "disable_code": True,
    "disable_git": True,
    "x_save_requirements": False,
    "disable_job_creation": True,
}


def say(message: str) -> None:
    """One line for the user on stderr (kept apart from the progress bar and results)."""
    print(f"tuneflow: {message}", file=sys.stderr, flush=True)


@dataclass
class TrialRun:
    """The tracker slot of one trial (``ctx.tracker_slot``): its W&B run and how to write it.

    Set by ``WandbTracker.on_trial_start``; the agent-style and program trains read what they
    need from it (run id, name, tags, redacted config, the connection) instead of reaching into
    the tracker, and record here what they did (an agent run left open, a program's run dir).
    """

    run_id: str
    name: str
    tags: list[str]
    group: str | None
    #: The trial's config as W&B may see it (secrets redacted).
    config: dict[str, Any]
    connection: Connection
    started: float
    #: The W&B run of an agent-style trial, open until the trial ends.
    agent_run: Any = None
    #: A sweep ``program`` wrote the trial's run itself (the tracker must not write another).
    external: bool = False
    #: That program's run directory, once found.
    run_dir: Path | None = None


class Connection:
    """``wandb.init`` arguments shared by a study's runs, with the online -> offline fallback."""

    def __init__(
        self,
        project: str | None,
        entity: str | None,
        mode: str,
        directory: str | None,
        init_timeout: float,
    ) -> None:
        self.project = project
        self.entity = entity
        self.mode = mode
        # Always explicit: wandb caches WANDB_DIR in its process-wide settings at first use.
        self.directory = str(Path(directory or os.environ.get("WANDB_DIR") or ".").resolve())
        self.init_timeout = init_timeout
        self.fell_back: str | None = None  # why online was abandoned, if it was
        self._lock = threading.Lock()

    @property
    def wandb_dir(self) -> Path:
        """Where run directories land (``<dir>/wandb``, as W&B lays them out)."""
        return Path(self.directory) / "wandb"

    def init(self, spec: RunSpec, *, global_run: bool = False) -> Any:
        """Start ``spec``'s run (config, tags, group); fall back to offline once if online fails.

        ``global_run`` makes it ``wandb.run`` (agent-style train functions call ``wandb.log``).
        """
        import wandb

        with self._lock:
            mode = self.mode
        kwargs: dict[str, Any] = {
            "project": self.project,
            "entity": self.entity,
            "dir": self.directory,
            "id": spec.run_id,
            "name": spec.name,
            "config": spec.config,
            "tags": spec.tags or None,
            "group": spec.group,
            "job_type": spec.job_type,
            "reinit": "finish_previous" if global_run else "create_new",
        }
        settings = dict(LEAN_SETTINGS, init_timeout=self.init_timeout)
        try:
            return wandb.init(
                mode=mode,  # type: ignore[arg-type]  # one of MODES, checked by WandbOptions
                settings=wandb.Settings(**settings),
                **kwargs,
            )
        except Exception as exc:
            if mode != "online":
                raise
            self.fall_back(exc)
            return wandb.init(mode="offline", settings=wandb.Settings(**settings), **kwargs)

    def fall_back(self, exc: BaseException, teardown: bool = True) -> None:
        """Switch the study to offline after a failed online init: warn once, restart wandb-core."""
        import wandb

        with self._lock:
            if self.mode != "online":
                return
            self.mode = "offline"
            text = str(exc).splitlines()[0] if str(exc) else ""
            self.fell_back = text if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {text}"
        # The failed online run keeps its id reserved in the wandb-core service ("run ID ... is
        # in use"): restart the service so the same id can be written offline.
        if teardown:
            wandb.teardown()
        warnings.warn(
            f"W&B is unreachable ({self.fell_back}); logging the rest of this study offline to "
            f"{self.wandb_dir}. Upload later with `wandb sync {self.wandb_dir}/offline-run-*`.",
            RuntimeWarning,
            stacklevel=2,
        )

    def existing_offline_run(self, run_id: str) -> Path | None:
        """An offline run directory already holding ``run_id`` (re-logging is then skipped)."""
        if not self.wandb_dir.is_dir():
            return None
        for path in self.wandb_dir.glob(f"offline-run-*-{run_id}"):
            if (path / f"run-{run_id}.wandb").is_file():
                return path
        return None


def write_run(connection: Connection, spec: RunSpec, run: Any = None) -> Path:
    """Write ``spec`` as one W&B run (or into ``run`` if already started) and finish it."""
    if run is None:
        run = connection.init(spec)
    try:
        for step, row in spec.history:
            run.log(row, step=step, commit=True)
        if spec.tables or spec.charts:
            import plotly.io
            import wandb

            extras: dict[str, Any] = {
                k: wandb.Table(columns=list[str | int](c), data=d) for k, (c, d) in spec.tables.items()
            }
            extras.update({k: wandb.Plotly(plotly.io.from_json(fig)) for k, fig in spec.charts.items()})
            run.log(extras, commit=True)
        # After the history: the last summary update wins, and a history row also updates it.
        run.summary.update(spec.summary)
    finally:
        run_dir = Path(run.dir).parent
        run.finish(exit_code=spec.exit_code)
    return run_dir


class RunWriter:
    """Writes :class:`RunSpec` in a child process; ``flush`` waits a bounded time for them.

    A child process, not a thread: writing a run costs ~30 ms of Python (GIL) time, which a
    thread would take from the optimization loop; with SQLite storage, whose calls release the
    GIL, that slowed a no-op loop by 50-70 ms per trial (measured). The child is a plain
    ``python -m tuneflow.tracking`` (no multiprocessing re-import of the user's script);
    specs go down its stdin as pickles, acknowledgements come back on its stdout. If the parent
    dies, the child still writes what it received, then exits at end of input.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.written: list[Path] = []
        self.skipped = 0
        self.errors: list[str] = []
        self._busy = 0
        self._cond = threading.Condition()
        self._proc: subprocess.Popen[bytes] | None = None
        self._outbox: list[RunSpec] = []
        self._sender: threading.Thread | None = None
        self._closing = False
        self._mode_sent = connection.mode

    def _start(self) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if k != "WANDB_SERVICE"}  # its own wandb-core
        env.setdefault("WANDB_SILENT", "true")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tuneflow.tracking"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        conn = self.connection
        state = (conn.project, conn.entity, conn.mode, conn.directory, conn.init_timeout)
        assert proc.stdin is not None
        pickle.dump(("connection", state), proc.stdin)
        proc.stdin.flush()
        threading.Thread(target=self._read, args=(proc,), name="tuneflow-wandb-acks", daemon=True).start()
        return proc

    def submit(self, spec: RunSpec) -> None:
        """Queue ``spec``; returns at once (the optimization loop never waits for W&B).

        A sender thread pickles it into the child's stdin: a full pipe blocks that thread only.
        """
        with self._cond:
            self._busy += 1
            self._outbox.append(spec)
            if self._sender is None:
                self._sender = threading.Thread(target=self._send, name="tuneflow-wandb-sender", daemon=True)
                self._sender.start()
            self._cond.notify_all()

    def _send(self) -> None:
        while True:
            with self._cond:
                while not self._outbox and not self._closing:
                    self._cond.wait()
                if not self._outbox:
                    break
                spec = self._outbox.pop(0)
            try:
                if self._proc is None:
                    self._proc = self._start()
                assert self._proc.stdin is not None
                if self.connection.mode != self._mode_sent:  # the parent went offline (e.g. agent runs)
                    self._mode_sent = self.connection.mode
                    pickle.dump(("mode", self._mode_sent), self._proc.stdin)
                pickle.dump(("spec", spec), self._proc.stdin)
                self._proc.stdin.flush()
            except Exception as exc:  # a broken writer must not break the study
                with self._cond:
                    self._busy = max(self._busy - 1, 0)
                    self.errors.append(f"{spec.name}: {type(exc).__name__}: {exc}")
                    self._cond.notify_all()
        if self._proc is not None and self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()  # the child exits once it has written what it got

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        while True:
            try:
                kind, *rest = pickle.load(proc.stdout)
            except Exception:  # EOF: the child exited
                with self._cond:
                    if self._busy:
                        self.errors.append(f"the W&B writer exited with {self._busy} runs unwritten")
                    self._busy = 0
                    self._cond.notify_all()
                return
            if kind == "fallback":
                self.connection.fall_back(RuntimeError(rest[0]), teardown=False)
                continue
            with self._cond:
                self._busy -= 1
                if kind == "written":
                    self.written.append(Path(rest[0]))
                elif kind == "skipped":
                    self.skipped += 1
                else:
                    self.errors.append(str(rest[0]))
                self._cond.notify_all()

    @property
    def pending(self) -> int:
        with self._cond:
            return self._busy

    def flush(self, timeout: float) -> bool:
        """Wait until every queued run is written, at most ``timeout`` seconds; True if done."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float) -> bool:
        """Flush, then end the child's input (it exits once its queue is written)."""
        done = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if done and self._sender is not None:
            self._sender.join(timeout=10)
            if self._proc is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=10)
        return done


def _child() -> None:
    """The writer process: read specs from stdin, write each run, acknowledge on stdout."""
    out = os.fdopen(os.dup(1), "wb")
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # on a busy machine the optimization loop comes first; wandb-core inherits this
    os.dup2(2, 1)  # anything printed by wandb goes to stderr, not into the acknowledgements
    inp = sys.stdin.buffer
    connection: Connection | None = None
    warnings.simplefilter("ignore")

    def reply(*message: Any) -> None:
        pickle.dump(message, out)
        out.flush()

    while True:
        try:
            kind, payload = pickle.load(inp)
        except EOFError:
            return
        if kind == "connection":
            connection = Connection(*payload)
            continue
        if kind == "mode":
            assert connection is not None
            connection.mode = payload
            continue
        spec: RunSpec = payload
        assert connection is not None
        try:
            was = connection.mode
            existing = connection.existing_offline_run(spec.run_id) if connection.mode == "offline" else None
            if existing is not None:
                reply("skipped", spec.run_id)
                continue
            path = write_run(connection, spec)
            if was != connection.mode and connection.fell_back:
                reply("fallback", connection.fell_back)
            reply("written", str(path))
        except Exception as exc:
            reply("error", f"{spec.name}: {type(exc).__name__}: {exc}")
