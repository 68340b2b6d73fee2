"""Imports sit at the top of a module: no import inside a function to dodge an import cycle.

Two kinds of deferred import are allowed, both for start-up time and never for a cycle: the
entry points (`app.py`, `cli.py`) load a feature's pages and use cases when they are first used,
and a use case loads its PDF module (reportlab) only when it makes a PDF.
"""

from __future__ import annotations

import ast
from pathlib import Path

import shelter_desk

PACKAGE = Path(shelter_desk.__file__).parent
ENTRY_POINTS = {"app.py", "cli.py"}


def _late_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("shelter_desk"):
                    found.append((node.lineno, node.module))
                elif isinstance(node, ast.Import):
                    found.extend((node.lineno, alias.name) for alias in node.names if alias.name.startswith("shelter"))
    return found


def _allowed(path: Path, module: str) -> bool:
    relative = path.relative_to(PACKAGE)
    if relative.as_posix() in ENTRY_POINTS:
        return True
    return relative.parts[0] == "services" and module.startswith("shelter_desk.reports.")


def test_no_module_of_ours_is_imported_inside_a_function_except_deferred_pages_and_pdfs():
    late = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, module in _late_imports(path)
        if not _allowed(path, module)
    ]
    assert late == []
