"""The house: rooms that follow the flow, imports that run one way, small modules.

Read from the source with ast, lazy imports (inside functions) and ``TYPE_CHECKING`` ones
included: a dependency hidden in a function is still a dependency. ARCHITECTURE.md draws
the same rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "zhytomyr_kpi"
#: The rooms from the bottom up: a module may import its own room and the rooms below it.
FLOORS = ("basics", "document", "checks", "tables", "actuals", "analysis", "program", "views",
          "report", "publish", "compare", "top")
TOP = {"__init__", "__main__", "cli", "serve"}
MAX_LINES = 500
MAX_TOP_LEVEL = 16  # 14 rooms and files, and publish/, compare/ (issues 21, 23)


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


MODULES = _modules()


def _room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in TOP:
        return "top"
    return parts[1]


def _imports(module: str, path: Path) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in its source."""
    is_package = path.name == "__init__.py"
    base = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                parts = base.split(".")[: len(base.split(".")) - (node.level - 1)]
                source = ".".join([*parts, *([source] if source else [])])
            names = [f"{source}.{a.name}" for a in node.names] + [source]
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("zhytomyr_kpi"):
                found.add(name)
                break
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_module_lives_in_a_known_room():
    assert {_room(m) for m in MODULES} <= set(FLOORS)


def test_imports_run_down_the_flow():
    upward = sorted(f"{module} → {target}" for module, targets in GRAPH.items()
                    for target in targets
                    if FLOORS.index(_room(target)) > FLOORS.index(_room(module)))
    assert upward == []


def test_no_import_circles():
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    assert circles == []


def test_the_checker_sees_an_upward_import():
    # the rule can fail: the facade imports the rooms below it, never the other way round
    assert "zhytomyr_kpi.checks.parsed" in GRAPH["zhytomyr_kpi.program"]
    assert FLOORS.index(_room("zhytomyr_kpi.program")) > FLOORS.index(
        _room("zhytomyr_kpi.tables.programme"))


def test_modules_are_small_enough_to_read_in_one_sitting():
    long = {m: n for m, p in MODULES.items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_top_level_is_a_short_list_of_rooms():
    entries = sorted(p.name for p in PACKAGE.iterdir()
                     if p.name != "__pycache__" and not p.name.endswith(".egg-info"))
    assert len(entries) <= MAX_TOP_LEVEL, entries
