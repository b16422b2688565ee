"""W&B behind the core's Tracker protocol: one W&B run per trial, written off the optimization loop.

Modules: ``options`` (WandbOptions, mode), ``runs`` (run specs, ids, names, tags), ``writer``
(runs written on lane threads, the per-trial slot), ``reader`` (offline runs read back), ``tracker`` (WandbTracker), ``agent`` (``wandb.agent``-style trains), ``program``
(a sweep's ``program`` as the train), ``follow`` (a program's run followed live), ``runfile``
(a placeholder sweep id removed from a finished offline run), ``summary`` (the study summary run),
``backfill`` (the runs a study is missing, from its storage). The names below were importable from the former module
``tuneflow.tracking`` and stay importable here.
"""

from tuneflow.engine.trial import NullTracker, Tracker
from tuneflow.keys import RUN_ID_ATTR, RUN_PATH_ATTR
from tuneflow.redact import Redactor
from tuneflow.tracking.options import MODES, WandbOptions, has_credentials, resolve_mode
from tuneflow.tracking.runs import merge_history, study_run_prefix
from tuneflow.tracking.tracker import WandbTracker, make_tracker

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
