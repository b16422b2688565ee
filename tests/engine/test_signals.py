"""SIGINT / SIGTERM mid-trial: no trial left RUNNING, the shell's exit code, and a resume that finishes.

In-process tests signal the test process itself from inside the train function; the process
tests send the signal to a real ``tuneflow run`` from outside, as Ctrl-C or a scheduler would.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import optuna
import pytest
from procs import finish, start, states, trials, wait_for, write_recipe

import tuneflow
from tuneflow.engine.signals import Interrupted, SignalGuard
from tuneflow.keys import FAIL_REASON_ATTR

SIGNALS = [(signal.SIGINT, 130), (signal.SIGTERM, 143)]


def _recipe(run_cap: int | None = None) -> tuneflow.Recipe:
    def train(config: dict, trial: tuneflow.TrialContext) -> float:
        if trial.number == 2 and not os.environ.get("TF_NO_SIGNAL"):
            os.kill(os.getpid(), int(os.environ["TF_SIGNAL"]))
            time.sleep(5)  # interrupted here (n_jobs=1); a thread sleeps on, abandoned
        time.sleep(0.01)
        return config["x"]

    return tuneflow.Recipe(
        name="sig",
        train=train,
        parameters={"x": {"distribution": "uniform", "min": 0.0, "max": 1.0}},
        method="random",
        run_cap=run_cap,
        seed=1,
    )


@pytest.mark.parametrize(("sig", "code"), SIGNALS)
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_signal_in_process_fails_the_trial_and_resume_completes(
    sig: int, code: int, n_jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = f"sqlite:///{tmp_path / 's.db'}"
    monkeypatch.setenv("TF_SIGNAL", str(int(sig)))
    with pytest.raises(Interrupted) as info:
        tuneflow.tune(_recipe(run_cap=8), storage=storage, wandb=False, n_jobs=n_jobs)
    assert info.value.exit_code == code
    assert signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler)  # handlers restored
    all_trials = trials(storage, "sig")
    assert "RUNNING" not in states(all_trials)
    failed = [t for t in all_trials if t.state.name == "FAIL"]
    assert 2 in [t.number for t in failed]
    assert all(t.user_attrs[FAIL_REASON_ATTR] == f"interrupted by {signal.Signals(sig).name}" for t in failed)
    monkeypatch.setenv("TF_NO_SIGNAL", "1")
    result = tuneflow.tune(_recipe(run_cap=8), storage=storage, wandb=False, n_jobs=n_jobs)
    all_trials = trials(storage, "sig")
    assert states(all_trials) == {"COMPLETE": 8, "FAIL": len(failed)}
    assert result.stop_reason == "run_cap of 8 trials reached"
    by_number = {t.number: t for t in all_trials}
    for t in failed:  # every interrupted trial ran again, with its config if it had one yet
        # With threads, the retry of the trial the signal hit may itself have been claimed before
        # the stop was seen, and interrupted too: the chain of retries ends in a completed trial.
        rerun = [r for r in all_trials if r.system_attrs.get("retry_history", [])[-1:] == [t.number]]
        assert len(rerun) == 1
        if by_number[t.number].params:
            assert rerun[0].params == by_number[t.number].params
        assert rerun[0].state.name == "COMPLETE" or rerun[0] in failed
    assert by_number[2].params  # the trial the signal hit had its config


def test_a_trial_claimed_while_the_signal_comes_is_failed_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread inside ``study.ask`` when the signal arrives: its new trial is failed and queued, not left RUNNING.

    The storage is made slow for trial 3's claim, which stays in ``ask`` until the signal has come
    (CI once saw this race: the main thread returned before a thread's claim had finished).
    """
    storage = f"sqlite:///{tmp_path / 's.db'}"
    asking, signalled = threading.Event(), threading.Event()
    ask = optuna.Study.ask

    def slow_ask(study: optuna.Study, *args: object, **kwargs: object) -> optuna.Trial:
        trial = ask(study, *args, **kwargs)
        if trial.number == 3:
            asking.set()
            signalled.wait(5)
            time.sleep(0.3)  # the main thread handles the signal meanwhile
        return trial

    def train(config: dict, trial: tuneflow.TrialContext) -> float:
        if trial.number == 2:
            assert asking.wait(5)
            signalled.set()
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        return config["x"]

    monkeypatch.setattr(optuna.Study, "ask", slow_ask)
    recipe = tuneflow.Recipe(name="sig", train=train, parameters=_recipe().parameters, method="random", seed=1)
    with pytest.raises(Interrupted):
        tuneflow.tune(recipe, n_trials=8, storage=storage, wandb=False, n_jobs=2)
    by_number = {t.number: t for t in trials(storage, "sig")}
    assert by_number[3].state.name == "FAIL"
    assert by_number[3].user_attrs[FAIL_REASON_ATTR] == "interrupted by SIGTERM"
    assert "RUNNING" not in states(by_number.values())


def test_a_trial_that_finishes_as_the_signal_fails_it_is_not_salvaged_into_its_queued_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread whose trial ends just as the main thread fails it: its copy stays queued, nothing RUNNING.

    The thread had seen its trial in flight, then told it after the signal handling had failed it and
    queued a copy. Telling found the trial failed and took that for another worker's doing: it claimed
    the copy (RUNNING) to store the result in it while the process was exiting (CI saw the copy RUNNING).
    """
    from tuneflow.engine.loop import Optimizer

    storage = f"sqlite:///{tmp_path / 's.db'}"
    tell, telling, told = Optimizer._tell, threading.Event(), threading.Event()

    def late_tell(self: Optimizer, trial: optuna.Trial, *args: object) -> object:
        if trial.number == 1:  # wait until the main thread has failed it, as in the race
            telling.set()
            deadline = time.monotonic() + 10
            while trials(storage, "sig")[1].state.name != "FAIL" and time.monotonic() < deadline:
                time.sleep(0.02)
        try:
            return tell(self, trial, *args)
        finally:
            if trial.number == 1:
                told.set()

    def train(config: dict, trial: tuneflow.TrialContext) -> float:
        if trial.number == 2:
            # the signal comes while trial 1's thread is telling it: without this wait a busy machine could
            # deliver it before trial 1's train returned, and that thread would never tell (CI saw it, session 18)
            telling.wait(10)
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        return config["x"]

    monkeypatch.setattr(Optimizer, "_tell", late_tell)
    recipe = tuneflow.Recipe(name="sig", train=train, parameters=_recipe().parameters, method="random", seed=1)
    with pytest.raises(Interrupted):
        tuneflow.tune(recipe, n_trials=8, storage=storage, wandb=False, n_jobs=2)
    assert told.wait(10)  # the thread has told trial 1 (a salvage runs inside the tell)
    by_number = {t.number: t for t in trials(storage, "sig")}
    assert by_number[1].state.name == "FAIL"
    copies = [t for t in by_number.values() if t.system_attrs.get("retry_history", [])[-1:] == [1]]
    assert [c.state.name for c in copies] == ["WAITING"]
    assert "RUNNING" not in states(by_number.values())


def test_guard_leaves_handlers_a_program_installed_alone() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        with SignalGuard():
            assert signal.getsignal(signal.SIGTERM) is mine
            assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler  # ours
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_guard_installs_nothing_outside_the_main_thread() -> None:
    seen = []

    def body() -> None:
        with SignalGuard() as guard:
            seen.append(guard._previous)

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert seen == [{}]


def test_signal_during_a_storage_write_waits_for_the_write() -> None:
    guard = SignalGuard()
    with guard:
        os.kill(os.getpid(), signal.SIGTERM)  # not in train: held
        assert guard.interrupted
        with pytest.raises(Interrupted):
            guard.check()


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code", "n_jobs"), [(signal.SIGINT, 130, "2"), (signal.SIGTERM, 143, "1")])
def test_signal_to_a_cli_run_exits_with_the_shell_code(sig: int, code: int, n_jobs: str, tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.db'}"
    recipe = write_recipe(tmp_path, "random", run_cap=6)
    # Trials 0 and 1 finish; from trial 2 on they hang until the signal comes.
    proc = start("run", recipe, storage, "--n-jobs", n_jobs, env={"TF_SLOW_FROM": "2"})
    wait_for(tmp_path / "start-2")
    if n_jobs == "2":
        wait_for(tmp_path / "start-3")
    time.sleep(0.2)
    proc.send_signal(sig)
    returncode, out = finish(proc, timeout=30)
    assert returncode == code, out
    assert "Resume with the same command" in out
    interrupted = trials(storage)
    counts = states(interrupted)
    assert "RUNNING" not in counts
    assert counts["FAIL"] == int(n_jobs) and counts["WAITING"] == int(n_jobs)
    tuneflow.tune(tuneflow.load_recipe(recipe), storage=storage, wandb=False, n_jobs=int(n_jobs))  # resume
    assert states(trials(storage)) == {"COMPLETE": 6, "FAIL": int(n_jobs)}


def test_interrupted_is_a_keyboard_interrupt_with_the_shell_code() -> None:
    exc = Interrupted(signal.SIGTERM)
    assert isinstance(exc, KeyboardInterrupt) and not isinstance(exc, Exception)
    assert (exc.exit_code, exc.signame, str(exc)) == (143, "SIGTERM", "interrupted by SIGTERM")


@pytest.mark.parametrize("storage", ["memory", ":memory:", "inmemory", "in-memory object"])
def test_memory_study_interrupted_says_there_is_nothing_to_resume(
    storage: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Every spelling of an in-memory storage (and the storage object itself) says so, not a URL."""
    given = optuna.storages.InMemoryStorage() if storage == "in-memory object" else storage
    monkeypatch.setenv("TF_SIGNAL", str(int(signal.SIGINT)))
    with pytest.raises(Interrupted):
        tuneflow.tune(_recipe(run_cap=20), storage=given, wandb=False)
    assert "nothing to resume" in caplog.text and "object at 0x" not in caplog.text
