"""`tuneflow dashboard`: a real optuna-dashboard server on the study's storage, read over HTTP."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import require

import tuneflow
from tuneflow.cli import main

HAS_DASHBOARD = importlib.util.find_spec("optuna_dashboard") is not None
READY_TIMEOUT = 30.0


def _quadratic(config: dict[str, Any]) -> float:
    return (config["x"] - 1.0) ** 2 + abs(config["y"])


@pytest.fixture
def study_db(tmp_path: Path) -> tuple[str, tuneflow.TuneResult]:
    """A finished 6-trial study in a SQLite file, as `tuneflow run` leaves it."""
    recipe = tuneflow.Recipe(
        name="quadratic",
        train=_quadratic,
        parameters={"x": {"min": -3.0, "max": 3.0}, "y": {"min": -1.0, "max": 1.0}},
        metric={"name": "loss", "goal": "minimize"},
        seed=0,
    )
    url = f"sqlite:///{tmp_path / 'study.db'}"
    return url, tuneflow.tune(recipe, n_trials=6, storage=url, wandb=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _wait_ready(proc: subprocess.Popen[str], url: str) -> Any:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the dashboard exited with {proc.returncode}:\n{proc.communicate()[0]}")
        try:
            return _get(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"the dashboard did not answer {url} within {READY_TIMEOUT:.0f} s")


@pytest.mark.slow
def test_dashboard_serves_the_study_over_http(study_db: tuple[str, tuneflow.TuneResult]) -> None:
    require("optuna-dashboard", HAS_DASHBOARD)
    url, result = study_db
    port = _free_port()
    cmd = [sys.executable, "-c", "from tuneflow.cli import main; main()", "dashboard", "--storage", url]
    proc = subprocess.Popen(
        [*cmd, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        summaries = _wait_ready(proc, f"{base}/api/studies")["study_summaries"]
        assert [s["study_name"] for s in summaries] == ["quadratic"]
        assert summaries[0]["directions"] == ["minimize"]
        detail = _get(f"{base}/api/studies/{summaries[0]['study_id']}")
        assert len(detail["trials"]) == len(result.study.trials) == 6
        best = detail["best_trials"][0]
        assert best["number"] == result.best_trial.number
        assert best["values"] == pytest.approx([result.best_value])
        shown = {p["name"]: p["param_internal_value"] for p in best["params"]}
        assert shown == pytest.approx(result.best_trial.params)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output  # the CLI says where it listens


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--storage", "memory"], "in-memory study lives only inside the process"),
        ([], "sqlite:///tuneflow.db has no database file at 'tuneflow.db'; run `tuneflow run RECIPE` here first"),
        (["--storage", "sqlite:///elsewhere.db"], "no database file at 'elsewhere.db'"),
        (  # the storage's own error, said once, password masked
            ["--storage", "postgresql://ann:hunter2@127.0.0.1:1/optuna"],
            "error: cannot start the dashboard: storage: cannot open postgresql://ann:***@127.0.0.1:1/optuna: ",
        ),
    ],
)
def test_dashboard_refuses_storages_it_cannot_show(args: list[str], message: str) -> None:
    out = CliRunner().invoke(main, ["dashboard", *args])
    assert out.exit_code == 2
    assert message in out.output and out.output.count("storage:") == 1 and "hunter2" not in out.output
    assert not Path("elsewhere.db").exists() and not Path("tuneflow.db").exists()  # nothing created


def test_dashboard_reports_a_busy_port(study_db: tuple[str, tuneflow.TuneResult]) -> None:
    require("optuna-dashboard", HAS_DASHBOARD)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = CliRunner().invoke(main, ["dashboard", "--storage", study_db[0], "--port", str(port)])
    assert out.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in out.output
    assert "--port" in out.output
