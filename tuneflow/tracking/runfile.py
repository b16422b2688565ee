"""A run's ``.wandb`` transaction log: whether wandb-core has closed it, and detaching a finished
offline run from tuneflow's placeholder sweep, so ``wandb sync`` uploads it.

``run.finish()`` returns once wandb-core has handled the run's exit, but the file is closed a
moment later (the SDK's last message, ``inform_finish``, is not waited for): a reader right after
``finish`` could see a run without its last rows or its exit. :func:`wait_closed` waits for the
exit record, the last one wandb-core writes.

A program trial runs with ``WANDB_SWEEP_ID`` set so that the SDK treats its run as a sweep run
(``wandb.init(project=, entity=, id=)`` ignored, as under ``wandb agent``). The run's first record
keeps that sweep id, ``wandb sync`` sends it, and W&B's server refuses a run naming a sweep it does
not hold ("sweep ... not found"; checked against a local endpoint, see tests and wandb/wandb#8115).
Offline, the id is tuneflow's placeholder, so once the program has ended tuneflow rewrites the
run's ``.wandb`` file with the sweep id removed from its run records and nothing else changed:
the run then uploads as a plain run, in the sweep's project, under the trial's run id.

The file format (wandb 0.31): a 7-byte header (``:W&B``, magic 0xBEE1, version 0), then LevelDB
log blocks of 32 KiB holding chunks (CRC-32 of type + data, 2-byte length, 1-byte type: full,
first, middle, last) of protobuf ``Record`` messages (wandb's own classes parse and write them).
The new file is checked with W&B's reader before it replaces the old one; on any doubt the run
is left as it was.
"""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

__all__ = ["drop_sweep_id", "wait_closed"]

BLOCK = 32 * 1024
CHUNK_HEADER = 7
FULL, FIRST, MIDDLE, LAST = 1, 2, 3, 4
FILE_HEADER = b":W&B" + struct.pack("<HB", 0xBEE1, 0)


def _records(data: bytes) -> list[bytes]:
    """Every record's bytes, in order; raises ValueError on anything unexpected."""
    if data[: len(FILE_HEADER)] != FILE_HEADER:
        raise ValueError("not a wandb transaction log (header)")
    out: list[bytes] = []
    pending: list[bytes] | None = None
    pos = len(FILE_HEADER)
    while pos < len(data):
        room = BLOCK - pos % BLOCK
        if room < CHUNK_HEADER:  # the block's zero trailer
            pos += room
            continue
        if len(data) - pos < CHUNK_HEADER:
            raise ValueError("truncated chunk header")
        crc, length, kind = struct.unpack_from("<IHB", data, pos)
        if kind == 0 and length == 0:  # zero padding to the block's end
            pos += room
            continue
        body = data[pos + CHUNK_HEADER : pos + CHUNK_HEADER + length]
        if len(body) != length or zlib.crc32(bytes([kind]) + body) != crc:
            raise ValueError(f"bad chunk at byte {pos}")
        pos += CHUNK_HEADER + length
        if kind == FULL and pending is None:
            out.append(body)
        elif kind == FIRST and pending is None:
            pending = [body]
        elif kind in (MIDDLE, LAST) and pending is not None:
            pending.append(body)
            if kind == LAST:
                out.append(b"".join(pending))
                pending = None
        else:
            raise ValueError(f"chunk of type {kind} out of order at byte {pos}")
    if pending is not None:
        raise ValueError("the last record is incomplete")
    return out


def _write(records: list[bytes]) -> bytes:
    """The transaction log holding ``records``, chunked as wandb-core chunks them."""
    out = bytearray(FILE_HEADER)
    for record in records:
        rest, first = record, True
        while True:
            room = BLOCK - len(out) % BLOCK
            if room < CHUNK_HEADER:
                out += b"\0" * room
                continue
            take = rest[: room - CHUNK_HEADER]
            rest = rest[len(take) :]
            kind = (FULL if not rest else FIRST) if first else (LAST if not rest else MIDDLE)
            out += struct.pack("<IHB", zlib.crc32(bytes([kind]) + take), len(take), kind) + take
            first = False
            if not rest:
                break
    return bytes(out)


def _last_is_exit(run_file: Path) -> bool:
    from wandb.proto import wandb_internal_pb2 as pb

    try:
        records = _records(run_file.read_bytes())
    except (OSError, ValueError):  # not there yet, or a chunk still being written
        return False
    return bool(records) and pb.Record.FromString(records[-1]).WhichOneof("record_type") == "exit"  # type: ignore[attr-defined]


def wait_closed(run_file: Path, timeout: float = 10.0) -> bool:
    """Wait until ``run_file`` ends with the run's exit record, at most ``timeout`` s; True if it does."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while not _last_is_exit(run_file):
        if time.monotonic() > deadline:
            return False
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    return True


def drop_sweep_id(run_file: Path, sweep_id: str) -> bool:
    """Remove ``sweep_id`` from the run records of ``run_file``; True if the file was rewritten.

    Only records naming exactly ``sweep_id`` change. The rewritten file must read back with
    W&B's reader to the same state, config and summary, else the original is kept.
    """
    from wandb.proto import wandb_internal_pb2 as pb

    from tuneflow.tracking.reader import READ_ERRORS, read_run

    data = run_file.read_bytes()
    try:
        records = _records(data)
    except ValueError:
        return False
    changed = False
    for i, raw in enumerate(records):
        record = pb.Record.FromString(raw)  # type: ignore[attr-defined]
        if record.WhichOneof("record_type") == "run" and record.run.sweep_id == sweep_id:
            record.run.sweep_id = ""
            records[i] = record.SerializeToString()
            changed = True
    if not changed:
        return False
    before = read_run(run_file.parent)
    spare = run_file.with_name(run_file.name + ".tuneflow-original")
    os.replace(run_file, spare)
    try:
        run_file.write_bytes(_write(records))
        after = read_run(run_file.parent)
        same = all(before.get(k) == after.get(k) for k in ("state", "config", "summary", "run_id", "project"))
    except READ_ERRORS:
        same = False
    if not same:
        os.replace(spare, run_file)
        return False
    spare.unlink()
    return True
