"""Creating or resuming a recipe's study: the uid its creator writes, what loaders see."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import optuna
import pytest

import tuneflow
from tuneflow.engine.study import create_study
from tuneflow.keys import STUDY_ATTR, STUDY_UID_ATTR


def _recipe() -> tuneflow.Recipe:
    return tuneflow.Recipe(
        name="s", train=lambda config: config["x"], parameters={"x": {"min": 0.0, "max": 1.0}}, method="random"
    )


def test_the_creator_writes_a_uid_and_a_resume_keeps_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    first = create_study(_recipe(), url).user_attrs[STUDY_UID_ATTR]
    assert len(first) == 8
    assert create_study(_recipe(), url).user_attrs[STUDY_UID_ATTR] == first  # resumed: the same study
    (tmp_path / "s.db").unlink()
    assert create_study(_recipe(), url).user_attrs[STUDY_UID_ATTR] != first  # created anew: another


def test_workers_starting_together_agree_on_the_uid(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    uids: list[str] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        barrier.wait()
        uids.append(create_study(_recipe(), url).user_attrs.get(STUDY_UID_ATTR, "none"))

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = optuna.load_study(study_name="s", storage=url).user_attrs[STUDY_UID_ATTR]
    assert uids == [stored] * 4


def test_a_plain_optuna_study_with_trials_keeps_no_uid_and_an_empty_one_gets_one_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    optuna.create_study(study_name="s", storage=url).optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert STUDY_UID_ATTR not in create_study(_recipe(), url).user_attrs
    optuna.create_study(study_name="empty", storage=url)  # no metadata, no trial: may be a moment old
    start = time.monotonic()
    study = create_study(_recipe(), url, study_name="empty")
    assert time.monotonic() - start < 2.0  # nothing waited for
    assert len(study.user_attrs[STUDY_UID_ATTR]) == 8 and STUDY_ATTR in study.user_attrs


def _shared_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 's.db'}"
    if kind == "journal":
        return f"journal:///{tmp_path / 's.log'}"
    if kind == "memory":
        return "memory"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.mark.parametrize(
    "kind", ["sqlite", "journal", "memory", pytest.param("postgresql", marks=pytest.mark.postgres), "grpc"]
)
def test_the_first_uid_stored_wins_whoever_creates_the_study(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The race window: the study exists, its creator has not stored the uid yet, a loader proposes one.

    Both proposals go through ``set_user_attr_once``; the second finds the first and keeps it,
    so creator and loader end with one uid. Through ``tuneflow storage-server`` the server applies
    the same first-write-wins rule (Optuna's own ``set_study_user_attr`` overwrites).
    """
    from tuneflow.engine.storage import open_storage

    if kind == "grpc":
        from postgres import storage_server

        with storage_server(f"sqlite:///{tmp_path / 'served.db'}") as grpc_url:
            _check_first_write_wins(open_storage(grpc_url))
        return
    url = _shared_url(kind, tmp_path, request)
    _check_first_write_wins(open_storage(url))


def _check_first_write_wins(storage: optuna.storages.BaseStorage) -> None:
    from tuneflow.engine.study import compare_and_set_user_attr, set_user_attr_once

    creator = optuna.create_study(study_name="s", storage=storage)
    loader = optuna.load_study(study_name="s", storage=storage)
    assert set_user_attr_once(loader, STUDY_UID_ATTR, "loader01") == "loader01"
    assert set_user_attr_once(creator, STUDY_UID_ATTR, "creator1") == "loader01"
    assert optuna.load_study(study_name="s", storage=storage).user_attrs[STUDY_UID_ATTR] == "loader01"
    creator.set_user_attr("other", 1)  # other attributes are still plain writes
    creator.set_user_attr("other", 2)
    assert loader.user_attrs["other"] == 2
    # the W&B sweep's claim: a swap from what the caller saw, the loser reads the winner's value
    key = "tuneflow:wandb_sweep"
    assert compare_and_set_user_attr(creator, key, None, {"claim": "a"}) == {"claim": "a"}
    assert compare_and_set_user_attr(loader, key, None, {"claim": "b"}) == {"claim": "a"}
    assert compare_and_set_user_attr(loader, key, {"claim": "a"}, {"id": "s"}) == {"id": "s"}
    assert compare_and_set_user_attr(creator, key, {"claim": "a"}, {"claim": "c"}) == {"id": "s"}
    assert optuna.load_study(study_name="s", storage=storage).user_attrs[key] == {"id": "s"}


@pytest.mark.postgres
def test_a_study_created_by_another_connection_between_check_and_insert_is_loaded(postgres_server) -> None:  # type: ignore[no-untyped-def]
    """A real conflict: another connection inserts the study row (uncommitted) after this process
    found no study, so this process's insert blocks on it and fails with the database's
    unique violation once the other commits; the study is loaded, and one uid results."""
    import psycopg

    from tuneflow.engine.storage import open_storage

    url = postgres_server.new_database()
    open_storage(url)  # the tables
    other = psycopg.connect(url)  # a transaction is open until commit
    other.execute("INSERT INTO studies (study_name) VALUES ('s') RETURNING study_id")
    study_id = other.execute("SELECT study_id FROM studies WHERE study_name = 's'").fetchone()[0]
    other.execute(
        "INSERT INTO study_directions (direction, study_id, objective) VALUES ('MINIMIZE', %s, 0)", (study_id,)
    )
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(create_study(_recipe(), url)))
    thread.start()
    time.sleep(1.0)  # create_study found no study 's' and now waits on the other insert
    assert thread.is_alive()
    other.commit()
    other.close()
    thread.join(60)
    assert not thread.is_alive() and result, "create_study did not finish"
    assert optuna.get_all_study_names(url) == ["s"]
    study = optuna.load_study(study_name="s", storage=url)
    assert study.user_attrs[STUDY_UID_ATTR] == result[0].user_attrs[STUDY_UID_ATTR]  # type: ignore[attr-defined]


def test_a_grid_through_a_storage_server_is_refused_at_start(tmp_path: Path) -> None:
    from postgres import storage_server

    from tuneflow.errors import StorageError

    recipe = _recipe().replace(method="grid", parameters={"x": {"values": [1, 2, 3]}})
    with storage_server(f"sqlite:///{tmp_path / 'served.db'}") as grpc_url:
        with pytest.raises(StorageError, match="method 'grid' claims each point in one database transaction"):
            create_study(recipe, grpc_url)
        assert optuna.get_all_study_names(f"sqlite:///{tmp_path / 'served.db'}") == []  # nothing created


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 8, 9, 33])
def test_trial_counts_match_the_trials_without_reading_them(n: int, tmp_path: Path) -> None:
    from tuneflow.engine.counts import trial_counts

    storage = optuna.storages.RDBStorage(f"sqlite:///{tmp_path / 'c.db'}")
    study = optuna.create_study(storage=storage)
    for _ in range(n):
        study.ask()
    assert sum(trial_counts(study).states.values()) == len(study.get_trials()) == n


def _endgame_starts(study: optuna.Study) -> int:
    """The trial number from which ``auto``'s endgame proposes (its sampler's outer handover)."""
    sampler = study.sampler.inner  # type: ignore[attr-defined]  # Warped(Handover(composition, endgame))
    return int(sampler.until)


@pytest.mark.parametrize(
    ("run_cap", "n_trials", "starts"),
    [
        (None, 50, 30 + 40),  # n_trials counts from the 30 trials there: trials 30..79, the last 10 the endgame's
        (100, 50, 30 + 40),
        (60, 100, 48),  # run_cap (a total, smaller) is the budget: the study ends at 60 trials
        (70, 50, 60),  # run_cap stops this call at 70 trials, 40 of its 50: the budget ends there, not at trial 80
    ],
)
def test_a_resumed_study_ends_its_budget_with_autos_endgame(
    tmp_path: Path, run_cap: int | None, n_trials: int, starts: int
) -> None:
    """The endgame is the budget's last fifth wherever the budget ends: ``n_trials`` after the trials a resumed
    study has, or at ``run_cap``."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    recipe = _recipe().replace(method="auto", run_cap=run_cap)
    first = create_study(recipe, url, n_trials=50)
    assert _endgame_starts(first) == 40  # a new study: trials 40..49
    for i in range(30):
        first.enqueue_trial({"x": i / 30})
    first.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=30)
    assert _endgame_starts(create_study(recipe, url, n_trials=n_trials)) == starts
