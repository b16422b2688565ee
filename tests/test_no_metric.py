"""A sweep without a metric runs under grid and random as in W&B: nothing is ranked.

Configs shaped like the ones people write for "just run these": a grid over seeds and a
dataset fraction, a random search that only logs. Each trial completes when train succeeds;
what it returned and logged is recorded; every view says the study has no metric.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import optuna
import pytest
import yaml
from click.testing import CliRunner

import tuneflow
from tuneflow.cli import main
from tuneflow.errors import NoMetricError, SweepConfigError
from tuneflow.tracking.reader import read_run, run_dirs
from tuneflow.views.display import best_payload, print_summary
from tuneflow.views.report import render_report

NOTE = "this study has no metric, so no trial is ranked"
SWEEP = {
    "program": "train.py",
    "method": "grid",
    "parameters": {
        "seed": {"values": [0, 1, 2]},
        "data_fraction": {"values": [0.25, 1.0]},
        "epochs": {"value": 3},
    },
}


def train(config: dict[str, Any], trial: tuneflow.TrialContext) -> dict[str, Any]:
    for epoch in range(config["epochs"]):
        trial.log({"loss": 1.0 / (epoch + 1 + config["seed"])}, step=epoch)
    return {"final_loss": 0.5 * config["data_fraction"] + config["seed"], "note": "done"}


def _write(tmp: Path, **changes: Any) -> Path:
    path = tmp / "sweep.yaml"
    path.write_text(yaml.safe_dump({**SWEEP, **changes}))
    return path


def test_grid_without_metric_completes_every_trial_and_ranks_nothing(_isolated: Path) -> None:
    recipe = tuneflow.Recipe.from_sweep(_write(_isolated), train=train)
    assert recipe.metrics == () and not recipe.ranked
    result = tuneflow.tune(recipe, storage="sqlite:///nm.db", wandb=False)
    assert result.counts() == {"COMPLETE": 6}
    assert not result.ranked and result.metric_names == []
    for attr in ("best_trial", "best_trials", "best_config", "best_value"):
        with pytest.raises(NoMetricError, match=NOTE):
            getattr(result, attr)
    assert result.top() == []
    df = result.trials
    assert "value" not in df.columns and "value_no_metric" not in df.columns
    returned = sorted((t.params["seed"], t.user_attrs["metrics"]["final_loss"]) for t in result.study.trials)
    assert returned == sorted((s, 0.5 * f + s) for s in (0, 1, 2) for f in (0.25, 1.0))
    payload = best_payload(result)
    assert payload["ranked"] is False and payload["note"] == NOTE and payload["counts"] == {"COMPLETE": 6}
    html = render_report(result)
    assert NOTE[1:] in html and "final_loss" in html
    assert "best final_loss" not in html


def test_summary_and_best_command_say_there_is_no_metric(_isolated: Path, capsys: pytest.CaptureFixture) -> None:
    recipe = tuneflow.Recipe.from_sweep(_write(_isolated, method="random", run_cap=4), train=lambda c: None)
    result = tuneflow.tune(recipe, storage="sqlite:///nm.db", wandb=False)
    assert result.counts() == {"COMPLETE": 4}  # train returning None is a success here
    print_summary(result, storage="sqlite:///nm.db")
    out = capsys.readouterr().out
    assert NOTE in out and "top " not in out and "best:" not in out
    cli = CliRunner().invoke(main, ["best", "--storage", "sqlite:///nm.db"])
    assert cli.exit_code == 0 and NOTE in cli.output
    cli = CliRunner().invoke(main, ["best", "--storage", "sqlite:///nm.db", "--json"])
    assert json.loads(cli.output)["ranked"] is False


def test_wandb_runs_record_everything_and_the_summary_run_ranks_nothing(_isolated: Path) -> None:
    recipe = tuneflow.Recipe.from_sweep(_write(_isolated), train=train)
    result = tuneflow.tune(recipe, n_trials=2, storage="memory")
    runs = {}
    for d in run_dirs(_isolated / "wandb"):
        data = read_run(d)
        runs[data["run_id"]] = data
    trial_runs = [r for rid, r in runs.items() if "-summary-" not in rid]
    (summary_run,) = [r for rid, r in runs.items() if "-summary-" in rid]
    assert len(trial_runs) == 2
    for run in trial_runs:
        s = run["summary"]
        assert s["tuneflow/state"] == "complete"
        assert s["final_loss"] == pytest.approx(0.5 * run["config"]["data_fraction"] + run["config"]["seed"])
        assert "loss" in s  # the last logged row
        assert "no_metric" not in s and "value" not in s
    summary = summary_run["summary"]
    assert summary["tuneflow/metric"] == f"none: {NOTE}"
    assert not [k for k in summary if k.startswith("best/") or k.startswith("charts/")]
    assert result.counts() == {"COMPLETE": 2}


@pytest.mark.parametrize("method", ["bayes", "tpe"])
def test_model_based_method_without_metric_is_an_error_before_any_study(_isolated: Path, method: str) -> None:
    path = _write(_isolated, method=method)
    with pytest.raises(SweepConfigError, match=rf"metric: method '{method}' learns from a metric") as info:
        tuneflow.Recipe.from_sweep(path, train=train)
    assert "use method 'grid' or 'random'" in str(info.value)
    cli = CliRunner().invoke(main, ["run", str(path), "--no-wandb"])
    assert cli.exit_code == 2 and "learns from a metric" in cli.output
    assert not (_isolated / "tuneflow.db").exists()


def test_early_termination_without_metric_is_an_error() -> None:
    with pytest.raises(SweepConfigError, match="early_terminate: stopping trials early compares their metric"):
        tuneflow.Recipe.from_sweep(
            {**SWEEP, "method": "random", "early_terminate": {"type": "hyperband", "min_iter": 2}}, train=train
        )


def test_a_python_recipe_keeps_its_implicit_value_metric_and_exports_it() -> None:
    recipe = tuneflow.Recipe(name="r", train=lambda c: c["x"], parameters={"x": {"min": 0.0, "max": 1.0}})
    assert recipe.ranked and [m.name for m in recipe.metrics] == ["value"]
    back = tuneflow.Recipe.from_sweep(recipe.to_sweep(), train=recipe.train)
    assert back.metrics == recipe.metrics  # the export names it, so it does not turn into "no metric"


def test_resuming_with_and_without_a_metric_is_refused(_isolated: Path) -> None:
    recipe = tuneflow.Recipe.from_sweep(_write(_isolated, method="random"), train=train)
    tuneflow.tune(recipe, n_trials=1, storage="sqlite:///nm.db", wandb=False)
    ranked = recipe.replace(metric={"name": "final_loss"})
    with pytest.raises(tuneflow.StorageError, match="without a metric, but the recipe has one"):
        tuneflow.tune(ranked, n_trials=1, storage="sqlite:///nm.db", wandb=False)


def test_runs_imported_into_a_study_without_a_metric_complete_unranked(_isolated: Path) -> None:
    from tuneflow.importer import import_runs

    recipe = tuneflow.Recipe.from_sweep({**SWEEP, "method": "random"}, train=train)
    tuneflow.tune(recipe, n_trials=3, storage="memory")  # offline W&B runs under ./wandb
    report = import_runs(_isolated / "wandb", recipe, storage="sqlite:///imp.db", study_name="imported")
    assert report.added == 3
    result = tuneflow.TuneResult(report.study)
    assert not result.ranked and result.counts() == {"COMPLETE": 3}


def test_auto_without_a_metric_runs_random_and_ranks_nothing() -> None:
    seen: list[dict[str, Any]] = []
    recipe = tuneflow.Recipe(
        name="auto", train=lambda c: seen.append(c), parameters={"x": {"min": 0.0, "max": 1.0}}, metric=[]
    )
    assert recipe.method == "auto"
    result = tuneflow.tune(recipe, n_trials=4, storage="memory", wandb=False)
    assert result.counts() == {"COMPLETE": 4} and not result.ranked
    assert len({c["x"] for c in seen}) == 4
    assert isinstance(result.study.sampler, optuna.samplers.RandomSampler)
