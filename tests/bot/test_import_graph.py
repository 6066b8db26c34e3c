"""The core reads as one (issue 17): no module of the bot imports one of ours inside a
function or an ``if TYPE_CHECKING`` block to dodge a cycle, and the modules import each other
without a cycle. The command line is the exception: its commands load their modules when they
run, so ``vraagbaak --help`` starts fast (each such group says so in a comment)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "schedules", "knowledge")
STARTUP_ONLY = ROOT / "bot" / "cli"


def _sources() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def _ours(node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    """The modules of ours ``node`` imports (``from bot.people import visibility`` is
    bot.people.visibility)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.level or node.module is None:
        return []
    else:
        names = [
            f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
            for alias in node.names
        ]
    return [name for name in names if name in known]


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    sources = dict(_sources())
    known = set(sources)
    graph: dict[str, set[str]] = {}
    hidden: list[str] = []
    for name, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top_level = {id(node) for node in tree.body}
        edges: set[str] = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            found = _ours(node, known)
            if not found:
                continue
            if id(node) in top_level:
                edges.update(found)
            elif not path.is_relative_to(STARTUP_ONLY):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {found[0]}")
        graph[name] = edges - {name}
    return graph, hidden


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_of_ours_hides_inside_a_function_or_a_type_checking_block() -> None:
    _, hidden = _graph()
    assert hidden == []


def test_the_modules_import_each_other_without_a_cycle() -> None:
    graph, _ = _graph()
    assert _cycles(graph) == []


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
