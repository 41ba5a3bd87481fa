"""Habits of the test suite itself: people and scenarios live in tests/personas.py (and small
helper modules), never in another test module or a conftest that tests import from."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# `tests.<folder>.test_x`, `tests.test_x`, `tests.<folder>.conftest` and `tests.conftest`.
FORBIDDEN = re.compile(r"^tests(\.[A-Za-z0-9_]+)*\.(test_[A-Za-z0-9_]*|conftest)(\.|$)")


def forbidden_imports(source: str) -> list[str]:
    """The modules a source imports from that are test modules or conftests, as `line: module`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
            if not FORBIDDEN.match(node.module):  # `from tests.e2e import test_x`
                modules += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        found += [f"{node.lineno}: {m}" for m in modules if FORBIDDEN.match(m)]
    return found


def test_the_check_catches_imports_from_test_modules_and_conftests() -> None:
    source = (
        "from tests.complaints.test_services import route_to_penghubung\n"
        "from tests.reports.conftest import local\n"
        "from tests.e2e import test_accessibility\n"
        "import tests.surveys.conftest\n"
        "def f():\n"
        "    from tests.complaints.conftest import build_world\n"
        "from tests.personas import World\n"
        "from tests.e2e.sweep import Sweep\n"
        "from tests.factories import UserFactory\n"
    )
    assert forbidden_imports(source) == [
        "1: tests.complaints.test_services",
        "2: tests.reports.conftest",
        "3: tests.e2e.test_accessibility",
        "4: tests.surveys.conftest",
        "6: tests.complaints.conftest",
    ]


def test_no_test_module_imports_from_another_test_module_or_a_conftest() -> None:
    """Shared people and scenarios come from tests/personas.py, not from a sibling's module."""
    offenders = {
        str(path.relative_to(TESTS.parent)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_fast_password_hasher_is_set_once_by_the_root_conftest() -> None:
    """tests/conftest.py sets PASSWORD_HASHERS for the whole suite; no module sets it again."""
    setters = sorted(
        str(path.relative_to(TESTS.parent))
        for path in TESTS.rglob("*.py")
        if path != Path(__file__)
        and re.search(r"\bsettings\.PASSWORD_HASHERS\s*=", path.read_text(encoding="utf-8"))
    )
    assert setters == ["tests/conftest.py"]
