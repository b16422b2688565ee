"""Headless Chromium for the tests that check pages render: the DOM after scripts ran, and the log."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

HAS_CHROMIUM = shutil.which("chromium") is not None

#: Every host but the loopback fails to resolve: a page that fetches anything from the network
#: (a CDN script, a web font) finds it missing, as it would offline.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def render(url: str, profile: Path, extra_args: Sequence[str] = ()) -> tuple[str, str]:
    """The DOM of ``url`` after its scripts ran (headless Chromium), and Chromium's log (console messages).

    ``profile`` is a directory for Chromium's profile (a test's tmp_path; never the user's).
    """
    cmd = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile / 'chromium-profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=20000",
        *extra_args,
        "--dump-dom",
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr
