"""Where issue 16 stands: every verdict read on a half no rule was chosen on, one row each.

Each verdict block of BENCHMARKS.md judges one rule on one half; this table puts their headline
figures side by side (cells no worse than W&B's ``bayes``, what W&B's ``bayes`` earns against
itself on the same tasks, the paired count of searches per budget, where the aggregate is ahead),
computed from the same result files by the same :class:`bench.search.verdict.Verdict`, so a
reader can see which rules were judged where without reading every block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.search import split
from bench.search.verdict import Verdict, load_verdict, sign_test

__all__ = ["READINGS", "Reading", "render_standing"]

TODAY_FULL = "the full-install rules before fresh-torch"
BEFORE_ENDGAME = "the one rule before the endgame (both installs since fresh-torch)"
BEFORE_ARD = "the one rule with the endgame, before one length scale per parameter"
BEFORE_LOCAL = "the plain-install rule before candidates near the best"
BEFORE_WARP = "the plain-install rule before its values were warped"


@dataclass(frozen=True)
class Reading:
    """One verdict: ``rule`` (a method name in the half's result file) on ``half``, for ``install``."""

    half: str
    rule: str
    install: str
    judged: str  # which rules these searches ran, in words
    file: str | None = None  # the result file in ``results`` (default ``<half>.jsonl``): a later run on a read half

    @property
    def path(self) -> str:
        return self.file or f"{self.half}.jsonl"


#: Every verdict block of BENCHMARKS.md, in the order the halves were run. The full install's rules
#: did not change from fresh-flat (TPE's prior) to fresh-torch, where it took the plain install's rule:
#: since then both installs run one rule (the GP of one length scale after TPE's start, every 3rd trial
#: from 10 TPE's, from trial 10 candidates also around the best trials, on power-warped values), what
#: auto-plain ran on fresh-torch and plain-warp-power on fresh-warp; plain-local
#: (fresh-local) ran it before the warp, which changes every GP trial; plain-isogp (continuous spaces),
#: plain-isogp-mixed (mixed and discrete ones) and full-isogp (fresh-full: the same choice, option for
#: option, on all its tasks) ran it before the candidates near the best, which change trial 10 on. Since
#: fresh-varied, budgets of 50 or more end with the endgame (final-fifth-50 there); up to 49 trials the rows
#: "before the endgame" ran today's rule.
READINGS: tuple[Reading, ...] = (
    Reading("held-out", "auto", "full", "rules of 2026-12-05 (chosen on the design half)"),
    Reading("held-out", "auto-plain", "plain", "rules of 2026-12-05: TPE"),
    Reading("fresh", "auto", "full", "rules of 2026-12-05"),
    Reading("fresh", "auto-plain", "plain", "rules of 2026-12-05: TPE"),
    Reading("fresh-values", "auto", "full", "+ numeric lists searched in order"),
    Reading("fresh-values", "auto-plain", "plain", "+ numeric lists searched in order: TPE"),
    Reading("fresh-flat", "auto", "full", f"+ TPE's prior on mixed spaces: {TODAY_FULL}"),
    Reading("fresh-start", "auto", "full", TODAY_FULL),
    Reading("fresh-start", "auto-plain", "plain", "TPE (before the GP of one length scale)"),
    Reading("fresh-bounds", "auto", "full", TODAY_FULL),
    Reading("fresh-bounds", "auto-plain", "plain", "TPE (before the GP of one length scale)"),
    Reading("fresh-early", "auto", "full", TODAY_FULL),
    Reading("fresh-early", "plain-iso", "plain", "the GP of one length scale for trials 5-9, then TPE"),
    Reading("fresh-continuous", "auto", "full", TODAY_FULL),
    Reading("fresh-continuous", "plain-isogp", "plain", BEFORE_LOCAL),
    Reading("fresh-mixed", "auto", "full", TODAY_FULL),
    Reading("fresh-mixed", "plain-isogp-mixed", "plain", BEFORE_LOCAL),
    Reading("fresh-full", "auto", "full", TODAY_FULL),
    Reading("fresh-full", "full-isogp", "plain", BEFORE_LOCAL),
    Reading("fresh-local", "plain-local", "plain", BEFORE_WARP),
    Reading("fresh-warp", "auto", "full", TODAY_FULL),
    Reading("fresh-warp", "plain-warp-power", "plain", BEFORE_ENDGAME),
    Reading("fresh-torch", "auto", "full", TODAY_FULL),
    Reading("fresh-torch", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-average", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-average", "isogp-int", "both", "expected improvement averaged over length scales (not kept)"),
    Reading("fresh-categorical", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-categorical", "isogp-eq", "both", "categoricals read as equally far apart (not kept)"),
    Reading("fresh-prior", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-prior", "isogp-map", "both", "a prior on the GP's length scale (not kept)"),
    Reading("fresh-general", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-general", "tpe-every5", "both", "TPE every 5th trial from trial 10, not every 3rd (not kept)"),
    Reading(
        "fresh-general", "bayes-torch", "full", "`method: bayes` with torch until fresh-general: Optuna's GPSampler"
    ),
    Reading("fresh-schedule", "auto-plain", "both", BEFORE_ENDGAME),
    Reading(
        "fresh-schedule", "tpe-sparse-50", "both", "TPE every 5th trial from 10 to 49, every 3rd from 50 (not kept)"
    ),
    Reading("fresh-varied", "auto-plain", "both", BEFORE_ENDGAME),
    Reading("fresh-varied", "final-fifth-50", "both", "+ the endgame (the last fifth of 50+ trials)"),
    Reading("fresh-spread", "auto-plain", "both", BEFORE_ARD),
    Reading("fresh-broad", "auto-plain", "both", BEFORE_ARD),
    Reading("fresh-broad", "gp-under-50", "both", "no TPE trials under 50 (not kept; 10 and 20 trials)"),
    Reading("fresh-range", "auto-plain", "both", BEFORE_ARD),
    Reading(
        "held-out", "auto-plain", "both", f"{BEFORE_ARD}, run again on the read half (a check)", "held-out-s24.jsonl"
    ),
    Reading("fresh-wide", "auto-plain", "both", BEFORE_ARD),
    Reading("fresh-wide", "ard-20", "both", "today's rule: + one length scale per parameter from 20 trials"),
)

BUDGETS = (10, 20, 50, 100)


def render_standing(results: Path, wandb_cache: Path, readings: Sequence[Reading] = READINGS) -> str:
    """Markdown: one row per reading, from its file in ``results`` and W&B's searches in ``wandb_cache``."""
    verdicts: dict[str, Verdict] = {}
    rows = [
        "| half | install | what ran | tasks | cells no worse | W&B against itself | "
        + " | ".join(f"paired @{b}" for b in BUDGETS)
        + " | aggregate ahead at |",
        "|---|---|---|---|---|---|" + "---|" * len(BUDGETS) + "---|",
    ]
    for r in readings:
        if r.path not in verdicts:
            verdicts[r.path] = load_verdict([results / r.path, wandb_cache])
        v = verdicts[r.path]
        tasks = v.tasks(split.tasks_in(r.half))
        won, cells = v.cells(tasks, r.rule)
        twin = v.twin_share(tasks)
        ran = v.ran_at(tasks, r.rule)
        paired = []
        for b in BUDGETS:
            better, worse, _ = v.paired(tasks, r.rule, b) if b in ran else (0, 0, 0)
            mark = " *" if better + worse and sign_test(better, worse) < 0.05 else ""
            paired.append(f"{better} / {worse}{mark}" if better + worse else "–")
        ahead = [f"@{b}" for b in ran if v.ahead(tasks, r.rule, b)]
        rows.append(
            f"| {r.half} | {r.install} | {r.judged} (`{r.rule}`) | {len(tasks)} | "
            f"{won} / {cells} ({won / cells:.0%}) | {'–' if twin is None else f'{twin[0]:.0%}'} | "
            + " | ".join(paired)
            + f" | {', '.join(ahead) or 'none'} of {', '.join(f'@{b}' for b in ran)} |"
        )
    return (
        "\n".join(rows)
        + "\n\nCells: (task, budget) where the rule's median normalized score is no worse than W&B's (a "
        "difference under 0.01 counts); the target is 90 %. W&B against itself: the share W&B's `bayes` earns "
        "against its own searches on the same tasks (seeds dealt into two sides, 20 splits), what an equally "
        "good method gets. Paired: searches better / worse than W&B's with the same task and seed "
        "(`*`: two-sided sign test p < 0.05). Aggregate ahead: every family's mean score no worse than W&B's.\n"
    )
