"""The README's promises: its test command is what CI runs, its example runs as printed."""

from __future__ import annotations

import re

from conftest import REPO_ROOT


def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ci_lines = [
        line.strip()
        for line in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert len(ci_lines) == 1, ci_lines
    assert ci_lines[0] in _bash_blocks(readme)
    assert "pytest" in ci_lines[0]


def test_readme_quickstart_example_runs() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## 30 seconds\n\n```python\n(.*?)```", readme, flags=re.S)
    assert example is not None
    namespace: dict = {}
    exec(compile(example.group(1), "README.md", "exec"), namespace)
    result = namespace["result"]
    assert result.best_value > 0.9
    assert set(result.best_config) == {"C", "solver"}
    assert result.best_config["solver"]["max_iter"] in (200, 500, 1000)
