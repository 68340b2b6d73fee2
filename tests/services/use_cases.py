"""The public use cases of every service feature, found in the code and keyed by qualified name.

A use case is a public function of a feature package whose first parameter is the `desk`. The key
is `<feature>.<function>` (for example `postal.record_review` and `plans.record_review`): two
features may name a use case alike, and each one must still be checked on its own. Inside one
feature a public name is unique (`test_use_case_shape.py` holds that), so the feature names it.

Shared by the architecture tests that read the code (shape, logged events) and those that run it
(permissions, input checks, transactions counted).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

SERVICES = Path(__file__).resolve().parents[2] / "shelter_desk" / "services"
# Every feature package of the services layer: each folder with an __init__.py, except the kernel
# (shared steps, and the connection's probes that any desk may make: no use case is a kernel's)
# and the demo loader (it fills a fresh database, before anyone has signed in).
NOT_FEATURES = {"kernel", "demo"}
FEATURES = tuple(sorted(p.parent.name for p in SERVICES.glob("*/__init__.py") if p.parent.name not in NOT_FEATURES))


def qualified(feature: str, name: str) -> str:
    return f"{feature}.{name}"


def bare(qualified_name: str) -> str:
    return qualified_name.rsplit(".", 1)[1]


def feature_of(qualified_name: str) -> str:
    return qualified_name.split(".", 1)[0]


def public_definitions() -> dict[str, list[tuple[Path, ast.FunctionDef]]]:
    """Every public top-level function of every feature module, by qualified name (a list: a name
    defined twice in one feature shows up as two entries, which the shape test refuses)."""
    found: dict[str, list[tuple[Path, ast.FunctionDef]]] = {}
    for feature in FEATURES:
        for path in sorted((SERVICES / feature).glob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    found.setdefault(qualified(feature, node.name), []).append((path, node))
    return found


def _functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for name, definitions in public_definitions().items():
        path = definitions[-1][0]
        module = __import__(f"shelter_desk.services.{feature_of(name)}.{path.stem}", fromlist=["*"])
        found[name] = getattr(module, bare(name))
    for feature in FEATURES:
        package: ModuleType = __import__(f"shelter_desk.services.{feature}", fromlist=["__all__"])
        for name in package.__all__:
            if inspect.isfunction(getattr(package, name)):
                found[qualified(feature, name)] = getattr(package, name)
    return found


# Every public function of the services, and those of them that are use cases (take the desk).
FUNCTIONS = _functions()
USE_CASES = {name: f for name, f in FUNCTIONS.items() if list(inspect.signature(f).parameters)[:1] == ["desk"]}

# Before anyone is signed in there is no role to check: signing in, creating the very first
# administrator of a new database, and the desk's presence heartbeat (which runs from start-up,
# so that a restore can see which desks have the database open).
SIGNED_OUT = {"trust.sign_in", "trust.create_first_administrator", "trust.announce_presence", "trust.leave"}
