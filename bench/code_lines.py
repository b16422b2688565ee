"""Code lines of a package: lines that hold code, without docstrings, comments and blank lines.

A line counts when a token other than a comment or a line break starts or continues on it and the
line is not part of a docstring (the string that opens a module, class or function body, found
with ``ast``). Counted with ``tokenize``, so a multi-line expression counts every line it spans.

    python bench/code_lines.py [PACKAGE_DIR]            # the working tree (default: tuneflow/)
    python bench/code_lines.py --rev c42d365 [--rev HEAD]  # committed trees, side by side

Prints one line per module and the totals (lines, modules).
"""

from __future__ import annotations

import argparse
import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
    tokenize.ENDMARKER,
}


def docstring_lines(tree: ast.AST) -> set[int]:
    """The line numbers that docstrings of ``tree`` (module, classes, functions) span."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return lines


def code_lines(source: str) -> int:
    """How many lines of ``source`` hold code (not docstring, comment or blank)."""
    skip = docstring_lines(ast.parse(source))
    lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in _NOT_CODE:
            continue
        lines.update(n for n in range(tok.start[0], tok.end[0] + 1) if n not in skip)
    return len(lines)


def sources_at(rev: str, package: str) -> dict[str, str]:
    """The ``.py`` files under ``package`` at git revision ``rev``, by path."""
    names = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, package], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    return {
        name: subprocess.run(
            ["git", "show", f"{rev}:{name}"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout
        for name in names
        if name.endswith(".py")
    }


def sources_in(directory: Path) -> dict[str, str]:
    """The ``.py`` files under ``directory`` in the working tree, by path relative to the repository."""
    return {
        str(path.relative_to(directory.parent)): path.read_text(encoding="utf-8")
        for path in sorted(directory.rglob("*.py"))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", default=str(REPO / "tuneflow"))
    parser.add_argument("--rev", action="append", help="git revision(s) to count instead of the working tree")
    args = parser.parse_args()
    package = Path(args.package).resolve()
    trees = {rev: sources_at(rev, package.name) for rev in args.rev} if args.rev else {"worktree": sources_in(package)}
    counts = {label: {path: code_lines(text) for path, text in files.items()} for label, files in trees.items()}
    labels = list(counts)
    paths = sorted({path for per in counts.values() for path in per})
    width = max(len(p) for p in paths)
    print(f"{'module':<{width}}  " + "  ".join(f"{label:>10}" for label in labels))
    for path in paths:
        cells = "  ".join(f"{counts[label].get(path, '-')!s:>10}" for label in labels)
        print(f"{path:<{width}}  {cells}")
    print(f"{'total lines':<{width}}  " + "  ".join(f"{sum(counts[label].values()):>10}" for label in labels))
    print(f"{'modules':<{width}}  " + "  ".join(f"{len(counts[label]):>10}" for label in labels))


if __name__ == "__main__":
    sys.exit(main())
