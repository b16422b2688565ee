"""tuneflow: hyperparameter optimization with Optuna's samplers and W&B Sweeps' dashboards."""

from tuneflow import _compat

_compat.install()  # old module paths (tuneflow.runner, tuneflow.recipe, ...) keep working for one release

# ruff: noqa: E402
from tuneflow.engine.result import TuneResult, load_result
from tuneflow.engine.trial import TrialContext
from tuneflow.errors import RecipeError, StorageError, SweepConfigError, TrialFailed, TuneflowError
from tuneflow.search.recipe import Metric, Recipe, builtin_recipes, load_recipe
from tuneflow.tracking.tracker import WandbOptions
from tuneflow.tune import TuneflowWarning, tune
from tuneflow.views.plotting import plots
from tuneflow.views.report import write_report

__version__ = "0.1.0"

__all__ = [
    "Metric",
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
