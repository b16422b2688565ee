"""The release artifacts, as a release would make them: the sdist and the wheel built from the files
git knows, checked by twine, and the wheel installed in a fresh venv where the CLI runs a built-in
recipe. Nothing is downloaded: the build uses this environment's setuptools (``--no-isolation``),
and the venv reaches this environment's packages through a ``.pth`` file (added after the wheel is
installed, so pip never sees the checkout's editable install)."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The dist folder and the build's output, from a copy of the files git knows (the checkout stays clean)."""
    root = tmp_path_factory.mktemp("release")
    names = _run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).split("\0")
    for name in filter(None, names):
        if (REPO / name).is_file():  # a file deleted in the work tree but not yet in git is left out
            (root / "src" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, root / "src" / name)
    log = _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", root / "dist", root / "src")
    return root / "dist", log


@pytest.mark.slow
def test_sdist_and_wheel_build_without_warnings_and_pass_twine(built: tuple[Path, str]) -> None:
    dist, log = built
    assert sorted(p.name for p in dist.iterdir()) == ["tuneflow-0.1.0-py3-none-any.whl", "tuneflow-0.1.0.tar.gz"]
    assert "deprecated" not in log.lower() and "SetuptoolsDeprecationWarning" not in log  # e.g. the licence table
    _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    with zipfile.ZipFile(dist / "tuneflow-0.1.0-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read("tuneflow-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata.splitlines()
    assert {
        "tuneflow/py.typed",
        "tuneflow/recipes/lightgbm_binary.py",
        "tuneflow-0.1.0.dist-info/licenses/LICENSE",
    } <= names
    assert {n.split("/")[0] for n in names} == {"tuneflow", "tuneflow-0.1.0.dist-info"}  # no tests, no bench


@pytest.mark.slow
def test_the_installed_wheel_runs_a_builtin_recipe(built: tuple[Path, str], tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    wheel = next(built[0].glob("*.whl"))
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel)
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    # This environment's packages (the dependencies), behind the venv's own: .pth files found there are not run.
    (Path(purelib) / "test_environment.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"  # outside the checkout: nothing of it can be imported
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run(python, "-c", "import tuneflow; print(tuneflow.__file__)", cwd=work, env=env)
    assert Path(where.strip()).is_relative_to(venv)
    out = _run(venv / "bin" / "tuneflow", "run", "lightgbm_binary", "--n-trials", "2", "--no-wandb", cwd=work, env=env)
    assert "study 'lightgbm_binary': 2 complete" in out
    assert (work / "tuneflow.db").is_file()
