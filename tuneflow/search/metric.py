"""The objectives of a recipe: W&B's ``metric`` block (name, goal, target) parsed and checked.

Its own module because the trial (engine) needs ``Metric`` to read train's return value, and
should not have to import the whole recipe for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tuneflow.values import is_finite_number

__all__ = ["GOALS", "Metric", "parse_metrics"]

GOALS = ("minimize", "maximize")
_METRIC_KEYS = {"name", "goal", "target", "impute", "impute_while_running"}


@dataclass(frozen=True)
class Metric:
    """One objective: W&B's ``metric`` block (``name``, ``goal``, optional ``target``).

    Args:
        name: What train returns (or, for agent-style and program trials, logs) under this name.
        goal: ``minimize`` (W&B's default) or ``maximize``.
        target: Stop the study when a trial reaches this value (W&B stops the sweep then).
    """

    name: str
    goal: str = "minimize"
    target: float | None = None

    def reached(self, value: float) -> bool:
        """Whether ``value`` meets the target (W&B stops the sweep when a run reaches it).

        Args:
            value: A trial's value of this metric.

        Returns:
            True when there is a target and ``value`` is at or beyond it in the goal's direction.
        """
        if self.target is None:
            return False
        return value >= self.target if self.goal == "maximize" else value <= self.target

    def to_dict(self) -> dict[str, Any]:
        """This metric as a W&B ``metric`` block (``target`` only when there is one).

        Returns:
            ``{"name": ..., "goal": ...}``, plus ``"target"`` when set.
        """
        out: dict[str, Any] = {"name": self.name, "goal": self.goal}
        if self.target is not None:
            out["target"] = self.target
        return out


def parse_metrics(metric: Any) -> tuple[tuple[Metric, ...], list[str]]:
    """``None``: the train function's number is the metric ``value``; ``[]``: no metric at all."""
    if metric is None:
        return (Metric("value"),), []
    items = list(metric) if isinstance(metric, Sequence) and not isinstance(metric, str) else [metric]
    if not items:  # a sweep without a metric (W&B allows it under grid and random)
        return (), []
    metrics, problems = [], []
    for i, item in enumerate(items):
        where = "metric" if len(items) == 1 else f"metric[{i}]"
        if isinstance(item, Metric):
            metrics.append(item)
            continue
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, Mapping):
            problems.append(f"{where}: must be a name or a {{name, goal}} block, but got {item!r}.")
            continue
        for key in sorted(set(item) - _METRIC_KEYS):
            problems.append(f"{where}.{key}: unknown key; allowed keys are {', '.join(sorted(_METRIC_KEYS))}.")
        name, goal, target = item.get("name"), item.get("goal", "minimize"), item.get("target")
        if not isinstance(name, str) or not name:
            problems.append(f"{where}.name: must be a non-empty string, but got {name!r}.")
        if goal not in GOALS:
            problems.append(f"{where}.goal: {goal!r} is not one of 'minimize', 'maximize'.")
        if target is not None and not is_finite_number(target):
            problems.append(f"{where}.target: must be a finite number, but got {target!r}.")
        if not problems:
            metrics.append(Metric(str(name), goal, None if target is None else float(target)))
    names = [m.name for m in metrics]
    if len(set(names)) != len(names):
        problems.append(f"metric: names must be distinct, but got {names}.")
    return tuple(metrics), problems
