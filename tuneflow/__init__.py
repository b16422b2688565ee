"""tuneflow: hyperparameter optimization with Optuna's samplers and W&B Sweeps' dashboards."""

from tuneflow.errors import RecipeError, StorageError, SweepConfigError, TrialFailed, TuneflowError
from tuneflow.objective import TrialContext
from tuneflow.plotting import plots
from tuneflow.recipe import Metric, Recipe, builtin_recipes, load_recipe
from tuneflow.report import write_report
from tuneflow.result import TuneResult, load_result
from tuneflow.runner import TuneflowWarning, tune
from tuneflow.tracking import WandbOptions

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
