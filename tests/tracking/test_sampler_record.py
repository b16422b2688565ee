"""What ``auto`` (the default method) chose is recorded in the study and in every W&B run.

Real offline W&B runs, read back with ``wandb leet inspect --summary --json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tuneflow
from tuneflow.keys import SAMPLER_ATTR, SUMMARY
from tuneflow.tracking.reader import read_run, run_dirs

MIXED = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
    "depth": {"distribution": "int_uniform", "min": 1, "max": 8},
}


def _train(config: dict[str, Any]) -> float:
    return abs(config["lr"] - 0.01) + config["depth"] / 100


@pytest.mark.slow
def test_auto_is_the_default_and_its_choice_reaches_the_study_and_every_run(
    _isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipe = tuneflow.Recipe(name="auto-rec", train=_train, parameters=MIXED, seed=0)
    assert recipe.method == "auto"
    result = tuneflow.tune(recipe, n_trials=6, storage="memory")
    choice = result.study.user_attrs[SAMPLER_ATTR]
    options = {"n_startup_trials": 2, "prior_weight": 3.0, "every": 3, "local": 1000, "warp": "power", "ard_from": 20}
    assert choice["method"] == "isogp+tpe" and choice["options"] == options
    assert "mixed" in choice["reason"] and choice["line"].startswith(
        "isogp+tpe(ard_from=20, every=3, local=1000, n_startup_trials=2, prior_weight=3.0, warp='power'): "
    )
    said = [line for line in capsys.readouterr().err.splitlines() if "method 'auto' runs" in line]
    assert said == [f"tuneflow: method 'auto' runs {choice['line']}"]  # once, at the start
    runs = [read_run(d) for d in run_dirs(_isolated / "wandb")]
    assert len(runs) == 6 + 1  # the trials and the study's summary run
    for run in runs:
        assert run["summary"][SUMMARY.METHOD] == "auto"
        assert run["summary"][SUMMARY.SAMPLER] == choice["line"]
    assert all("tuneflow/sampler" not in run["config"] for run in runs)  # config stays train's config


def test_a_named_method_records_itself() -> None:
    recipe = tuneflow.Recipe(name="named", train=_train, parameters=MIXED, method="qmc", seed=0)
    result = tuneflow.tune(recipe, n_trials=2, storage="memory", wandb=False)
    assert result.study.user_attrs[SAMPLER_ATTR]["method"] == "qmc"
    assert result.study.user_attrs[SAMPLER_ATTR]["reason"] == "method 'qmc' named by the recipe"


def test_auto_takes_no_sampler_options() -> None:
    with pytest.raises(tuneflow.RecipeError, match="'auto' chooses the sampler and its options itself"):
        tuneflow.Recipe(name="x", train=_train, parameters=MIXED, sampler_options={"n_startup_trials": 3})


def test_auto_with_parallel_jobs_records_tpe_on_a_space_where_it_would_run_gp() -> None:
    floats = {"x": {"min": 0.0, "max": 1.0}, "y": {"min": 0.0, "max": 1.0}}
    recipe = tuneflow.Recipe(name="par", train=lambda c: c["x"] + c["y"], parameters=floats, seed=0)
    serial = tuneflow.tune(recipe, n_trials=2, storage="memory", wandb=False)
    assert serial.study.user_attrs[SAMPLER_ATTR]["method"] == "isogp+tpe"  # its GP, every 3rd trial from 10 TPE's
    parallel = tuneflow.tune(recipe, n_trials=4, storage="memory", wandb=False, n_jobs=2)
    choice = parallel.study.user_attrs[SAMPLER_ATTR]
    assert choice["method"] == "tpe" and "parallel" in choice["reason"]
