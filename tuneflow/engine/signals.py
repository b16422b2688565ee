"""SIGINT / SIGTERM during a study: stop cleanly instead of dying with trials left RUNNING.

While ``tune`` runs in the main thread, :class:`SignalGuard` replaces the default handlers of
SIGINT (Ctrl-C) and SIGTERM (schedulers, ``kill``). A signal raises :class:`Interrupted` in the
main thread, but only where that is safe: inside the train function (which it stops, as Ctrl-C
would) or while the main thread waits for worker threads; during a storage write the signal is
held until the write is done. The loop then marks the trials in flight FAIL, queues them to
run again, closes the tracker and re-raises; the CLI exits 130 (SIGINT) or 143 (SIGTERM).
A second signal while cleaning up exits at once.

Handlers a program installed itself are left alone, and nothing is installed outside the main
thread (Python allows signal handlers only there).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType
from typing import Any

__all__ = ["Interrupted", "SignalGuard"]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A study was stopped by a signal; ``exit_code`` is the shell's 128 + signal number.

    A ``KeyboardInterrupt`` (not an ``Exception``) so that ``except Exception`` in a train
    function cannot swallow it.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.signame = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {self.signame}")


class SignalGuard:
    """Context manager: turn SIGINT/SIGTERM into :class:`Interrupted` at safe points."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._raise_now = False  # True while the main thread is in train or waiting on threads
        self._cleaning = False
        self._previous: dict[int, Any] = {}
        self._main = threading.current_thread() is threading.main_thread()

    def __enter__(self) -> SignalGuard:
        if self._main:
            for sig in _SIGNALS:
                current = signal.getsignal(sig)
                if current in (signal.SIG_DFL, signal.default_int_handler):
                    self._previous[sig] = current
                    signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    @property
    def interrupted(self) -> bool:
        return self.signum is not None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._cleaning:  # a second signal while cleaning up: the user insists
            sys.stderr.write(f"tuneflow: {signal.Signals(signum).name} again; exiting now\n")
            sys.stderr.flush()
            os._exit(128 + signum)
        if self.signum is None:
            self.signum = signum
        if self._raise_now:
            self._raise_now = False
            raise Interrupted(signum)

    def raise_now(self, on: bool) -> None:
        """Allow (or stop allowing) the handler to raise right where the main thread is."""
        self._raise_now = on
        if on and self.signum is not None:
            self._raise_now = False
            raise Interrupted(self.signum)

    def check(self) -> None:
        """Raise :class:`Interrupted` if a signal arrived while it could not be raised."""
        if self.signum is not None:
            raise Interrupted(self.signum)

    def cleaning(self) -> None:
        """From now on a further signal exits immediately (cleanup is running)."""
        self._cleaning = True
        self._raise_now = False
