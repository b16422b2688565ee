"""How many trees the seeded fANOVA importance needs: rankings and values against a 256-tree reference.

The parameter-importance chart (HTML report and W&B summary run) is the one slow chart at the end
of a study: Optuna's ``FanovaImportanceEvaluator`` costs ~2-3 ms per tree on small studies, all of
it Python. This script fits studies with a known importance order (three objectives: linear,
non-linear with an interaction, categorical + continuous; random and TPE sampling; 30 and 100
trials; several seeds) and compares each forest size with a 256-tree forest of another seed (and
that reference with a second 256-tree seed, the floor any size can reach):

- ``same order``: the full ranking equals the reference's;
- ``same top``: the most important parameter equals the reference's;
- ``TV``: total variation distance between the importance vectors (half the sum of |differences|);
- ``truth top``: the top parameter is the one the objective was built around;
- ``ms``: time per evaluation.

    python bench/importance_trees.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable

import optuna
from optuna.importance import FanovaImportanceEvaluator

REFERENCE_TREES = 256
SIZES = (8, 16, 32, 64)


def linear(trial: optuna.Trial) -> float:
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(4)]
    return 10 * x[0] + 3 * x[1] + 1 * x[2] + 0.1 * x[3]


def nonlinear(trial: optuna.Trial) -> float:
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(4)]
    return 5 * (x[0] - 0.3) ** 2 + math.sin(6 * x[1]) * 0.6 + 0.4 * x[2] * x[3]


def mixed(trial: optuna.Trial) -> float:
    model = trial.suggest_categorical("model", ["a", "b", "c"])
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    depth = trial.suggest_int("depth", 2, 12)
    return {"a": 0.0, "b": 1.0, "c": 3.0}[model] + 0.5 * abs(math.log10(lr) + 2) + 0.02 * depth


OBJECTIVES: dict[str, tuple[Callable[[optuna.Trial], float], str]] = {
    "linear": (linear, "x0"),
    "nonlinear": (nonlinear, "x0"),
    "mixed": (mixed, "model"),
}


def importances(study: optuna.Study, trees: int, seed: int) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    values = optuna.importance.get_param_importances(
        study, evaluator=FanovaImportanceEvaluator(n_trees=trees, seed=seed), normalize=True
    )
    return dict(values), time.perf_counter() - start


def order(values: dict[str, float]) -> list[str]:
    return sorted(values, key=lambda k: -values[k])


def total_variation(a: dict[str, float], b: dict[str, float]) -> float:
    return 0.5 * sum(abs(a[k] - b.get(k, 0.0)) for k in a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    rows: dict[str, dict[str, list[float]]] = {}
    for objective, truth in OBJECTIVES.values():
        for sampler_name in ("random", "tpe"):
            for n_trials in (30, 100):
                for seed in range(args.seeds):
                    sampler = (
                        optuna.samplers.RandomSampler(seed=seed)
                        if sampler_name == "random"
                        else optuna.samplers.TPESampler(seed=seed)
                    )
                    study = optuna.create_study(sampler=sampler)
                    study.optimize(objective, n_trials=n_trials)
                    reference, _ = importances(study, REFERENCE_TREES, seed=1000)
                    candidates = {f"{t} trees": importances(study, t, seed=0) for t in SIZES}
                    candidates[f"{REFERENCE_TREES} trees"] = importances(study, REFERENCE_TREES, seed=0)
                    for label, (values, seconds) in candidates.items():
                        row = rows.setdefault(f"{label:>9} n={n_trials:<3}", {})
                        row.setdefault("same order", []).append(order(values) == order(reference))
                        row.setdefault("same top", []).append(order(values)[0] == order(reference)[0])
                        row.setdefault("TV", []).append(total_variation(values, reference))
                        row.setdefault("truth top", []).append(order(values)[0] == truth)
                        row.setdefault("ms", []).append(seconds * 1000)
    studies = len(OBJECTIVES) * 2 * args.seeds
    print(
        f"seeded fANOVA vs a {REFERENCE_TREES}-tree forest of another seed; {studies} studies per row "
        f"({', '.join(OBJECTIVES)} x random/TPE x {args.seeds} seeds)"
    )
    print(f"{'forest':>15}  same order  same top  mean TV  max TV  truth top  ms/eval")
    for label in sorted(rows, key=lambda k: (int(k.split("n=")[1]), int(k.split()[0]))):
        r = rows[label]
        print(
            f"{label:>15}  {statistics.mean(r['same order']):10.0%}  {statistics.mean(r['same top']):8.0%}"
            f"  {statistics.mean(r['TV']):7.3f}  {max(r['TV']):6.3f}  {statistics.mean(r['truth top']):9.0%}"
            f"  {statistics.median(r['ms']):7.1f}"
        )


if __name__ == "__main__":
    main()
