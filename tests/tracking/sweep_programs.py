"""What the program-sweep tests share: a `python` on PATH as `wandb agent` finds it, and a sweep
YAML beside the program it runs."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def python_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """`${interpreter}` is `python` from PATH, as under `wandb agent`: the test's environment is the user's."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


def write_program_sweep(where: Path, program: str, parameters: str, extra: str = "") -> Path:
    """``where/train.py`` holding ``program`` and ``where/sweep.yaml`` running it by random search
    for the lowest ``loss`` over ``parameters`` (YAML lines under ``parameters:``), then ``extra``."""
    (where / "train.py").write_text(program)
    sweep = where / "sweep.yaml"
    sweep.write_text(
        "program: train.py\nmethod: random\nmetric: {name: loss, goal: minimize}\nparameters:\n"
        + textwrap.indent(textwrap.dedent(parameters).strip() + "\n", "  ")
        + extra
    )
    return sweep
