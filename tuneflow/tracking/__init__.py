"""W&B behind the core's Tracker protocol: one W&B run per trial, written off the optimization loop.

Modules: ``options`` (WandbOptions, mode), ``runs`` (run specs, ids, names, tags), ``writer``
(runs written on lane threads, the per-trial slot), ``reader`` (offline runs read back), ``tracker`` (WandbTracker), ``agent`` (``wandb.agent``-style trains), ``program``
(a sweep's ``program`` as the train), ``follow`` (a program's run followed live), ``runfile``
(a placeholder sweep id removed from a finished offline run), ``summary`` (the study summary run),
``backfill`` (the runs a study is missing, from its storage).
"""

from tuneflow.tracking.options import WandbOptions
from tuneflow.tracking.tracker import WandbTracker, make_tracker

__all__ = ["WandbOptions", "WandbTracker", "make_tracker"]
