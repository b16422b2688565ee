"""W&B online against offline, measured against a real W&B-protocol server on localhost.

The server is ``openwandb`` 0.5.25 (PyPI), which takes what wandb 0.31 writes (runs, config,
summary, history, files). Its licence is CC BY-NC 4.0, so it is only a measuring tool: it is
installed into its own venv, ``.cache/openwandb-venv`` (created on first use), never into
tuneflow's environment, and started on 127.0.0.1 with a throw-away data directory.

Optionally a small proxy (this script, ``--proxy`` mode, in its own process) sits in front of it
and holds every HTTP request for ``--delay`` seconds before passing it on, like a cloud round
trip (file uploads too: the server hands out upload URLs that point at the proxy).

Figures, W&B online against offline (and W&B off), interleaved A/B so machine load hits every
variant alike (best of ``--repeats``; every run in each list):

- wall of ``tune`` for 30 trials of 1 s and of 0.2 s that sleep (each reports 4 times), on
  localhost and behind the delay; targets: localhost <= 1.15x (1 s) and <= 1.5x (0.2 s),
  delayed <= 1.3x (1 s); offline W&B on/off <= 1.05x;
- the same with CPU-bound trials (numpy on every core), without a target;
- the wait from the end of the last trial until ``tune`` returned (every run finished), at 10
  and 50 trials of 0.2 s; target: the wait at 50 <= 1.5x the wait at 10;
- after every online study, its runs read back through openwandb's REST API
  (``/api/v2/projects/{entity}/{project}/runs``, ``/api/v2/runs/{id}/metrics``; ``wandb.Api()``
  cannot read this server): the count (trials + the summary run), each trial's config, state,
  summary metric and reported history.

API key: openwandb checks a key whose first 8 characters match a stored key with bcrypt on
every request (~0.15 s of server CPU each, 90 % of its CPU here, measured with py-spy); its
banner's key ``local000...`` is stored, so with it each run cost the server ~1.2 s of CPU and
finishing a run took 2-3 s. Any other key is taken as the admin without that check, so the
bench uses one (``--banner-key`` measures with the banner's key instead).

    python bench/wandb_online.py [--delay 0.1] [--repeats 2] [--quick] [--banner-key]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path
from typing import Any

from wandb_overhead import _busy, _wait_for_writers  # a sibling script: bench/ is on sys.path

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".cache" / "openwandb-venv"
OPENWANDB = "openwandb==0.5.25"
BANNER_KEY = "local" + "0" * 40
BENCH_KEY = "tuneflow" + "0" * 32  # no stored key starts with "tuneflow": no bcrypt per request
PARAMETERS = {"x": {"min": -10.0, "max": 10.0}, "model": {"parameters": {"depth": {"values": [2, 4, 8]}}}}
METRIC = "y"


# -- the server and the proxy ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _openwandb() -> Path:
    """openwandb's command in its own venv, installed on first use."""
    command = VENV / "bin" / "openwandb"
    if not command.exists():
        print(f"installing {OPENWANDB} into {VENV} (a measuring tool, CC BY-NC 4.0) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", OPENWANDB], check=True)
    return command


def _wait_http(url: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Server:
    """openwandb on 127.0.0.1 (a throw-away data directory), optionally behind a delaying proxy."""

    def __init__(self, root: Path, delay: float) -> None:
        self.port = _free_port()
        self.direct = f"http://127.0.0.1:{self.port}"
        self.proxy_port = _free_port() if delay > 0 else None
        self.delayed = f"http://127.0.0.1:{self.proxy_port}" if self.proxy_port else None
        command = [str(_openwandb()), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--data-dir", str(root / "openwandb"), "--log-level", "warning"]
        # Upload URLs that the server hands out point at the proxy, so uploads are delayed too.
        command += ["--base-url", self.delayed or self.direct]
        self.procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=(root / "openwandb.log").open("w"))]
        if self.proxy_port:
            proxy = [sys.executable, __file__, "--proxy", str(self.proxy_port), str(self.port), str(delay)]
            self.procs.append(subprocess.Popen(proxy))
        _wait_http(f"{self.direct}/api/v2/projects")
        if self.delayed:
            _wait_http(f"{self.delayed}/api/v2/projects")

    def runs(self, project: str, entity: str = "default") -> list[dict[str, Any]]:
        url = f"{self.direct}/api/v2/projects/{entity}/{project}/runs?limit=1000"
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + BENCH_KEY})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return list(json.load(answer)["runs"])

    def history(self, run_id: str) -> dict[int, float]:
        """The run's history of the metric, step -> value."""
        with urllib.request.urlopen(f"{self.direct}/api/v2/runs/{run_id}/metrics?key={METRIC}", timeout=30) as answer:
            return {int(row["step"]): float(row["value"]) for row in json.load(answer)["metrics"]}

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.send_signal(signal.SIGINT)
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def proxy(listen: int, target: int, delay: float) -> None:
    """Pass TCP connections on to ``target``, holding each HTTP request ``delay`` seconds.

    HTTP/1.1 from wandb-core is request, then response, on each connection: the first bytes from
    the client after a response (or on a new connection) start a request, and are held.
    """

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, state: dict[str, bool], up: bool):
        try:
            while data := await reader.read(65536):
                if up and state["idle"]:
                    state["idle"] = False
                    await asyncio.sleep(delay)
                elif not up:
                    state["idle"] = True
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def serve(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", target)
        state = {"idle": True}
        await asyncio.gather(pipe(client_r, server_w, state, True), pipe(server_r, client_w, state, False))

    async def main() -> None:
        server = await asyncio.start_server(serve, "127.0.0.1", listen)
        async with server:
            await server.serve_forever()

    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    asyncio.run(main())


# -- the studies -------------------------------------------------------------------------------


def study(n_trials: int, seconds: float, wandb: Any, busy: bool = False) -> tuple[float, float, Any]:
    """(wall of ``tune``, seconds from the last trial's end until it returned, its result)."""
    import tuneflow

    ended: list[float] = []

    def train(config: dict[str, Any], trial: Any) -> float:
        for step in range(4):
            _busy(seconds / 4) if busy else time.sleep(seconds / 4)
            trial.report(config["x"] + step, step)
        ended.append(time.perf_counter())
        return float(config["x"] ** 2)

    recipe = tuneflow.Recipe(
        name="online", train=train, parameters=PARAMETERS, method="random", metric={"name": METRIC}, seed=0
    )
    start = time.perf_counter()
    result = tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=wandb)
    done = time.perf_counter()
    return done - start, done - ended[-1], result


class Bench:
    def __init__(self, root: Path, server: Server, key: str) -> None:
        self.root = root
        self.server = server
        self.key = key
        self.count = 0
        self.checked = 0
        self.problems: list[str] = []

    def variant(self, kind: str, n_trials: int, seconds: float, busy: bool = False) -> tuple[float, float]:
        """One study: ``kind`` is off, offline, online (localhost) or delayed (behind the proxy)."""
        self.count += 1
        project = f"bench-{self.count}"
        wandb: Any = False
        env = {"WANDB_MODE": "offline"}
        if kind != "off":
            wandb = {"dir": str(self.root / project), "project": project}
        online = kind.split("/")[0] in ("online", "delayed")
        if online:
            url = self.server.direct if kind.startswith("online") else self.server.delayed
            env = {"WANDB_MODE": "online", "WANDB_BASE_URL": str(url), "WANDB_API_KEY": self.key}
        env["_TUNEFLOW_WRITER_LANES"] = "1" if kind.endswith("/1 lane") else ""  # "": the default
        os.environ.update(env)
        wall, end_wait, result = study(n_trials, seconds, wandb, busy)
        if online:
            self.check(project, result)
        _wait_for_writers()
        return wall, end_wait

    def check(self, project: str, result: Any) -> None:
        """Every trial's run and the summary run arrived, with the trial's config and metric."""
        self.checked += 1
        runs = {r["run_id"]: r for r in self.server.runs(project)}
        trials = result.study.trials
        problems = []
        if len(runs) != len(trials) + 1:
            problems.append(f"{len(runs)} runs for {len(trials)} trials + 1 summary run")
        for t in trials:
            run = runs.get(t.user_attrs.get("wandb_run_id"))
            if run is None:
                problems.append(f"trial {t.number}: no run")
                continue
            config = {k: v["value"] for k, v in run["config"].items() if k != "_wandb"}
            if config != result.config_of(t) or run["state"] != "finished":
                problems.append(f"trial {t.number}: config {config} state {run['state']}")
            if run["summary"].get(METRIC) != t.value:
                problems.append(f"trial {t.number}: summary {run['summary'].get(METRIC)} != {t.value}")
            if (history := self.server.history(run["run_id"])) != t.intermediate_values:
                problems.append(f"trial {t.number}: history {history} != {t.intermediate_values}")
        if problems:
            self.problems.append(f"{project}: " + "; ".join(problems[:3]))


def _row(label: str, times: list[float], base: float, target: str = "") -> str:
    best = min(times)
    listed = ", ".join(f"{t:.2f}" for t in times)
    return f"  {label:46} {best:7.2f} s  {best / base:6.3f}x  {target:10} ({listed})"


def walls(
    bench: Bench, n_trials: int, seconds: float, kinds: list[str], repeats: int, busy: bool
) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(repeats):  # interleaved: load drifts hit every variant alike
        for kind in kinds:
            out[kind].append(bench.variant(kind, n_trials, seconds, busy)[0])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.1, help="seconds the proxy holds each request (0: none)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="0.2 s trials and the end wait only")
    parser.add_argument("--banner-key", action="store_true", help="use the key openwandb prints (bcrypt per request)")
    parser.add_argument(
        "--file-stream-interval", type=float, help="WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL online (wandb: 15 s)"
    )
    parser.add_argument(
        "--compare-lanes", action="store_true", help="also time the writer with 1 lane (runs one after another)"
    )
    parser.add_argument("--proxy", nargs=3, metavar=("LISTEN", "TARGET", "DELAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.proxy:
        proxy(int(args.proxy[0]), int(args.proxy[1]), float(args.proxy[2]))
        return

    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    os.environ["WANDB_SILENT"] = "true"
    if args.file_stream_interval is not None:
        os.environ["WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL"] = f"{args.file_stream_interval:g}"
    root = Path(tempfile.mkdtemp(prefix="tuneflow-online-"))
    os.chdir(root)  # wandb's own files (debug logs) land here, not in the repository
    server = Server(root, args.delay)
    bench = Bench(root, server, BANNER_KEY if args.banner_key else BENCH_KEY)
    kinds = ["off", "offline", "online"] + (["delayed"] if server.delayed else [])
    if args.compare_lanes:
        kinds += [f"{kind}/1 lane" for kind in kinds[1:]]
    delayed = f"online, {args.delay * 1000:g} ms per request"
    labels = {"off": "W&B off", "offline": "W&B offline", "online": "online, localhost", "delayed": delayed}
    labels.update({f"{k}/1 lane": f"{v}, 1 writer lane" for k, v in labels.items()})
    interval = os.environ.get("WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL", "15 (wandb's default)")
    print(
        f"openwandb on localhost; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f} at start; "
        f"file-stream interval {interval} s",
        flush=True,
    )
    try:
        cases = (
            [(30, 0.2, False), (30, 0.2, True)] if args.quick else [(30, 1.0, False), (30, 0.2, False), (30, 0.2, True)]
        )
        targets = {(1.0, "online"): "<= 1.15x", (0.2, "online"): "<= 1.5x", (1.0, "delayed"): "<= 1.3x"}
        for n, seconds, busy in cases:
            found = walls(bench, n, seconds, kinds, args.repeats, busy)
            what = "CPU-bound (numpy on every core)" if busy else "asleep"
            print(f"{n} trials of {seconds:g} s, {what}, until tune returned (best of {args.repeats}; vs W&B offline):")
            base = min(found["offline"])
            for kind, times in found.items():
                if kind == "off":  # W&B on/off: offline against off
                    target = "" if busy else "<= 1.05x"
                    print(_row("W&B offline / W&B off", found["offline"], min(times), target))
                elif kind == "offline/1 lane":
                    print(_row(labels[kind] + " / W&B off", times, min(found["off"])))
                else:
                    print(_row(labels[kind], times, base, "" if busy else targets.get((seconds, kind), "")))
            print(flush=True)
        print("wait from the last trial's end until tune returned (trials of 0.2 s, best of repeats):")
        for kind in [k for k in kinds if k.split("/")[0] in ("online", "delayed")]:
            waits: dict[int, list[float]] = {10: [], 50: []}
            for _ in range(args.repeats):
                for n in waits:
                    waits[n].append(bench.variant(kind, n, 0.2)[1])
            w10, w50 = min(waits[10]), min(waits[50])
            listed = "; ".join(f"{n}: " + ", ".join(f"{w:.2f}" for w in ws) for n, ws in waits.items())
            print(
                f"  {labels[kind]:46} 10 trials {w10:.2f} s, 50 trials {w50:.2f} s: {w50 / w10:.2f}x (<= 1.5x)  ({listed})"
            )
        print(f"load {os.getloadavg()[0]:.1f} at the end")
        if bench.problems:
            print("RUNS MISSING OR WRONG on the server:")
            for problem in bench.problems:
                print("  " + problem)
            sys.exit(1)
        else:
            print(
                f"every online study's runs read back from openwandb's REST API: count, config, state, summary, history ({bench.checked} studies)"
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
