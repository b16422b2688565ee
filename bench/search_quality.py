"""Search quality: tuneflow's methods against W&B's own sweeps engine on the same tasks.

Every task is a W&B sweep ``parameters`` block plus an objective; the same block goes to
``tuneflow.tune`` (memory storage, W&B off) and to W&B's open-source ``sweeps`` engine, which runs
in its own venv (it pins numpy<2; set ``TUNEFLOW_SWEEPS_PYTHON`` or let tests/wandb_engine create
``.cache/sweeps-venv``). One search of ``--budget`` trials gives every smaller budget through its
best-so-far curve.

Issue 16's protocol (design / held-out halves, bench/search/split.json; resumable: run the same
command again and it continues where it stopped):

    python bench/search_quality.py --quick                 # the harness check the tests run
    nice -n 19 python bench/search_quality.py --protocol held-out      # the verdict run (hours)
    nice -n 19 python bench/search_quality.py --protocol fresh         # the fresh half (bench/search/fresh.py)
    nice -n 19 python bench/search_quality.py --protocol design --rules auto gp-mixed --seeds 3
    python bench/search_quality.py --verdict held-out      # print it; --write puts it in BENCHMARKS.md
    python bench/search_quality.py --paired held-out fresh fresh-values fresh-flat   # searches paired, summed
    python bench/search_quality.py --standing --write      # every verdict's headline figures, one row each
    python bench/search_quality.py --cost --cost-task hartmann6 --cost-sizes 10 100 200 500 --out cost.jsonl
    python bench/search_quality.py --cost-report cost.jsonl --write   # auto's cost beside W&B's, with ratios

The earlier ten-task protocol (one 100-trial search per task, method and seed):

    nice -n 10 python bench/search_quality.py --out bench/results/full.jsonl --deadline-min 60
    python bench/search_quality.py --cost --out bench/results/cost.jsonl
    python bench/search_quality.py --report bench/results/full.jsonl bench/results/cost.jsonl

``--report`` rewrites the generated block of BENCHMARKS.md from the raw JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# One thread per process for every method (before numpy/torch load): thread pools oversubscribe a
# shared machine, and Optuna's GPSampler docs recommend it. The W&B engine's process inherits it.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from bench.search import protocol, split, verdict
from bench.search.methods import CANDIDATES, METHODS, WANDB_METHODS
from bench.search.report import load, render, render_cost, write_into
from bench.search.run import PARALLEL_SETTINGS, PARALLEL_TASKS, environment, measure_cost, measure_parallel, run_grid
from bench.search.standing import render_standing
from bench.search.tasks import QUICK_TASKS, TASKS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
WANDB_CACHE = RESULTS / "wandb.jsonl"
#: the verdict's methods: `auto` on the full install (torch) and on the plain install (no torch).
VERDICT_RULES = ("auto", "auto-plain")
BUDGETS = (10, 20, 50, 100)
FULL_METHODS = (*WANDB_METHODS, "random", "tpe", "bayes", "cmaes", "qmc", "nsga2", "auto")
COST_METHODS = ("wandb-bayes", "bayes", "tpe", "auto")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 tasks, 2 seeds, budgets 10 and 20, tiny cost probe")
    parser.add_argument("--protocol", choices=split.HALVES, help="issue 16's run on one half")
    parser.add_argument(
        "--rules", nargs="+", default=list(VERDICT_RULES), help="protocol methods (auto, auto-plain, candidates)"
    )
    parser.add_argument("--budgets", nargs="+", type=int, default=list(protocol.BUDGETS))
    parser.add_argument("--wandb-cache", type=Path, default=WANDB_CACHE, help="W&B searches, per (task, seed)")
    parser.add_argument("--verdict", choices=split.HALVES, help="print a half's verdict")
    parser.add_argument("--standing", action="store_true", help="every verdict's headline figures, one row each")
    parser.add_argument("--write", action="store_true", help="with --verdict: write it into BENCHMARKS.md")
    parser.add_argument("--summary", nargs="+", type=Path, default=None, help="with --verdict: one row per rule")
    parser.add_argument(
        "--paired", nargs="+", choices=split.HALVES, help="searches paired by (task, seed), summed over these halves"
    )
    parser.add_argument("--against", default=verdict.RIVAL, help="with --paired: the rival (default: W&B's bayes)")
    parser.add_argument("--files", nargs="+", type=Path, default=None, help="with --paired: these result files")
    parser.add_argument(
        "--resample",
        type=int,
        default=None,
        metavar="DRAWS",
        help="with --paired: instead, the share of cells no worse than W&B's bayes, each rule's seeds drawn again",
    )
    parser.add_argument("--tasks", nargs="+", default=None, choices=list(TASKS), metavar="TASK")
    parser.add_argument("--methods", nargs="+", default=list(FULL_METHODS), choices=list(METHODS), metavar="METHOD")
    parser.add_argument("--candidates", action="store_true", help="compare the candidate settings for auto")
    parser.add_argument("--seeds", type=int, default=10, help="seeds run; with --paired, the seeds below it read")
    parser.add_argument("--budget", type=int, default=max(BUDGETS))
    parser.add_argument("--deadline-min", type=float, default=None, help="start no search after this many minutes")
    parser.add_argument("--cost", action="store_true", help="measure seconds per suggestion instead")
    parser.add_argument("--parallel", action="store_true", help="measure near-duplicates with n_jobs=2 instead")
    parser.add_argument("--cost-task", default="hartmann6", choices=list(TASKS))
    parser.add_argument("--cost-sizes", nargs="+", type=int, default=[10, 100, 200, 500])
    parser.add_argument("--out", type=Path, default=None, help="JSON-lines file to append to")
    parser.add_argument("--report", nargs="*", type=Path, default=None, help="result files -> BENCHMARKS.md")
    parser.add_argument(
        "--cost-report", nargs="+", type=Path, default=None, help="cost files -> auto's cost beside W&B's, with ratios"
    )
    parser.add_argument("--doc", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument(
        "--block", default=None, help="which generated block of --doc to rewrite (default: the command's own)"
    )
    args = parser.parse_args(argv)

    if args.standing:
        text = render_standing(RESULTS, args.wandb_cache)
        print(text)
        if args.write:
            write_into(args.doc, text, args.block or "standing")
        return 0
    if args.paired is not None:
        halves = []
        for half in args.paired:
            files = [*(args.files or [RESULTS / f"{half}.jsonl"]), args.wandb_cache]
            res = verdict.load_verdict(files, seeds=args.seeds)  # seeds below --seeds (default 10: every seed run)
            names = [t for t in split.tasks_in(half) if args.tasks is None or t in args.tasks]
            halves.append((half, res, res.tasks(names)))
        if args.resample is not None:
            text = _render_resampled([(res, tasks) for _, res, tasks in halves], args.rules, args.resample)
            print(text)
            return 0
        text = verdict.render_pooled(halves, args.rules, args.against)
        print(text)
        if args.write:
            write_into(args.doc, text, args.block or "paired")
        return 0
    if args.verdict is not None and args.summary is not None:
        res = verdict.load_verdict([*args.summary, args.wandb_cache], seeds=args.seeds)
        text = res.summary(res.tasks(args.tasks or split.tasks_in(args.verdict)), args.rules)
        print(text)
        if args.write:
            write_into(args.doc, text, args.block or f"summary-{args.verdict}")
        return 0
    if args.verdict is not None:
        files = [args.out or RESULTS / f"{args.verdict}.jsonl", args.wandb_cache]
        text = render_verdict(files, args.verdict, args.tasks, args.rules)
        print(text)
        if args.write:
            write_into(args.doc, text, args.block or f"verdict-{args.verdict}")
        return 0
    if args.protocol is not None:
        out = args.out or RESULTS / f"{args.protocol}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        names = args.tasks or split.tasks_in(args.protocol)
        stray = sorted(set(names) - set(split.tasks_in(args.protocol)))
        if stray:
            raise SystemExit(f"--tasks {stray} are not in the {args.protocol} half (bench/search/split.json)")
        start = time.time()
        deadline = None if args.deadline_min is None else start + 60 * args.deadline_min
        n = protocol.run(names, args.rules, range(args.seeds), args.budgets, out, args.wandb_cache, deadline)
        print(f"{n} searches run into {out} and {args.wandb_cache} ({time.time() - start:.0f} s)")
        print(render_verdict([out, args.wandb_cache], args.protocol, names, args.rules))
        return 0
    if args.cost_report is not None:
        text = render_cost(load(args.cost_report))
        print(text)
        if args.write:
            write_into(args.doc, text, args.block or "cost")
        return 0
    if args.report is not None:
        res = load(args.report)
        shown = tuple(b for b in BUDGETS if b <= args.budget)
        write_into(args.doc, render(res, shown, (*FULL_METHODS, *CANDIDATES)), args.block or "search-quality")
        print(f"wrote {args.doc}")
        return 0

    out = args.out or Path(tempfile.mkdtemp(prefix="search-quality-")) / "results.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as sink:
        sink.write(json.dumps({"kind": "env", **environment()}) + "\n")
    start = time.time()
    budgets: tuple[int, ...] = BUDGETS
    if args.quick:
        cache = out.with_name("wandb-cache.jsonl")
        protocol.run(QUICK_TASKS, VERDICT_RULES, range(2), (10, 20), out, cache)
        measure_cost("hartmann6", ("wandb-bayes", "auto"), (10, 50), 1, out)
        print(render_verdict([out, cache], None, QUICK_TASKS, VERDICT_RULES))
        print(f"results: {out} ({time.time() - start:.0f} s)")
        return 0
    elif args.cost:
        measure_cost(args.cost_task, COST_METHODS, args.cost_sizes, 3, out)
    elif args.parallel:
        measure_parallel(PARALLEL_TASKS, PARALLEL_SETTINGS, range(args.seeds), 80, out)
    else:
        methods = list(args.methods)
        if args.candidates:
            methods = ["random", "wandb-random", "wandb-bayes", *CANDIDATES]
        deadline = None if args.deadline_min is None else start + 60 * args.deadline_min
        run_grid(args.tasks or list(TASKS), methods, range(args.seeds), args.budget, out, deadline=deadline)
        budgets = tuple(b for b in BUDGETS if b <= args.budget)
    res = load([out])
    print(render(res, budgets, (*FULL_METHODS, *CANDIDATES)))
    print(f"results: {out} ({time.time() - start:.0f} s)")
    return 0


def _render_resampled(halves: list[tuple[verdict.Verdict, list[str]]], rules: Sequence[str], draws: int) -> str:
    """One line per rule: its observed share of cells no worse than W&B's ``bayes`` and its seeds' resampled spread."""
    lines = []
    for rule in rules:
        observed, low, mid, high, at_target, cells = verdict.resampled_share(halves, rule, draws)
        lines.append(
            f"`{rule}`: {cells} cells, observed {observed:.1%}; its seeds drawn again {draws} times: "
            f"median {mid:.1%}, 5-95 % {low:.1%} to {high:.1%}, {at_target} draws at {verdict.CELL_TARGET:.0%} or more"
        )
    return "\n".join(lines)


def render_verdict(files: list[Path], half: str | None, tasks: Sequence[str] | None, rules: Sequence[str]) -> str:
    """The verdict of ``half`` (None: every task in the files) for each rule, from the result files."""
    res = verdict.load_verdict(files)
    names = tasks or (split.tasks_in(half) if half else None)
    title = f"{half.capitalize()} half" if half else "Tasks run"
    installs = {
        "auto": "full install (torch)",
        "auto-plain": "plain install (no torch)",
        "plain-iso": "plain install (no torch), the first step of its rule of 2026-12-06",
        "plain-isogp": "plain install (no torch), its rule from 2026-12-06",
        "plain-isogp-mixed": "plain install (no torch), its rule from 2026-12-06 on mixed, discrete and categorical spaces",
        "full-isogp": "plain install (no torch; on these tasks its rule is the candidate `full-isogp`)",
        "plain-local": "plain install (no torch), its rule from 2026-12-06 night",
        "plain-warp-power": "plain install (no torch), its rule from 2026-12-06 late (both installs' since fresh-torch)",
    }
    parts = [res.render(res.tasks(names), m, f"{title}, {installs.get(m, m)}") for m in rules if m in res.methods()]
    return "\n".join(parts) or "no protocol results yet\n"


if __name__ == "__main__":
    sys.exit(main())
