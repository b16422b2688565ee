"""Hints for sweep configs as people write them: YAML's number trap and W&B's deprecated forms.

YAML 1.1 (PyYAML, which W&B reads sweep files with) reads ``1e-3`` as the *string* "1e-3": a
float needs a dot (``1.0e-3``) or no exponent (``0.001``). A bound given that way is an error
that says why and what to write; a number-like string in ``values`` is passed on as a string,
as W&B does, with one warning per parameter.

``distribution: categorical`` beside ``probabilities`` is refused by W&B (it wants
``categorical_w_probabilities``); tuneflow reads it as that and warns with the spelling W&B takes.

``log_uniform``, ``q_log_uniform`` and ``inv_log_uniform`` take natural-log *exponents* as
bounds. W&B's checker refuses them ("uses log_uniform, where min/max specify base-e exponents.
Use log_uniform_values to specify limit values."); tuneflow accepts them, reads them as W&B's
engine does, and warns with the bounds written out as values.

"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tuneflow.values import is_number_text

__all__ = [
    "DEPRECATED_EXPONENT_FORMS",
    "deprecated_form",
    "number_text_fix",
    "probabilities_spelling",
    "text_numbers",
    "text_numbers_warning",
]

#: The deprecated exponent distributions and the ``*_values`` twin that means the same.
DEPRECATED_EXPONENT_FORMS = {
    "log_uniform": "log_uniform_values",
    "q_log_uniform": "q_log_uniform_values",
    "inv_log_uniform": "inv_log_uniform_values",
}
_EXPONENT_ONLY = re.compile(r"^(?P<mantissa>[+-]?\d+)(?P<exp>[eE][+-]?\d+)$")


def _written_as_float(text: str) -> str:
    """How to write ``text`` so that YAML 1.1 reads a number: ``1e-3`` -> ``1.0e-3``, ``'7'`` -> ``7``."""
    match = _EXPONENT_ONLY.match(text.strip())
    if match:
        return f"{match['mantissa']}.0{match['exp']}"
    try:
        return str(int(text.strip()))
    except ValueError:
        return repr(float(text))


def number_text_fix(where: str, value: str) -> str:
    """The error for a number-like string where a number is needed: the reason and the fix."""
    text = value.strip()
    if _EXPONENT_ONLY.match(text):
        return (
            f"{where}: must be a number, but got the text {value!r}: `{text}` is read as text by YAML 1.1 "
            f"(PyYAML, which W&B uses too; a float needs a dot); write `{_written_as_float(text)}`."
        )
    return (
        f"{where}: must be a number, but got the text {value!r} (quoted in the config?); "
        f"write it without quotes: `{_written_as_float(text)}`."
    )


def text_numbers(values: Iterable[Any]) -> list[str]:
    """The number-like strings among ``values``, in order, each once."""
    return list(dict.fromkeys(v for v in values if is_number_text(v)))


def text_numbers_warning(name: str, found: list[str]) -> str:
    """One warning for a parameter whose ``values`` hold number-like strings."""
    shown = ", ".join(repr(v) for v in found)
    fixes = ", ".join(_written_as_float(v) for v in found)
    return (
        f"parameters.{name}: {shown} {'is' if len(found) == 1 else 'are'} text, not "
        f"{'a number' if len(found) == 1 else 'numbers'} (YAML 1.1 reads an exponent without a dot, like `1e-3`, "
        "as text, and quoted numbers are text); "
        f"train receives {'it' if len(found) == 1 else 'them'} as {'a string' if len(found) == 1 else 'strings'}, "
        f"as under W&B. To pass numbers, write {fixes}."
    )


def deprecated_form(name: str, kind: str, spec: Mapping[str, Any]) -> str | None:
    """The warning for a deprecated exponent distribution: how it is read, what to write instead."""
    twin = DEPRECATED_EXPONENT_FORMS.get(kind)
    if twin is None:
        return None
    lo, hi = float(spec["min"]), float(spec["max"])
    if kind == "inv_log_uniform":  # 1 / x with x = e**U(min, max): values e**-max .. e**-min
        vmin, vmax = math.exp(-hi), math.exp(-lo)
        read = f"as exponents of 1/x: values from e**{-hi + 0.0:g} = {vmin:.6g} to e**{-lo + 0.0:g} = {vmax:.6g}"
    else:
        vmin, vmax = math.exp(lo), math.exp(hi)
        read = f"as natural-log exponents: values from e**{lo:g} = {vmin:.6g} to e**{hi:g} = {vmax:.6g}"
    extra = f", q: {spec['q']}" if kind == "q_log_uniform" else ""
    message = (
        f"parameters.{name}: distribution '{kind}' is deprecated (W&B's checker refuses it: it "
        f'"uses {kind}, where min/max specify base-e exponents"); tuneflow reads min/max {read}. '
        f"To mean the same, write `distribution: {twin}, min: {vmin:.6g}, max: {vmax:.6g}{extra}`"
    )
    if 0 < lo < hi <= 1 and kind != "inv_log_uniform":
        message += (
            f"; if you meant the values {lo:g} .. {hi:g}, write `distribution: {twin}, min: {lo:g}, max: {hi:g}{extra}`"
        )
    return message + "."


def probabilities_spelling(name: str) -> str:
    """The warning for ``distribution: categorical`` beside ``probabilities``, which W&B refuses."""
    return (
        f"parameters.{name}: W&B refuses `distribution: categorical` beside `probabilities` (its checker and "
        "its engine: 'invalid hyperparameter configuration'); tuneflow reads them as W&B's "
        "`categorical_w_probabilities`. For the file to run on W&B too, write "
        "`distribution: categorical_w_probabilities` or leave `distribution` out."
    )
