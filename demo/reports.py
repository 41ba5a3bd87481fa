"""Demo data of the reports app: last month's Rekapitulasi of Disdukcapil, built through
reports.services, so the Kepala (`kepala.dukcapil`) finds a rekap to sign. Idempotent: a
second run finds the version and builds nothing. The other OPDs' rekaps come from the
monthly job (config/schedule.py) as in production."""

from __future__ import annotations

from django.utils import timezone

from reports import services
from reports.models import Rekap, previous_month
from standards.models import Agency


def load_demo_reports() -> int:
    """Returns the number of rekap versions built (0 or 1)."""
    agency = Agency.objects.filter(slug="disdukcapil").first()
    if agency is None:
        return 0
    year, month = previous_month(timezone.localdate())
    if Rekap.objects.filter(agency=agency, year=year, month=month).exists():
        return 0
    services.rekap_build(user=None, agency=agency, year=year, month=month)
    return 1
