"""tuneflow's per-trial overhead over raw Optuna on a no-op objective.

Both sides search the same four-parameter space (log-uniform float, int, categorical, uniform
float) with the same sampler settings, in memory, 500 trials, Optuna logging at WARNING. Each
repetition times raw Optuna and ``tuneflow.tune`` side by side (the order alternates), and the
median over the repetitions is reported, so machine load hits both sides alike. Study creation
is inside the timing on both sides. Wall time and the process's CPU time (all threads, so any
background thread tuneflow starts counts against it) are both reported: CPU time is the steadier
figure on a shared machine.

    python bench/overhead.py [--trials 500] [--repeats 15] [--methods random tpe]

Target: tuneflow / Optuna <= 1.10x.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import optuna

import tuneflow

PARAMETERS = {
    "lr": {"distribution": "log_uniform_values", "min": 1e-4, "max": 1e-1},
    "depth": {"distribution": "int_uniform", "min": 2, "max": 12},
    "booster": {"values": ["gbdt", "dart", "goss"]},
    "dropout": {"distribution": "uniform", "min": 0.0, "max": 0.5},
}
SEED = 0


def raw_objective(trial: optuna.Trial) -> float:
    """The same space written by hand against Optuna's API; does nothing with it."""
    trial.suggest_categorical("booster", ["gbdt", "dart", "goss"])
    trial.suggest_int("depth", 2, 12)
    trial.suggest_float("dropout", 0.0, 0.5)
    trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    return 0.0


def raw_sampler(method: str) -> optuna.samplers.BaseSampler:
    """Optuna's sampler with the settings tuneflow uses for ``method`` (methods.make_sampler)."""
    if method == "random":
        return optuna.samplers.RandomSampler(seed=SEED)
    if method == "tpe":
        return optuna.samplers.TPESampler(seed=SEED, multivariate=True, group=False, constant_liar=True)
    raise ValueError(method)


def run_raw(method: str, n_trials: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    study = optuna.create_study(sampler=raw_sampler(method))
    study.optimize(raw_objective, n_trials=n_trials)
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    assert len(study.get_trials(deepcopy=False)) == n_trials
    return elapsed


def run_tuneflow(method: str, n_trials: int) -> tuple[float, float]:
    recipe = tuneflow.Recipe(name=f"bench-{method}", train=lambda config: 0.0, parameters=PARAMETERS, method=method)
    recipe = recipe.replace(seed=SEED)
    wall, cpu = time.perf_counter(), time.process_time()
    result = tuneflow.tune(recipe, n_trials=n_trials, storage="memory", wandb=False, progress=False)
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    assert len(result.study.get_trials(deepcopy=False)) == n_trials
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--methods", nargs="+", default=["random", "tpe"])
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    sides: dict[str, Callable[[str, int], tuple[float, float]]] = {"optuna": run_raw, "tuneflow": run_tuneflow}
    for method in args.methods:  # warm up imports and caches once per method
        for run in sides.values():
            run(method, 20)
    times: dict[tuple[str, str], list[tuple[float, float]]] = {(m, s): [] for m in args.methods for s in sides}
    for rep in range(args.repeats):
        for method in args.methods:
            order = list(sides) if rep % 2 == 0 else list(reversed(sides))
            for side in order:
                times[method, side].append(sides[side](method, args.trials))

    print(f"no-op objective, {args.trials} trials in memory, median of {args.repeats} interleaved repetitions")
    print(f"{'method':<8} {'clock':<6} {'optuna ms/trial':>16} {'tuneflow ms/trial':>18} {'ratio':>7}")
    for method in args.methods:
        for i, clock in enumerate(("wall", "cpu")):
            raw = statistics.median(t[i] for t in times[method, "optuna"]) / args.trials * 1e3
            ours = statistics.median(t[i] for t in times[method, "tuneflow"]) / args.trials * 1e3
            verdict = "ok" if ours / raw <= 1.10 else "over the 1.10x target"
            print(f"{method:<8} {clock:<6} {raw:>16.4f} {ours:>18.4f} {ours / raw:>6.2f}x  {verdict}")


if __name__ == "__main__":
    main()
