"""Running train functions written for ``wandb.agent(function=train)`` unchanged.

Such a function takes no arguments, calls ``wandb.init()``, reads ``wandb.config`` and calls
``wandb.log``. Before calling it, tuneflow starts the trial's run as the global ``wandb.run``
(config = the trial's config); the function's own ``wandb.init()`` then returns that run, as
it does inside a W&B sweep (W&B's default ``reinit`` returns the active run), so its logs land
in the trial's run. ``wandb.finish()`` (or leaving a ``with wandb.init()`` block) is deferred
until the trial has been told to Optuna, so the run's summary also gets the trial's state.

The objective is what W&B Sweeps compare: the metric's value in the run summary (the last
logged value unless the function set ``wandb.summary[metric]``). A value the function returns
takes precedence.

Costs: the run is created and finished on the optimization loop (~50 ms per trial offline,
more online), unlike ``(config, trial)`` functions whose runs are written in the background.
Because ``wandb.run`` is global to the process, agent-style trials run one at a time:
``n_jobs > 1`` is refused (use several ``tuneflow worker`` processes). Pruning does not apply
(W&B's early termination stops agent runs from outside; use ``trial.report`` for pruning).
Config values whose key looks secret are redacted in ``wandb.config`` like everywhere in W&B;
pass secrets through the environment.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuneflow.engine.trial import TrialContext
from tuneflow.errors import TrialFailed
from tuneflow.tracking.writer import RunSpec

if TYPE_CHECKING:
    from tuneflow.tracking.tracker import WandbTracker

__all__ = ["finish_agent_run", "run_agent_style"]


@contextlib.contextmanager
def _environ(values: dict[str, str | None]) -> Iterator[None]:
    """Set environment variables for the duration (the function's ``wandb.init`` reads them)."""
    old = {k: os.environ.get(k) for k in values}
    try:
        _set_environ(values)
        yield
    finally:
        _set_environ(old)


def _set_environ(values: dict[str, str | None]) -> None:
    """Set each variable, or unset it where the value is None."""
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def _deferred(calls: list[Any]) -> Callable[..., None]:
    def finish(*args: Any, **kwargs: Any) -> None:
        calls.append((args, kwargs))

    return finish


def run_agent_style(tracker: WandbTracker, train: Callable[[], Any], ctx: TrialContext) -> Any:
    """Call a no-argument train function inside the trial's run; return the metrics it logged."""
    info = tracker.study_info
    conn = tracker.connection
    run_id = ctx.extra.get("wandb_run_id") or tracker.run_id(ctx.number)
    spec = RunSpec(
        run_id=run_id,
        name=f"{info.name}-{ctx.number}",
        config=tracker.redactor.value(ctx.config),
        summary={},
        tags=[info.name, info.method, *info.tags],
        group=info.group,
    )
    env = {
        "WANDB_MODE": conn.mode,
        "WANDB_PROJECT": conn.project,
        "WANDB_ENTITY": conn.entity,
        "WANDB_RUN_ID": run_id,
        "WANDB_DIR": conn.directory,
    }
    with _environ(env):
        run = conn.init(spec, global_run=True)
        calls: list[Any] = []
        run.finish = _deferred(calls)  # the function's wandb.finish() waits for the trial's end
        run._finish = _deferred(calls)  # `with wandb.init() as run:` exits through _finish
        ctx.extra["wandb_agent_run"] = run
        tracker.last_agent_run = run
        returned = train()
    if returned is not None:
        return returned
    summary = {str(k): v for k, v in dict(run.summary).items() if not str(k).startswith("_")}
    names = [m.name for m in info.metrics]
    missing = [n for n in names if n not in summary]
    if missing:
        logged = ", ".join(sorted(summary)) or "nothing"
        raise TrialFailed(
            f"agent-style train logged no {missing[0]!r} (W&B Sweeps read the metric from the run summary; "
            f"it logged: {logged})"
        )
    return {
        k: v
        for k, v in summary.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool) and (k in names or math.isfinite(v))
    }


def finish_agent_run(tracker: WandbTracker, run: Any, spec: RunSpec) -> None:
    """Add the trial's outcome to an agent-style run and finish it (synchronously)."""
    for name in ("finish", "_finish"):
        with contextlib.suppress(AttributeError):
            delattr(run, name)
    try:
        summary = dict(spec.summary)
        logged = set(run.summary.keys())
        for m in tracker.study_info.metrics:  # the run's own summary value is the W&B truth
            if m.name in logged:
                summary.pop(m.name, None)
        run.summary.update(summary)
        run.tags = tuple(spec.tags)
    except Exception as exc:
        tracker.writer.errors.append(f"{spec.name}: {type(exc).__name__}: {exc}")
    finally:
        run_dir = Path(run.dir).parent
        run.finish(exit_code=spec.exit_code)
        tracker.agent_written.append(run_dir)
        if getattr(tracker, "last_agent_run", None) is run:
            tracker.last_agent_run = None
