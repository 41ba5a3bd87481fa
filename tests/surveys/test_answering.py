"""Answering a survey: no account, no script, one response per person (SPEC K1)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from surveys.models import Response, ResponseChannel, SurveyStatus
from surveys.views import kiosk_token

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"u{n}": 3 for n in range(1, 10)}
    data.update(
        {
            "gender": "L",
            "age_band": "20-29",
            "education": "s1",
            "occupation": "swasta",
            "served_on": "2026-01-05",
            "suggestion": "",
            "idempotency_key": str(uuid.uuid4()),
        }
    )
    data.update(overrides)
    return data


def test_anonymous_citizen_answers_from_the_qr_link_and_the_count_moves(client, world) -> None:
    """SPEC K1: the QR link opens the form without an account; the answer is counted."""
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk]) + "?kanal=qr"
    page = client.get(url)
    assert page.status_code == 200
    assert "0 jawaban masuk dari sampel 80" in page.content.decode()
    done = client.post(url, form_data(suggestion="Antrean <b>panjang</b>"))
    assert done.status_code == 302
    thanks = client.get(done["Location"])
    assert "1 jawaban masuk dari sampel 80" in thanks.content.decode()
    response = Response.objects.get(survey=survey)
    assert response.channel == ResponseChannel.QR
    assert response.answers() == [3] * 9
    assert response.service == world.service
    assert response.suggestion_status == "pending"


def test_same_browser_cannot_answer_twice(client, world) -> None:
    """SPEC K1: one response per person per survey (signed browser token)."""
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    client.get(url)
    client.post(url, form_data())
    again = client.post(url, form_data())
    assert again.status_code == 200
    assert "Anda sudah mengisi survei ini" in again.content.decode()
    assert "Anda sudah mengisi survei ini" in client.get(url).content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_logged_in_citizen_is_recognised_by_account_in_another_browser(
    client, django_user_model, world
) -> None:
    """SPEC K1: with an account, one response per account, whatever the browser."""
    from django.test import Client

    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    client.force_login(world.users["warga"])
    client.post(url, form_data())
    second_browser = Client()
    second_browser.force_login(world.users["warga"])
    second_browser.post(url, form_data())
    assert Response.objects.filter(survey=survey).count() == 1


def test_resubmit_after_a_dropped_connection_does_not_count_twice(client, world) -> None:
    """SPEC K1: the same idempotency key finds the first response, even from a fresh browser."""
    from django.test import Client

    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    data = form_data()
    first = client.post(url, data)
    # The reply was lost, and the cookie with it: the browser sends the same form again.
    second = Client().post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("surveys:thanks", args=[survey.pk])
    assert Response.objects.filter(survey=survey).count() == 1


def test_kiosk_takes_one_answer_after_another(client, world) -> None:
    """SPEC K1: a signed kiosk link on a shared device takes successive respondents."""
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk]) + "?kios=" + kiosk_token(survey.pk)
    for _n in range(3):
        done = client.post(url, form_data())
        assert done.status_code == 302
    assert "kios=" in done["Location"]
    assert "Responden berikutnya" in client.get(done["Location"]).content.decode()
    assert Response.objects.filter(survey=survey, channel="kiosk").count() == 3


def test_forged_kiosk_token_counts_as_a_single_browser(client, world) -> None:
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk]) + "?kios=" + kiosk_token(survey.pk + 1)
    client.post(url, form_data())
    client.post(url, form_data())
    assert Response.objects.filter(survey=survey).count() == 1


def test_submissions_from_one_address_are_rate_limited(client, world, settings) -> None:
    """SPEC K1: rate-limited; the kiosk's higher limit does not apply to plain browsers."""
    from django.test import Client

    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    for _n in range(10):
        assert Client().post(url, form_data()).status_code == 302
    refused = Client().post(url, form_data())
    assert refused.status_code == 429
    assert "Terlalu banyak jawaban" in refused.content.decode()
    assert Response.objects.filter(survey=survey).count() == 10


@pytest.mark.parametrize(
    "bad",
    [
        {"u1": "5"},
        {"u2": "0"},
        {"u3": "tiga"},
        {"u4": ""},
        {"gender": "X"},
        {"served_on": "2999-01-01"},
        {"served_on": "bukan tanggal"},
        {"idempotency_key": "bukan-uuid"},
        {"suggestion": "x" * 1001},
        {"u5": "\x00"},
    ],
)
def test_bad_answers_get_a_translated_error_not_a_500(client, world, bad) -> None:
    survey = world.survey(service=world.service)
    page = client.post(reverse("surveys:answer", args=[survey.pk]), form_data(**bad))
    assert page.status_code == 400
    assert "Ada jawaban yang belum diisi" in page.content.decode()
    assert not Response.objects.exists()


def test_agency_wide_survey_asks_which_service_was_received(client, world) -> None:
    survey = world.survey(agency=world.dukcapil)
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.post(url, form_data()).status_code == 400
    assert client.post(url, form_data(service=world.rsud_service.pk)).status_code == 400
    assert client.post(url, form_data(service=world.other_service.pk)).status_code == 302
    assert Response.objects.get(survey=survey).service == world.other_service


def test_draft_and_closed_surveys_take_no_answers(client, world) -> None:
    draft = world.survey(service=world.service, status=SurveyStatus.DRAFT)
    assert client.get(reverse("surveys:answer", args=[draft.pk])).status_code == 404
    open_survey = world.survey(service=world.service)
    for _n in range(5):
        world.answer(open_survey, [4] * 9)
    published = world.publish(open_survey)
    page = client.get(reverse("surveys:answer", args=[published.pk]))
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys:results", args=[published.pk])
    page = client.post(reverse("surveys:answer", args=[published.pk]), form_data())
    assert page.status_code == 409 and "Jawaban Anda tidak tercatat" in page.content.decode()
    assert Response.objects.filter(survey=published).count() == 5


def test_an_answer_sent_after_the_survey_closed_says_nothing_was_recorded(
    client, world, monkeypatch
) -> None:
    """SPEC K1: closed while someone answers: the page says the survey closed and the answer
    was not recorded, never "Terima kasih"; also when the close lands mid-submit."""
    from surveys import selectors, services
    from surveys.models import Survey

    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.get(url).status_code == 200  # the form is open on the phone
    services.survey_set_status(None, survey=survey, status=SurveyStatus.CLOSED)
    page = client.post(url, form_data())
    html = page.content.decode()
    assert page.status_code == 409
    assert "Survei sudah ditutup" in html and "Jawaban Anda tidak tercatat" in html
    assert "Terima kasih" not in html
    assert client.get(url).status_code == 200  # a closed survey's link explains, no 404

    stale = Survey.objects.with_related().get(pk=survey.pk)
    stale.status = SurveyStatus.OPEN  # loaded just before the officer closed it
    monkeypatch.setattr(selectors, "get_survey_to_answer", lambda pk: stale)
    page = client.post(url, form_data())
    assert page.status_code == 409 and "Terima kasih" not in page.content.decode()
    assert not Response.objects.filter(survey=survey).exists()


def test_database_refuses_an_answer_outside_one_to_four(world) -> None:
    """SPEC K2: answers are 1-4, enforced by a CheckConstraint."""
    survey = world.survey(service=world.service)
    response = world.answer(survey, [4] * 9)
    response.u7 = 5
    with pytest.raises(IntegrityError), transaction.atomic():
        response.save()


def test_service_code_link_finds_the_open_survey(client, world) -> None:
    """SPEC K1: the instant-survey link a closed complaint points to."""
    url = reverse("surveys:for_service", args=[world.service.code])
    assert "Belum ada survei yang dibuka" in client.get(url).content.decode()
    assert client.get(reverse("surveys:for_service", args=["TIDAK-ADA"])).status_code == 404
    agency_wide = world.survey(agency=world.dukcapil, title="SKM Disdukcapil")
    assert client.get(url)["Location"] == agency_wide.get_absolute_url()
    own = world.survey(service=world.service)
    moved = client.get(url + "?kanal=pengaduan")
    assert moved["Location"] == own.get_absolute_url() + "?kanal=pengaduan"
    client.post(moved["Location"], form_data())
    assert Response.objects.get(survey=own).channel == ResponseChannel.COMPLAINT


def test_closed_complaint_page_offers_the_instant_survey(client, world) -> None:
    """SPEC K1: the instant survey is offered right after a complaint is closed."""
    from django.utils import timezone

    from complaints.models import Complaint
    from complaints.services import ComplaintContent, complaint_submit

    receipt = complaint_submit(
        None,
        content=ComplaintContent(
            kind="pengaduan",
            title="KTP-el lama",
            description="Sudah enam minggu KTP-el saya belum jadi.",
            privacy="publik",
            location="Jl. A. Yani No. 1, Pelaihari",
            service=world.service,
        ),
    )
    code = receipt.complaint.code
    # Published as a verification would (SPEC C3): the public page is there to read.
    Complaint.objects.filter(pk=receipt.complaint.pk).update(published_at=timezone.now())
    link = reverse("surveys:for_service", args=[world.service.code]) + "?kanal=pengaduan"
    page = reverse("complaints:detail", args=[code])
    response = client.get(page)
    assert response.status_code == 200
    assert link not in response.content.decode()
    Complaint.objects.filter(pk=receipt.complaint.pk).update(
        status="selesai", closed_at=timezone.now()
    )
    assert link in client.get(page).content.decode()


def test_resubmit_from_the_same_browser_lands_on_the_thanks_page(client, world) -> None:
    """SPEC K1: a resubmit is not an error and not a second response."""
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    data = form_data()
    client.post(url, data)
    again = client.post(url, data)
    assert again.status_code == 302
    assert again["Location"] == reverse("surveys:thanks", args=[survey.pk])
    assert Response.objects.filter(survey=survey).count() == 1


def test_markup_in_a_suggestion_is_stored_as_plain_text(client, world) -> None:
    survey = world.survey(service=world.service)
    url = reverse("surveys:answer", args=[survey.pk])
    client.post(url, form_data(suggestion="<script>alert(1)</script>Antrean <b>5 < 6</b>"))
    assert Response.objects.get().suggestion == "Antrean 5 < 6"


def test_the_service_refuses_a_service_date_after_today(world) -> None:
    """SPEC K1: an answer is about a service already received; a date after today is refused
    by the service itself, not only by the form."""
    import datetime

    from django.utils import timezone

    from surveys import services

    survey = world.survey(service=world.service)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(services.SurveyError, match="masa depan"):
        services.response_submit(
            survey=survey,
            answers={n: 3 for n in range(1, 10)},
            gender="P",
            age_band="30-39",
            education="sma",
            occupation="swasta",
            service=world.service,
            served_on=tomorrow,
            suggestion="",
            channel=ResponseChannel.WEB,
            respondent_key="",
            idempotency_key=uuid.uuid4(),
        )
    assert not Response.objects.filter(survey=survey).exists()
    world.answer(survey, [3] * 9)  # today is fine
    assert Response.objects.filter(survey=survey).count() == 1
