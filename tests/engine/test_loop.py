"""The loop's storage reads per trial do not grow with the study (run_cap, the progress bar)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import optuna
import pytest
from optuna.distributions import FloatDistribution
from optuna.storages import RDBStorage
from optuna.storages._cached_storage import _CachedStorage

import tuneflow
from tuneflow.engine.study import create_study

optuna.logging.set_verbosity(optuna.logging.WARNING)


def _recipe(run_cap: int) -> tuneflow.Recipe:
    return tuneflow.Recipe(
        name="reads",
        train=lambda config: config["x"],
        parameters={"x": {"min": 0.0, "max": 1.0}},
        method="random",
        metric={"name": "loss", "goal": "minimize"},
        run_cap=run_cap,
    )


@contextlib.contextmanager
def _url(kind: str, tmp_path: Path) -> Iterator[str]:
    tmp_path.mkdir()
    if kind == "grpc":
        from postgres import storage_server

        with storage_server(f"sqlite:///{tmp_path / 'served.db'}", threads=2) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'loop.db'}"


def _trials_read_per_trial(url: str, size: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Trials handed out by ``get_all_trials`` (any layer: Optuna's cache, the database, the gRPC
    client) between one trial's end and the next's, in a study that has ``size`` trials already."""
    study = create_study(_recipe(10**6), url, "s")
    x = {"x": FloatDistribution(0.0, 1.0)}
    study.add_trials([optuna.trial.create_trial(params={"x": i / size}, distributions=x, value=i) for i in range(size)])
    read = [0]
    classes: list[type] = [RDBStorage, _CachedStorage]
    with contextlib.suppress(ImportError):
        from optuna.storages import GrpcStorageProxy

        classes.append(GrpcStorageProxy)
    for cls in classes:
        original = cls.get_all_trials

        def counted(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            trials = __original(self, *args, **kwargs)
            read[0] += len(trials)
            return trials

        monkeypatch.setattr(cls, "get_all_trials", counted)
    marks: list[int] = []
    tuneflow.tune(
        _recipe(10**6),  # a run_cap shared with other workers: counted before every claim
        n_trials=6,
        storage=url,
        study_name="s",
        wandb=False,
        worker=True,
        progress=True,  # the bar shows the best trial after every trial
        callbacks=[lambda study, trial: marks.append(read[0])],
    )
    monkeypatch.undo()
    return [b - a for a, b in itertools.pairwise(marks)]


@pytest.mark.parametrize("kind", ["sqlite", "grpc"])
def test_trials_read_per_trial_do_not_grow_with_the_study(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    per_size = {}
    for size in (20, 200):
        with _url(kind, tmp_path / str(size)) as url:
            per_size[size] = _trials_read_per_trial(url, size, monkeypatch)
    # At most the few trials that run or wait (Optuna's ask looks for a queued one, the reaper for
    # running ones), never the study: before, the run_cap count read every trial before each claim
    # (and through the proxy, the bar's best trial did too, twice).
    assert max(per_size[20]) <= 3, per_size
    assert max(per_size[200]) <= 3, per_size
