"""What to search: W&B parameters <-> Optuna distributions, methods, sweep configs, the Recipe."""
