"""W&B behind the Tracker protocol: one W&B run per trial, written by a child process.

The names below were importable from the former module ``tuneflow.tracking``; they stay here.
"""

from tuneflow.tracking.tracker import (
    MODES,
    RUN_ID_ATTR,
    RUN_PATH_ATTR,
    NullTracker,
    Redactor,
    Tracker,
    WandbOptions,
    WandbTracker,
    has_credentials,
    make_tracker,
    merge_history,
    resolve_mode,
    study_run_prefix,
)

__all__ = [
    "MODES",
    "RUN_ID_ATTR",
    "RUN_PATH_ATTR",
    "NullTracker",
    "Redactor",
    "Tracker",
    "WandbOptions",
    "WandbTracker",
    "has_credentials",
    "make_tracker",
    "merge_history",
    "resolve_mode",
    "study_run_prefix",
]
