"""Creating a recipe's study, or resuming it: same name, same goals, a seed offset on resumption.

The study records the recipe's metadata once (several workers may start together and write the
same value), so ``load_result`` and ``tuneflow best`` can read configs back without the recipe.

The process that creates a study also gives it a random ``STUDY_UID_ATTR``: W&B run ids are built
from it (``tracking.runs.study_run_prefix``), so a study created anew under an old name (its
database deleted, the ``wandb/`` folder kept) gets runs of its own instead of finding the old
study's runs "already written". Processes that create and load the study at the same moment
agree on the uid without waiting: the first one stored wins (:func:`set_user_attr_once`).
"""

from __future__ import annotations

import json
import threading
import uuid
import warnings
from typing import Any

import optuna
from optuna.storages import BaseStorage
from optuna.study import Study

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.counts import trial_counts
from tuneflow.engine.storage import (
    StorageSettings,
    describe_error,
    is_storage_failure,
    open_storage,
    redact_url,
    retry_start_race,
    storage_kind,
)
from tuneflow.errors import StorageError, TuneflowError
from tuneflow.keys import CAS_REQUEST, NO_METRIC_NAME, SAMPLER_ATTR, STUDY_ATTR, STUDY_UID_ATTR
from tuneflow.search.auto import Choice, resolve
from tuneflow.search.methods import make_pruner, make_sampler
from tuneflow.search.recipe import Recipe

__all__ = ["create_study", "sampler_choice", "set_user_attr_once"]


def sampler_choice(recipe: Recipe, n_trials: int | None = None, parallel: bool = False) -> Choice:
    """The sampler the recipe's method runs with this budget (``run_cap`` and ``n_trials``, the smaller)."""
    space, options, n_obj = recipe.search_space, recipe.sampler_options, len(recipe.metrics)
    return resolve(recipe.method, space, options, _budget(recipe, n_trials), n_obj, parallel=parallel)


def _budget(recipe: Recipe, n_trials: int | None) -> int | None:
    return min((b for b in (recipe.run_cap, n_trials) if b is not None), default=None)


def _budget_start(recipe: Recipe, n_trials: int | None, n_existing: int) -> int:
    """The trial ``auto``'s budget is counted from, so that it ends where this call stops: ``n_trials`` after the
    trials already there, or at ``run_cap`` (a total), whichever comes first."""
    budget = _budget(recipe, n_trials)
    if budget is None:
        return 0
    stop = min(b for b in (recipe.run_cap, None if n_trials is None else n_existing + n_trials) if b is not None)
    return max(0, stop - budget)


def _study_meta(recipe: Recipe) -> dict[str, Any]:
    parameters = recipe.parameters
    try:
        json.dumps(parameters)
    except (TypeError, ValueError):
        parameters = None  # objects in the block: configs are stored per trial instead
    return {
        "recipe": recipe.name,
        "method": recipe.method,
        "metrics": [m.to_dict() for m in recipe.metrics],
        "parameters": parameters,
        "seed": recipe.seed,
    }


def create_study(
    recipe: Recipe,
    storage: Any = None,
    study_name: str | None = None,
    n_trials: int | None = None,
    parallel: bool = False,
) -> Study:
    """Create the recipe's study, or load it when it exists (same name = resume).

    The sampler is what the recipe's method resolves to for the budget (``n_trials`` of this call,
    ``run_cap`` of the study) and for ``parallel`` trials; the choice is recorded as the study's
    ``SAMPLER_ATTR``. Any number of processes may call this at once on an empty storage: one
    creates the study, the others load it, and all see the same uid; a conflict between them is
    retried (:func:`tuneflow.engine.storage.retry_start_race`), and a storage failure that is not
    one is a :class:`StorageError` naming the database's own error.
    """
    backend = open_storage(storage)
    name = study_name or recipe.name
    if recipe.method == "grid" and storage_kind(backend) == "grpc":
        raise StorageError(
            f"study {name!r}: method 'grid' claims each point in one database transaction, which a storage "
            "server (grpc://) cannot run, so two workers could claim the same point; give grid workers the "
            "database itself (--storage postgresql://...), which takes up to the server's max_connections workers"
        )
    try:
        seconds = StorageSettings.from_env().retry_seconds
        return retry_start_race(lambda: _create_or_load(recipe, backend, name, n_trials, parallel), seconds)
    except Exception as exc:
        if isinstance(exc, TuneflowError) or not is_storage_failure(exc):
            raise
        where = redact_url(storage) if isinstance(storage, str) else "the storage"
        raise StorageError(f"storage: cannot create or load study {name!r} in {where}: {describe_error(exc)}") from exc


def _create_or_load(recipe: Recipe, backend: BaseStorage, name: str, n_trials: int | None, parallel: bool) -> Study:
    n_existing = 0
    if name in optuna.study.get_all_study_names(backend):
        old = optuna.load_study(study_name=name, storage=backend)
        if [d.name.lower() for d in old.directions] != recipe.directions:
            raise StorageError(
                f"study {name!r} already exists with goals {[d.name.lower() for d in old.directions]}, "
                f"but the recipe asks for {recipe.directions}; use another --study-name"
            )
        old_metrics = old.user_attrs.get(STUDY_ATTR, {}).get("metrics")
        if old_metrics is not None and bool(old_metrics) != recipe.ranked:
            had = (
                "without a metric, but the recipe has one"
                if recipe.ranked
                else "with a metric, but the recipe has none"
            )
            raise StorageError(f"study {name!r} already exists {had}; use another --study-name")
        n_existing = sum(trial_counts(old).states.values())
    # A resumed study must not replay the first session's draws: offset the seed by the
    # number of trials already there (a fresh study uses the recipe's seed as is). Grid too: its
    # points are claimed by index and fixed in each trial, but whatever train suggests on the
    # trial itself is drawn by the sampler, and would otherwise repeat the first session's values.
    seed = None if recipe.seed is None else recipe.seed + n_existing
    choice = sampler_choice(recipe, n_trials, parallel)
    # where auto's budget ends is where this call stops, so its endgame is neither planned past it nor cut off
    sampler = make_sampler(choice, recipe.search_space, seed, first_trial=_budget_start(recipe, n_trials, n_existing))
    pruner = make_pruner(recipe.early_terminate, recipe.pruner)
    try:
        study = optuna.create_study(
            storage=backend,
            study_name=name,
            sampler=sampler,
            pruner=pruner,
            directions=recipe.directions,  # type: ignore[arg-type]  # GOALS, checked by the recipe
        )
    except optuna.exceptions.DuplicatedStudyError:  # it exists, or another worker created it just now
        study = optuna.load_study(study_name=name, storage=backend, sampler=sampler, pruner=pruner)
    _settle_uid(study)
    # Workers starting together may all write these (the same values): Optuna's RDB storage ignores
    # the unique-key conflict of two inserts, the other storages have no such key.
    # What runs now, written on every start (a resume with another budget may choose anew).
    study.set_user_attr(SAMPLER_ATTR, choice.to_dict())
    if STUDY_ATTR not in study.user_attrs:
        study.set_user_attr(STUDY_ATTR, _study_meta(recipe))
        names = [m.name for m in recipe.metrics] or [NO_METRIC_NAME]  # no metric: name the placeholder
        if names != ["value"]:
            with warnings.catch_warnings():  # set_metric_names is "experimental" in Optuna 5
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                study.set_metric_names(names)
    return study


def _settle_uid(study: Study) -> None:
    """Give the study its uid unless it has one, with first-write-wins semantics: no waiting.

    Every process that finds no uid proposes one and the storage keeps the first
    (:func:`set_user_attr_once`), so processes that create and load the study at the same moment
    all end with the one stored. A study that already has trials but no uid was made by plain
    Optuna: its run ids stay as they were (no uid).
    """
    if STUDY_UID_ATTR not in study.user_attrs and not trial_counts(study).states:  # no trials: a moment old
        set_user_attr_once(study, STUDY_UID_ATTR, uuid.uuid4().hex[:8])


_MEMORY_LOCK = threading.Lock()


def compare_and_set_user_attr(study: Study, key: str, expected: Any, new: Any) -> Any:
    """Set the study user attribute ``key`` to ``new`` if it holds ``expected`` (None: absent),
    atomically across processes; return what it holds afterwards (``new`` if the swap happened).

    Optuna's ``set_user_attr`` overwrites, so two processes that both saw the attribute absent would
    each believe their own value stands. Here one wins and the others read the winner's value: a
    row lock (or the unique key, on SQLite) on RDB storages, a lock file beside a journal file, a
    process lock in memory, and through ``tuneflow storage-server`` (``grpc://``) the server
    applies the same transaction (:mod:`tuneflow.engine.proxy`).
    """
    storage, sid = adapter.storage_of(study), adapter.study_id(study)
    backend = adapter.unwrap_cache(storage)
    if isinstance(backend, optuna.storages.RDBStorage):
        return adapter.rdb_compare_and_set_user_attr(backend, sid, key, expected, new)
    if storage_kind(backend) == "grpc":
        storage.set_study_user_attr(sid, key, {CAS_REQUEST: [expected, new]})
        return storage.get_study_user_attrs(sid).get(key)
    with adapter.journal_lock(backend, "attrs") or _MEMORY_LOCK:
        current = storage.get_study_user_attrs(sid).get(key)
        if current != expected:
            return current
        storage.set_study_user_attr(sid, key, new)
        return new


def set_user_attr_once(study: Study, key: str, value: Any) -> Any:
    """Store ``value`` as the study user attribute ``key`` unless one is stored; return the stored one."""
    return compare_and_set_user_attr(study, key, None, value)
