"""The shape of every use case: one permission check first, one transaction, no other use case inside.

A use case is a public function of a service feature package whose first parameter is the `desk`.
Shared steps take the open session instead, so a use case can reuse them inside its one
transaction without a second permission check or a second commit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[2] / "shelter_desk" / "services"
FEATURES = ("people", "beds", "winter", "postal", "transfers", "monitor", "trust", "admin", "cards", "dropin",
            "handover", "plans")


def _use_cases() -> dict[str, tuple[Path, ast.FunctionDef]]:
    found: dict[str, tuple[Path, ast.FunctionDef]] = {}
    for feature in FEATURES:
        for path in sorted((SERVICES / feature).glob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if (isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                        and node.args.args and node.args.args[0].arg == "desk"):
                    found[node.name] = (path, node)
    return found


USE_CASES = _use_cases()

# Restore replaces the whole file: it reads the live database, then logs in the restored one.
TWO_DATABASES = {"restore"}

# Before anyone is signed in there is no role to check: signing in, creating the very first
# administrator of a new database, and the desk's presence heartbeat (which runs from start-up,
# so that a restore can see which desks have the database open).
SIGNED_OUT = {"sign_in", "create_first_administrator", "announce_presence", "leave"}


def _calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)]


def _is_require(call: ast.Call) -> bool:
    return (isinstance(call.func, ast.Attribute) and call.func.attr == "require"
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "desk")


def _first_statement(function: ast.FunctionDef) -> ast.stmt:
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return body[0]


def test_there_are_use_cases_to_check():
    assert len(USE_CASES) > 80


@pytest.mark.parametrize("name", sorted(set(USE_CASES) - SIGNED_OUT))
def test_a_use_case_checks_one_permission_before_anything_else(name):
    path, function = USE_CASES[name]
    requires = [call for call in _calls(function) if _is_require(call)]
    assert len(requires) == 1, f"{path.name}:{function.lineno} {name} checks {len(requires)} permissions"
    first = _first_statement(function)
    assert any(_is_require(call) for call in _calls(first)), f"{name}: the permission check is not first"


@pytest.mark.parametrize("name", sorted(USE_CASES))
def test_a_use_case_calls_no_other_use_case(name):
    path, function = USE_CASES[name]
    called = {call.func.id for call in _calls(function) if isinstance(call.func, ast.Name)}
    inner = sorted(called & set(USE_CASES) - {name})
    assert not inner, f"{path.name}:{function.lineno} {name} calls the use cases {inner}"


@pytest.mark.parametrize("name", sorted(set(USE_CASES) - TWO_DATABASES))
def test_a_use_case_opens_at_most_one_transaction(name):
    path, function = USE_CASES[name]
    opened = [call for call in _calls(function)
              if isinstance(call.func, ast.Attribute) and call.func.attr in ("read", "write")
              and isinstance(call.func.value, ast.Attribute) and call.func.value.attr == "db"]
    assert len(opened) <= 1, f"{path.name}:{function.lineno} {name} opens {len(opened)} transactions"
