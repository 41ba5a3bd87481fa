"""`manage.py seed_scale` at a tiny size: the rows it promises, skewed, valid for the pages."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client

from complaints import tally
from complaints.models import Complaint, Event, Status, TallyDimension
from reports.models import Rekap
from reputation.models import Rating, RatingDay
from standards.models import Agency, AgencyKind, Service, Tier
from standards.models_standard import ServiceStandard
from surveys.models import Response, Survey

pytestmark = pytest.mark.django_db(transaction=True)  # the seed ends with VACUUM ANALYZE
TINY = [
    "--pemda", "3", "--agencies", "20", "--services", "200", "--complaints", "3000",
    "--ratings", "20000", "--answers", "1000", "--years", "2", "--force",
]  # fmt: skip


def test_a_tiny_province_has_every_kind_of_row_skewed_and_consistent() -> None:
    out = io.StringIO()
    call_command("seed_scale", *TINY, stdout=out)
    text = out.getvalue()
    assert "complaints" in text and "total_s=" in text

    assert Agency.objects.filter(kind=AgencyKind.PEMDA).count() == 3
    assert Agency.objects.filter(tier=Tier.OPD).count() >= 20
    assert Service.objects.count() >= 200
    seeded = Complaint.objects.exclude(intake_token__isnull=False)
    assert seeded.count() >= 3000
    assert Event.objects.count() > 3000  # every item has at least its submission
    assert Rating.objects.count() >= 20000
    assert Response.objects.count() >= 1000
    # The day counters match the rows they count; the statistics tally (counted once after
    # the COPY, with its triggers off meanwhile) matches the items (SPEC C15).
    assert sum(RatingDay.objects.values_list("total", flat=True)) == Rating.objects.count()
    for dimension, group in (
        (TallyDimension.ALL, ("opd", "month")),
        (TallyDimension.SERVICE, ("value",)),
    ):
        kept = sorted(map(sorted, (r.items() for r in tally.counts(dimension, group=group))))
        live = tally.live_counts(Complaint.objects.all(), dimension, group=group)
        assert kept == sorted(map(sorted, (r.items() for r in live if r["received"])))
    assert Survey.objects.filter(status="published").count() >= 20
    # Every service the seed made has an adopted standard (the demo's drafts stay drafts).
    made = Service.objects.filter(code__regex=r"^S[0-9]+$")
    adopted = ServiceStandard.objects.filter(status="ditetapkan", service__in=made)
    assert made.count() >= 20 and adopted.count() == made.count()
    assert Rekap.objects.count() >= 20 * 12

    # Skewed like real life: most items closed; the busiest OPD far above the median one.
    statuses = Counter(seeded.values_list("status", flat=True))
    assert statuses[Status.SELESAI] > seeded.count() / 2
    per_opd = sorted(
        (r["n"] for r in seeded.exclude(opd=None).values("opd").annotate(n=Count("pk"))),
        reverse=True,
    )
    assert per_opd[0] > 5 * per_opd[len(per_opd) // 2]

    # The pages read the seeded rows.
    busiest = Agency.objects.get(slug="disdukcapil")
    for path in (
        "/",
        "/pengaduan/",
        "/pengaduan/statistik/",
        "/reputasi/",
        busiest.get_absolute_url(),
    ):  # noqa: E501
        assert Client().get(path).status_code == 200, path


def test_bad_sizes_are_refused_with_a_message() -> None:
    with pytest.raises(CommandError, match="negatif"):
        call_command("seed_scale", "--complaints", "-1", "--skip-demo", stdout=io.StringIO())
