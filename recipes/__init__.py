"""Ready recipes, one module each; every module exposes ``recipe`` (a :class:`tuneflow.Recipe`).

Installed as ``tuneflow.recipes``; the CLI takes their names: ``tuneflow run lightgbm_binary``
(``tuneflow recipes`` lists them). Each module is also a template to copy: a docstring whose first
line describes it, a ``data()`` returning the scikit-learn dataset it tunes on, a ``train(config,
trial)`` that cross-validates with seeded folds and reports the running mean after each fold (see
``_cv.py``; pruning stops poor trials there), and ``recipe``. Modules starting with ``_`` are helpers.
"""
