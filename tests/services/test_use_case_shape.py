"""The shape of every use case: one permission check first, one transaction, no other use case inside.

A use case is a public function of a service feature package whose first parameter is the `desk`;
it is named by its feature and function (`postal.record_review`, `plans.record_review`), so two
features' use cases of one name are both checked. Shared steps take the open session instead, so
a use case can reuse them inside its one transaction without a second permission check or a second
commit. This test reads the code; `test_transactions_counted.py` counts the transactions at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.services.use_cases import FEATURES, SIGNED_OUT, public_definitions, qualified

DEFINITIONS = public_definitions()
USE_CASES: dict[str, tuple[Path, ast.FunctionDef]] = {
    name: found[0]
    for name, found in DEFINITIONS.items()
    if found[0][1].args.args and found[0][1].args.args[0].arg == "desk"
}

# Restore replaces the whole file: it reads the live database, then logs in the restored one.
TWO_DATABASES = {"trust.restore"}


def _calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)]


def _is_require(call: ast.Call) -> bool:
    return (
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "require"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "desk"
    )


def _first_statement(function: ast.FunctionDef) -> ast.stmt:
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return body[0]


def _names_in_module(path: Path) -> dict[str, str]:
    """What a bare name called in this module means: its own functions and those it imports from a
    feature, each by qualified name (so `record_review` in plans is plans', not postal's)."""
    feature = path.parent.name
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.name: qualified(feature, node.name) for node in tree.body if isinstance(node, ast.FunctionDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("shelter_desk.services."):
            parts = node.module.split(".")
            if parts[2] in FEATURES:
                names.update({alias.asname or alias.name: qualified(parts[2], alias.name) for alias in node.names})
    return names


def test_there_are_use_cases_to_check():
    assert len(USE_CASES) > 150


def test_two_features_may_share_a_use_case_name_and_both_are_checked():
    assert {"postal.record_review", "plans.record_review"} <= set(USE_CASES)


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_a_public_name_is_defined_once_in_its_feature(name):
    places = [f"{path.name}:{function.lineno}" for path, function in DEFINITIONS[name]]
    assert len(places) == 1, f"{name} is defined in {places}: the feature's name must say which"


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
    meaning = _names_in_module(path)
    called = {meaning.get(call.func.id, call.func.id) for call in _calls(function) if isinstance(call.func, ast.Name)}
    inner = sorted(called & set(USE_CASES) - {name})
    assert not inner, f"{path.name}:{function.lineno} {name} calls the use cases {inner}"


@pytest.mark.parametrize("name", sorted(set(USE_CASES) - TWO_DATABASES))
def test_a_use_case_opens_at_most_one_transaction_in_its_own_code(name):
    path, function = USE_CASES[name]
    opened = [
        call
        for call in _calls(function)
        if isinstance(call.func, ast.Attribute)
        and call.func.attr in ("read", "write")
        and isinstance(call.func.value, ast.Attribute)
        and call.func.value.attr == "db"
    ]
    assert len(opened) <= 1, f"{path.name}:{function.lineno} {name} opens {len(opened)} transactions"
