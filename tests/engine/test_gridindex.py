"""Grids by index: W&B's order without materializing, claims exactly once, big grids start at once."""

from __future__ import annotations

import itertools
import threading
import time
import tracemalloc
from typing import Any

import optuna
import pytest

import tuneflow
from tuneflow.engine.gridindex import GridIndex, claim_point
from tuneflow.keys import GRID_INDEX_ATTR as INDEX_ATTR
from tuneflow.keys import GRID_NEXT_ATTR as NEXT_ATTR
from tuneflow.search.space import SearchSpace

# Shaped like a real sweep: nested block, q_uniform, int_uniform, list values, a constant.
PARAMETERS: dict[str, Any] = {
    "lr": {"values": [1.0e-3, 1.0e-2, 0.1]},
    "dropout": {"distribution": "q_uniform", "min": 0.0, "max": 0.3, "q": 0.1},
    "model": {"parameters": {"layers": {"values": [[64], [64, 64]]}, "act": {"value": "relu"}}},
    "seed": {"distribution": "int_uniform", "min": 0, "max": 2},
}
# 2,000,000 points: 10 x 10 x 10 x 20 x 10 x 10.
HUGE: dict[str, Any] = {
    "a": {"values": list(range(10))},
    "b": {"values": list(range(10))},
    "c": {"values": [f"v{i}" for i in range(10)]},
    "d": {"distribution": "int_uniform", "min": 1, "max": 20},
    "e": {"distribution": "q_uniform", "min": 0, "max": 10, "q": 1},
    "f": {"values": [[i] for i in range(10)]},
}


def test_points_by_index_are_the_product_in_wandb_order() -> None:
    space = SearchSpace.from_parameters(PARAMETERS)
    grid = GridIndex.of(space)
    expected = [dict(zip(grid.names, combo)) for combo in itertools.product(*grid.values)]
    assert grid.size == len(expected) == 3 * 3 * 2 * 3
    assert [grid.point(i) for i in range(grid.size)] == expected
    with pytest.raises(IndexError):
        grid.point(grid.size)


def test_a_grid_of_constants_is_one_point() -> None:
    grid = GridIndex.of(SearchSpace.from_parameters({"c": {"value": 1}}))
    assert grid.size == 1 and grid.point(0) == {}


def test_threads_claiming_at_once_take_each_index_once() -> None:
    grid = GridIndex.of(SearchSpace.from_parameters(PARAMETERS))
    study = optuna.create_study()
    ids: list[int] = []

    def claim_all() -> None:
        while (trial_id := claim_point(study, grid)) is not None:
            ids.append(trial_id)

    threads = [threading.Thread(target=claim_all) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    trials = study.get_trials(deepcopy=False)
    assert len(ids) == len(set(ids)) == grid.size == len(trials)
    assert sorted(t.system_attrs[INDEX_ATTR] for t in trials) == list(range(grid.size))
    assert study._storage.get_study_system_attrs(study._study_id)[NEXT_ATTR] == grid.size


def test_two_million_point_grid_starts_at_once_in_little_memory() -> None:
    first: list[float] = []
    recipe = tuneflow.Recipe(
        name="huge", train=lambda c: first.append(time.perf_counter()) or 0.0, parameters=HUGE, method="grid"
    )
    assert GridIndex.of(recipe.search_space).size == 2_000_000
    tracemalloc.start()
    start = time.perf_counter()
    result = tuneflow.tune(recipe, n_trials=50, storage="memory", wandb=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert first[0] - start < 5.0
    assert peak < 20 * 2**20, peak  # 50 trials, not 2,000,000 points (the old queue took 3.1 GB)
    assert len(result.study.trials) == 50
    assert [t.params for t in result.study.trials[:2]] == [
        {"a": 0, "b": 0, "c": "v0", "d": 1, "e": 0, "f": "[0]"},
        {"a": 0, "b": 0, "c": "v0", "d": 1, "e": 0, "f": "[1]"},
    ]


def test_a_grid_shows_a_progress_bar_to_its_last_point(capsys: pytest.CaptureFixture) -> None:
    recipe = tuneflow.Recipe(name="bar", train=lambda c: 0.0, parameters=PARAMETERS, method="grid")
    tuneflow.tune(recipe, storage="memory", wandb=False, progress=True)  # no n_trials: the grid's size
    assert "54/54" in capsys.readouterr().err  # 3 x 3 x 2 x 3 points


@pytest.mark.parametrize("kind", ["memory", "journal"])
def test_a_claimer_that_died_before_advancing_the_counter_is_caught_up(kind: str, tmp_path: Any) -> None:
    """Journal files and memory claim under a lock in two writes; the next claim reads the last index."""
    from tuneflow.engine.storage import open_storage

    grid = GridIndex.of(SearchSpace.from_parameters(PARAMETERS))
    storage = open_storage("memory" if kind == "memory" else f"journal:///{tmp_path / 'g.log'}")
    study = optuna.create_study(storage=storage)
    # What a claimer leaves when it dies between creating trial 0 and writing the counter:
    study.add_trial(optuna.trial.create_trial(state=optuna.trial.TrialState.WAITING, system_attrs={INDEX_ATTR: 0}))
    assert NEXT_ATTR not in study._storage.get_study_system_attrs(study._study_id)
    trial_id = claim_point(study, grid)
    assert trial_id is not None
    assert study._storage.get_trial(trial_id).system_attrs[INDEX_ATTR] == 1  # not 0 again
    assert study._storage.get_study_system_attrs(study._study_id)[NEXT_ATTR] == 2


def test_a_resumed_grid_worker_takes_points_without_reading_the_study(tmp_path: Any) -> None:
    """On a database, a failed point queued again and the next index are taken without a read of the
    study through Optuna's cache (a process's first sync would read every trial: seconds at 10^4)."""
    from optuna.storages._cached_storage import _CachedStorage

    from tuneflow.engine.gridindex import pop_waiting
    from tuneflow.engine.liveness import requeue
    from tuneflow.engine.storage import open_storage

    url = f"sqlite:///{tmp_path / 'g.db'}"
    grid = GridIndex.of(SearchSpace.from_parameters(PARAMETERS))
    study = optuna.create_study(storage=open_storage(url), study_name="g")
    for _ in range(3):
        claimed_id = claim_point(study, grid)
        assert claimed_id is not None
        study.tell(study._storage.get_trial(claimed_id).number, state=optuna.trial.TrialState.FAIL)
    assert requeue(study, study.trials[1], max_retry=3)
    resumed = optuna.load_study(study_name="g", storage=open_storage(url))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_CachedStorage, "_read_trials_from_remote_storage", None)  # a sync would raise
        popped, fresh = pop_waiting(resumed), claim_point(resumed, grid)
        assert popped is not None and fresh is not None and pop_waiting(resumed) is None
        trial = optuna.Trial(resumed, fresh)
        name = grid.names[0]
        assert trial.suggest_categorical(name, grid.values[0]) == grid.point(3)[name]  # the cache knows it
    assert [t.state for t in resumed.trials[-2:]] == [optuna.trial.TrialState.RUNNING] * 2
