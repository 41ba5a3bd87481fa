"""The demo seed's ratings, kiosk and warning (reports/demo_reputation.py)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from reputation.models import AgencyWarning, CommentStatus, KioskToken, Rating, RatingDay

pytestmark = pytest.mark.django_db


def test_demo_seed_loads_months_of_ratings_a_kiosk_and_a_warning_once(settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    ratings = Rating.objects.count()
    assert ratings > 300
    months = {d.strftime("%Y-%m") for d in RatingDay.objects.values_list("day", flat=True)}
    assert len(months) >= 6
    assert KioskToken.objects.count() == 1 and AgencyWarning.objects.count() == 1
    assert Rating.objects.filter(comment_status=CommentStatus.HELD).exists()
    assert Rating.objects.exclude(reply="").exists()
    total = sum(RatingDay.objects.values_list("total", flat=True))
    assert total == ratings
    call_command("seed_demo", "--quiet")
    assert Rating.objects.count() == ratings
    assert KioskToken.objects.count() == 1 and AgencyWarning.objects.count() == 1
