"""Run W&B's open-source ``sweeps`` engine out of process, as a reference for tests.

``sweeps`` pins ``numpy<2``, so it lives in its own virtual environment and is never
imported here: each call runs ``probe.py`` under that environment's python.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["engine_python", "wandb_draws", "wandb_grid", "wandb_stop_runs", "wandb_validate"]

ENV_VAR = "TUNEFLOW_SWEEPS_PYTHON"
PROBE = Path(__file__).resolve().with_name("probe.py")
REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_DIR = REPO_ROOT / ".cache" / "sweeps-venv"
TIMEOUT = 300.0


def _clean_env() -> dict[str, str]:
    """The environment minus variables that would leak the main venv into the engine's."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _has_sweeps(python: Path) -> bool:
    if not python.exists():
        return False
    try:
        proc = subprocess.run(
            [str(python), "-I", "-c", "import sweeps"],
            check=False,
            capture_output=True,
            env=_clean_env(),
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _create_venv(venv: Path) -> None:
    """(Re)create ``venv`` and install ``sweeps`` into it; raise RuntimeError on failure."""
    if venv.exists():
        shutil.rmtree(venv)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(_venv_python(venv)),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "sweeps",
        ],
    ]
    for cmd in steps:
        try:
            proc = subprocess.run(
                cmd,
                check=False,
                capture_output=True,
                text=True,
                env=_clean_env(),
                timeout=900,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"creating the sweeps venv failed: {cmd}: {exc}") from exc
        if proc.returncode != 0:
            raise RuntimeError(
                f"creating the sweeps venv at {venv} failed "
                f"({' '.join(cmd)} exited {proc.returncode}):\n" + _tail(proc.stdout + "\n" + proc.stderr)
            )


@functools.cache
def engine_python() -> Path:
    """Path to a python that can ``import sweeps``.

    Uses ``$TUNEFLOW_SWEEPS_PYTHON`` if set; otherwise ``<repo>/.cache/sweeps-venv``,
    created on first use (``python -m venv`` + ``pip install sweeps``) under a file lock.
    Raises RuntimeError, with pip's output tail, if the venv cannot be created.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    python = _venv_python(VENV_DIR)
    VENV_DIR.parent.mkdir(parents=True, exist_ok=True)
    lock_path = VENV_DIR.parent / "sweeps-venv.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not _has_sweeps(python):
                _create_venv(VENV_DIR)
                if not _has_sweeps(python):
                    raise RuntimeError(f"{python} still cannot `import sweeps` after installing it")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return python


def _ask(request: dict[str, Any]) -> dict[str, Any]:
    """Send one request to probe.py under the engine's python; return its answer."""
    python = engine_python()
    try:
        proc = subprocess.run(
            [str(python), "-I", str(PROBE)],
            input=json.dumps(request),
            check=False,
            capture_output=True,
            text=True,
            env=_clean_env(),
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"sweeps probe timed out after {TIMEOUT:.0f} s on op {request.get('op')!r}") from exc
    try:
        answer = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"sweeps probe ({python}) exited {proc.returncode} without a JSON answer:\n"
            + _tail(proc.stdout + "\n" + proc.stderr)
        ) from None
    if "error" in answer:
        raise RuntimeError(f"W&B sweeps engine: {answer['error']}")
    return answer


def wandb_draws(parameters: dict[str, Any], n: int = 2000, seed: int = 0) -> dict[str, list[Any]]:
    """Draw ``n`` random-search runs with W&B's engine; values per flattened name.

    Nested ``parameters`` are flattened with '.', e.g. ``model.lr``.
    """
    request = {"op": "draws", "parameters": parameters, "n": n, "seed": seed}
    return _ask(request)["draws"]


def wandb_grid(parameters: dict[str, Any]) -> list[dict[str, Any]]:
    """Every config W&B's grid search enumerates, shaped like ``wandb.config`` (nested)."""
    return _ask({"op": "grid", "parameters": parameters})["configs"]


def wandb_validate(sweep_config: dict[str, Any]) -> list[str]:
    """W&B's schema violations for a whole sweep config (empty list when valid)."""
    return _ask({"op": "validate", "config": sweep_config})["violations"]


def wandb_stop_runs(sweep_config: dict[str, Any], snapshots: list[list[dict[str, Any]]]) -> list[list[str]]:
    """The names of the runs W&B's ``stop_runs`` stops, for each snapshot of a sweep's runs.

    A run is ``{"name": str, "state": "running" | "finished" | "killed" | ..., "history": [row, ...]}``
    with history rows shaped like ``wandb.log`` dicts. One subprocess answers every snapshot.
    """
    return _ask({"op": "stop", "config": sweep_config, "snapshots": snapshots})["stopped"]
