"""Sweep configs as people write them: the corpus in ``sweep_corpus/``, read by W&B's engine and by tuneflow.

Each file was collected from a public repository (its first line says which, at what commit) and
is kept as found. For every file:

- **the same verdict**: W&B accepts a config when its schema check finds nothing and its engine
  can suggest a run for the file's method; tuneflow accepts it exactly then, except for the
  deliberate differences in ``DELIBERATE`` (each with its reason, documented in docs/sweeps.md). When
  both refuse, tuneflow's error names every parameter W&B's names, and says how to fix it;
- **the same space**: every value W&B's engine suggests (its ``next_run`` for the file's method,
  and 300 random draws of the parameters) lies in tuneflow's space for that parameter (the
  value the study stores, :meth:`Param.stored`), and the train function gets it back unchanged,
  type included (an int stays an int);
- **the same grid**: under ``method: grid``, each parameter takes the values W&B's grid takes and
  the grid has as many points.

Nothing here names a file: the checks are general, so a new file in the corpus is checked as it is.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from wandb_engine.engine import EngineSession

import tuneflow
from tuneflow.errors import SweepConfigError
from tuneflow.search.space import Param

CORPUS_DIR = Path(__file__).with_name("sweep_corpus")
CORPUS = sorted(CORPUS_DIR.glob("*.yaml"))
N_DRAWS = 300
N_SUGGESTIONS = 3

#: Where tuneflow's verdict differs from W&B's on purpose: a pattern of W&B's message -> why.
DELIBERATE: dict[str, str] = {
    r"uses (log_uniform|q_log_uniform|inv_log_uniform), where min/max specify base-e exponents": (
        "accepted with a warning: W&B's checker refuses the deprecated exponent forms, but its engine "
        "runs them (natural-log exponents) and old sweeps use them; tuneflow runs them as the engine "
        "reads them and says what to write instead (docs/sweeps.md)"
    ),
}


#: Where tuneflow refuses a config W&B's checker and ``next_run`` accept: a pattern of tuneflow's
#: problem -> why. Other deliberate differences, not met in the corpus, are tested where they live:
#: ``distribution: categorical`` beside ``probabilities`` (W&B refuses it; tuneflow reads it as
#: ``categorical_w_probabilities`` and warns, test_yaml_trap.py) and ``metrics`` under any method
#: (tuneflow's multi-objective extension; W&B wants ``method: custom``, docs/mapping.md).
DELIBERATE_REFUSALS: dict[str, str] = {
    r"stopping trials early compares their metric": (
        "W&B's engine raises 'early terminate requires \"metric\" section' at its first stop check; "
        "tuneflow says so before the study starts"
    ),
    r"sigma: must be > 0|beta needs [ab] > 0|must be a finite number, but got (inf|-inf|nan)": (
        "W&B's checker lets sigma 0, beta's a or b 0 and infinite bounds through, but its engine "
        "then draws NaN (or inf) for them; tuneflow says so before the study starts"
    ),
    r"two parameters share the name": (
        "a dotted name (`a.b`) beside a nested one (`a: {parameters: {b}}`): Optuna names a parameter "
        "by one string, and W&B's own run table flattens nested keys with '.' so they collide there too"
    ),
    r"are the same choice to Optuna": (
        "Optuna's categorical finds a stored value with ==, so True and 1 (or a list and its JSON "
        "text) would be one choice; docs/mapping.md: values Optuna cannot tell apart"
    ),
}


def _provenance(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def _refusals(violations: list[str]) -> list[str]:
    """W&B's violations minus the ones tuneflow deliberately accepts."""
    return [v for v in violations if not any(re.search(p, v) for p in DELIBERATE)]


def _leaf(config: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at a parameter's path in W&B's run config (``{"name": {"value": v}}``, nested in v)."""
    value = config[path[0]]["value"]
    for key in path[1:]:
        value = value[key]
    return value


def _ask_engine(session: EngineSession, config: dict[str, Any]) -> dict[str, Any]:
    """W&B's verdict on one config and, when it accepts, the values its engine suggests."""
    violations = session.ask({"op": "validate", "config": config})["violations"]
    answer: dict[str, Any] = {"violations": violations, "engine_error": None}
    try:
        answer["suggestions"] = [session.next_config(config, [], seed) for seed in range(N_SUGGESTIONS)]
    except RuntimeError as exc:  # the engine cannot run this config (W&B's controller fails the same way)
        answer["engine_error"] = str(exc)
        return answer
    if not _refusals(violations):
        draws = session.ask({"op": "draws", "parameters": config["parameters"], "n": N_DRAWS, "seed": 0})
        answer["draws"] = draws["draws"]
        if config.get("method") == "grid":
            answer["grid"] = session.ask({"op": "grid", "parameters": config["parameters"]})["configs"]
    return answer


@pytest.fixture(scope="module")
def engine() -> Iterator[dict[str, dict[str, Any]]]:
    """W&B's engine's answers for every corpus file, from one engine process."""
    with EngineSession() as session:
        yield {path.name: _ask_engine(session, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in CORPUS}


def _tuneflow(path: Path) -> tuple[tuneflow.Recipe | None, SweepConfigError | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tuneflow.Recipe.from_sweep(path, train=lambda config: 0.0), None
        except SweepConfigError as exc:
            return None, exc


def test_the_corpus_is_real_and_varied() -> None:
    """40+ files, each naming its source; between them, the shapes people write."""
    assert len(CORPUS) >= 40
    for path in CORPUS:
        assert re.match(r"# [\w.-]+/[\w.-]+ \S+", _provenance(path)), path.name
    texts = [path.read_text(encoding="utf-8") for path in CORPUS]
    for shape in ("method: bayes", "method: grid", "method: random", "early_terminate", "command:", "${args"):
        assert sum(shape in t for t in texts) >= 2, shape
    for shape in ("parameters:\n", "distribution: log_uniform\n", "q_log_uniform_values", "q_uniform", "value:"):
        assert any(shape in t for t in texts), shape


@pytest.mark.wandb_engine
@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_tuneflow_accepts_exactly_what_wandb_accepts(engine: dict, path: Path) -> None:
    theirs = engine[path.name]
    wandb_accepts = not _refusals(theirs["violations"]) and theirs["engine_error"] is None
    recipe, error = _tuneflow(path)
    where = _provenance(path)
    deliberate = error is not None and all(
        any(re.search(p, problem) for p in DELIBERATE_REFUSALS) for problem in error.problems
    )
    assert (recipe is not None) == wandb_accepts or (wandb_accepts and deliberate), (
        f"{where}\nW&B: {theirs['violations']} {theirs['engine_error']}\ntuneflow: {error}"
    )
    if error is not None:  # every parameter W&B names, tuneflow names too, with what to do
        named = re.findall(r"invalid hyperparameter configuration: (\S+)", " ".join(theirs["violations"]))
        for name in named:
            assert f"parameters.{name}" in str(error), (where, name, str(error))
        for problem in error.problems:  # a field, then what is wrong and what to write instead
            assert re.match(r"[\w.-]+: ", problem) and re.search(r"\b(write|give|use|remove|add|like)\b", problem), (
                problem
            )


def _space_problems(param: Param, dist: Any, value: Any) -> str | None:
    """Why W&B's ``value`` for ``param`` is not in tuneflow's space, or None when it is."""
    if dist is None:  # a constant: only in the config
        return None if param.constant() == value else f"constant {param.constant()!r}, W&B gave {value!r}"
    try:
        stored = param.stored(value, dist)
    except ValueError as exc:
        return f"W&B's {value!r} is outside tuneflow's {dist}: {exc}"
    back = param.to_config(stored)
    if back != value or type(back) is not type(value):
        return f"W&B's {value!r} ({type(value).__name__}) reaches train as {back!r} ({type(back).__name__})"
    return None


#: The files tuneflow runs (the verdict test checks that W&B's engine runs the same ones).
ACCEPTED = [p for p in CORPUS if _tuneflow(p)[0] is not None]


@pytest.mark.wandb_engine
@pytest.mark.parametrize("path", ACCEPTED, ids=[p.stem for p in ACCEPTED])
def test_every_value_wandb_suggests_is_in_tuneflows_space(engine: dict, path: Path) -> None:
    recipe, _ = _tuneflow(path)
    assert recipe is not None and "draws" in engine[path.name], "W&B's engine drew no run from a file tuneflow runs"
    space = recipe.search_space
    assert space is not None
    dists = space.distributions(grid=recipe.method == "grid")
    theirs = engine[path.name]
    assert set(theirs["draws"]) == set(space.by_name), "the same parameters, by dotted name"
    problems = []
    for param in space.params:
        values = [_leaf(config, param.path) for config in theirs["suggestions"]] + theirs["draws"][param.name]
        for value in values:
            found = _space_problems(param, dists.get(param.name), value)
            if found:
                problems.append(f"parameters.{param.name} ({param.kind}): {found}")
                break
    assert not problems, f"{_provenance(path)}\n" + "\n".join(problems)


@pytest.mark.wandb_engine
@pytest.mark.parametrize("path", [p for p in CORPUS if "method: grid" in p.read_text(encoding="utf-8")])
def test_grid_configs_enumerate_wandbs_points(engine: dict, path: Path) -> None:
    recipe, _ = _tuneflow(path)
    if recipe is None or "grid" not in engine[path.name]:
        pytest.skip("refused by both")
    space = recipe.search_space
    assert space is not None
    theirs = engine[path.name]["grid"]
    size = 1
    for param in space.params:
        ours = param.grid_values()
        size *= len(ours)
        wandb_values = {yaml.safe_dump(_leaf({k: {"value": v} for k, v in c.items()}, param.path)) for c in theirs}
        assert wandb_values == {yaml.safe_dump(v) for v in ours}, param.name
    assert size == len(theirs)
