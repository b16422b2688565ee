"""The user-facing printer: tuneflow's own lines on stderr (a leaf: the core and tracking both say things)."""

from __future__ import annotations

import sys

__all__ = ["say"]


def say(message: str) -> None:
    """One line for the user on stderr (kept apart from the progress bar and results)."""
    print(f"tuneflow: {message}", file=sys.stderr, flush=True)
