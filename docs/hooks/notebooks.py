"""MkDocs hook: the notebooks in ``notebooks/`` (committed without outputs) become site pages with
their plots drawn, offline.

Each notebook is executed in a real Jupyter kernel running this interpreter, in a scratch directory
with W&B offline (the notebooks write files and W&B runs where they run); ``mkdocs serve`` executes
it again only when it or the code changed.
``TUNEFLOW_DOCS_NOTEBOOKS=DIR`` hands the build notebooks executed already (the test suite executes
each one once, checks it, and builds the site from those copies). Plotly figures leave the kernel as
their JSON mimetype only; this hook turns each into a ``<div>`` drawn by the plotly.js that ships
inside the ``plotly`` package, served from the site itself (no CDN), and drops the MathJax and mermaid
loaders that nbconvert points at a CDN (the notebooks have neither math nor diagrams).

The executor is importable without MkDocs (``execute_notebook``), so the tests use this one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
SITE_NOTEBOOKS = "notebooks"  # where the pages live in the site: notebooks/<name>/
PLOTLY_MIME = "application/vnd.plotly.v1+json"
PLOTLY_JS = "assets/javascripts/plotly.min.js"
EXECUTED_ENV = "TUNEFLOW_DOCS_NOTEBOOKS"
CELL_TIMEOUT = 300
# nbconvert's loaders of MathJax and mermaid, from a CDN: the notebooks have neither math nor diagrams.
_CDN_LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r'|<script type="module">(?:(?!</script>).)*jp-Mermaid.*?<!-- End of mermaid configuration -->',
    re.S,
)

_build_dir: tempfile.TemporaryDirectory[str] | None = None
#: ``mkdocs serve`` rebuilds in the same process (hooks stay loaded): a notebook is executed again
#: only when it, or the code it runs (tuneflow/, recipes/), changed.
_kept: dict[str, tuple[tuple[str, int], Any]] = {}


def execute_notebook(src: Path, workdir: Path) -> Any:
    """Execute a notebook top to bottom in a kernel running this interpreter.

    Args:
        src: The ``.ipynb`` file; it is read, never written.
        workdir: The directory the notebook runs in; its files and offline W&B runs land there.

    Returns:
        The executed ``nbformat.NotebookNode``.

    Raises:
        nbclient.exceptions.CellExecutionError: A cell raised; the message holds the cell and traceback.
    """
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    workdir.mkdir(parents=True, exist_ok=True)
    kernels = workdir / ".jupyter" / "kernels"
    (kernels / "tuneflow").mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "tuneflow", "language": "python"}
    (kernels / "tuneflow" / "kernel.json").write_text(json.dumps(spec))
    manager = KernelManager(
        kernel_name="tuneflow",
        connection_file=str(workdir / ".jupyter" / "kernel-connection.json"),  # not in ~/.local
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("WANDB_API_KEY", "WANDB_BASE_URL")}
    env.update(
        WANDB_MODE="offline",
        WANDB_SILENT="true",
        WANDB_DIR=str(workdir),
        WANDB_CONFIG_DIR=str(workdir / ".wandb-config"),
        WANDB_CACHE_DIR=str(workdir / ".wandb-cache"),
        IPYTHONDIR=str(workdir / ".ipython"),  # no ~/.ipython profile
        JUPYTER_RUNTIME_DIR=str(workdir / ".jupyter" / "runtime"),
        PLOTLY_RENDERER="plotly_mimetype",  # figures as JSON only; the page draws them
        # tqdm.auto's note that ipywidgets is missing (no progress bar is drawn here anyway).
        PYTHONWARNINGS="ignore:IProgress not found",
    )
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, km=manager, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(workdir)}})
    client.execute(env=env)
    return nb


def _with_drawn_figures(nb: Any) -> Any:
    """A copy whose plotly outputs carry HTML drawing them with a page-level ``Plotly``."""
    import copy

    import plotly.io as pio

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            figure = output.get("data", {}).get(PLOTLY_MIME)
            if figure is not None:
                html = pio.to_html(figure, include_plotlyjs=False, include_mathjax=False, full_html=False)
                output["data"] = {"text/html": html}
    return nb


def _executed(name: str, scratch: Path) -> Any:
    """The executed notebook: given, kept from an earlier build of this process, or executed now."""
    import nbformat

    given = os.environ.get(EXECUTED_ENV)
    if given:
        path = Path(given) / name
        if not path.is_file():
            raise FileNotFoundError(f"{EXECUTED_ENV}={given} has no executed {name}; unset it to execute here")
        return nbformat.read(path, as_version=4)
    src = NOTEBOOKS_DIR / name
    code = [p for folder in ("tuneflow", "recipes") for p in (REPO_ROOT / folder).rglob("*.py")]
    key = (hashlib.sha256(src.read_bytes()).hexdigest(), max(p.stat().st_mtime_ns for p in code))
    kept = _kept.get(name)
    if kept is None or kept[0] != key:
        kept = _kept[name] = (key, execute_notebook(src, scratch / name.removesuffix(".ipynb")))
    return kept[1]


def on_files(files: Any, config: Any) -> Any:
    """Add the executed notebooks (for mkdocs-jupyter) and plotly.js to the site's files."""
    import nbformat
    import plotly
    from mkdocs.structure.files import File

    global _build_dir
    if _build_dir is not None:
        _build_dir.cleanup()
    _build_dir = tempfile.TemporaryDirectory(prefix="tuneflow-docs-")
    root = Path(_build_dir.name)
    (root / SITE_NOTEBOOKS).mkdir()
    for src in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = _with_drawn_figures(_executed(src.name, root / "run"))
        nbformat.write(nb, root / SITE_NOTEBOOKS / src.name)
        files.append(File(f"{SITE_NOTEBOOKS}/{src.name}", str(root), config["site_dir"], config["use_directory_urls"]))
    shutil.rmtree(root / "run", ignore_errors=True)
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    files.append(File.generated(config, PLOTLY_JS, abs_src_path=str(plotly_js)))
    return files


on_files.mkdocs_priority = 100  # type: ignore[attr-defined]  # before mkdocs-jupyter wraps the notebooks


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """On a notebook page: load the site's plotly.js first, and nothing from a CDN."""
    from mkdocs.utils import get_relative_url

    if not page.file.src_uri.startswith(f"{SITE_NOTEBOOKS}/") or not page.file.src_uri.endswith(".ipynb"):
        return html
    script = f'<script src="{get_relative_url(PLOTLY_JS, page.url)}"></script>'
    return script + _CDN_LOADERS.sub("", html)


def on_post_build(config: Any) -> None:
    """Remove the executed copies once the site is written."""
    global _build_dir
    if _build_dir is not None:
        _build_dir.cleanup()
        _build_dir = None
