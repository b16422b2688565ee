"""The notebooks execute top to bottom in a real Jupyter kernel (nbclient + ipykernel), and show
what they say they show.

Each is executed once per session (``executed_notebooks`` in conftest.py, with the executor the
documentation build uses); tests/test_docs.py builds the site from the same executed copies.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import nbformat
import pytest
from conftest import REPO_ROOT, ExecutedNotebooks

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"


def _figures(cell: Any) -> list[dict[str, Any]]:
    return [o["data"][PLOTLY] for o in cell.get("outputs", []) if PLOTLY in o.get("data", {})]


def _text(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "stream")


def test_the_three_notebooks_exist() -> None:
    assert set(NOTEBOOKS) >= {"quickstart.ipynb", "compare_methods.ipynb", "wandb_sweep_parity.ipynb"}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: outputs not stripped"


@pytest.mark.slow
def test_quickstart_draws_every_optuna_plot(executed_notebooks: ExecutedNotebooks) -> None:
    nb, _ = executed_notebooks.get("quickstart.ipynb")
    drawn = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and "vis.plot_" in cell.source:
            name = cell.source.split("vis.plot_")[1].split("(")[0]
            figures = _figures(cell)
            assert len(figures) == 1, f"plot_{name} showed {len(figures)} figures"
            drawn[name] = figures[0]
    assert set(drawn) == {
        "optimization_history",
        "param_importances",
        "parallel_coordinate",
        "contour",
        "slice",
        "intermediate_values",
    }
    assert all(fig["data"] for fig in drawn.values())
    # Pruned trials show as intermediate-value lines shorter than the 5 folds.
    lengths = {len(trace["x"]) for trace in drawn["intermediate_values"]["data"]}
    assert max(lengths) == 5 and min(lengths) < 5, lengths
    # tuneflow.plots(result) gave the same set of figures.
    assert "['history', 'importances', 'parallel_coordinate', 'contour', 'slice', 'intermediate_values']" in _text(nb)


@pytest.mark.slow
def test_compare_methods_plots_best_value_per_method_in_one_figure(executed_notebooks: ExecutedNotebooks) -> None:
    nb, _ = executed_notebooks.get("compare_methods.ipynb")
    figures = [f for c in nb.cells for f in _figures(c)]
    curves = {t["name"]: t for t in figures[0]["data"]}
    assert set(curves) == {"grid", "random", "tpe", "bayes"}
    for method, trace in curves.items():
        y = trace["y"]
        assert len(y) == 20, method
        assert all(b >= a for a, b in itertools.pairwise(y)), f"{method}: best-so-far must not decrease"
        assert 0.5 < y[-1] <= 1.0
    for method in curves:
        assert f"{method:>6}: best accuracy" in _text(nb)


@pytest.mark.slow
def test_wandb_sweep_parity_reads_one_offline_run_per_trial(executed_notebooks: ExecutedNotebooks) -> None:
    nb, workdir = executed_notebooks.get("wandb_sweep_parity.ipynb")
    assert "5 trials, 5 W&B runs: configs and metrics match" in _text(nb)
    runs = list((workdir / "parity-runs" / "wandb").glob("offline-run-*"))
    assert len([r for r in runs if re.search(r"-t\d+$", r.name)]) == 5  # one per trial (+ a study summary run)
    assert "method: random" in _text(nb)  # the export at the end is the sweep that came in
