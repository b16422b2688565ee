"""The import graph of the package: layers, no cycles, W&B kept out of the core, one door to Optuna.

Every import counts: top-level, inside functions, under ``TYPE_CHECKING``. Modules are read with
``ast`` (nothing is imported), so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import optuna
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tuneflow"
ADAPTER = "tuneflow.engine.optuna_adapter"

#: Layers, lowest first: a module may import its own layer and the ones below.
#: The Optuna adapter lives in engine/ but imports only Optuna: it sits below everything that uses
#: Optuna (search's suggest and sampler too), so it counts as a leaf.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "leaves",
        (
            "tuneflow.errors",
            "tuneflow.keys",
            "tuneflow.values",
            "tuneflow.version",
            "tuneflow.redact",
            "tuneflow.console",
            ADAPTER,
        ),
    ),
    ("search", ("tuneflow.search",)),
    ("engine", ("tuneflow.engine",)),
    ("tracking|views", ("tuneflow.tracking", "tuneflow.views")),
    ("tune/loading/importer/pool", ("tuneflow.tune", "tuneflow.loading", "tuneflow.importer", "tuneflow.pool")),
    ("cli/facade", ("tuneflow.cli", "tuneflow")),
]
#: Modules that may import ``tuneflow.tracking`` or ``wandb``; everything else is the core.
NOT_CORE = (
    "tuneflow.tracking",
    "tuneflow.tune",
    "tuneflow.loading",
    "tuneflow.importer",
    "tuneflow.pool",
    "tuneflow.cli",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def imported(module: str, tree: ast.Module) -> Iterator[tuple[str, int]]:
    """Every module ``module`` imports (absolute names), with the line, wherever the import stands."""
    package = (
        module if (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists() else module.rpartition(".")[0]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in modules() else base), node.lineno


def graph() -> dict[str, set[str]]:
    """tuneflow module -> the tuneflow modules it imports (the bundled recipes are left out)."""
    out: dict[str, set[str]] = {}
    for name, tree in modules().items():
        out[name] = {
            target
            for target, _ in imported(name, tree)
            if target in modules() and target != name and not _within(target, "tuneflow.recipes")
        }
    return out


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if _within(module, prefix) and len(prefix) > best and (prefix != "tuneflow" or module == "tuneflow"):
                best, rank = len(prefix), i
    assert rank >= 0, f"{module} belongs to no layer; add it to LAYERS"
    return rank


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_imports_point_down_the_layers() -> None:
    wrong = [
        f"{src} ({LAYERS[layer_of(src)][0]}) imports {dst} ({LAYERS[layer_of(dst)][0]})"
        for src, targets in graph().items()
        for dst in targets
        if layer_of(dst) > layer_of(src)
    ]
    assert not wrong, "\n".join(wrong)


def test_tracking_and_views_never_import_each_other() -> None:
    wrong = [
        f"{src} imports {dst}"
        for src, targets in graph().items()
        for dst in targets
        if (_within(src, "tuneflow.tracking") and _within(dst, "tuneflow.views"))
        or (_within(src, "tuneflow.views") and _within(dst, "tuneflow.tracking"))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_core_never_imports_wandb_or_tracking() -> None:
    wrong = []
    for name, tree in modules().items():
        if name == "tuneflow" or any(_within(name, p) for p in NOT_CORE):
            continue
        for target, line in imported(name, tree):
            if _within(target, "wandb") or _within(target, "tuneflow.tracking"):
                wrong.append(f"{name}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


# -- Optuna's private names ----------------------------------------------------------------------


@cache
def optuna_privates() -> frozenset[str]:
    """Every private name Optuna defines: modules, functions, classes, attributes set on objects."""
    names: set[str] = set()
    root = Path(optuna.__file__).parent
    for path in root.rglob("*.py"):
        names.update(part for part in path.relative_to(root).with_suffix("").parts if part.startswith("_"))
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return frozenset(n for n in names if n.startswith("_") and not (n.startswith("__") and n.endswith("__")))


def _own_privates(tree: ast.Module) -> set[str]:
    """Private names a tuneflow module defines itself: on self/cls, as functions, classes, module names."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif (name := _attr_string(node)) is not None and isinstance(node, ast.Call):
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id in ("self", "cls") and _call_name(node) != "getattr":
                own.add(name)  # object.__setattr__(self, "_x", ...) in a frozen dataclass
    return own


_ATTR_CALLS = {"getattr", "setattr", "hasattr", "delattr", "__setattr__"}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _attr_string(node: ast.AST) -> str | None:
    """The attribute name given as text to getattr/setattr/hasattr/delattr/object.__setattr__."""
    if isinstance(node, ast.Call) and _call_name(node) in _ATTR_CALLS and len(node.args) >= 2:
        name = node.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            return name.value
    return None


_OPTUNA_PRIVATE_PATH = re.compile(r"^optuna(\.\w+)*\._\w+")


def private_optuna_uses(tree: ast.Module) -> list[str]:
    """Places in ``tree`` that use a private Optuna name: module paths, attributes, getattr strings."""
    privates = optuna_privates() - _own_privates(tree)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"{line}: import {a.name}" for a in node.names if _OPTUNA_PRIVATE_PATH.match(a.name)]
        elif isinstance(node, ast.ImportFrom) and _within(node.module or "", "optuna"):
            if _OPTUNA_PRIVATE_PATH.match(node.module or "") or any(a.name.startswith("_") for a in node.names):
                found.append(f"{line}: from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Attribute) and node.attr in privates:
            found.append(f"{line}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _OPTUNA_PRIVATE_PATH.match(node.value):
            found.append(f"{line}: {node.value!r}")  # a private module's name, e.g. a logger's
        elif (name := _attr_string(node)) is not None and name in privates:
            found.append(f"{line}: {_call_name(node)}(..., {name!r})")
    return found


def test_only_the_adapter_touches_optuna_private_names() -> None:
    wrong = {name: uses for name, tree in modules().items() if name != ADAPTER and (uses := private_optuna_uses(tree))}
    assert not wrong, "\n".join(f"{name}: {uses}" for name, uses in wrong.items())


def test_the_adapter_is_where_the_private_names_are() -> None:
    """The check finds what it must: the adapter itself is full of private Optuna names."""
    uses = private_optuna_uses(modules()[ADAPTER])
    for expected in ("._storage", "._stop_flag", "._thread_local", "._trial_id", "optuna.storages._rdb"):
        assert any(expected in use for use in uses), expected


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("frozen = study._storage.get_trial(trial._trial_id)", True),
        ("study._stop_flag = True", True),
        ("from optuna.storages._heartbeat import is_heartbeat_enabled", True),
        ("import optuna.storages._rdb.models", True),
        ("from optuna.progress_bar import _ProgressBar", True),
        ("log = optuna.logging.get_logger('optuna.study._optimize')", True),
        ("backend = getattr(storage, '_backend', storage)", True),
        ("rng = self._rng.rng", True),  # a RandomSampler subclass reaching into its base
        (
            "class A:\n    def __init__(self):\n        self._lock = 1\n    def f(self):\n        return self._lock",
            False,
        ),
        ("def _helper():\n    pass\n_helper()", False),
        ("study.get_trials(deepcopy=False)", False),
    ],
)
def test_the_private_name_check_is_precise(source: str, flagged: bool) -> None:
    assert bool(private_optuna_uses(ast.parse(source))) == flagged
