"""Rekapitulasi of a busy month: 2,000 rows in PDF and XLSX (SPEC C17). Prints the time;
asserts only the rows (README: benchmarks assert correctness, never a time)."""

from __future__ import annotations

import copy
import time

import pytest

from complaints.models import Complaint
from reports import services
from tests.personas import build_report_world, local

pytestmark = pytest.mark.django_db


def test_a_month_of_two_thousand_rows(db):
    """SPEC C17: a 2,000-row month, built as the monthly job builds it."""
    world = build_report_world()
    template = world.item(at=local(2026, 3, 1, 8))
    rows = []
    for n in range(1999):
        template.pk = None
        template.code = f"LP-BULK-{n:04d}"
        template.received_at = template.penghubung_received_at = local(2026, 3, 1 + n % 28, 9)
        rows.append(copy.copy(template))
    Complaint.objects.bulk_create(rows)
    started = time.monotonic()
    built = services.rekap_build(user=None, agency=world.dinas, year=2026, month=3)
    elapsed = time.monotonic() - started
    assert built.row_count == 2000
    print(f"2,000 rows: {elapsed:.1f} s")
