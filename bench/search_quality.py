"""Search quality: tuneflow's methods against W&B's own sweeps engine on the same tasks.

Every task is a W&B sweep ``parameters`` block plus an objective; the same block goes to
``tuneflow.tune`` (memory storage, W&B off) and to W&B's open-source ``sweeps`` engine, which runs
in its own venv (it pins numpy<2; set ``TUNEFLOW_SWEEPS_PYTHON`` or let tests/wandb_engine create
``.cache/sweeps-venv``). One search of ``--budget`` trials gives every smaller budget through its
best-so-far curve.

    python bench/search_quality.py --quick                 # the harness check the tests run (< 60 s)
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# One thread per process for every method (before numpy/torch load): thread pools oversubscribe a
# shared machine, and Optuna's GPSampler docs recommend it. The W&B engine's process inherits it.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from bench.search.methods import CANDIDATES, METHODS, WANDB_METHODS
from bench.search.report import load, render, write_into
from bench.search.run import PARALLEL_SETTINGS, PARALLEL_TASKS, environment, measure_cost, measure_parallel, run_grid
from bench.search.tasks import QUICK_TASKS, TASKS

ROOT = Path(__file__).resolve().parents[1]
BUDGETS = (10, 20, 50, 100)
FULL_METHODS = (*WANDB_METHODS, "random", "tpe", "bayes", "cmaes", "qmc", "nsga2", "auto")
QUICK_METHODS = ("wandb-random", "wandb-bayes", "random", "tpe", "auto")
COST_METHODS = ("wandb-bayes", "bayes", "tpe", "auto")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 tasks, 2 seeds, 20 trials, tiny cost probe")
    parser.add_argument("--tasks", nargs="+", default=list(TASKS), choices=list(TASKS), metavar="TASK")
    parser.add_argument("--methods", nargs="+", default=list(FULL_METHODS), choices=list(METHODS), metavar="METHOD")
    parser.add_argument("--candidates", action="store_true", help="compare the candidate settings for auto")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--budget", type=int, default=max(BUDGETS))
    parser.add_argument("--deadline-min", type=float, default=None, help="start no search after this many minutes")
    parser.add_argument("--cost", action="store_true", help="measure seconds per suggestion instead")
    parser.add_argument("--parallel", action="store_true", help="measure near-duplicates with n_jobs=2 instead")
    parser.add_argument("--cost-task", default="hartmann6", choices=list(TASKS))
    parser.add_argument("--cost-sizes", nargs="+", type=int, default=[10, 100, 200, 500])
    parser.add_argument("--out", type=Path, default=None, help="JSON-lines file to append to")
    parser.add_argument("--report", nargs="*", type=Path, default=None, help="result files -> BENCHMARKS.md")
    parser.add_argument("--doc", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--block", default="search-quality", help="which generated block of --doc to rewrite")
    args = parser.parse_args(argv)

    if args.report is not None:
        res = load(args.report)
        shown = tuple(b for b in BUDGETS if b <= args.budget)
        write_into(args.doc, render(res, shown, (*FULL_METHODS, *CANDIDATES)), args.block)
        print(f"wrote {args.doc}")
        return 0

    out = args.out or Path(tempfile.mkdtemp(prefix="search-quality-")) / "results.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a") as sink:
        sink.write(json.dumps({"kind": "env", **environment()}) + "\n")
    start = time.time()
    budgets: tuple[int, ...] = BUDGETS
    if args.quick:
        run_grid(QUICK_TASKS, QUICK_METHODS, range(2), 20, out)
        measure_cost("hartmann6", ("wandb-bayes", "auto"), (10, 50), 1, out)
        budgets = (10, 20)
    elif args.cost:
        measure_cost(args.cost_task, COST_METHODS, args.cost_sizes, 3, out)
    elif args.parallel:
        measure_parallel(PARALLEL_TASKS, PARALLEL_SETTINGS, range(args.seeds), 80, out)
    else:
        methods = list(args.methods)
        if args.candidates:
            methods = ["random", "wandb-random", "wandb-bayes", *CANDIDATES]
        deadline = None if args.deadline_min is None else start + 60 * args.deadline_min
        run_grid(args.tasks, methods, range(args.seeds), args.budget, out, deadline=deadline)
        budgets = tuple(b for b in BUDGETS if b <= args.budget)
    res = load([out])
    print(render(res, budgets, (*FULL_METHODS, *CANDIDATES)))
    print(f"results: {out} ({time.time() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
