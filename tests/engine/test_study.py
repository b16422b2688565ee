"""Creating or resuming a recipe's study: the uid its creator writes, what loaders see."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import optuna
import pytest

import tuneflow
from tuneflow.engine import study as study_module
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


def test_a_plain_optuna_study_is_waited_for_a_bounded_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    optuna.create_study(study_name="s", storage=url)  # no tuneflow metadata, no trial: may be a moment old
    monkeypatch.setattr(study_module, "UID_WAIT_SECONDS", 0.5)
    start = time.monotonic()
    study = create_study(_recipe(), url)
    assert 0.5 <= time.monotonic() - start < 3.0
    assert STUDY_UID_ATTR not in study.user_attrs and STUDY_ATTR in study.user_attrs
