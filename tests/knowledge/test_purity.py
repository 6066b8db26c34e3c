"""knowledge/ is the pure layer: ranking, routing and text analysis over plain data. Its
storage queries live beside storage (bot/expertise/), and nothing in it imports the bot, the
database libraries, or anything inside a function (the way a cycle is dodged)."""

from __future__ import annotations

import ast
from pathlib import Path

import knowledge

FORBIDDEN = ("bot", "handlers", "schedules", "sqlmodel", "sqlalchemy", "alembic")


def _modules() -> list[Path]:
    root = Path(knowledge.__file__).parent
    return sorted(root.rglob("*.py"))


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [node.module or ""] if node.level == 0 else []


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top_level = {id(node) for node in tree.body}
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for name in _imported(node):
            if name.split(".")[0] in FORBIDDEN:
                found.append(f"{path.name}:{node.lineno} imports {name}")
        if id(node) not in top_level:
            found.append(f"{path.name}:{node.lineno} imports inside a block")
    return found


def test_knowledge_imports_neither_the_bot_nor_the_database() -> None:
    modules = _modules()
    assert len(modules) > 10
    problems = [problem for path in modules for problem in _problems(path)]
    assert problems == []


def test_the_check_catches_what_it_forbids(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from sqlmodel import select\n"
        "def f():\n"
        "    from knowledge.text import fold\n"
        "    return fold\n",
        encoding="utf-8",
    )
    assert _problems(bad) == [
        "bad.py:1 imports sqlmodel",
        "bad.py:3 imports inside a block",
    ]
