"""The verdict of issue 16's protocol, from the raw JSON lines: per task, per family, aggregate, worst task.

For one half of the split (the held-out half is the verdict; the design half is where rules are
chosen) and each tuneflow method (``auto`` = full install, ``auto-plain`` = plain install, or a
candidate), against W&B's ``bayes``:

* a *cell* is (task, budget); its normalized scores are :func:`bench.search.report.normalized`
  of both medians; it *counts* when tuneflow's score is at most W&B's + :data:`TIE` (a tie counts);
* the family score is the mean over its tasks, the aggregate the mean over families;
* the worst task is the largest score gap (tuneflow - W&B) at each budget;
* at 50 trials and more, a task is *behind beyond the IQR* when tuneflow's median loss exceeds
  W&B's by more than W&B's interquartile range;
* the *twin share* is what the cell rule gives a method exactly as good as W&B's ``bayes``: W&B's
  own searches, their seeds dealt into two halves at random, one half's median against the
  other's (:meth:`Verdict.twin_share`). It is the share that chance alone earns, and it says how
  far the 90 % target is above it;
* the *paired count* compares searches, not medians: each (task, seed) at a budget, tuneflow's best
  against W&B's best with the same seed number, counted better / worse / equal, with the two-sided
  sign test's p-value (ties left out). The cell rule cannot tell a better method from an equal
  one (an equal one earns the twin share); this count can, once there are enough pairs;
* the *resampled share* is the cell rule's share with tuneflow's seeds of every cell drawn again with replacement
  (W&B's medians as they are), its 5th and 95th percentiles over the draws: how far another 10 seeds of the same
  rule could move the share (:func:`resampled_share`).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.search.report import normalized
from bench.search.tasks import TASKS

__all__ = ["CELL_TARGET", "TIE", "Verdict", "load_verdict", "render_pooled", "resampled_share", "sign_test"]

TIE = 0.01
CELL_TARGET = 0.9
RIVAL, RANDOM = "wandb-bayes", "wandb-random"
FAMILIES = ("synthetic", "tabular", "real")


class Verdict:
    """Best losses per (task, method, budget) from protocol records: {seed: best within the budget}."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.best: dict[tuple[str, str, int], dict[int, float]] = defaultdict(dict)
        self.seen: dict[str, float] = {}
        self.choice: dict[tuple[str, str, int], str] = {}
        self.wall: dict[str, float] = defaultdict(float)
        self._wandb: list[dict[str, Any]] = []
        # best-so-far curves, for the paired count by trial: tuneflow's per (task, method, budget), W&B's per task
        self.curves: dict[tuple[str, str, int], dict[int, np.ndarray]] = defaultdict(dict)
        for rec in records:
            if rec.get("kind") != "search" or "budget" not in rec:
                continue
            task, method, values = rec["task"], rec["method"], rec["values"]
            self.seen[task] = min(self.seen.get(task, np.inf), float(np.min(values)))
            self.wall[method] += rec.get("wall_s", 0.0)
            self.curves[task, method, rec["budget"]][rec["seed"]] = np.minimum.accumulate(values)
            if method.startswith("wandb-"):
                self._wandb.append(rec)
            else:
                self.best[task, method, rec["budget"]][rec["seed"]] = float(np.min(values))
                if rec.get("choice"):
                    self.choice[task, method, rec["budget"]] = rec["choice"]
        self.budgets = sorted({b for _, _, b in self.best})
        for rec in self._wandb:  # one long search, read at every budget through its best-so-far curve
            curve = np.minimum.accumulate(rec["values"])
            for b in self.budgets:
                if len(curve) >= b:
                    self.best[rec["task"], rec["method"], b][rec["seed"]] = float(curve[b - 1])

    def tasks(self, names: Sequence[str] | None = None) -> list[str]:
        have = {t for t, _, _ in self.best}
        return [t for t in TASKS if t in have and (names is None or t in names)]

    def methods(self) -> list[str]:
        return sorted({m for _, m, _ in self.best if not m.startswith("wandb-")})

    def bests(self, task: str, method: str, budget: int) -> np.ndarray:
        return np.array(list(self.best.get((task, method, budget), {}).values()))

    def best_known(self, task: str) -> float:
        known = TASKS[task].best
        return self.seen[task] if known is None else min(known, self.seen[task])

    def score(self, task: str, method: str, budget: int) -> float | None:
        mine, rand = self.bests(task, method, budget), self.bests(task, RANDOM, budget)
        if not len(mine) or not len(rand):
            return None
        return normalized(float(np.median(mine)), self.best_known(task), float(np.median(rand)))

    def family_score(self, tasks: Sequence[str], family: str | None, method: str, budget: int) -> float | None:
        """Mean over the family's tasks; ``family=None``: the aggregate, mean over families."""
        if family is None:
            fams = [self.family_score(tasks, f, method, budget) for f in FAMILIES if _of(tasks, f)]
            return None if not fams or any(f is None for f in fams) else float(np.mean(fams))  # type: ignore[arg-type]
        scores = [self.score(t, method, budget) for t in _of(tasks, family)]
        return None if not scores or any(s is None for s in scores) else float(np.mean(scores))  # type: ignore[arg-type]

    def twin_share(self, tasks: Sequence[str], splits: int = 20) -> tuple[float, float, float, int] | None:
        """W&B's ``bayes`` against itself: (mean, min, max share of cells no worse, seeds per side) over ``splits``.

        Each split deals the seeds of every task into two halves at random (seeded: the same figures
        every time); one half plays tuneflow's side, the other W&B's, both normalized by the same
        random median. None when there are fewer than 4 seeds.
        """
        names = self.tasks(tasks)
        seeds = sorted({s for t in names for b in self.budgets for s in self.best.get((t, RIVAL, b), {})})
        if len(seeds) < 4:
            return None
        shares = []
        for k in range(splits):
            order = random.Random(k).sample(seeds, len(seeds))
            sides = (set(order[: len(order) // 2]), set(order[len(order) // 2 :]))
            won = cells = 0
            for t in names:
                for b in self.budgets:
                    theirs, rand = self.best.get((t, RIVAL, b), {}), self.bests(t, RANDOM, b)
                    halves = [[v for s, v in theirs.items() if s in side] for side in sides]
                    if not len(rand) or not all(halves):
                        continue
                    known, rmed = self.best_known(t), float(np.median(rand))
                    a, w = (normalized(float(np.median(h)), known, rmed) for h in halves)
                    cells += 1
                    won += a <= w + TIE
            shares.append(won / cells if cells else 0.0)
        return float(np.mean(shares)), min(shares), max(shares), len(seeds) // 2

    def paired(
        self, tasks: Sequence[str], method: str, budget: int, at: int | None = None, against: str = RIVAL
    ) -> tuple[int, int, int]:
        """(better, worse, equal): ``method``'s best against W&B's ``bayes`` (or ``against``), same task and seed.

        The best of ``method``'s ``budget``-trial searches within their first ``at`` trials (default:
        all of them), against W&B's best within as many trials.
        """
        counts = [0, 0, 0]
        for t in self.tasks(tasks):
            if at is None:
                mine, theirs = self.best.get((t, method, budget), {}), self.best.get((t, against, budget), {})
            else:
                mine, theirs = (self._at(t, m, b, at) for m, b in ((method, budget), (against, None)))
            for seed in mine.keys() & theirs.keys():
                a, w = mine[seed], theirs[seed]
                counts[2 if math.isclose(a, w, rel_tol=1e-12, abs_tol=1e-12) else 0 if a < w else 1] += 1
        return counts[0], counts[1], counts[2]

    def _at(self, task: str, method: str, budget: int | None, at: int) -> dict[int, float]:
        """{seed: best within ``at`` trials} of ``method``'s searches of ``budget`` trials (None: the longest)."""
        budgets = [b for t, m, b in self.curves if t == task and m == method]
        if budget is None and budgets:
            budget = max(budgets)
        runs = self.curves.get((task, method, budget), {}) if budget is not None else {}
        return {seed: float(curve[at - 1]) for seed, curve in runs.items() if len(curve) >= at}

    def cells(self, tasks: Sequence[str], method: str) -> tuple[int, int]:
        """(cells no worse than W&B's ``bayes``, cells): every (task, budget) both were scored at."""
        won = cells = 0
        for t in self.tasks(tasks):
            for b in self.budgets:
                a, w = self.score(t, method, b), self.score(t, RIVAL, b)
                if a is not None and w is not None:
                    cells += 1
                    won += a <= w + TIE
        return won, cells

    def ahead(self, tasks: Sequence[str], method: str, budget: int) -> bool:
        """Whether every family's mean score (and so the aggregate) is no worse than W&B's at ``budget``."""
        tasks = self.tasks(tasks)
        fams = [
            (self.family_score(tasks, f, method, budget), self.family_score(tasks, f, RIVAL, budget))
            for f in FAMILIES
            if _of(tasks, f)
        ]
        return bool(fams) and all(a is not None and w is not None and a <= w for a, w in fams)

    def ran_at(self, tasks: Sequence[str], method: str) -> list[int]:
        """The budgets at which ``method`` has a score on some of ``tasks``."""
        return [b for b in self.budgets if any(self.score(t, method, b) is not None for t in self.tasks(tasks))]

    def render(self, tasks: Sequence[str], method: str, title: str) -> str:
        """Markdown: target checks, per-family and aggregate scores, worst tasks, per-task cells."""
        tasks = self.tasks(tasks)
        budgets = self.ran_at(tasks, method)
        out = [f"#### {title}: `{method}` against W&B's `bayes`\n"]
        n_seeds = sorted({len(self.bests(t, m, b)) for t in tasks for m in (method, RIVAL) for b in budgets})
        out.append(
            f"{len(tasks)} tasks, seeds per cell {n_seeds[0] if n_seeds else 0}-{n_seeds[-1] if n_seeds else 0}, "
            f"budgets {', '.join(map(str, budgets))}.\n"
        )
        won, cells = self.cells(tasks, method)
        behind_iqr = []
        gaps: dict[int, list[tuple[float, str]]] = defaultdict(list)
        rows = []
        for t in tasks:
            row = [t]
            for b in budgets:
                a, w = self.score(t, method, b), self.score(t, RIVAL, b)
                if a is None or w is None:
                    row.append("–")
                    continue
                ok = a <= w + TIE
                gaps[b].append((a - w, t))
                row.append(f"{a:.2f} / {w:.2f}{'' if ok else ' **✗**'}")
                if b >= 50:
                    theirs = self.bests(t, RIVAL, b)
                    q1, q3 = np.percentile(theirs, [25, 75])
                    mine = float(np.median(self.bests(t, method, b)))
                    if mine - float(np.median(theirs)) > q3 - q1:
                        behind_iqr.append(f"{t} @{b}: {mine:.4g} vs {float(np.median(theirs)):.4g} (IQR {q3 - q1:.3g})")
            rows.append("| " + " | ".join(row) + " |")
        share = won / cells if cells else 0.0
        out.append(
            f"- cells no worse than W&B (tie < {TIE}): **{won} of {cells} ({share:.0%})**, target "
            f"{CELL_TARGET:.0%}: {'met' if cells and share >= CELL_TARGET else 'NOT met'}"
        )
        agg = [f"@{b} {'ahead' if self.ahead(tasks, method, b) else 'NOT ahead'}" for b in budgets]
        out.append("- aggregate and every family ahead: " + ", ".join(agg))
        twin = self.twin_share(tasks)
        if twin is not None:
            out.append(
                f"- for scale, W&B's `bayes` against itself ({twin[3]} seeds a side, 20 random splits): "
                f"{twin[0]:.0%} of cells no worse (range {twin[1]:.0%}-{twin[2]:.0%}): what an equally good method "
                "gets by chance"
            )
        out.append(
            "- paired searches (task, seed), better / worse / equal, two-sided sign test: "
            + self._paired_line(tasks, method)
        )
        out.append(
            "- behind at 50+ trials by more than W&B's IQR: " + ("; ".join(behind_iqr) if behind_iqr else "none")
        )
        out.append(
            "- worst task per budget (score gap): "
            + ", ".join(f"@{b} {max(g)[1]} (+{max(g)[0]:.2f})" for b, g in sorted(gaps.items()) if g)
            + "\n"
        )
        out += [
            "| family | " + " | ".join(f"@{b} {method} / W&B" for b in budgets) + " |",
            "|---|" + "---|" * len(budgets),
        ]
        for f in (*FAMILIES, None):
            if f is not None and not _of(tasks, f):
                continue
            cells_f = []
            for b in budgets:
                a, w = self.family_score(tasks, f, method, b), self.family_score(tasks, f, RIVAL, b)
                cells_f.append("–" if a is None or w is None else f"{a:.2f} / {w:.2f}")
            out.append(f"| {f or 'aggregate'} | " + " | ".join(cells_f) + " |")
        out += [
            "",
            f"Per task, normalized score `{method} / W&B` (✗: W&B better by more than the tie):\n",
            "| task | " + " | ".join(f"@{b}" for b in budgets) + " |",
            "|---|" + "---|" * len(budgets),
            *rows,
        ]
        return "\n".join(out) + "\n"

    def _paired_line(self, tasks: Sequence[str], method: str) -> str:
        parts = []
        for b in self.budgets:
            better, worse, equal = self.paired(tasks, method, b)
            if better + worse + equal:
                parts.append(f"@{b} {better} / {worse} / {equal} (p = {sign_test(better, worse):.2g})")
        return ", ".join(parts) if parts else "no pairs"

    def summary(self, tasks: Sequence[str], methods: Sequence[str]) -> str:
        """One row per method: cells no worse than W&B, and family / aggregate scores per budget."""
        tasks = self.tasks(tasks)
        fams = [f for f in FAMILIES if _of(tasks, f)]
        cols = [(f, b) for f in [*fams, None] for b in self.budgets]
        out = [
            f"{len(tasks)} tasks; normalized score (0 = best known, 1 = W&B random), mean over tasks per family, "
            "aggregate = mean over families.\n",
            "| method | cells ≥ W&B | " + " | ".join(f"{f or 'aggregate'} @{b}" for f, b in cols) + " |",
            "|---|---|" + "---|" * len(cols),
        ]
        for m in [RIVAL, *methods]:
            won, cells = self.cells(tasks, m) if m != RIVAL else (0, 0)
            scores = [self.family_score(tasks, f, m, b) for f, b in cols]
            out.append(
                f"| {m} | {f'{won}/{cells}' if cells else '–'} | "
                + " | ".join("–" if x is None else f"{x:.2f}" for x in scores)
                + " |"
            )
        return "\n".join(out) + "\n"


def sign_test(better: int, worse: int) -> float:
    """Two-sided exact sign test: the chance of a split at least this uneven if both were equally likely."""
    n, k = better + worse, min(better, worse)
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(k + 1))
    return min(1.0, 2 * tail / 2**n)


def render_pooled(
    halves: Sequence[tuple[str, Verdict, Sequence[str]]], rules: Sequence[str], against: str = RIVAL
) -> str:
    """Markdown: the paired counts of several halves summed, per budget and, for the longest searches, per trial.

    ``halves``: (name, verdict, its tasks). A rule is summed over the halves that ran it. ``against``:
    the rival (W&B's ``bayes``, or another rule: a head-to-head count of two rules).
    """
    rival = "W&B's `bayes`" if against == RIVAL else f"`{against}`"

    def cell(counts: Sequence[tuple[int, int, int]]) -> str:
        better, worse = sum(c[0] for c in counts), sum(c[1] for c in counts)
        share = f"{better / (better + worse):.0%}" if better + worse else "–"
        return f"{better} / {worse} ({share}, p = {sign_test(better, worse):.2g})"

    out = []
    for rule in rules:
        ran = [(name, v, tasks) for name, v, tasks in halves if rule in v.methods()]
        if not ran:
            continue
        budgets = sorted({b for _, v, _ in ran for b in v.budgets})
        longest = budgets[-1]
        trials = [t for t in (1, 3, 5, 10, 15, 20, 50, 100, 150, 200, 300) if t <= longest]
        out += [
            f"`{rule}` against {rival}, better / worse (share, two-sided sign test), summed over "
            f"{', '.join(name for name, _, _ in ran)}:\n",
            "| searches | " + " | ".join(f"@{b}" for b in budgets) + " |",
            "|---|" + "---|" * len(budgets),
            "| of that budget | "
            + " | ".join(cell([v.paired(tasks, rule, b, against=against) for _, v, tasks in ran]) for b in budgets)
            + " |",
            "",
            f"| {longest}-trial searches read at trial | " + " | ".join(str(t) for t in trials) + " |",
            "|---|" + "---|" * len(trials),
            "| best so far | "
            + " | ".join(
                cell([v.paired(tasks, rule, longest, at=t, against=against) for _, v, tasks in ran]) for t in trials
            )
            + " |",
            "",
        ]
    return "\n".join(out) or "no results for these rules\n"


def resampled_share(
    halves: Sequence[tuple[Verdict, Sequence[str]]], method: str, draws: int = 500, seed: int = 0
) -> tuple[float, float, float, float, int, int]:
    """(observed share, 5th, 50th and 95th percentile, draws at :data:`CELL_TARGET` or more, cells) of the cells no
    worse than W&B's ``bayes``, pooled over ``halves`` ((verdict, its tasks)), with ``method``'s seeds of every cell
    drawn again with replacement ``draws`` times.

    W&B's medians and the random median that normalizes both stay as observed, so the spread is the rule's own seed
    noise: whether a target the observed share misses is within another draw of 10 seeds.
    """
    cells = []  # (method's bests, W&B's normalized score, best known, random median) per (task, budget)
    for v, tasks in halves:
        for t in v.tasks(tasks):
            for b in v.budgets:
                mine, rand, theirs = v.bests(t, method, b), v.bests(t, RANDOM, b), v.score(t, RIVAL, b)
                if len(mine) and len(rand) and theirs is not None:
                    cells.append((mine, theirs, v.best_known(t), float(np.median(rand))))
    if not cells:
        return math.nan, math.nan, math.nan, math.nan, 0, 0

    def share(rng: np.random.Generator | None) -> float:
        won = 0
        for mine, theirs, known, rmed in cells:
            drawn = mine if rng is None else mine[rng.integers(len(mine), size=len(mine))]
            won += normalized(float(np.median(drawn)), known, rmed) <= theirs + TIE
        return won / len(cells)

    rng = np.random.default_rng(seed)
    shares = np.array([share(rng) for _ in range(draws)])
    low, mid, high = (float(q) for q in np.quantile(shares, (0.05, 0.5, 0.95)))
    return share(None), low, mid, high, int(np.sum(shares >= CELL_TARGET)), len(cells)


def _of(tasks: Sequence[str], family: str) -> list[str]:
    return [t for t in tasks if TASKS[t].family == family]


def load_verdict(paths: Iterable[Path], seeds: int | None = None) -> Verdict:
    """The verdict of the records in ``paths``; with ``seeds``, only seeds below it (the same seeds on both sides)."""
    from bench.search.protocol import read_lines

    records = [rec for path in paths for rec in read_lines(path)]
    return Verdict([r for r in records if seeds is None or r.get("seed", 0) < seeds])
