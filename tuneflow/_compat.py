"""Old module paths (before the search/engine/tracking/views layout) keep working for one release.

One mechanism for every moved module: a meta-path finder maps an old name such as
``tuneflow.runner`` to the modules its contents now live in, and hands back a small proxy module
whose attributes are looked up in those modules, in order (PEP 562 ``__getattr__``), so
``from tuneflow.runner import tune`` and ``import tuneflow.recipe as r; r.load_recipe`` behave as
before. Importing an old path emits one ``DeprecationWarning`` naming the new one. No file per old
module, and nothing here imports a tuneflow module until an old path is actually used.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any

# old module -> the modules its public names live in now (looked up in this order)
MOVED: dict[str, tuple[str, ...]] = {
    "tuneflow.space": ("tuneflow.search.space",),
    "tuneflow.methods": ("tuneflow.search.methods",),
    "tuneflow.sweep": ("tuneflow.search.sweep",),
    "tuneflow.recipe": ("tuneflow.search.recipe", "tuneflow.search.metric", "tuneflow.loading"),
    "tuneflow.storage": ("tuneflow.engine.storage",),
    "tuneflow.signals": ("tuneflow.engine.signals",),
    "tuneflow.gridqueue": ("tuneflow.engine.gridqueue", "tuneflow.keys"),
    "tuneflow.liveness": ("tuneflow.engine.liveness", "tuneflow.keys"),
    "tuneflow.objective": ("tuneflow.engine.trial", "tuneflow.values"),
    "tuneflow.optimize": ("tuneflow.engine.loop",),
    "tuneflow.result": ("tuneflow.engine.result", "tuneflow.keys"),
    "tuneflow.runner": ("tuneflow.tune", "tuneflow.engine.study", "tuneflow.errors"),
    "tuneflow.wandb_bridge": ("tuneflow.tracking.writer", "tuneflow.tracking.runs", "tuneflow.tracking.reader"),
    "tuneflow.agent": ("tuneflow.tracking.agent",),
    "tuneflow.program": ("tuneflow.tracking.program",),
    "tuneflow.wandb_summary": ("tuneflow.tracking.summary",),
    "tuneflow.display": ("tuneflow.views.display", "tuneflow.search.space"),
    "tuneflow.plotting": ("tuneflow.views.plotting",),
    "tuneflow.report": ("tuneflow.views.report",),
    "tuneflow.dashboard": ("tuneflow.views.dashboard",),
}


def _proxy(name: str, targets: Sequence[str]) -> types.ModuleType:
    """A module named ``name`` whose attributes come from ``targets`` (first module that has it)."""
    module = types.ModuleType(name, f"Deprecated alias of {', '.join(targets)}.")

    def __getattr__(attr: str) -> Any:
        for target in targets:
            found = importlib.import_module(target)
            if hasattr(found, attr):
                return getattr(found, attr)
        raise AttributeError(f"module {name!r} has no attribute {attr!r} (it moved to {', '.join(targets)})")

    def __dir__() -> list[str]:
        return sorted({n for target in targets for n in dir(importlib.import_module(target))})

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    module.__dir__ = __dir__  # type: ignore[method-assign]
    return module


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, targets: Sequence[str]) -> None:
        self.targets = targets

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _proxy(spec.name, self.targets)

    def exec_module(self, module: types.ModuleType) -> None:
        warnings.warn(
            f"{module.__name__} is deprecated and will be removed in the next release; "
            f"import from {' or '.join(self.targets)} instead",
            DeprecationWarning,
            stacklevel=2,
        )


class AliasFinder(importlib.abc.MetaPathFinder):
    """Finds the old module names of :data:`MOVED`, and nothing else."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        targets = MOVED.get(fullname)
        if targets is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(targets))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once (idempotent: re-importing tuneflow adds no second one)."""
    if not any(isinstance(finder, AliasFinder) for finder in sys.meta_path):
        sys.meta_path.append(AliasFinder())
