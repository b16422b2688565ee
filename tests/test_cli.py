"""The installed ``tuneflow`` console script: ``run``, ``best`` and ``export-sweep`` as a user
types them, in a fresh directory; errors are one clear message and exit 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import optuna
import pytest
import yaml
from conftest import RECIPES_DIR

TUNEFLOW = Path(sys.executable).with_name("tuneflow")
RECIPE = RECIPES_DIR / "lightgbm_binary.py"


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(TUNEFLOW), *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One real run of the bundled recipe (10 trials, no W&B) in its own directory."""
    where = tmp_path_factory.mktemp("cli")
    proc = subprocess.run(
        [str(TUNEFLOW), "run", str(RECIPE), "--n-trials", "10", "--no-wandb", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=where,
    )
    return where, proc


def _best(where: Path) -> optuna.trial.FrozenTrial:
    return optuna.load_study(study_name="lightgbm_binary", storage=f"sqlite:///{where / 'tuneflow.db'}").best_trial


@pytest.mark.slow
def test_run_tunes_the_bundled_recipe_and_prints_the_best_config(tuned: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    where, proc = tuned
    assert proc.returncode == 0, proc.stderr
    best = _best(where)
    study = optuna.load_study(study_name="lightgbm_binary", storage=f"sqlite:///{where / 'tuneflow.db'}")
    assert len(study.trials) == 10
    # The best trial and its whole config (as a table row or, on a narrow terminal, in full).
    assert f"#{best.number}" in proc.stdout and f"{best.value:.4f}" in proc.stdout
    for name in (
        "learning_rate",
        "num_leaves",
        "min_child_samples",
        "feature_fraction",
        "lambda_l2",
        "bagging.fraction",
    ):
        assert name in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_best_reads_the_study_back_from_tuneflow_db(tuned: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    where, _ = tuned
    monkeypatch.chdir(where)
    best = _best(where)
    table = cli("best").stdout
    assert f"best trial #{best.number} of study 'lightgbm_binary': val_auc = {best.value:.6g}" in table
    assert f"num_leaves         {best.params['num_leaves']}" in table
    payload = json.loads(cli("best", "--json").stdout)
    assert payload["best_value"] == best.value and payload["best_trial"] == best.number
    assert payload["best_config"]["bagging"] == {"fraction": best.params["bagging.fraction"]}
    assert payload["best_config"]["num_leaves"] == best.params["num_leaves"]


#: Libraries a CLI start does not load: each costs a start (``tuneflow --help``, every worker and
#: writer process) 0.1-1 s; they load where they are used (pandas with ``trials``, scipy.stats with
#: the GP of one length scale, W&B in the tracker).
NOT_AT_START = ("pandas", "scipy.stats", "sklearn", "plotly", "wandb", "torch", "lightgbm", "sqlalchemy")


def test_starting_the_cli_loads_no_heavy_library() -> None:
    probe = "import sys, tuneflow, tuneflow.cli; print(' '.join(m for m in {!r} if m in sys.modules))"
    proc = subprocess.run(
        [sys.executable, "-c", probe.format(NOT_AT_START)], capture_output=True, text=True, timeout=120, check=True
    )
    assert proc.stdout.split() == []


def test_export_sweep_writes_the_recipe_as_a_sweep_yaml() -> None:
    proc = cli("export-sweep", str(RECIPE), "-o", "sweep.yaml")
    assert proc.stderr.endswith("wrote sweep.yaml\n")
    sweep = yaml.safe_load(Path("sweep.yaml").read_text(encoding="utf-8"))
    assert sweep["method"] == "custom" and sweep["scheduler"] == {"engine": "optuna"}  # tpe: W&B has none
    assert sweep["parameters"]["bagging"]["parameters"]["fraction"] == {
        "distribution": "uniform",
        "min": 0.5,
        "max": 1.0,
    }
    assert sweep["metric"] == {"name": "val_auc", "goal": "maximize"}


def test_export_sweep_reads_an_upper_case_yaml_and_writes_into_new_folders() -> None:
    """A sweep config named ``sweep.YAML`` is a sweep (not a Python module); ``-o`` makes its folders."""
    Path("sweep.YAML").write_text(
        "method: random\nmetric: {name: loss, goal: minimize}\nparameters:\n  x: {min: 0.0, max: 1.0}\n",
        encoding="utf-8",
    )
    proc = cli("export-sweep", "sweep.YAML", "-o", "out/sweeps/again.yaml")
    exported = yaml.safe_load(Path("out/sweeps/again.yaml").read_text(encoding="utf-8"))
    assert exported["method"] == "random" and exported["parameters"]["x"]["max"] == 1.0, proc.stderr


def _completed_study(url: str) -> None:
    import tuneflow

    recipe = tuneflow.Recipe(
        name="ok", train=lambda c: c["x"], parameters={"x": {"min": 0.0, "max": 1.0}}, method="random", metric="loss"
    )
    tuneflow.tune(recipe, n_trials=2, storage=url, wandb=False)


@pytest.mark.parametrize("verb", [["export-sweep", str(RECIPE)], ["report", "--storage", "sqlite:///s.db"]])
def test_an_output_file_that_cannot_be_written_is_one_error_line(verb: list[str]) -> None:
    if verb[0] == "report":
        _completed_study("sqlite:///s.db")
    Path("taken").write_text("a file, not a folder", encoding="utf-8")
    proc = cli(*verb, "-o", "taken/out.file", check=False)
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if not line.startswith("warning: ")]  # the export's notes
    assert len(errors) == 1 and errors[0].startswith("error: --output: cannot write 'taken/out.file': "), proc.stderr


@pytest.mark.parametrize("verb", [["best"], ["report", "-o", "r.html"]])
def test_reading_verbs_take_a_sqlite_url_with_options(verb: list[str]) -> None:
    """``sqlite:///FILE?timeout=5`` names FILE, as it does for ``run`` (the query is no part of the file)."""
    _completed_study("sqlite:///s.db")
    proc = cli(*verb, "--storage", "sqlite:///s.db?timeout=5", check=False)
    assert proc.returncode == 0, proc.stderr
    assert not Path("s.db?timeout=5").exists()


@pytest.mark.parametrize("verb", [["best"], ["best", "--json"], ["report", "-o", "r.html"]])
def test_reading_verbs_take_the_storage_from_the_environment(verb: list[str]) -> None:
    """``$TUNEFLOW_STORAGE`` serves every verb, as it serves ``run``: a password is never typed."""
    _completed_study("sqlite:///env.db")
    env = {**os.environ, "TUNEFLOW_STORAGE": "sqlite:///env.db"}
    proc = subprocess.run([str(TUNEFLOW), *verb], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "'ok'" in proc.stdout or '"ok"' in proc.stdout
    assert not Path("tuneflow.db").exists()


BAD_RECIPE = """
import tuneflow
recipe = tuneflow.Recipe(name="bad", train=lambda c: 0.0, method="grid",
                         parameters={"lr": {"min": 0.0, "max": 1.0}}, metric={"name": "a", "goal": "maximise"})
"""


@pytest.mark.parametrize(
    ("args", "setup", "message"),
    [
        (["run", "missing.py", "--no-wandb"], None, "error: no recipe module at 'missing.py'"),
        (["best"], None, "error: sqlite:///tuneflow.db: no such file ("),
        (["run", "bad.py", "--no-wandb"], BAD_RECIPE, "error: recipe 'bad' has 2 problems:"),
        (
            ["run", "bad.py", "--no-wandb"],
            "import tuneflow\nimport no_such_package_xyz\n",
            "error: cannot load recipe module 'bad.py': line 2: ModuleNotFoundError: No module named 'no_such_package_xyz'",
        ),
        (
            ["export-sweep", "bad.py"],
            "def f(:\n",
            "error: cannot load recipe module 'bad.py': line 1: SyntaxError: ",
        ),
    ],
)
def test_errors_are_one_message_and_exit_2(args: list[str], setup: str | None, message: str) -> None:
    if setup is not None:
        Path("bad.py").write_text(setup, encoding="utf-8")
    proc = cli(*args, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith(message), proc.stderr
    assert "Traceback" not in proc.stderr
    if setup is None or setup != BAD_RECIPE:
        assert proc.stderr.count("\n") == 1  # one line
    else:
        assert "  - parameters.lr: method 'grid'" in proc.stderr and "  - metric.goal:" in proc.stderr
    if args[0] == "best":  # reading creates no database; --debug shows the traceback instead
        assert not Path("tuneflow.db").exists()
        debug = cli("--debug", *args, check=False)
        assert debug.returncode != 0 and "Traceback (most recent call last)" in debug.stderr


def _all_failed_study(url: str) -> None:
    import tuneflow

    def train(config: dict) -> float:
        raise RuntimeError("CUDA out of memory")

    recipe = tuneflow.Recipe(
        name="broken", train=train, parameters={"x": {"min": 0.0, "max": 1.0}}, method="random", metric="loss"
    )
    tuneflow.tune(recipe, n_trials=2, storage=url, wandb=False)


def _empty_study(url: str) -> None:
    import tuneflow
    from tuneflow.engine.study import create_study

    recipe = tuneflow.Recipe(name="broken", parameters={"x": {"min": 0.0, "max": 1.0}}, method="random", metric="loss")
    create_study(recipe, url)


def _no_studies(url: str) -> None:
    optuna.storages.RDBStorage(url)  # the schema, no study


STUDIES = {
    "all failed": (
        _all_failed_study,
        "error: study 'broken' has no completed trial (2 fail); first failure: trial #0: "
        "RuntimeError: CUDA out of memory.",
    ),
    "empty": (_empty_study, "error: study 'broken' has no trials yet; run it with `tuneflow run`."),
    "no studies": (_no_studies, "holds no studies"),
}


VERBS = [["best"], ["best", "--json"], ["report", "-o", "r.html"], ["dashboard", "--port", "0"]]
# The dashboard serves any study that exists (failed trials are what one inspects there): only a
# storage with no study at all is an error for it.
CASES = [(verb, study) for verb in VERBS for study in STUDIES if verb[0] != "dashboard" or study == "no studies"]


@pytest.mark.parametrize(("verb", "study"), CASES, ids=[f"{' '.join(v)}-{s}" for v, s in CASES])
def test_every_verb_answers_a_study_with_nothing_to_show_in_one_line(verb: list[str], study: str) -> None:
    make, message = STUDIES[study]
    make("sqlite:///s.db")
    proc = cli(*verb, "--storage", "sqlite:///s.db", check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ") and message in proc.stderr, proc.stderr
    assert not Path("r.html").exists()


def test_a_built_in_recipe_whose_library_is_missing_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from tuneflow.errors import TuneflowError
    from tuneflow.loading import load_recipe

    monkeypatch.delitem(sys.modules, "tuneflow.recipes.lightgbm_binary", raising=False)
    monkeypatch.setitem(sys.modules, "lightgbm", None)  # Python's own way to make an import fail
    with pytest.raises(TuneflowError) as info:
        load_recipe("lightgbm_binary")
    assert str(info.value).startswith("cannot load built-in recipe 'lightgbm_binary': line "), info.value
    assert "ModuleNotFoundError" in str(info.value) and "lightgbm" in str(info.value)
    assert "tuneflow.recipes.lightgbm_binary" not in sys.modules  # a retry imports it afresh


# -- W&B flags and commands ------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["run", "worker", "run --workers 2"])
def test_project_entity_and_sweep_flags_name_where_runs_go(verb: str, tmp_path: Path) -> None:
    """Every run goes where the flags say, the summary run too (``--workers``: written by the parent)."""
    from tuneflow.tracking.reader import read_records, read_run

    args = [*verb.split(), "lightgbm_binary", "--n-trials", "2", "--storage", f"sqlite:///{tmp_path / 's.db'}"]
    proc = subprocess.run(
        [str(TUNEFLOW), *args, "--project", "proj-x", "--entity", "team-y", "--sweep-id", "swp12345", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "WANDB_MODE": "offline", "WANDB_DIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    dirs = list((tmp_path / "wandb").glob("offline-run-*"))
    runs = [read_run(d) for d in dirs]
    assert runs and {(r["project"], r["entity"]) for r in runs} == {("proj-x", "team-y")}
    trial_runs = [d for d, r in zip(dirs, runs) if "summary" not in r["run_id"]]
    assert trial_runs and len(trial_runs) < len(runs)  # the summary run is among them
    for d in trial_runs:  # a function recipe's runs join the sweep given (offline: `wandb sync` adds them to it)
        assert "swp12345" in json.dumps([r for r in read_records(d) if "run" in r])


def test_the_docs_sync_commands_are_accepted_by_wandb(tmp_path: Path) -> None:
    import re

    page = (Path(__file__).resolve().parents[1] / "docs" / "syncing.md").read_text(encoding="utf-8")
    found = re.findall(r"`(wandb sync[^`]*)`", page)
    commands = sorted({" ".join(c.split()) for c in found})
    assert commands and "wandb sync --sync-all" not in commands
    env = {**os.environ, "WANDB_MODE": "offline", "WANDB_DIR": str(tmp_path), "WANDB_API_KEY": "k" * 40}
    subprocess.run(  # one offline run for the commands to find
        [sys.executable, "-c", "import wandb; wandb.init(project='p').finish()"], env=env, cwd=tmp_path, check=True
    )
    wandb_cli = Path(sys.executable).with_name("wandb")
    for command in commands:  # as a user types it (the shell expands the glob), without uploading
        line = command.replace("wandb sync", f"{wandb_cli} sync --dry-run", 1)
        proc = subprocess.run(line, shell=True, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
        assert proc.returncode == 0, (command, proc.stdout, proc.stderr)
        assert "removed" not in proc.stderr and "No such option" not in proc.stderr, (command, proc.stderr)
