"""mypy is clean on the package (configured in pyproject.toml), so CI enforces the types."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import REPO_ROOT, require


@pytest.mark.slow
def test_mypy_is_clean_on_the_package() -> None:
    require("mypy (pip install -e '.[dev]')", importlib.util.find_spec("mypy") is not None)
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "tuneflow"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
