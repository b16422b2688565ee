"""``tune``: create or resume the study, run the optimization loop, return a result.

The loop is Optuna's ask/tell, run by :class:`tuneflow.optimize.Optimizer` (``study.optimize``'s
behaviour, plus a result written with retries, a global ``run_cap``, a grid queue and clean
signal handling); this module adds metric conversion with recorded failure reasons, a metric
``target``, a bound on failures in a row, seeds that differ on resumption and per worker, and
the tracker hooks.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import optuna
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.errors import RecipeError, StorageError, TrialFailed
from tuneflow.failures import FailurePolicy
from tuneflow.gridqueue import enqueue_grid
from tuneflow.liveness import Keeper
from tuneflow.methods import MODEL_BASED, make_pruner, make_sampler, missing_requirements
from tuneflow.objective import TrialContext, call_train, to_values, train_arity
from tuneflow.optimize import Optimizer, count_toward_cap
from tuneflow.recipe import Recipe
from tuneflow.result import CONFIG_ATTR, FAIL_REASON_ATTR, METRICS_ATTR, STUDY_ATTR, TuneResult, jsonable
from tuneflow.signals import Interrupted, SignalGuard
from tuneflow.storage import StorageSettings, open_storage, redact_url
from tuneflow.tracking import Tracker, make_tracker, study_run_prefix

__all__ = ["TuneflowWarning", "check_runtime", "create_study", "tune"]

logger = logging.getLogger("tuneflow")


class TuneflowWarning(UserWarning):
    """A recipe runs, but not exactly as written (e.g. a lossy distribution mapping)."""


def _is_program(train: Any) -> bool:
    """Whether ``train`` runs a sweep's ``program`` (it then follows ``wandb agent``'s rules)."""
    from tuneflow.program import ProgramTrain

    return isinstance(train, ProgramTrain)


def check_runtime(recipe: Recipe) -> None:
    """Problems that only this environment causes (missing extras, no train function, no program)."""
    problems = []
    if recipe.train is None:
        problems.append("train: the recipe has no train function (and no `program` to run); give `train=`.")
    elif _is_program(recipe.train):
        program: Any = recipe.train
        problems += program.problems()
    missing = missing_requirements(recipe.method)
    if missing:
        problems.append(missing)
    if problems:
        raise RecipeError(recipe.name, problems)


def warn_lossy(recipe: Recipe) -> None:
    """Warn once per parameter that the recipe's method cannot search exactly as W&B would."""
    if recipe.method not in MODEL_BASED or recipe.search_space is None:
        return
    for p in recipe.search_space.params:
        if p.lossy:
            warnings.warn(
                f"parameters.{p.name} under method '{recipe.method}': {p.lossy}.", TuneflowWarning, stacklevel=3
            )


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


def create_study(recipe: Recipe, storage: Any = None, study_name: str | None = None) -> Study:
    """Create the recipe's study, or load it when it exists (same name = resume)."""
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
        n_existing = len(old.get_trials(deepcopy=False))
    # A resumed study must not replay the first session's draws: offset the seed by the
    # number of trials already there (a fresh study uses the recipe's seed as is).
    # Not for grid: GridSampler's seed fixes the order of the points, and a trial's point is
    # found by its index in that order, so another seed would revisit points already run.
    seed = None if recipe.seed is None else recipe.seed + (0 if recipe.method == "grid" else n_existing)
    sampler = make_sampler(recipe.method, recipe.search_space, seed, recipe.sampler_options)
    pruner = make_pruner(recipe.early_terminate, recipe.pruner)
    study = optuna.create_study(
        storage=backend,
        study_name=name,
        sampler=sampler,
        pruner=pruner,
        directions=recipe.directions,
        load_if_exists=True,
    )
    if STUDY_ATTR not in study.user_attrs:
        _set_once(study, lambda: study.set_user_attr(STUDY_ATTR, _study_meta(recipe)))
        if len(recipe.metrics) > 1 or recipe.metrics[0].name != "value":
            with warnings.catch_warnings():  # set_metric_names is "experimental" in Optuna 5
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                _set_once(study, lambda: study.set_metric_names([m.name for m in recipe.metrics]))
    return study


def _set_once(study: Study, write: Callable[[], None]) -> None:
    """Write study metadata that several workers starting together may all write (same value)."""
    try:
        write()
    except Exception:  # another worker inserted the same attribute a moment earlier
        if STUDY_ATTR not in study.user_attrs:
            raise


class _Loop:
    """The objective and the callbacks of one ``tune`` call."""

    def __init__(self, recipe: Recipe, study: Study, tracker: Tracker) -> None:
        self.recipe = recipe
        self.study = study
        self.tracker = tracker
        self.arity = train_arity(recipe.train)  # type: ignore[arg-type]
        space = recipe.search_space
        self.suggest: Callable[[Any], dict[str, Any]] = (
            space.suggester(grid=recipe.method == "grid") if space is not None else self._define_by_run
        )
        self.store_config = space is None or study.user_attrs.get(STUDY_ATTR, {}).get("parameters") is None
        self.contexts: dict[int, TrialContext] = {}
        # `wandb agent`'s start-up rules for sweep programs (see tuneflow.failures).
        self.failures = FailurePolicy(recipe.max_consecutive_failures, agent_rules=_is_program(recipe.train))
        #: The optimizer's ``stop(reason)``, set once it exists (the loop's callbacks come first).
        self.stop: Callable[[str], None] = lambda reason: None
        self._lock = threading.Lock()

    def _define_by_run(self, trial: optuna.Trial) -> dict[str, Any]:
        config = self.recipe.space(trial)  # type: ignore[misc]
        if not isinstance(config, dict):
            raise TrialFailed(f"space() must return a dict config, but returned {type(config).__name__}")
        return config

    def objective(self, trial: optuna.Trial) -> list[float]:
        config = self.suggest(trial)
        ctx = TrialContext(trial, config, self.tracker)
        self.contexts[trial.number] = ctx
        self.tracker.on_trial_start(ctx)
        if self.store_config:
            trial.set_user_attr(CONFIG_ATTR, jsonable(config))
        try:
            returned = call_train(self.recipe.train, self.arity, ctx, self.tracker.agent_runner)  # type: ignore[arg-type]
            values, metrics = to_values(returned, self.recipe.metrics)
        except optuna.TrialPruned:
            raise
        except Exception as exc:
            reason = str(exc) if isinstance(exc, TrialFailed) else f"{type(exc).__name__}: {exc}"
            ctx.fail_reason = reason
            trial.set_user_attr(FAIL_REASON_ATTR, reason)
            raise
        ctx.metrics = metrics
        if len(metrics) > len(values):
            trial.set_user_attr(METRICS_ATTR, metrics)
        return values

    def after_trial(self, study: Study, frozen: FrozenTrial) -> None:
        ctx = self.contexts.pop(frozen.number, None)
        if ctx is not None:
            self.tracker.on_trial_end(ctx, frozen)
        if frozen.state in (TrialState.FAIL, TrialState.COMPLETE, TrialState.PRUNED):
            why = self.failures.record(frozen.state == TrialState.FAIL)
            if why is not None:
                self.stop(f"{why} (last: {frozen.user_attrs.get(FAIL_REASON_ATTR, 'see the log')})")
        with self._lock:
            if frozen.state == TrialState.COMPLETE:
                for metric, value in zip(self.recipe.metrics, frozen.values):
                    if metric.reached(value):
                        self.stop(f"trial {frozen.number} reached the target {metric.name} = {metric.target:g}")


def tune(
    recipe: Recipe,
    *,
    n_trials: int | None = None,
    timeout: float | None = None,
    storage: Any = None,
    study_name: str | None = None,
    n_jobs: int = 1,
    wandb: Any = None,
    progress: bool = False,
    callbacks: Sequence[Callable[[Study, FrozenTrial], None]] = (),
    worker: bool = False,
) -> TuneResult:
    """Run (or resume) the recipe's study and return its result.

    ``n_trials`` bounds this call; ``recipe.run_cap`` bounds the study across calls and
    workers. ``storage`` is a URL (default ``sqlite:///tuneflow.db``), ``"memory"`` or an
    Optuna storage. ``wandb`` is False (off), None (defaults) or options for the W&B bridge.
    ``worker=True`` marks one of several processes sharing the study (``tuneflow worker``): its
    sampler draws its own random stream, since a shared seed would make every worker propose
    the same points.

    SIGINT/SIGTERM (main thread only) fail the trials in flight, queue them to run again, close
    the tracker and raise :class:`tuneflow.signals.Interrupted` (a ``KeyboardInterrupt``).
    """
    check_runtime(recipe)
    problems = []
    if n_trials is not None and n_trials < 1:
        problems.append(f"n_trials: must be >= 1, but got {n_trials}.")
    if not isinstance(n_jobs, int) or n_jobs < 1:
        problems.append(f"n_jobs: must be an integer >= 1, but got {n_jobs!r}.")
    if timeout is not None and timeout < 0:
        problems.append(f"timeout: must be >= 0 seconds, but got {timeout!r}.")
    if problems:
        raise RecipeError(recipe.name, problems)
    settings = StorageSettings.from_env()
    warn_lossy(recipe)
    study = create_study(recipe, storage, study_name)
    if worker:
        study.sampler.reseed_rng()
    result = TuneResult(study)
    if recipe.method == "grid" and recipe.search_space is not None:
        enqueue_grid(study, recipe.search_space)
    if recipe.run_cap is not None and count_toward_cap(study) >= recipe.run_cap:
        logger.warning(
            "tuneflow: study %r already has run_cap=%d trials; nothing to run", study.study_name, recipe.run_cap
        )
        result.stop_reason = f"run_cap of {recipe.run_cap} trials reached"
        return result
    tracker = make_tracker(wandb, recipe, study, n_jobs=n_jobs)
    if _is_program(recipe.train):  # how this differs from `wandb agent`, said once
        from tuneflow.wandb_bridge import say

        connection = getattr(tracker, "connection", None)
        program: Any = recipe.train
        for line in program.start_lines(connection.mode if connection is not None else None, study_run_prefix(study)):
            say(line)
    loop = _Loop(recipe, study, tracker)
    keeper = Keeper(study, settings)
    interrupted = True
    optimizer = None
    try:
        with SignalGuard() as guard:
            keeper.start()
            optimizer = Optimizer(
                study,
                loop.objective,
                [loop.after_trial, *callbacks],
                keeper=keeper,
                guard=guard,
                settings=settings,
                n_trials=n_trials,
                timeout=timeout,
                n_jobs=n_jobs,
                run_cap=recipe.run_cap,
                grid=recipe.method == "grid",
                progress=progress,
            )
            loop.stop = optimizer.stop
            try:
                optimizer.run()
                interrupted = False
            except Interrupted as exc:
                guard.cleaning()
                _say_how_to_resume(study, storage, exc)
                raise
    finally:
        keeper.stop()
        tracker.close(study, interrupted=interrupted)
    result.stop_reason = optimizer.stop_reason if optimizer else None
    return result


def _say_how_to_resume(study: Study, storage: Any, exc: Interrupted) -> None:
    where = (
        "an in-memory storage (nothing to resume)"
        if storage == "memory"
        else redact_url(storage or "sqlite:///tuneflow.db")
    )
    logger.warning(
        "tuneflow: %s: trials in flight were marked FAIL and queued to run again; finished trials are kept in %s. "
        "Resume with the same command (same --storage and --study-name %r).",
        exc,
        where,
        study.study_name,
    )
