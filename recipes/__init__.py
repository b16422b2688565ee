"""Ready recipes, one module each; every module exposes ``recipe`` (a :class:`tuneflow.Recipe`).

Installed as ``tuneflow.recipes``; the CLI takes their names: ``tuneflow run lightgbm_binary``.
"""
