"""Shared test setup: W&B never goes online, every test works in its own directory."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
RECIPES_DIR = REPO_ROOT / "recipes"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session", autouse=True)
def _sigint_handled() -> None:
    """Ctrl-C as Python handles it by default, even when pytest was started with SIGINT ignored (a
    background job of a shell without job control inherits SIG_IGN, and so would every
    ``tuneflow`` the tests start): tuneflow rightly leaves an ignored signal ignored, so its
    Ctrl-C tests would test the shell instead (and an unbounded study would never end)."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run each test in a fresh directory with W&B offline, writing under that directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WANDB_MODE", "offline")
    monkeypatch.setenv("WANDB_SILENT", "true")
    monkeypatch.setenv("WANDB_DIR", str(tmp_path))
    monkeypatch.setenv("WANDB_CONFIG_DIR", str(tmp_path / ".wandb-config"))
    monkeypatch.setenv("WANDB_CACHE_DIR", str(tmp_path / ".wandb-cache"))
    # wandb records this process's service in WANDB_SERVICE when a test writes a run in-process; a
    # process a later test starts would attach to that service (gone, or shared with this process).
    monkeypatch.delenv("WANDB_SERVICE", raising=False)
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.delenv("WANDB_BASE_URL", raising=False)
    return tmp_path


def require(component: str, available: bool) -> None:
    """Skip a test whose real component is missing, except in CI, where that is a failure."""
    if available:
        return
    message = f"{component} is not available on this machine"
    if IN_CI:
        pytest.fail(f"{message}; .ci/run must install it (CI=true)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A throw-away PostgreSQL server for the session (tests/postgres.py); each test makes a database."""
    from postgres import PostgresServer, available

    require("PostgreSQL (/usr/lib/postgresql/*/bin and psycopg)", available())
    server = PostgresServer.start()
    yield server
    server.close()


class ExecutedNotebooks:
    """Each notebook of notebooks/ executed at most once per session, in a real Jupyter kernel, by
    the executor the documentation build uses (docs/hooks/notebooks.py): the notebook tests check
    the outputs, and the docs test builds the site from the same copies. ``root`` is shared by the
    session's test processes (xdist): the first to ask executes a notebook under a lock, the others
    read its copy (the notebook and docs tests land on different processes: ~45 s once, not twice)."""

    def __init__(self, root: Path) -> None:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "docs_notebooks_hook", REPO_ROOT / "docs" / "hooks" / "notebooks.py"
        )
        assert spec is not None and spec.loader is not None
        self.hook = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.hook)
        self.root = root
        self._done: dict[str, Any] = {}

    def get(self, name: str) -> tuple[Any, Path]:
        """The executed notebook and the directory it ran in (its files and W&B runs)."""
        import fcntl

        import nbformat

        workdir = self.root / name.removesuffix(".ipynb")
        if name not in self._done:
            executed = self.root / f"{name}.executed"
            with (self.root / f"{name}.lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
                if not executed.exists():
                    nb = self.hook.execute_notebook(REPO_ROOT / "notebooks" / name, workdir)
                    nbformat.write(nb, executed)
            self._done[name] = nbformat.read(executed, as_version=4)
        return self._done[name], workdir

    def write_all(self, dest: Path) -> Path:
        """Every notebook, executed, written to ``dest`` (what TUNEFLOW_DOCS_NOTEBOOKS reads)."""
        import nbformat

        dest.mkdir(parents=True, exist_ok=True)
        for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
            nbformat.write(self.get(path.name)[0], dest / path.name)
        return dest


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory: pytest.TempPathFactory) -> ExecutedNotebooks:
    base = tmp_path_factory.getbasetemp()
    # under xdist each worker's base directory sits in the session's: the notebooks are shared there
    session = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = session / "notebooks-shared"
    root.mkdir(exist_ok=True)
    return ExecutedNotebooks(root)
