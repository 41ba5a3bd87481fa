"""Demo data: a published survey with results and a follow-up plan, one below its sample."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

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
