"""tuneflow: hyperparameter optimization with Optuna's samplers and W&B Sweeps' dashboards."""

from tuneflow.engine.result import TuneResult, load_result
from tuneflow.engine.trial import TrialContext
from tuneflow.errors import (
    NoMetricError,
    RecipeError,
    StorageError,
    SweepConfigError,
    TrialFailed,
    TuneflowError,
    TuneflowWarning,
)
from tuneflow.loading import builtin_recipes, load_recipe
from tuneflow.search.recipe import Metric, Recipe
from tuneflow.tracking.options import WandbOptions
from tuneflow.tune import tune
from tuneflow.version import __version__
from tuneflow.views.plotting import plots
from tuneflow.views.report import write_report

__all__ = [
    "Metric",
    "NoMetricError",
    "Recipe",
    "RecipeError",
    "StorageError",
    "SweepConfigError",
    "TrialContext",
    "TrialFailed",
    "TuneResult",
    "TuneflowError",
    "TuneflowWarning",
    "WandbOptions",
    "__version__",
    "builtin_recipes",
    "load_recipe",
    "load_result",
    "plots",
    "tune",
    "write_report",
]
