"""Time every built-in recipe: 20 trials each (in-memory storage, no W&B), best score.

Run: ``python bench/recipes.py [--n-trials 20] [name ...]``. Prints one row per recipe:
wall time, trials by state, and the best value of its metric. Each recipe should finish 20
trials in under a minute on 2 cores.
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
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("tuneflow").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    names = args.names or list(tuneflow.builtin_recipes())
    print(f"{args.n_trials} trials per recipe, {os.cpu_count()} CPUs, in-memory storage, wandb=False")
    print(f"{'recipe':<22} {'seconds':>8} {'s/trial':>8}  {'trials':<26} {'metric':<14} {'best':>9}")
    for name in names:
        recipe = tuneflow.load_recipe(name)
        start = time.perf_counter()
        result = tuneflow.tune(recipe, n_trials=args.n_trials, storage="memory", wandb=False)
        seconds = time.perf_counter() - start
        counts = ", ".join(f"{n} {s.lower()}" for s, n in sorted(result.counts().items()))
        metric = recipe.metrics[0]
        print(
            f"{name:<22} {seconds:>8.1f} {seconds / args.n_trials:>8.2f}  {counts:<26} "
            f"{metric.name:<14} {result.best_value:>9.4f}"
        )


if __name__ == "__main__":
    main()
