"""PostgreSQL restarted while a trial runs: the trial's value is stored and the worker goes on.

The server is a real one started by the test (tests/postgres.py); the worker is a real
``tuneflow worker`` process. Its first trial runs 3 s; 0.3 s in, the server stops (immediate
shutdown: every connection is cut) and comes back 4 s later, after the trial has finished, so
the result can only be stored by retrying.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from postgres import PASSWORD
from procs import finish, start, states, trials, wait_for, write_recipe

from tuneflow.engine.storage import check_storage_url, open_storage, storage_kind
from tuneflow.redact import redact_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_database_restart_mid_trial_keeps_the_value(postgres_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    storage = postgres_server.new_database()
    recipe = write_recipe(tmp_path, "random")
    env = {"TF_SLOW_FROM": "0", "TF_SLOW": "3", "TUNEFLOW_HEARTBEAT_INTERVAL": "1", "TUNEFLOW_GRACE_PERIOD": "30"}
    proc = start("worker", recipe, storage, "--n-trials", "2", env=env)
    wait_for(tmp_path / "start-0")
    time.sleep(0.3)
    postgres_server.stop()
    time.sleep(4)
    postgres_server.start_again()
    code, out = finish(proc)
    assert code == 0, out
    assert "storage unavailable while storing trial 0" in out
    assert PASSWORD not in out
    all_trials = trials(storage)
    assert states(all_trials) == {"COMPLETE": 2}
    first = next(t for t in all_trials if t.number == 0)
    assert first.value == pytest.approx(first.params["x"])


def test_postgres_urls_are_mapped_to_psycopg(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.new_database()
    for variant in (
        url,
        url.replace("postgresql://", "postgres://"),
        url.replace("postgresql://", "postgresql+psycopg://"),
    ):
        assert check_storage_url(variant) == []
        backend = open_storage(variant)
        assert storage_kind(backend) == "postgresql"
        assert backend.url.startswith("postgresql+psycopg://")  # type: ignore[attr-defined]


def test_unreachable_postgres_is_a_clear_error_without_the_password(postgres_server) -> None:  # type: ignore[no-untyped-def]
    from tuneflow.errors import StorageError

    url = postgres_server.url().replace(str(postgres_server.port), "1")  # nothing listens on port 1
    with pytest.raises(StorageError) as info:
        open_storage(url)
    message = str(info.value)
    assert PASSWORD not in message
    assert redact_url(url) in message
