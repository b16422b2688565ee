"""What the terminal shows: the progress bar during tune, and the end-of-run summary table with
where the storage, the report and the W&B runs are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import optuna
import pytest

import tuneflow
from tuneflow.keys import RUN_PATH_ATTR
from tuneflow.views.display import print_summary, table_lines


def _train(config: dict[str, Any]) -> float:
    return (config["lr"] - 0.1) ** 2 + 0.01 * config["model"]["depth"]


def _recipe(**changes: Any) -> tuneflow.Recipe:
    fields: dict[str, Any] = {
        "name": "display-demo",
        "train": _train,
        "parameters": {
            "lr": {"distribution": "log_uniform_values", "min": 1e-3, "max": 1.0},
            "model": {"parameters": {"depth": {"values": [2, 4, 8]}}},
        },
        "metric": {"name": "loss", "goal": "minimize"},
        "seed": 0,
    }
    return tuneflow.Recipe(**{**fields, **changes})


@pytest.mark.parametrize(
    ("header", "rows", "width", "expected", "hidden"),
    [
        (["a", "b"], [[1, "x"], [100, "yy"]], None, ["    a  b", "    1  x", "  100  yy"], 0),
        (["name", "v"], [["#3", 0.123456789]], None, ["  name       v", "  #3    0.1235"], 0),
        (["a", "bbbb", "c"], [[1, 2, 3]], 10, ["  a  bbbb", "  1     2"], 1),
        (["first"], [[1.5]], 2, ["  first", "    1.5"], 0),  # the first column always shows
        (["ok", "n"], [[True, None]], None, ["  ok    n", "  True  None"], 0),
    ],
)
def test_table_lines_aligns_numbers_right_and_cuts_to_width(
    header: list[str], rows: list[list[Any]], width: int | None, expected: list[str], hidden: int
) -> None:
    assert table_lines(header, rows, width) == (expected, hidden)


def test_summary_shows_top_trials_best_storage_report_and_wandb_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = tuneflow.tune(_recipe(), n_trials=6, storage=url, wandb={"dir": str(tmp_path), "project": "disp"})
    capsys.readouterr()
    print_summary(result, storage=url)
    lines = capsys.readouterr().out.splitlines()
    best = result.best_trial
    assert lines[1] == "study 'display-demo': 6 complete"
    assert lines[2] == "top 5 of 6 completed trials by loss (minimize):"
    assert lines[3].split() == ["trial", "loss", "seconds", "lr", "model.depth"]
    first = lines[4].split()
    assert first[0] == f"#{best.number}" and float(first[1]) == pytest.approx(best.value, rel=1e-3)
    assert first[4] == str(best.params["model.depth"])
    values = [float(line.split()[1]) for line in lines[4:9]]
    assert values == sorted(values)  # best first
    text = "\n".join(lines)
    assert f"best:    trial #{best.number}, loss = {best.value:.6g}; full config: tuneflow best --storage {url}" in text
    assert f"storage: {url} (study 'display-demo'; run again to resume)" in text
    assert f"report:  tuneflow report --storage {url} --study-name display-demo -o report.html" in text
    run_path = best.user_attrs[RUN_PATH_ATTR]
    assert run_path.startswith("disp/")
    assert f"W&B:     best trial #{best.number} is run {run_path}" in text


def test_summary_masks_passwords_in_what_it_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    result = tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb=False)
    print_summary(result, storage="postgresql://bob:s3cret@db:5432/hpo")
    out = capsys.readouterr().out
    assert "s3cret" not in out and "postgresql://bob:***@db:5432/hpo" in out
    # the commands it suggests can be pasted: the URL comes from the environment, not a masked flag
    env = "(with the storage URL in $TUNEFLOW_STORAGE)"
    assert f"full config: tuneflow best --study-name display-demo {env}" in out
    assert f"report:  tuneflow report --study-name display-demo -o report.html {env}" in out
    assert "--storage postgresql://bob:***" not in out
    assert "W&B:" not in out  # no W&B runs, no W&B line


def test_summary_of_a_study_without_completed_trials(capsys: pytest.CaptureFixture[str]) -> None:
    def fail(config: dict[str, Any]) -> float:
        raise RuntimeError("broken")

    result = tuneflow.tune(_recipe(train=fail), n_trials=2, storage="memory", wandb=False)
    print_summary(result)
    out = capsys.readouterr().out
    assert "study 'display-demo': 2 fail" in out
    assert "has no completed trial yet" in out
    assert "top " not in out and "best:" not in out


def test_summary_cuts_wide_tables_and_prints_the_best_config_in_full(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    result = tuneflow.tune(_recipe(), n_trials=3, storage="memory", wandb=False)
    print_summary(result)
    out = capsys.readouterr().out
    assert all(len(line) <= 30 for line in out.splitlines() if line.startswith("  #"))
    assert "more columns; the best trial in full:" in out
    assert "model.depth" in out.split("the best trial in full:")[1]


def test_summary_lists_the_pareto_front_for_several_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    recipe = _recipe(
        train=lambda c: {"loss": c["lr"], "size": c["model"]["depth"]},
        metric=[{"name": "loss", "goal": "minimize"}, {"name": "size", "goal": "minimize"}],
    )
    result = tuneflow.tune(recipe, n_trials=4, storage="memory", wandb=False)
    print_summary(result)
    out = capsys.readouterr().out
    assert out.count("best trial #") == len(result.best_trials)
    assert "loss = " in out and "size = " in out


def test_tune_shows_a_progress_bar(capfd: pytest.CaptureFixture[str]) -> None:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    tuneflow.tune(_recipe(), n_trials=4, storage="memory", wandb=False, progress=True)
    err = capfd.readouterr().err
    assert "4/4" in err and "Best trial" in err
    tuneflow.tune(_recipe(name="quiet"), n_trials=4, storage="memory", wandb=False, progress=False)
    assert "4/4" not in capfd.readouterr().err
