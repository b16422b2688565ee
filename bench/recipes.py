"""Time every built-in recipe: 20 trials each, and its best score.

Run: ``python bench/recipes.py [--n-trials 20] [--storage URL] [--wandb-dir DIR] [name ...]``.
Prints one row per recipe: wall time, trials by state, and the best value of its metric. Each
recipe should finish 20 trials in under a minute on 2 cores. ``--storage`` and ``--wandb-dir``
measure what a CLI user gets (a SQLite file, one offline W&B run per trial) instead of the floor.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
import warnings

import optuna

import tuneflow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="recipes to time (default: all built-in)")
    parser.add_argument("--n-trials", type=int, default=20)
    parser.add_argument("--storage", default="memory", help="Optuna storage URL (default: in memory)")
    parser.add_argument("--wandb-dir", help="write offline W&B runs under this directory (default: no W&B)")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    names = args.names or list(tuneflow.builtin_recipes())
    if args.wandb_dir:
        os.environ.setdefault("WANDB_MODE", "offline")
        os.environ.setdefault("WANDB_SILENT", "true")
    wandb = {"dir": args.wandb_dir, "project": "tuneflow-bench"} if args.wandb_dir else False
    where = f"W&B offline under {args.wandb_dir}" if args.wandb_dir else "wandb=False"
    print(f"{args.n_trials} trials per recipe, {os.cpu_count()} CPUs, storage {args.storage}, {where}")
    print(f"{'recipe':<22} {'seconds':>8} {'s/trial':>8}  {'trials':<26} {'metric':<14} {'best':>9}")
    for name in names:
        recipe = tuneflow.load_recipe(name)
        start = time.perf_counter()
        study_name = f"{name}-bench-{time.time_ns()}"  # a fresh study even in a reused storage file
        result = tuneflow.tune(recipe, n_trials=args.n_trials, storage=args.storage, study_name=study_name, wandb=wandb)
        seconds = time.perf_counter() - start
        counts = ", ".join(f"{n} {s.lower()}" for s, n in sorted(result.counts().items()))
        metric = recipe.metrics[0]
        print(
            f"{name:<22} {seconds:>8.1f} {seconds / args.n_trials:>8.2f}  {counts:<26} "
            f"{metric.name:<14} {result.best_value:>9.4f}"
        )


if __name__ == "__main__":
    main()
