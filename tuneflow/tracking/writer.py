"""Writing W&B runs off the optimization loop, in the study's process.

:class:`Connection` holds what every ``wandb.init`` of a study shares (project, entity, mode,
directory, timeout) and the one-time fallback: when an online ``wandb.init`` fails or times
out, it warns once, switches to offline for the rest of the study and retries the same run,
so no trial is lost and the study waits at most one ``init_timeout`` in total.

:class:`RunWriter` takes a trial's run as the trial goes: opened when the trial starts, each
history row as it is reported or logged, the finished :class:`RunSpec` at its end. Each call
queues one step and returns (microseconds on the loop); a small fixed pool of threads
(:class:`Lanes`) carries the steps out, each run's in order, several runs at once. Online,
opening and finishing a run wait on the server (round trips, the final upload); one run after
another left ``tune`` waiting for their sum after the last trial.

Every run is its own ``wandb.Run`` created with ``reinit="create_new"``: nothing here touches the
global ``wandb.run``, so runs of parallel trials never mix. wandb's own work (files, network)
happens in its wandb-core service process; what runs here is ~11-15 ms of Python per run, on a
lane thread (bench/wandb_overhead.py measures what that costs the loop). Values go to wandb as
they are: wandb decides what it accepts.

A run that could not be written as it streamed (wandb raised, wandb-core died, the study fell
back to offline under it) is written again whole from its spec, once: the spec holds the whole
history. A run that fails again is counted, and ``tuneflow backfill-wandb`` writes it later from
the study's storage.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuneflow.redact import Redactor
from tuneflow.tracking.runfile import wait_closed
from tuneflow.tracking.runs import RunSpec

__all__ = ["Connection", "Lanes", "RunWriter", "TrialRun", "finish_run", "log_row", "say", "write_run"]

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
    #: The run was opened on a writer lane at the trial's start and receives its rows live.
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


def log_row(run: Any, row: dict[str, Any], step: int, commit: bool) -> list[str]:
    """``run.log(row, step=step)``; the keys whose values wandb refuses are left out and returned.

    wandb takes most values as they are (a lambda becomes its name); an object it cannot encode
    makes ``log`` raise ``TypeError`` for the whole row. The row is then logged key by key, so one
    such value costs that value only. Returned as ``key (type)``.
    """
    try:
        run.log(row, step=step, commit=commit)
        return []
    except (TypeError, ValueError):
        pass
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
    """Delete what a failed attempt left of ``run_id`` offline, so the run is written whole."""
    while (path := connection.existing_offline_run(run_id, any_file=True)) is not None:
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            break


class Lanes:
    """A fixed pool of threads that runs each key's tasks in order, different keys at once.

    A task is a callable; tasks put under one key (a run id) form its own queue. A free thread
    takes the next key that has a task waiting and no other thread working on it, so one run's
    steps stay in order while up to ``size`` runs are opened, logged or finished at once. The
    pool's size does not depend on the study's. A task must not raise (one that does is
    reported on stderr and the lane goes on).
    """

    def __init__(self, size: int) -> None:
        self._cond = threading.Condition()
        self._queues: dict[str, deque[Callable[[], None]]] = {}  # key -> its tasks not yet run
        self._ready: deque[str] = deque()  # keys with a task waiting and no thread on them
        self._busy: set[str] = set()
        self._closing = False
        self._threads = [
            threading.Thread(target=self._work, name=f"tuneflow-wandb-lane-{i}", daemon=True) for i in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def put(self, key: str, task: Callable[[], None]) -> None:
        with self._cond:
            queue = self._queues.setdefault(key, deque())
            queue.append(task)
            if len(queue) == 1 and key not in self._busy:
                self._ready.append(key)
                self._cond.notify()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._ready and not self._closing:
                    self._cond.wait()
                if not self._ready:
                    return
                key = self._ready.popleft()
                self._busy.add(key)
                task = self._queues[key].popleft()
            try:
                task()
            except Exception as exc:  # a lane that died would shrink the pool for the rest of the study
                print(f"tuneflow: W&B lane: {type(exc).__name__}: {exc}", file=sys.stderr)
            finally:
                with self._cond:
                    self._busy.discard(key)
                    if self._queues[key]:
                        self._ready.append(key)
                        self._cond.notify()
                    else:
                        del self._queues[key]

    def close(self, timeout: float | None = None) -> None:
        """Run every task already put, then stop the threads (waiting at most ``timeout`` s each)."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)


#: Runs written at once (see :class:`Lanes`); figures in bench/wandb_online.py, which sets
#: ``_TUNEFLOW_WRITER_LANES`` to compare (a measuring knob).
LANES = int(os.environ.get("_TUNEFLOW_WRITER_LANES") or 8)


@dataclass
class _Streamed:
    """A trial's run as the loop streams it, and (on its lane) the ``wandb.Run`` it opened."""

    head: RunSpec
    last_step: int = -1
    #: A row arrived with a step below one already streamed: W&B would drop it, so offline the run
    #: is written again whole, in step order, when it ends.
    unordered: bool = False
    #: An earlier session wrote this run (offline): it is left as it is.
    existing: bool = False
    run: Any = None
    #: The wandb-core service the run was opened on (see :meth:`Connection.revive`).
    service: int = 0
    #: Opening or logging failed: the run is written whole from its spec when it ends.
    broken: bool = False


class RunWriter:
    """Writes a study's W&B runs on a pool of lane threads; ``flush`` waits a bounded time for them.

    A trial's run is opened when the trial starts (:meth:`open`), receives each history row as it
    is logged (:meth:`log`) and is finished with its summary and state when the trial ends
    (:meth:`finish`). A whole run can also be written in one go (:meth:`submit`: backfills), and the
    study summary run is built and written on a lane (:meth:`summarize`).
    """

    def __init__(self, connection: Connection, lanes: int = LANES) -> None:
        self.connection = connection
        self.written: list[Path] = []
        self.skipped = 0
        self.errors: list[str] = []
        #: Logged values wandb refused, left out of their runs: ``run id: key (type)``, each once.
        self.refused: list[str] = []
        self._cond = threading.Condition()
        self._streamed: dict[str, _Streamed] = {}
        self._pending: set[str] = set()  # runs handed over whole or finished, not yet written
        self._lanes = Lanes(lanes)

    # -- the loop's side: queue and return -------------------------------------------------------

    def open(self, head: RunSpec, sweep: Callable[[], str | None] | None = None) -> None:
        """Start ``head``'s run now (name, config, tags, group; its summary and history come later).

        ``sweep`` gives the W&B sweep the run joins; it is called on the lane, so a sweep still
        being created holds up this run's opening, not the trial.
        """
        with self._cond:
            if head.run_id in self._streamed or head.run_id in self._pending:
                return
            streamed = self._streamed[head.run_id] = _Streamed(head)
        self._lanes.put(head.run_id, lambda: self._start(streamed, sweep))

    def log(self, run_id: str, step: int, row: dict[str, Any]) -> None:
        """Stream one history row at ``step`` to an open run (rows at one step are merged)."""
        with self._cond:
            streamed = self._streamed.get(run_id)
            if streamed is None:
                return
            if step < streamed.last_step and self.connection.mode == "offline":
                streamed.unordered = True  # online, W&B drops the late row as it would from wandb.log
            streamed.last_step = max(streamed.last_step, step)
            if streamed.unordered:
                return
        self._lanes.put(run_id, lambda: self._log(streamed, step, row))

    def finish(self, spec: RunSpec, sweep: Callable[[], str | None] | None = None) -> None:
        """End a run with its summary and state; ``spec.history`` is the whole history.

        ``sweep`` gives the W&B sweep of a run written whole (called on the lane, as in :meth:`open`).
        """
        with self._cond:
            streamed = self._streamed.pop(spec.run_id, None)
            self._pending.add(spec.run_id)
        write = lambda: self._finish(streamed, spec, sweep)  # noqa: E731
        self._lanes.put(spec.run_id, lambda: self._done(spec.run_id, spec.name, write))

    def submit(self, spec: RunSpec) -> None:
        """Write a whole run in one go (it was never opened); returns at once."""
        self.finish(spec)

    def summarize(self, head: RunSpec, build: Callable[[], RunSpec]) -> None:
        """Write the study summary run: ``head`` starts it while ``build`` makes the whole spec."""
        with self._cond:
            self._pending.add(head.run_id)
        self._lanes.put(head.run_id, lambda: self._done(head.run_id, "summary run", lambda: self._summary(head, build)))

    # -- the lanes' side ---------------------------------------------------------------------------

    def _start(self, streamed: _Streamed, sweep: Callable[[], str | None] | None) -> None:
        conn = self.connection
        streamed.service = conn.service
        try:
            if sweep is not None:
                streamed.head.sweep_id = sweep()
            if conn.mode == "offline" and conn.existing_offline_run(streamed.head.run_id) is not None:
                streamed.existing = True
                return
            streamed.run = conn.init(streamed.head)
        except Exception as exc:  # written whole when it ends (and said then if that fails too)
            streamed.broken = True
            conn.revive(exc, streamed.service)

    def _log(self, streamed: _Streamed, step: int, row: dict[str, Any]) -> None:
        if streamed.run is None or streamed.broken:
            return
        try:  # rows at one step merge; the next step commits
            self._refused(streamed.head.run_id, log_row(streamed.run, row, step, commit=False))
        except Exception:  # e.g. wandb-core gone: written whole when it ends
            streamed.broken = True

    def _refused(self, run_id: str, keys: list[str]) -> None:
        with self._cond:
            for key in keys:
                if (item := f"{run_id}: {key}") not in self.refused:
                    self.refused.append(item)

    def _finish(
        self, streamed: _Streamed | None, spec: RunSpec, sweep: Callable[[], str | None] | None = None
    ) -> Path | None:
        """Write ``spec`` into its streamed run, or whole; None when an earlier session wrote it.

        A streamed run that failed is written again whole, and so is a whole run that failed
        because wandb-core was lost (on the new service): at most once more each.
        """
        conn = self.connection
        if sweep is not None:
            spec.sweep_id = sweep()
        if streamed is not None and streamed.existing:
            return None
        if streamed is None and conn.mode == "offline" and conn.existing_offline_run(spec.run_id):
            return None  # a resumed study's run, written before
        if streamed is not None and streamed.run is not None:
            if not (streamed.broken or streamed.unordered):
                try:
                    return write_run(conn, spec, streamed.run, streamed=True)
                except Exception as exc:
                    conn.revive(exc, streamed.service)
            else:
                with contextlib.suppress(Exception):  # its rows are written again, in order
                    streamed.run.finish(exit_code=spec.exit_code)
        if streamed is not None:
            _remove_offline_run(conn, spec.run_id)  # what the streamed attempt left
        service, refused = conn.service, list[str]()
        try:
            path = write_run(conn, spec, refused=refused)
        except Exception as exc:
            if not conn.revive(exc, service):
                raise
            _remove_offline_run(conn, spec.run_id)
            path = write_run(conn, spec, refused=refused)
        self._refused(spec.run_id, refused)
        return path

    def _summary(self, head: RunSpec, build: Callable[[], RunSpec]) -> Path | None:
        """Start the summary run (waiting on wandb-core) while its charts are computed, then write it."""
        conn = self.connection
        if conn.mode == "offline" and conn.existing_offline_run(head.run_id):
            return None
        started: dict[str, Any] = {}

        def start() -> None:
            try:
                started["run"] = conn.init(head)
            except Exception as exc:
                started["error"] = exc

        starting = threading.Thread(target=start, name="tuneflow-summary-init", daemon=True)
        starting.start()
        try:
            spec = build()
        except BaseException:
            starting.join()
            if "run" in started:
                started["run"].finish(exit_code=1)
            raise
        starting.join()
        if "error" in started:
            raise started["error"]
        return write_run(conn, spec, started["run"])

    def _done(self, run_id: str, what: str, write: Callable[[], Path | None]) -> None:
        """Run ``write`` for one run and count its outcome: written, skipped, or failed (said why)."""
        try:
            path = write()
        except Exception as exc:
            with self._cond:
                self.errors.append(f"{what}: {type(exc).__name__}: {exc}")
        else:
            with self._cond:
                if path is None:
                    self.skipped += 1
                else:
                    self.written.append(path)
        finally:
            with self._cond:
                self._pending.discard(run_id)
                self._cond.notify_all()

    # -- waiting -------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Finished runs not yet written."""
        with self._cond:
            return len(self._pending)

    def flush(self, timeout: float) -> bool:
        """Wait until every finished run is written, at most ``timeout`` seconds; True if done."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float) -> bool:
        """Flush, then stop the lanes; runs still open (trials cut short) end as W&B ends them."""
        done = self.flush(timeout)
        if done:
            for streamed in list(self._streamed.values()):
                if streamed.run is not None:
                    with contextlib.suppress(Exception):
                        streamed.run.finish(exit_code=1)
            self._lanes.close(timeout=10)
        return done


def warm_up(importance: Any = None) -> threading.Thread:
    """Import (and draw once with) what the summary run needs in a background thread, so the end
    of a study does not wait for it: plotly and Optuna's charts, and the importance evaluator."""

    def warm() -> None:
        with contextlib.suppress(Exception):  # only a head start: the summary run imports it anyway
            import optuna
            import optuna.visualization as vis

            import tuneflow.tracking.summary  # noqa: F401

            study = optuna.create_study()
            study.add_trials([optuna.trial.create_trial(value=float(v), params={}, distributions={}) for v in (1, 2)])
            vis.plot_optimization_history(study).to_json()
            if importance is not None:
                importance()

    thread = threading.Thread(target=warm, name="tuneflow-warm", daemon=True)
    thread.start()
    return thread
