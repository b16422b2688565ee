"""The reaper's reads: on a database, the RUNNING trials only, filtered by the database."""

from __future__ import annotations

from pathlib import Path

import optuna
import pytest
from optuna.storages._cached_storage import _CachedStorage
from optuna.trial import TrialState

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.liveness import Keeper
from tuneflow.engine.storage import StorageSettings, open_storage
from tuneflow.keys import OWNER_ATTR


def test_reaping_a_database_makes_no_pass_over_optunas_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Optuna's cache would sync and then filter every trial it holds in Python, once a heartbeat."""
    study = optuna.create_study(storage=open_storage(f"sqlite:///{tmp_path / 'r.db'}"))
    study.optimize(lambda t: 0.0, n_trials=3)
    dead = study.ask()
    # an owner on this machine whose process is gone: the reaper fails it at once
    machine = Keeper(study, StorageSettings()).owner.rsplit(":", 2)[0]
    adapter.storage_of(study).set_trial_system_attr(adapter.trial_id(dead), OWNER_ATTR, f"{machine}:999999999:1")
    monkeypatch.setattr(_CachedStorage, "get_all_trials", None)  # a pass over the cache would raise
    assert Keeper(study, StorageSettings()).reap() == [dead.number]
    monkeypatch.undo()
    assert study.trials[dead.number].state == TrialState.FAIL
    assert study.trials[-1].state == TrialState.WAITING  # queued again
