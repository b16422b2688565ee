"""A sweep YAML with a `program` runs under `tuneflow run` where and how `wandb agent` runs it:
each trial a real subprocess writing its own offline W&B run, read back with W&B's reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sweep_programs import python_on_path, write_program_sweep  # noqa: F401  (a fixture)

import tuneflow
from tuneflow.cli import main
from tuneflow.engine.failures import FailurePolicy
from tuneflow.engine.result import load_result
from tuneflow.keys import FAIL_REASON_ATTR
from tuneflow.tracking.program import command_line
from tuneflow.tracking.reader import read_run, run_dirs

TUNEFLOW = Path(sys.executable).with_name("tuneflow")


pytestmark = pytest.mark.usefixtures("python_on_path")


PROGRAM = """\
import sys
import wandb

run = wandb.init(config={"lr": 0.5, "unused_default": 1})
args = dict(a.lstrip("-").split("=", 1) for a in sys.argv[1:])
if float(args["lr"]) != run.config.lr:  # ${args} and wandb.config must agree, as under wandb agent
    sys.exit(3)
if run.config.lr > 0.25:
    print("learning rate too high", file=sys.stderr)
    sys.exit(1)
for epoch in range(3):
    wandb.log({"loss": (run.config.lr - 0.1) ** 2 + 1.0 / (epoch + 1), "epoch": epoch})
run.finish()
"""


def _sweep(tmp: Path, high: float = 0.2, command: str = "") -> Path:
    return write_program_sweep(tmp, PROGRAM, f"lr: {{min: 0.01, max: {high}}}", command)


def _run(*args: str, exit_code: int = 0) -> str:
    result = CliRunner().invoke(main, ["run", *args, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == exit_code, result.output
    return result.output


@pytest.mark.slow
def test_program_trials_are_wandb_runs_read_back_from_disk(_isolated: Path) -> None:
    sweep = _sweep(_isolated)
    _run(str(sweep), "--n-trials", "3", "--storage", "sqlite:///s.db", "--n-jobs", "2")
    result = load_result("sqlite:///s.db")
    trials = result.study.get_trials()
    assert [t.state.name for t in trials] == ["COMPLETE"] * 3
    runs = {read_run(d)["run_id"]: read_run(d) for d in run_dirs(_isolated / "wandb")}
    assert len(runs) == 4  # one per trial (the program's own run) + the study summary
    for t in trials:
        lr = t.params["lr"]
        assert t.value == pytest.approx((lr - 0.1) ** 2 + 1.0 / 3)  # the last logged value: W&B's summary
        run = runs[t.user_attrs["wandb_run_id"]]
        assert run["config"]["lr"] == pytest.approx(lr)
        assert run["summary"]["loss"] == pytest.approx(t.value)
        assert {"sweep", "random"} <= set(run["tags"])


@pytest.mark.slow
def test_failing_program_fails_its_trial_with_the_reason(_isolated: Path) -> None:
    sweep = _sweep(_isolated, high=0.3)
    (_isolated / "sweep.yaml").write_text(sweep.read_text().replace("min: 0.01", "min: 0.26"))
    _run(str(sweep), "--n-trials", "1", "--storage", "sqlite:///s.db", exit_code=1)  # no completed trial
    trial = load_result("sqlite:///s.db").study.trials[0]
    assert trial.state.name == "FAIL"
    assert "exited with code 1" in trial.user_attrs["fail_reason"]
    assert "learning rate too high" in trial.user_attrs["fail_reason"]


@pytest.mark.slow
def test_no_wandb_still_reads_the_metric_and_leaves_no_runs(_isolated: Path) -> None:
    sweep = _sweep(_isolated, command='command: ["${env}", "${interpreter}", "${program}", "${args_no_hyphens}"]\n')
    _run(str(sweep), "--n-trials", "1", "--storage", "sqlite:///s.db", "--no-wandb")
    trial = load_result("sqlite:///s.db").study.trials[0]
    assert trial.state.name == "COMPLETE"
    assert trial.value == pytest.approx((trial.params["lr"] - 0.1) ** 2 + 1.0 / 3)
    assert not (_isolated / "wandb").exists()


@pytest.mark.parametrize(
    ("command", "expected_args"),
    [
        (None, ["--lr=0.1", "--model={'depth': 2}", "--flag=True"]),
        (
            ["${env}", "${interpreter}", "${program}", "${args_no_hyphens}"],
            ["lr=0.1", "model={'depth': 2}", "flag=True"],
        ),
        (
            ["${env}", "${interpreter}", "${program}", "${args_no_boolean_flags}"],
            ["--lr=0.1", "--model={'depth': 2}", "--flag"],
        ),
        (
            ["${env}", "${interpreter}", "${program}", "${args_json}"],
            ['{"lr": 0.1, "model": {"depth": 2}, "flag": true}'],
        ),
    ],
)
def test_command_macros_expand_as_wandb_agent_does(tmp_path: Path, command, expected_args) -> None:
    args = command_line(command, "train.py", {"lr": 0.1, "model": {"depth": 2}, "flag": True}, tmp_path / "c.json")
    assert args == ["/usr/bin/env", "python", "train.py", *expected_args]  # `python` from PATH, as the agent


def test_args_json_file_and_envvar_macros(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_PY", "/opt/py/bin/python3")
    command = ["${envvar:MY_PY}", "${program}", "--config", "${args_json_file}"]
    json_file = tmp_path / "wandb" / "sweep-s" / "config-r.json"
    args = command_line(command, "train.py", {"lr": 0.1}, json_file)
    assert args == ["/opt/py/bin/python3", "train.py", "--config", str(json_file)]
    assert json.loads(json_file.read_text()) == {"lr": 0.1}


@pytest.mark.slow
def test_program_trials_survive_wandb_down(_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    import warnings

    import tuneflow

    recipe = tuneflow.load_recipe(_sweep(_isolated))
    monkeypatch.setenv("WANDB_MODE", "online")
    monkeypatch.setenv("WANDB_BASE_URL", "http://127.0.0.1:9")  # loopback, nothing listens
    monkeypatch.setenv("WANDB_API_KEY", "f" * 40)
    start = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = tuneflow.tune(recipe, n_trials=2, storage="memory", wandb={"init_timeout": 3, "summary_run": False})
    assert [t.state.name for t in result.study.trials] == ["COMPLETE", "COMPLETE"]
    assert sum("W&B is unreachable" in str(w.message) for w in caught) == 1
    assert time.monotonic() - start < 3 + 40  # one timeout, then offline programs (~2-4 s each)
    dirs = run_dirs(_isolated / "wandb")
    assert len([d for d in dirs if d.name.startswith("offline-run")]) == 2
    # the one online attempt in total was the study's W&B sweep: no answer, so every program ran offline
    assert not [d for d in dirs if d.name.startswith("run-")]


@pytest.mark.slow
def test_program_sweep_without_a_metric_completes_when_the_program_succeeds(_isolated: Path) -> None:
    """As under W&B: a grid of program runs with no metric block; a run that exits 1 is FAIL."""
    (_isolated / "train.py").write_text(PROGRAM)
    sweep = _isolated / "sweep.yaml"
    sweep.write_text("program: train.py\nmethod: grid\nparameters:\n  lr: {values: [0.05, 0.2, 0.3]}\n")
    output = _run(str(sweep), "--storage", "sqlite:///s.db")
    result = load_result("sqlite:///s.db")
    states = {t.params["lr"]: t.state.name for t in result.study.trials}
    assert states == {0.05: "COMPLETE", 0.2: "COMPLETE", 0.3: "FAIL"}  # lr > 0.25 exits 1
    assert not result.ranked and "this study has no metric, so no trial is ranked" in output
    done = next(t for t in result.study.trials if t.params["lr"] == 0.05)
    assert done.user_attrs["metrics"]["loss"] == pytest.approx((0.05 - 0.1) ** 2 + 1.0 / 3)  # its run summary


# -- where and how the agent runs the program ------------------------------------------------------

REPO_PROGRAM = """\
import sys
import wandb

data = open("data/train.csv").read()  # relative to where the agent runs: the repository root
run = wandb.init(project="theirs", entity="someone", id="fixedid", config={"lr": 0.5})
for epoch in range(3):
    wandb.log({"loss": (run.config.lr - 0.1) ** 2 + len(data) / (epoch + 1)})
run.finish()
"""


def _repository(root: Path) -> Path:
    """A repository laid out as published ones are: the program at the root, the sweep two folders down."""
    (root / "data").mkdir()
    (root / "data" / "train.csv").write_text("x")
    (root / "train.py").write_text(REPO_PROGRAM)
    sweep = root / "configs" / "sweeps" / "sweep.yaml"
    sweep.parent.mkdir(parents=True)
    sweep.write_text(
        textwrap.dedent(
            """\
            program: train.py
            project: sweepproj
            method: random
            metric: {name: loss, goal: minimize}
            parameters:
              lr: {min: 0.01, max: 0.2}
            """
        )
    )
    return sweep


@pytest.mark.slow
def test_sweep_in_a_subfolder_runs_from_the_root_and_wandb_init_arguments_are_ignored(_isolated: Path) -> None:
    _repository(_isolated)
    out = _run("configs/sweeps/sweep.yaml", "--n-trials", "3", "--storage", "sqlite:///s.db", "--n-jobs", "2")
    result = load_result("sqlite:///s.db")
    trials = result.study.get_trials()
    assert [t.state.name for t in trials] == ["COMPLETE"] * 3
    runs = {read_run(d)["run_id"]: d for d in run_dirs(_isolated / "wandb")}
    for t in trials:
        run_id = t.user_attrs["wandb_run_id"]
        assert run_id != "fixedid"  # the program's id=, project= and entity= are ignored, as under the agent
        run = read_run(runs[run_id])
        assert run["project"] == "sweepproj" and run["entity"] == ""
        assert run["config"]["lr"] == pytest.approx(t.params["lr"])
        assert run["summary"]["loss"] == pytest.approx(t.value)
        assert t.user_attrs["wandb_run_path"] == f"sweepproj/{run_id}"  # as the run wrote it
        record = next(r["run"] for r in _records(runs[run_id]) if r.get("type") == "run")
        assert "sweep_id" not in record  # the placeholder is removed once the run ends (see below)
    best = result.best_trial
    assert f"W&B:     best trial #{best.number} is run sweepproj/{best.user_attrs['wandb_run_id']}" in out


def _records(run_dir: Path) -> list[dict]:
    from tuneflow.tracking.reader import read_records

    return read_records(run_dir)


def test_a_program_missing_from_here_is_one_error_before_any_trial(_isolated: Path) -> None:
    sweep = _repository(_isolated)
    os.chdir(sweep.parent)  # the YAML's folder: train.py is two folders up, as `wandb agent` would find
    result = CliRunner().invoke(main, ["run", "sweep.yaml", "--no-progress", "--storage", "memory"])
    assert result.exit_code == 2
    assert "program: 'train.py' is not a file in" in result.output and "Traceback" not in result.output


FAILING = """\
import sys
print("loading data ...")
print("learning rate too high", file=sys.stderr)
sys.exit(1)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (None, "exited with code 1: loading data ... | learning rate too high"),
        ('["/nonexistent/bin/python", "${program}", "${args}"]', "No such file or directory"),
    ],
)
def test_a_program_that_always_fails_stops_early_with_the_reason(
    _isolated: Path, command: str | None, reason: str
) -> None:
    write_program_sweep(_isolated, FAILING, "lr: {min: 0.01, max: 0.2}", f"command: {command}\n" if command else "")
    proc = subprocess.run(
        [str(TUNEFLOW), "run", "sweep.yaml", "--n-trials", "10", "--storage", "sqlite:///s.db", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert [t.state.name for t in load_result("sqlite:///s.db").study.trials] == ["FAIL"] * 3  # the agent's 3 in 60 s
    assert "stopped: 3 trials failed in the first 60 s, as `wandb agent` stops" in proc.stdout
    assert "first failures (of 3):" in proc.stdout and reason in proc.stdout
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: study 'sweep' has no completed trial (3 fail); stopped:") and reason in last
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("env", "outcomes", "stops_at", "why"),
    [
        ({}, "FFF", 3, "3 trials failed in the first 60 s"),
        ({"WANDB_AGENT_DISABLE_FLAPPING": "true"}, "FFFFF", 5, "5 of the first 5 trials failed"),
        ({"WANDB_AGENT_DISABLE_FLAPPING": "true", "WANDB_AGENT_MAX_INITIAL_FAILURES": "2"}, "FF", 2, "2 of the first"),
        ({"WANDB_AGENT_DISABLE_FLAPPING": "true"}, "SSSFFFFFFFFFF", None, None),  # started well: only the bound
        (
            {"WANDB_AGENT_DISABLE_FLAPPING": "true"},
            "SFFFFF",
            6,
            "5 of the first 6 trials failed",
        ),  # agent: failed >= finished
        # X: FAIL that the agent does not count (exit code 0 without the metric, or killed by a signal)
        ({}, "XXXXXXX", None, None),
        ({}, "XXFXF", None, None),
        ({}, "XXFXFXF", 7, "3 trials failed in the first 60 s"),
        ({}, "X" * 20, 20, "20 trials failed in a row"),  # tuneflow's own bound counts every FAIL
    ],
)
def test_failure_policy_follows_wandb_agent(env: dict, outcomes: str, stops_at: int | None, why: str | None) -> None:
    policy = FailurePolicy(max_in_a_row=20, agent_rules=True, env=env, clock=lambda: 0.0)
    reasons = [policy.record(o in "FX", o == "F") for o in outcomes]
    first = next((i + 1 for i, r in enumerate(reasons) if r), None)
    assert first == stops_at
    if why:
        assert why in (reasons[first - 1] or "")


SKIPPING = """\
import os
import signal
import wandb

run = wandb.init()
if run.config.lr > 0.0:  # every combination is "invalid": the run ends without the metric
    run.finish()
    if os.environ.get("SKIP_BY") == "signal":
        os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.slow
@pytest.mark.parametrize("skip_by", ["exit 0", "signal"])
def test_fails_the_agent_does_not_count_do_not_stop_a_program_sweep(_isolated: Path, skip_by: str) -> None:
    """`wandb agent` counts runs whose program exited with a code > 0: 5 programs that end without
    the metric (exit code 0, or killed by a signal) are 5 FAIL trials, and the sweep goes on."""
    write_program_sweep(_isolated, SKIPPING, "lr: {min: 0.01, max: 0.2}")
    proc = subprocess.run(
        [str(TUNEFLOW), "run", "sweep.yaml", "--n-trials", "5", "--storage", "sqlite:///s.db", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SKIP_BY": skip_by},
    )
    trials = load_result("sqlite:///s.db").study.trials
    assert [t.state.name for t in trials] == ["FAIL"] * 5, proc.stdout + proc.stderr
    reason = "logged no 'loss'" if skip_by == "exit 0" else "was killed by SIGKILL"
    assert all(reason in t.user_attrs[FAIL_REASON_ATTR] for t in trials), [t.user_attrs for t in trials]
    assert "as `wandb agent` stops" not in proc.stdout


def test_failure_policy_window_and_bound() -> None:
    now = [0.0]
    policy = FailurePolicy(
        max_in_a_row=4, agent_rules=True, env={"WANDB_AGENT_MAX_INITIAL_FAILURES": "99"}, clock=lambda: now[0]
    )
    assert policy.record(True) is None and policy.record(True) is None
    now[0] = 61.0  # the third failure after the first minute: not flapping
    assert policy.record(True) is None
    assert policy.record(True) == "4 trials failed in a row"
    plain = FailurePolicy(max_in_a_row=10, agent_rules=False, env={})
    assert [plain.record(True) for _ in range(10)][-2:] == [None, "10 trials failed in a row"]


LONG = """\
import os
import time
import wandb

run = wandb.init()
open(f"pid-{os.getpid()}", "w").close()
for epoch in range(200):
    time.sleep(0.5)
    wandb.log({"loss": 1.0 / (epoch + 1)})
run.finish()
"""


@pytest.mark.slow
@pytest.mark.parametrize("n_jobs", ["1", "2"])
def test_sigterm_stops_the_running_programs(_isolated: Path, n_jobs: str) -> None:
    import signal
    import time

    write_program_sweep(_isolated, LONG, "lr: {min: 0.0, max: 1.0}")
    args = [str(TUNEFLOW), "run", "sweep.yaml", "--n-trials", "4", "--n-jobs", n_jobs, "--storage", "sqlite:///s.db"]
    proc = subprocess.Popen([*args, "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list(_isolated.glob("pid-*"))) < int(n_jobs) and time.monotonic() < deadline:
        time.sleep(0.2)
    programs = [int(p.name.removeprefix("pid-")) for p in _isolated.glob("pid-*")]
    assert len(programs) == int(n_jobs)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    for pid in programs:  # no program outlives tuneflow
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert _processes_reading(_isolated) == []  # nor a reader following a program's run
    trials = load_result("sqlite:///s.db").study.trials
    assert {t.state.name for t in trials} <= {"FAIL", "WAITING"} and "interrupted by SIGTERM" in err


def _processes_reading(where: Path) -> list[str]:
    """Command lines of live processes that name a file under ``where`` (read from /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        text = " ".join(a.decode(errors="replace") for a in args)
        if str(where) in text and "inspect" in text:
            found.append(text)
    return found


class _WandbEndpoint:
    """A local HTTP endpoint that records what `wandb sync` sends, and answers an upsert naming a
    sweep the way W&B's server answers for a sweep it does not hold (404 "sweep ... not found",
    wandb/wandb#8115). No network: only the run's upload is checked, not W&B's service."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.upserts: list[dict] = []
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    body = json.loads(raw)
                except ValueError:  # file uploads and streams: not GraphQL
                    body = {}
                body = body if isinstance(body, dict) else {}
                status, payload = 200, {"data": {}}
                variables = body.get("variables") or {}
                if "upsertBucket" in (body.get("query") or ""):
                    endpoint.upserts.append(variables)
                    if variables.get("sweep"):
                        status = 404
                        payload = {"errors": [{"message": f"sweep {variables['sweep']} not found"}], "data": None}
                out = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda *args: None  # type: ignore[method-assign]  # clients hanging up
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def sync(self, run_dir: Path) -> str:
        env = dict(
            os.environ, WANDB_BASE_URL=self.url, WANDB_API_KEY="a" * 40, WANDB_MODE="online", WANDB_SILENT="false"
        )
        env.pop("WANDB_SERVICE", None)  # its own wandb-core, not this process's
        proc = subprocess.run(
            [sys.executable, "-m", "wandb", "sync", str(run_dir)], capture_output=True, text=True, timeout=120, env=env
        )
        return proc.stdout + proc.stderr


@pytest.mark.slow
def test_offline_program_runs_upload_as_plain_runs_and_a_given_sweep_is_kept(_isolated: Path) -> None:
    _repository(_isolated)
    sweep = "configs/sweeps/sweep.yaml"
    _run(sweep, "--n-trials", "1", "--storage", "sqlite:///a.db", "--study-name", "plain")
    _run(sweep, "--n-trials", "1", "--storage", "sqlite:///b.db", "--study-name", "given", "--sweep-id", "abc12345")
    plain, given = (load_result(f"sqlite:///{db}.db").study.trials[0] for db in "ab")
    endpoint = _WandbEndpoint()
    try:
        for trial in (plain, given):
            run_id = trial.user_attrs["wandb_run_id"]
            (run_dir,) = (_isolated / "wandb").glob(f"offline-run-*-{run_id}")
            assert read_run(run_dir)["project"] == "sweepproj"  # as a sweep run, under either sweep id
            output = endpoint.sync(run_dir)
            upsert = next(u for u in endpoint.upserts if u.get("name") == run_id)
            assert upsert["project"] == "sweepproj"
            if trial is plain:  # the placeholder is gone: W&B takes it as a plain run
                assert upsert["sweep"] is None and "not found" not in output
            else:  # a sweep given by the user stays: W&B's server must hold it
                assert upsert["sweep"] == "abc12345" and "sweep abc12345 not found" in output
    finally:
        endpoint.server.shutdown()


def test_a_run_file_is_rewritten_as_wandb_core_writes_it() -> None:
    from tuneflow.tracking.runfile import _records, _write

    big = bytes(range(256)) * 300  # a record spanning three 32 KiB blocks
    records = [b"a" * 10, big, b"b" * (32 * 1024 - 30), b"c"]
    data = _write(records)
    assert _records(data) == records
    broken = bytearray(data)
    broken[20] ^= 1
    with pytest.raises(ValueError, match="bad chunk"):
        _records(bytes(broken))


CRASHES = """\
import wandb

run = wandb.init()
wandb.log({"loss": 1.0})
raise RuntimeError("diverged at epoch 1")
"""


@pytest.mark.slow
def test_a_program_that_crashes_after_wandb_init_has_its_run_counted_and_named(_isolated: Path) -> None:
    (_isolated / "train.py").write_text(CRASHES)
    (_isolated / "sweep.yaml").write_text(
        "program: train.py\nproject: sweepproj\nmethod: random\nmetric: {name: loss, goal: minimize}\n"
        "parameters:\n  lr: {min: 0.0, max: 1.0}\n"
    )
    out = _run("sweep.yaml", "--n-trials", "1", "--storage", "sqlite:///s.db", exit_code=1)
    trial = load_result("sqlite:///s.db").study.trials[0]
    assert trial.state.name == "FAIL" and "RuntimeError: diverged at epoch 1" in trial.user_attrs["fail_reason"]
    run_id = trial.user_attrs["wandb_run_id"]
    assert trial.user_attrs["wandb_run_path"] == f"sweepproj/{run_id}"  # read from the run it wrote
    assert "wrote 2 W&B runs (offline)" in out  # the crashed program's run and the study summary


@pytest.mark.parametrize(
    ("option", "study_sweep", "mode", "said"),
    [
        ("auto", None, "offline", "as runs of a placeholder sweep 'tuneflow-study-1234'"),  # removed at each run's end
        ("auto", None, "online", "without a sweep id"),  # the study's sweep could not be created: plain runs
        ("auto", "st123456", "online", "as runs of sweep 'st123456'"),  # the study's own W&B sweep
        ("auto", "st123456", "offline", "as runs of sweep 'st123456'"),  # made by an earlier online session
        ("abc12345", "abc12345", "offline", "as runs of sweep 'abc12345'"),  # given (or WANDB_SWEEP_ID): the tracker's
        ("none", None, "offline", "without a sweep id"),  # --sweep-id none: the tracker has none either
    ],
)
def test_which_sweep_id_program_runs_get(option: str, study_sweep: str | None, mode: str, said: str) -> None:
    from tuneflow.tracking.program import ProgramTrain

    train = ProgramTrain("train.py", None, ("loss",), sweep_id=option)
    expected = said.split("'")[1] if "'" in said else None
    assert train._sweep_id(mode, "study-1234", study_sweep) == expected  # what each trial's program gets
    assert said in train.start_lines(mode, "study-1234", study_sweep)[0]  # what the study says at its start


def test_a_program_path_is_taken_as_written(tmp_path: Path) -> None:
    from tuneflow.tracking.program import ProgramTrain

    (tmp_path / "train.py").write_text("")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert ProgramTrain("train.py", None, ("loss",), cwd=tmp_path).problems() == []
    assert ProgramTrain(str(tmp_path / "train.py"), None, ("loss",), cwd=elsewhere).problems() == []  # absolute
    (problem,) = ProgramTrain("train.py", None, ("loss",), cwd=elsewhere).problems()
    assert "'train.py' is not a file in" in problem


def test_no_python_on_path_is_one_problem_naming_the_fix(_isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tuneflow.tracking.program import ProgramTrain

    (_isolated / "train.py").write_text("")
    monkeypatch.setenv("PATH", str(_isolated / "empty"))
    (problem,) = ProgramTrain("train.py", None, ("loss",), cwd=_isolated).problems()
    assert "`python` from PATH, as under `wandb agent`" in problem and "activate the environment" in problem
    with_command = ProgramTrain("train.py", ("/opt/py/bin/python", "${program}", "${args}"), ("loss",), cwd=_isolated)
    assert with_command.problems() == []  # the sweep's command names its Python


@pytest.mark.slow
def test_without_a_sweep_id_the_programs_own_run_path_is_named(_isolated: Path) -> None:
    _repository(_isolated)  # its train.py calls wandb.init(project="theirs", entity="someone", id="fixedid")
    out = _run("configs/sweeps/sweep.yaml", "--n-trials", "2", "--storage", "sqlite:///s.db", "--sweep-id", "none")
    trials = load_result("sqlite:///s.db").study.trials
    assert [t.state.name for t in trials] == ["COMPLETE"] * 2
    assert {t.user_attrs["wandb_run_path"] for t in trials} == {"someone/theirs/fixedid"}  # as the runs wrote it
    assert "is run someone/theirs/fixedid" in out


@pytest.mark.slow
@pytest.mark.parametrize("how", ["wandb option", "environment"])
def test_no_sweep_asked_for_in_python_reaches_the_programs(
    _isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """``tune(wandb={"sweep_id": "none"})`` and ``WANDB_SWEEP_ID=none`` mean what ``--sweep-id none``
    means: the programs' runs carry no sweep id, so wandb.init's project and id are theirs."""
    _repository(_isolated)
    options: dict[str, Any] = {"mode": "offline"}
    if how == "environment":
        monkeypatch.setenv("WANDB_SWEEP_ID", "none")
    else:
        options["sweep_id"] = "none"
    recipe = tuneflow.load_recipe("configs/sweeps/sweep.yaml")
    tuneflow.tune(recipe, n_trials=1, storage="sqlite:///s.db", wandb=options, progress=False)
    (trial,) = load_result("sqlite:///s.db").study.trials
    assert trial.state.name == "COMPLETE"
    assert trial.user_attrs["wandb_run_path"] == "someone/theirs/fixedid"  # as the program's run wrote it
    assert "without a sweep id" in capsys.readouterr().err


def test_a_python_on_path_that_is_not_tuneflows_is_named_at_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuneflow.tracking.program import ProgramTrain

    other = tmp_path / "otherenv" / "bin"
    other.mkdir(parents=True)
    (other / "python").symlink_to(sys.executable)  # another environment's python, first on PATH
    (tmp_path / "train.py").write_text("")
    program = ProgramTrain(program="train.py", command=None, metric_names=("loss",), cwd=tmp_path)
    monkeypatch.setenv("PATH", f"{other}{os.pathsep}{os.environ.get('PATH', '')}")
    lines = program.start_lines("offline", "p")
    assert len(lines) == 2 and str(other / "python") in lines[1] and sys.executable in lines[1]
    assert "activate" in lines[1] and "command:" in lines[1]
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert len(program.start_lines("offline", "p")) == 1  # the same environment: nothing more to say
