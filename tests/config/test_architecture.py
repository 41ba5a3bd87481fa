"""The import direction of ARCHITECTURE.md, checked on the source: apps import only apps below
them, so a new app copies the right habit and no app reaches upward."""

from __future__ import annotations

import ast
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]

# Each app and the apps it may import (ARCHITECTURE.md, "Imports only point down this list").
ALLOWED: dict[str, set[str]] = {
    "standards": set(),
    "accounts": {"standards"},
    "notices": {"standards", "accounts"},
    "complaints": {"standards", "accounts", "notices"},
    "reputation": {"standards", "accounts", "notices"},
    "surveys": {"standards", "accounts", "notices"},
    "reports": {"standards", "accounts", "notices", "complaints", "reputation", "surveys"},
    "demo": {
        "standards",
        "accounts",
        "notices",
        "complaints",
        "reputation",
        "surveys",
        "reports",
    },
}
APPS = set(ALLOWED)


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.add((top, node.lineno))
    return found


def _app_sources() -> list[tuple[str, Path]]:
    sources = []
    for app in sorted(APPS):
        folder = BASE / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            sources.append((app, path))
    return sources


def test_apps_import_only_apps_below_them() -> None:
    wrong = []
    for app, path in _app_sources():
        for imported, line in sorted(_imported_apps(path)):
            if imported != app and imported not in ALLOWED[app]:
                wrong.append(f"{path.relative_to(BASE)}:{line} imports {imported}")
    assert not wrong, "imports pointing upward or sideways:\n" + "\n".join(wrong)


def test_the_check_sees_the_apps_it_guards() -> None:
    """The walk reads real files: every existing app is found with its modules."""
    found = {app for app, _ in _app_sources()}
    assert {"standards", "accounts", "complaints"} <= found
    assert any(p.name == "models.py" for a, p in _app_sources() if a == "complaints")


def test_an_upward_import_would_be_reported(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from complaints.models import Complaint\nimport reports.views\n")
    assert {name for name, _ in _imported_apps(probe)} == {"complaints", "reports"}
    assert "complaints" not in ALLOWED["standards"]
