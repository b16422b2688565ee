"""How a study runs on Optuna: storages, signals, grid index and queue, liveness, trials, the loop, results.

Nothing here imports ``tuneflow.tracking`` or ``wandb``: trackers plug in through the ``Tracker``
protocol of :mod:`tuneflow.engine.trial`.
"""
