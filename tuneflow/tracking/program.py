"""Running a sweep YAML's ``program`` as the train function, the way ``wandb agent`` runs it.

Each trial runs the sweep's ``command`` (W&B's default ``${env} ${interpreter} ${program}
${args}``, expanded by W&B's own helpers, so ``${args_no_hyphens}``, ``${args_json}`` etc. mean
what they mean there) as a subprocess with ``--key=value`` arguments and the environment a W&B
agent gives it: ``WANDB_RUN_ID``, ``WANDB_SWEEP_PARAM_PATH`` (the trial's config, which the
program's ``wandb.init()`` loads into ``wandb.config``), ``WANDB_MODE``, ``WANDB_PROJECT``,
``WANDB_DIR``. The objective is read, as W&B Sweeps read it, from the metric's value in the
run's summary on disk. The program's run is the trial's run (tuneflow writes no second one);
with W&B off, the run goes to a temporary directory that is removed after reading.

A non-zero exit code, or a run without the metric, fails the trial with the program's last
output lines as the reason. Program trials are separate processes, so ``n_jobs > 1`` works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tuneflow.engine.trial import TrialContext
from tuneflow.errors import TrialFailed
from tuneflow.tracking.reader import read_run
from tuneflow.tracking.writer import TrialRun

__all__ = ["program_train"]

DEFAULT_COMMAND = ["${env}", "${interpreter}", "${program}", "${args}"]


def _command(command: list[str] | None, program: str, config: dict[str, Any], workdir: Path) -> list[str]:
    """The command line of one trial, expanded with W&B's own sweep-command helpers."""
    from wandb.sdk.launch.sweeps import utils as sweep_utils

    template = sweep_utils.create_sweep_command(list(command or DEFAULT_COMMAND))
    variables = sweep_utils.create_sweep_command_args({"args": {k: {"value": v} for k, v in config.items()}})
    json_file = workdir / "config.json"
    json_file.write_text(variables["args_json"][0], encoding="utf-8")
    variables.update(
        {
            "env": ["/usr/bin/env"] if os.name != "nt" else [],
            "interpreter": [sys.executable],
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


def _unreachable(stderr: str | None) -> bool:
    """Whether a program failed because ``wandb.init`` could not reach the server."""
    text = stderr or ""
    return "CommError" in text or "init_timeout" in text or "Timed out while retrying" in text


def _find_run(wandb_dir: Path, run_id: str) -> Path | None:
    for pattern in (f"offline-run-*-{run_id}", f"run-*-{run_id}"):
        for path in sorted(wandb_dir.glob(pattern)):
            if any(path.glob("run-*.wandb")):
                return path
    return None


def program_train(recipe: Any, base_dir: str | Path = ".") -> Callable[[dict[str, Any], TrialContext], Any]:
    """A ``(config, trial)`` train function that runs ``recipe.program`` once per trial.

    With W&B on, the trial's tracker slot (a :class:`~tuneflow.tracking.writer.TrialRun`) says
    which run the program must write (id, name, tags, connection): the program's own run *is*
    the trial's run. With W&B off, the program writes an offline run in a scratch directory
    that only carries the metric back.
    """
    program = str(recipe.program)
    base = Path(base_dir)
    path = base / program if not Path(program).is_absolute() else Path(program)
    command = list(recipe.command) if recipe.command else None
    metric_names = [m.name for m in recipe.metrics]

    def train(config: dict[str, Any], trial: TrialContext) -> dict[str, Any]:
        from wandb.sdk.lib import config_util

        slot = trial.tracker_slot if isinstance(trial.tracker_slot, TrialRun) else None
        connection = slot.connection if slot is not None else None
        run_id = slot.run_id if slot is not None else f"tuneflow-program-{os.getpid()}-{trial.number}"
        scratch = Path(tempfile.mkdtemp(prefix="tuneflow-program-"))
        try:
            if slot is not None and connection is not None:
                mode, directory = connection.mode, connection.directory
                wandb_config = slot.config
                extra_env = {
                    "WANDB_PROJECT": connection.project,
                    "WANDB_ENTITY": connection.entity,
                    "WANDB_NAME": slot.name,
                    "WANDB_TAGS": ",".join(slot.tags),
                    "WANDB_RUN_GROUP": slot.group,
                }
                slot.external = True
            else:  # W&B off: the run only carries the metric back, in a scratch directory
                mode, directory, wandb_config, extra_env = "offline", str(scratch), config, {}
            param_path = scratch / "config.yaml"
            config_util.save_config_file_from_dict(str(param_path), {k: {"value": v} for k, v in wandb_config.items()})
            # Not WANDB_SERVICE: the program starts its own wandb-core, as under `wandb agent`
            # (ours may be restarted by the offline fallback while the program runs).
            env = {k: v for k, v in os.environ.items() if k != "WANDB_SERVICE"}
            env.update({k: v for k, v in extra_env.items() if v})
            env.update(
                {
                    "WANDB_RUN_ID": run_id,
                    "WANDB_SWEEP_PARAM_PATH": str(param_path),
                    "WANDB_MODE": mode,
                    "WANDB_DIR": str(directory),
                    "WANDB_SILENT": "true",
                }
            )
            if connection is not None:
                env["WANDB_INIT_TIMEOUT"] = str(connection.init_timeout)
            args = _command(command, str(path), config, scratch)
            proc = subprocess.run(args, cwd=base, env=env, capture_output=True, text=True)
            if proc.returncode != 0 and mode == "online" and connection is not None and _unreachable(proc.stderr):
                # W&B is down: go offline for the rest of the study (once) and rerun this trial.
                connection.fall_back(RuntimeError(proc.stderr.strip().splitlines()[-1]))
                mode = env["WANDB_MODE"] = connection.mode
                proc = subprocess.run(args, cwd=base, env=env, capture_output=True, text=True)
            tail = " | ".join((proc.stderr or proc.stdout or "").strip().splitlines()[-3:])
            if proc.returncode != 0:
                raise TrialFailed(f"program {program} exited with code {proc.returncode}: {tail}")
            run_dir = _find_run(Path(directory) / "wandb", run_id)
            if run_dir is None:
                raise TrialFailed(f"program {program} wrote no W&B run {run_id} (does it call wandb.init()?)")
            if slot is not None:
                slot.run_dir = run_dir
            summary = read_run(run_dir).get("summary") or {}
            missing = [n for n in metric_names if n not in summary]
            if missing:
                logged = ", ".join(k for k in summary if not k.startswith("_")) or "nothing"
                raise TrialFailed(
                    f"program {program} logged no {missing[0]!r} to its run summary (it logged: {logged})"
                )
            return {k: v for k, v in summary.items() if not k.startswith("_")}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    train.__name__ = f"program:{program}"
    return train
