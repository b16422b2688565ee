"""``tuneflow run --workers N``: N worker processes on one study, one progress bar, one summary.

Threads (``--n-jobs``) do not run Python code in parallel; processes do. This module starts N
``tuneflow worker`` processes on the recipe's study (the storage must be shared by processes:
SQLite, PostgreSQL or a journal file, not memory), follows the study in the storage for a single
progress bar, passes on each distinct line the workers print once, and returns one result for
one summary. The workers share ``run_cap`` and the grid as any workers do, split ``--n-trials``
between them, and write no summary of their own (no table, no W&B summary run); the parent
writes the W&B summary run once they are done.

Ctrl-C (or SIGTERM) stops them all cleanly: the workers run in their own sessions, so a
terminal's Ctrl-C reaches only this process, which sends each worker one SIGINT (SIGTERM) and
waits for them. Each fails and re-queues its trials in flight, exactly as a single ``tuneflow
run`` does, and the command exits 130 (143).

The storage URL reaches the workers in their environment (``TUNEFLOW_STORAGE``), not on their
command line, so a password does not show in ``ps``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

import click
from optuna.trial import TrialState
from tqdm.auto import tqdm

from tuneflow.engine.counts import count_toward_cap, trial_counts
from tuneflow.engine.gridindex import GridIndex, study_grid
from tuneflow.engine.result import TuneResult
from tuneflow.engine.signals import Interrupted, SignalGuard
from tuneflow.engine.storage import DEFAULT_STORAGE, check_storage_url, storage_kind
from tuneflow.engine.study import create_study
from tuneflow.errors import StorageError, TuneflowError
from tuneflow.keys import STORAGE_ENV
from tuneflow.redact import redact_url
from tuneflow.search.recipe import Recipe
from tuneflow.tune import check_runtime

__all__ = ["check_pool_storage", "run_pool", "split"]
_STOPPING = "tuneflow: stopping: "
_POLL = 0.5
_GRACE = 60.0  # seconds a signalled worker gets to fail and re-queue its trials


def split(n_trials: int | None, workers: int) -> list[int | None]:
    """``n_trials`` shared out between ``workers`` (no more workers than trials)."""
    if n_trials is None:
        return [None] * workers
    count = min(workers, n_trials)
    return [n_trials // count + (1 if i < n_trials % count else 0) for i in range(count)]


def check_pool_storage(storage: str | None) -> str:
    """The storage URL the workers share; a clear error when processes cannot share it."""
    url = storage or DEFAULT_STORAGE
    problems = check_storage_url(url)
    if problems:
        raise StorageError("\n".join("--" + p for p in problems))
    if storage_kind(url) == "memory":
        raise StorageError(
            f"--workers: storage {url!r} lives in one process, so other processes cannot share its study; "
            f"leave --storage out (default {DEFAULT_STORAGE}) or give sqlite:///FILE, journal:///FILE or "
            "postgresql://USER:PASSWORD@HOST/DB, or use --n-jobs for threads in one process"
        )
    return url


def run_pool(
    recipe_ref: str,
    recipe: Recipe,
    *,
    workers: int,
    storage: str | None,
    study_name: str | None = None,
    n_trials: int | None = None,
    timeout: float | None = None,
    n_jobs: int = 1,
    method: str | None = None,
    seed: int | None = None,
    wandb: bool = True,
    progress: bool = True,
    extra_args: Sequence[str] = (),
    project: str | None = None,
    entity: str | None = None,
) -> TuneResult:
    """Run ``recipe`` (loaded from ``recipe_ref``) in ``workers`` processes; the study's result.

    ``extra_args`` are more ``tuneflow worker`` flags given to every worker as they are;
    ``project`` and ``entity`` place the summary run this process writes beside the workers' runs.
    """
    url = check_pool_storage(storage)
    check_runtime(recipe)  # the recipe's warnings come from the workers, each distinct line once
    # Created once, here: a bad storage or goal fails before any worker starts.
    study = create_study(recipe, url, study_name, n_trials=n_trials)
    grid = study_grid(study, recipe)
    args = ["worker", recipe_ref, "--study-name", study.study_name, "--no-progress", "--pool-member", *extra_args]
    # Each worker runs a share of n_trials (--n-trials below); `auto` plans for the whole budget in every one.
    flags = {"--n-jobs": n_jobs, "--timeout": timeout, "--method": method, "--seed": seed, "--budget": n_trials}
    for flag, value in flags.items():
        if value is not None:
            args += [flag, str(value)]
    if not wandb:
        args.append("--no-wandb")
    shares = split(n_trials, workers)
    total = _total(study, recipe, grid, n_trials)
    pool = _Pool(url)
    bar = tqdm(
        total=total,
        disable=not progress,
        desc=f"{len(shares)} workers",
        unit="trial",
        file=sys.stderr,
        postfix={"storage": redact_url(url)},
    )
    try:
        with SignalGuard() as guard:
            guard.raise_now(True)
            try:
                for share in shares:
                    pool.start([*args, *(["--n-trials", str(share)] if share is not None else [])])
                pool.follow(study, bar)
            except Interrupted as exc:
                guard.cleaning()
                bar.close()
                pool.stop(exc.signum)
                raise
            finally:
                guard.raise_now(False)
    finally:
        bar.close()
        pool.kill()
    failed = [(p.returncode, "\n".join(tail)) for p, tail in zip(pool.procs, pool.tails) if p.returncode != 0]
    if failed:
        code, tail = failed[0]
        raise TuneflowError(f"{len(failed)} of {len(shares)} workers failed (exit code {code}):\n{tail}")
    if wandb:  # the one W&B summary run of the study (the workers write none), in the workers' project
        from tuneflow.tracking.tracker import make_tracker

        where = {k: v for k, v in (("project", project), ("entity", entity)) if v is not None}
        make_tracker(where or None, recipe, study).close(study, interrupted=False)
    return TuneResult(study, pool.stop_reason)


def _total(study: Any, recipe: Recipe, grid: GridIndex | None, n_trials: int | None) -> int | None:
    """What the bar counts to: trials asked for, the grid's points left, or the run_cap left."""
    if n_trials is not None:
        return n_trials
    if grid is not None:
        return max(grid.size - trial_counts(study).of(TrialState.COMPLETE, TrialState.PRUNED), 0)
    if recipe.run_cap is not None:
        return max(recipe.run_cap - count_toward_cap(study), 0)
    return None


class _Pool:
    """The worker processes: started in their own sessions, their output passed on once per line."""

    def __init__(self, url: str) -> None:
        self.env = {**os.environ, STORAGE_ENV: url}
        self.procs: list[subprocess.Popen[str]] = []
        self.tails: list[list[str]] = []
        self.readers: list[threading.Thread] = []
        self.seen: set[str] = set()
        self.stop_reason: str | None = None
        self._lock = threading.Lock()

    def start(self, args: Sequence[str]) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from tuneflow.cli import main; main()", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=self.env,
            start_new_session=True,  # Ctrl-C reaches the parent only; it signals each worker once
        )
        tail: list[str] = []
        reader = threading.Thread(target=self._read, args=(proc, tail), daemon=True)
        reader.start()
        self.procs.append(proc)
        self.tails.append(tail)
        self.readers.append(reader)

    def _read(self, proc: subprocess.Popen[str], tail: list[str]) -> None:
        assert proc.stdout is not None
        with proc.stdout:  # closed at the worker's end of output: no pipe outlives the pool
            for raw in proc.stdout:
                line = raw.rstrip("\n")
                tail.append(line)
                del tail[:-20]
                with self._lock:
                    if line.startswith(_STOPPING):
                        self.stop_reason = self.stop_reason or line[len(_STOPPING) :]
                        continue
                    if not line.strip() or line in self.seen:
                        continue
                    self.seen.add(line)
                tqdm.write(line, file=sys.stderr)

    def follow(self, study: Any, bar: Any) -> None:
        """Update the bar from the storage until every worker has exited."""
        states = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
        start = trial_counts(study).of(*states)  # counted, not read: the study may be large
        while True:
            alive = any(p.poll() is None for p in self.procs)
            done = trial_counts(study).of(*states) - start
            if done > bar.n:
                bar.update(done - bar.n)
            if not alive:
                break
            time.sleep(_POLL)
        for reader in self.readers:
            reader.join(timeout=5)

    def stop(self, signum: int) -> None:
        """Send each running worker one ``signum`` and wait for them to clean up."""
        click.echo(
            f"tuneflow: {signal.Signals(signum).name}: stopping {len(self.procs)} workers "
            "(their trials in flight are failed and queued again)",
            err=True,
        )
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signum)
        deadline = time.monotonic() + _GRACE
        for proc in self.procs:
            with contextlib.suppress(subprocess.TimeoutExpired):  # kill() below is the last resort
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
        for reader in self.readers:
            reader.join(timeout=5)

    def kill(self) -> None:
        """Last resort (the parent is leaving): no worker outlives ``tuneflow run``."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
