"""Reading W&B runs back from disk with W&B's own reader.

:func:`read_run` reads an offline run directory with the reader behind
``wandb leet inspect --summary --json RUN_DIR`` (called directly in the bundled ``wandb-core``
binary, which takes ~20 ms instead of ~1.2 s for the Python CLI).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["READ_ERRORS", "core_path", "inspect_command", "read_records", "read_run", "run_dirs", "run_file"]

#: What reading a run can raise: no or several run files, the reader failed or timed out, bad JSON.
READ_ERRORS = (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired)


def core_path() -> str | None:
    """The bundled wandb-core binary, or None when this wandb has none (import it in the caller's
    thread: importing wandb from two threads at once can fail half-way, measured with n_jobs > 1)."""
    from wandb.errors import WandbCoreNotAvailableError
    from wandb.util import get_core_path

    try:
        return str(get_core_path())
    except WandbCoreNotAvailableError:
        return None


def inspect_command(run_file: Path, *flags: str, core: str | None) -> list[str]:
    """``wandb leet inspect --json FLAGS RUN_FILE``: as the wandb CLI runs it, in the wandb-core
    binary ``core`` (with flags the CLI passes it but does not document), else the CLI itself."""
    if core is None:
        return [sys.executable, "-m", "wandb", "leet", "inspect", "--json", *flags, str(run_file)]
    args = [core, "leet", "inspect", "--no-observability", "--json", *flags]
    return [*args, "--run-file", str(run_file), str(run_file.parent.parent)]


def _inspect(run_dir: str | Path, summary: bool) -> str:
    files = sorted(Path(run_dir).glob("run-*.wandb"))
    if len(files) != 1:
        raise FileNotFoundError(f"{run_dir} holds {len(files)} .wandb files, expected 1")
    command = inspect_command(files[0], *(["--summary"] if summary else []), core=core_path())
    out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"cannot read W&B run {run_dir}: {out.stderr.strip() or out.stdout.strip()}")
    return out.stdout


def read_run(run_dir: str | Path) -> dict[str, Any]:
    """State, config, summary, tags of an offline run, as ``wandb leet inspect --summary --json``."""
    return json.loads(_inspect(run_dir, True))


def read_records(run_dir: str | Path) -> list[dict[str, Any]]:
    """Every record of an offline run's ``.wandb`` log (``wandb leet inspect --json``)."""
    return [json.loads(line) for line in _inspect(run_dir, False).splitlines() if line.strip()]


def run_file(wandb_dir: Path, run_id: str) -> Path | None:
    """The ``.wandb`` log of run ``run_id`` under a ``wandb`` directory (offline or online), if any;
    the first by name, so an ``offline-run-*`` before a ``run-*``."""
    return min(wandb_dir.glob(f"*run-*-{run_id}/run-{run_id}.wandb"), default=None)


def run_dirs(wandb_dir: str | Path) -> list[Path]:
    """Run directories (offline or online) under a ``wandb`` directory, oldest first."""
    root = Path(wandb_dir)
    if (root / "wandb").is_dir() and not any(root.glob("*run-*")):
        root = root / "wandb"
    return sorted(p for p in root.glob("*run-*") if p.is_dir() and any(p.glob("run-*.wandb")))
