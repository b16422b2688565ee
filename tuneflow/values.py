"""What counts as a number: one definition of the checks every module makes on user values.

``True`` is an ``int`` to Python but never a number here (a YAML ``yes`` must not become a
bound or a metric), and NaN/inf are numbers but not *finite* ones (Optuna accepts ``inf`` as
COMPLETE, so tuneflow checks before telling it).
"""

from __future__ import annotations

import math
import numbers
from typing import Any, TypeGuard

__all__ = ["as_float", "is_finite_number", "is_int", "is_number", "is_number_text", "is_positive_int", "schema_int"]


def is_number(x: Any) -> TypeGuard[int | float]:
    """An int or float, not a bool (finite or not)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_finite_number(x: Any) -> TypeGuard[int | float]:
    """An int or float, not a bool, and finite."""
    return is_number(x) and math.isfinite(x)


def is_int(x: Any) -> TypeGuard[int]:
    """An int, not a bool."""
    return isinstance(x, int) and not isinstance(x, bool)


def is_positive_int(x: Any) -> TypeGuard[int]:
    """An int >= 1, not a bool."""
    return is_int(x) and x >= 1


def schema_int(x: Any) -> Any:
    """``x`` as an int when it is one in JSON Schema's sense (``3`` or ``3.0``), else ``x`` unchanged.

    W&B checks sweep configs with JSON Schema, whose ``integer`` takes a float with an integral
    value (``run_cap: 10.0``, ``min_iter: 3.0``); such a config runs on W&B, so it runs here too.
    """
    return int(x) if isinstance(x, float) and x.is_integer() else x


def is_number_text(value: Any) -> bool:
    """A string that Python reads as a finite number (``'1e-3'``, ``'0.5'``): YAML 1.1 reads an
    exponent without a dot (``1e-3``) as text, so such strings arrive where numbers were meant."""
    if not isinstance(value, str):
        return False
    try:
        return math.isfinite(float(value.strip()))
    except ValueError:
        return False


def as_float(value: Any) -> float | None:
    """``value`` as a float when it is a real number (numpy and torch scalars included), else None.

    Bools are not numbers; a 0-d array or a one-element tensor is read through ``.item()``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    item = getattr(value, "item", None)  # numpy 0-d arrays, torch scalars
    if callable(item) and getattr(value, "size", 1) in (1, ()):
        try:
            inner = item()
        except (TypeError, ValueError, RuntimeError):
            return None
        return as_float(inner) if not isinstance(inner, bool) else None
    return None
