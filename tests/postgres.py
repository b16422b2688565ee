"""A throw-away PostgreSQL server for tests and benchmarks, from the Debian binaries.

``PostgresServer.start()`` runs ``initdb`` in a fresh temporary directory and ``pg_ctl start`` on
a free loopback port, with a password (so URLs carry one, as in production, and redaction is
exercised). PostgreSQL refuses to run as root, so as root the server runs as the ``postgres``
system user via ``runuser``. ``stop()`` / ``start_again()`` simulate an outage; ``close()``
removes everything. :func:`storage_server` runs ``tuneflow storage-server`` (Optuna's gRPC proxy)
in front of a database, as a separate process, and yields its ``grpc://`` URL.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PASSWORD = "pg-s3cret-pass"


def bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding ``pg_ctl`` (None when PostgreSQL is missing)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def available() -> bool:
    """PostgreSQL binaries and the psycopg driver are both installed."""
    return bin_dir() is not None and importlib.util.find_spec("psycopg") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory."""

    def __init__(self, max_connections: int = 200, extra_conf: str = "") -> None:
        binaries = bin_dir()
        if binaries is None:
            raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin")
        self.bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="tuneflow-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_root = os.geteuid() == 0
        self._n_databases = 0
        self.max_connections = max_connections
        self.extra_conf = extra_conf

    @classmethod
    def start(cls, max_connections: int = 200, extra_conf: str = "") -> PostgresServer:
        """Init and start a server; ``max_connections`` 100 is a stock server's (tests take 200).
        ``extra_conf``: more ``postgresql.conf`` lines."""
        server = cls(max_connections, extra_conf)
        server._init()
        server.start_again()
        return server

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if self._as_root else list(args)

    def _init(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        subprocess.run(
            self._cmd(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--pwfile",
                str(pwfile),
                "--auth",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ),
            check=True,
            capture_output=True,
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.root}'\n"
                # fsync off is safe here: an immediate stop kills PostgreSQL, not the OS page cache.
                # synchronous_commit stays on: with it off, commits still in PostgreSQL's WAL
                # buffers are lost by an immediate stop, which is not what a restart test wants.
                "fsync = off\nfull_page_writes = off\n"
                f"max_connections = {self.max_connections}\n{self.extra_conf}\n"
            )

    def start_again(self) -> None:
        """Start (or restart after :meth:`stop`) the server and wait until it accepts connections."""
        subprocess.run(
            self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "start"),
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], capture_output=True
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start; see {self.root / 'log'}")

    def stop(self) -> None:
        """Stop the server at once (connections are cut, as in a crash or a restart)."""
        subprocess.run(
            self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"),
            check=True,
            capture_output=True,
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL (one per test keeps tests independent)."""
        import psycopg

        self._n_databases += 1
        name = f"t{self._n_databases}_{os.getpid()}"
        with psycopg.connect(self.url().replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def connections(self, database: str | None = None) -> int:
        """Client connections the server holds now (``pg_stat_activity``), to ``database`` or to all."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            query = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            if database is not None:
                row = conn.execute(query + " AND datname = %s", (database,)).fetchone()
            else:
                row = conn.execute(query).fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def server_with_slots(max_connections: int) -> Iterator[PostgresServer]:
    """A throw-away server with ``max_connections`` slots and none reserved, so a test can fill it."""
    from conftest import require

    require("PostgreSQL (/usr/lib/postgresql/*/bin and psycopg)", available())
    server = PostgresServer.start(max_connections=max_connections, extra_conf="superuser_reserved_connections = 0")
    try:
        yield server
    finally:
        server.close()


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    return _free_port()


@contextlib.contextmanager
def storage_server(url: str, threads: int = 4, env: dict[str, str] | None = None) -> Iterator[str]:
    """``tuneflow storage-server --storage URL`` on a free loopback port; yields ``grpc://127.0.0.1:PORT``."""
    port = _free_port()
    cmd = [sys.executable, "-c", "from tuneflow.cli import main; main()", "storage-server", "--host", "127.0.0.1"]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(
            [*cmd, "--port", str(port), "--threads", str(threads)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TUNEFLOW_STORAGE": url, **(env or {})},
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"tuneflow storage-server did not start: {log.read()}")
                time.sleep(0.1)
            yield f"grpc://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
