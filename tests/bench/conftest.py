"""The bench on a database seeded beforehand (BENCH_DATABASE_URL, see test_pages_bench.py).

That database is used as it is: no test database is created from it, and only the page and
write-path bench runs against it (the other benchmarks build and empty their own data).
"""

from __future__ import annotations

import os

import pytest

EXTERNAL = bool(os.environ.get("BENCH_DATABASE_URL"))

if EXTERNAL:

    @pytest.fixture(scope="session")
    def django_db_setup() -> None:
        """The seeded database itself, never a test copy of it."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not EXTERNAL:
        return
    kept = [item for item in items if item.path.name == "test_pages_bench.py"]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
