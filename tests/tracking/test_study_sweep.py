"""Every online study a W&B sweep: created once per study, and every trial's run joins it.

Against a small W&B server on 127.0.0.1 (tests/tracking/wandb_server.py) that answers wandb's own
GraphQL documents and records what arrives; wandb itself (wandb.sweep, wandb.init, wandb-core)
does the talking.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import optuna
import pytest
from sweep_programs import python_on_path, write_program_sweep  # noqa: F401
from wandb_server import WandbServer, serve_wandb

import tuneflow
from tuneflow.engine.result import load_result
from tuneflow.engine.study import create_study
from tuneflow.keys import RUN_ID_ATTR, SWEEP_ATTR
from tuneflow.tracking.backfill import backfill_wandb
from tuneflow.tracking.sweep import sweep_config

pytestmark = pytest.mark.slow


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[WandbServer]:
    """The server, with W&B online and pointed at it (every process the test starts inherits this).

    wandb reads its environment once per process: ``teardown`` makes this process's wandb (agent-style
    runs, backfill) read it again, before and after, so no test talks to another test's server."""
    import wandb

    with serve_wandb() as state:
        monkeypatch.setenv("WANDB_BASE_URL", state.url)
        monkeypatch.setenv("WANDB_API_KEY", "k" * 40)
        monkeypatch.setenv("WANDB_MODE", "online")
        monkeypatch.setenv("WANDB_PROJECT", "sweeps-test")
        wandb.teardown()
        try:
            yield state
        finally:
            wandb.teardown()


def train(config: dict[str, Any], trial: Any) -> float:
    trial.report(config["x"], 0)
    return float(config["x"])


def _recipe(**changes: Any) -> tuneflow.Recipe:
    fields: dict[str, Any] = {
        "name": "sw",
        "train": train,
        "parameters": {"x": {"min": 0.0, "max": 1.0}},
        "method": "random",
        "metric": {"name": "value", "goal": "minimize"},
    }
    return tuneflow.Recipe(**{**fields, **changes})


def _run_ids(study: optuna.Study) -> list[str]:
    return [t.user_attrs[RUN_ID_ATTR] for t in study.get_trials(deepcopy=False)]


def _study(storage: str, name: str = "sw") -> optuna.Study:
    return optuna.load_study(study_name=name, storage=storage)


# -- once per study ------------------------------------------------------------------------------


def test_three_workers_at_once_make_one_sweep_and_every_run_joins_it(server: WandbServer, tmp_path: Path) -> None:
    (tmp_path / "rec.py").write_text(
        textwrap.dedent(
            """
            import tuneflow

            def train(config, trial):
                return config["x"]

            recipe = tuneflow.Recipe(name="sw", train=train, parameters={"x": {"min": 0.0, "max": 1.0}},
                                     method="tpe", metric={"name": "value", "goal": "minimize"})
            """
        )
    )
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    create_study(tuneflow.load_recipe(tmp_path / "rec.py"), storage)  # as `run --workers` does first
    cmd = [str(Path(sys.executable).with_name("tuneflow")), "worker", "rec.py", "--storage", storage, "--n-trials", "1"]
    workers = [subprocess.Popen([*cmd, "--no-progress"], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errs = [w.communicate(timeout=240)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0], errs
    assert len(server.sweeps) == 1, errs
    (sweep_id, sweep), *_ = server.sweeps.items()
    assert sweep["config"]["controller"] == {"type": "local"}
    assert sweep["config"]["method"] == "custom"  # tpe: W&B has no such method
    assert sweep["project"] == "sweeps-test"
    study = _study(storage)
    assert study.user_attrs[SWEEP_ATTR]["id"] == sweep_id
    runs = _run_ids(study)
    assert len(runs) == 3
    assert {server.sweep_of(r) for r in runs} == {sweep_id}
    for err in errs:  # each worker says which sweep in one line
        assert err.count(f"/sweeps/{sweep_id}") == 1, err


def test_resume_and_backfill_join_the_same_sweep(server: WandbServer, tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    tuneflow.tune(_recipe(), n_trials=2, storage=storage, wandb={"summary_run": False})
    tuneflow.tune(_recipe(), n_trials=2, storage=storage, wandb={"summary_run": False})  # resumed
    assert len(server.sweeps) == 1
    sweep_id = next(iter(server.sweeps))
    study = _study(storage)
    assert {server.sweep_of(r) for r in _run_ids(study)} == {sweep_id}
    # backfill writes the runs again under the same ids: they join the same sweep, no new one
    server.runs.clear()
    report = backfill_wandb(load_result(storage, "sw"), {"mode": "online"}, summary_run=False)
    assert not report.errors, report
    assert len(server.sweeps) == 1
    assert {server.sweep_of(r) for r in _run_ids(study)} == {sweep_id}


def test_backfill_creates_the_sweep_of_a_study_run_without_wandb(server: WandbServer, tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    tuneflow.tune(_recipe(method="grid", parameters={"x": {"values": [0.1, 0.2, 0.3]}}), storage=storage, wandb=False)
    # (no summary run: its tables are W&B artifacts, which this server does not take)
    report = backfill_wandb(load_result(storage, "sw"), {"mode": "online"}, summary_run=False)
    assert not report.errors, report
    assert len(server.sweeps) == 1
    (sweep_id, sweep), *_ = server.sweeps.items()
    assert sweep["config"]["method"] == "grid"
    assert sweep["config"]["parameters"] == {"x": {"values": [0.1, 0.2, 0.3]}}
    study = _study(storage)
    runs = _run_ids(study) if all(RUN_ID_ATTR in t.user_attrs for t in study.trials) else []
    ids = runs or [k[2] for k in server.runs if "-t" in k[2]]
    assert len(ids) == 3 and {server.sweep_of(r) for r in ids} == {sweep_id}
    # prior runs: the sweep was created naming the study's runs already on the server
    assert '"$or"' in (sweep["variables"].get("priorRunsFilters") or "")
    again = backfill_wandb(load_result(storage, "sw"), {"mode": "online"}, summary_run=False)
    assert again.sweep_line and sweep_id in again.sweep_line  # joins it, says so
    assert len(server.sweeps) == 1


def test_failed_creation_writes_plain_runs_with_one_line(
    server: WandbServer, capfd: pytest.CaptureFixture[str]
) -> None:
    server.sweep_error = 'Cannot query field "upsertSweep" on type "Mutation".'
    result = tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb={"summary_run": False})
    assert not server.sweeps
    runs = _run_ids(result.study)
    assert len(runs) == 2 and all((r := [k for k in server.runs if k[2] == i]) and r for i in runs)
    assert {server.sweep_of(r) for r in runs} == {None}
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if "no W&B sweep" in line]
    assert len(lines) == 1 and "upsertSweep" in lines[0], err


def test_sweep_id_given_joins_it_for_a_train_function(server: WandbServer) -> None:
    result = tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb={"sweep_id": "given12", "summary_run": False})
    assert not server.sweeps  # joined, not created
    assert {server.sweep_of(r) for r in _run_ids(result.study)} == {"given12"}
    assert result.study.user_attrs[SWEEP_ATTR]["id"] == "given12"  # kept for the study's other workers


@pytest.mark.parametrize(("option", "joined"), [(None, "fromenv1"), ("option12", "option12")])
def test_wandb_sweep_id_env_joins_and_keeps_the_run_ids(
    server: WandbServer, monkeypatch: pytest.MonkeyPatch, option: str | None, joined: str
) -> None:
    monkeypatch.setenv("WANDB_SWEEP_ID", "fromenv1")  # wandb would drop the runs' ids if its runs saw it
    wandb = {"summary_run": False, **({"sweep_id": option} if option else {})}
    result = tuneflow.tune(_recipe(), n_trials=2, storage="memory", wandb=wandb)
    runs = _run_ids(result.study)
    assert {server.sweep_of(r) for r in runs} == {joined}  # found under tuneflow's run ids
    assert all(k[1] == "sweeps-test" for k in server.runs)
    assert os.environ["WANDB_SWEEP_ID"] == "fromenv1"  # put back: the process's next study joins it too


def test_the_first_trial_does_not_wait_for_the_sweep(server: WandbServer) -> None:
    """Creating the sweep takes a child process and a round trip (here 4 s more): the trials start
    meanwhile, and their runs, opened on the writer's threads, still join it."""
    server.sweep_delay = 4.0
    sweeps_at_start: list[int] = []

    def quick(config: dict[str, Any], trial: Any) -> float:
        sweeps_at_start.append(len(server.sweeps))
        return float(config["x"])

    result = tuneflow.tune(_recipe(train=quick), n_trials=2, storage="memory", wandb={"summary_run": False})
    assert sweeps_at_start == [0, 0]  # both trials ran before the sweep existed
    (sweep_id,) = server.sweeps
    assert {server.sweep_of(r) for r in _run_ids(result.study)} == {sweep_id}


# -- every kind of train ---------------------------------------------------------------------------


def agent_train() -> None:
    import wandb

    wandb.init(config={"epochs": 2})
    for i in range(wandb.config["epochs"]):
        wandb.log({"value": wandb.config["x"] + i})


def test_agent_style_runs_join_the_sweep_without_wandb_notices(
    server: WandbServer, capfd: pytest.CaptureFixture[str]
) -> None:
    result = tuneflow.tune(
        _recipe(train=agent_train), n_trials=3, storage="memory", wandb={"summary_run": False}, progress=False
    )
    sweep_id = next(iter(server.sweeps))
    assert {server.sweep_of(r) for r in _run_ids(result.study)} == {sweep_id}
    err = capfd.readouterr().err
    assert "wandb:" not in err, err  # no reinit notice, no "changes to your wandb environment"


def test_agent_style_offline_prints_no_wandb_notice(capfd: pytest.CaptureFixture[str]) -> None:
    result = tuneflow.tune(_recipe(train=agent_train), n_trials=3, storage="memory", progress=False)
    assert all(t.state.name == "COMPLETE" for t in result.study.trials)
    assert result.study.trials[0].values == [result.study.trials[0].params["x"] + 1]  # the config's default
    err = capfd.readouterr().err
    assert "reinit" not in err and "environment variables" not in err, err


PROGRAM = """
import wandb
run = wandb.init(project="elsewhere", id="fixedid")
for step in range(2):
    wandb.log({"loss": wandb.config["x"] + step})
run.finish()
"""


def test_program_runs_join_the_study_sweep(
    server: WandbServer,
    tmp_path: Path,
    python_on_path: None,  # noqa: F811
) -> None:
    sweep = write_program_sweep(tmp_path, PROGRAM, "x: {values: [0.1, 0.2]}")
    result = tuneflow.tune(tuneflow.load_recipe(sweep), n_trials=2, storage="memory", wandb={"summary_run": False})
    assert all(t.state.name == "COMPLETE" for t in result.study.trials), [t.user_attrs for t in result.study.trials]
    sweep_id = next(iter(server.sweeps))
    runs = _run_ids(result.study)
    assert {server.sweep_of(r) for r in runs} == {sweep_id}  # under the trial's id, not "fixedid"
    assert {k[1] for k in server.runs if k[2] in runs} == {"sweeps-test"}


_LIVE: dict[str, Any] = {}


def live_train(config: dict[str, Any], trial: Any) -> float:
    """Logs two steps, then waits (at most 15 s) to see it on the server while the trial still runs.

    Measured on a 2-core machine (2026-12-06): 8-10 s from the report to the server with the documented
    interval of 1 s (wandb-core's start and the run's creation come first), 22 s with W&B's default.
    """
    import time

    trial.report(0.5, 0)
    trial.report(0.4, 1)  # a step is sent once the next one begins (rows at one step merge)
    server: WandbServer = _LIVE["server"]
    run_id = trial.tracker_slot.run_id
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not server.history.get(run_id):
        time.sleep(0.1)
    _LIVE["seen_while_running"] = bool(server.history.get(run_id))
    return 0.5


def test_the_documented_interval_brings_live_history_within_seconds(
    server: WandbServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # W&B's default sends history every 15 s; the documented knob (docs/wandb-runs.md) makes a running trial's rows arrive at once
    monkeypatch.setenv("WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL", "1")
    _LIVE.update(server=server)
    tuneflow.tune(_recipe(train=live_train), n_trials=1, storage="memory", wandb={"summary_run": False})
    assert _LIVE["seen_while_running"]


# -- the config and the claim ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "method"),
    [
        ({"method": "random"}, "random"),
        ({"method": "auto"}, "bayes"),
        ({"method": "grid", "parameters": {"x": {"values": [1, 2]}}}, "grid"),
        ({"method": "tpe", "early_terminate": {"type": "hyperband", "min_iter": 2}}, "custom"),
        (
            {"method": "nsga2", "metric": [{"name": "a", "goal": "minimize"}, {"name": "b", "goal": "maximize"}]},
            "custom",
        ),
        ({"parameters": None, "space": lambda trial: {"x": trial.suggest_float("x", 0, 1)}}, "custom"),
    ],
)
def test_sweep_config_is_local_and_valid_for_wandb(changes: dict[str, Any], method: str) -> None:
    from wandb_engine.engine import wandb_validate

    recipe = _recipe(**changes)
    config = sweep_config(recipe)
    assert config["controller"] == {"type": "local"} and config["method"] == method
    assert "scheduler" not in config and "project" not in config
    if recipe.early_terminate is not None:
        assert config["early_terminate"] == dict(recipe.early_terminate)
    problems = wandb_validate(config)
    if recipe.parameters is None:  # define-by-run: W&B notes the missing block, nothing else
        assert len(problems) == 1 and "parameters" in problems[0], problems
    else:
        assert problems == [], problems


def test_a_stale_claim_is_taken_over(monkeypatch: pytest.MonkeyPatch) -> None:
    from tuneflow.tracking import sweep as module

    study = optuna.create_study()
    study.set_user_attr(SWEEP_ATTR, {"claim": "gone:1:x", "at": 0.0})  # a claimer that died long ago
    made = module.study_sweep(study, lambda: module.Sweep("new1", None, "p"), timeout=1.0)
    assert made == (module.Sweep("new1", None, "p"), None)
    assert study.user_attrs[SWEEP_ATTR]["id"] == "new1"
    os.environ.pop("WANDB_SWEEP_ID", None)


def test_offline_runs_carry_the_sweep_an_online_session_made(tmp_path: Path) -> None:
    from tuneflow.tracking.reader import read_records, run_dirs

    storage = f"sqlite:///{tmp_path / 'study.db'}"
    study = create_study(_recipe(), storage)
    study.set_user_attr(SWEEP_ATTR, {"id": "earlier1", "entity": None, "project": None})
    tuneflow.tune(_recipe(), n_trials=1, storage=storage, wandb={"summary_run": False})  # WANDB_MODE=offline
    (run_dir,) = run_dirs(tmp_path / "wandb")
    runs = [r for r in read_records(run_dir) if "run" in r]
    assert runs and all("earlier1" in json.dumps(r) for r in runs)  # `wandb sync` sends it: the run joins


# -- the test server answers what wandb's own documents ask ----------------------------------------------


def _selection(document: str) -> dict[str, Any]:
    """A GraphQL document's selection set as nested dicts (field -> its sub-selection, {} for a leaf)."""
    import re

    body = document[document.index("{") :]
    while "(" in body:  # arguments are not fields
        body = re.sub(r"\([^()]*\)", "", body)
    tokens = re.findall(r"[A-Za-z_]\w*|[{}]", body)
    stack: list[dict[str, Any]] = [{}]
    last = None
    for token in tokens[1:-1]:  # inside the outer braces
        if token == "{":
            assert last is not None
            stack[-1][last] = {}
            stack.append(stack[-1][last])
        elif token == "}":
            stack.pop()
        else:
            stack[-1][token] = {}
            last = token
    return stack[0]


def _missing(selection: dict[str, Any], answer: Any, where: str = "") -> list[str]:
    if answer is None:
        return []  # a nullable field answered null (a run that does not exist yet)
    if isinstance(answer, list):
        return [m for item in answer for m in _missing(selection, item, where)]
    out = []
    for name, sub in selection.items():
        if name not in answer:
            out.append(f"{where}{name}")
        elif sub:
            out += _missing(sub, answer[name], f"{where}{name}.")
    return out


def _core_document(head: str) -> str:
    data = Path(_wandb_core_path()).read_bytes()
    start = data.index(head.encode())
    depth, end = 0, data.index(b"{", start)
    while True:
        depth += {b"{": 1, b"}": -1}.get(data[end : end + 1], 0)
        if depth == 0:
            return data[start : end + 1].decode()
        end += 1


def _wandb_core_path() -> str:
    import wandb

    return str(Path(wandb.__file__).parent / "bin" / "wandb-core")


def _upsert_sweep_document() -> str:
    import inspect
    import re

    from wandb.apis.public import sweeps

    source = inspect.getsource(sweeps._upsert_sweep)
    strings = dict(re.findall(r'(\w+) = """(.*?)"""', source, flags=re.S))
    return strings["mutation_str"].replace("_PROJECT_QUERY_", strings["project_query"])


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        (lambda: _core_document("query Viewer {"), {}),
        (lambda: _core_document("query ServerFeaturesQuery {"), {}),
        (lambda: _core_document("query RunResumeStatus ("), {"project": "p", "entity": "e", "name": "r"}),
        (lambda: _core_document("mutation UpsertBucket ("), {"name": "r", "project": "p", "sweep": "s"}),
        (lambda: _core_document("mutation CreateRunFiles ("), {"run": "r", "files": ["a.json"]}),
        (_upsert_sweep_document, {"config": "method: random\n", "projectName": "p"}),
    ],
)
def test_the_test_server_answers_every_field_wandbs_documents_ask(document: Any, variables: dict[str, Any]) -> None:
    text = document()
    name = text.split()[1].split("(")[0]
    data, error = WandbServer(url="http://127.0.0.1:1").answer(name, variables)
    assert error is None and data is not None
    assert _missing(_selection(text), data) == []
