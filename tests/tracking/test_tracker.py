"""The W&B bridge with real offline W&B runs, read back with W&B's own reader (no mocks)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import optuna
import pytest
from conftest import require

import tuneflow
from tuneflow.errors import RecipeError, TuneflowError
from tuneflow.keys import RUN_ID_ATTR
from tuneflow.redact import Redactor
from tuneflow.tracking import WandbOptions, make_tracker
from tuneflow.tracking.options import resolve_mode
from tuneflow.tracking.reader import read_records, read_run, run_dirs
from tuneflow.tracking.runs import RunSpec, merge_history, study_run_prefix
from tuneflow.tracking.writer import Connection, RunWriter

METRIC = "loss"
API_KEY_VALUE = "sk-live-0123456789abcdefXYZ"
GRID = {
    "x": {"values": [0.05, 0.2, 0.4, 0.6, 0.8, 0.95]},
    "model": {"parameters": {"depth": {"values": [2, 3]}}},
    "api_key": {"value": API_KEY_VALUE},
}
N_GRID = 12
STEPS = 4


def _train(config: dict, trial: tuneflow.TrialContext) -> dict:
    """Reports every step; x >= 0.8 is pruned at step 1, x < 0.1 fails, others complete."""
    x, depth = config["x"], config["model"]["depth"]
    for step in range(STEPS):
        trial.report(x * depth + step, step)
        trial.log({"aux": step * 10 + depth}, step=step)
        if x >= 0.8 and step == 1:
            raise optuna.TrialPruned()
        time.sleep(0.002)
    if x < 0.1:
        raise ValueError(f"diverged at x={x}")
    return {METRIC: x * depth, "accuracy": 1 - x}


def _recipe(**kw) -> tuneflow.Recipe:
    fields = {
        "name": "bridge",
        "train": _train,
        "parameters": GRID,
        "method": "grid",
        "metric": {"name": METRIC, "goal": "minimize"},
        "seed": 0,
    }
    fields.update(kw)
    return tuneflow.Recipe(**fields)


def _runs(root: Path) -> dict[str, tuple[Path, dict]]:
    """run id -> (run dir, `wandb leet inspect --summary --json` of it)."""
    out = {}
    for d in run_dirs(root / "wandb"):
        data = read_run(d)
        out[data["run_id"]] = (d, data)
    return out


def _history(run_dir: Path) -> dict[int, dict]:
    rows = {}
    for rec in read_records(run_dir):
        if rec.get("type") == "history":
            rows[int(rec["history"]["step"]["num"])] = rec["history"]["item"]
    return rows


def _check_study_runs(result: tuneflow.TuneResult, root: Path) -> None:
    runs = _runs(root)
    trials = result.study.get_trials()
    trial_runs = {rid: v for rid, v in runs.items() if "-summary-" not in rid}
    summaries = [rid for rid in runs if "-summary-" in rid]
    assert len(trial_runs) == len(trials) and len(summaries) == 1
    seen_states = set()
    for t in trials:
        run_id = t.user_attrs["wandb_run_id"]
        assert t.user_attrs["wandb_run_path"].endswith("/" + run_id)
        run_dir, data = trial_runs[run_id]
        expected = dict(result.config_of(t), api_key="***")
        assert data["config"] == expected  # exactly the config, nothing crossed, secret redacted
        summary = data["summary"]
        state = summary["tuneflow/state"]
        seen_states.add(state)
        assert summary["tuneflow/trial"] == t.number
        assert summary["tuneflow/study"] == "bridge" and summary["tuneflow/method"] == "grid"
        assert state == {"COMPLETE": "complete", "PRUNED": "pruned", "FAIL": "fail"}[t.state.name]
        assert sorted(data["tags"]) == sorted(["bridge", "grid", state])
        history = _history(run_dir)
        # every reported step is in the history, at its step, under the metric's name
        assert {s: history[s][METRIC] for s in t.intermediate_values} == t.intermediate_values
        assert all(history[s]["aux"] == s * 10 + t.params["model.depth"] for s in t.intermediate_values)
        if state == "complete":
            assert summary[METRIC] == pytest.approx(t.value)
            assert summary["accuracy"] == pytest.approx(1 - t.params["x"])
            assert data["state"] == "finished" and len(history) == STEPS
        elif state == "pruned":
            assert len(history) == 2 and summary[METRIC] == t.intermediate_values[1]
        else:
            assert data["state"] == "failed"
            assert summary["tuneflow/fail_reason"] == f"ValueError: diverged at x={t.params['x']}"
    assert seen_states == {"complete", "pruned", "fail"}
    summary_run = runs[summaries[0]][1]["summary"]
    assert summary_run["best/trial"] == result.best_trial.number
    assert summary_run["best/loss"] == pytest.approx(result.best_value)
    assert summary_run["best/config"] == dict(result.best_config, api_key="***")
    assert summary_run["trials"]["nrows"] == len(trials)
    assert {"charts/optimization_history", "charts/param_importances", "charts/slice"} <= set(summary_run)


@pytest.mark.slow
@pytest.mark.parametrize("n_jobs", [1, 4])
def test_one_run_per_trial_shaped_like_a_sweep_run(_isolated: Path, n_jobs: int) -> None:
    result = tuneflow.tune(_recipe(), n_trials=N_GRID, storage="memory", n_jobs=n_jobs)
    assert len(result.study.trials) == N_GRID
    _check_study_runs(result, _isolated)


def test_reader_matches_the_wandb_cli(_isolated: Path) -> None:
    """read_run is exactly `wandb leet inspect --summary --json RUN_DIR`."""
    tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb={"summary_run": False})
    run_dir = run_dirs(_isolated / "wandb")[0]
    cli = Path(sys.executable).with_name("wandb")
    out = subprocess.run(
        [str(cli), "leet", "inspect", "--summary", "--json", str(run_dir)], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == read_run(run_dir)


def _agent_train() -> None:
    """Written for wandb.agent: no arguments, wandb.init / wandb.config / wandb.log."""
    import wandb

    with wandb.init(project="ignored-inside-a-sweep") as run:
        x, depth = wandb.config["x"], wandb.config.model["depth"]
        for step in range(STEPS):
            wandb.log({METRIC: x * depth + STEPS - 1 - step, "aux": step * 10 + depth})
        assert run is wandb.run


@pytest.mark.slow
def test_agent_style_train_gives_the_same_runs(_isolated: Path) -> None:
    parameters = {k: v for k, v in GRID.items() if k != "api_key"}
    recipe = _recipe(train=_agent_train, parameters=parameters, method="random")
    result = tuneflow.tune(recipe, n_trials=4, storage="memory")
    trials = result.study.get_trials()
    assert [t.state.name for t in trials] == ["COMPLETE"] * 4
    runs = _runs(_isolated)
    assert len(runs) == 5
    for t in trials:
        run_dir, data = runs[t.user_attrs["wandb_run_id"]]
        assert data["config"] == result.config_of(t)
        # W&B Sweeps semantics: the objective is the metric's value in the run summary (last logged)
        assert t.value == pytest.approx(t.params["x"] * t.params["model.depth"])
        assert data["summary"][METRIC] == pytest.approx(t.value)
        assert data["summary"]["tuneflow/state"] == "complete"
        assert data["summary"]["tuneflow/trial"] == t.number
        assert len(_history(run_dir)) == STEPS


def test_agent_style_refuses_parallel_jobs() -> None:
    with pytest.raises(RecipeError, match="n_jobs=2"):
        tuneflow.tune(_recipe(train=_agent_train), n_trials=2, storage="memory", n_jobs=2)


def test_agent_style_without_the_metric_fails_with_reason(_isolated: Path) -> None:
    def train() -> None:
        import wandb

        wandb.init()
        wandb.log({"other": 1.0})

    result = tuneflow.tune(_recipe(train=train, method="random"), n_trials=1, storage="memory")
    trial = result.study.trials[0]
    assert trial.state.name == "FAIL"
    assert "logged no 'loss'" in trial.user_attrs["fail_reason"]


@pytest.mark.slow
def test_wandb_down_costs_one_timeout_and_loses_no_trial(_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    timeout = 4.0
    recipe = _recipe(method="random")
    start = time.monotonic()
    tuneflow.tune(recipe, n_trials=6, storage="memory", study_name="baseline", wandb={"mode": "offline"})
    baseline = time.monotonic() - start

    monkeypatch.setenv("WANDB_MODE", "online")
    monkeypatch.setenv("WANDB_BASE_URL", "http://127.0.0.1:9")  # nothing listens: connection refused
    monkeypatch.setenv("WANDB_API_KEY", "f" * 40)
    finished: list[float] = []
    start = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = tuneflow.tune(
            recipe,
            n_trials=6,
            storage="memory",
            study_name="down",
            wandb={"init_timeout": timeout},
            callbacks=[lambda s, t: finished.append(time.monotonic())],
        )
    elapsed = time.monotonic() - start
    assert len(result.study.trials) == 6
    # the loop waited for W&B once, at its first trial, for the study's sweep (which cannot be created)
    assert finished[-1] - start < baseline + timeout
    assert elapsed - baseline < timeout + 5.0  # one timeout in total, not one per run
    unreachable = [w for w in caught if "W&B is unreachable" in str(w.message)]
    assert len(unreachable) == 1
    down = [d for d in run_dirs(_isolated / "wandb") if "down" in d.name or "-t" in d.name]
    offline = {read_run(d)["run_id"] for d in run_dirs(_isolated / "wandb") if d.name.startswith("offline-run")}
    for t in result.study.trials:  # every trial's run is on disk, offline
        assert t.user_attrs["wandb_run_id"] in offline
    assert down


# -- secrets ---------------------------------------------------------------------------------------

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PASSWORD = "pw-Zq8xv3Lk"


@pytest.fixture
def postgres_url() -> str:
    """A throw-away PostgreSQL server with password authentication, on loopback."""
    import socket

    try:
        import psycopg  # noqa: F401

        have = (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None
    except ImportError:
        have = False
    require("PostgreSQL (Debian binaries + psycopg)", have)
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="tuneflow-pg-"))
    user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if user:
        shutil.chown(root, "postgres")
    (root / "pw").write_text(PG_PASSWORD + "\n")
    if user:
        shutil.chown(root / "pw", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    initdb = [*user, str(PG_BIN / "initdb"), "-D", str(data), "-U", "tuneflow", "--auth=scram-sha-256"]
    subprocess.run([*initdb, f"--pwfile={root / 'pw'}", "-E", "UTF8"], check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    log = root / "server.log"
    if user:
        log.touch()
        shutil.chown(log, "postgres")
    # The server inherits pg_ctl's stdout: send it to a log file, not to a pipe we would wait on.
    start = [*user, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "start"]
    subprocess.run(start, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    try:
        yield f"postgresql+psycopg://tuneflow:{PG_PASSWORD}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*user, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.postgres
@pytest.mark.slow
def test_secrets_never_reach_wandb_files(_isolated: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["tuneflow", "run", "--storage", postgres_url])  # W&B records argv
    parameters = dict(GRID, db={"value": postgres_url}, auth_token={"value": "plain-token-value-42"})

    def train(config: dict, trial: tuneflow.TrialContext) -> float:
        trial.log({"where": config["db"], "key": config["api_key"]}, step=0)
        if config["x"] < 0.1:
            raise RuntimeError(f"cannot reach {config['db']}")
        return config["x"]

    recipe = _recipe(train=train, parameters=parameters, method="random")
    result = tuneflow.tune(recipe, n_trials=4, storage=postgres_url)
    assert len(result.study.trials) == 4
    files = [p for p in (_isolated / "wandb").rglob("*") if p.is_file()]
    assert any(p.suffix == ".wandb" for p in files) and any(p.name == "debug.log" for p in files)
    for secret in (PG_PASSWORD, API_KEY_VALUE, "plain-token-value-42"):
        leaks = [str(p) for p in files if secret.encode() in p.read_bytes()]
        assert not leaks, f"{secret!r} written to {leaks}"
    run = next(data for rid, (_, data) in _runs(_isolated).items() if "-summary-" not in rid)
    assert run["config"]["db"] == postgres_url.replace(PG_PASSWORD, "***")


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("api_key", True),
        ("apiKey", True),
        ("WANDB_API_KEY", True),
        ("password", True),
        ("db_password", True),
        ("hf_token", True),
        ("client_secret", True),
        ("aws_secret_access_key", True),
        ("credentials", True),
        ("max_tokens", False),
        ("tokenizer", False),
        ("learning_rate", False),
        ("author", False),
        ("key", False),
    ],
)
def test_secret_keys(key: str, secret: bool) -> None:
    assert (Redactor().value({key: "v"})[key] == "***") is secret


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:hunter2@db/x", "postgresql://u:***@db/x"),
        ("token sk-abcdefghijklmnop1234 used", "token *** used"),
        ("hf_abcdefghijklmnopqrstu", "***"),
        ("g" * 40, "g" * 40),
        ("0123456789abcdef0123456789abcdef01234567", "***"),
        ("plain text", "plain text"),
    ],
)
def test_secret_text(text: str, expected: str) -> None:
    assert Redactor().text(text) == expected


# -- options, mode, ids, history -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "env_mode", "api_key", "expected"),
    [
        ("online", "offline", None, "online"),
        ("disabled", None, "k" * 40, "disabled"),
        (None, "offline", "k" * 40, "offline"),
        (None, "disabled", None, "disabled"),
        (None, "dryrun", None, "offline"),
        (None, None, "k" * 40, "online"),
        (None, None, None, "offline"),
    ],
)
def test_mode_resolution(monkeypatch: pytest.MonkeyPatch, option, env_mode, api_key, expected) -> None:
    for name, value in (("WANDB_MODE", env_mode), ("WANDB_API_KEY", api_key)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("NETRC", str(Path.cwd() / "no-netrc"))
    assert resolve_mode(WandbOptions(mode=option))[0] == expected


def test_no_credentials_hint_is_printed_once(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("WANDB_MODE")
    monkeypatch.setenv("NETRC", str(Path.cwd() / "no-netrc"))
    study = optuna.create_study()
    for _ in range(2):
        make_tracker(None, _recipe(), study)
    err = capsys.readouterr().err
    assert err.count("wandb sync") == 1 and "no W&B credentials" in err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"projekt": "x"}, "wandb.projekt: unknown option"),
        ({"mode": "cloud"}, "wandb.mode: 'cloud' is not one of online, offline, disabled"),
        ({"init_timeout": 0}, "wandb.init_timeout: must be a number of seconds > 0"),
        ("yes", "wandb: must be False, None, a dict"),
    ],
)
def test_bad_options_name_the_field(value, message: str) -> None:
    with pytest.raises(TuneflowError, match=message.replace("(", r"\(")):
        WandbOptions.parse(value)


def test_options_forms() -> None:
    assert WandbOptions.parse(False) is None
    assert WandbOptions.parse(None) == WandbOptions()
    parsed = WandbOptions.parse({"project": "p", "tags": "a", "group": "g"})
    assert (parsed.project, parsed.tags, parsed.group) == ("p", ("a",), "g")


def test_wandb_false_writes_nothing(_isolated: Path) -> None:
    tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb=False)
    assert not (_isolated / "wandb").exists()


def test_group_and_tags_options(_isolated: Path) -> None:
    options = WandbOptions(group="g1", tags=("exp",), summary_run=False, project="proj")
    result = tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb=options)
    for _, data in _runs(_isolated).values():
        assert "exp" in data["tags"] and data["project"] == "proj"
    assert result.study.trials[0].user_attrs["wandb_run_path"].startswith("proj/")


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([(0, {"__objective__": 1.0}), (0, {"a": 2})], [(0, {"loss": 1.0, "a": 2})]),
        ([(2, {"a": 1}), (0, {"a": 0})], [(0, {"a": 0}), (2, {"a": 1})]),  # out of order: kept, sorted
        ([(None, {"a": 1}), (None, {"a": 2})], [(0, {"a": 1}), (1, {"a": 2})]),
        ([(5, {"a": 1}), (None, {"b": 2})], [(5, {"a": 1}), (6, {"b": 2})]),
    ],
)
def test_merge_history(history, expected) -> None:
    assert merge_history(history, "loss") == expected


def test_run_ids_are_derived_from_study_and_storage(tmp_path: Path) -> None:
    def prefix(db: str, name: str = "s") -> str:
        return study_run_prefix(optuna.create_study(study_name=name, storage=db, load_if_exists=True))

    a = f"sqlite:///{tmp_path / 'a.db'}"
    assert prefix(a) == prefix(a)
    assert prefix(a) != prefix(f"sqlite:///{tmp_path / 'b.db'}")
    assert prefix(a) != prefix(a, "t")
    assert study_run_prefix(optuna.create_study()) != study_run_prefix(optuna.create_study())


RECIPE_MODULE = """\
import tuneflow

recipe = tuneflow.Recipe(
    name="again",
    train=lambda config: config["x"],
    parameters={"x": {"min": 0.0, "max": 1.0}},
    method="random",
    metric={"name": "loss"},
)
"""


@pytest.mark.slow
def test_a_study_created_anew_under_its_old_name_gets_runs_of_its_own(_isolated: Path) -> None:
    """The database deleted, the wandb/ folder kept: the new study's trials are written, not
    skipped as the old study's runs; a resume of the new study continues its own run ids."""
    (_isolated / "again.py").write_text(RECIPE_MODULE)
    tuneflow_cli = Path(sys.executable).with_name("tuneflow")

    def run(n: int, seed: int) -> list[optuna.trial.FrozenTrial]:
        args = ["run", "again.py", "--n-trials", str(n), "--seed", str(seed), "--storage", "sqlite:///s.db"]
        proc = subprocess.run([str(tuneflow_cli), *args, "--no-progress"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return optuna.load_study(study_name="again", storage="sqlite:///s.db").trials

    old = run(2, seed=1)
    for leftover in _isolated.glob("s.db*"):
        leftover.unlink()
    new = run(2, seed=2)
    resumed = run(1, seed=2)
    runs = {read_run(d)["run_id"]: read_run(d) for d in run_dirs(_isolated / "wandb")}
    trials = old + resumed  # `resumed` holds the new study's 3 trials
    assert len(resumed) == 3 and len({t.user_attrs[RUN_ID_ATTR] for t in trials}) == 5
    for trial in trials:
        run_data = runs[trial.user_attrs[RUN_ID_ATTR]]
        assert run_data["config"]["x"] == trial.params["x"] and run_data["summary"]["loss"] == trial.value
    prefixes = {t.user_attrs[RUN_ID_ATTR].rsplit("-t", 1)[0] for t in resumed}
    assert len(prefixes) == 1 and [t.user_attrs[RUN_ID_ATTR] for t in new] == [
        t.user_attrs[RUN_ID_ATTR] for t in resumed[:2]
    ]


def test_relogging_a_run_is_skipped(_isolated: Path) -> None:
    connection = Connection("p", None, "offline", None, 10)
    spec = RunSpec("idem-1", "idem", {"a": 1}, {"loss": 1.0}, history=[(0, {"loss": 1.0})])
    writer = RunWriter(connection)
    writer.finish(spec)
    assert writer.flush(60)
    writer.finish(spec)
    assert writer.close(60)
    assert (len(writer.written), writer.skipped) == (1, 1)
    assert len(run_dirs(_isolated / "wandb")) == 1


def test_interruption_writes_the_cut_trial_and_a_tagged_summary(_isolated: Path) -> None:
    def train(config: dict, trial: tuneflow.TrialContext) -> float:
        trial.report(1.0, 0)
        if trial.number == 2:
            raise KeyboardInterrupt
        return config["x"]

    with pytest.raises(KeyboardInterrupt):
        tuneflow.tune(_recipe(train=train, method="random"), n_trials=5, storage="memory")
    runs = {rid: data for rid, (_, data) in _runs(_isolated).items()}
    summary = next(data for rid, data in runs.items() if "-summary-" in rid)
    assert "interrupted" in summary["tags"] and summary["summary"]["tuneflow/interrupted"] is True
    states = sorted(data["summary"]["tuneflow/state"] for rid, data in runs.items() if "-summary-" not in rid)
    assert states == ["complete", "complete", "fail"]
    cut = next(data for data in runs.values() if data["summary"].get("tuneflow/trial") == 2)
    assert cut["state"] == "failed" and "interrupted" in cut["summary"]["tuneflow/fail_reason"]


def test_summary_run_table_takes_columns_that_mix_text_and_numbers(tmp_path: Path) -> None:
    """A categorical like max_features ["sqrt", 0.25] must not cost the study its summary run."""
    recipe = tuneflow.Recipe(
        name="mixed",
        train=lambda config: {METRIC: 0.5 if config["max_features"] == "sqrt" else 0.25},
        parameters={"max_features": {"values": ["sqrt", 0.25, True]}},
        method="grid",
        metric={"name": METRIC, "goal": "minimize"},
    )
    tuneflow.tune(recipe, storage="memory", wandb={})
    runs = _runs(tmp_path)
    (summary,) = [data["summary"] for rid, (_, data) in runs.items() if "-summary-" in rid]
    assert summary["trials"]["nrows"] == 3
    assert summary["best/config"] == {"max_features": 0.25}


def test_the_writer_process_leaves_no_pipe_open(_isolated: Path) -> None:
    """Once the writer process has exited, its output pipe is closed (no ResourceWarning when the
    finished tracker is collected)."""
    import gc
    import threading

    def readers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "tuneflow-wandb-acks"}

    earlier = readers()  # other tests' writers may still be running
    gc.collect()  # what earlier tests left behind warns now, not below
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb={"mode": "offline"})
        deadline = time.monotonic() + 30
        while readers() - earlier and time.monotonic() < deadline:
            time.sleep(0.1)  # the child exits once it has written everything; its reader then ends
        gc.collect()
    assert not readers() - earlier
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
