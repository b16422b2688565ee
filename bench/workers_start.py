"""Many ``tuneflow worker`` processes started at once on a fresh PostgreSQL database: do all join?

A stock server (``max_connections`` 100 unless ``--max-connections``) is started from
``/usr/lib/postgresql/*/bin`` (tests/postgres.py). Each repeat makes an empty database and starts
``--workers`` processes of ``tuneflow worker recipe.py --study-name s --n-trials M --no-wandb`` at
the same moment (no-op trials, random sampler). Printed per repeat:

- ``joined``: workers that exited 0, and the first line of every other worker's error;
- ``complete``: COMPLETE trials against W x M, duplicated trial numbers, trials left RUNNING,
  studies and study uids in the database (one each when creation is race-free);
- ``peak conn``: the most client connections ``pg_stat_activity`` showed while they ran.

``--trial-seconds`` above the heartbeat interval (``--heartbeat``) shows what long trials hold:
the keeper thread beats while the trial runs.  ``--storage grpc`` starts ``tuneflow storage-server``
on the database and points the workers at it.

    nice -n 19 python bench/workers_start.py --workers 96 --trials 5 --repeat 3
    nice -n 19 python bench/workers_start.py --workers 96 --trials 2 --trial-seconds 3 --heartbeat 1
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOGS = Path(tempfile.gettempdir()) / "tuneflow-bench-logs"  # the whole output of every worker that failed
sys.path.insert(0, str(REPO / "tests"))

from postgres import PostgresServer  # noqa: E402

RECIPE = """
import os, time
import tuneflow

def train(config):
    time.sleep(float(os.environ.get("BENCH_TRIAL_SECONDS", "0")))
    return config["x"]

recipe = tuneflow.Recipe(
    name="start",
    train=train,
    parameters={"x": {"min": 0.0, "max": 1.0}},
    method="random",
    metric={"name": "loss", "goal": "minimize"},
)
"""


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from tuneflow.cli import main; main()", *args]


def start_proxy(url: str, directory: Path) -> tuple[subprocess.Popen, str]:
    """``tuneflow storage-server`` on ``url``; returns the process and its grpc:// URL once it serves."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(directory / "proxy.log", "w")  # noqa: SIM115  # closed with the process
    proc = subprocess.Popen(
        _cli("storage-server", "--storage", url, "--host", "127.0.0.1", "--port", str(port)),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"grpc://127.0.0.1:{port}"
        if proc.poll() is not None:
            raise RuntimeError((directory / "proxy.log").read_text())
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the storage server did not start listening")


def one_start(server: PostgresServer, args: argparse.Namespace, directory: Path) -> dict[str, object]:
    import optuna

    url = server.new_database()
    database = url.rsplit("/", 1)[1]
    proxy = None
    storage = url
    if args.storage == "grpc":
        proxy, storage = start_proxy(url, directory)
    env = {
        **os.environ,
        "BENCH_TRIAL_SECONDS": str(args.trial_seconds),
        "TUNEFLOW_HEARTBEAT_INTERVAL": str(args.heartbeat),
        "TUNEFLOW_GRACE_PERIOD": str(max(args.heartbeat * 6, 20)),
        "TUNEFLOW_STORAGE": storage,  # out of `ps`, as a user would
    }
    recipe = directory / "recipe.py"
    cmd = _cli(
        "worker", str(recipe), "--study-name", "s", "--n-trials", str(args.trials), "--no-wandb", "--no-progress"
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            with contextlib.suppress(Exception):  # a full server: every slot but the reserved ones taken
                peak = max(peak, server.connections(database))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.monotonic()
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=directory)
        for _ in range(args.workers)
    ]
    try:
        outputs = [p.communicate(timeout=args.timeout)[0] for p in procs]
    finally:  # stopped early (SIGTERM, timeout): stop the workers too
        for p in procs:
            if p.poll() is None:
                p.kill()
        if proxy is not None and proxy.poll() is None:
            proxy.kill()
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    errors: collections.Counter[str] = collections.Counter()
    for i, (p, out) in enumerate(zip(procs, outputs)):
        if p.returncode != 0:
            (LOGS / f"worker-{os.getpid()}-{database}-{i}.log").write_text(out)
            lines = [line for line in out.splitlines() if line.startswith("error") or "Error" in line]
            errors[(lines or out.splitlines() or ["(no output)"])[-1][:200]] += 1
    from tuneflow.engine.storage import open_storage

    backend = open_storage(url)
    names = optuna.get_all_study_names(backend)
    study = optuna.load_study(study_name="s", storage=backend)
    trials = study.get_trials(deepcopy=False)
    numbers = collections.Counter(t.number for t in trials)
    states = collections.Counter(t.state.name for t in trials)
    if proxy is not None:
        proxy.terminate()
        proxy.wait(timeout=30)
    return {
        "joined": sum(p.returncode == 0 for p in procs),
        "errors": dict(errors),
        "complete": states.get("COMPLETE", 0),
        "expected": args.workers * args.trials,
        "duplicates": sum(c - 1 for c in numbers.values() if c > 1),
        "running": states.get("RUNNING", 0),
        "studies": len(names),
        "uid": study.user_attrs.get("tuneflow:uid"),
        "peak_conn": peak,
        "wall_s": round(wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=96)
    parser.add_argument("--trials", type=int, default=5, help="--n-trials of each worker")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trial-seconds", type=float, default=0.0)
    parser.add_argument("--heartbeat", type=float, default=10.0, help="TUNEFLOW_HEARTBEAT_INTERVAL")
    parser.add_argument("--max-connections", type=int, default=100)
    parser.add_argument("--storage", choices=["postgresql", "grpc"], default="postgresql")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    LOGS.mkdir(exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped below
    server = PostgresServer.start(max_connections=args.max_connections)
    try:
        print(
            f"# {args.workers} workers x {args.trials} trials, trial {args.trial_seconds:g} s, heartbeat "
            f"{args.heartbeat:g} s, max_connections {args.max_connections}, via {args.storage}; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        for repeat in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                directory = Path(tmp)
                (directory / "recipe.py").write_text(RECIPE)
                row = one_start(server, args, directory)
            print(f"repeat {repeat + 1}: {row}", flush=True)
    finally:
        server.close()


if __name__ == "__main__":
    main()
