"""`tuneflow import-runs`: finished W&B runs (offline run dirs or a CSV export) become trials."""

from __future__ import annotations

import csv
from pathlib import Path

import optuna
import pytest
from click.testing import CliRunner

import tuneflow
from tuneflow.cli import main
from tuneflow.errors import TuneflowError
from tuneflow.importer import import_runs

PARAMETERS = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-3, "max": 0.3},
    "layers": {"distribution": "int_uniform", "min": 1, "max": 4},
    "model": {"parameters": {"kind": {"values": ["a", "b"]}, "dims": {"values": [[1, 2], [3]]}}},
}


def train(config: dict) -> dict:
    if config["layers"] >= 3:
        raise ValueError("too deep")
    return {"loss": config["lr"] * config["layers"] + len(config["model"]["dims"])}


def _recipe(**kw) -> tuneflow.Recipe:
    fields = {"name": "imp", "train": train, "parameters": PARAMETERS, "method": "random", "metric": "loss", "seed": 3}
    fields.update(kw)
    return tuneflow.Recipe(**fields)


@pytest.mark.slow
def test_round_trip_offline_runs_into_a_new_study(_isolated: Path) -> None:
    source = tuneflow.tune(_recipe(), n_trials=8, storage="memory")
    done = {t.user_attrs["wandb_run_id"]: t for t in source.study.get_trials(states=[optuna.trial.TrialState.COMPLETE])}
    failed = len(source.study.trials) - len(done)
    assert done and failed  # the seed gives both kinds

    report = import_runs(_isolated / "wandb", _recipe(), storage="memory", study_name="imported")
    assert report.added == len(done)
    reasons = report.reasons()
    assert reasons == {"not finished": failed, "summary run": 1}
    for t in report.study.trials:
        original = done[t.user_attrs["wandb_run_id"]]
        assert t.state.name == "COMPLETE"
        assert t.params == original.params and t.value == pytest.approx(original.value)
        assert tuneflow.TuneResult(report.study).config_of(t) == source.config_of(original)


@pytest.mark.slow
def test_cli_imports_into_a_storage_once(_isolated: Path) -> None:
    tuneflow.tune(_recipe(), n_trials=4, storage="memory")
    module = _isolated / "recipe.py"
    module.write_text(
        "import tuneflow\n"
        f"recipe = tuneflow.Recipe(name='imp', parameters={PARAMETERS!r}, method='tpe', metric='loss')\n"
    )
    args = ["import-runs", str(_isolated / "wandb"), "--recipe", str(module), "--storage", "sqlite:///i.db"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    n = int(first.output.split()[1])
    assert n >= 1 and len(tuneflow.load_result("sqlite:///i.db").study.trials) == n
    second = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "imported 0 runs" in second.output and "already imported" in second.output


def _write_csv(path: Path, rows: list[dict]) -> Path:
    columns = ["Name", "State", "lr", "layers", "model.kind", "model.dims", "loss", "Runtime"]
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def test_csv_export_rows_and_skip_reasons(tmp_path: Path) -> None:
    ok = {"lr": "0.01", "layers": "2", "model.kind": "b", "model.dims": "[1, 2]", "loss": "0.5", "Runtime": "3"}
    rows = [
        {"Name": "good-run", "State": "finished", **ok},
        {"Name": "crashed", "State": "crashed", **ok},
        {"Name": "lr-too-big", "State": "finished", **dict(ok, lr="0.9")},
        {"Name": "float-layers", "State": "finished", **dict(ok, layers="2.5")},
        {"Name": "unknown-kind", "State": "finished", **dict(ok, **{"model.kind": "c"})},
        {"Name": "no-loss", "State": "finished", **dict(ok, loss="")},
        {"Name": "no-layers", "State": "finished", **dict(ok, layers="")},
    ]
    report = import_runs(_write_csv(tmp_path / "export.csv", rows), _recipe(), storage="memory")
    assert report.added == 1
    trial = report.study.trials[0]
    assert trial.params == {"lr": 0.01, "layers": 2, "model.kind": "b", "model.dims": "[1, 2]"}
    assert tuneflow.TuneResult(report.study).config_of(trial)["model"] == {"kind": "b", "dims": [1, 2]}
    skipped = dict(report.skipped)
    assert skipped["crashed"] == "not finished: state 'crashed'"
    assert skipped["lr-too-big"].startswith("outside the space: parameters.lr = 0.9 is outside")
    assert skipped["float-layers"] == "outside the space: parameters.layers = 2.5 is not an integer"
    assert skipped["unknown-kind"].startswith("outside the space: parameters.model.kind = 'c' is not one of")
    assert skipped["no-loss"] == "no metric: summary has no finite 'loss'"
    assert skipped["no-layers"] == "missing parameter: config has no 'layers'"


def test_bad_sources_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(TuneflowError, match="no W&B run directories"):
        import_runs(tmp_path, _recipe(), storage="memory")
    with pytest.raises(TuneflowError, match="define-by-run"):
        import_runs(tmp_path, _recipe(parameters=None, space=lambda t: {}), storage="memory")


def test_a_run_listed_twice_in_one_source_becomes_one_trial(tmp_path: Path) -> None:
    row = {"ID": "abc123", "State": "finished", "lr": "0.01", "layers": "2", "model.kind": "a", "model.dims": "[3]"}
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*row, "loss"])
        writer.writeheader()
        writer.writerows([{**row, "loss": "0.5"}, {**row, "loss": "0.5"}, {**row, "ID": "def456", "loss": "0.7"}])
    report = import_runs(path, _recipe(), storage="memory")
    assert report.added == 2
    assert report.skipped == [("abc123", "already imported: a trial holds this run id")]
    assert sorted(t.user_attrs["wandb_run_id"] for t in report.study.trials) == ["abc123", "def456"]
