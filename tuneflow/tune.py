"""``tune``: create or resume the study, run the optimization loop, return a result.

The loop is Optuna's ask/tell, run by :class:`tuneflow.engine.loop.Optimizer` (``study.optimize``'s
behaviour, plus a result written with retries, a global ``run_cap``, grid points claimed by
index and clean signal handling); this module adds metric conversion with recorded failure
reasons, a metric ``target``, a bound on failures in a row, seeds that differ on resumption and
per worker, and the tracker hooks.
"""

from __future__ import annotations

import dataclasses
import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import optuna
from optuna.study import Study
from optuna.trial import FrozenTrial, TrialState

from tuneflow.console import say
from tuneflow.engine.counts import count_toward_cap
from tuneflow.engine.failures import FailurePolicy
from tuneflow.engine.gridindex import study_grid
from tuneflow.engine.liveness import Keeper
from tuneflow.engine.loop import Optimizer
from tuneflow.engine.result import TuneResult, jsonable
from tuneflow.engine.signals import Interrupted, SignalGuard
from tuneflow.engine.storage import DEFAULT_STORAGE, StorageSettings, storage_kind
from tuneflow.engine.study import create_study
from tuneflow.engine.trial import Tracker, TrialContext, call_train, to_values, train_arity
from tuneflow.errors import RecipeError, TrialFailed, TuneflowWarning
from tuneflow.keys import CONFIG_ATTR, FAIL_REASON_ATTR, METRICS_ATTR, SAMPLER_ATTR, STUDY_ATTR
from tuneflow.redact import Redactor, redact_url, storage_secrets
from tuneflow.search.methods import MODEL_BASED, missing_requirements
from tuneflow.search.recipe import Recipe
from tuneflow.tracking.program import ProgramTrain
from tuneflow.tracking.runs import study_run_prefix
from tuneflow.tracking.tracker import make_tracker, tracker_problems

__all__ = ["TuneflowWarning", "check_runtime", "create_study", "tune"]

logger = logging.getLogger(__name__)


def check_runtime(recipe: Recipe) -> None:
    """Problems that only this environment causes (missing extras, no train function, no program)."""
    problems = []
    if recipe.train is None:
        problems.append("train: the recipe has no train function (and no `program` to run); give `train=`.")
    elif isinstance(recipe.train, ProgramTrain):  # a sweep's `program`: it follows `wandb agent`'s rules
        problems += recipe.train.problems()
    missing = missing_requirements(recipe.method, recipe.sampler_options)
    if missing:
        problems.append(missing)
    if problems:
        raise RecipeError(recipe.name, problems)


def _say_sampler(recipe: Recipe, study: Study) -> None:
    """Say once, at the start, which sampler ``auto`` or ``bayes`` resolved to and why (one line)."""
    if recipe.method not in ("auto", "bayes"):
        return
    choice = study.user_attrs.get(SAMPLER_ATTR) or {}
    say(f"method '{recipe.method}' runs {choice.get('line')}")


def warn_lossy(recipe: Recipe) -> None:
    """Warn once per parameter: number-like text in ``values``, a deprecated exponent form, and
    (under a model-based method) what the method cannot search exactly as W&B would."""
    if recipe.search_space is None:
        return
    for p in recipe.search_space.params:
        for note in p.notes:
            warnings.warn(note, TuneflowWarning, stacklevel=3)
        if p.lossy and recipe.method in MODEL_BASED:
            warnings.warn(
                f"parameters.{p.name} under method '{recipe.method}': {p.lossy}.", TuneflowWarning, stacklevel=3
            )


class _Loop:
    """The objective and the callbacks of one ``tune`` call."""

    def __init__(self, recipe: Recipe, study: Study, tracker: Tracker) -> None:
        self.recipe = recipe
        self.tracker = tracker
        self.arity = train_arity(recipe.train)  # type: ignore[arg-type]
        space = recipe.search_space
        self.suggest: Callable[[Any], dict[str, Any]] = (
            space.suggester(grid=recipe.method == "grid") if space is not None else self._define_by_run
        )
        self.store_config = space is None or study.user_attrs.get(STUDY_ATTR, {}).get("parameters") is None
        self.contexts: dict[int, TrialContext] = {}
        # `wandb agent`'s start-up rules for sweep programs (see tuneflow.engine.failures).
        self.failures = FailurePolicy(
            recipe.max_consecutive_failures, agent_rules=isinstance(recipe.train, ProgramTrain)
        )
        #: The optimizer's ``stop(reason)``, set once it exists (the loop's callbacks come first).
        self.stop: Callable[[str], None] = lambda reason: None
        self.redactor = Redactor(storage_secrets(study))  # as the W&B runs: the storage password

    def redact(self, number: int, text: str) -> str:
        """``text`` as W&B runs would show it: also without trial ``number``'s secret config values."""
        ctx = self.contexts.get(number)
        return (self.redactor.including(ctx.config) if ctx is not None else self.redactor).text(text)

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
            reason = self.redact(trial.number, reason)  # stored in the study: shown by every view
            ctx.fail_reason = reason
            trial.set_user_attr(FAIL_REASON_ATTR, reason)
            raise
        ctx.metrics = metrics
        if len(metrics) > len(values) or not self.recipe.ranked:
            trial.set_user_attr(METRICS_ATTR, metrics)
        return values

    def after_trial(self, study: Study, frozen: FrozenTrial) -> None:
        ctx = self.contexts.pop(frozen.number, None)
        if ctx is not None:
            self.tracker.on_trial_end(ctx, frozen)
        if frozen.state in (TrialState.FAIL, TrialState.COMPLETE, TrialState.PRUNED):
            failed = frozen.state == TrialState.FAIL
            code = ctx.exit_code if ctx is not None else None
            why = self.failures.record(failed, failed and (code is None or code > 0))
            if why is not None:
                self.stop(f"{why} (last: {frozen.user_attrs.get(FAIL_REASON_ATTR, 'see the log')})")
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
    tracker: Tracker | None = None,
    budget: int | None = None,
) -> TuneResult:
    """Run (or resume) the recipe's study and return its result.

    The study is the recipe's name in ``storage``: running again resumes it. Each trial calls the
    recipe's train function with its config and, unless W&B is off, becomes one W&B run.

    Args:
        recipe: What to tune: search space, method, metric and train function.
        n_trials: Trials to run in this call. ``None``: until ``recipe.run_cap`` (which bounds the
            study across calls and workers), the end of a grid, ``timeout``, the metric's target
            or an interrupt.
        timeout: Seconds after which this call starts no new trial; ``None``: no limit.
        storage: An Optuna storage URL (``sqlite:///study.db``, ``postgresql://...``,
            ``journal:///study.log``), ``"memory"``, or an Optuna storage object. ``None``:
            ``sqlite:///tuneflow.db`` in the working directory.
        study_name: The study to create or resume; ``None``: the recipe's name.
        n_jobs: Trials run at once in threads of this process (threads do not run Python train
            code in parallel: for CPU-bound trials use worker processes, ``tuneflow run --workers``).
        wandb: ``False`` (no W&B runs), ``None`` (defaults: one run per trial, the mode from
            ``WANDB_MODE``, else online with credentials, else offline), or a
            `tuneflow.WandbOptions` or a dict of its fields.
        progress: Show a progress bar.
        callbacks: Optuna-style ``callback(study, frozen_trial)`` functions, called after each trial.
        worker: This process is one of several sharing the study (``tuneflow worker``): its sampler
            draws its own random stream, since a shared seed would make every worker propose the
            same points.
        tracker: Replaces the W&B tracker ``wandb`` would make with any object implementing
            `tuneflow.engine.trial.Tracker`.
        budget: The trial budget ``auto`` plans its sampler for, when this call runs only a share
            of it (``run --workers N`` gives each worker a share of ``--n-trials``); ``None``:
            ``n_trials``.

    Returns:
        The study and its best trials, config and value; ``stop_reason`` says why the loop
        stopped early (target reached, ``run_cap``, failures in a row), if it did.

    Raises:
        RecipeError: An argument is invalid (every problem is listed), or the recipe needs what
            this environment lacks (e.g. torch for ``gp``); raised before any study exists.
        StorageError: The storage cannot be opened, or the study there cannot be resumed with
            this recipe (e.g. another grid).
        tuneflow.engine.signals.Interrupted: SIGINT or SIGTERM (main thread only); the trials in
            flight were marked FAIL and queued to run again, the tracker closed. A
            ``KeyboardInterrupt``.
    """
    check_runtime(recipe)
    problems = []
    if n_trials is not None and n_trials < 1:
        problems.append(f"n_trials: must be >= 1, but got {n_trials}.")
    if not isinstance(n_jobs, int) or n_jobs < 1:
        problems.append(f"n_jobs: must be an integer >= 1, but got {n_jobs!r}.")
    if timeout is not None and timeout < 0:
        problems.append(f"timeout: must be >= 0 seconds, but got {timeout!r}.")
    if tracker is None:  # what make_tracker would refuse, said before the study is created
        problems += tracker_problems(wandb, recipe, n_jobs if isinstance(n_jobs, int) else 1)
    if problems:
        raise RecipeError(recipe.name, problems)
    settings = StorageSettings.from_env()
    warn_lossy(recipe)
    study = create_study(
        recipe, storage, study_name, n_trials=budget if budget is not None else n_trials, parallel=n_jobs > 1 or worker
    )
    _say_sampler(recipe, study)
    if worker:
        study.sampler.reseed_rng()
    grid_index = study_grid(study, recipe)
    if recipe.run_cap is not None and count_toward_cap(study) >= recipe.run_cap:
        logger.warning(
            "tuneflow: study %r already has run_cap=%d trials; nothing to run", study.study_name, recipe.run_cap
        )
        return TuneResult(study, stop_reason=f"run_cap of {recipe.run_cap} trials reached")
    if tracker is None:
        tracker = make_tracker(wandb, recipe, study, n_jobs=n_jobs)
    if isinstance(recipe.train, ProgramTrain):  # how this differs from `wandb agent`, said once
        program = recipe.train
        if getattr(tracker, "plain_runs", False):  # no sweep id at all: not even the offline placeholder
            program = dataclasses.replace(program, sweep_id="none")
            recipe = recipe.replace(train=program)
        connection = getattr(tracker, "connection", None)
        sweep = getattr(tracker, "sweep_id", None)  # first: finding it may take the study offline
        mode = connection.mode if connection is not None else None
        for line in program.start_lines(mode, study_run_prefix(study), sweep):
            say(line)
    loop = _Loop(recipe, study, tracker)
    keeper = Keeper(study, settings)
    interrupted = True
    try:
        with SignalGuard() as guard:
            keeper.start()
            optimizer = Optimizer(
                study,
                loop.objective,
                [loop.after_trial, *callbacks],
                keeper=keeper,
                guard=guard,
                n_trials=n_trials,
                timeout=timeout,
                n_jobs=n_jobs,
                run_cap=recipe.run_cap,
                grid_index=grid_index,
                progress=progress,
                redact=loop.redact,
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
    return TuneResult(study, stop_reason=optimizer.stop_reason)


def _say_how_to_resume(study: Study, storage: Any, exc: Interrupted) -> None:
    if storage_kind(storage) == "memory":  # "memory", ":memory:", "inmemory" or the storage object
        where = "an in-memory storage (nothing to resume)"
    elif isinstance(storage, optuna.storages.BaseStorage):
        where = f"the {type(storage).__name__} given to tune()"
    else:
        where = redact_url(storage or DEFAULT_STORAGE)
    logger.warning(
        "tuneflow: %s: trials in flight were marked FAIL and queued to run again; finished trials are kept in %s. "
        "Resume with the same command (same --storage and --study-name %r).",
        exc,
        where,
        study.study_name,
    )
