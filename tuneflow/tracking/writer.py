"""Writing W&B runs off the optimization loop.

:class:`Connection` holds what every ``wandb.init`` of a study shares (project, entity, mode,
directory, timeout) and the one-time fallback: when an online ``wandb.init`` fails or times
out, it warns once, switches to offline for the rest of the study and retries the same run,
so no trial is lost and the study waits at most one ``init_timeout`` in total.

:class:`RunWriter` hands a trial's run to a child process as the trial goes (microseconds on
the loop): opened when the trial starts, each history row as it is reported or logged, the
finished :class:`RunSpec` at its end; run creation, logging and finishing happen there. A process
rather than a thread keeps the writer's Python work off the loop's GIL. Inside it, a small fixed
pool of threads writes different runs at once, each run's messages in order: offline a run costs
~45 ms of local work, but online opening and finishing a run wait on the server (round trips,
the final upload), and one run after another left ``tune`` waiting for their sum at the end.

Every run is its own ``wandb.Run`` object created with ``reinit="create_new"``: nothing here
touches the global ``wandb.run``, so runs of parallel trials never mix.

The writer process's entry point is ``python -m tuneflow.tracking`` (``tracking/__main__.py``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuneflow.redact import Redactor
from tuneflow.tracking.runs import RunSpec, StudyInfo
from tuneflow.tracking.wire import frame, read_frame

__all__ = ["Connection", "RunWriter", "SummaryRequest", "TrialRun", "say"]

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
    #: The study's redactor, also knowing this trial's secret config values (for its logged texts).
    redactor: Redactor = field(default_factory=Redactor)
    #: The W&B run of an agent-style trial, open until the trial ends.
    agent_run: Any = None
    #: A sweep ``program`` wrote the trial's run itself (the tracker must not write another).
    external: bool = False
    #: That program's run directory, once found.
    run_dir: Path | None = None
    #: The run was opened in the writer process at the trial's start and receives its rows live.
    streaming: bool = False
    #: The step a row logged without one goes to (after the last step logged, as merge_history).
    next_step: int = 0


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
        }
        if resume is not None:
            kwargs["resume"] = resume
        settings = dict(LEAN_SETTINGS, init_timeout=self.init_timeout)
        if spec.sweep_id:  # the run joins the study's W&B sweep, keeping its project and id (tracking/sweep.py)
            settings["sweep_id"] = spec.sweep_id
        try:
            return wandb.init(
                mode=mode,  # type: ignore[arg-type]  # one of MODES, checked by WandbOptions
                settings=wandb.Settings(**settings),
                **kwargs,
            )
        except Exception as exc:
            if mode != "online" or (resume == "never" and "exist" in str(exc).lower()):
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
                wandb.teardown()
        warnings.warn(
            f"W&B is unreachable ({self.fell_back}); logging the rest of this study offline to "
            f"{self.wandb_dir}. Upload later with `wandb sync {self.wandb_dir}/offline-run-*`.",
            RuntimeWarning,
            stacklevel=2,
        )

    def existing_offline_run(self, run_id: str, any_file: bool = False) -> Path | None:
        """An offline run directory already holding ``run_id`` (re-logging is then skipped).

        ``any_file``: any directory of that run, even one whose ``.wandb`` log was never created.
        """
        if not self.wandb_dir.is_dir():
            return None
        for path in self.wandb_dir.glob(f"offline-run-*-{run_id}"):
            if any_file or (path / f"run-{run_id}.wandb").is_file():
                return path
        return None


def write_run(
    connection: Connection, spec: RunSpec, run: Any = None, streamed: bool = False, resume: str | None = None
) -> Path:
    """Write ``spec`` as one W&B run (or into ``run`` if already started) and finish it.

    ``streamed``: ``run`` already received the history row by row; only the rest is written.
    ``resume`` goes to ``wandb.init`` when the run is started here.
    """
    if run is None:
        run = connection.init(spec, resume=resume)
    try:
        if streamed:
            run.log({}, commit=True)  # the last streamed step was pending (commit=False): write it now
            run.tags = tuple(spec.tags)  # opened without the state, which is known only now
        else:
            for step, row in spec.history:
                run.log(row, step=step, commit=True)
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
        run_dir = Path(run.dir).parent
        run.finish(exit_code=spec.exit_code)
    return run_dir


@dataclass
class _Live:
    """A run open in the writer process: what it was opened with and every row streamed to it."""

    head: RunSpec
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    last_step: int = -1
    #: A row arrived with a step below one already streamed: W&B would drop it, so the run is
    #: rewritten whole, in step order, when it ends (offline), as it was before streaming.
    unordered: bool = False
    skipped: bool = False


class RunWriter:
    """Streams trials' runs to a child process; ``flush`` waits a bounded time for them.

    A trial's run is opened when the trial starts (:meth:`open`), receives each history row as
    it is logged (:meth:`log`) and is finished with its summary and state when the trial ends
    (:meth:`finish`). Every call only queues a message (microseconds on the loop); a sender
    thread frames it into the child's stdin (:mod:`tuneflow.tracking.wire`: a value that cannot
    cross is left out, never the stream), so a full pipe blocks that thread only. A whole
    run can still be written in one go (:meth:`submit`: the summary run, backfills).

    A child process, not a thread: writing a run costs ~30 ms of Python (GIL) time, which a
    thread would take from the optimization loop; with SQLite storage, whose calls release the
    GIL, that slowed a no-op loop by 50-70 ms per trial (measured). The child is a plain
    ``python -m tuneflow.tracking`` (no multiprocessing re-import of the user's script);
    acknowledgements come back on its stdout. If the parent dies, the child still writes what it
    received (runs left open end as W&B ends an interrupted run), then exits at end of input.

    Nothing is lost when the child dies: the parent keeps each open run's rows and each finished
    run until the child acknowledges it, starts a new child and replays them there (the dead
    child's partial offline directories of those runs are replaced), at most ``MAX_RESTARTS`` times.
    """

    #: Child processes started after the first one died, at most.
    MAX_RESTARTS = 5

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.written: list[Path] = []
        self.skipped = 0
        self.errors: list[str] = []
        #: Logged values left out of runs because they cannot reach W&B (``run id: key (type)``).
        self.dropped: list[str] = []
        self._dropped_seen: set[tuple[str, str]] = set()
        self.restarts = 0
        #: Runs never written because the writer process kept dying.
        self.lost = 0
        self._cond = threading.Condition()
        self._proc: subprocess.Popen[bytes] | None = None
        self._gen = 0  # which child the queued messages are meant for
        self._outbox: deque[tuple[Any, ...]] = deque()
        self._live: dict[str, _Live] = {}
        #: Finished runs not yet acknowledged by the child: run id -> the message that writes it whole.
        self._unacked: dict[str, tuple[Any, ...]] = {}
        self._replaced: set[str] = set()  # runs a dead child may have left partly written
        self._sender: threading.Thread | None = None
        self._closing = False
        self._given_up = False
        self._warm: tuple[Any, ...] | None = None
        self._mode_sent = connection.mode

    # -- the loop's side: queue and return -------------------------------------------------------

    def _queue(self, *message: Any) -> None:
        """Queue one message for the child (the caller holds ``self._cond``)."""
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
            self._live[head.run_id] = _Live(head)
            self._queue("open", head, False)

    def log(self, run_id: str, step: int, row: dict[str, Any]) -> None:
        """Stream one history row at ``step`` to an open run (rows at one step are merged)."""
        with self._cond:
            live = self._live.get(run_id)
            if live is None or live.skipped:
                return
            live.rows.append((step, row))
            if step < live.last_step and self.connection.mode == "offline":
                live.unordered = True  # online, W&B drops the late row as it would from wandb.log
            live.last_step = max(live.last_step, step)
            if not live.unordered:
                self._queue("log", run_id, step, row)

    def finish(self, spec: RunSpec) -> None:
        """End a run with its summary and state; ``spec.history`` is the whole history (for replays)."""
        with self._cond:
            live = self._live.pop(spec.run_id, None)
            if self._given_up:
                self.lost += 1
                return
            if live is not None and live.skipped:
                self.skipped += 1
                self._cond.notify_all()
                return
            rewrite = live is None or live.unordered
            self._unacked[spec.run_id] = ("finish", spec, True, True)
            self._queue("finish", spec, rewrite, spec.run_id in self._replaced)

    def submit(self, spec: RunSpec) -> None:
        """Write a whole run in one go (it was never opened); returns at once."""
        self.finish(spec)

    def warm(self, importance: Any = None) -> None:
        """Let the child import what the summary run needs (plotly, Optuna's charts, the importance
        evaluator's scikit-learn) while the trials run, instead of after the last one."""
        with self._cond:
            self._warm = ("warm", importance)
            self._queue(*self._warm)

    def summarize(self, request: SummaryRequest) -> None:
        """Build and write the study summary run in the child (off the loop); returns at once."""
        with self._cond:
            if self._given_up:
                self.lost += 1
                return
            message = ("summary", request, False)
            self._unacked[request.run_id] = ("summary", request, True)
            self._queue(*message)

    # -- the sender and reader threads ---------------------------------------------------------

    def _start(self) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if k != "WANDB_SERVICE"}  # its own wandb-core
        env.setdefault("WANDB_SILENT", "true")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tuneflow.tracking"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        conn = self.connection
        state = (conn.project, conn.entity, conn.mode, conn.directory, conn.init_timeout)
        assert proc.stdin is not None
        proc.stdin.write(frame(("connection", state)))
        proc.stdin.flush()
        return proc

    def _send(self) -> None:
        while True:
            with self._cond:
                while not self._outbox and not self._closing:
                    self._cond.wait()
                if not self._outbox:
                    break
                message = self._outbox.popleft()
                gen, proc = self._gen, self._proc
            try:
                if proc is None:
                    proc = self._start()
                    with self._cond:
                        if gen != self._gen or self._given_up:  # replaced meanwhile: start over
                            proc.kill()
                            continue
                        self._proc = proc
                    threading.Thread(
                        target=self._read, args=(proc, gen), name="tuneflow-wandb-acks", daemon=True
                    ).start()
                assert proc.stdin is not None
                if self.connection.mode != self._mode_sent:  # the parent went offline (e.g. agent runs)
                    self._mode_sent = self.connection.mode
                    proc.stdin.write(frame(("mode", self._mode_sent)))
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
                    if message[0] in ("finish", "summary"):
                        self._unacked.pop(message[1].run_id, None)
                    self._cond.notify_all()
        with self._cond:
            proc = self._proc
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # the child exits once it has written what it got

    def _read(self, proc: subprocess.Popen[bytes], gen: int) -> None:
        assert proc.stdout is not None
        while True:
            try:
                kind, *rest = pickle.load(proc.stdout)
            except Exception:  # EOF: the child exited
                proc.stdout.close()  # no pipe outlives its child
                proc.wait()
                self._child_exited(gen)
                return
            if kind == "fallback":
                self.connection.fall_back(RuntimeError(rest[0]), teardown=False)
                continue
            if kind == "dropped":  # values W&B cannot take were left out of a run (each said once per run)
                with self._cond:
                    where = rest[0] or "the summary run's importance"  # a warm-up message names no run
                    new = [item for item in rest[1] if (where, item) not in self._dropped_seen]
                    self._dropped_seen.update((where, item) for item in new)
                    if new:
                        self.dropped.append(f"{where}: {', '.join(new)}")
                continue
            if kind == "problem":  # a message about a run could not be read; the run goes on
                self.errors.append(str(rest[1]))
                continue
            with self._cond:
                run_id = rest[0]
                if kind == "opened-existing":  # a run an earlier session wrote: leave it as it is
                    live = self._live.get(run_id)
                    if live is not None:
                        live.skipped = True
                    continue
                if self._unacked.pop(run_id, None) is None:
                    continue
                if kind == "written":
                    self.written.append(Path(rest[1]))
                elif kind == "skipped":
                    self.skipped += 1
                else:
                    self.errors.append(str(rest[1]))
                self._cond.notify_all()

    def _child_exited(self, gen: int) -> None:
        """The child is gone: if work is left, replay it into a new child (or give up, saying so)."""
        with self._cond:
            if gen != self._gen:
                return
            self._proc = None
            self._gen += 1
            live = [r for r in self._live.values() if not r.skipped]
            if not live and not self._unacked:
                self._cond.notify_all()
                return
            if self.restarts >= self.MAX_RESTARTS:
                # Finished runs are lost now; open ones when their trial ends (``finish`` counts them).
                self.lost += len(self._unacked)
                self.errors.append(f"the W&B writer process died {self.restarts + 1} times; gave up restarting it")
                self._unacked.clear()
                self._live.clear()
                self._given_up = True
                self._outbox.clear()
                self._cond.notify_all()
                return
            self.restarts += 1
            self._outbox.clear()
            for run in live:  # reopen, then stream every row again
                self._replaced.add(run.head.run_id)
                self._queue("open", run.head, True)
                if not run.unordered:
                    for step, row in run.rows:
                        self._queue("log", run.head.run_id, step, row)
            if self._warm is not None:
                self._queue(*self._warm)
            for run_id, message in self._unacked.items():
                self._replaced.add(run_id)
                self._queue(*message)

    # -- waiting -------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Finished runs not yet written."""
        with self._cond:
            return len(self._unacked)

    def flush(self, timeout: float) -> bool:
        """Wait until every finished run is written, at most ``timeout`` seconds; True if done."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._unacked:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float) -> bool:
        """Flush, then end the child's input.

        Every run is on disk once flushed (the child acknowledges a run after ``finish``), so the
        child's own exit (shutting its wandb-core down, ~1 s) is not waited for.
        """
        done = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if done and self._sender is not None:
            self._sender.join(timeout=10)
        return done


@dataclass
class SummaryRequest:
    """What the child needs to build the study summary run: the trials as they ended, the study's
    directions and attributes, run identity, and the secrets to scrub (the study itself stays here)."""

    run_id: str
    study_name: str
    directions: list[Any]
    user_attrs: dict[str, Any]
    trials: list[Any]
    info: StudyInfo
    secrets: tuple[str, ...]
    interrupted: bool
    plots: bool
    importance: Any = None

    def build(self) -> RunSpec:
        """The summary run's spec, from an in-memory copy of the study."""
        import optuna

        from tuneflow.redact import Redactor
        from tuneflow.tracking.summary import summary_spec

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        study = optuna.create_study(directions=self.directions, study_name=self.study_name)
        for key, value in self.user_attrs.items():
            study.set_user_attr(key, value)
        study.add_trials(self.trials)
        spec = summary_spec(study, self.info, Redactor(self.secrets), self.interrupted, self.plots, self.importance)
        spec.run_id = self.run_id
        return spec


def _write_summary(connection: Connection, request: SummaryRequest) -> Path:
    """Start the summary run (waiting on wandb-core) while its charts are computed, then write it."""
    info = request.info
    head = RunSpec(
        run_id=request.run_id,
        name=info.summary_run_name(),
        config={},
        summary={},
        tags=info.summary_tags(request.interrupted),
        group=info.group,
        job_type="study-summary",
    )
    started: dict[str, Any] = {}

    def start() -> None:
        try:
            started["run"] = connection.init(head)
        except Exception as exc:
            started["error"] = exc

    starting = threading.Thread(target=start, name="tuneflow-summary-init", daemon=True)
    starting.start()
    try:
        spec = request.build()
    except BaseException:
        starting.join()
        if "run" in started:
            started["run"].finish(exit_code=1)
        raise
    starting.join()
    if "error" in started:
        raise started["error"]
    return write_run(connection, spec, started["run"])


def _warm_up(importance: Any) -> None:
    """Import (and draw once with) what the summary run needs, so the end of a study does not wait
    for it: plotly and Optuna's charts, and the importance evaluator (scikit-learn for fANOVA)."""
    with contextlib.suppress(Exception):
        import optuna
        import optuna.visualization as vis

        import tuneflow.tracking.summary  # noqa: F401

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        study = optuna.create_study()
        study.add_trials([optuna.trial.create_trial(value=float(v), params={}, distributions={}) for v in (1, 2)])
        vis.plot_optimization_history(study).to_json()
        if importance is not None:
            importance()


def _remove_offline_run(connection: Connection, run_id: str) -> None:
    """Delete what a dead writer left of ``run_id`` offline, so the replay writes it whole."""
    while (path := connection.existing_offline_run(run_id, any_file=True)) is not None:
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            break


class _Lanes:
    """A fixed pool of threads that handles each run's messages in order, different runs at once.

    Online, opening a run and finishing it wait on the server (round trips, the final upload):
    with one thread the runs of a study queued behind each other and ``tune`` waited for the sum
    after its last trial. Here a run's messages form their own queue; a free thread takes the
    next run that has a message waiting and no other thread working on it, so one run's messages
    stay in order while up to ``size`` runs are opened, logged or finished at once. The pool's
    size does not depend on the study's.
    """

    def __init__(self, size: int, handle: Any) -> None:
        self._handle = handle
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Any]] = {}  # run id -> its messages not yet handled
        self._ready: deque[str] = deque()  # runs with a message waiting and no thread on them
        self._busy: set[str] = set()
        self._closing = False
        self._threads = [
            threading.Thread(target=self._work, name=f"tuneflow-wandb-lane-{i}", daemon=True) for i in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def put(self, run_id: str, message: Any) -> None:
        with self._cond:
            queue = self._queues.setdefault(run_id, deque())
            queue.append(message)
            if len(queue) == 1 and run_id not in self._busy:
                self._ready.append(run_id)
                self._cond.notify()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._ready and not self._closing:
                    self._cond.wait()
                if not self._ready:
                    return
                run_id = self._ready.popleft()
                self._busy.add(run_id)
                message = self._queues[run_id].popleft()
            try:
                self._handle(message)
            except Exception:  # a lane that died would shrink the pool for the rest of the study
                traceback.print_exc()
            finally:
                with self._cond:
                    self._busy.discard(run_id)
                    if self._queues[run_id]:
                        self._ready.append(run_id)
                        self._cond.notify()
                    else:
                        del self._queues[run_id]

    def close(self) -> None:
        """Handle every message already put, then stop the threads."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        for thread in self._threads:
            thread.join()


#: Runs the writer process opens, logs and finishes at once (see :class:`_Lanes`); figures in
#: bench/wandb_online.py, which sets ``_TUNEFLOW_WRITER_LANES`` to compare (a measuring knob).
LANES = int(os.environ.get("_TUNEFLOW_WRITER_LANES") or 8)


def _child() -> None:
    """The writer process: open runs, stream rows into them, finish them; acknowledge on stdout.

    The main thread reads the messages and hands each run's to :class:`_Lanes`, so runs are
    written concurrently, each in the order its messages came.
    """
    out = os.fdopen(os.dup(1), "wb")
    # Not niced: ``tune`` waits for every run at the end, and a niced writer (with its wandb-core)
    # starved by busy cores left a backlog there (bench/wandb_overhead.py, 30 trials of 0.2 s:
    # 1.32x W&B off with CPU-bound trials and 3.8x beside two busy processes at nice 10; 1.06x
    # for both at the parent's priority, which costs the loop ~0.1 ms more per trial).
    os.dup2(2, 1)  # anything printed by wandb goes to stderr, not into the acknowledgements
    inp = sys.stdin.buffer
    warnings.simplefilter("ignore")
    replying = threading.Lock()
    parent_gone = False

    def reply(*message: Any) -> None:
        nonlocal parent_gone
        with replying:
            if parent_gone:
                return
            try:
                pickle.dump(message, out)
                out.flush()
            except OSError:  # the study's process died: write what it sent all the same, unacknowledged
                parent_gone = True

    connection: Connection | None = None
    runs: dict[str, Any] = {}  # run id -> open wandb.Run
    existing: set[str] = set()  # run ids an earlier session already wrote
    failed: set[str] = set()  # runs whose opening failed (a partial directory may be left)
    warming: threading.Thread | None = None

    def handle(message: Any) -> None:
        assert connection is not None
        _handle(connection, message, runs, existing, failed, reply)

    lanes = _Lanes(LANES, handle)
    while True:
        message = read_frame(inp)
        if message is None:
            lanes.close()  # write what was received
            for run in list(runs.values()):  # the parent is gone: end what is open, as interrupted
                with contextlib.suppress(Exception):
                    run.finish(exit_code=1)
            if warming is not None:  # no exit in the middle of an import
                warming.join(timeout=60)
            return
        kind = message.kind
        if message.payload is not None and message.dropped:
            reply("dropped", message.run_id, list(dict.fromkeys(message.dropped)))
        if message.payload is not None and kind == "connection":
            connection = Connection(*message.payload[0])
        elif message.payload is not None and kind == "mode":
            assert connection is not None
            connection.mode = message.payload[0]
        elif message.payload is not None and kind == "warm":
            warming = threading.Thread(target=_warm_up, args=(message.payload[0],), name="tuneflow-warm", daemon=True)
            warming.start()
        else:
            lanes.put(message.run_id or "", message)


def _handle(
    connection: Connection,
    message: Any,
    runs: dict[str, Any],
    existing: set[str],
    failed: set[str],
    reply: Any,
) -> None:
    """Carry out one message about one run in the writer process (on one of its lanes)."""
    kind = message.kind
    if message.payload is None:  # unreadable: the other messages still are
        problem = f"{kind} message of W&B run {message.run_id} could not be read: {message.error}"
        if kind in ("finish", "summary"):
            if message.run_id in runs:
                with contextlib.suppress(Exception):
                    runs.pop(message.run_id).finish(exit_code=1)
            reply("error", message.run_id, problem)
        else:
            reply("problem", message.run_id, problem)
        return
    payload = message.payload
    if kind == "log":
        run_id, step, row = payload
        run = runs.get(run_id)
        if run is not None:
            with contextlib.suppress(Exception):
                run.log(row, step=step, commit=False)  # rows at one step merge; the next step commits
        return
    if kind == "summary":
        request: SummaryRequest = payload[0]
        try:
            if payload[1] and connection.mode == "offline":
                _remove_offline_run(connection, request.run_id)
            elif connection.mode == "offline" and connection.existing_offline_run(request.run_id):
                reply("skipped", request.run_id)
                return
            path = _write_summary(connection, request)
            reply("written", request.run_id, str(path))
        except Exception as exc:
            reply("error", request.run_id, f"summary run: {type(exc).__name__}: {exc}")
        return
    spec: RunSpec = payload[0]
    replace: bool = payload[-1]
    was = connection.mode
    try:
        offline = was == "offline"
        if kind == "open":
            if replace and offline:
                _remove_offline_run(connection, spec.run_id)
            elif offline and connection.existing_offline_run(spec.run_id) is not None:
                existing.add(spec.run_id)
                reply("opened-existing", spec.run_id)
                return
            failed.add(spec.run_id)
            runs[spec.run_id] = connection.init(spec)
            failed.discard(spec.run_id)
            if was != connection.mode and connection.fell_back:
                reply("fallback", connection.fell_back)
            return
        rewrite: bool = payload[1]
        run = runs.pop(spec.run_id, None)
        replace = replace or spec.run_id in failed
        if spec.run_id in existing:
            reply("skipped", spec.run_id)
            return
        if run is not None and rewrite:  # rows came out of order: write the run again, sorted
            run.finish(exit_code=spec.exit_code)
            run = None
            if connection.mode == "offline":
                _remove_offline_run(connection, spec.run_id)
                replace = True
        if run is None and not replace and offline and connection.existing_offline_run(spec.run_id):
            reply("skipped", spec.run_id)
            return
        if replace and offline and run is None:
            _remove_offline_run(connection, spec.run_id)
        try:
            path = write_run(connection, spec, run, streamed=run is not None)
        except Exception:
            if was != "online" or connection.mode != "offline":
                raise
            # Another lane fell back to offline meanwhile and restarted wandb-core under this
            # online run: write it whole, offline, so it is not lost.
            _remove_offline_run(connection, spec.run_id)
            path = write_run(connection, spec)
        if was != connection.mode and connection.fell_back:
            reply("fallback", connection.fell_back)
        reply("written", spec.run_id, str(path))
    except Exception as exc:
        if kind == "finish":
            reply("error", spec.run_id, f"{spec.name}: {type(exc).__name__}: {exc}")
