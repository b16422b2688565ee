"""Query W&B's open-source ``sweeps`` engine; run only under the sweeps venv's python.

Reads one JSON request from stdin and writes one JSON answer to stdout:

* ``{"op": "draws", "parameters": P, "n": 2000, "seed": 0}``
  -> ``{"draws": {"flat.name": [v, ...]}}`` (random-search draws per parameter)
* ``{"op": "grid", "parameters": P}``
  -> ``{"configs": [config, ...]}`` (every grid point, shaped like ``wandb.config``)
* ``{"op": "validate", "config": C}``
  -> ``{"violations": ["...", ...]}`` (W&B's schema checker)
* ``{"op": "next", "config": C, "runs": [{"config": wrapped, "value": y}, ...], "seed": s}``
  -> ``{"config": wrapped}`` (the engine's next suggestion given the finished runs; ``wrapped`` is
  the engine's own ``{"name": {"value": v}}`` run config, passed back unchanged)
* ``{"op": "stop", "config": C, "snapshots": [[{"name": n, "state": s, "history": [row, ...]}, ...], ...]}``
  -> ``{"stopped": [[name, ...], ...]}`` (the runs ``sweeps.stop_runs`` stops, per snapshot)

With ``--serve`` it answers one request per stdin line until EOF (the benchmark keeps one process
for thousands of suggestions). Any failure is reported as ``{"error": "..."}`` with exit code 0.
"""

import json
import sys

# Anything the engine prints must not corrupt the JSON answer on stdout.
_STDOUT = sys.stdout
sys.stdout = sys.stderr

import random
import warnings

warnings.simplefilter("ignore")

import numpy as np

GRID_BATCH = 256
GRID_CAP = 1_000_000


def _plain(value):
    """Convert numpy scalars/arrays (recursively) to plain JSON-able Python."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _unwrap(run_config):
    """Drop the first-level ``{"value": v}`` wrappers of a sweep run's config."""
    return {k: v["value"] for k, v in run_config.items()}


def _draws(parameters, n, seed):
    from sweeps.params import HyperParameterSet
    from sweeps.random_search import random_search_next_runs

    delim = HyperParameterSet.NESTING_DELIMITER
    names = [p.name for p in HyperParameterSet.from_config(parameters)]
    random.seed(seed)
    np.random.seed(seed)
    runs = random_search_next_runs({"method": "random", "parameters": parameters}, n=n)
    draws = {}
    for name in names:
        keys = name.split(delim)
        values = []
        for run in runs:
            value = run.config[keys[0]]["value"]
            for key in keys[1:]:
                value = value[key]
            values.append(_plain(value))
        draws[".".join(keys)] = values
    return {"draws": draws}


def _grid(parameters):
    from sweeps import RunState, SweepRun
    from sweeps.grid_search import grid_search_next_runs

    sweep = {"method": "grid", "parameters": parameters}
    runs = []
    while len(runs) < GRID_CAP:
        batch = grid_search_next_runs(runs, sweep, n=GRID_BATCH)
        done = False
        for run in batch:
            if run is None:
                done = True
                break
            runs.append(SweepRun(config=run.config, state=RunState.finished))
        if done or not batch:
            break
    else:
        raise RuntimeError(f"grid has more than {GRID_CAP} points")
    return {"configs": [_plain(_unwrap(run.config)) for run in runs]}


def _validate(config):
    from sweeps.config import schema_violations_from_proposed_config

    return {"violations": list(schema_violations_from_proposed_config(config))}


def _next(config, runs, seed):
    from sweeps import RunState, SweepRun, next_run

    metric = config.get("metric", {}).get("name", "loss")
    history = [
        SweepRun(config=run["config"], summary_metrics={metric: run["value"]}, state=RunState.finished) for run in runs
    ]
    # The engine draws from numpy's global stream: seed it per request, so a run is reproducible.
    random.seed(seed * 100_003 + len(runs))
    np.random.seed((seed * 100_003 + len(runs)) % 2**32)
    suggestion = next_run(config, history)
    return {"config": _plain(suggestion.config)}


def _stop(config, snapshots):
    from sweeps import RunState, SweepRun, stop_runs

    stopped = []
    for runs in snapshots:
        sweep_runs = [
            SweepRun(name=run["name"], state=RunState(run["state"]), history=run["history"], config={}) for run in runs
        ]
        stopped.append([run.name for run in stop_runs(config, sweep_runs)])
    return {"stopped": stopped}


def handle(request):
    """Dispatch one request dict to its operation and return the answer dict."""
    if not isinstance(request, dict):
        raise TypeError("request must be a JSON object")
    op = request.get("op")
    if op == "draws":
        return _draws(request["parameters"], int(request.get("n", 2000)), request.get("seed", 0))
    if op == "grid":
        return _grid(request["parameters"])
    if op == "validate":
        return _validate(request["config"])
    if op == "next":
        return _next(request["config"], request.get("runs", []), int(request.get("seed", 0)))
    if op == "stop":
        return _stop(request["config"], request["snapshots"])
    raise ValueError(f"unknown op {op!r}; expected 'draws', 'grid', 'validate', 'next' or 'stop'")


def _answer(read):
    """Run ``handle`` on the request ``read()`` returns; write the answer (or the error) as one line."""
    try:
        answer = handle(read())
    except Exception as exc:
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    try:
        text = json.dumps(answer)
    except (TypeError, ValueError) as exc:
        text = json.dumps({"error": f"answer not JSON-serializable: {exc}"})
    _STDOUT.write(text + "\n")
    _STDOUT.flush()


def main():
    """Answer one request read from stdin or, with ``--serve``, one per line until EOF."""
    if "--serve" in sys.argv[1:]:
        for line in sys.stdin:
            if line.strip():
                _answer(lambda line=line: json.loads(line))
        return 0
    _answer(lambda: json.load(sys.stdin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
