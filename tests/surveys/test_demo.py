"""Demo data: a published survey with results and a follow-up plan, one below its sample."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.surveys import load_demo_surveys, semesters
from surveys import selectors
from surveys.models import FollowUpItem, Response, Survey


@pytest.mark.django_db
def test_seed_loads_a_published_survey_and_one_below_its_sample(client, settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)  # idempotent
    published = Survey.objects.get(status="published")
    below = Survey.objects.get(status="open")
    assert Survey.objects.count() == 2
    assert Response.objects.filter(survey=published).count() == 96 >= published.sample_size
    assert Response.objects.filter(survey=below).count() == 23 < below.sample_size == 278
    assert FollowUpItem.objects.filter(survey=published).count() == 3
    result = selectors.survey_result(published)
    assert result.lowest.number == 3
    page = client.get(reverse("surveys:results", args=[published.pk]))
    assert page.status_code == 200
    assert "Menambah satu loket" in page.content.decode()
    assert result.mutu in {"A", "B"}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2027, 3, 15), ((2026, 2), (2027, 1))),
        (datetime.date(2027, 6, 30), ((2026, 2), (2027, 1))),
        (datetime.date(2027, 7, 1), ((2027, 1), (2027, 2))),
        (datetime.date(2027, 12, 31), ((2027, 1), (2027, 2))),
    ],
)
def test_demo_publishes_the_last_semester_that_is_over(today, expected) -> None:
    assert semesters(today) == expected


@pytest.mark.django_db
def test_demo_seeded_before_july_dates_nothing_after_today(settings, monkeypatch) -> None:
    """SPEC K3: seeded in March, the published survey's period is over and no answer of
    either survey is dated after the day of the seed."""
    settings.DEBUG = True
    call_command("seed_demo", quiet=True)
    Survey.objects.all().delete()
    march = datetime.date(timezone.localdate().year, 3, 15)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: march)
    assert load_demo_surveys() == 2
    published = Survey.objects.get(status="published")
    assert published.period_end < march
    assert published.title == f"SKM KTP-el Semester II {march.year - 1}"
    running = Survey.objects.get(status="open")
    assert running.period_start <= march <= running.period_end
    assert Response.objects.count() == 96 + 23
    assert not Response.objects.filter(served_on__gt=march).exists()
