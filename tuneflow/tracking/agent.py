"""Running train functions written for ``wandb.agent(function=train)`` unchanged.

Such a function takes no arguments, calls ``wandb.init()``, reads ``wandb.config`` and calls
``wandb.log``. Before calling it, tuneflow starts the trial's run as the global ``wandb.run``
(config = the trial's config, in the study's W&B sweep when it has one); while the function
runs, ``wandb.init`` is the trial's: the function's own ``wandb.init(...)`` returns that run, as
its ``wandb.init()`` inside a W&B sweep run returns the sweep's run, so its logs land in the
trial's run. wandb's own ``wandb.init`` would return the active run too, but with a notice on
every trial ("wandb.init() called while a run is active and reinit is set to 'default'"), which
tuneflow's early start caused; a ``config=`` the function passes fills in keys the trial's config
lacks (the trial's values win, as a sweep's do). A function that imported ``init`` by name
(``from wandb import init``) calls wandb's own and sees that notice. ``wandb.finish()`` (or leaving
a ``with wandb.init()`` block) is deferred until the trial has been told to Optuna, so the run's
summary also gets the trial's state. No environment variable is set: wandb reads them once per
process, and changing them after it started makes it warn on every later ``wandb.init``.

The objective is what W&B Sweeps compare: the metric's value in the run summary (the last
logged value unless the function set ``wandb.summary[metric]``). A value the function returns
takes precedence.

Costs: the run is created and finished on the optimization loop (35-40 ms per trial offline in
``bench/wandb_overhead.py``, more online), unlike ``(config, trial)`` functions whose runs are
written in the background.
Because ``wandb.run`` is global to the process, agent-style trials run one at a time:
``n_jobs > 1`` is refused (use ``tuneflow run --workers N`` or ``tuneflow worker`` processes).

Pruning applies as under a W&B sweep with early termination: each ``wandb.log`` (or
``run.log``) row holding the metric is also reported to the trial (an iteration = one logging
of the metric, so W&B's hyperband bands count the same loggings), and when the pruner says stop,
that ``log`` call raises ``optuna.TrialPruned``: the function stops there and the trial is
PRUNED with the values it logged (its run keeps them).
Config values whose key looks secret are redacted in ``wandb.config`` like everywhere in W&B;
pass secrets through the environment.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from unittest.mock import patch

import optuna

from tuneflow.engine.trial import TrialContext
from tuneflow.errors import TrialFailed
from tuneflow.tracking.runs import RunSpec
from tuneflow.tracking.writer import TrialRun, finish_run
from tuneflow.values import as_float, is_number

__all__ = ["finish_agent_run", "run_agent_style"]


def _joining(run: Any) -> Callable[..., Any]:
    """``wandb.init`` while an agent-style trial runs: the trial's run, as a sweep run's
    ``wandb.init()`` is; a ``config`` given fills in keys the trial's config lacks."""

    def init(*args: Any, config: Any = None, **kwargs: Any) -> Any:
        if isinstance(config, Mapping):
            run.config.setdefaults(dict(config))
        return run

    return init


def _not_yet(*args: Any, **kwargs: Any) -> None:
    """The run's ``finish`` while the function runs: :func:`finish_agent_run` finishes it once the
    trial has been told to Optuna."""


def _pruning_log(log: Callable[..., Any], metric: str, trial: TrialContext) -> Callable[..., Any]:
    """``log`` that also reports each logged value of ``metric`` to ``trial`` and raises
    TrialPruned when its pruner says stop."""
    count = 0

    def pruning_log(data: Any = None, *args: Any, **kwargs: Any) -> Any:
        nonlocal count
        out = log(data, *args, **kwargs)
        value = as_float(data.get(metric)) if isinstance(data, Mapping) else None
        if value is not None and math.isfinite(value):
            trial.report(value, count)
            count += 1
            if trial.should_prune():
                raise optuna.TrialPruned(f"pruned after {count} logged values of {metric!r}")
        return out

    return pruning_log


def run_agent_style(
    run: TrialRun,
    train: Callable[[], Any],
    metric_names: list[str],
    trial: TrialContext,
) -> Any:
    """Call a no-argument train function inside the trial's run; return the metrics it logged.

    With one metric, each logged value of it is reported to ``trial`` (step = how many came
    before), so pruners stop such functions too (Optuna prunes single-objective studies only;
    without a metric, nothing), and the trial's pruner decides. The W&B run is left open in ``run.agent_run`` until the
    tracker finishes it with the trial's outcome.
    """
    import wandb

    spec = RunSpec(
        run_id=run.run_id,
        name=run.name,
        config=run.config,
        summary={},
        tags=list(run.tags),
        group=run.group,
        sweep_id=run.sweep_id,
    )
    wandb_run = run.connection.init(spec, global_run=True)
    # the function's wandb.finish() waits for the trial's end (`with wandb.init() as run:` exits through _finish)
    wandb_run.finish = wandb_run._finish = _not_yet
    run.agent_run = wandb_run
    patches: dict[str, Any] = {"init": _joining(wandb_run)}
    if len(metric_names) == 1:
        # Both spellings: ``run.log`` (an instance attribute now) and the module's ``wandb.log``,
        # which wandb bound to the run's method when it started the run.
        wandb_run.log = _pruning_log(wandb_run.log, metric_names[0], trial)
        patches["log"] = wandb_run.log
    with patch.multiple(wandb, **patches):  # the stdlib's set-then-restore of module attributes
        returned = train()
    if returned is not None:
        return returned
    summary = {str(k): v for k, v in dict(wandb_run.summary).items() if not str(k).startswith("_")}
    missing = [n for n in metric_names if n not in summary]
    if missing:
        logged = ", ".join(sorted(summary)) or "nothing"
        raise TrialFailed(
            f"agent-style train logged no {missing[0]!r} (W&B Sweeps read the metric from the run summary; "
            f"it logged: {logged})"
        )
    return {k: v for k, v in summary.items() if is_number(v) and (k in metric_names or math.isfinite(v))}


def finish_agent_run(run: Any, spec: RunSpec, metric_names: list[str]) -> tuple[Path, str | None]:
    """Add the trial's outcome to an agent-style run and finish it (synchronously).

    Returns the run's directory and the error met while updating it (None when all went well).
    """
    for name in ("finish", "_finish", "log"):
        with contextlib.suppress(AttributeError):
            delattr(run, name)
    error = None
    try:
        logged = set(run.summary.keys()) & set(metric_names)  # the run's own summary value is the W&B truth
        run.summary.update({k: v for k, v in spec.summary.items() if k not in logged})
        run.tags = tuple(spec.tags)
    except Exception as exc:  # broad: any wandb failure is reported, and the run is still finished
        error = f"{spec.name}: {type(exc).__name__}: {exc}"
    finally:
        run_dir = finish_run(run, spec.exit_code)
    return run_dir, error
