"""Search-quality benchmark: tuneflow's methods against W&B's own sweeps engine, same tasks.

``tasks`` defines the problems (a W&B ``parameters`` block + an objective each), ``methods`` the
searchers, ``wandb_engine`` drives W&B's engine out of process, ``run`` produces raw JSON results,
``report`` turns them into BENCHMARKS.md tables. Entry point: ``bench/search_quality.py``.
"""
