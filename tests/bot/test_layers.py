"""bot/'s role packages are layers: a module imports its own package and the layers below it,
never one above (docs/architecture.md, "Where the code lives"). Module-level imports count;
an import only for type checking does not run, so it may point anywhere."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYER = {"bot.core": 0, "bot.people": 1, "bot.delivery": 1, "bot.dispatch": 2, "bot.startup": 3}


def _package(module: str) -> str | None:
    return next((p for p in LAYER if module == p or module.startswith(p + ".")), None)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for package in LAYER:
        for path in sorted((ROOT / Path(*package.split("."))).glob("*.py")):
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found.append((dotted.removesuffix(".__init__"), path))
    return found


def _runtime_imports(path: Path) -> list[str]:
    """What the module imports when it is imported: module level, outside TYPE_CHECKING."""
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                names.extend(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                names.append(child.module)
                names.extend(f"{child.module}.{alias.name}" for alias in child.names)
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                visit_else(child)
            elif not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child)

    def visit_else(node: ast.If) -> None:
        for child in node.orelse:
            visit(ast.Module(body=[child], type_ignores=[]))

    visit(ast.parse(path.read_text()))
    return names


def test_no_role_package_imports_a_layer_above_it_or_beside_it() -> None:
    upward = []
    for module, path in _modules():
        own = _package(module)
        assert own is not None
        for imported in _runtime_imports(path):
            target = _package(imported)
            if target is not None and target != own and LAYER[target] >= LAYER[own]:
                upward.append(f"{module} imports {imported}")
    assert upward == []


@pytest.mark.parametrize("package", sorted(LAYER))
def test_each_role_package_imports_on_its_own(package: str) -> None:
    modules = [m for m, _ in _modules() if _package(m) == package]
    assert modules, f"{package} has no modules"
    probe = "".join(f"import {module}\n" for module in modules)
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT)
