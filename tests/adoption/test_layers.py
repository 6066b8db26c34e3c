"""Adoption is one package whose imports point downward: commands → jobs → rules, goals,
settings, activity, texts → figures → storage and the core. The core does not import it;
only the places that load features (and the dashboard and ``vraagbaak stats``, which show
its figures and targets) do. No import inside a function dodges a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

ROOT = Path(bot.__file__).resolve().parent.parent
PACKAGE = "bot.adoption"
# Layer of each part of the package: a module may import its own layer or lower ones.
LAYERS = {
    "figures": 0,
    "settings": 1,
    "goal_input": 1,
    "texts": 1,
    "activity": 2,
    "goals": 2,
    "rules": 2,
    "jobs": 3,
    "commands": 4,
}
# Outside the package, who may import it: where features are loaded and built (the handler
# modules in bot/startup/app.py, the jobs in bot/startup/runtime.py, its activity log in
# bot/dispatch/services.py) and the feature's front-ends (the dashboard's pages, the stats command).
LOADERS = (
    "bot/startup/app.py",
    "bot/startup/runtime.py",
    "bot/dispatch/services.py",
    "bot/cli/stats_cmd.py",
    "bot/web/",
)
# Libraries loaded only when used (the monthly report's chart), not to dodge a cycle.
LAZY = {"matplotlib", "matplotlib.figure"}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, inside a function or block) for each absolute import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "bot":
                names += [f"bot.{alias.name}" for alias in node.names]
        else:
            continue
        found += [(name, id(node) not in top) for name in names]
    return found


def _layer(module: str) -> int:
    part = module.removeprefix(PACKAGE + ".").split(".")[0]
    return LAYERS[part]


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_only_feature_loaders_import_the_adoption_package() -> None:
    outside = [
        p
        for p in _python_files("bot", "handlers", "schedules", "knowledge")
        if not p.is_relative_to(ROOT / "bot" / "adoption")
    ]
    assert len(outside) > 100
    problems = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in outside
        for name, _ in _imports(path)
        if (name == PACKAGE or name.startswith(PACKAGE + "."))
        and not str(path.relative_to(ROOT)).startswith(LOADERS)
    ]
    assert problems == []


def test_adoption_imports_point_downward_and_never_inside_a_function() -> None:
    modules = _python_files("bot/adoption")
    assert len(modules) > 20
    problems = []
    for path in modules:
        relative = path.relative_to(ROOT / "bot" / "adoption")
        if relative.name == "__init__.py" and len(relative.parts) == 1:
            continue
        own = _layer(".".join(relative.with_suffix("").parts))
        for name, inside in _imports(path):
            if inside and name not in LAZY:
                problems.append(f"{relative}: {name} imported inside a block")
            if name.split(".")[0] in ("handlers", "schedules"):
                problems.append(f"{relative}: imports {name} (upward)")
            if name.startswith(PACKAGE + ".") and _layer(name) > own:
                problems.append(f"{relative}: imports {name} (a higher layer)")
    assert problems == []


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from bot.adoption.commands import mute\ndef f():\n    import bot.adoption.jobs\n",
        encoding="utf-8",
    )
    assert _imports(bad) == [("bot.adoption.commands", False), ("bot.adoption.jobs", True)]
    assert _layer("bot.adoption.commands") > _layer("bot.adoption.figures.compute")
