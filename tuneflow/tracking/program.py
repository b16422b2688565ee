"""Running a sweep YAML's ``program`` as the train function, where and how ``wandb agent`` runs it.

Read from wandb 0.31's agent (``wandb/wandb_agent.py``, ``Agent._command_run``) and kept the same:

- the command is the sweep's ``command`` (default ``${env} ${interpreter} ${program} ${args}``),
  expanded by W&B's own helpers (``${envvar:NAME}``, ``${args}``, ``${args_no_hyphens}``,
  ``${args_no_boolean_flags}``, ``${args_json}``, ``${args_json_file}``, ...); ``${env}`` is
  ``/usr/bin/env`` and ``${interpreter}`` is ``python``, found on ``PATH`` as the agent finds it,
  so the program runs with the user's own Python and packages (to pick another, write it in the
  sweep's ``command``); ``${program}`` is the path as written;
- the program runs in the directory tuneflow runs in (not the sweep YAML's folder), in its own
  process group, with its standard input closed;
- its environment is tuneflow's plus what the agent sets: ``WANDB_RUN_ID``, ``WANDB_SWEEP_ID``,
  ``WANDB_SWEEP_PARAM_PATH`` (the trial's config at ``WANDB_DIR/wandb/sweep-ID/config-RUN.yaml``,
  which the program's ``wandb.init()`` loads into ``wandb.config``), ``WANDB_DIR``,
  ``WANDB_PROJECT``/``WANDB_ENTITY``. With a sweep id set, the SDK treats the run as a sweep run:
  ``wandb.init(project=, entity=, id=)`` in the program are ignored with a warning, exactly as
  under the agent, so every run lands where the sweep says under the trial's run id.

The sweep id: the one the study's runs join (``--sweep-id``, else ``WANDB_SWEEP_ID``, else the
study's W&B sweep: online, every study is one, :mod:`tuneflow.tracking.sweep`; offline, the one an
earlier online session created); otherwise, offline, a study-wide placeholder
(``tuneflow-<study>-<hash>``); online without a sweep (its creation failed), none (the server
refuses runs naming a sweep it does not know, so the program's own ``project``/``entity``/``id``
then apply). ``--sweep-id none`` (``ProgramTrain(sweep_id="none")``) never sets one. ``wandb sync`` sends an offline run's sweep id with the run, and W&B's server rejects a
sweep it does not hold ("sweep ... not found"), so when a program has ended, tuneflow removes the
placeholder from its run's file (:func:`tuneflow.tracking.runfile.drop_sweep_id`): it uploads as a plain
run, in the sweep's project, under the trial's run id.

Deliberate differences, said once at the start of a study: the program's output is captured
(its last lines are the failure reason) instead of shown; runs are named ``<study>-<trial>`` and
tagged (``WANDB_NAME``/``WANDB_TAGS``, which the program's own ``wandb.init(name=, tags=)``
override); Ctrl-C stops the running programs (SIGTERM, SIGKILL after a grace period) instead of
waiting for them. The objective is read, as W&B Sweeps read it, from the metric in the run's
summary on disk. With W&B off the run goes to a scratch directory removed after reading.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import optuna

from tuneflow.console import say
from tuneflow.engine.trial import TrialContext
from tuneflow.errors import TrialFailed
from tuneflow.keys import RUN_ID_ATTR, RUN_PATH_ATTR
from tuneflow.tracking.follow import FLUSH_ENV, RunFollower
from tuneflow.tracking.reader import READ_ERRORS, read_run, run_dirs, run_file
from tuneflow.tracking.runfile import drop_sweep_id
from tuneflow.tracking.writer import TrialRun

__all__ = ["DEFAULT_COMMAND", "INTERPRETER", "ProgramTrain", "command_line", "program_train"]

DEFAULT_COMMAND = ["${env}", "${interpreter}", "${program}", "${args}"]
#: What ``${interpreter}`` is under ``wandb agent``: ``python``, resolved on PATH by ``/usr/bin/env``.
INTERPRETER = "python"
#: Seconds between SIGTERM and SIGKILL when tuneflow stops a program (W&B's agent: 30 s by default).
KILL_DELAY = 10.0
#: Lines of the program's output kept as a failure reason.
TAIL_LINES = 3


def command_line(command: list[str] | None, program: str, config: dict[str, Any], json_file: Path) -> list[str]:
    """The command line of one trial, built as ``Agent._command_run`` builds it."""
    from wandb.sdk.launch.sweeps import utils as sweep_utils

    template = sweep_utils.create_sweep_command(list(command or DEFAULT_COMMAND))
    variables = sweep_utils.create_sweep_command_args({"args": {k: {"value": v} for k, v in config.items()}})
    if "${args_json_file}" in template:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(variables["args_json"][0], encoding="utf-8")
    variables.update(
        {
            "env": ["/usr/bin/env"] if os.name != "nt" else [],
            "interpreter": [INTERPRETER],
            "program": [program],
            "args_json_file": [str(json_file)],
        }
    )
    out: list[str] = []
    for chunk in map(str, template):
        if chunk.startswith("${") and chunk.endswith("}"):
            out += [str(v) for v in variables.get(chunk[2:-1]) or []]
        else:
            out.append(chunk)
    return out


# -- child processes ------------------------------------------------------------------------------

#: Programs running now (a set's add, discard and copy are each atomic: no lock needed).
_RUNNING: set[subprocess.Popen[bytes]] = set()


def _stop(proc: subprocess.Popen[bytes], grace: float = KILL_DELAY) -> None:
    """Stop a program as W&B's agent stops a run: SIGTERM to the program, SIGKILL ``grace`` s later.

    SIGTERM goes to the program only (``Popen.terminate``, as the agent's): its wandb-core then
    closes the run's file by itself. SIGKILL goes to the whole process group (nothing orphaned).
    """
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL if proc.poll() is None else 0)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5.0)


@atexit.register
def _stop_all() -> None:
    """Programs still running when tuneflow exits (an interrupted study) are stopped, not orphaned."""
    for proc in list(_RUNNING):
        _stop(proc, grace=2.0)


def run_program(
    args: list[str], env: dict[str, str], cwd: Path, out: Path, poll: Callable[[], bool] | None = None
) -> tuple[int, bool]:
    """Run one program to its end; return its exit code (negative: killed by that signal) and
    whether tuneflow stopped it.

    Output (stdout and stderr together) goes to ``out``. ``poll`` is called about every 0.2 s;
    when it returns True the program is stopped (unless it has ended meanwhile: a stop that comes
    after the end changes nothing, as for W&B's agent). Any exception here (Ctrl-C) stops it too.
    """
    # Its own process group, as the agent starts it (Python < 3.11: setpgrp, as the agent does there).
    group: dict[str, Any] = {"process_group": 0} if sys.version_info >= (3, 11) else {"preexec_fn": os.setpgrp}
    with open(out, "wb") as sink:
        proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, **group
        )
    _RUNNING.add(proc)
    try:
        while True:
            try:
                return proc.wait(timeout=0.2), False
            except subprocess.TimeoutExpired:
                if poll is not None and poll():
                    if proc.poll() is not None:
                        return proc.returncode, False
                    _stop(proc)
                    return proc.wait(), True
    except BaseException:
        _stop(proc, grace=2.0)
        raise
    finally:
        _RUNNING.discard(proc)
        _wait_group(proc.pid)


def _wait_group(pgid: int, timeout: float = 10.0) -> None:
    """Wait until the program's process group is empty: its wandb-core has finished the run's file."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


def _tail(path: Path, n: int = TAIL_LINES) -> list[str]:
    """The last ``n`` meaningful lines of the program's output (wandb's banner lines skipped)."""
    lines = [ln.strip() for ln in _output(path).splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("wandb:")] or lines
    return lines[-n:]


_IGNORED = re.compile(r"Ignoring (project|entity|run_id) '([^']*)' when running a sweep")


# -- the train function ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramTrain:
    """A ``(config, trial)`` train function that runs a sweep's ``program`` once per trial.

    ``cwd`` is where programs run (default: the working directory when the recipe was loaded);
    ``sweep_id`` is ``--sweep-id``: ``"none"`` for runs without a sweep id; any other value leaves
    the sweep id to the tracker (the sweep given, or the study's), else offline a placeholder
    (see the module docstring).
    """

    program: str
    command: tuple[str, ...] | None
    metric_names: tuple[str, ...]
    cwd: Path = field(default_factory=Path.cwd)
    sweep_id: str = "auto"
    _noticed: set[str] = field(default_factory=set, compare=False, repr=False)

    @property
    def __name__(self) -> str:
        return f"program:{self.program}"

    @property
    def _template(self) -> list[str]:
        return [str(c) for c in (self.command or DEFAULT_COMMAND)]

    # -- checks and the start line -------------------------------------------------------------

    def problems(self) -> list[str]:
        """Why no trial could run (checked once before the study starts)."""
        if "${program}" not in self._template:
            return []
        if not (self.cwd / self.program).is_file():  # an absolute program path stays as it is
            return [
                f"program: {self.program!r} is not a file in {self.cwd}; like `wandb agent`, tuneflow runs "
                "the program as written, from the directory it is started in: start it from the folder the "
                "program path is relative to (or write the path relative to here)."
            ]
        if "${interpreter}" in self._template and shutil.which(INTERPRETER) is None:
            return [
                f"command: ${{interpreter}} is `{INTERPRETER}` from PATH, as under `wandb agent`, but PATH has "
                "none; activate the environment the program needs, or write its Python in the sweep's `command`."
            ]
        return []

    def start_lines(self, mode: str | None, study_prefix: str, study_sweep: str | None = None) -> list[str]:
        """What differs from ``wandb agent``, said once when a study starts (``mode`` None: W&B off;
        ``study_sweep``: the W&B sweep the study's runs join)."""
        interpreter = shutil.which(INTERPRETER)
        sweep = self._sweep_id(mode, study_prefix, study_sweep)
        if mode is None:
            marks = "W&B off (each run goes to a scratch directory, is read for the metric, then removed)"
        elif sweep and sweep != study_sweep:
            marks = (
                f"as runs of a placeholder sweep {sweep!r} (wandb.init's project/entity/id are ignored, as under "
                "the agent; removed from each run when it ends, so `wandb sync` uploads plain runs)"
            )
        elif sweep:
            marks = f"as runs of sweep {sweep!r} (wandb.init's project/entity/id are ignored, as under the agent)"
        else:
            marks = "without a sweep id (wandb.init's own project/entity/id apply)"
        lines = [
            f"running {self.program} as `wandb agent` would: from {self.cwd}, `python` = {interpreter or INTERPRETER}, "
            f"{marks}; unlike the agent, its output is captured (last lines shown on failure), runs are named "
            "<study>-<trial> and tagged, and Ctrl-C stops running programs"
        ]
        mine = sys.executable
        elsewhere = interpreter is not None and Path(interpreter).parent.resolve() != Path(mine).parent.resolve()
        if elsewhere and "${interpreter}" in self._template:  # not the environment that runs tuneflow
            lines.append(
                f"the program runs with `python` = {interpreter} (the first on PATH, as under `wandb agent`), not "
                f"with {mine}, which runs tuneflow; to use that one, activate its environment "
                f"(`source {Path(mine).parent}/activate`) or write it in the sweep's `command:` "
                f"([{mine}, ${{program}}, ${{args}}])"
            )
        return lines

    def _sweep_id(self, mode: str | None, study_prefix: str, study_sweep: str | None) -> str | None:
        """The sweep id the program's runs carry: the study's (the tracker's: given, from
        ``WANDB_SWEEP_ID``, or its own), else, offline and unless ``sweep_id="none"``, the placeholder
        ``tuneflow-<study run prefix>``."""
        if study_sweep or mode == "online" or self.sweep_id == "none":
            return study_sweep
        return f"tuneflow-{study_prefix}"

    # -- one trial ------------------------------------------------------------------------------

    def __call__(self, config: dict[str, Any], trial: TrialContext) -> dict[str, Any]:
        from wandb.sdk.lib import config_util

        slot = trial.tracker_slot if isinstance(trial.tracker_slot, TrialRun) else None
        run_id = slot.run_id if slot is not None else f"tuneflow-{os.getpid()}-{trial.number}"
        prefix = run_id.rsplit("-t", 1)[0]  # the study's run-id prefix (runs.StudyInfo.run_id)
        scratch = Path(tempfile.mkdtemp(prefix="tuneflow-program-"))
        # Its own wandb-core (no WANDB_SERVICE); the run's file written every second, so it can be followed.
        env = {k: v for k, v in os.environ.items() if k not in ("WANDB_SERVICE", "WANDB_SWEEP_ID")} | FLUSH_ENV
        try:
            if slot is not None:
                connection = slot.connection
                mode, directory, wandb_config = connection.mode, connection.directory, slot.config
                extra = {
                    "WANDB_PROJECT": connection.project,
                    "WANDB_ENTITY": connection.entity,
                    "WANDB_NAME": slot.name,
                    "WANDB_TAGS": ",".join(slot.tags),
                    "WANDB_RUN_GROUP": slot.group,
                    "WANDB_INIT_TIMEOUT": str(connection.init_timeout),
                }
                env.update({k: v for k, v in extra.items() if v})
                slot.external = True
                sweep_id = self._sweep_id(mode, prefix, slot.sweep_id)
            else:  # W&B off: the run only carries the metric back, in a scratch directory
                mode, directory, wandb_config, sweep_id = "offline", str(scratch), config, "tuneflow"
            wandb_dir = Path(directory) / "wandb"
            sweep_dir = wandb_dir / f"sweep-{sweep_id or 'tuneflow'}"
            param_path = sweep_dir / f"config-{run_id}.yaml"
            sweep_dir.mkdir(parents=True, exist_ok=True)
            config_util.save_config_file_from_dict(str(param_path), {k: {"value": v} for k, v in wandb_config.items()})
            env.update({"WANDB_RUN_ID": run_id, "WANDB_SWEEP_PARAM_PATH": str(param_path), "WANDB_DIR": str(directory)})
            json_file = sweep_dir / f"config-{run_id}.json"
            args = command_line(list(self.command) if self.command else None, self.program, config, json_file)
            out = scratch / "output.log"
            started = time.time()
            feed = _MetricFeed(trial, wandb_dir, run_id, self.metric_names[0]) if len(self.metric_names) == 1 else None
            try:
                code, stopped = run_program(
                    args, env | _mode_env(mode, sweep_id), self.cwd, out, feed.poll if feed else None
                )
            finally:
                if feed is not None:
                    feed.close()
            if code != 0 and mode == "online" and slot is not None and _unreachable(out):
                # W&B is down: go offline for the rest of the study (once) and rerun this trial.
                slot.connection.fall_back(RuntimeError((_tail(out, 1) or ["W&B unreachable"])[-1]))
                mode = slot.connection.mode
                sweep_id = self._sweep_id(mode, prefix, slot.sweep_id)
                code, stopped = run_program(args, env | _mode_env(mode, sweep_id), self.cwd, out)
            trial.exit_code = code
            self._notice_ignored(out)
            run_dir = _find_run(wandb_dir, run_id, out, None if sweep_id else started)
            if run_dir is not None and slot is not None and sweep_id and sweep_id != slot.sweep_id:  # a placeholder
                # so that `wandb sync` uploads it (W&B's server refuses a sweep it does not hold)
                drop_sweep_id(run_dir / f"run-{run_id}.wandb", sweep_id)
            run: dict[str, Any] = {}
            if run_dir is not None and slot is not None:  # a program that crashed after wandb.init: counted too
                slot.run_dir = run_dir
                with contextlib.suppress(*READ_ERRORS):
                    run = read_run(run_dir)
                if run:
                    _record_run_path(trial, run)
            if stopped and feed is not None:  # the pruner said stop
                if feed.follower.exit_code == 0:  # the stop reached a program that had already finished its run
                    code = 0
                else:  # its run is left as W&B's agent leaves a stopped run
                    raise optuna.TrialPruned(feed.pruned)
            tail = " | ".join(_tail(out)) or "no output"
            if code != 0:
                how = f"exited with code {code}" if code > 0 else f"was killed by {_signame(-code)}"
                raise TrialFailed(f"program {self.program} {how}: {tail}")
            if run_dir is None:
                raise TrialFailed(
                    f"program {self.program} wrote no W&B run {run_id} under {wandb_dir} "
                    f"(does it call wandb.init()?): {tail}"
                )
            summary = {k: v for k, v in (run or read_run(run_dir)).get("summary", {}).items() if not k.startswith("_")}
            missing = [n for n in self.metric_names if n not in summary]  # a run that cannot be read says why above
            if missing:
                logged = ", ".join(summary) or "nothing"
                raise TrialFailed(
                    f"program {self.program} logged no {missing[0]!r} to its run summary (it logged: {logged})"
                )
            return summary
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _notice_ignored(self, out: Path) -> None:
        """Say once per value that the SDK ignored the program's own project/entity/id."""
        notes = [f"{key}={value!r}" for key, value in _IGNORED.findall(_output(out))]
        new = [n for n in dict.fromkeys(notes) if n not in self._noticed]
        if new:
            self._noticed.update(new)
            say(
                f"{self.program} passes {', '.join(new)} to wandb.init; W&B ignores "
                f"{'them' if len(new) > 1 else 'it'} in a sweep run, as under `wandb agent`"
            )


class _MetricFeed:
    """Feeds the metric the program logs into its trial while it runs, and asks the pruner.

    Each value is ``trial.report(value, step)`` with step = how many times the metric was logged;
    after new values, ``trial.should_prune()`` (whichever pruner the study has) decides, and a
    pruned program is stopped. Used only with one metric (Optuna's pruning is single-objective).
    """

    def __init__(self, trial: TrialContext, wandb_dir: Path, run_id: str, metric: str) -> None:
        self.trial = trial
        self.pruned: str | None = None
        self.follower = RunFollower(wandb_dir, run_id, metric).start()

    def _feed(self) -> list[tuple[int, float]]:
        values = self.follower.take()
        for step, value in values:
            self.trial.report(value, step)
        return values

    def poll(self) -> bool:
        """True when the program should be stopped (the pruner said so)."""
        if self.pruned is None and (values := self._feed()) and self.trial.should_prune():
            step, value = values[-1]
            self.pruned = f"pruned at step {step} ({self.follower.metric} = {value:g})"
        return self.pruned is not None

    def close(self) -> None:
        """After the program ended: read what it logged last, stop following.

        A run that ended normally is read to its exit record; a stopped one has none, so its
        last records (flushed by its wandb-core within a second) are waited for 1.5 s.
        """
        self.follower.close(linger=1.5 if self.pruned else 5.0)
        self._feed()


def _mode_env(mode: str, sweep_id: str | None) -> dict[str, str]:
    """The program's ``WANDB_MODE`` and, when its run joins a sweep, ``WANDB_SWEEP_ID``."""
    return {"WANDB_MODE": mode} | ({"WANDB_SWEEP_ID": sweep_id} if sweep_id else {})


def _signame(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _output(out: Path) -> str:
    """The program's whole output ("" when it left none)."""
    try:
        return out.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _unreachable(out: Path) -> bool:
    """Whether a program failed because ``wandb.init`` could not reach the server."""
    text = _output(out)
    # Text is the only signal here: the error was raised in the program's process, read from its output.
    return "CommError" in text or "init_timeout" in text or "Timed out while retrying" in text


def _find_run(wandb_dir: Path, run_id: str, out: Path, since: float | None) -> Path | None:
    """The run directory the program wrote: under the trial's run id, or (when the program chose its
    own id, possible without a sweep id) the one its output names, else the newest since ``since``."""
    if (found := run_file(wandb_dir, run_id)) is not None:
        return found.parent
    for name in reversed(_RUN_DIR.findall(_output(out))):
        if any((wandb_dir / name).glob("run-*.wandb")):
            return wandb_dir / name
    if since is None:
        return None
    fresh = [p for p in run_dirs(wandb_dir) if p.stat().st_mtime >= since]
    return max(fresh, key=lambda p: p.stat().st_mtime, default=None)


_RUN_DIR = re.compile(r"\b((?:offline-)?run-\d{8}_\d{6}-[A-Za-z0-9_-]+)")


def _record_run_path(trial: TrialContext, run: dict[str, Any]) -> None:
    """Store where the run really is (entity/project/id as the run wrote them) on the trial."""
    path = "/".join(p for p in (run.get("entity"), run.get("project"), run.get("run_id")) if p)
    with contextlib.suppress(Exception):  # broad: a storage driver's error must not fail a finished trial
        trial.optuna_trial.set_user_attr(RUN_ID_ATTR, run.get("run_id"))
        trial.optuna_trial.set_user_attr(RUN_PATH_ATTR, path)


def program_train(recipe: Any) -> ProgramTrain:
    """The train function of a sweep recipe with a ``program``, run from here (the working directory)."""
    return ProgramTrain(
        program=str(recipe.program),
        command=tuple(str(c) for c in recipe.command) if recipe.command else None,
        metric_names=tuple(m.name for m in recipe.metrics),
    )
