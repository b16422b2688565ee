"""A small W&B server for tests: it records what wandb sends and answers as W&B's API does.

Only what wandb 0.31 sends for creating a sweep and writing runs is answered, with the fields
its own GraphQL documents ask for (read from the installed package: ``upsertSweep`` in
``wandb/apis/public/sweeps.py``; ``Viewer``, ``ServerFeaturesQuery``, ``RunResumeStatus``,
``UpsertBucket``, ``CreateRunFiles`` in the documents wandb-core carries), plus the file stream
(``/files/ENTITY/PROJECT/RUN/file_stream``) and file uploads. Anything else is recorded and
answered with empty data, so a test sees it in :attr:`WandbServer.unknown`.

Started on 127.0.0.1 on a free port, in a thread of the test process; point wandb at it with
``WANDB_BASE_URL`` and any ``WANDB_API_KEY``. State is shared by every process the test starts
(workers, programs), so a test can count sweeps and read each run's sweep.
"""

from __future__ import annotations

import base64
import json
import re
import string
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import yaml

__all__ = ["WandbServer", "serve_wandb"]

ENTITY = "tester"
_OPERATION = re.compile(r"^\s*(?:query|mutation)\s+(\w+)")
_FILE_STREAM = re.compile(r"^/files/([^/]+)/([^/]+)/([^/]+)/file_stream$")


@dataclass
class WandbServer:
    """What the server has received, and switches a test may flip."""

    url: str = ""
    #: Every GraphQL operation: (operation name, variables), in arrival order.
    operations: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: Sweeps created: sweep name -> {"config": parsed YAML, "entity", "project", "variables"}.
    sweeps: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Runs: (entity, project, run id) -> the last UpsertBucket variables.
    runs: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    #: History rows received by file stream, per run id.
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: Operations this server does not answer (name or path).
    unknown: list[str] = field(default_factory=list)
    #: When set, ``upsertSweep`` fails with this GraphQL error, as a server without sweeps does.
    sweep_error: str | None = None
    #: Seconds ``upsertSweep`` takes to answer (a slow server; other operations are not held up).
    sweep_delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sweep_of(self, run_id: str) -> str | None:
        """The sweep a run was written with (its UpsertBucket ``sweep``), or None."""
        found = [v for (_, _, name), v in self.runs.items() if name == run_id]
        return found[-1].get("sweep") if found else None

    # -- answers ------------------------------------------------------------------------------

    def answer(self, name: str, variables: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
        """``(data, error)`` for one GraphQL operation."""
        if name == "UpsertSweep" and self.sweep_delay:
            time.sleep(self.sweep_delay)
        with self.lock:
            self.operations.append((name, variables))
            if name == "Viewer":
                viewer = {"id": "VXNlcjox", "entity": ENTITY, "username": ENTITY, "email": "tester@example.com"}
                return {"viewer": {**viewer, "flags": "{}", "teams": {"edges": []}}}, None
            if name == "ServerFeaturesQuery":
                return {"serverInfo": {"features": []}}, None
            if name == "UpsertSweep":
                return self._upsert_sweep(variables)
            if name == "RunResumeStatus":
                project = variables.get("project") or "uncategorized"
                entity = variables.get("entity") or ENTITY
                return {
                    "model": {"id": "cHJvamVjdDox", "name": project, "entity": _entity(entity), "bucket": None}
                }, None
            if name == "UpsertBucket":
                return self._upsert_bucket(variables), None
            if name == "CreateRunFiles":
                files = [
                    {"name": f, "uploadUrl": f"{self.url}/upload/{variables['run']}/{f}"} for f in variables["files"]
                ]
                return {"createRunFiles": {"runID": _b64(variables["run"]), "uploadHeaders": [], "files": files}}, None
            self.unknown.append(name)
            return {}, None

    def _upsert_sweep(self, variables: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
        if self.sweep_error is not None:
            return None, self.sweep_error
        name = _sweep_name(len(self.sweeps))
        entity = variables.get("entityName") or ENTITY
        project = variables.get("projectName") or "uncategorized"
        config = yaml.safe_load(variables.get("config") or "{}")
        self.sweeps[name] = {"config": config, "entity": entity, "project": project, "variables": variables}
        project_obj = {"id": _b64(project), "name": project, "entity": _entity(entity)}
        return {"upsertSweep": {"sweep": {"name": name, "project": project_obj}, "configValidationWarnings": []}}, None

    def _upsert_bucket(self, variables: dict[str, Any]) -> dict[str, Any]:
        name = variables.get("name") or variables.get("id") or "run"
        entity = variables.get("entity") or ENTITY
        project = variables.get("project") or "uncategorized"
        key = (entity, project, name)
        merged = {**self.runs.get(key, {}), **{k: v for k, v in variables.items() if v is not None}}
        self.runs[key] = merged
        bucket = {
            "id": _b64(name),
            "name": name,
            "displayName": merged.get("displayName") or name,
            "description": None,
            "config": merged.get("config") or "{}",
            "sweepName": merged.get("sweep"),
            "project": {"id": _b64(project), "name": project, "entity": _entity(entity)},
            "historyLineCount": 0,
        }
        return {"upsertBucket": {"bucket": bucket, "inserted": True}}

    def file_stream(self, run_id: str, body: dict[str, Any]) -> None:
        with self.lock:
            for name, chunk in (body.get("files") or {}).items():
                if name == "wandb-history.jsonl":
                    rows = self.history.setdefault(run_id, [])
                    rows.extend(json.loads(line) for line in chunk.get("content") or [])


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _entity(name: str) -> dict[str, str]:
    return {"id": _b64(name), "name": name}


def _sweep_name(index: int) -> str:
    """An 8-character sweep id, as W&B's look (``ab12cd34``), distinct per sweep."""
    alphabet = string.ascii_lowercase + string.digits
    out = []
    n = index + 1_000_003
    for _ in range(8):
        n, r = divmod(n * 7919 + 17, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def _handler(server: WandbServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _json(self, payload: Any, status: int = 200) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            body = self._body()
            if self.path.startswith("/graphql"):
                request = json.loads(body or b"{}")
                match = _OPERATION.match(request.get("query") or "")
                name = match.group(1) if match else (request.get("operationName") or "?")
                data, error = server.answer(name, request.get("variables") or {})
                if error is not None:
                    self._json({"data": None, "errors": [{"message": error}]})
                else:
                    self._json({"data": data})
                return
            stream = _FILE_STREAM.match(self.path)
            if stream:
                server.file_stream(stream.group(3), json.loads(body or b"{}"))
                self._json({"exitcode": None, "limits": {}})
                return
            with server.lock:
                server.unknown.append(f"POST {self.path}")
            self._json({})

        def do_PUT(self) -> None:
            self._body()
            self._json({})

        def do_GET(self) -> None:
            with server.lock:
                server.unknown.append(f"GET {self.path}")
            self._json({})

    return Handler


@contextmanager
def serve_wandb() -> Iterator[WandbServer]:
    """A :class:`WandbServer` listening on 127.0.0.1 (a free port) for the duration."""
    state = WandbServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, name="wandb-server", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
