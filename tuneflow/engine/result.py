"""What ``tune`` returns, and the same view of any study read back from a storage.

A study created by tuneflow carries its recipe's metadata in the study's user attributes
(``tuneflow`` key): metric names and goals, the method, and the W&B parameters block, so the
nested config of any trial can be rebuilt without the recipe (``tuneflow best``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import optuna
from optuna.trial import FrozenTrial, TrialState

from tuneflow.engine.storage import DEFAULT_STORAGE, open_storage, sqlite_file
from tuneflow.errors import NoMetricError, StorageError
from tuneflow.keys import CONFIG_ATTR, NO_METRIC_NAME, STUDY_ATTR
from tuneflow.redact import redact_url
from tuneflow.search.space import SearchSpace, build_config

if TYPE_CHECKING:  # pandas loads with Optuna's trials_dataframe, not with every CLI start
    import pandas as pd

__all__ = ["NO_METRIC_NOTE", "TuneResult", "load_result", "trial_config"]

#: What every view says instead of ranking the trials of a study without a metric.
NO_METRIC_NOTE = "this study has no metric, so no trial is ranked"


def trial_config(trial: FrozenTrial, space: SearchSpace | None) -> dict[str, Any]:
    """The nested config the train function received in ``trial``."""
    stored = trial.user_attrs.get(CONFIG_ATTR)
    if stored is not None:
        return dict(stored)
    if space is None:
        return build_config((tuple(name.split(".")), v) for name, v in trial.params.items())
    return build_config(
        (p.path, p.constant() if p.kind == "constant" else p.to_config(trial.params[p.name]))
        for p in space.params
        if p.kind == "constant" or p.name in trial.params
    )


@dataclass
class TuneResult:
    """A study and the answers people ask of it first.

    What `tune` returns, and what `load_result` reads back from a storage. The ``best_*``
    answers raise `NoMetricError` for a study without a metric (nothing is ranked there).

    Args:
        study: The Optuna study.
        stop_reason: Why the loop stopped early (target reached, ``run_cap``, failures in a row),
            if it did.
    """

    study: optuna.Study
    #: Why the loop stopped early (target reached, run_cap, failures in a row), if it did.
    stop_reason: str | None = None

    @cached_property
    def meta(self) -> dict[str, Any]:
        """tuneflow's metadata stored with the study (empty for a plain Optuna study)."""
        return dict(self.study.user_attrs.get(STUDY_ATTR, {}))

    @cached_property
    def space(self) -> SearchSpace | None:
        """The search space stored with the study (``None``: a define-by-run space or a plain Optuna study)."""
        parameters = self.meta.get("parameters")
        return SearchSpace.from_parameters(parameters) if parameters else None

    @property
    def ranked(self) -> bool:
        """False for a study without a metric (a W&B sweep without ``metric``): nothing is ranked."""
        return not ("metrics" in self.meta and not self.meta["metrics"])

    @property
    def metric_names(self) -> list[str]:
        """The metrics' names (none for a study without a metric)."""
        if not self.ranked:
            return []
        names = [m["name"] for m in self.meta.get("metrics", [])]
        return names or list(self.study.metric_names or ["value"])

    def _check_ranked(self) -> None:
        if not self.ranked:
            raise NoMetricError(
                f"study {self.study.study_name!r}: {NO_METRIC_NOTE}; every trial's config and what it "
                "returned are in `result.trials` (or `tuneflow report`)"
            )

    @property
    def is_multi_objective(self) -> bool:
        """Whether the study has several objectives (then `best_trials` is its Pareto front)."""
        return len(self.study.directions) > 1

    def config_of(self, trial: FrozenTrial) -> dict[str, Any]:
        """The nested config one trial's train function received.

        Args:
            trial: A trial of this study.

        Returns:
            The config, nested as the W&B ``parameters`` block is (constants included).
        """
        return trial_config(trial, self.space)

    @property
    def best_trial(self) -> FrozenTrial:
        """The best COMPLETE trial (single objective).

        Raises:
            NoMetricError: The study has no metric.
            ValueError: The study has several objectives (use `best_trials`), or no COMPLETE trial.
        """
        self._check_ranked()
        if self.is_multi_objective:
            raise ValueError("a multi-objective study has no single best trial; use `best_trials`")
        return self.study.best_trial

    @property
    def best_trials(self) -> list[FrozenTrial]:
        """The Pareto front (multi-objective) or the best trial in a list.

        Raises:
            NoMetricError: The study has no metric.
            ValueError: The study has no COMPLETE trial.
        """
        self._check_ranked()
        return self.study.best_trials if self.is_multi_objective else [self.best_trial]

    @property
    def best_config(self) -> dict[str, Any]:
        """Nested config of the best trial (the first of the Pareto front when multi-objective).

        Raises:
            NoMetricError: The study has no metric.
            ValueError: The study has no COMPLETE trial.
        """
        return self.config_of(self.best_trials[0])

    @property
    def best_value(self) -> float | None:
        """Objective value of the best trial (None when multi-objective: see ``best_trials``).

        Raises:
            NoMetricError: The study has no metric.
            ValueError: The study has no COMPLETE trial.
        """
        return None if self.is_multi_objective else self.best_trial.value

    @property
    def trials(self) -> pd.DataFrame:
        """All trials as a DataFrame (Optuna's ``trials_dataframe``), metric columns by metric name.

        Optuna names them ``value``, ``value_<metric>``, ``values_<metric>`` or ``values_<i>``;
        here they are just ``<metric>``, e.g. ``result.trials["val_auc"]``.
        """
        df = self.study.trials_dataframe()
        if not self.ranked:  # the constant Optuna was told is no result
            return df.drop(columns=[c for c in ("value", f"value_{NO_METRIC_NAME}") if c in df.columns])
        names = self.metric_names
        renames = {f"value_{n}": n for n in names} | {f"values_{n}": n for n in names}
        renames |= {f"values_{i}": n for i, n in enumerate(names)}
        if len(names) == 1:
            renames["value"] = names[0]
        return df.rename(columns=renames)

    def counts(self) -> dict[str, int]:
        """How many trials are in each state.

        Returns:
            State name to count, e.g. ``{"COMPLETE": 9, "FAIL": 1}``.
        """
        return dict(Counter(t.state.name for t in self.study.get_trials(deepcopy=False)))

    def top(self, n: int = 5) -> list[FrozenTrial]:
        """The ``n`` best COMPLETE trials, best first.

        Args:
            n: How many.

        Returns:
            At most ``n`` trials: the best first (single objective), or the first of the Pareto
            front (multi-objective); none for a study without a metric.
        """
        if not self.ranked:
            return []
        if self.is_multi_objective:
            return self.best_trials[:n]
        done = self.study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
        reverse = self.study.direction == optuna.study.StudyDirection.MAXIMIZE
        return sorted(done, key=lambda t: float(t.value), reverse=reverse)[:n]  # type: ignore[arg-type]


def load_result(storage: str | None = None, study_name: str | None = None) -> TuneResult:
    """Open a study from a storage, as `tune` would have returned it.

    Args:
        storage: A storage URL; ``None``: ``sqlite:///tuneflow.db`` in the working directory.
        study_name: The study; ``None``: the only study in the storage.

    Returns:
        The study's result (``stop_reason`` is not stored, so it is ``None``).

    Raises:
        StorageError: The SQLite file does not exist (reading never creates one), the storage
            cannot be opened, it holds no such study, or ``study_name`` is ``None`` and it holds
            none or several.
    """
    url = storage if storage is not None else DEFAULT_STORAGE
    path = sqlite_file(url)
    if path is not None and not path.is_file():  # reading must not leave an empty database behind
        raise StorageError(
            f"{redact_url(url)}: no such file ({path.resolve()}); run `tuneflow run` there first, or give --storage"
        )
    backend = open_storage(storage)
    names = [s.study_name for s in optuna.get_all_study_summaries(backend, include_best_trial=False)]
    if study_name is None:
        if len(names) != 1:
            where = redact_url(url)
            listing = ", ".join(names) if names else "no studies"
            raise StorageError(
                f"{where} holds {listing}; pick one with --study-name" if names else f"{where} holds no studies"
            )
        study_name = names[0]
    elif study_name not in names:
        raise StorageError(f"no study {study_name!r} in {redact_url(url)} (it holds: {', '.join(names) or 'nothing'})")
    return TuneResult(optuna.load_study(study_name=study_name, storage=backend))


def jsonable(value: Any) -> Any:
    """``value`` if it survives JSON, else its repr (for configs with objects in them)."""
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        if isinstance(value, Mapping):
            return {str(k): jsonable(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [jsonable(v) for v in value]
        return repr(value)
