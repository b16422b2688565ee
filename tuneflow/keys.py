"""Every key tuneflow writes: Optuna user/system attributes, and the ``tuneflow/*`` keys of W&B runs.

One definition per key, so a reader (``load_result``, ``tuneflow best``, the importer, the reaper)
and the writer of a value can never drift apart. Changing a value here changes what existing
storages and W&B runs are read as: treat the strings as a stored format.
"""

from __future__ import annotations

__all__ = [
    "CAS_REQUEST",
    "CONFIG_ATTR",
    "FAILED_TRIAL_SYSTEM_ATTR",
    "FAIL_REASON_ATTR",
    "FAIL_REASON_SYSTEM_ATTR",
    "FIXED_PARAMS_SYSTEM_ATTR",
    "GRID_ATTR",
    "GRID_INDEX_ATTR",
    "GRID_NEXT_ATTR",
    "HEARTBEAT_ATTR",
    "IMPORTED_ATTR",
    "METRICS_ATTR",
    "NO_METRIC_NAME",
    "OBJECTIVE_ROW_KEY",
    "OWNER_ATTR",
    "RETRY_HISTORY_SYSTEM_ATTR",
    "RUN_ID_ATTR",
    "RUN_PATH_ATTR",
    "SAMPLER_ATTR",
    "STORAGE_ENV",
    "STUDY_ATTR",
    "STUDY_UID_ATTR",
    "SUMMARY",
    "SWEEP_ATTR",
]

# -- study user attributes ----------------------------------------------------------------------
STUDY_ATTR = "tuneflow"  # the recipe's metadata: name, method, metrics, parameters, seed
SAMPLER_ATTR = "tuneflow:sampler"  # the sampler that runs (method, options, reason): what `auto`/`bayes` chose
STUDY_UID_ATTR = "tuneflow:uid"  # random, written by the process that created the study: its W&B run ids
#: A ``grpc://`` client's compare-and-set of a study user attribute, written as the value
#: ``{CAS_REQUEST: [expected, new]}``; ``tuneflow storage-server`` applies it on its database.
CAS_REQUEST = "tuneflow:compare-and-set"
SWEEP_ATTR = "tuneflow:wandb_sweep"  # the study's W&B sweep: {"id", "entity", "project"} (or a creation claim)

# -- trial user attributes ----------------------------------------------------------------------
CONFIG_ATTR = "config"  # the nested config, when it cannot be rebuilt from the params
FAIL_REASON_ATTR = "fail_reason"  # why a trial failed, in words
METRICS_ATTR = "metrics"  # every number train returned
RUN_ID_ATTR = "wandb_run_id"  # the trial's W&B run id
RUN_PATH_ATTR = "wandb_run_path"  # entity/project/run_id of that run
IMPORTED_ATTR = "imported_from"  # the W&B run an imported trial came from

# -- study / trial system attributes (tuneflow's, prefixed) ---------------------------------------
GRID_ATTR = "tuneflow:grid"  # study: {"size", "digest"} of the grid it enumerates
GRID_NEXT_ATTR = "tuneflow:grid_next"  # study: the next grid index to claim
GRID_INDEX_ATTR = "tuneflow:grid_index"  # trial: the grid index a freshly claimed trial evaluates
OWNER_ATTR = "tuneflow:owner"  # trial: host:pid of the worker running it
HEARTBEAT_ATTR = "tuneflow:heartbeat"  # trial: last sign of life (storages without Optuna's heartbeat)
FAIL_REASON_SYSTEM_ATTR = "tuneflow:fail_reason"  # trial: a reason the reaper or the loop recorded

# -- Optuna's metric name of a study without a metric (its trials all hold a placeholder 0.0) ----------
NO_METRIC_NAME = "no_metric"

# -- system attributes Optuna itself writes and reads (same meaning as in Optuna) ------------------
FIXED_PARAMS_SYSTEM_ATTR = "fixed_params"  # an enqueued trial's parameters
RETRY_HISTORY_SYSTEM_ATTR = "retry_history"  # numbers of the failed trials a retry replaces
FAILED_TRIAL_SYSTEM_ATTR = "failed_trial"  # the first failed trial of that history

# -- environment -----------------------------------------------------------------------------------
STORAGE_ENV = "TUNEFLOW_STORAGE"  # `tuneflow run`/`worker` read --storage from it (run --workers passes it)

# -- history rows -----------------------------------------------------------------------------------
OBJECTIVE_ROW_KEY = "__objective__"  # a trial.report value in the history, renamed to the metric in W&B


class SUMMARY:
    """Keys of a W&B run's summary that tuneflow writes (trial runs and the study summary run)."""

    STATE = "tuneflow/state"
    TRIAL = "tuneflow/trial"
    DURATION = "tuneflow/duration_s"
    STUDY = "tuneflow/study"
    METHOD = "tuneflow/method"
    SAMPLER = "tuneflow/sampler"  # one line: the sampler that ran, its options and why
    SEED = "tuneflow/seed"
    COMPARED = "tuneflow/compared"
    HISTORY_BEST = "tuneflow/history_best"
    FAIL_REASON = "tuneflow/fail_reason"
    N_TRIALS = "tuneflow/n_trials"
    INTERRUPTED = "tuneflow/interrupted"
    METRIC = "tuneflow/metric"  # summary run of a study without a metric: says nothing is ranked
    BACKFILLED = "tuneflow/backfilled"  # a run written later from the storage (`tuneflow backfill-wandb`)
    N_STATE = "tuneflow/n_{state}"  # .format(state="complete"), one per trial state
    BEST_TRIAL = "best/trial"
    BEST_CONFIG = "best/config"
    BEST_METRIC = "best/{name}"
    BEST_RUN_ID = "best/wandb_run_id"
