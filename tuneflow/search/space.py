"""W&B sweep ``parameters`` blocks <-> Optuna distributions.

Each W&B distribution kind is one :class:`Kind` record in :data:`KINDS` (its keys and defaults,
Optuna distribution, W&B draw, grid values and lossiness); everything else reads those records.
A W&B parameters block is parsed once into :class:`Param` objects (one per leaf, nested blocks
flattened to dotted names such as ``model.boosting``). Each ``Param`` knows, from its kind's record,

- the Optuna distribution that stores its value (what model-based samplers search and what
  Optuna's plots show),
- how to draw a value exactly as W&B's ``random`` method would (:meth:`Param.draw`),
- how to turn the stored value into the value the train function receives
  (:meth:`Param.to_config`: decoding list/dict choices, rounding ``q_log_*`` values),
- the points W&B's ``grid`` method enumerates (:meth:`Param.grid_values`),
- and, when a model-based sampler cannot represent it exactly, why (:attr:`Param.lossy`).

:func:`parse_parameters` never raises on bad input: it returns every problem found so that a
recipe can report them all at once.
"""

from __future__ import annotations

import copy
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import optuna
from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)

from tuneflow.engine import optuna_adapter as adapter
from tuneflow.search.hints import (
    deprecated_form,
    number_text_fix,
    probabilities_spelling,
    text_numbers,
    text_numbers_warning,
)
from tuneflow.values import is_finite_number, is_int, is_number_text

__all__ = [
    "DISTRIBUTIONS",
    "KINDS",
    "Kind",
    "Param",
    "SearchSpace",
    "build_config",
    "flatten",
    "parse_parameters",
]

#: Width, in standard deviations, of the box a model-based sampler searches for normal-type
#: distributions (W&B's are unbounded; Optuna's are not). Covers 99.994 % of the mass.
NORMAL_SPAN = 4.0

_ALIASES = {"categorical_w_probabilities": "categorical"}
_PRIMITIVE = (type(None), bool, int, float, str)

Spec = Mapping[str, Any]
Rng = np.random.RandomState


def _quantize(x: float, q: float) -> float | int:
    """W&B's rounding: ``round(x / q) * q``, an int when ``q`` is an int (as in ``sweeps``)."""
    v = float(np.round(x / q) * q)
    return int(v) if is_int(q) else v


def _encode(value: Any) -> Any:
    """Optuna categoricals take only None/bool/int/float/str: encode lists and dicts as JSON."""
    return value if isinstance(value, _PRIMITIVE) else json.dumps(value, sort_keys=True)


@dataclass(frozen=True, eq=False)
class Kind:
    """One W&B distribution kind: everything tuneflow does with it, in one record.

    - ``required`` / ``defaults``: the keys W&B's config takes (the optional ones with W&B's defaults);
    - ``optuna``: the Optuna distribution that stores a value of the filled-in spec (None: a
      constant, which Optuna never sees);
    - ``draw``: a stored value, drawn exactly as W&B's ``random`` method draws it;
    - ``grid``: the values W&B's ``grid`` method enumerates, in its order (None: not a grid kind);
    - ``lossy``: why a model-based sampler cannot search it exactly (None: it can);
    - ``rounded``: stored unrounded (Optuna has no stepped log distribution), rounded to ``q`` for train;
    - ``integer``: ``min``/``max`` must be integers; ``positive``: they are values on a log scale (> 0).
    """

    required: tuple[str, ...]
    defaults: Mapping[str, Any]
    optuna: Callable[[Spec], BaseDistribution | None]
    draw: Callable[[Spec, Rng], Any]
    grid: Callable[[Spec], list[Any]] | None = None
    lossy: Callable[[Spec], str | None] = lambda s: None
    rounded: bool = False
    integer: bool = False
    positive: bool = False


def _distinct(values: Iterable[Any]) -> dict[Any, Any]:
    """Encoded value -> its first listing, in listing order (a repeated value is one choice)."""
    out: dict[Any, Any] = {}
    for v in values:
        out.setdefault(_encode(v), v)
    return out


def _repeated(values: Iterable[Any]) -> list[Any]:
    """Values listed more than once (each once, in listing order)."""
    counts = Counter(_encode(v) for v in values)
    first = _distinct(values)
    return [first[e] for e, n in counts.items() if n > 1]


def _draw_categorical(s: Spec, rng: Rng) -> Any:
    values, p = s["values"], s.get("probabilities")
    if p is None:
        i = int(rng.randint(len(values)))
    else:  # W&B: first index whose cumulative probability exceeds u
        i = min(int(np.searchsorted(np.cumsum(p), rng.uniform(), side="right")), len(values) - 1)
    return _encode(values[i])


def _categorical_lossy(s: Spec) -> str | None:
    if s.get("probabilities") is not None:
        return "`probabilities` are kept only by method 'random'; other methods weigh values equally"
    repeated = _repeated(s["values"])
    if repeated:
        listed = ", ".join(repr(v) for v in repeated)
        return (
            f"`values` lists {listed} more than once; model-based methods search each distinct value once "
            "(only method 'random' draws a repeated value more often, as W&B does)"
        )
    return None


def _span(s: Spec) -> tuple[float, float]:
    """mu +/- NORMAL_SPAN sigma: the box a model-based sampler searches for a normal-type kind."""
    return s["mu"] - NORMAL_SPAN * s["sigma"], s["mu"] + NORMAL_SPAN * s["sigma"]


# The Optuna distributions of the log-scale kinds: bounds as exponents, as values, as mu +/- span.
def _exp_bounds(s: Spec) -> FloatDistribution:
    return FloatDistribution(math.exp(s["min"]), math.exp(s["max"]), log=True)


def _value_bounds(s: Spec) -> FloatDistribution:
    return FloatDistribution(float(s["min"]), float(s["max"]), log=True)


def _exp_span(s: Spec) -> FloatDistribution:
    lo, hi = _span(s)
    return FloatDistribution(math.exp(lo), math.exp(hi), log=True)


# W&B's draws, built from a few base draws: uniform on [min, max], its log-scale form, normal, beta.
def _uniform(s: Spec, rng: Rng) -> float:
    return float(rng.uniform(s["min"], s["max"]))


def _uniform_exp(s: Spec, rng: Rng) -> float:
    return math.exp(rng.uniform(s["min"], s["max"]))


def _log_values(s: Spec, rng: Rng) -> float:
    return math.exp(rng.uniform(math.log(s["min"]), math.log(s["max"])))


def _normal(s: Spec, rng: Rng) -> float:
    return float(rng.normal(s["mu"], s["sigma"]))


def _normal_exp(s: Spec, rng: Rng) -> float:
    return math.exp(rng.normal(s["mu"], s["sigma"]))


def _beta(s: Spec, rng: Rng) -> float:
    return float(rng.beta(s["a"], s["b"]))


def _rounded(draw: Callable[[Spec, Rng], float]) -> Callable[[Spec, Rng], Any]:
    """W&B's ``q_*`` draw: the base draw rounded to ``q``."""
    return lambda s, rng: _quantize(draw(s, rng), s["q"])


def _searched_uniformly(kind: str) -> Callable[[Spec], str]:
    """The lossiness of normal- and beta-type kinds under model-based samplers."""
    if "beta" in kind:
        text = f"{kind} is searched uniformly over [0, 1]; only method 'random' draws the beta shape"
    else:
        log = " in log space" if "log" in kind else ""
        text = f"{kind} is searched uniformly over mu +/- {NORMAL_SPAN:g} sigma{log}; only method 'random' draws the bell curve"
    return lambda s: text


def _unstepped_log(s: Spec) -> str:
    return "Optuna has no stepped log distribution: the continuous value is searched and stored, the train function gets it rounded to q"


_BOUNDS, _Q, _NORMAL, _BETA = ("min", "max"), {"q": 1.0}, {"mu": 0.0, "sigma": 1.0}, {"a": 1.0, "b": 1.0}
_Q_NORMAL, _Q_BETA = {**_NORMAL, **_Q}, {**_BETA, **_Q}

#: Every W&B distribution kind tuneflow accepts, by W&B's name.
KINDS: dict[str, Kind] = {
    "constant": Kind(("value",), {}, lambda s: None, lambda s, rng: s["value"], grid=lambda s: [s["value"]]),
    "categorical": Kind(
        ("values",),
        {"probabilities": None},
        lambda s: CategoricalDistribution(list(_distinct(s["values"]))),
        _draw_categorical,
        grid=lambda s: list(_distinct(s["values"]).values()),  # a repeated value once, where first listed
        lossy=_categorical_lossy,
    ),
    "int_uniform": Kind(
        _BOUNDS,
        {},
        lambda s: IntDistribution(s["min"], s["max"]),
        lambda s, rng: int(rng.randint(s["min"], s["max"] + 1)),
        grid=lambda s: list(range(s["min"], s["max"] + 1)),  # max included
        integer=True,
    ),
    "uniform": Kind(_BOUNDS, {}, lambda s: FloatDistribution(float(s["min"]), float(s["max"])), _uniform),
    "q_uniform": Kind(
        _BOUNDS,
        _Q,
        lambda s: _stepped(s["min"], s["max"], s["q"]),
        _rounded(_uniform),
        grid=lambda s: np.arange(s["min"], s["max"], s["q"]).tolist(),  # max excluded: W&B's quirk
    ),
    "log_uniform": Kind(_BOUNDS, {}, _exp_bounds, _uniform_exp),
    "log_uniform_values": Kind(_BOUNDS, {}, _value_bounds, _log_values, positive=True),
    "q_log_uniform": Kind(_BOUNDS, _Q, _exp_bounds, _uniform_exp, lossy=_unstepped_log, rounded=True),
    "q_log_uniform_values": Kind(
        _BOUNDS, _Q, _value_bounds, _log_values, lossy=_unstepped_log, rounded=True, positive=True
    ),
    "inv_log_uniform": Kind(
        _BOUNDS,
        {},
        lambda s: FloatDistribution(math.exp(-s["max"]), math.exp(-s["min"]), log=True),
        lambda s, rng: math.exp(-rng.uniform(s["min"], s["max"])),
    ),
    "inv_log_uniform_values": Kind(
        _BOUNDS,
        {},
        _value_bounds,
        lambda s, rng: math.exp(-rng.uniform(-math.log(s["max"]), -math.log(s["min"]))),
        positive=True,
    ),
    "normal": Kind((), _NORMAL, lambda s: FloatDistribution(*_span(s)), _normal, lossy=_searched_uniformly("normal")),
    "q_normal": Kind(
        (), _Q_NORMAL, lambda s: _stepped(*_span(s), s["q"]), _rounded(_normal), lossy=_searched_uniformly("q_normal")
    ),
    "log_normal": Kind((), _NORMAL, _exp_span, _normal_exp, lossy=_searched_uniformly("log_normal")),
    "q_log_normal": Kind(
        (), _Q_NORMAL, _exp_span, _normal_exp, lossy=_searched_uniformly("q_log_normal"), rounded=True
    ),
    "beta": Kind((), _BETA, lambda s: FloatDistribution(0.0, 1.0), _beta, lossy=_searched_uniformly("beta")),
    "q_beta": Kind(
        (), _Q_BETA, lambda s: _stepped(0.0, 1.0, s["q"]), _rounded(_beta), lossy=_searched_uniformly("q_beta")
    ),
}

#: Every W&B distribution name tuneflow accepts (``categorical_w_probabilities`` is an alias).
DISTRIBUTIONS: tuple[str, ...] = tuple(KINDS)


@dataclass(frozen=True, eq=False)
class Param:
    """One leaf of a W&B parameters block, with its W&B defaults filled in."""

    path: tuple[str, ...]
    kind: str
    spec: Mapping[str, Any]
    _decode: dict[Any, Any] = field(default_factory=dict, repr=False)
    #: The ``distribution`` as written (None when inferred), for hints about W&B's spelling.
    written: str | None = None

    @property
    def name(self) -> str:
        """The Optuna parameter name: the nested path joined with dots."""
        return ".".join(self.path)

    @property
    def record(self) -> Kind:
        """What tuneflow does with this parameter's W&B distribution kind."""
        return KINDS[self.kind]

    # -- Optuna side -------------------------------------------------------------------------

    def distribution(self) -> BaseDistribution | None:
        """The Optuna distribution that stores this parameter (None for a constant)."""
        return self.record.optuna(self.spec)

    @property
    def notes(self) -> list[str]:
        """Warnings for any method: number-like text in ``values``, a deprecated exponent form."""
        out = []
        found = text_numbers(self.spec.get("values", [self.spec.get("value")]))  # categorical, constant
        if found:
            out.append(text_numbers_warning(self.name, found))
        deprecated = deprecated_form(self.name, self.kind, self.spec)
        if deprecated:
            out.append(deprecated)
        if self.written == "categorical" and self.spec.get("probabilities") is not None:
            out.append(probabilities_spelling(self.name))
        return out

    @property
    def lossy(self) -> str | None:
        """Why a model-based sampler cannot search exactly this W&B distribution, if it cannot."""
        return self.record.lossy(self.spec)

    # -- W&B side ----------------------------------------------------------------------------

    def draw(self, rng: np.random.RandomState) -> Any:
        """Draw a stored value exactly as W&B's ``random`` method draws this parameter."""
        return self.record.draw(self.spec, rng)

    def constant(self) -> Any:
        """A constant's value (a fresh copy of a list or dict: train may mutate its config)."""
        value = self.spec["value"]
        return value if isinstance(value, _PRIMITIVE) else copy.deepcopy(value)

    def to_config(self, stored: Any) -> Any:
        """The value the train function receives for a stored Optuna value."""
        if stored in self._decode:  # a list or dict choice: a fresh copy, train may mutate it
            return copy.deepcopy(self._decode[stored])
        return _quantize(stored, self.spec["q"]) if self.record.rounded else stored

    def stored(self, value: Any, dist: BaseDistribution) -> Any:
        """The Optuna value that stores the config value ``value`` in ``dist`` (this leaf's
        distribution, or its grid categorical); ValueError naming why ``value`` does not fit.

        The inverse of :meth:`to_config`: a W&B run's config value (or one W&B's engine suggests)
        back in the space tuneflow searches.
        """
        if self.kind == "categorical" or isinstance(dist, CategoricalDistribution):
            assert isinstance(dist, CategoricalDistribution)
            reals = [(choice, self.to_config(choice)) for choice in dist.choices]  # a grid kind is never rounded
            # The same value and type first (`values: [1, "1"]` holds both), then a value as text
            # (a CSV export writes every cell as text).
            for match in (
                lambda real: type(real) is type(value) and _encode(real) == _encode(value),
                lambda real: real == value or (isinstance(value, str) and str(real) == value),
            ):
                for choice, real in reals:
                    if match(real):
                        return choice
            raise ValueError(f"{value!r} is not one of {list(dist.choices)}")
        if not is_finite_number(value):
            raise ValueError(f"{value!r} is not a number")
        if isinstance(dist, IntDistribution):
            if value != int(value):
                raise ValueError(f"{value!r} is not an integer")
            value = int(value)
        if self.record.rounded and isinstance(dist, FloatDistribution):
            # Train gets the stored value rounded to q, which can leave the bounds (W&B's
            # q_log_uniform_values(min=3, max=256, q=8) gives 0): the nearest stored value rounds to it.
            nearest = min(max(float(value), dist.low), dist.high)
            if self.to_config(nearest) == value:
                return nearest
        if not adapter.distribution_contains(dist, value):
            raise ValueError(f"{value!r} is outside [{dist.low}, {dist.high}]")  # type: ignore[attr-defined]
        return value

    def grid_values(self) -> list[Any]:
        """The values W&B's ``grid`` method enumerates, in W&B's order, each distinct value once.

        ``int_uniform`` includes ``max``; ``q_uniform`` is ``numpy.arange(min, max, q)``, which
        excludes ``max`` (a W&B quirk kept on purpose so a migrated grid has the same runs).
        """
        grid = self.record.grid
        if grid is None:
            raise ValueError(f"{self.kind} has no grid")
        return grid(self.spec)


#: Slack, in units of ``q``, for float noise when a bound sits exactly halfway between steps.
_TIE_SLACK = 1e-9


def _stepped(lo: float, hi: float, q: float) -> BaseDistribution:
    """A distribution over the multiples of ``q`` that W&B's rounding can produce from (lo, hi).

    ``round(x / q)`` over ``x / q`` in ``(a, b)`` gives the integers ``k`` with
    ``a - 1/2 < k < b + 1/2``: ``floor(a + 1/2) .. ceil(b - 1/2)``. A bound exactly halfway
    between two steps is reached with probability 0, so the step beyond it is left out
    (``numpy.round(lo / q)`` would keep it when it rounds half to even).
    """
    k_lo = math.floor(lo / q + 0.5 + _TIE_SLACK)
    k_hi = math.ceil(hi / q - 0.5 - _TIE_SLACK)
    if is_int(q):
        return IntDistribution(int(k_lo * q), int(max(k_hi, k_lo) * q), step=q)
    step = float(q)
    return FloatDistribution(round(k_lo * step, 12), round(max(k_hi, k_lo) * step, 12), step=step)


# -- parsing and validation ------------------------------------------------------------------


def _infer_kind(block: Mapping[str, Any]) -> str | None:
    """W&B's inference: value -> constant, values -> categorical, int/float min+max."""
    if "distribution" in block:
        d = block["distribution"]
        return _ALIASES.get(d, d) if isinstance(d, str) else None
    if "value" in block:
        return "constant"
    if "values" in block:
        return "categorical"
    if "min" in block and "max" in block:
        return "int_uniform" if is_int(block["min"]) and is_int(block["max"]) else "uniform"
    return None


#: Keys that must be > 0, and how their error says so.
_POSITIVE = {"q": "must be", "sigma": "must be", "a": "beta needs a", "b": "beta needs b"}


def _check_leaf(where: str, kind: str, block: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Fill W&B defaults into ``block`` and list what is wrong with it."""
    required, optional = KINDS[kind].required, KINDS[kind].defaults
    allowed = {"distribution", *required, *optional}
    problems = [
        f"{where}.{key}: unknown key for distribution '{kind}'; allowed keys are {', '.join(sorted(allowed))}."
        for key in block
        if key not in allowed
    ]
    missing = [key for key in required if key not in block]
    if missing:
        problems.append(f"{where}: distribution '{kind}' needs {', '.join(missing)}.")
        return {}, problems
    spec = {**optional, **{key: block[key] for key in block if key != "distribution"}}

    for key in ("min", "max", "q", "mu", "sigma", "a", "b"):
        if key in spec and is_number_text(spec[key]):  # YAML 1.1 reads `1e-3` as text
            problems.append(number_text_fix(f"{where}.{key}", spec[key]))
        elif key in spec and not is_finite_number(spec[key]):
            problems.append(f"{where}.{key}: must be a finite number, but got {spec[key]!r}.")
    if problems:
        return spec, problems
    problems += [
        f"{where}.{key}: int_uniform needs integers, but got {spec[key]!r}; use distribution 'uniform' for real numbers."
        for key in ("min", "max")
        if KINDS[kind].integer and not is_int(spec[key])
    ]
    if "min" in spec and "max" in spec and spec["min"] >= spec["max"]:
        problems.append(
            f"{where}: `min < max` must hold, but got (min={spec['min']}, max={spec['max']}); "
            "use `value` for a constant."
        )
    if KINDS[kind].positive and spec["min"] <= 0:
        problems.append(
            f"{where}.min: {kind} needs min > 0 (it is a value, not an exponent), but got "
            f"{spec['min']}; use 'log_uniform' to give natural-log exponents."
        )
    for key, rule in _POSITIVE.items():
        if key in spec and spec[key] <= 0:
            problems.append(f"{where}.{key}: {rule} > 0, but got {spec[key]}.")
    if kind == "categorical":
        problems += _check_categorical(where, spec)
    return spec, problems


def _check_categorical(where: str, spec: dict[str, Any]) -> list[str]:
    values, probs = spec["values"], spec.get("probabilities")
    if not isinstance(values, list | tuple) or not values:
        return [f"{where}.values: must be a non-empty list, but got {values!r}."]
    problems = []
    # Optuna finds a stored choice with ``==`` (so True, 1 and 1.0 are one choice), and lists
    # and dicts travel as JSON text: values that meet under either rule cannot be told apart.
    # A value listed twice is W&B's way of drawing it more often under random: that is allowed.
    seen: dict[Any, Any] = {}
    for value in values:
        encoded = _encode(value)
        if encoded not in seen:
            seen[encoded] = value
        elif not (type(seen[encoded]) is type(value) and seen[encoded] == value):
            problems.append(
                f"{where}.values: {seen[encoded]!r} and {value!r} are the same choice to Optuna (equal, or the "
                "same JSON text); make them distinct, e.g. both strings."
            )
    if probs is not None:
        if not isinstance(probs, list | tuple) or not all(is_finite_number(p) and p >= 0 for p in probs):
            problems.append(f"{where}.probabilities: must be a list of numbers >= 0, but got {probs!r}.")
        elif len(probs) != len(values):
            problems.append(
                f"{where}.probabilities: has {len(probs)} entries for {len(values)} values; give one per value."
            )
        elif not math.isclose(sum(probs), 1.0, rel_tol=0, abs_tol=1e-6):
            problems.append(f"{where}.probabilities: must sum to 1, but sum to {sum(probs):g}.")
    return problems


def parse_parameters(parameters: Any, prefix: str = "parameters") -> tuple[list[Param], list[str]]:
    """Parse a W&B ``parameters`` block into leaves; return ``(params, problems)``.

    Leaves come in W&B's order (keys sorted at every level), which is also the order of
    W&B's grid enumeration.
    """
    params: list[Param] = []
    problems: list[str] = []

    def walk(block: Any, path: tuple[str, ...], where: str) -> None:
        if not isinstance(block, Mapping) or not block:
            problems.append(f"{where}: must be a non-empty mapping of parameter names to specs, but got {block!r}.")
            return
        for key in sorted(block, key=str):
            spec = block[key]
            here = f"{where}.{key}"
            if not isinstance(key, str) or not key:
                problems.append(f"{here}: parameter names must be non-empty strings, but got {key!r}.")
                continue
            if not isinstance(spec, Mapping):
                problems.append(
                    f"{here}: must be a mapping such as {{values: [...]}} or {{min: .., max: ..}}, but got {spec!r}."
                )
                continue
            if "parameters" in spec:
                extra = sorted(set(spec) - {"parameters"})
                if extra:
                    problems.append(f"{here}: a nested block takes only `parameters`, but also has {', '.join(extra)}.")
                walk(spec["parameters"], (*path, key), f"{here}.parameters")
                continue
            kind = _infer_kind(spec)
            if kind is None:
                problems.append(
                    f"{here}: cannot tell the distribution of {dict(spec)!r}; give `value`, `values`, "
                    "`min`/`max` or `distribution`."
                )
                continue
            if kind not in KINDS:
                problems.append(
                    f"{here}.distribution: '{spec['distribution']}' is not a W&B distribution; "
                    f"use one of {', '.join(DISTRIBUTIONS)}."
                )
                continue
            filled, found = _check_leaf(here, kind, spec)
            problems.extend(found)
            if not found:  # a categorical's list and dict values travel as JSON text
                decode = {_encode(v): v for v in filled.get("values", ()) if not isinstance(v, _PRIMITIVE)}
                written = spec.get("distribution")
                params.append(Param((*path, key), kind, filled, decode, written if isinstance(written, str) else None))

    walk(parameters, (), prefix)
    names: dict[str, Param] = {}
    for p in params:
        if p.name in names:
            problems.append(
                f"{prefix}.{p.name}: two parameters share the name '{p.name}' once nested names are joined with '.'."
            )
        names[p.name] = p
    return params, problems


# -- the space a recipe searches --------------------------------------------------------------


@dataclass(frozen=True)
class SearchSpace:
    """The parsed leaves of a parameters block, ready to suggest and to build configs."""

    params: tuple[Param, ...]

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> SearchSpace:
        """Parse a block known to be valid (see :func:`parse_parameters` for validation)."""
        params, problems = parse_parameters(parameters)
        if problems:
            raise ValueError("\n".join(problems))
        return cls(tuple(params))

    @property
    def by_name(self) -> dict[str, Param]:
        return {p.name: p for p in self.params}

    def distributions(self, grid: bool = False) -> dict[str, BaseDistribution]:
        """Optuna distributions by name; under grid every parameter is a categorical of grid points."""
        if grid:
            return {name: CategoricalDistribution(values) for name, values in self.grid().items()}
        return {p.name: dist for p in self.params if (dist := p.distribution()) is not None}

    def grid(self) -> dict[str, list[Any]]:
        """Each non-constant leaf's W&B grid values, encoded, by name (``engine.gridindex`` numbers their product)."""
        return {p.name: [_encode(v) for v in p.grid_values()] for p in self.params if p.kind != "constant"}

    def suggester(self, grid: bool = False) -> Callable[[optuna.trial.BaseTrial], dict[str, Any]]:
        """A function ``trial -> nested config`` that suggests every leaf once.

        Distributions and decoders are resolved here, once, so the per-trial work is one
        ``suggest`` call per leaf plus the nesting.
        """
        dists = self.distributions(grid=grid)
        plan = [(p, dists.get(p.name)) for p in self.params]

        def suggest(trial: optuna.trial.BaseTrial) -> dict[str, Any]:
            return build_config(
                (p.path, p.constant() if dist is None else p.to_config(adapter.suggest(trial, p.name, dist)))
                for p, dist in plan
            )

        return suggest


def build_config(items: Iterable[tuple[tuple[str, ...], Any]]) -> dict[str, Any]:
    """Nest ``(path, value)`` pairs into a dict, as ``wandb.config`` holds a sweep run's values."""
    config: dict[str, Any] = {}
    for path, value in items:
        node = config
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return config


def flatten(config: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"model": {"lr": 1}}`` -> ``{"model.lr": 1}`` (W&B's dotted names)."""
    out: dict[str, Any] = {}
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out
