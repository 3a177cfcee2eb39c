"""The modules of coach/scoring import one another in one direction: no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

_SCORING = Path(__file__).resolve().parents[2] / "coach" / "scoring"
_PACKAGE = "coach.scoring"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The coach/scoring modules `path` imports, at the top or inside a function (not for typing only)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == _PACKAGE:
                found.update(alias.name for alias in node.names if alias.name in modules)
            elif node.module.startswith(_PACKAGE + "."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[2] for alias in node.names if alias.name.startswith(_PACKAGE + ".")
            )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found - {path.stem}


def _graph() -> dict[str, set[str]]:
    paths = {path.stem: path for path in _SCORING.glob("*.py") if path.stem != "__init__"}
    return {name: _imports(path, set(paths)) for name, path in paths.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path of module names, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(name: str) -> list[str]:
        state[name] = 1
        path.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (found := walk(target)):
                return found
        path.pop()
        state[name] = 2
        return []

    for name in sorted(graph):
        if name not in state and (found := walk(name)):
            return found
    return []


def test_no_import_cycle_inside_scoring() -> None:
    """No coach/scoring module imports, even inside a function, one that imports it back."""
    assert _cycle(_graph()) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    """The check itself reports a cycle when two modules import each other."""
    assert _cycle({"cues": {"normalize"}, "normalize": {"cues", "words"}, "words": set()}) == [
        "cues",
        "normalize",
        "cues",
    ]


def test_the_graph_sees_imports_inside_functions() -> None:
    """An import inside a function counts: cues reads the word functions that way."""
    assert "words" in _graph()["cues"]
