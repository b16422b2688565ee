"""Every online study one W&B sweep: created once per study, kept in the study, joined by every run.

**W&B's mechanism.** A search that runs outside W&B's server is a sweep with a local controller
(``controller: {type: local}``): the sweep exists on the server (its Sweeps page, runs table,
parallel-coordinates and importance panels) but the server never picks its runs. Runs join it by
naming it: ``wandb.init`` with the ``sweep_id`` setting sends ``upsertBucket(sweep: ID)``. That is
how wandb 0.31's own Optuna scheduler (``wandb/sdk/sweeps/scheduler/``) attaches the runs Optuna
chooses: it enqueues them (``EnqueueSweepRun``) for agents, which start each run with
``WANDB_SWEEP_ID`` set. tuneflow starts its runs itself, so each carries the id directly: a
train function's run and an agent-style run through ``wandb.init(settings=Settings(sweep_id=...))``
(the study's project, entity and run id are kept, as the sweep id is not in wandb's global
settings), a program's run through ``WANDB_SWEEP_ID`` in its environment, as under ``wandb agent``.

**The sweep's config** is the recipe's export (:meth:`Recipe.to_sweep`) with
``controller: {type: local}``. W&B's schema (the ``sweeps`` package) lets such a sweep declare
``grid``, ``random``, ``bayes`` or ``custom``, and forbids ``scheduler`` beside a local
controller: methods W&B lacks (tpe, gp, cmaes, qmc, nsga2, several metrics) are ``custom``
without the export's ``scheduler`` (so their ``early_terminate`` stays). A define-by-run recipe has
no export: its sweep is ``method: custom`` with the metric and no ``parameters`` (they are chosen
by ``space()`` per trial and may be conditional, which no ``parameters`` block can say; W&B notes
the missing block as a config warning, not an error). The sweep lives in the study's W&B
project; ``project``/``entity`` keys of the export are left out.

**Created once per study, race-free.** The study's user attribute :data:`~tuneflow.keys.SWEEP_ATTR`
holds ``{"id", "entity", "project"}``. A process that finds none *claims* creation first with a
compare-and-set in the storage (one transaction locking the study row on SQLite/PostgreSQL, a
lock file beside a journal, a lock in memory); only the winner creates the sweep, then replaces
its claim with the id; the others wait for it (at most the creation timeout) and join. So 96
workers started at once create one sweep, not 96. A claimer that dies while creating leaves a
claim that turns stale after the timeout; the next process then takes over, and a sweep the dead
process may have created stays on the server, empty. If creation fails (no network, a server
without sweeps), the claimer records why, every process of that start says so in one line and
writes plain runs; a later start (over a minute later) tries again.

**Creating it** calls ``wandb.sweep(config, entity=, project=, prior_runs=)``, wandb's public API,
in a short child process (``python -m tuneflow.tracking.sweep``): ``wandb.sweep`` prints to stdout
and sets ``WANDB_ENTITY``/``WANDB_PROJECT`` in its process's environment, neither of which may
happen to the study's process, and a child can be stopped after ``init_timeout``.
``wandb.controller()`` is not used (it imports the ``sweeps`` package, which pins ``numpy<2``).
A study that already has finished trials when its sweep is created (a resumed offline study,
``tuneflow backfill-wandb``) names their runs as ``prior_runs``, W&B's way to add runs already on
the server to a new sweep (``wandb sweep -R RUN_ID``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import optuna
from optuna.trial import TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.study import compare_and_set_user_attr
from tuneflow.keys import RUN_ID_ATTR, SWEEP_ATTR
from tuneflow.search.sweep import metric_block
from tuneflow.tracking.runs import study_run_prefix

__all__ = [
    "SWEEP_ENV",
    "Sweep",
    "SweepError",
    "choose_sweep",
    "create_sweep",
    "prior_runs",
    "study_sweep",
    "sweep_config",
]

#: The variable W&B's agent sets for a sweep's runs; tuneflow reads it as ``--sweep-id``.
SWEEP_ENV = "WANDB_SWEEP_ID"
#: A failed creation is tried again by a process starting this many seconds after it.
RETRY_AFTER = 60.0
#: At most this many earlier runs are named as ``prior_runs`` of a new sweep (one request).
MAX_PRIOR_RUNS = 1000
_METHODS = ("grid", "random", "bayes")  # what W&B's own controller runs; anything else is `custom`
_POLL = 0.2


@dataclass(frozen=True)
class Sweep:
    """A W&B sweep: its id and where it lives (``entity`` None: the API key's default entity)."""

    id: str
    entity: str | None
    project: str | None


# -- the config --------------------------------------------------------------------------------------


def sweep_config(recipe: Any) -> dict[str, Any]:
    """The config of ``recipe``'s locally controlled sweep (see the module docstring)."""
    if recipe.parameters is None:  # define-by-run: no export
        config: dict[str, Any] = {"name": recipe.name, "method": "custom", **metric_block(recipe)}
        config["description"] = "tuneflow: define-by-run space; each run's config holds the parameters its trial chose"
    else:
        with warnings.catch_warnings():  # the export's notes are about W&B agents, not this sweep
            warnings.simplefilter("ignore")
            config = recipe.to_sweep()
        if config.pop("scheduler", None) is not None and recipe.early_terminate is not None:
            config["early_terminate"] = dict(recipe.early_terminate)  # allowed without a scheduler
        if config.get("method") not in _METHODS:
            config["method"] = "custom"
    for key in ("project", "entity"):
        config.pop(key, None)
    config["controller"] = {"type": "local"}
    return config


# -- creating it (in a child process) ------------------------------------------------------------------


class SweepError(Exception):
    """The sweep could not be created; the message is one line saying why."""


def create_sweep(
    config: dict[str, Any],
    entity: str | None,
    project: str | None,
    timeout: float,
    prior_runs: list[str] | None = None,
    unreachable: Callable[[SweepError], None] | None = None,
) -> Sweep:
    """Create a sweep with ``wandb.sweep`` in a child process; raise :class:`SweepError` (one line).

    ``unreachable`` is told first when W&B did not answer in time (the study then goes offline,
    as after a failed ``wandb.init``)."""
    request = {
        "sweep": config,
        "entity": entity,
        "project": project,
        "prior_runs": prior_runs or None,
    }  # wandb.sweep's arguments
    env = {k: v for k, v in os.environ.items() if k not in ("WANDB_SERVICE", SWEEP_ENV)} | {"WANDB_SILENT": "true"}
    # Its own process group: on a timeout the child and its wandb-core (which holds the pipes) go together.
    proc = subprocess.Popen(
        [sys.executable, "-m", "tuneflow.tracking.sweep"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(json.dumps(request, default=str), timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        error = SweepError(f"W&B did not answer within {timeout:g} s")
        if unreachable is not None:
            unreachable(error)
        raise error from None
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    try:
        answer = json.loads(lines[-1])
    except (IndexError, ValueError):
        tail = [line for line in stderr.strip().splitlines() if line.strip()]
        raise SweepError(tail[-1] if tail else f"the sweep creator exited with code {proc.returncode}") from None
    if answer.get("error"):
        raise SweepError(str(answer["error"]))
    return Sweep(str(answer["id"]), answer.get("entity") or entity, answer.get("project") or project)


def _main() -> None:
    """The child: read ``wandb.sweep``'s arguments on stdin, create the sweep, print one JSON line."""
    request = json.loads(sys.stdin.read())
    try:
        import wandb

        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            sweep_id = wandb.sweep(**request)
        # wandb.sweep leaves where the server put the sweep in this process's environment
        answer = {"id": sweep_id, "entity": os.environ.get("WANDB_ENTITY"), "project": os.environ.get("WANDB_PROJECT")}
    except BaseException as exc:
        text = str(exc).strip().splitlines()
        answer = {"error": f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")}
    print(json.dumps(answer), flush=True)


# -- once per study ------------------------------------------------------------------------------------


def _recorded(study: optuna.Study) -> Any:
    return adapter.storage_of(study).get_study_user_attrs(adapter.study_id(study)).get(SWEEP_ATTR)


def _as_sweep(value: Any) -> Sweep | None:
    if isinstance(value, dict) and value.get("id"):
        return Sweep(str(value["id"]), value.get("entity"), value.get("project"))
    return None


def prior_runs(study: optuna.Study) -> list[str]:
    """Run ids of the study's finished trials (what a sweep created now names as ``prior_runs``)."""
    finished = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
    prefix = study_run_prefix(study)  # a trial without a recorded id (W&B was off) has this one
    trials = study.get_trials(deepcopy=False, states=finished)
    return [str(t.user_attrs.get(RUN_ID_ATTR) or f"{prefix}-t{t.number}") for t in trials][:MAX_PRIOR_RUNS]


def study_sweep(
    study: optuna.Study,
    create: Callable[[], Sweep],
    timeout: float,
) -> tuple[Sweep | None, str | None]:
    """The study's sweep, created by ``create`` when the study has none: ``(sweep, None)``, or
    ``(None, why)`` when there is none for this process (creation failed here or elsewhere)."""
    me = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    deadline = time.monotonic() + timeout + 10
    current = _recorded(study)
    while True:
        sweep = _as_sweep(current)
        if sweep is not None:
            return sweep, None
        now = time.time()
        record = current if isinstance(current, dict) else {}  # anything else is claimed over
        age = now - float(record.get("at", 0))
        if "failed" in record and age < RETRY_AFTER:
            return None, f"{record['failed']} (when {record.get('by', 'another worker')} tried)"
        if not record or "failed" in record or ("claim" in record and age > timeout + 10):
            claim = {"claim": me, "at": now}
            current = compare_and_set_user_attr(study, SWEEP_ATTR, current, claim)
            if current != claim:  # another process claimed it first
                continue
            try:
                sweep = create()
            except Exception as exc:  # broad: whatever failed (W&B, the config, the storage), the claim is released
                why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                failed = {"failed": why, "at": time.time(), "by": me.rsplit(":", 1)[0]}
                compare_and_set_user_attr(study, SWEEP_ATTR, claim, failed)
                return None, why
            stored = compare_and_set_user_attr(study, SWEEP_ATTR, claim, asdict(sweep))
            return _as_sweep(stored) or sweep, None  # a stale-claim takeover may have won meanwhile: the study's
        if time.monotonic() > deadline:  # someone else is creating it and takes too long
            return None, f"another worker ({record.get('claim')}) is still creating it"
        time.sleep(_POLL)
        current = _recorded(study)


def choose_sweep(
    study: optuna.Study,
    config: Callable[[], dict[str, Any]],
    mode: str,
    project: str | None,
    entity: str | None,
    given: str | None,
    timeout: float,
    unreachable: Callable[[SweepError], None] | None = None,
) -> tuple[str | None, str | None]:
    """The sweep id this process's runs carry (None: plain runs) and one line to say (or None).

    ``unreachable`` is told when W&B did not answer the creation in time.

    ``given`` is ``--sweep-id`` / ``WANDB_SWEEP_ID`` (``"none"``: plain runs); otherwise, online,
    the study's sweep, created now (from ``config()``) when it has none; offline, the study's
    sweep if an earlier online session created one (no sweep can be created offline).
    """
    name = study.study_name
    if given == "none":
        return None, None
    if given:  # recorded as the study's sweep when it has none
        current = _recorded(study)
        if _as_sweep(current) is None:
            current = compare_and_set_user_attr(study, SWEEP_ATTR, current, asdict(Sweep(given, entity, project)))
        other = _as_sweep(current)
        if other is not None and other.id != given:
            return given, f"runs join the W&B sweep {given} given, not study {name!r}'s own sweep {other.id}"
        return given, None
    sweep = _as_sweep(_recorded(study))
    if sweep is None and mode == "online":

        def create() -> Sweep:  # the sweep is the study: named after it
            return create_sweep({**config(), "name": name}, entity, project, timeout, prior_runs(study), unreachable)

        sweep, why = study_sweep(study, create, timeout)
        if sweep is None:
            return None, f"no W&B sweep for study {name!r} ({why}); its runs are written as plain runs"
    if sweep is None:
        return None, None
    where = "/".join(p for p in (sweep.entity, sweep.project) if p)
    if (sweep.project and project and sweep.project != project) or (sweep.entity and entity and sweep.entity != entity):
        return None, (
            f"study {name!r}'s W&B sweep {sweep.id} is in {where}, but runs go to "
            f"{'/'.join(p for p in (entity, project) if p)}; they are written as plain runs"
        )
    if mode == "online":
        return sweep.id, f"study {name!r} runs as W&B sweep {where}/sweeps/{sweep.id}"
    return sweep.id, f"runs carry study {name!r}'s W&B sweep id {sweep.id}: `wandb sync` adds them to it"


if __name__ == "__main__":
    _main()
