"""Finished W&B runs -> completed trials of a study (``tuneflow import-runs``).

Runs of an earlier W&B Sweep (or of tuneflow itself) become COMPLETE trials with the recipe's
distributions, so Optuna's plots cover them and model-based samplers warm-start from them.
Two sources:

- a W&B directory of run directories (offline or synced runs, each with its ``.wandb`` log),
  read with W&B's own reader (``wandb leet inspect --summary --json``): config and summary;
- a CSV export of the W&B run table (config and summary columns side by side, nested config
  keys as dotted names, an optional ``State`` column).

A run is skipped, with its reason counted, when it did not finish, lacks the metric or a
parameter, has a value outside the recipe's space, or was imported already (same run id).
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import optuna

from tuneflow.engine.trial import UNRANKED_VALUE
from tuneflow.errors import TuneflowError
from tuneflow.keys import IMPORTED_ATTR, RUN_ID_ATTR, SUMMARY
from tuneflow.search.recipe import Recipe
from tuneflow.search.space import flatten
from tuneflow.tracking.reader import READ_ERRORS, read_run, run_dirs
from tuneflow.values import is_finite_number

__all__ = ["ImportReport", "import_runs", "read_source"]


@dataclass
class ImportReport:
    """What ``import_runs`` did: trials added and runs skipped with their reasons."""

    study: optuna.Study
    added: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def reasons(self) -> Counter[str]:
        """How many runs were skipped for each kind of reason."""
        return Counter(reason.split(":")[0] for _, reason in self.skipped)

    def lines(self) -> list[str]:
        out = [f"imported {self.added} run{'s' if self.added != 1 else ''} into study {self.study.study_name!r}"]
        if self.skipped:
            counts = ", ".join(f"{n} {reason}" for reason, n in self.reasons().most_common())
            out.append(f"skipped {len(self.skipped)} ({counts}):")
            out += [f"  {run}: {reason}" for run, reason in self.skipped]
        return out


@dataclass
class _Run:
    name: str
    state: str
    config: dict[str, Any]  # flat, dotted names
    summary: dict[str, Any]
    run_id: str | None = None


def _parse_cell(text: str) -> Any:
    """A CSV cell as the value W&B exported (number, bool, JSON list/dict, or the string)."""
    if text == "":
        return None
    if text in ("true", "True", "false", "False"):
        return text.lower() == "true"
    for parse in (int, float, json.loads) if text[:1] in "[{" else (int, float):
        with contextlib.suppress(ValueError):
            return parse(text)
    return text


def read_source(source: str | Path) -> Iterator[_Run]:
    """Runs of a W&B directory or a run-table CSV export."""
    path = Path(source)
    if path.is_file() and path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                cells = {k: _parse_cell(v or "") for k, v in row.items() if k is not None}
                values = {k: v for k, v in cells.items() if v is not None}  # blank = not logged
                name = str(values.get("Name") or values.get("ID") or f"row {i + 2}")
                state = str(values.get("State") or "finished").lower()
                yield _Run(name, state, values, values, run_id=str(values["ID"]) if values.get("ID") else None)
        return
    if not path.is_dir():
        raise TuneflowError(f"import-runs: {str(path)!r} is neither a W&B directory nor a .csv export")
    dirs = run_dirs(path) or ([path] if any(path.glob("run-*.wandb")) else [])
    if not dirs:
        raise TuneflowError(f"import-runs: no W&B run directories (with a run-*.wandb log) under {str(path)!r}")
    for run_dir in dirs:
        try:
            data = read_run(run_dir)
        except READ_ERRORS as exc:
            yield _Run(run_dir.name, f"unreadable ({exc})", {}, {})
            continue
        config = {k: v for k, v in (data.get("config") or {}).items() if k != "_wandb"}
        state = str(data.get("state") or "")
        if data.get("exit_code") not in (None, 0):
            state = "failed"
        yield _Run(run_dir.name, state, flatten(config), data.get("summary") or {}, run_id=data.get("run_id"))


def import_runs(source: str | Path, recipe: Recipe, storage: Any = None, study_name: str | None = None) -> ImportReport:
    """Add the finished runs of ``source`` to the recipe's study as COMPLETE trials."""
    from tuneflow.engine.study import create_study

    space = recipe.search_space
    if space is None:
        raise TuneflowError(
            f"import-runs: recipe {recipe.name!r} has a define-by-run space; importing needs a `parameters` block"
        )
    runs = list(read_source(source))
    study = create_study(recipe, storage, study_name)
    report = ImportReport(study)
    dists = space.distributions(grid=recipe.method == "grid")
    names = [m.name for m in recipe.metrics]
    seen = {t.user_attrs.get(RUN_ID_ATTR) for t in study.get_trials(deepcopy=False)} - {None}
    for run in runs:
        if run.run_id and run.run_id in seen:
            report.skipped.append((run.name, "already imported: a trial holds this run id"))
            continue
        if run.state not in ("finished", "complete", "completed"):
            report.skipped.append((run.name, f"not finished: state {run.state!r}"))
            continue
        if SUMMARY.N_TRIALS in run.summary:
            report.skipped.append((run.name, "summary run: a tuneflow study summary, not a trial"))
            continue
        if run.summary.get(SUMMARY.STATE) not in (None, "complete"):
            report.skipped.append((run.name, f"not finished: tuneflow state {run.summary.get('tuneflow/state')!r}"))
            continue
        problems = [
            f"no metric: summary has no finite {n!r}" for n in names if not is_finite_number(run.summary.get(n))
        ]
        params: dict[str, Any] = {}
        for p in space.params:
            if p.kind == "constant":
                continue
            if p.name not in run.config:
                problems.append(f"missing parameter: config has no {p.name!r}")
                continue
            try:
                params[p.name] = p.stored(run.config[p.name], dists[p.name])
            except ValueError as exc:
                problems.append(f"outside the space: parameters.{p.name} = {exc}")
        if problems:
            report.skipped.append((run.name, "; ".join(problems)))
            continue
        # A recipe without a metric: the trial completes unranked, as in tune().
        values = [float(run.summary[n]) for n in names] or [UNRANKED_VALUE]
        attrs = {IMPORTED_ATTR: str(source), **({RUN_ID_ATTR: run.run_id} if run.run_id else {})}
        distributions = {name: dists[name] for name in params}
        study.add_trial(
            optuna.trial.create_trial(params=params, distributions=distributions, values=values, user_attrs=attrs)
        )
        report.added += 1
        if run.run_id:  # a source may hold a run twice (a resumed run leaves a directory per attempt)
            seen.add(run.run_id)
    return report
