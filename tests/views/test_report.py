"""plots() and the HTML report: which figures a study can have, what the file holds, and that it
renders in a real headless Chromium with every plot drawn and no script error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import optuna
import pytest
from chromium import HAS_CHROMIUM, render
from click.testing import CliRunner
from conftest import require

import tuneflow
from tuneflow.cli import main
from tuneflow.views.plotting import PLOTS, PlotSet
from tuneflow.views.report import render_report, write_report

SINGLE = ["history", "importances", "parallel_coordinate", "contour", "slice", "intermediate_values"]


def _train(config: dict[str, Any], trial: Any) -> float:
    """A quick objective with per-step reports (for pruning) and a failure region."""
    if config["x"] > 2.0:
        raise ValueError("x beyond 2 diverges")
    loss = (config["x"] - 1.0) ** 2 + 0.1 * config["layers"] + (0.5 if config["opt"]["name"] == "sgd" else 0.0)
    for step in range(1, 5):
        trial.report(loss * (1 + 1 / step), step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return loss


def _recipe(**changes: Any) -> tuneflow.Recipe:
    fields: dict[str, Any] = {
        "name": "report-demo",
        "train": _train,
        "parameters": {
            "x": {"min": -3.0, "max": 3.0},
            "layers": {"distribution": "int_uniform", "min": 1, "max": 4},
            "opt": {"parameters": {"name": {"values": ["adam", "sgd", "<b>bold</b>"]}}},
        },
        "metric": {"name": "loss", "goal": "minimize"},
        "pruner": "median",
        "method": "random",  # W&B's seeded draws: what the report shows does not hang on auto's rule of the day
        "seed": 0,
    }
    return tuneflow.Recipe(**{**fields, **changes})


@pytest.fixture
def result() -> tuneflow.TuneResult:
    return tuneflow.tune(_recipe(), n_trials=16, storage="memory", wandb=False)


def _study(n: int, objective: Any, directions: list[str] | None = None) -> optuna.Study:
    study = optuna.create_study(directions=directions or ["minimize"], sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(objective, n_trials=n)
    return study


# study -> the figures it must skip, and a phrase of why.
SKIPS = [
    ("no trials", lambda: _study(0, None), {k: "no completed trial" for k in ("history", "slice")}),
    ("one trial", lambda: _study(1, lambda t: t.suggest_float("a", 0, 1) + t.suggest_float("b", 0, 1)),
     {"importances": "at least 2 completed trials", "contour": "two parameters that vary together"}),
    ("one parameter", lambda: _study(5, lambda t: t.suggest_float("a", 0, 1)),
     {"contour": "two parameters", "intermediate_values": "no trial reported intermediate values"}),
    ("constant parameter", lambda: _study(4, lambda t: t.suggest_categorical("a", ["only"]) == "only"),
     {"importances": "no parameter took more than one value"}),
    ("two objectives", lambda: _study(6, lambda t: (t.suggest_float("a", 0, 1), t.suggest_float("b", 0, 1)),
                                      ["minimize", "maximize"]),
     {"intermediate_values": "multi-objective"}),
]  # fmt: skip


def test_plots_draws_all_six_figures_of_a_pruned_study(result: tuneflow.TuneResult) -> None:
    assert {"PRUNED", "FAIL", "COMPLETE"} <= set(result.counts())  # the fixture exercises every state
    figures = tuneflow.plots(result)
    assert isinstance(figures, PlotSet)
    assert list(figures) == SINGLE and figures.skipped == {}
    assert all(fig.data for fig in figures.values())
    assert figures["history"].layout.yaxis.title.text == "loss"  # the metric's name, not "Objective Value"
    # The contour shows the two most important varying parameters (a single panel, not a matrix).
    assert len(figures["contour"].data) >= 1 and "xaxis2" not in figures["contour"].layout
    # A study gives the same figures whichever way it is passed, and seeded importances repeat.
    again = tuneflow.plots(result.study)
    assert list(again) == SINGLE
    assert again["importances"].data[0].x == figures["importances"].data[0].x


@pytest.mark.parametrize(("case", "make", "skips"), SKIPS, ids=[s[0] for s in SKIPS])
def test_plots_skips_what_a_study_cannot_draw_and_says_why(case: str, make: Any, skips: dict[str, str]) -> None:
    figures = tuneflow.plots(make())
    for name, why in skips.items():
        assert name not in figures and why in figures.skipped[name], (name, figures.skipped)
    assert set(figures) | set(figures.skipped) <= set(PLOTS)
    assert not set(figures) & set(figures.skipped)
    if case == "two objectives":
        assert "pareto_front" in figures


def test_plots_rejects_what_is_not_a_study() -> None:
    with pytest.raises(TypeError, match=r"optuna.Study or a tuneflow.TuneResult, not dict"):
        tuneflow.plots({})


def test_report_is_one_self_contained_file(result: tuneflow.TuneResult, tmp_path: Path) -> None:
    path = write_report(result, tmp_path / "sub" / "report.html", storage="postgresql://ann:hunter2@db/optuna")
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", text) and "<link" not in text  # nothing fetched
    assert "Plotly" in text and len(text) > 3_000_000  # plotly.js inline
    assert 'data-plots-expected="6"' in text
    for title in ("Optimization history", "Parameter importances", "Parallel coordinates", "Contour", "Slice"):
        assert f"<h2>{title}</h2>" in text
    assert "report-demo" in text and f"{result.best_value:.6g}" in text
    assert "postgresql://ann:***@db/optuna" in text and "hunter2" not in text
    assert any(t.params.get("opt.name") == "<b>bold</b>" for t in result.study.trials)  # a trial drew the markup
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "<b>bold</b>" not in text.split("<script")[0]
    assert "x beyond 2 diverges" in text  # the failed trials' reason


def test_report_notes_the_plots_it_could_not_draw() -> None:
    text = render_report(_study(1, lambda t: t.suggest_float("a", 0, 1)))
    assert "Plots not drawn" in text and "at least 2 completed trials" in text
    assert 'data-plots-expected="3"' in text  # history, parallel coordinates, slice


def test_report_command_writes_the_file_and_names_the_study(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    tuneflow.tune(_recipe(), n_trials=6, storage=url, wandb=False)
    out = CliRunner().invoke(main, ["report", "--storage", url, "-o", "out/r.html"])
    assert out.exit_code == 0, out.output
    assert "wrote out/r.html (study 'report-demo'" in out.output
    assert Path("out/r.html").stat().st_size > 3_000_000


def test_report_command_fails_cleanly_on_an_unknown_study(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    tuneflow.tune(_recipe(), n_trials=2, storage=url, wandb=False)
    out = CliRunner().invoke(main, ["report", "--storage", url, "--study-name", "nope"])
    assert out.exit_code == 2
    assert "error: " in out.output and "nope" in out.output
    assert not Path("report.html").exists()


def _render(page: Path, tmp_path: Path) -> tuple[str, str]:
    return render(page.resolve().as_uri(), tmp_path)


def _html_attr(dom: str, name: str) -> str | None:
    match = re.search(rf'<html[^>]*\s{name}="([^"]*)"', dom)
    return match.group(1) if match else None


@pytest.mark.browser
@pytest.mark.slow
def test_report_renders_every_plot_in_headless_chromium(result: tuneflow.TuneResult, tmp_path: Path) -> None:
    require("chromium", HAS_CHROMIUM)
    page = write_report(result, tmp_path / "report.html")
    dom, log = _render(page, tmp_path)
    assert _html_attr(dom, "data-js-errors") is None, _html_attr(dom, "data-last-js-error")
    assert "Uncaught" not in log
    assert _html_attr(dom, "data-plots-expected") == _html_attr(dom, "data-plots-drawn") == "6"
    for name in SINGLE:  # each figure's div now holds plotly's SVG
        div = dom.split(f'id="plot-{name}"', 1)[1].split("<section", 1)[0]
        assert 'class="main-svg"' in div, name
    assert dom.count('class="main-svg"') >= 6


@pytest.mark.browser
@pytest.mark.slow
def test_chromium_check_catches_a_script_error(tmp_path: Path) -> None:
    """The error hook the report carries does see errors (so the check above can fail)."""
    require("chromium", HAS_CHROMIUM)
    text = render_report(_study(3, lambda t: t.suggest_float("a", 0, 1) + t.suggest_float("b", 0, 1)))
    page = tmp_path / "broken.html"
    page.write_text(text.replace("</body>", '<script>throw new Error("deliberate");</script></body>'))
    dom, _ = _render(page, tmp_path)
    assert _html_attr(dom, "data-js-errors") == "1"
    assert "deliberate" in (_html_attr(dom, "data-last-js-error") or "")


def test_report_and_summary_give_a_reaped_trial_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A trial the reaper failed (its worker died) carries the reason in a system attribute only:
    the report's failed-trials table shows it, as the terminal summary does."""
    from tuneflow.engine import optuna_adapter as adapter
    from tuneflow.engine.liveness import Keeper
    from tuneflow.engine.storage import StorageSettings
    from tuneflow.engine.study import create_study
    from tuneflow.views.display import print_summary

    study = create_study(_recipe(), f"sqlite:///{tmp_path / 'r.db'}")
    running = study.ask()
    assert Keeper(study, StorageSettings.from_env()).fail_and_requeue(
        adapter.trial_id(running), "worker host:1 is gone"
    )
    result = tuneflow.TuneResult(study)
    print_summary(result)
    assert "#0: worker host:1 is gone" in capsys.readouterr().out
    text = render_report(result)
    assert "<td>#0</td><td>worker host:1 is gone</td>" in text and "no reason recorded" not in text


def test_report_says_when_it_shows_part_of_a_pareto_front() -> None:
    study = _study(8, lambda t: (t.suggest_float("a", 0, 1), -t.suggest_float("a", 0, 1)), ["minimize", "minimize"])
    text = render_report(study, top_n=3)  # a - a: every trial is on the front
    assert "The first 3 of 8 Pareto-optimal trials" in text
    assert "<td>Pareto front</td><td>8 trials</td>" in text


_TOKENS = ["tok-alpha-9f3e", "tok-bravo-7c1d"]
_PASSWORD = "Swordfish-2026"


def _searched_secret() -> tuneflow.Recipe:
    """A searched secret-named parameter: its values would be the axis labels of three plots."""
    return _recipe(
        parameters={"x": {"min": -3.0, "max": 3.0}, "y": {"min": 0.0, "max": 1.0}, "api_token": {"values": _TOKENS}},
        train=lambda config: config["x"] ** 2 + config["y"],
        pruner=None,
    )


def _pareto_define_by_run() -> tuneflow.Recipe:
    """Several metrics and a define-by-run space: the Pareto hover would show the stored config."""

    def space(trial: Any) -> dict[str, Any]:
        x = trial.suggest_float("x", 0.0, 1.0)
        return {"x": x, "api_token": trial.suggest_categorical("api_token", _TOKENS), "db": {"password": _PASSWORD}}

    return tuneflow.Recipe(
        name="pareto-secrets",
        train=lambda config: {"a": config["x"], "b": 1.0 - config["x"]},
        space=space,
        method="random",
        metric=[{"name": "a", "goal": "minimize"}, {"name": "b", "goal": "minimize"}],
        seed=0,
    )


@pytest.mark.parametrize(
    ("make", "drawn"),
    [
        (_searched_secret, ["parallel_coordinate", "slice", "contour"]),
        (_pareto_define_by_run, ["pareto_front", "parallel_coordinate", "slice"]),
    ],
    ids=["searched-parameter", "pareto-hover"],
)
def test_report_plots_show_no_secret(make: Any, drawn: list[str]) -> None:
    """The plots are drawn, without a secret-named parameter's values or a stored config's secrets
    (the tables show them as ``***``, as W&B runs do)."""
    result = tuneflow.tune(make(), n_trials=8, storage="memory", wandb=False)
    text = render_report(result)
    for name in drawn:
        assert f'id="plot-{name}"' in text
    leaks = [s for s in [*_TOKENS, _PASSWORD] if s in text]
    assert not leaks, f"report.html shows {leaks}"
    assert "<td>***</td>" in text
