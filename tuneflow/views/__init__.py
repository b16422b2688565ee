"""Views of a study: terminal tables, plots, the HTML report, optuna-dashboard (never W&B)."""
