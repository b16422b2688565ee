"""Turn raw benchmark JSON lines into the BENCHMARKS.md tables (medians, IQR, normalized scores).

Normalized score of a method on a task at a budget (:func:`normalized`, the one definition):
``(median best - best known) / (W&B random's median best - best known)``, so 0 is the best known
value and 1 is W&B's ``random`` search's median at that budget. The best known value is exact for
synthetic and tabular tasks; for real fits it is the best value any search of the run reached.
This module renders the earlier ten-task protocol's blocks; :mod:`bench.search.verdict` renders
issue 16's held-out verdict with the same score.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.search.tasks import TASKS

__all__ = ["Results", "load", "normalized", "render", "render_cost", "write_into"]

RANDOM = ("wandb-random",)


def normalized(median: float, best_known: float, random_median: float) -> float:
    """``(median - best known) / (random median - best known)``: 0 = best known, 1 = W&B random's median.

    Where random's median already is the best known value: 0 at the best known value, 1 otherwise.
    """
    span = random_median - best_known
    if span <= 0:
        return 0.0 if median <= best_known else 1.0
    return (median - best_known) / span


class Results:
    """Searches (best-so-far curves) and cost probes loaded from JSON-lines files."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.curves: dict[tuple[str, str], dict[int, np.ndarray]] = defaultdict(dict)
        #: per (task, method) and n, every probe's suggestion times, one list a probe
        self.cost_rounds: dict[tuple[str, str], dict[int, list[list[float]]]] = defaultdict(lambda: defaultdict(list))
        self.env: dict[str, Any] = {}
        self.walls: dict[str, float] = defaultdict(float)
        self.info: dict[tuple[str, str], str] = {}
        self.same_as: dict[tuple[str, str], str] = {}
        self.parallel: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
        for rec in records:
            kind = rec.get("kind")
            if kind == "search":
                self.curves[rec["task"], rec["method"]][rec["seed"]] = np.minimum.accumulate(rec["values"])
                self.walls[rec["method"]] += rec["wall_s"]
                if rec.get("info"):
                    self.info[rec["task"], rec["method"]] = rec["info"]
                if rec.get("same_as"):
                    self.same_as[rec["task"], rec["method"]] = rec["same_as"]
            elif kind == "cost":
                self.cost_rounds[rec["task"], rec["method"]][rec["n"]].append(rec["suggest_s"])
            elif kind == "parallel":
                self.parallel[rec["task"], rec["method"]].append((rec["rate"], rec["checked"]))
            elif kind == "env":
                self.env = rec

    @property
    def costs(self) -> dict[tuple[str, str], dict[int, list[float]]]:
        """Per (task, method) and n, the last probe's suggestion times (the full run's table: one probe a cell)."""
        return {key: {n: probes[-1] for n, probes in by_n.items()} for key, by_n in self.cost_rounds.items()}

    @property
    def tasks(self) -> list[str]:
        seen = {t for t, _ in self.curves}
        return [t for t in TASKS if t in seen]

    def methods(self, order: Sequence[str] = ()) -> list[str]:
        seen = {m for _, m in self.curves}
        return [m for m in order if m in seen] + sorted(seen - set(order))

    def bests(self, task: str, method: str, budget: int) -> np.ndarray:
        curves = self.curves.get((task, method), {})
        return np.array([c[budget - 1] for c in curves.values() if len(c) >= budget])

    def best_known(self, task: str) -> float:
        known = TASKS[task].best
        seen = min(float(c.min()) for (t, _), cs in self.curves.items() if t == task for c in cs.values())
        return seen if known is None else min(known, seen)

    def random_median(self, task: str, budget: int) -> float:
        pooled = np.concatenate([self.bests(task, m, budget) for m in RANDOM])
        return float(np.median(pooled))

    def score(self, task: str, method: str, budget: int) -> float | None:
        b = self.bests(task, method, budget)
        if not len(b):
            return None
        return normalized(float(np.median(b)), self.best_known(task), self.random_median(task, budget))

    def family_score(self, family: str | None, method: str, budget: int) -> float | None:
        scores = [self.score(t, method, budget) for t in self.tasks if family is None or TASKS[t].family == family]
        valid = [s for s in scores if s is not None]
        return float(np.mean(valid)) if valid and len(valid) == len(scores) else None


def load(paths: Iterable[Path]) -> Results:
    records: list[dict[str, Any]] = []
    for path in paths:
        records += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return Results(records)


def _fmt(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _g(x: float) -> str:
    return f"{x:.4g}"


def render(
    res: Results, budgets: Sequence[int], order: Sequence[str], target: str = "auto", rival: str = "wandb-bayes"
) -> str:
    """Markdown tables: aggregate scores, target vs rival verdicts, per-task medians, cost."""
    methods = res.methods(order)
    families = [f for f in ("synthetic", "tabular", "real") if any(TASKS[t].family == f for t in res.tasks)]
    out: list[str] = []
    seeds = sorted({s for cs in res.curves.values() for s in cs})
    out.append(
        f"Seeds per cell: up to {len(seeds)}; tasks: {len(res.tasks)}; "
        f"search wall time per method (s): " + ", ".join(f"{m} {res.walls[m]:.0f}" for m in methods) + ".\n"
    )
    out.append("### Normalized score, mean over tasks (0 = best known, 1 = random search's median; lower is better)\n")
    head = "| method | " + " | ".join(f"{f} @{b}" for f in [*families, "all"] for b in budgets) + " |"
    out += [head, "|" + "---|" * (1 + (len(families) + 1) * len(budgets))]
    for m in methods:
        cells = [_fmt(res.family_score(None if f == "all" else f, m, b)) for f in [*families, "all"] for b in budgets]
        out.append(f"| {m} | " + " | ".join(cells) + " |")
    if target in methods and rival in methods:
        out.append(f"\n### `{target}` against `{rival}` and random, per family (medians' normalized scores)\n")
        out += ["| family | budget | " + f"{target} | {rival} | random | verdict |", "|---|---|---|---|---|---|"]
        for f in [*families, "all"]:
            for b in budgets:
                a, w = (
                    res.family_score(None if f == "all" else f, target, b),
                    res.family_score(None if f == "all" else f, rival, b),
                )
                r = res.family_score(None if f == "all" else f, "random", b)
                if a is None or w is None:
                    verdict = "not measured"
                elif b < 20:
                    verdict = "met (≤ random)" if r is None or a <= r + 1e-9 else "NOT met (worse than random)"
                else:
                    verdict = "met" if a <= w + 1e-9 else f"NOT met: {rival} ahead"
                out.append(f"| {f} | {b} | {_fmt(a)} | {_fmt(w)} | {_fmt(r)} | {verdict} |")
        out.append(f"\n### Tasks where `{rival}`'s median is better than `{target}`'s\n")
        lost = []
        for t in res.tasks:
            for b in budgets:
                mine, theirs = res.bests(t, target, b), res.bests(t, rival, b)
                if len(mine) and len(theirs) and np.median(theirs) < np.median(mine):
                    lost.append(
                        f"- {t} @{b}: {rival} {_g(float(np.median(theirs)))} vs {target} {_g(float(np.median(mine)))}"
                    )
        out += lost or ["- none"]
    out.append("\n### Per task: median best loss (interquartile range) per budget\n")
    for t in res.tasks:
        task = TASKS[t]
        out.append(
            f"**{t}** ({task.family}, {task.dimension} parameters{', ' + task.note if task.note else ''}; "
            f"best known {_g(res.best_known(t))})\n"
        )
        out += [
            "| method | " + " | ".join(f"@{b}" for b in budgets) + " | score @" + str(budgets[-1]) + " |",
            "|---|" + "---|" * (len(budgets) + 1),
        ]
        for m in methods:
            cells = []
            for b in budgets:
                v = res.bests(t, m, b)
                if not len(v):
                    cells.append("–")
                    continue
                q1, med, q3 = np.percentile(v, [25, 50, 75])
                cells.append(f"{_g(med)} ({_g(q1)}–{_g(q3)}) n={len(v)}")
            out.append(f"| {m} | " + " | ".join(cells) + f" | {_fmt(res.score(t, m, budgets[-1]))} |")
        out.append("")
    if res.costs:
        out.append("### Seconds per suggestion after n finished trials (median of the repeats)\n")
        sizes = sorted({n for c in res.costs.values() for n in c})
        out += ["| task | method | " + " | ".join(f"n={n}" for n in sizes) + " |", "|---|---|" + "---|" * len(sizes)]
        for (t, m), by_n in sorted(res.costs.items(), key=lambda kv: (kv[0][0], _pos(order, kv[0][1]))):
            out.append(
                f"| {t} | {m} | "
                + " | ".join(f"{float(np.median(by_n[n])):.4f}" if n in by_n else "–" for n in sizes)
                + " |"
            )
    if res.parallel:
        out.append("\n### Near-duplicates with n_jobs=2 (a trial within 0.02 of a still-running one, unit box)\n")
        out += ["| task | sampler | near-duplicate trials | trials checked |", "|---|---|---|---|"]
        for (t, m), rates in res.parallel.items():
            dups = sum(r * n for r, n in rates)
            total = sum(n for _, n in rates)
            out.append(f"| {t} | {m} | {dups / max(total, 1):.1%} | {total} ({len(rates)} seeds) |")
    if res.info:
        out.append("\n### What `auto` and `bayes` ran per task (at the largest budget)\n")
        out += ["| task | method | choice | same search as |", "|---|---|---|---|"]
        for (t, m), info in sorted(res.info.items(), key=lambda kv: (res.tasks.index(kv[0][0]), kv[0][1])):
            out.append(f"| {t} | {m} | {info} | {res.same_as.get((t, m), '')} |")
    return "\n".join(out) + "\n"


def render_cost(res: Results, target: str = "auto", rival: str = "wandb-bayes") -> str:
    """``target``'s seconds per suggestion beside ``rival``'s, task by task and n by n, with their ratio.

    Each probe (one ``--cost`` run) times a few suggestions after ``n`` finished trials; a cell is the mean
    over every suggestion of every probe (what a study pays per trial, ``auto``'s TPE trials included),
    with the lowest and highest probe's mean beside it, so probes run in turn show the machine's drift.
    """
    out = [
        f"| task | finished trials | `{target}` s | `{rival}` s | ratio |",
        "|---|---|---|---|---|",
    ]
    rounds: set[int] = set()
    for task in sorted({t for t, _ in res.cost_rounds}):
        mine, theirs = res.cost_rounds.get((task, target), {}), res.cost_rounds.get((task, rival), {})
        for n in sorted(set(mine) & set(theirs)):
            rounds |= {len(mine[n]), len(theirs[n])}
            ratio = _mean(mine[n]) / _mean(theirs[n])
            out.append(f"| {task} | {n} | {_spread(mine[n])} | {_spread(theirs[n])} | {ratio:.2f} |")
    out.append(
        f"\nSeconds per suggestion after n finished (random) trials: the mean over every suggestion timed, "
        f"(lowest – highest probe's mean); {', '.join(map(str, sorted(rounds)))} probe(s) a cell; ratio: "
        f"`{target}`'s mean over `{rival}`'s."
    )
    return "\n".join(out) + "\n"


def _mean(probes: list[list[float]]) -> float:
    """The mean over every suggestion of every probe."""
    return float(np.mean([c for p in probes for c in p]))


def _spread(probes: list[list[float]]) -> str:
    """The mean, and (with several probes) the lowest and highest probe's own mean."""
    if len(probes) == 1:
        return f"{_mean(probes):.4f}"
    means = [float(np.mean(p)) for p in probes]
    return f"{_mean(probes):.4f} ({min(means):.4f} – {max(means):.4f})"


def _pos(order: Sequence[str], m: str) -> int:
    return list(order).index(m) if m in order else len(order)


def write_into(doc: Path, text: str, block: str = "search-quality") -> None:
    """Replace the generated block ``block`` of ``doc`` (between its markers) with ``text``."""
    begin, end = f"<!-- {block}:begin (generated by bench/search_quality.py --report) -->", f"<!-- {block}:end -->"
    body = doc.read_text() if doc.exists() else ""
    if begin not in body or end not in body:
        body += f"\n{begin}\n{end}\n"
    head, rest = body.split(begin, 1)
    _, tail = rest.split(end, 1)
    doc.write_text(f"{head}{begin}\n{text}{end}{tail}")
