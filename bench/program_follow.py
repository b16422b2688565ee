"""Following a program's W&B run live: W&B's reader (`wandb leet inspect --follow`) vs. reading the
`.wandb` file in Python, on the same real program.

A program logs `loss` every 0.1 s for 60 steps with `WANDB_X_TRANSACTION_LOG_FLUSH_INTERVAL=1`.
Two followers read the same run at once: tuneflow's :class:`tuneflow.tracking.follow.RunFollower` (the
bundled wandb-core binary) and a Python reader of wandb's transaction-log format (LevelDB log
blocks of protobuf `Record`s, parsed with wandb's own protobuf classes; kept here only). For each,
the delay from `wandb.log` (the row's `_timestamp`) to arrival, and the follower's CPU seconds.

    nice -n 10 .venv/bin/python bench/program_follow.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from wandb.proto import wandb_internal_pb2 as pb

from tuneflow.tracking.follow import FLUSH_ENV, RunFollower

PROGRAM = """
import time, wandb
run = wandb.init()
for i in range(60):
    time.sleep(0.1)
    wandb.log({"loss": 1.0 / (i + 1)})
run.finish()
"""

BLOCK = 32 * 1024
HEADER = 7


class PythonReader:
    """Tails a `.wandb` file: LevelDB log chunks (crc 4, length 2, type 1) of protobuf Records."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = HEADER
        self.partial = b""
        self.arrivals: list[float] = []
        self.cpu = 0.0

    def poll(self) -> None:
        start = time.thread_time()
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        pos = 0
        while True:
            room = BLOCK - (self.offset + pos) % BLOCK
            if room < HEADER:  # block trailer padding
                if len(data) - pos < room:
                    break
                pos += room
                continue
            if len(data) - pos < HEADER:
                break
            length = int.from_bytes(data[pos + 4 : pos + 6], "little")
            kind = data[pos + 6]
            if len(data) - pos < HEADER + length:
                break
            chunk = data[pos + HEADER : pos + HEADER + length]
            pos += HEADER + length
            self.partial = chunk if kind in (1, 2) else self.partial + chunk
            if kind in (1, 4):
                record = pb.Record.FromString(self.partial)
                self.partial = b""
                if record.WhichOneof("record_type") == "history":
                    for item in record.history.item:
                        if item.key == "_timestamp" or list(item.nested_key) == ["_timestamp"]:
                            self.arrivals.append(time.time() - float(item.value_json))
        self.offset += pos
        self.cpu += time.thread_time() - start


def main() -> None:
    where = Path(tempfile.mkdtemp(prefix="tuneflow-follow-bench-"))
    (where / "train.py").write_text(PROGRAM)
    env = dict(os.environ, WANDB_MODE="offline", WANDB_DIR=str(where), WANDB_RUN_ID="bench", WANDB_SILENT="true")
    env.update(FLUSH_ENV)
    follower = RunFollower(where / "wandb", "bench", "loss").start()
    leet_delays: list[float] = []

    leet_cpu = [0.0]
    tick = os.sysconf("SC_CLK_TCK")

    def watch() -> None:  # the leet process's CPU, sampled from /proc until it exits
        while follower._thread.is_alive():
            follower.take()
            proc = follower._proc
            if proc is not None:
                try:
                    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                    leet_cpu[0] = (int(fields[11]) + int(fields[12])) / tick
                except (OSError, IndexError, ValueError):
                    pass
            time.sleep(0.05)

    # Record the leet follower's arrival delays by reading its JSON lines through a tap.
    original = follower._read

    def tapped(line: str) -> None:
        record = json.loads(line)
        if record.get("type") == "history":
            leet_delays.append(time.time() - record["history"]["item"]["_timestamp"])
        original(line)

    follower._read = tapped  # type: ignore[method-assign]
    threading.Thread(target=watch, daemon=True).start()
    proc = subprocess.Popen([sys.executable, "train.py"], cwd=where, env=env)
    reader = None
    while proc.poll() is None:
        files = list((where / "wandb").glob("offline-run-*-bench/run-bench.wandb"))
        if files and reader is None:
            reader = PythonReader(files[0])
        if reader is not None:
            reader.poll()
        time.sleep(0.1)
    if reader is not None:
        reader.poll()
    follower.close(linger=5)
    print(f"values: leet {len(leet_delays)}, python {len(reader.arrivals) if reader else 0} (of 60)")
    for name, delays in (("leet --follow", leet_delays), ("python reader", reader.arrivals if reader else [])):
        if delays:
            print(
                f"{name:14s} delay after wandb.log: median {statistics.median(delays):.2f} s, max {max(delays):.2f} s"
            )
    print(
        f"CPU: leet --follow {leet_cpu[0]:.2f} s; python reader {reader.cpu if reader else 0:.3f} s (polls every 0.1 s)"
    )


if __name__ == "__main__":
    main()
