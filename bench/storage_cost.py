"""Per-trial storage cost as a study grows: 10^3, 10^4, 10^5 trials already there, 8 workers.

A PostgreSQL server is started from ``/usr/lib/postgresql/*/bin`` (tests/postgres.py). For each
size, a fresh database gets the study (``tuneflow.engine.study.create_study``) and that many
COMPLETE trials, written with three bulk SQL statements (seconds, not a study at 30 trials/s).
Then ``--workers`` worker processes run ``--trials`` no-op trials each (``tune(..., worker=True)``,
heartbeat every ``--heartbeat`` s), directly on PostgreSQL and through ``tuneflow storage-server``.

Each worker times every storage call it makes (methods of Optuna's RDB storage, its cache and the
gRPC client, outermost call only, every thread: ask, tell, heartbeat, reaping) and prints:

- ``storage ms/trial``: storage time per trial, first trial left out (it reads the whole study
  into the worker's cache; shown apart as ``first s``);
- ``suggest ms/trial``: time in ``suggest_*`` outside storage calls, i.e. the sampler's own cost;
- ``rss MB``: the worker's peak resident memory (Optuna's caches hold every trial);
- ``conn``: the most client connections ``pg_stat_activity`` showed during the run;
- ``load``: the machine's 1-minute load average when the row is printed (the machine is shared).

    nice -n 19 python bench/storage_cost.py --sizes 1000 10000 100000 --methods random auto
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def recipe(method: str) -> Any:
    import tuneflow

    return tuneflow.Recipe(
        name="cost",
        train=lambda config: config["x"],
        parameters={"x": {"min": 0.0, "max": 1.0}},
        method=method,
        metric={"name": "loss", "goal": "minimize"},
    )


# -- the worker side -------------------------------------------------------------------------------


class _Clock:
    """Wall time in storage calls (outermost only, per thread) and in suggest_* outside them."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.lock = threading.Lock()
        self.storage = 0.0
        self.suggest = 0.0
        self.per_trial: list[float] = []
        self._mark = 0.0

    def wrap(self, cls: type, names: list[str]) -> None:
        for name in names:
            original = cls.__dict__.get(name)
            if original is None or not callable(original):
                continue

            def timed(*args: Any, __original: Any = original, **kwargs: Any) -> Any:
                depth = getattr(self.local, "depth", 0)
                self.local.depth = depth + 1
                start = time.perf_counter()
                try:
                    return __original(*args, **kwargs)
                finally:
                    self.local.depth = depth
                    if depth == 0:
                        spent = time.perf_counter() - start
                        with self.lock:
                            self.storage += spent
                        self.local.in_storage = getattr(self.local, "in_storage", 0.0) + spent

            setattr(cls, name, timed)

    def trial_done(self) -> None:
        with self.lock:
            self.per_trial.append(self.storage - self._mark)
            self._mark = self.storage


def child(args: argparse.Namespace) -> None:
    import optuna
    from optuna.storages import BaseStorage, RDBStorage
    from optuna.storages._cached_storage import _CachedStorage

    from tuneflow.tune import tune

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    clock = _Clock()
    names = [n for n in dir(BaseStorage) if not n.startswith("__")] + ["record_heartbeat", "_get_stale_trial_ids"]
    classes: list[type] = [RDBStorage, _CachedStorage]
    try:
        from optuna.storages import GrpcStorageProxy

        classes.append(GrpcStorageProxy)
    except ImportError:
        pass
    for cls in classes:
        clock.wrap(cls, names)
    suggest = optuna.trial.Trial._suggest

    def timed_suggest(self: Any, *a: Any, **k: Any) -> Any:
        before = getattr(clock.local, "in_storage", 0.0)
        start = time.perf_counter()
        try:
            return suggest(self, *a, **k)
        finally:
            storage_inside = getattr(clock.local, "in_storage", 0.0) - before
            with clock.lock:
                clock.suggest += time.perf_counter() - start - storage_inside

    optuna.trial.Trial._suggest = timed_suggest  # type: ignore[method-assign]
    start = time.perf_counter()
    result = tune(
        recipe(args.method),
        n_trials=args.trials,
        storage=args.storage,
        study_name="s",
        wandb=False,
        worker=True,
        callbacks=[lambda study, trial: clock.trial_done()],
    )
    wall = time.perf_counter() - start
    hwm = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if "VmHWM" in line)
    print(
        json.dumps(
            {
                "per_trial": clock.per_trial,
                "suggest": clock.suggest,
                "storage": clock.storage,
                "wall": wall,
                "rss_mb": hwm / 1024,
                "stop": result.stop_reason,
            }
        )
    )


# -- the driver side -------------------------------------------------------------------------------


def prefill(url: str, n: int, method: str) -> None:
    """The study, with ``n`` COMPLETE trials written in bulk."""
    import psycopg
    from optuna.distributions import FloatDistribution, distribution_to_json

    from tuneflow.engine.study import create_study

    study = create_study(recipe(method), url, "s")
    dist = distribution_to_json(FloatDistribution(0.0, 1.0))
    with psycopg.connect(url) as conn:
        sid = study._study_id
        conn.execute(
            "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) "
            "SELECT g, %s, 'COMPLETE', now(), now() FROM generate_series(0, %s) g",
            (sid, n - 1),
        )
        conn.execute(
            "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) "
            "SELECT trial_id, 'x', random(), %s FROM trials WHERE study_id = %s",
            (dist, sid),
        )
        conn.execute(
            "INSERT INTO trial_values (trial_id, objective, value, value_type) "
            "SELECT trial_id, 0, random(), 'FINITE' FROM trials WHERE study_id = %s",
            (sid,),
        )


def run(server: Any, size: int, method: str, path: str, args: argparse.Namespace) -> dict[str, Any]:
    from postgres import storage_server

    url = server.new_database()
    database = url.rsplit("/", 1)[1]
    t0 = time.perf_counter()
    prefill(url, size, method)
    fill_s = time.perf_counter() - t0
    env = {
        **os.environ,
        "TUNEFLOW_HEARTBEAT_INTERVAL": str(args.heartbeat),
        "TUNEFLOW_GRACE_PERIOD": str(max(args.heartbeat * 6, 20)),
    }

    def workers(storage: str) -> tuple[list[dict[str, Any]], int]:
        cmd = [sys.executable, __file__, "--child", "--storage", storage, "--method", method]
        cmd += ["--trials", str(args.trials)]
        peak, done = 0, threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, server.connections(database))
                done.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) for _ in range(args.workers)]
        outs = [p.communicate(timeout=3600)[0] for p in procs]
        done.set()
        sampler.join()
        rows = []
        for p, out in zip(procs, outs):
            if p.returncode != 0:
                raise RuntimeError(f"a worker failed:\n{out}")
            rows.append(json.loads(out.strip().splitlines()[-1]))
        return rows, peak

    if path == "grpc":
        with storage_server(url, threads=args.server_threads) as grpc_url:
            rows, peak = workers(grpc_url)
    else:
        rows, peak = workers(url)
    steady = [t for r in rows for t in r["per_trial"][1:]]
    n_trials = sum(len(r["per_trial"]) for r in rows)
    return {
        "size": size,
        "method": method,
        "path": path,
        "storage_ms": 1000 * statistics.mean(steady),
        "storage_p50_ms": 1000 * statistics.median(steady),
        "first_s": statistics.mean(r["per_trial"][0] for r in rows),
        "suggest_ms": 1000 * sum(r["suggest"] for r in rows) / n_trials,
        "wall_s": max(r["wall"] for r in rows),
        "rss_mb": max(r["rss_mb"] for r in rows),
        "conn": peak,
        "fill_s": fill_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--storage", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--methods", nargs="+", default=["random", "auto"])
    parser.add_argument("--method", default="random", help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="+", default=["postgresql", "grpc"])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--trials", type=int, default=20, help="trials per worker")
    parser.add_argument("--heartbeat", type=float, default=1.0)
    parser.add_argument("--server-threads", type=int, default=8)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    import signal

    from postgres import PostgresServer

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = PostgresServer.start(max_connections=100)
    try:
        print(
            f"# {args.workers} workers x {args.trials} trials, heartbeat {args.heartbeat:g} s; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(
            f"{'size':>7} {'method':>6} {'path':>10} {'storage ms/trial':>16} {'p50':>6} {'first s':>8} "
            f"{'suggest ms':>10} {'rss MB':>7} {'conn':>5} {'wall s':>7} {'load':>5}",
            flush=True,
        )
        for size in args.sizes:
            for method in args.methods:
                for path in args.paths:  # direct and proxy side by side, interleaved per size
                    with tempfile.TemporaryDirectory():
                        r = run(server, size, method, path, args)
                    print(
                        f"{r['size']:>7} {r['method']:>6} {r['path']:>10} {r['storage_ms']:>16.1f} "
                        f"{r['storage_p50_ms']:>6.1f} {r['first_s']:>8.2f} {r['suggest_ms']:>10.2f} "
                        f"{r['rss_mb']:>7.0f} {r['conn']:>5} {r['wall_s']:>7.1f} {os.getloadavg()[0]:>5.1f}",
                        flush=True,
                    )
    finally:
        server.close()


if __name__ == "__main__":
    main()
