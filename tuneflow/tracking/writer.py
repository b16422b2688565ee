"""Writing W&B runs off the optimization loop, in a writer process.

:class:`Connection` holds what every ``wandb.init`` of a study shares (project, entity, mode,
directory, timeout) and the one-time fallback: when an online ``wandb.init`` fails or times
out, it warns once, switches to offline for the rest of the study and retries the same run,
so no trial is lost and the study waits at most one ``init_timeout`` in total.

:class:`RunWriter` hands a trial's run to a child process as the trial goes (microseconds on
the loop): opened when the trial starts, each history row as it is reported or logged, the
finished :class:`RunSpec` at its end, each as one record of :mod:`tuneflow.tracking.wire`. Run
creation, logging and finishing happen there, on a small fixed pool of threads (:class:`Lanes`)
that writes different runs at once, each run's records in order: online, opening and finishing
a run wait on the server, and one run after another left ``tune`` waiting for their sum.

A process, not threads in the study's process: wandb's Python work for a run (~11-15 ms of CPU)
then runs beside the trials instead of taking the loop's GIL. Measured against writing from the
study's process (same lanes, ``create_new`` runs): the README's job (``tuneflow run
lightgbm_binary``, 30 trials) took 1.21x the wall time in-process, and no-op trials on SQLite
+24 ms per trial against +8 ms (bench/wandb_overhead.py); sleeping trials were alike.

Every run is its own ``wandb.Run`` created with ``reinit="create_new"``: nothing here touches the
global ``wandb.run``, so runs of parallel trials never mix.

The writer process's entry point is ``python -m tuneflow.tracking`` (``tracking/__main__.py``).
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import shutil
import subprocess
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tuneflow.redact import Redactor
from tuneflow.tracking.runfile import wait_closed
from tuneflow.tracking.runs import RunSpec
from tuneflow.tracking.wire import (
    Finish,
    Frame,
    Hello,
    Log,
    Message,
    Open,
    Reply,
    SetMode,
    Summarize,
    Warm,
    frame,
    read_frame,
)

__all__ = [
    "Connection",
    "Lanes",
    "RunWriter",
    "TrialRun",
    "finish_run",
    "log_row",
    "write_run",
]

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
    # wandb-core writes an offline run's log in chunks, every 15 s by default: 1 s lets W&B's own
    # reader (`wandb leet inspect --follow`) show a running trial's history as it grows.
    "x_transaction_log_flush_interval": 1,
}


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
    #: The study's redactor, also knowing this trial's secret config values (for its logged texts).
    redactor: Redactor = field(default_factory=Redactor)
    #: The W&B run of an agent-style trial, open until the trial ends.
    agent_run: Any = None
    #: A sweep ``program`` wrote the trial's run itself (the tracker must not write another).
    external: bool = False
    #: That program's run directory, once found.
    run_dir: Path | None = None
    #: The step a row logged without one goes to (after the last step logged, as merge_history).
    next_step: int = 0
    #: The W&B sweep the run joins (read by the agent-style and program trains, which start the run themselves).
    sweep_id: str | None = None


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
        #: Which wandb-core service runs are written to: counts the restarts (:meth:`revive`).
        self.service = 0
        self._lock = threading.Lock()

    @property
    def wandb_dir(self) -> Path:
        """Where run directories land (``<dir>/wandb``, as W&B lays them out)."""
        return Path(self.directory) / "wandb"

    def init(self, spec: RunSpec, *, global_run: bool = False, resume: str | None = None) -> Any:
        """Start ``spec``'s run (config, tags, group); fall back to offline once if online fails.

        ``global_run`` makes it ``wandb.run`` (agent-style train functions call ``wandb.log``).
        ``resume`` is ``wandb.init``'s (``"never"``: W&B refuses a run id it already holds).
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
            "resume": resume,
        }
        settings = dict(LEAN_SETTINGS, init_timeout=self.init_timeout)
        if spec.sweep_id:  # the run joins the study's W&B sweep, keeping its project and id (tracking/sweep.py)
            settings["sweep_id"] = spec.sweep_id
        try:
            return wandb.init(
                mode=mode,  # type: ignore[arg-type]  # one of MODES, checked by WandbOptions
                settings=wandb.Settings(**settings),
                **kwargs,
            )
        except wandb.errors.UsageError:  # the call itself is refused (e.g. resume="never" on a run W&B holds)
            raise
        except Exception as exc:  # online: whatever kept W&B from starting the run (CommError on a timeout)
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
            # The failed online run keeps its id reserved in the wandb-core service ("run ID ...
            # is in use"): restart the service so the same id can be written offline. Under the
            # lock: a run opened concurrently reads the mode, so it waits and starts offline after.
            if teardown:
                self.service += 1
                wandb.teardown()
        warnings.warn(
            f"W&B is unreachable ({self.fell_back}); logging the rest of this study offline to "
            f"{self.wandb_dir}. Upload later with `wandb sync {self.wandb_dir}/offline-run-*`.",
            RuntimeWarning,
            stacklevel=2,
        )

    def revive(self, exc: BaseException, service: int) -> bool:
        """Whether ``exc`` means wandb-core ``service`` is gone; if so, a new one is started.

        A lost service makes every wandb call raise at once (``ConnectionResetError``, wandb's
        ``MailboxClosedError``) and stays lost: ``wandb.teardown`` clears it, and the next
        ``wandb.init`` starts a new one. Runs still open on the old one fail too and are written
        whole, which is what a lost service needs anyway. A service already replaced (by another
        lane, or by :meth:`fall_back`) is not torn down again.
        """
        import wandb
        from wandb.sdk.mailbox import HandleAbandonedError, MailboxClosedError  # no public alias

        if not isinstance(exc, (ConnectionError, MailboxClosedError, HandleAbandonedError)):
            return False
        with self._lock:
            if service == self.service:
                self.service += 1
                with contextlib.suppress(Exception):  # a dead service cannot answer its teardown
                    wandb.teardown()
        return True

    def existing_offline_run(self, run_id: str) -> Path | None:
        """An offline run directory already holding ``run_id`` (re-logging is then skipped)."""
        for path in self.wandb_dir.glob(f"offline-run-*-{run_id}"):  # none when the directory is missing
            if (path / f"run-{run_id}.wandb").is_file():
                return path
        return None


def log_row(run: Any, row: dict[str, Any], step: int, commit: bool) -> list[str]:
    """``run.log(row, step=step)``; the keys whose values wandb refuses are left out and returned.

    wandb takes most values as they are (a lambda becomes its name); an object it cannot encode
    makes ``log`` raise ``TypeError`` for the whole row. The row is then logged key by key, so one
    such value costs that value only. Returned as ``key (type)``.
    """
    with contextlib.suppress(TypeError, ValueError):
        run.log(row, step=step, commit=commit)
        return []
    refused = []
    for key, value in row.items():
        try:
            run.log({key: value}, step=step, commit=False)
        except (TypeError, ValueError):
            refused.append(f"{key} ({type(value).__module__}.{type(value).__qualname__})")
    if commit:
        run.log({}, step=step, commit=True)
    return refused


def write_run(
    connection: Connection,
    spec: RunSpec,
    run: Any = None,
    streamed: bool = False,
    resume: str | None = None,
    refused: list[str] | None = None,
) -> Path:
    """Write ``spec`` as one W&B run (or into ``run`` if already started) and finish it.

    ``streamed``: ``run`` already received the history row by row; only the rest is written.
    ``resume`` goes to ``wandb.init`` when the run is started here. Keys of history rows that
    wandb refused are added to ``refused`` (see :func:`log_row`).
    """
    if run is None:
        run = connection.init(spec, resume=resume)
    left_out = refused if refused is not None else []
    try:
        if streamed:
            run.log({}, commit=True)  # the last streamed step was pending (commit=False): write it now
            run.tags = tuple(spec.tags)  # opened without the state, which is known only now
        else:
            for step, row in spec.history:
                left_out += log_row(run, row, step, commit=True)
        if spec.tables or spec.charts:
            import wandb

            extras: dict[str, Any] = {
                k: wandb.Table(columns=list[str | int](c), data=d) for k, (c, d) in spec.tables.items()
            }
            extras.update({k: wandb.Plotly(fig) for k, fig in spec.charts.items()})
            run.log(extras, commit=True)
        # After the history: the last summary update wins, and a history row also updates it.
        run.summary.update(spec.summary)
    finally:
        run_dir = finish_run(run, spec.exit_code)
    return run_dir


def finish_run(run: Any, exit_code: int) -> Path:
    """``run.finish`` and wait (bounded) until wandb-core has closed the run's file; its directory.

    Whoever reads the run once tuneflow says it is written (``tune`` returning, a test, ``wandb
    sync``) then finds all of it (see :mod:`tuneflow.tracking.runfile`).
    """
    run_dir = Path(run.dir).parent
    run_id = run.id
    run.finish(exit_code=exit_code)
    wait_closed(run_dir / f"run-{run_id}.wandb")
    return run_dir


def _remove_offline_run(connection: Connection, run_id: str) -> None:
    """Delete what a failed attempt left of ``run_id`` offline (every directory of it, even one whose
    ``.wandb`` log was never created), so the run is written whole."""
    for path in list(connection.wandb_dir.glob(f"offline-run-*-{run_id}")):
        shutil.rmtree(path, ignore_errors=True)


class Lanes:
    """A fixed pool of threads that runs each key's tasks in order, different keys at once.

    A task is a callable; tasks put under one key (a run id) form its own queue, of which only
    the first is in the pool's work queue at a time (the next is submitted when it is done), so
    one run's steps stay in order while up to ``size`` runs are opened, logged or finished at
    once. The pool's size does not depend on the study's. A task must not raise (one that does
    is reported on stderr and its key's next task runs).
    """

    def __init__(self, size: int) -> None:
        self._pool = ThreadPoolExecutor(size, thread_name_prefix="tuneflow-wandb-lane")
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Callable[[], None]]] = {}  # key -> its tasks not yet done

    def put(self, key: str, task: Callable[[], None]) -> None:
        with self._cond:
            queue = self._queues.setdefault(key, deque())
            queue.append(task)
            if len(queue) == 1:  # none of the key's tasks is in the pool
                self._pool.submit(self._run, key)

    def _run(self, key: str) -> None:
        with self._cond:
            task = self._queues[key][0]
        try:
            task()
        except Exception as exc:  # reported; the key's next tasks still run
            print(f"tuneflow: W&B lane: {type(exc).__name__}: {exc}", file=sys.stderr)
        with self._cond:
            queue = self._queues[key]
            queue.popleft()
            if queue:
                self._pool.submit(self._run, key)
            else:
                del self._queues[key]
                self._cond.notify_all()

    def close(self) -> None:
        """Run every task already put, then stop the threads."""
        with self._cond:
            self._cond.wait_for(lambda: not self._queues)
        self._pool.shutdown()


@dataclass
class _OpenRun:
    """A run open in the writer process: what it was opened with, and how far its rows went."""

    head: RunSpec
    last_step: int = -1
    #: The run is written whole, in step order, when it ends (its finished spec holds every row),
    #: and no more rows are sent: offline, a row arrived with a step below one already streamed
    #: (W&B would drop it); or the run was reopened in a new child, without its earlier rows.
    whole: bool = False
    #: An earlier session wrote this run: its rows are not sent.
    existing: bool = False


class RunWriter:
    """Streams trials' runs to a child process; ``flush`` waits a bounded time for them.

    A trial's run is opened when the trial starts (:meth:`open`), receives each history row as
    it is logged (:meth:`log`) and is finished with its summary and state when the trial ends
    (:meth:`finish`). Every call only queues a record (microseconds on the loop); a sender thread
    frames it into the child's stdin (a value that cannot cross is left out, never the stream), so
    a full pipe blocks that thread only. ``sweep`` gives the W&B sweep a trial's run joins: the
    sender asks it before sending the run's first record, so a sweep still being created holds up
    the writing, not the trial. The child is a plain ``python -m tuneflow.tracking`` (no
    multiprocessing re-import of the user's script); replies come back on its stdout. If the
    parent dies, the child still writes what it received (runs left open end as W&B ends an
    interrupted run), then exits at end of input.

    Nothing is lost when the child dies: the parent keeps each open run's head and each finished
    run until the child acknowledges it, starts a new child and replays them there (an open run is
    reopened and written whole from its finished spec; the dead child's partial offline
    directories of those runs are replaced), at most ``MAX_RESTARTS`` times.
    """

    #: Child processes started after the first one died, at most.
    MAX_RESTARTS = 5

    def __init__(self, connection: Connection, sweep: Callable[[], str | None] | None = None) -> None:
        self.connection = connection
        self.written: list[Path] = []
        self.skipped = 0
        self.errors: list[str] = []
        #: Logged values left out of runs: they cannot reach the writer, or wandb refused them
        #: (``run id: key (type)``, each once).
        self.dropped: list[str] = []
        self.restarts = 0
        #: Runs never written because the writer process kept dying.
        self.lost = 0
        self._sweep = sweep
        self._cond = threading.Condition()
        self._sender: threading.Thread | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._outbox: deque[Message] = deque()
        self._live: dict[str, _OpenRun] = {}
        #: Finished runs not yet acknowledged by the child: run id -> the record that ends it.
        self._unacked: dict[str, Finish | Summarize] = {}
        self._closing = False
        self._given_up = False
        self._warm: Warm | None = None
        self._mode_sent = connection.mode

    # -- the loop's side: queue and return -------------------------------------------------------

    def _queue(self, message: Message) -> None:
        """Queue one record for the child (the caller holds ``self._cond``)."""
        self._outbox.append(message)
        if self._sender is None:
            self._sender = threading.Thread(target=self._send, name="tuneflow-wandb-sender", daemon=True)
            self._sender.start()
        self._cond.notify_all()

    def open(self, head: RunSpec) -> None:
        """Start ``head``'s run now (name, config, tags, group; its summary and history come later)."""
        with self._cond:
            if self._given_up or head.run_id in self._live or head.run_id in self._unacked:
                return
            self._live[head.run_id] = _OpenRun(head)
            self._queue(Open(head))

    def log(self, run_id: str, step: int, row: dict[str, Any]) -> None:
        """Stream one history row at ``step`` to an open run (rows at one step are merged)."""
        with self._cond:
            live = self._live.get(run_id)
            if live is None or live.existing or live.whole:
                return
            if step < live.last_step and self.connection.mode == "offline":
                live.whole = True  # online, W&B drops the late row as it would from wandb.log
                return
            live.last_step = max(live.last_step, step)
            self._queue(Log(run_id, step, row))

    def finish(self, spec: RunSpec) -> None:
        """End a run with its summary and state (or write a run never opened whole); returns at once.

        ``spec.history`` is the whole history (for replays)."""
        with self._cond:
            live = self._live.pop(spec.run_id, None)
            if live is not None and live.existing:
                self.skipped += 1
            else:
                self._end(Finish(spec, rewrite=live is None or live.whole))

    def _end(self, record: Finish | Summarize) -> None:
        """Queue the record that ends a run, kept until the child acknowledges it (the caller holds the lock)."""
        if self._given_up:
            self.lost += 1
            return
        self._unacked[record.run_id] = record
        self._queue(record)

    def warm(self) -> None:
        """Let the child import what the summary run needs (plotly, Optuna's charts, the importance
        evaluator's scikit-learn) while the trials run, instead of after the last one."""
        with self._cond:
            self._warm = Warm()
            self._queue(self._warm)

    def summarize(self, record: Summarize) -> None:
        """Build and write the study summary run in the child (off the loop); returns at once."""
        with self._cond:
            self._end(record)

    # -- the sender and reader threads ---------------------------------------------------------

    def _start(self) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if k != "WANDB_SERVICE"}  # its own wandb-core
        env.setdefault("WANDB_SILENT", "true")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tuneflow.tracking"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        conn = self.connection
        assert proc.stdin is not None
        proc.stdin.write(frame(Hello(conn.project, conn.entity, conn.mode, conn.directory, conn.init_timeout)))
        proc.stdin.flush()
        return proc

    def _join_sweep(self, message: Message) -> None:
        """Give a trial's run its W&B sweep before it is sent (asked here, off the loop)."""
        spec = message.head if isinstance(message, Open) else message.spec if isinstance(message, Finish) else None
        if spec is not None and self._sweep is not None and spec.job_type is None and spec.sweep_id is None:
            spec.sweep_id = self._sweep()

    def _send(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._outbox or self._closing)
                if not self._outbox:
                    break
                message = self._outbox.popleft()
                proc = self._proc  # None: none started yet, or the last one died (its reader replayed the outbox)
            try:
                self._join_sweep(message)
                if proc is None:
                    proc = self._start()
                    with self._cond:
                        if self._given_up:  # the last child died meanwhile, once too often
                            proc.kill()
                            continue
                        self._proc = proc
                    threading.Thread(target=self._read, args=(proc,), name="tuneflow-wandb-acks", daemon=True).start()
                assert proc.stdin is not None
                if self.connection.mode != self._mode_sent:  # the parent went offline (e.g. agent runs)
                    self._mode_sent = self.connection.mode
                    proc.stdin.write(frame(SetMode(self._mode_sent)))
                proc.stdin.write(frame(message))
                proc.stdin.flush()
            except Exception as exc:  # a dead child is replaced by the reader; nothing else may break the study
                if proc is not None:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=5)
                    if proc.poll() is not None:
                        continue
                with self._cond:
                    self.errors.append(f"W&B writer: {type(exc).__name__}: {exc}")
                    if isinstance(message, (Finish, Summarize)):
                        self._unacked.pop(message.run_id, None)
                    self._cond.notify_all()
        with self._cond:
            proc = self._proc
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # the child exits once it has written what it got

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        while True:
            try:
                reply: Reply = pickle.load(proc.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):  # the child exited
                proc.stdout.close()  # no pipe outlives its child
                proc.wait()
                self._child_exited()
                return
            self._take(reply)

    def _take(self, reply: Reply) -> None:
        """Account for one reply of the child."""
        if reply.kind == "fell-back":
            self.connection.fall_back(RuntimeError(reply.detail), teardown=False)
            return
        with self._cond:
            if reply.kind == "dropped":  # each value named once per run
                named = [f"{reply.run_id}: {item}" for item in reply.detail]
                self.dropped += [d for d in named if d not in self.dropped]
            elif reply.kind == "problem":  # a record about a run could not be read; the run goes on
                self.errors.append(str(reply.detail))
            elif reply.kind == "existing":  # a run an earlier session wrote: leave it as it is
                if (live := self._live.get(str(reply.run_id))) is not None:
                    live.existing = True
            elif self._unacked.pop(str(reply.run_id), None) is not None:
                if reply.kind == "written":
                    self.written.append(Path(reply.detail))
                elif reply.kind == "skipped":
                    self.skipped += 1
                else:
                    self.errors.append(str(reply.detail))
                self._cond.notify_all()

    def _child_exited(self) -> None:
        """The child is gone: if work is left, replay it into a new child (or give up, saying so).

        A new child is started only once the last one's reader got here, so there is one at a time."""
        with self._cond:
            self._proc = None
            live = [r for r in self._live.values() if not r.existing]
            if not live and not self._unacked:
                self._cond.notify_all()
                return
            self._outbox.clear()
            if self.restarts >= self.MAX_RESTARTS:
                # Finished runs are lost now; open ones when their trial ends (``finish`` counts them).
                self.lost += len(self._unacked)
                self.errors.append(f"the W&B writer process died {self.restarts + 1} times; gave up restarting it")
                self._unacked.clear()
                self._live.clear()
                self._given_up = True
                self._cond.notify_all()
                return
            self.restarts += 1
            for run in live:  # reopened (its later rows are not streamed), written whole when it ends
                run.whole = True
                self._queue(Open(run.head, replace=True))
            if self._warm is not None:
                self._queue(self._warm)
            for message in self._unacked.values():  # whole (never opened there), over what the dead child left
                self._queue(replace(message, replace=True))

    # -- waiting -------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Finished runs not yet written."""
        with self._cond:
            return len(self._unacked)

    def flush(self, timeout: float) -> bool:
        """Wait until every finished run is written, at most ``timeout`` seconds; True if done."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._unacked, timeout)

    def close(self, timeout: float) -> bool:
        """Flush, then end the child's input.

        Every run is on disk once flushed (the child acknowledges a run once wandb-core has closed
        its file), so the child's own exit (shutting its wandb-core down, ~1 s) is not waited for.
        """
        done = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if done and self._sender is not None:
            self._sender.join(timeout=10)
        return done


#: Held while the writer process draws charts: the warm-up and the summary run. Two threads importing
#: plotly's lazily loaded modules at once can fail (a chart missing from a short study's summary run,
#: whose summary started while the warm-up was still importing); the summary needs those imports
#: anyway, so it waits for the warm-up instead of racing it.
_DRAWING = threading.Lock()


def _write_summary(connection: Connection, record: Summarize) -> Path:
    """Start the summary run (waiting on wandb-core) while its contents are computed from an
    in-memory copy of the study, then write it."""
    import optuna

    from tuneflow.tracking.summary import summary_spec

    with ThreadPoolExecutor(1, thread_name_prefix="tuneflow-summary-init") as pool:
        starting = pool.submit(connection.init, record.head)
        try:
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            study = optuna.create_study(directions=record.directions, study_name=record.study_name)
            for key, value in record.user_attrs.items():
                study.set_user_attr(key, value)
            study.add_trials(record.trials)
            with _DRAWING:  # after the warm-up, not beside it
                spec = summary_spec(study, record.info, Redactor(record.secrets), record.interrupted, record.plots)
        except BaseException:
            if starting.exception() is None:
                starting.result().finish(exit_code=1)
            raise
    return write_run(connection, spec, starting.result())


def _warm_up() -> None:
    """Import (and draw once with) what the summary run needs, so the end of a study does not wait
    for it: plotly and Optuna's charts, and the importance evaluator (scikit-learn for fANOVA)."""
    with _DRAWING, contextlib.suppress(Exception):
        import optuna
        import optuna.visualization as vis

        import tuneflow.tracking.summary  # noqa: F401
        from tuneflow.engine.charts import importance_evaluator

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        study = optuna.create_study()
        study.add_trials([optuna.trial.create_trial(value=float(v), params={}, distributions={}) for v in (1, 2)])
        vis.plot_optimization_history(study).to_json()
        importance_evaluator()


#: Runs the writer process opens, logs and finishes at once (see :class:`Lanes`); figures in
#: bench/wandb_online.py, which sets ``_TUNEFLOW_WRITER_LANES`` to compare (a measuring knob).
LANES = int(os.environ.get("_TUNEFLOW_WRITER_LANES") or 8)


def _child() -> None:
    """The writer process: open runs, stream rows into them, finish them; reply on stdout.

    The main thread reads the records and hands each run's to :class:`Lanes`, so runs are
    written concurrently, each in the order its records came.
    """
    out = os.fdopen(os.dup(1), "wb")
    # Not niced: ``tune`` waits for every run at the end, and a niced writer (with its wandb-core)
    # starved by busy cores left a backlog there (bench/wandb_overhead.py, 30 trials of 0.2 s:
    # 1.32x W&B off with CPU-bound trials and 3.8x beside two busy processes at nice 10; 1.06x
    # for both at the parent's priority, which costs the loop ~0.1 ms more per trial).
    os.dup2(2, 1)  # anything printed by wandb goes to stderr, not into the replies

    warnings.simplefilter("ignore")
    replying = threading.Lock()
    parent_gone = False

    def reply(kind: Any, run_id: str | None, detail: Any = None) -> None:
        nonlocal parent_gone
        with replying:
            if parent_gone:
                return
            try:
                pickle.dump(Reply(kind, run_id, detail), out)
                out.flush()
            except OSError:  # the study's process died: write what it sent all the same, unacknowledged
                parent_gone = True

    writer: _ChildWriter | None = None
    lanes = Lanes(LANES)
    while True:
        message = read_frame(sys.stdin.buffer)
        if message is None:
            lanes.close()  # write what was received
            if writer is not None:  # the parent is gone: end what is open, as interrupted
                writer.end_open_runs()
            return
        if message.payload is not None and message.dropped:
            reply("dropped", message.run_id, list(dict.fromkeys(message.dropped)))
        record = message.payload
        if isinstance(record, Hello):
            writer = _ChildWriter(Connection(**asdict(record)), reply)
        elif isinstance(record, SetMode):
            assert writer is not None
            writer.connection.mode = record.mode
        else:  # Warm too, on a lane of its own (lanes.close waits for it: no exit in the middle of an import)
            assert writer is not None
            lanes.put(message.run_id or "", functools.partial(writer.handle, message))


class _ChildWriter:
    """The writer process's side: carries out each record about one run (on that run's lane)."""

    def __init__(self, connection: Connection, reply: Callable[..., None]) -> None:
        self.connection = connection
        self.reply = reply
        self.runs: dict[str, Any] = {}  # run id -> open wandb.Run
        self.services: dict[str, int] = {}  # run id -> the wandb-core it was opened on
        self.failed: set[str] = set()  # runs whose opening failed (a partial directory may be left)

    def handle(self, message: Frame) -> None:
        record = message.payload
        if record is None:  # unreadable: the other records still are
            problem = f"{message.kind} message of W&B run {message.run_id} could not be read: {message.error}"
            if message.kind in ("Finish", "Summarize"):
                if message.run_id in self.runs:
                    with contextlib.suppress(Exception):  # any wandb failure: the run is failed either way
                        self.runs.pop(message.run_id).finish(exit_code=1)
                self.reply("failed", message.run_id, problem)
            else:
                self.reply("problem", message.run_id, problem)
        elif isinstance(record, Warm):
            _warm_up()
        elif isinstance(record, Log):
            self._log(record)
        elif isinstance(record, Open):
            self._open(record)
        elif isinstance(record, Finish | Summarize):
            was = self.connection.mode
            try:
                path = self._finish(record) if isinstance(record, Finish) else self._summary(record)
            except Exception as exc:  # any failure of wandb or the summary's build: said, the study goes on
                what = "summary run" if isinstance(record, Summarize) else record.spec.name
                self.reply("failed", record.run_id, f"{what}: {type(exc).__name__}: {exc}")
                return
            if was != self.connection.mode and self.connection.fell_back:
                self.reply("fell-back", None, self.connection.fell_back)
            self.reply("skipped" if path is None else "written", record.run_id, None if path is None else str(path))

    def _log(self, record: Log) -> None:
        run = self.runs.get(record.run_id)
        if run is None:
            return
        try:  # rows at one step merge; the next step commits
            refused = log_row(run, record.row, record.step, commit=False)
        except Exception:  # wandb-core gone: the run is written whole when it ends
            self.failed.add(record.run_id)
            return
        if refused:
            self.reply("dropped", record.run_id, refused)

    def _written_before(self, run_id: str, replace: bool) -> bool:
        """Offline, whether an earlier session wrote ``run_id`` (it is left as it is); ``replace``:
        remove first what a dead writer left of it."""
        if self.connection.mode != "offline":
            return False
        if replace:
            _remove_offline_run(self.connection, run_id)
            return False
        return self.connection.existing_offline_run(run_id) is not None

    def _open(self, record: Open) -> None:
        conn, run_id, was = self.connection, record.run_id, self.connection.mode
        if self._written_before(run_id, record.replace):
            self.reply("existing", run_id)
            return
        self.services[run_id] = service = conn.service
        try:
            self.runs[run_id] = conn.init(record.head)
        except Exception as exc:  # written whole when it ends (and said then if that fails too)
            self.failed.add(run_id)
            conn.revive(exc, service)
            return
        if was != conn.mode and conn.fell_back:
            self.reply("fell-back", None, conn.fell_back)

    def _finish(self, record: Finish) -> Path | None:
        """Write the run into its streamed run, or whole; None when an earlier session wrote it.

        A streamed run that failed is written again whole, and so is a whole run that failed
        because wandb-core was lost (on the new service): at most once more each.
        """
        conn, spec = self.connection, record.spec
        run = self.runs.pop(spec.run_id, None)  # none for a run an earlier session wrote (skipped below)
        if run is not None and not record.rewrite and spec.run_id not in self.failed:
            try:
                return write_run(conn, spec, run, streamed=True)
            except Exception as exc:
                conn.revive(exc, self.services.get(spec.run_id, conn.service))
        elif run is not None:  # rows came out of order, a row failed, or it was reopened: write it again whole
            with contextlib.suppress(Exception):  # any wandb failure: it is written again below
                run.finish(exit_code=spec.exit_code)
        # what a dead writer, a failed opening or the streamed run just ended left is replaced
        if self._written_before(spec.run_id, record.replace or run is not None or spec.run_id in self.failed):
            return None  # a resumed study's run, written before
        refused: list[str] = []
        service = conn.service
        try:
            path = write_run(conn, spec, refused=refused)
        except Exception as exc:
            if not conn.revive(exc, service):
                raise
            _remove_offline_run(conn, spec.run_id)
            path = write_run(conn, spec, refused=refused)
        if refused:
            self.reply("dropped", spec.run_id, refused)
        return path

    def _summary(self, record: Summarize) -> Path | None:
        return None if self._written_before(record.run_id, record.replace) else _write_summary(self.connection, record)

    def end_open_runs(self) -> None:
        """The study's process is gone: end the runs still open, as W&B ends an interrupted run."""
        for run in list(self.runs.values()):
            with contextlib.suppress(Exception):  # any wandb failure: the next run is still ended
                finish_run(run, exit_code=1)
