"""The project's modules import each other without a circle (ARCHITECTURE.md, Layout).

The graph is read from the source (`ast`), so an import hidden inside a function - the way
accounts.notifications and accounts.tasks once imported each other - counts like any other.
Migrations and tests are left out; every other module must also import cleanly.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIP_PARTS = {"migrations", "tests", ".venv", "static", "templates", "locale", "node_modules"}


def project_modules() -> dict[str, Path]:
    """Dotted name → file, for every .py file of the project's packages."""
    modules: dict[str, Path] = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP_PARTS & set(rel.parts) or any(p.startswith(".") for p in rel.parts):
            continue
        if len(rel.parts) == 1:  # manage.py and other top-level scripts
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest project module that `name` is or lies inside."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `module` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from pkg import sub` imports the submodule when there is one.
                found.add(f"{base}.{alias.name}")
    resolved = {_resolve(name, modules) for name in found}
    return {m for m in resolved if m and m != module}


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_project_modules_import_each_other_even_through_others() -> None:
    graph = import_graph()
    assert "notices.services" in graph and "accounts.models" in graph  # the walk found them
    assert cycles(graph) == []


# ARCHITECTURE.md: imports only point down this list; apps on one level never import each
# other. `config` wires the apps together and stands above them all.
LEVELS = {
    "standards": 0,
    "accounts": 1,
    "notices": 2,
    "complaints": 3,
    "reputation": 3,
    "surveys": 3,
    "reports": 4,
    "demo": 5,
}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        app = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if app in LEVELS and other in LEVELS and app != other:
                if LEVELS[other] >= LEVELS[app]:
                    wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def test_no_app_imports_an_app_above_or_beside_it() -> None:
    graph = import_graph()
    assert {m.split(".")[0] for m in graph} >= {"standards", "accounts", "notices", "complaints"}
    assert upward_imports(graph) == []
    assert upward_imports({"accounts.views": {"notices.models"}}) == [
        "accounts.views -> notices.models"
    ]


def test_the_cycle_finder_sees_a_circle_hidden_in_a_function(tmp_path: Path) -> None:
    """The check above could not fail if the reader missed deferred imports."""
    (tmp_path / "a.py").write_text("import b\n")
    (tmp_path / "b.py").write_text("def later():\n    from a import thing\n")
    modules = {"a": tmp_path / "a.py", "b": tmp_path / "b.py"}
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert graph == {"a": {"b"}, "b": {"a"}}
    assert cycles(graph) == [["a", "b"]]


def test_every_project_module_imports() -> None:
    failed = {}
    for name in project_modules():
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - report every module that fails, then fail
            failed[name] = f"{type(exc).__name__}: {exc}"
    assert failed == {}
