"""The W&B tracker: every trial one W&B run, shaped like a W&B Sweep run.

:class:`WandbTracker` implements the core's :class:`~tuneflow.engine.trial.Tracker` protocol: a
trial's run opens when the trial starts and receives each report and log row as it happens
(agent-style trains and sweep programs write their own run); when the trial ends it becomes a
:class:`~tuneflow.tracking.runs.RunSpec`:

- ``config``: exactly the trial's nested config (the keys a sweep run's ``wandb.config`` has),
  with secret-looking values redacted;
- ``summary``: every number train returned, the objective under its recipe name, and
  ``tuneflow/*`` keys: state (complete / pruned / fail), fail_reason, trial number, duration,
  study, method, seed, and which value W&B compares (``tuneflow/compared = "final"``: the
  value train returned, also in ``summary[metric]``; ``tuneflow/history_best`` holds the best
  reported value, what W&B's ``bayes`` would score);
- ``history``: each ``trial.report(value, step)`` as the metric at that step, merged with
  ``trial.log`` rows at the same step, in step order (offline, a row logged below an earlier
  step is kept by rewriting the run in step order at the end; online W&B drops it);
- tags: study name, method, state (no ``group`` unless asked: W&B's parameter-importance panel
  wants ungrouped runs); the Optuna trial gets ``wandb_run_id``/``wandb_run_path`` user attrs;
- the study's W&B sweep (:mod:`tuneflow.tracking.sweep`): found or created in the background from
  the tracker's start; the writer waits for it before sending a trial's run (agent-style and
  program trials, which start their own run, wait at their start); every trial's run carries its id.

Per-trial state lives in the trial's ``tracker_slot`` (a :class:`~tuneflow.tracking.writer.TrialRun`).
Everything goes through the writer process (:class:`~tuneflow.tracking.writer.RunWriter`);
``close`` writes a study summary run, waits a bounded time and says how many runs were written.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import optuna
from optuna.trial import FrozenTrial

from tuneflow.console import say
from tuneflow.engine import optuna_adapter as adapter
from tuneflow.engine.trial import NullTracker, Tracker, TrialContext, train_arity
from tuneflow.errors import RecipeError, TuneflowError
from tuneflow.keys import FAIL_REASON_ATTR, RUN_ID_ATTR, RUN_PATH_ATTR, SAMPLER_ATTR, SUMMARY
from tuneflow.redact import Redactor, storage_secrets
from tuneflow.tracking.agent import finish_agent_run, run_agent_style
from tuneflow.tracking.options import WandbOptions, resolve_mode
from tuneflow.tracking.runs import RunSpec, StudyInfo, study_run_prefix, trial_spec
from tuneflow.tracking.sweep import SWEEP_ENV, choose_sweep, sweep_config
from tuneflow.tracking.wire import Summarize
from tuneflow.tracking.writer import Connection, RunWriter, TrialRun

__all__ = ["WandbTracker", "make_tracker", "tracker_problems"]


def _slot(ctx: TrialContext) -> TrialRun | None:
    """The trial's W&B run, when this tracker started it."""
    slot = ctx.tracker_slot
    return slot if isinstance(slot, TrialRun) else None


class WandbTracker(Tracker):
    """One W&B run per trial, streamed while it runs by the writer process; a summary run at the end."""

    def __init__(self, options: WandbOptions, mode: str, recipe: Any, study: optuna.Study) -> None:
        self.options = options
        self.recipe = recipe
        self.redactor = Redactor(storage_secrets(study))
        project = options.project or recipe.project or os.environ.get("WANDB_PROJECT") or "tuneflow"
        entity = options.entity or recipe.entity or os.environ.get("WANDB_ENTITY") or None
        self.study_info = StudyInfo(
            name=study.study_name,
            method=recipe.method,
            seed=recipe.seed,
            metrics=tuple(recipe.metrics),
            prefix=study_run_prefix(study),
            tags=tuple(options.tags),
            group=options.group,
            project=project,
            entity=entity,
            sampler=(study.user_attrs.get(SAMPLER_ATTR) or {}).get("line"),
        )
        self.connection = Connection(project, entity, mode, options.dir, options.init_timeout)
        # The W&B sweep every trial's run joins (tracking/sweep.py), found when the first trial starts
        # (a tracker that only writes the summary run never needs it). WANDB_SWEEP_ID is taken out of
        # this process's environment while the study runs (put back at close): wandb would treat
        # tuneflow's own runs (here and in the writer process, which inherits it) as agent runs and
        # drop their project, entity and run id.
        self._sweep_env = os.environ.pop(SWEEP_ENV, None)
        self._given_sweep = options.sweep_id or self._sweep_env or None
        self._study = study
        self._sweep: tuple[str | None, str | None] | None = None
        self._sweep_said = False
        self._sweep_lock = threading.Lock()
        # Found in the background from now (creating it online takes a second or more: a child
        # process and a round trip), so it overlaps the first trials; the writer waits for it.
        self._sweep_finder = threading.Thread(target=self._find_sweep, name="tuneflow-wandb-sweep", daemon=True)
        self._sweep_finder.start()
        self.writer = RunWriter(self.connection, sweep=lambda: self.sweep_id)
        if options.summary_run and options.plots:
            self.writer.warm()
        agent_style = recipe.train is not None and train_arity(recipe.train) == 0
        #: Trials' runs open in the writer process and receive their rows live (agent-style trains
        #: open their own run on the loop, and a sweep `program` writes its own).
        self.streaming = not agent_style and getattr(recipe, "program", None) is None
        if agent_style:
            self.agent_runner = self._run_agent_style
        self.agent_written: list[Path] = []
        self._open: dict[int, TrialContext] = {}  # started, not yet ended (interrupted if left at close)

    def _find_sweep(self) -> None:
        info, conn = self.study_info, self.connection
        try:
            found = choose_sweep(
                self._study,
                lambda: sweep_config(self.recipe),
                conn.mode,
                info.project,
                info.entity,
                self._given_sweep,
                self.options.init_timeout,
                # W&B did not answer: the study goes offline now, so its runs do not wait again
                unreachable=lambda exc: conn.fall_back(RuntimeError(f"creating the study's sweep: {exc}"), False),
            )
        except Exception as exc:  # the storage failed: the runs are written plain, the study goes on
            found = (None, f"no W&B sweep for study {self._study.study_name!r} ({type(exc).__name__}: {exc})")
        self._sweep = found

    @property
    def plain_runs(self) -> bool:
        """Whether the runs were asked to join no sweep (``sweep_id="none"`` or ``WANDB_SWEEP_ID=none``)."""
        return self._given_sweep == "none"

    @property
    def sweep_id(self) -> str | None:
        """The W&B sweep this study's trial runs join (None: plain runs); its line is said on first use."""
        self._sweep_finder.join()
        assert self._sweep is not None
        with self._sweep_lock:
            if not self._sweep_said:
                self._sweep_said = True
                if self._sweep[1]:
                    say(self._sweep[1])
        return self._sweep[0]

    # -- hooks ---------------------------------------------------------------------------------

    def on_trial_start(self, ctx: TrialContext) -> None:
        self._open[ctx.number] = ctx
        info = self.study_info
        sweep_id = None if self.streaming else self.sweep_id  # the writer gives those runs theirs
        run_id = info.run_id(ctx.number)
        redactor = self.redactor.including(ctx.config)
        slot = TrialRun(
            run_id=run_id,
            name=info.trial_run_name(ctx.number),
            tags=info.trial_tags(),
            group=info.group,
            config=redactor.value(ctx.config),
            connection=self.connection,
            redactor=redactor,
            sweep_id=sweep_id,
        )
        ctx.tracker_slot = slot
        with contextlib.suppress(Exception):  # the storage owns the trial; never fail a trial for this
            ctx.optuna_trial.set_user_attr(RUN_ID_ATTR, run_id)
            ctx.optuna_trial.set_user_attr(RUN_PATH_ATTR, info.run_path(run_id))
        if self.streaming:
            self.writer.open(
                RunSpec(run_id=run_id, name=slot.name, config=slot.config, summary={}, tags=slot.tags, group=slot.group)
            )

    def on_report(self, ctx: TrialContext, step: int, value: float) -> None:
        slot = _slot(ctx)
        if slot is not None and self.streaming:
            self._stream(slot, step, {self.study_info.reported_name: value})

    def on_log(self, ctx: TrialContext, step: int | None, row: dict[str, Any]) -> None:
        slot = _slot(ctx)
        if slot is not None and self.streaming:
            self._stream(slot, step, slot.redactor.value(row))

    def _stream(self, slot: TrialRun, step: int | None, row: dict[str, Any]) -> None:
        """Send one history row to the trial's open run, at the step ``merge_history`` gives it."""
        try:
            if step is None:
                step = slot.next_step
            step = int(step)
            slot.next_step = max(slot.next_step, step + 1)
            self.writer.log(slot.run_id, step, {str(k): v for k, v in row.items()})
        except Exception as exc:  # a tracker never breaks a trial
            self.writer.errors.append(f"{slot.name}: {type(exc).__name__}: {exc}")

    def on_trial_end(self, ctx: TrialContext, frozen: FrozenTrial) -> None:
        # Once per trial: after Ctrl-C with n_jobs > 1, close() ends the trials still open while
        # their threads may still end them too (online, the run would be written twice).
        if self._open.pop(ctx.number, None) is None:
            return
        slot = _slot(ctx)
        try:
            spec = trial_spec(
                self.study_info,
                self.redactor,
                frozen,
                config=ctx.config,
                history=list(ctx.history),
                metrics=ctx.metrics,
                fail_reason=ctx.fail_reason,
                run_id=slot.run_id if slot is not None else None,
            )
        except Exception as exc:  # a tracker never breaks a study
            self.writer.errors.append(f"trial {frozen.number}: {type(exc).__name__}: {exc}")
            if slot is not None and slot.agent_run is not None:
                self._open[ctx.number] = ctx  # its agent-style run is finished at close
            return
        if slot is not None and slot.external:  # a sweep `program` wrote the trial's run itself
            if slot.run_dir is not None:
                self.agent_written.append(slot.run_dir)
            return
        if slot is not None and slot.agent_run is not None:
            self._finish_agent_run(slot, spec)
            return
        self.writer.finish(spec)

    def _run_agent_style(self, train: Any, ctx: TrialContext) -> Any:
        slot = _slot(ctx)
        if slot is None:  # on_trial_start always sets it; a trial it never saw has no run
            raise RuntimeError(f"trial {ctx.number} has no W&B run")
        return run_agent_style(slot, train, [m.name for m in self.study_info.metrics], ctx)

    def _finish_agent_run(self, slot: TrialRun, spec: RunSpec) -> None:
        run, slot.agent_run = slot.agent_run, None
        run_dir, error = finish_agent_run(run, spec, [m.name for m in self.study_info.metrics])
        self.agent_written.append(run_dir)
        if error is not None:
            self.writer.errors.append(error)

    def close(self, study: optuna.Study, interrupted: bool = False) -> None:
        """End the runs of trials cut short, write the summary run, wait (bounded) and report.

        A storage that fails here (the end of a study, e.g. its database gone) costs the summary
        run, not the runs already handed to the writer: they are still waited for and reported.
        """
        for step, what in ((self._end_cut_short, "ending cut-short trials"), (self._summarize, "summary run")):
            try:
                step(study, interrupted)
            except Exception as exc:
                self.writer.errors.append(f"{what}: {type(exc).__name__}: {exc}")
        queued = self.writer.pending
        if queued > 5:
            say(f"writing {queued} W&B runs (waiting at most {self.options.finish_timeout:g} s) ...")
        done = self.writer.close(self.options.finish_timeout)
        if self._sweep_env is not None:  # for the process's next study
            os.environ.setdefault(SWEEP_ENV, self._sweep_env)
        self._report(done)

    def _end_cut_short(self, study: optuna.Study, interrupted: bool) -> None:
        """Write the runs of trials still open (an interruption cut them short): lose none."""
        for ctx in list(self._open.values()):
            try:
                frozen = adapter.storage_of(study).get_trial(adapter.trial_id(ctx.optuna_trial))
            except Exception:
                continue
            if ctx.fail_reason is None and FAIL_REASON_ATTR not in frozen.user_attrs:
                ctx.fail_reason = "interrupted"
            self.on_trial_end(ctx, frozen)
        for ctx in list(self._open.values()):  # the loop stopped inside an agent-style trial it could not read
            slot = _slot(ctx)
            if slot is not None and slot.agent_run is not None:
                self._finish_agent_run(
                    slot, RunSpec(slot.run_id, slot.name, {}, {SUMMARY.STATE: "interrupted"}, exit_code=1)
                )

    def _summarize(self, study: optuna.Study, interrupted: bool) -> None:
        """Queue the study's summary run (built in the writer process, which imported what it needs
        while the trials ran)."""
        trials = study.get_trials(deepcopy=False)
        if not self.options.summary_run or not trials:
            return
        self.writer.summarize(
            Summarize(
                study_name=study.study_name,
                directions=list(study.directions),
                user_attrs=dict(study.user_attrs),
                trials=list(trials),
                info=self.study_info,
                secrets=self.redactor.secrets,
                interrupted=interrupted,
                plots=self.options.plots,
            )
        )

    def _report(self, done: bool) -> None:
        conn = self.connection
        written = len(self.writer.written) + len(self.agent_written)
        where = conn.wandb_dir
        mode = conn.mode
        parts = [f"wrote {written} W&B run{'s' if written != 1 else ''} ({mode}) under {where}"]
        if self.writer.skipped:
            parts.append(f"{self.writer.skipped} already there")
        if not done:
            parts.append(f"{self.writer.pending} still being written after {self.options.finish_timeout:g} s")
        if self.writer.restarts:
            parts.append(f"the writer process died and was restarted {self.writer.restarts} time(s)")
        if self.writer.lost:
            parts.append(f"{self.writer.lost} runs lost")
        if self.writer.errors:
            parts.append(f"{len(self.writer.errors)} failed (first: {self.writer.errors[0]})")
        if self.writer.dropped:
            parts.append(
                f"logged values were left out (wandb refused them, or they cannot reach the writer process: "
                f"not picklable, or of a class it cannot import) {len(self.writer.dropped)} time(s) (first: {self.writer.dropped[0]})"
            )
        if self.writer.lost or self.writer.errors or not done:
            parts.append(
                f"write the missing runs later with `tuneflow backfill-wandb --study-name {self.study_info.name}` "
                "and the study's --storage"
            )
        message = "; ".join(parts)
        if mode == "offline" and written:
            message += f"; upload with `wandb sync {where}/offline-run-*`"
        say(message)


_HINTED: set[str] = set()


def tracker_problems(wandb: Any, recipe: Any, n_jobs: int = 1) -> list[str]:
    """Every reason :func:`make_tracker` would refuse these arguments, so ``tune`` can list them
    with the recipe's other problems before any study exists.

    An agent-style (no-argument) train function cannot run with ``n_jobs > 1``: such functions
    use the process-global ``wandb.run``, so two at once would log into each other's run.
    """
    problems: list[str] = []
    try:
        WandbOptions.parse(wandb)
    except RecipeError as exc:
        problems += exc.problems
    except TuneflowError as exc:
        problems.append(str(exc))
    if recipe.train is not None and train_arity(recipe.train) == 0 and n_jobs != 1:
        problems.append(
            f"train: a wandb.agent-style train function (no arguments, uses wandb.init/wandb.log) "
            f"runs one trial at a time, because wandb.run is global to the process; but n_jobs={n_jobs}. "
            "Use n_jobs=1 with `tuneflow run --workers N` or several `tuneflow worker` processes, "
            "or give train a (config, trial) signature."
        )
    return problems


def make_tracker(wandb: Any, recipe: Any, study: optuna.Study, n_jobs: int = 1) -> Tracker:
    """The tracker for ``tune(..., wandb=...)``: a :class:`NullTracker` when off, else one W&B run per trial.

    Raises :class:`RecipeError` listing :func:`tracker_problems`.
    """
    problems = tracker_problems(wandb, recipe, n_jobs)
    if problems:
        raise RecipeError(recipe.name, problems)
    options = WandbOptions.parse(wandb)
    if options is None:
        return NullTracker()
    mode, why = resolve_mode(options)
    if mode == "disabled":
        return NullTracker()
    tracker = WandbTracker(options, mode, recipe, study)
    if mode == "offline" and why != "WANDB_MODE" and options.mode is None:
        where = str(tracker.connection.wandb_dir)
        if where not in _HINTED:
            _HINTED.add(where)
            say(
                f"{why}: W&B runs are written offline under {where}; "
                f"upload them later with `wandb sync {where}/offline-run-*` (or `wandb login` first)."
            )
    return tracker
