"""``tune``: seeds reproduce trials, resumed studies do not replay draws, and the study stops at
``run_cap`` (across calls), at the metric's ``target`` and after too many failures in a row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import optuna
import pytest
from optuna.trial import TrialState

import tuneflow
from tuneflow.errors import StorageError

PARAMETERS: dict[str, Any] = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1.0},
    "width": {"distribution": "q_uniform", "min": 8, "max": 64, "q": 8},
    "depth": {"min": 1, "max": 6},
    "model": {"parameters": {"kind": {"values": ["a", "b", "c"]}, "dropout": {"min": 0.0, "max": 0.5}}},
}
GRID: dict[str, Any] = {"depth": {"min": 1, "max": 3}, "model": {"parameters": {"kind": {"values": ["a", "b"]}}}}


def score(config: dict[str, Any]) -> float:
    """A deterministic objective of every parameter kind."""
    kind = {"a": 0.0, "b": 0.3, "c": 0.1}[config["model"]["kind"]]
    if "lr" not in config:
        return config["depth"] + kind
    return (config["lr"] - 0.01) ** 2 + config["width"] / 64 + config["depth"] / 6 + kind + config["model"]["dropout"]


def _recipe(method: str, **changes: Any) -> tuneflow.Recipe:
    fields: dict[str, Any] = {
        "name": f"seeded-{method}",
        "train": score,
        "parameters": GRID if method == "grid" else PARAMETERS,
        "method": method,
        "seed": 3,
        **changes,
    }
    return tuneflow.Recipe(**fields)


def _trials(result: tuneflow.TuneResult) -> list[tuple[Any, ...]]:
    return [(t.number, t.state, t.params, t.values) for t in result.study.trials]


@pytest.mark.parametrize(
    ("method", "n_trials"),
    [
        ("random", 30),
        ("tpe", 30),  # beyond its 10 random start-up trials
        ("qmc", 16),
        ("cmaes", 20),
        ("nsga2", 20),
        ("grid", 6),  # the whole grid, in the seed's order
        ("bayes", 15),  # auto's choice: W&B's GP model after a 3-trial start
    ],
)
def test_seeded_recipe_reproduces_its_trials(method: str, n_trials: int) -> None:
    recipe = _recipe(method)
    first = tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=False, n_jobs=1)
    second = tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=False, n_jobs=1)
    assert len(first.study.trials) == n_trials
    assert _trials(first) == _trials(second)
    other = tuneflow.tune(recipe.replace(seed=4), n_trials=n_trials, storage="memory", wandb=False)
    if method != "grid":  # another seed, other draws
        assert [t.params for t in other.study.trials] != [t.params for t in first.study.trials]


def test_resumed_seeded_study_does_not_replay_the_first_session() -> None:
    seen: list[dict[str, Any]] = []
    recipe = _recipe("random", train=lambda c: seen.append(c) or score(c))
    tuneflow.tune(recipe, n_trials=8, storage="sqlite:///resume.db", wandb=False)
    tuneflow.tune(recipe, n_trials=8, storage="sqlite:///resume.db", wandb=False)
    assert len(seen) == 16
    lrs = [c["lr"] for c in seen]
    assert len(set(lrs)) == 16  # no config of the first session came back
    study = optuna.load_study(study_name="seeded-random", storage="sqlite:///resume.db")
    assert [t.number for t in study.trials] == list(range(16))  # one study, resumed


def test_default_storage_is_tuneflow_db_and_rerunning_resumes() -> None:
    recipe = _recipe("random")
    tuneflow.tune(recipe, n_trials=2, wandb=False)
    result = tuneflow.tune(recipe, n_trials=2, wandb=False)
    assert Path("tuneflow.db").is_file()
    assert len(result.study.trials) == 4
    assert optuna.get_all_study_names("sqlite:///tuneflow.db") == ["seeded-random"]


def test_result_answers_best_config_value_and_trials() -> None:
    result = tuneflow.tune(
        _recipe("random", metric={"name": "loss", "goal": "minimize"}, train=lambda c: {"loss": score(c), "aux": 1}),
        n_trials=10,
        storage="memory",
        wandb=False,
    )
    best = min(result.study.trials, key=lambda t: t.value)
    assert result.best_value == best.value
    assert result.best_config["model"]["kind"] == best.params["model.kind"]
    assert set(result.best_config) == {"lr", "width", "depth", "model"}
    assert score(result.best_config) == pytest.approx(best.value)
    frame = result.trials
    assert len(frame) == 10 and "loss" in frame.columns and "params_model.kind" in frame.columns


def test_max_consecutive_failures_stops_the_study() -> None:
    def train(config: dict[str, Any]) -> float:
        raise RuntimeError("out of memory")

    result = tuneflow.tune(
        _recipe("random", train=train, max_consecutive_failures=3), n_trials=20, storage="memory", wandb=False
    )
    assert [t.state for t in result.study.trials] == [TrialState.FAIL] * 3
    assert result.stop_reason == "3 trials failed in a row (last: RuntimeError: out of memory)"


def test_a_success_resets_the_failures_in_a_row() -> None:
    def train(config: dict[str, Any], trial: Any) -> float:
        if trial.number % 3 != 2:
            raise RuntimeError("flaky")
        return 1.0

    result = tuneflow.tune(
        _recipe("random", train=train, max_consecutive_failures=3), n_trials=9, storage="memory", wandb=False
    )
    assert len(result.study.trials) == 9 and result.stop_reason is None


@pytest.mark.parametrize(("goal", "target"), [("maximize", 2.2), ("minimize", 1.0)])
def test_metric_target_stops_the_study(goal: str, target: float) -> None:
    recipe = _recipe("random", metric={"name": "score", "goal": goal, "target": target})
    result = tuneflow.tune(recipe, n_trials=200, storage="memory", wandb=False)
    values = [t.value for t in result.study.trials]
    reached = [v >= target if goal == "maximize" else v <= target for v in values]
    assert reached[-1] and not any(reached[:-1])
    assert len(values) < 200
    assert result.stop_reason == f"trial {len(values) - 1} reached the target score = {target:g}"


def test_run_cap_caps_the_study_across_tune_calls() -> None:
    recipe = _recipe("random", run_cap=5)
    storage = "sqlite:///cap.db"
    assert len(tuneflow.tune(recipe, n_trials=3, storage=storage, wandb=False).study.trials) == 3
    second = tuneflow.tune(recipe, n_trials=10, storage=storage, wandb=False)
    assert len(second.study.trials) == 5
    third = tuneflow.tune(recipe, storage=storage, wandb=False)
    assert len(third.study.trials) == 5


def test_study_name_overrides_and_changed_goal_is_refused() -> None:
    recipe = _recipe("random")
    tuneflow.tune(recipe, n_trials=1, storage="sqlite:///names.db", study_name="mine", wandb=False)
    assert optuna.get_all_study_names("sqlite:///names.db") == ["mine"]
    flipped = recipe.replace(metric={"name": "value", "goal": "maximize"})
    with pytest.raises(StorageError, match=r"already exists with goals \['minimize'\]"):
        tuneflow.tune(flipped, n_trials=1, storage="sqlite:///names.db", study_name="mine", wandb=False)


def test_define_by_run_space_reaches_train_and_is_stored() -> None:
    def space(trial: optuna.Trial) -> dict[str, Any]:
        model = trial.suggest_categorical("model", ["svm", "tree"])
        if model == "svm":
            return {"model": model, "svm": {"C": trial.suggest_float("svm.C", 1e-3, 1e3, log=True)}}
        return {"model": model, "tree": {"depth": trial.suggest_int("tree.depth", 1, 8)}}

    seen: list[dict[str, Any]] = []
    recipe = tuneflow.Recipe(name="dbr", train=lambda c: seen.append(c) or 0.0, space=space, method="tpe", seed=0)
    result = tuneflow.tune(recipe, n_trials=15, storage="memory", wandb=False)
    assert {c["model"] for c in seen} == {"svm", "tree"}
    for trial, config in zip(result.study.trials, seen):
        assert result.config_of(trial) == config


def test_load_result_finds_the_only_study_or_says_which_to_pick() -> None:
    with pytest.raises(StorageError, match="no such file"):
        tuneflow.load_result("sqlite:///results.db")
    assert not Path("results.db").exists()
    recipe = _recipe("random")
    tuneflow.tune(recipe, n_trials=2, storage="sqlite:///results.db", wandb=False)
    assert tuneflow.load_result("sqlite:///results.db").study.study_name == "seeded-random"
    tuneflow.tune(recipe, n_trials=1, storage="sqlite:///results.db", study_name="other", wandb=False)
    with pytest.raises(StorageError, match="holds seeded-random, other; pick one with --study-name"):
        tuneflow.load_result("sqlite:///results.db")
    with pytest.raises(
        StorageError, match=r"no study 'nope' in sqlite:///results.db \(it holds: seeded-random, other\)"
    ):
        tuneflow.load_result("sqlite:///results.db", "nope")
    assert len(tuneflow.load_result("sqlite:///results.db", "other").study.trials) == 1


def test_resumed_grid_study_does_not_replay_what_train_suggests_itself() -> None:
    """A grid's points are fixed per trial, but a train function may still ask the trial for more
    (``trial.suggest_float``): the sampler draws those, and a resumed session must not replay them."""
    drawn: list[float] = []

    def train(config: dict[str, Any], trial: Any) -> float:
        drawn.append(trial.suggest_float("noise", 0.0, 1.0))
        return score(config)

    recipe = _recipe("grid", train=train)
    tuneflow.tune(recipe, n_trials=3, storage="sqlite:///grid-resume.db", wandb=False)
    tuneflow.tune(recipe, n_trials=3, storage="sqlite:///grid-resume.db", wandb=False)
    assert len(drawn) == 6
    assert drawn[3:] != drawn[:3]  # the second session drew afresh
    study = optuna.load_study(study_name="seeded-grid", storage="sqlite:///grid-resume.db")
    assert len({(t.params["depth"], t.params["model.kind"]) for t in study.trials}) == 6  # each point once


def test_tracker_problems_are_listed_with_the_others_before_any_study() -> None:
    """Bad W&B options and an agent-style train with n_jobs > 1 are recipe problems like the
    others: listed at once, and the storage is never created."""

    def agent_train() -> None:  # wandb.agent style: no arguments
        pass

    recipe = _recipe("random", train=agent_train)
    with pytest.raises(tuneflow.RecipeError) as info:
        tuneflow.tune(recipe, n_trials=0, n_jobs=2, wandb={"projekt": "x"}, storage="sqlite:///t.db")
    message = str(info.value)
    assert message.startswith("recipe 'seeded-random' has 3 problems:"), message
    assert "  - n_trials: must be >= 1" in message and "  - wandb.projekt: unknown option" in message
    assert "  - train: a wandb.agent-style train function" in message and "n_jobs=2" in message
    assert not Path("t.db").exists()
