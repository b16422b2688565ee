"""``Ordinal``: numeric values lists shown to Optuna's samplers as ordered positions, stored as listed."""

from __future__ import annotations

from typing import Any

import optuna
import pytest
from optuna.distributions import BaseDistribution, CategoricalDistribution, IntDistribution
from optuna.study import Study
from optuna.trial import FrozenTrial

from tuneflow.search.ordinal import Ordinal, ordered_choices, orders_of
from tuneflow.search.space import SearchSpace


@pytest.mark.parametrize(
    ("choices", "ordered"),
    [
        ([64, 16, 32], (16, 32, 64)),
        ([0.1, 1e-3, 1e-2, 0], (0, 1e-3, 1e-2, 0.1)),
        ([1, 2.5, 4], (1, 2.5, 4)),
        ([16, 32], None),  # two points have no "between"
        ([True, False, 1], None),  # booleans are not numbers here
        (["a", 1, 2], None),
        ([None, 1, 2], None),
        (["[1, 2]", "[3]", "[4]"], None),  # lists travel as JSON text
    ],
)
def test_which_categoricals_are_ordered(choices: list[Any], ordered: tuple[Any, ...] | None) -> None:
    assert ordered_choices(CategoricalDistribution(choices)) == ordered


def test_orders_of_a_parameters_block_are_its_numeric_lists_sorted() -> None:
    space = SearchSpace.from_parameters(
        {
            "batch": {"values": [64, 16, 32, 16]},
            "act": {"values": ["relu", "tanh", "gelu"]},
            "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
            "opt": {"parameters": {"momentum": {"values": [0.9, 0.0, 0.99]}}},
            "flag": {"values": [1, 2]},
        }
    )
    assert orders_of(space) == {"batch": (16, 32, 64), "opt.momentum": (0.0, 0.9, 0.99)}


class _Seeing(optuna.samplers.RandomSampler):
    """A real random sampler that records the trials and distributions it is shown."""

    def __init__(self) -> None:
        super().__init__(seed=0)
        self.shown: list[tuple[str, BaseDistribution]] = []
        self.trials: list[FrozenTrial] = []

    def sample_independent(self, study: Study, trial: FrozenTrial, name: str, dist: BaseDistribution) -> Any:
        self.shown.append((name, dist))
        self.trials = study.get_trials(deepcopy=False)
        return super().sample_independent(study, trial, name, dist)


def test_the_inner_sampler_sees_positions_and_the_study_stores_listed_values() -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    inner = _Seeing()
    study = optuna.create_study(sampler=Ordinal(inner, {"batch": CategoricalDistribution([64, 16, 32])}))

    def objective(trial: optuna.Trial) -> float:
        batch = trial.suggest_categorical("batch", [64, 16, 32])
        act = trial.suggest_categorical("act", ["relu", "tanh", "gelu"])
        return float(batch) + len(act)

    study.optimize(objective, n_trials=12)
    assert {name: dist for name, dist in inner.shown} == {
        "batch": IntDistribution(0, 2),
        "act": CategoricalDistribution(["relu", "tanh", "gelu"]),
    }
    finished = [t for t in inner.trials if t.state.is_finished()]
    assert len(finished) == 11  # every trial before the last, as positions
    stored = {t.number: t.params["batch"] for t in study.trials}
    for seen in finished:
        assert seen.distributions["batch"] == IntDistribution(0, 2)
        assert (16, 32, 64)[seen.params["batch"]] == stored[seen.number]
        assert seen.params["act"] == study.trials[seen.number].params["act"]
    assert set(stored.values()) <= {16, 32, 64}
    assert all(t.distributions["batch"] == CategoricalDistribution([64, 16, 32]) for t in study.trials)


def test_tpe_through_ordinal_proposes_only_listed_values_and_resumes_without_it(tmp_path: Any) -> None:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    url = f"sqlite:///{tmp_path / 'o.db'}"
    values = [1, 2, 3, 5, 8, 13, 21, 34]
    listed = {"k": CategoricalDistribution(values[::-1])}
    ordinal = Ordinal(optuna.samplers.TPESampler(seed=0, n_startup_trials=3), listed)
    study = optuna.create_study(storage=url, study_name="o", sampler=ordinal)

    def objective(trial: optuna.Trial) -> float:
        return abs(trial.suggest_categorical("k", values[::-1]) - 13) + trial.suggest_float("x", 0, 1)

    study.optimize(objective, n_trials=15)
    again = optuna.load_study(study_name="o", storage=url, sampler=optuna.samplers.TPESampler(seed=1))
    again.optimize(objective, n_trials=2)
    assert len(again.trials) == 17
    assert {t.params["k"] for t in again.trials} <= set(values)


def test_tune_under_auto_searches_lists_in_order_and_hands_train_the_listed_values() -> None:
    import tuneflow

    seen: list[dict[str, Any]] = []

    def train(config: dict[str, Any]) -> float:
        seen.append(dict(config))
        return abs(config["batch"] - 48) + abs(config["lr"] - 1e-3) * 100

    recipe = tuneflow.Recipe(
        name="lists",
        train=train,
        parameters={"batch": {"values": [64, 16, 32, 48, 128]}, "lr": {"values": [1e-4, 1e-3, 1e-2]}},
        seed=0,
    )
    result = tuneflow.tune(recipe, n_trials=15, storage="memory", wandb=False, progress=False)
    trials = result.study.trials
    assert [t.state.name for t in trials] == ["COMPLETE"] * 15  # every model-based trial too
    assert result.study.user_attrs["tuneflow:sampler"]["options"]["ordinal"] is True
    assert "2 numeric values lists searched in order" in result.study.user_attrs["tuneflow:sampler"]["line"]
    assert [(c["batch"], c["lr"]) for c in seen] == [(t.params["batch"], t.params["lr"]) for t in trials]
    assert {c["batch"] for c in seen} <= {16, 32, 48, 64, 128} and {c["lr"] for c in seen} <= {1e-4, 1e-3, 1e-2}


def test_parallel_trials_under_ordinal_complete_with_listed_values() -> None:
    """n_jobs=2: TPE's constant liar reads the running trials through the same translation."""
    import tuneflow

    recipe = tuneflow.Recipe(
        name="parallel-lists",
        train=lambda c: abs(c["batch"] - 48) / 10 + c["x"],
        parameters={"batch": {"values": [16, 32, 48, 64, 128]}, "x": {"min": 0.0, "max": 1.0}},
        seed=0,
    )
    result = tuneflow.tune(recipe, n_trials=16, n_jobs=2, storage="memory", wandb=False, progress=False)
    sampler = result.study.user_attrs["tuneflow:sampler"]
    assert sampler["method"] == "tpe" and sampler["options"]["ordinal"] is True  # parallel: TPE, lists in order
    assert [t.state.name for t in result.study.trials] == ["COMPLETE"] * 16
    assert {t.params["batch"] for t in result.study.trials} <= {16, 32, 48, 64, 128}
