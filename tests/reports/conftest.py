"""The reports tests run in the report world of tests/personas.py: a pemda with two OPDs (a dinas
and a Perusahaan Daerah), the Inspektorat, and the people who file, sign and read the
Rekapitulasi and the evaluation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.personas import ReportWorld, build_report_world


@pytest.fixture
def world(db: Any) -> ReportWorld:
    return build_report_world()
