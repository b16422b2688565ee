"""Creating a recipe's study, or resuming it: same name, same goals, a seed offset on resumption.

The study records the recipe's metadata once (several workers may start together and write the
same value), so ``load_result`` and ``tuneflow best`` can read configs back without the recipe.

The process that creates a study also gives it a random ``STUDY_UID_ATTR``: W&B run ids are built
from it (``tracking.runs.study_run_prefix``), so a study created anew under an old name (its
database deleted, the ``wandb/`` folder kept) gets runs of its own instead of finding the old
study's runs "already written". Workers that load the study wait a bounded time for it.
"""

from __future__ import annotations

import json
import time
import uuid
import warnings
from collections.abc import Callable
from typing import Any

import optuna
from optuna.study import Study

from tuneflow.engine.storage import open_storage
from tuneflow.errors import StorageError
from tuneflow.keys import NO_METRIC_NAME, SAMPLER_ATTR, STUDY_ATTR, STUDY_UID_ATTR
from tuneflow.search.auto import Choice, resolve
from tuneflow.search.methods import make_pruner, make_sampler
from tuneflow.search.recipe import Recipe

__all__ = ["create_study", "sampler_choice"]

#: How long a worker that loads a study another process has just created waits for its uid.
UID_WAIT_SECONDS = 10.0


def sampler_choice(recipe: Recipe, n_trials: int | None = None, parallel: bool = False) -> Choice:
    """The sampler the recipe's method runs with this budget (``run_cap`` and ``n_trials``, the smaller)."""
    budgets = [b for b in (recipe.run_cap, n_trials) if b is not None]
    budget = min(budgets, default=None)
    space, options, n_obj = recipe.search_space, recipe.sampler_options, len(recipe.metrics)
    return resolve(recipe.method, space, options, budget, n_obj, parallel=parallel)


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
    ``SAMPLER_ATTR``.
    """
    backend = open_storage(storage)
    name = study_name or recipe.name
    existing = optuna.study.get_all_study_names(backend)
    n_existing = 0
    if name in existing:
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
        n_existing = len(old.get_trials(deepcopy=False))
    # A resumed study must not replay the first session's draws: offset the seed by the
    # number of trials already there (a fresh study uses the recipe's seed as is). Grid too: its
    # points are claimed by index and fixed in each trial, but whatever train suggests on the
    # trial itself is drawn by the sampler, and would otherwise repeat the first session's values.
    seed = None if recipe.seed is None else recipe.seed + n_existing
    choice = sampler_choice(recipe, n_trials, parallel)
    sampler = make_sampler(choice, recipe.search_space, seed)
    pruner = make_pruner(recipe.early_terminate, recipe.pruner)
    try:
        study = optuna.create_study(
            storage=backend,
            study_name=name,
            sampler=sampler,
            pruner=pruner,
            directions=recipe.directions,  # type: ignore[arg-type]  # GOALS, checked by the recipe
        )
        study.set_user_attr(STUDY_UID_ATTR, uuid.uuid4().hex[:8])  # this process created it
    except optuna.exceptions.DuplicatedStudyError:  # it exists, or another worker created it just now
        study = optuna.load_study(study_name=name, storage=backend, sampler=sampler, pruner=pruner)
        _wait_for_uid(study)
    # What runs now, written on every start (a resume with another budget may choose anew).
    _set_once(study, lambda: study.set_user_attr(SAMPLER_ATTR, choice.to_dict()), SAMPLER_ATTR)
    if STUDY_ATTR not in study.user_attrs:
        _set_once(study, lambda: study.set_user_attr(STUDY_ATTR, _study_meta(recipe)))
        names = [m.name for m in recipe.metrics] or [NO_METRIC_NAME]  # no metric: name the placeholder
        if names != ["value"]:
            with warnings.catch_warnings():  # set_metric_names is "experimental" in Optuna 5
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                _set_once(study, lambda: study.set_metric_names(names))
    return study


def _wait_for_uid(study: Study) -> None:
    """Wait (bounded) for the uid of a study that another process has just created.

    A study without a uid may be a moment old (its creator writes the uid right after creating it)
    or made by plain Optuna: after the wait it goes on without a uid.
    """
    deadline = time.monotonic() + UID_WAIT_SECONDS
    while True:
        if STUDY_UID_ATTR in study.user_attrs or time.monotonic() >= deadline:
            return
        if study.get_trials(deepcopy=False):  # a study with trials is not a moment old
            return
        time.sleep(0.05)


def _set_once(study: Study, write: Callable[[], None], key: str = STUDY_ATTR) -> None:
    """Write study metadata that several workers starting together may all write (same value)."""
    try:
        write()
    except Exception:  # another worker inserted the same attribute a moment earlier
        if key not in study.user_attrs:
            raise
