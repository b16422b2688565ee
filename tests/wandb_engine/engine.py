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

__all__ = ["EngineSession", "engine_python", "wandb_draws", "wandb_grid", "wandb_stop_runs", "wandb_validate"]

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


def _answer_or_raise(answer: dict[str, Any], python: Path, op: Any) -> dict[str, Any]:
    if "error" in answer:
        raise RuntimeError(f"W&B sweeps engine ({python}, op {op!r}): {answer['error']}")
    return answer


class EngineSession:
    """One long-lived ``probe.py --serve`` process: many requests without a python start each.

    ``next_config(sweep, runs, seed)`` asks W&B's engine for its next run config given the finished
    runs (``[{"config": wrapped, "value": y}]``), so the objective is evaluated on our side. Use as
    a context manager; the process ends when the session closes.
    """

    def __init__(self) -> None:
        self.python = engine_python()
        self._proc = subprocess.Popen(
            [str(self.python), "-I", str(PROBE), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_clean_env(),
        )

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        """Send one request, return its answer; RuntimeError if the engine failed or died."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"sweeps engine process ({self.python}) exited {self._proc.poll()} without answering")
        return _answer_or_raise(json.loads(line), self.python, request.get("op"))

    def next_config(self, sweep: dict[str, Any], runs: list[dict[str, Any]], seed: int) -> dict[str, Any]:
        """The engine's next run config (wrapped: ``{"name": {"value": v}}``)."""
        answer = self.ask({"op": "next", "config": sweep, "runs": runs, "seed": seed})
        config: dict[str, Any] = answer["config"]
        return config

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> EngineSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
