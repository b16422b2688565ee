"""The README's promises (its test command is what CI runs, its example runs as printed, its links
lead somewhere) and the documentation site: built in strict mode, offline, its notebook plots
drawn and the API reference listing ``tune``'s arguments, in a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import inspect
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from chromium import HAS_CHROMIUM, OFFLINE, render
from conftest import REPO_ROOT, ExecutedNotebooks, require

import tuneflow

README = REPO_ROOT / "README.md"
#: What a page may fetch from elsewhere: nothing that runs or styles it (scripts, stylesheets, fonts).
ONLINE_ASSET = re.compile(
    r"""<script[^>]*\ssrc=["']?(?:https?:)?//"""
    r"""|<link[^>]*\shref=["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|import\(\s*["'](?:https?:)?//""",
    re.I,
)


def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    ci_lines = [
        line.strip()
        for line in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert len(ci_lines) == 1, ci_lines
    assert ci_lines[0] in _bash_blocks(readme)
    assert "pytest" in ci_lines[0]
    assert "docs" in re.search(r'-e "\.\[([^\]]*)\]"', ci_lines[0]).group(1).split(",")  # type: ignore[union-attr]


def test_readme_quickstart_example_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    example = re.search(r"## 30 seconds\n\n```python\n(.*?)```", readme, flags=re.S)
    assert example is not None
    namespace: dict = {}
    exec(compile(example.group(1), "README.md", "exec"), namespace)
    result = namespace["result"]
    assert result.best_value > 0.9
    assert set(result.best_config) == {"C", "solver"}
    assert result.best_config["solver"]["max_iter"] in (200, 500, 1000)


def test_readme_links_lead_to_files_of_the_repository() -> None:
    """The README is read on GitHub and PyPI too: its map of the docs uses relative links to
    files that exist (the site builds the same pages; broken links there fail the strict build)."""
    links = re.findall(r"\]\(([^)\s]+)\)", README.read_text(encoding="utf-8"))
    local = [unquote(link.split("#")[0]) for link in links if not re.match(r"[a-z]+:", link)]
    assert len(local) >= 10, local
    missing = [link for link in local if not (REPO_ROOT / link).exists()]
    assert not missing, missing
    pages = {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "docs").glob("*.md")}
    assert pages - {"docs/index.md", "docs/search-quality.md"} <= set(local), "a docs page the README's map leaves out"


# -- the site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(executed_notebooks: ExecutedNotebooks, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` of the repository's docs, with the session's executed notebooks."""
    require("mkdocs (pip install -e '.[docs]')", importlib.util.find_spec("mkdocs") is not None)
    root = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["TUNEFLOW_DOCS_NOTEBOOKS"] = str(executed_notebooks.write_all(root / "executed"))
    out = root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO_ROOT / "mkdocs.yml"), "-d", str(out)]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site over HTTP on the loopback, as ``mkdocs serve`` or any static host serves it."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.slow
def test_site_has_a_page_per_topic_and_every_notebook(site: Path) -> None:
    for page in ("getting-started", "recipes", "mapping", "program-sweeps", "multi-machine", "syncing", "plots"):
        assert (site / page / "index.html").is_file(), page
    for nb in (REPO_ROOT / "notebooks").glob("*.ipynb"):
        assert (site / "notebooks" / nb.stem / "index.html").is_file(), nb.name
    quality = (site / "search-quality" / "index.html").read_text(encoding="utf-8")
    assert "How it is measured" in quality  # BENCHMARKS.md, included whole
    home = (site / "index.html").read_text(encoding="utf-8")  # README's parts included, not their markers
    assert "Two commands" in home and "lightgbm_binary" in home and "8&lt;" not in home
    assert "load_breast_cancer" in (site / "getting-started" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_site_fetches_nothing_from_the_network(site: Path) -> None:
    """No CDN script, stylesheet or font (Google Fonts, cdn.plot.ly, MathJax, mermaid): the site
    works offline, as the HTML report does; search runs on the site's own index and worker."""
    pages = [p for p in site.rglob("*") if p.suffix in (".html", ".css")]
    assert len(pages) > 15
    online = {p.relative_to(site).as_posix(): ONLINE_ASSET.findall(p.read_text(encoding="utf-8")) for p in pages}
    assert not {k: v for k, v in online.items() if v}
    assert (site / "assets" / "javascripts" / "plotly.min.js").stat().st_size > 1_000_000
    assert "hyperband" in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert list((site / "assets" / "javascripts" / "workers").glob("search.*.js"))


@pytest.mark.browser
@pytest.mark.slow
def test_notebook_page_draws_its_plots_in_headless_chromium(
    served: str, executed_notebooks: ExecutedNotebooks, tmp_path: Path
) -> None:
    require("chromium", HAS_CHROMIUM)
    nb, _ = executed_notebooks.get("quickstart.ipynb")
    n_figures = sum(
        "application/vnd.plotly.v1+json" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])
    )
    assert n_figures >= 6
    dom, log = render(f"{served}/notebooks/quickstart/", tmp_path, [OFFLINE])
    assert "Uncaught" not in log, log[-2000:]
    divs = dom.split('class="plotly-graph-div')[1:]
    assert len(divs) == n_figures
    for i, div in enumerate(divs):  # each figure's div now holds plotly's SVG, with data marks in it
        body = div.split("</script>", 1)[0]
        assert 'class="main-svg"' in body, f"figure {i} not drawn"
        marks = re.findall(r'class="(?:point|js-line|contourlevel|bars)"|class="trace (?:scatter|bars|parcoords)', body)
        assert marks, f"figure {i} is drawn without data"


@pytest.mark.browser
@pytest.mark.slow
def test_api_page_lists_every_argument_of_tune_in_headless_chromium(served: str, tmp_path: Path) -> None:
    require("chromium", HAS_CHROMIUM)
    dom, _ = render(f"{served}/api/", tmp_path, [OFFLINE])
    section = dom.split('id="tuneflow.tune.tune"', 1)[1].split('class="doc doc-heading"')[1]  # up to the next name
    table = section.split("Parameters:", 1)[1].split("</table>", 1)[0]
    documented = re.findall(r'<tr class="doc-section-item">\s*<td>\s*<code>(\w+)</code>', table)
    assert documented == list(inspect.signature(tuneflow.tune).parameters)
    assert "Returns:" in section and "Raises:" in section and "RecipeError" in section
