"""What one ``trial.log`` row costs the optimization loop, W&B on vs off.

1,000 rows of 10 numbers (and 1,000 mixed rows: 7 numbers, a text, a list, an int), logged into
one open trial; best of 5 passes, in microseconds per row, with ``Redactor.value`` alone beside
(W&B on redacts every row on the loop before it is queued for the writer process).

    python bench/trial_log_cost.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from typing import Any

import optuna

import tuneflow
from tuneflow.engine.study import create_study
from tuneflow.engine.trial import NullTracker, Tracker, TrialContext
from tuneflow.redact import Redactor
from tuneflow.tracking.tracker import make_tracker

PASSES = 5


def _rows(mixed: bool) -> list[dict[str, Any]]:
    if mixed:
        return [
            {**{f"metric_{k}": 0.1 * i + k for k in range(7)}, "phase": "train", "lr_sched": [0.1, 0.01], "epoch": i}
            for i in range(1000)
        ]
    return [{f"metric_{k}": 0.1 * i + k for k in range(10)} for i in range(1000)]


def _per_row(tracker: Tracker, study: optuna.Study, rows: list[dict[str, Any]]) -> tuple[float, float]:
    trial = study.ask()
    ctx = TrialContext(trial, {"x": 1}, tracker)
    tracker.on_trial_start(ctx)
    times = []
    for p in range(PASSES):
        start = time.perf_counter()
        for i, row in enumerate(rows):
            ctx.log(row, step=p * len(rows) + i)
        times.append((time.perf_counter() - start) / len(rows) * 1e6)
    study.tell(trial, 0.0)
    tracker.on_trial_end(ctx, study.trials[-1])
    return min(times), statistics.median(times)


def main() -> None:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    recipe = tuneflow.Recipe(
        name="trial-log-cost",
        train=lambda config: 0.0,
        parameters={"x": {"values": [1, 2]}},
        method="grid",
        metric={"name": "loss", "goal": "minimize"},
    )
    for mixed in (False, True):
        rows = _rows(mixed)
        study = create_study(recipe, "memory")
        off = _per_row(NullTracker(), study, rows)
        with tempfile.TemporaryDirectory() as where:
            tracker = make_tracker({"summary_run": False, "mode": "offline", "dir": where}, recipe, study)
            on = _per_row(tracker, study, rows)
            tracker.close(study)
        redactor = Redactor(("a-storage-password",))
        start = time.perf_counter()
        for _ in range(PASSES):
            for row in rows:
                redactor.value(row)
        alone = (time.perf_counter() - start) / (PASSES * len(rows)) * 1e6
        kind = "mixed rows" if mixed else "10 numbers"
        print(
            f"{kind}: trial.log W&B off {off[0]:.2f} us/row (median {off[1]:.2f}), "
            f"on {on[0]:.2f} (median {on[1]:.2f}); Redactor.value alone {alone:.2f}"
        )


if __name__ == "__main__":
    main()
