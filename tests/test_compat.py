"""Module paths of the flat layout keep importing, with a DeprecationWarning, for one release."""

from __future__ import annotations

import importlib
import sys

import pytest

import tuneflow
from tuneflow import _compat

#: old path -> a name users imported from it, and where it lives now
USED = {
    "tuneflow.runner": ("tune", "tuneflow.tune"),
    "tuneflow.recipe": ("load_recipe", "tuneflow.loading"),
    "tuneflow.space": ("SearchSpace", "tuneflow.search.space"),
    "tuneflow.objective": ("TrialContext", "tuneflow.engine.trial"),
    "tuneflow.wandb_bridge": ("read_run", "tuneflow.tracking.reader"),
    "tuneflow.result": ("FAIL_REASON_ATTR", "tuneflow.keys"),
    "tuneflow.display": ("flatten", "tuneflow.search.space"),
}


@pytest.mark.parametrize("old", sorted(_compat.MOVED))
def test_every_old_path_imports_with_a_warning(old: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=old.replace(".", r"\.")):
        module = importlib.import_module(old)
    first = importlib.import_module(_compat.MOVED[old][0])
    public = getattr(first, "__all__", None) or [n for n in dir(first) if not n.startswith("_")]
    assert set(public) <= set(dir(module))
    assert all(getattr(module, n) is getattr(first, n) for n in public)
    with pytest.raises(AttributeError, match="moved to"):
        module.no_such_name  # noqa: B018


@pytest.mark.parametrize(("old", "used"), sorted(USED.items()))
def test_names_resolve_to_the_new_objects(old: str, used: tuple[str, str]) -> None:
    name, new = used
    with pytest.warns(DeprecationWarning):
        sys.modules.pop(old, None)
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)


def test_tracking_keeps_its_public_names() -> None:
    from tuneflow.tracking import RUN_PATH_ATTR, WandbOptions

    assert WandbOptions is tuneflow.WandbOptions
    assert RUN_PATH_ATTR == "wandb_run_path"


def test_new_paths_do_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    importlib.import_module("tuneflow.tune")
    importlib.import_module("tuneflow.search.recipe")
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning) and "tuneflow" in str(w.message)]
