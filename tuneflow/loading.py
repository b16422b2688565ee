"""Finding recipes: a recipe module's ``recipe``, a W&B sweep YAML (its ``program`` included), or a
built-in recipe by name.

Above both ``search`` (the Recipe) and ``tracking`` (a sweep's ``program`` runs as a train function
that follows the program's own W&B run), so neither has to import the other.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
from collections.abc import Iterator
from importlib.machinery import ModuleSpec
from pathlib import Path

from tuneflow.errors import TuneflowError
from tuneflow.search.recipe import Recipe
from tuneflow.tracking.program import program_train

__all__ = ["builtin_recipes", "load_recipe"]


# -- loading -----------------------------------------------------------------------------------


def builtin_recipes() -> dict[str, str]:
    """The recipes that ship with tuneflow (``tuneflow recipes`` lists them).

    Returns:
        Each built-in recipe's name (what `load_recipe` and ``tuneflow run`` take) mapped to its
        one-line description (the first line of its module's docstring), sorted by name.
    """
    import tuneflow.recipes as package

    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))
    return {name: _first_doc_line(importlib.util.find_spec(f"tuneflow.recipes.{name}")) for name in names}


def _first_doc_line(spec: ModuleSpec | None) -> str:
    if spec is None or not spec.origin:
        return ""
    try:
        doc = ast.get_docstring(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError):
        return ""
    return (doc.strip().splitlines() or [""])[0]


def load_recipe(ref: str | Path) -> Recipe:
    """Load a recipe: a recipe module path (its ``recipe``), a W&B sweep YAML, or a built-in name.

    A sweep YAML without a train function runs its ``program`` for each trial, as ``wandb agent``
    would, with the program path as written (relative to the working directory, not the YAML).

    Args:
        ref: A path to a Python module defining ``recipe = tuneflow.Recipe(...)``; a path ending
            in ``.yaml``, ``.yml`` or ``.json`` (a W&B sweep config); or the name of a built-in
            recipe (see `builtin_recipes`).

    Returns:
        The recipe.

    Raises:
        TuneflowError: No such file or built-in recipe, the module fails to import (the message
            names the line), or it defines no ``recipe``.
        RecipeError: The module's ``Recipe(...)`` is invalid.
        SweepConfigError: The sweep config is invalid.
    """
    path = Path(ref)
    suffix = path.suffix.lower()  # `sweep.YAML` is a sweep config too, not a Python module
    if suffix in (".yaml", ".yml", ".json"):
        if not path.is_file():
            raise TuneflowError(f"no sweep config at {str(path)!r}")
        recipe = Recipe.from_sweep(path)
        if recipe.train is None and recipe.program:  # run the sweep's program, as `wandb agent` would
            # From here, with the program path as written: `wandb agent` ignores the YAML's folder.
            recipe = recipe.replace(train=program_train(recipe))
        return recipe
    if suffix == ".py" or path.is_file():
        if not path.is_file():
            raise TuneflowError(f"no recipe module at {str(path)!r}")
        module_name = f"tuneflow_recipe_{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise TuneflowError(f"cannot import {str(path)!r} as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # lets pickling and dataclasses find it
        with _loading(f"recipe module {str(path)!r}", path, module_name):
            spec.loader.exec_module(module)
    else:
        names = builtin_recipes()
        if str(ref) not in names:
            raise TuneflowError(
                f"no recipe {str(ref)!r}: not a file and not a built-in recipe (built-in: {', '.join(names) or 'none'})"
            )
        name = f"tuneflow.recipes.{ref}"
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        with _loading(f"built-in recipe {str(ref)!r}", origin, name):  # e.g. its model library is missing
            module = importlib.import_module(name)
    found = getattr(module, "recipe", None)
    if not isinstance(found, Recipe):
        raise TuneflowError(f"{str(ref)!r} defines no `recipe = tuneflow.Recipe(...)`")
    return found


@contextlib.contextmanager
def _loading(what: str, path: Path | None, module_name: str) -> Iterator[None]:
    """Running a recipe module: an error in it is one line saying where and what (``--debug``:
    the traceback); a bad ``Recipe(...)`` in it lists its own problems. A failed module is forgotten."""
    try:
        yield
    except Exception as exc:  # broad: the recipe module is user code; any error in it is one clear line
        sys.modules.pop(module_name, None)
        if isinstance(exc, TuneflowError):  # a bad Recipe(...) lists its own problems
            raise
        raise TuneflowError(f"cannot load {what}: {_line_of(exc, path)}{type(exc).__name__}: {exc}") from exc


def _line_of(exc: BaseException, path: Path | None) -> str:
    """``line N: `` of the recipe module where ``exc`` arose (its last frame in that file), or ``""``."""
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        return f"line {exc.lineno}: "
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if path is not None and Path(frame.f_code.co_filename).resolve() == path.resolve():
            line = lineno
    return f"line {line}: " if line is not None else ""
