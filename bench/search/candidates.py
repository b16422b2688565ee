"""Candidate rules for ``auto``, measured on the design half only (issue 16).

Each is a drop-in for :func:`tuneflow.search.auto.choose` (same signature): given the space, the
budget, the objectives, whether torch is installed and whether trials run in parallel, the
:class:`~tuneflow.search.auto.Choice` to run. Each changes one property of ``auto``'s choice, so a
design-half figure says what that property is worth.
"""

from __future__ import annotations

from typing import Any

from tuneflow.search.auto import GP_STARTUP, Choice, SpaceShape, choose, startup

__all__ = ["RULES"]


def _gp_on_mixed(
    space: Any, n_trials: int | None, n_objectives: int = 1, torch: bool | None = None, parallel: bool = False
) -> Choice:
    """GP also on mixed and discrete fixed spaces with small categoricals (where ``auto`` runs TPE)."""
    choice = choose(space, n_trials, n_objectives, torch=torch, parallel=parallel)
    shape = SpaceShape.of(space)
    small = shape.largest_categorical <= 10 and shape.kind in ("mixed", "discrete")
    if choice.method == "tpe" and small and n_objectives == 1 and not parallel and torch is not False:
        start = startup(GP_STARTUP, n_trials)
        return Choice("gp", {"n_startup_trials": start}, f"candidate: GP on {shape.describe()}")
    return choice


RULES: dict[str, Any] = {
    "gp-mixed": _gp_on_mixed,
}
