"""Officers create and run surveys through the one door; publication reports them (K1, K3)."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.celery import app as celery_app
from notices.models import Notification, OutboundEmail
from surveys import services
from surveys.models import FollowUpItem, ReportStatus, Survey, SurveyStatus
from surveys.tasks import render_report

pytestmark = pytest.mark.django_db


def test_kepala_creates_a_survey_and_the_sample_follows_the_population(client, world) -> None:
    """SPEC K2: the Krejcie-Morgan sample is derived from the population (1000 → 278)."""
    client.force_login(world.users["kepala"])
    page = client.post(
        reverse("surveys:officer_create"),
        {
            "agency": world.dukcapil.pk,
            "service": world.service.pk,
            "title": "SKM KTP-el Semester I",
            "period_kind": "semester",
            "year": "2026",
            "semester": "1",
            "population": "1000",
        },
    )
    survey = Survey.objects.get()
    assert page.status_code == 302
    assert (survey.period_start, survey.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    assert survey.sample_size == 278
    assert survey.status == SurveyStatus.DRAFT
    assert survey.created_by == world.users["kepala"]


@pytest.mark.parametrize(
    "bad",
    [
        {"period_kind": "rentang", "start": "2026-05-01", "end": "2026-04-01"},
        {"period_kind": "semester", "year": "2026", "semester": "3"},
        {"period_kind": "tahun", "year": ""},
        {"population": "-5"},
        {"population": "banyak"},
    ],
)
def test_bad_survey_input_gets_a_form_error(client, world, bad) -> None:
    client.force_login(world.users["kepala"])
    data = {
        "agency": world.dukcapil.pk,
        "title": "SKM",
        "period_kind": "tahun",
        "year": "2026",
        "population": "100",
        **bad,
    }
    assert client.post(reverse("surveys:officer_create"), data).status_code == 400
    assert not Survey.objects.exists()


def test_officer_cannot_create_a_survey_for_another_opd(client, world) -> None:
    client.force_login(world.users["kepala"])
    data = {
        "agency": world.rsud.pk,
        "title": "SKM",
        "period_kind": "tahun",
        "year": "2026",
        "population": "100",
    }
    assert client.post(reverse("surveys:officer_create"), data).status_code == 400
    assert not Survey.objects.exists()


def test_citizen_and_outside_officer_get_404_sekda_403_on_change(client, world) -> None:
    """SPEC A2: the one door: an official sees the surveys of their own agencies only (404
    out of sight, for citizens and other OPDs alike), 403 visible but not MANAGE_SURVEYS."""
    survey = world.survey(service=world.service)
    detail = reverse("surveys:officer_detail", args=[survey.pk])
    status = reverse("surveys:officer_status", args=[survey.pk])
    client.force_login(world.users["warga"])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("surveys:officer_list")).status_code == 404
    client.force_login(world.users["kepala_rsud"])
    assert client.get(detail).status_code == 404
    assert client.post(status, {"status": "closed"}).status_code == 404
    client.force_login(world.users["sekda"])
    assert client.get(detail).status_code == 200
    assert client.post(status, {"status": "closed"}).status_code == 403
    assert client.get(reverse("surveys:officer_create")).status_code == 403
    client.force_login(world.users["penghubung"])
    assert client.post(status, {"status": "closed"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED


def test_status_changes_follow_the_allowed_order(world) -> None:
    survey = world.survey(service=world.service, status=SurveyStatus.DRAFT)
    with pytest.raises(services.SurveyError):
        services.survey_set_status(None, survey=survey, status=SurveyStatus.PUBLISHED)
    services.survey_set_status(None, survey=survey, status=SurveyStatus.OPEN)
    services.survey_set_status(None, survey=survey, status=SurveyStatus.CLOSED)
    with pytest.raises(services.SurveyError, match="kurang dari 5 jawaban"):
        services.survey_set_status(None, survey=survey, status=SurveyStatus.PUBLISHED)


def test_a_survey_with_fewer_than_five_responses_is_not_published(client, world) -> None:
    """SPEC K3 (privacy): below 5 respondents the per-unsur values are one person's answers,
    so publishing is refused with a translated message; the fifth response allows it."""
    survey = world.survey(service=world.service)
    for _n in range(4):
        world.answer(survey, [2] * 9)
    services.survey_set_status(None, survey=survey, status=SurveyStatus.CLOSED)
    client.force_login(world.users["kepala"])
    status = reverse("surveys:officer_status", args=[survey.pk])
    page = client.post(status, {"status": "published"}, follow=True)
    assert "kurang dari 5 jawaban tidak bisa dipublikasikan" in page.content.decode()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    # The officer's own page leaves the per-unsur table and chart out and says why.
    html = client.get(reverse("surveys:officer_detail", args=[survey.pk])).content.decode()
    assert 'id="per-unsur-disembunyikan"' in html and "<svg" not in html
    assert "50,00" not in html.split('id="per-unsur-judul"')[1].split("</section>")[0]
    survey = services.survey_set_status(None, survey=survey, status=SurveyStatus.OPEN)
    world.answer(survey, [2] * 9)
    world.publish(survey)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.PUBLISHED


def test_follow_up_plan_and_moderation_through_the_officer_page(client, world) -> None:
    """SPEC K3: the follow-up plan per weak unsur (action, owner, due date, status)."""
    survey = world.survey(service=world.service)
    response = world.answer(survey, [2] * 9, suggestion="Perbanyak loket")
    client.force_login(world.users["kepala"])
    client.post(
        reverse("surveys:officer_followup_add", args=[survey.pk]),
        {"unsur": "3", "action": "Tambah loket", "owner": "Kabid Dafduk", "due_date": "2026-09-30"},
    )
    item = FollowUpItem.objects.get()
    assert (item.unsur, item.owner, item.status) == (3, "Kabid Dafduk", "planned")
    client.post(
        reverse("surveys:officer_followup_status", args=[survey.pk, item.pk]), {"status": "done"}
    )
    item.refresh_from_db()
    assert item.status == "done"
    bad = client.post(
        reverse("surveys:officer_followup_add", args=[survey.pk]),
        {"unsur": "10", "action": "x", "owner": "y", "due_date": "nanti"},
    )
    assert bad.status_code == 302 and FollowUpItem.objects.count() == 1
    client.post(
        reverse("surveys:officer_moderate", args=[survey.pk, response.pk]),
        {"keputusan": "tampilkan"},
    )
    response.refresh_from_db()
    assert response.suggestion_status == "approved"


def test_publishing_renders_the_pdf_and_tells_the_sekda_and_bagian_organisasi(
    world, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    """SPEC K3: a PDF report in the SKM shape, sent to the head of region and Bagian Organisasi."""
    queued: list[int] = []

    def send_task(name: str, args: list | None = None, kwargs: dict | None = None, **kw: object):
        if name == "surveys.tasks.render_report":
            queued.append(args[0])

    monkeypatch.setattr(celery_app, "send_task", send_task)
    survey = world.survey(service=world.service, population=100)
    for row in [[3, 4, 2, 4, 3, 3, 4, 2, 3], [4, 4, 3, 4, 3, 4, 4, 2, 3]] * 3:
        world.answer(survey, row)
    services.followup_add(
        None,
        survey=survey,
        unsur=3,
        action="Tambah loket",
        owner="Kabid",
        due_date=datetime.date(2026, 9, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        world.publish(survey)
    assert queued == [survey.pk]
    survey.refresh_from_db()
    assert survey.report_status == ReportStatus.QUEUED
    with django_capture_on_commit_callbacks(execute=True):
        assert render_report(survey.pk, notify_when_done=True) is True
        render_report(survey.pk, notify_when_done=True)  # a retried task notifies once
    survey.refresh_from_db()
    assert (survey.report_status, survey.report_progress) == (ReportStatus.DONE, 100)
    text = subprocess.run(
        ["pdftotext", survey.report_file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    for expected in [
        "Laporan Survei Kepuasan Masyarakat",
        "Metode",
        "Profil responden",
        "Analisis",
        "Rencana tindak lanjut",
        "Tambah loket",
        "80",
    ]:
        assert expected in text
    told = set(
        Notification.objects.filter(title__startswith="Hasil SKM dipublikasikan").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"sekda", "kabag_organisasi"}
    mails = OutboundEmail.objects.filter(subject__contains="Hasil SKM dipublikasikan")
    assert mails.count() == 2
    assert "laporan.pdf" in mails.first().body_text


def test_a_lost_first_render_still_tells_the_sekda_once_after_a_rebuild(
    world, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    """SPEC K3: the broker down at publication, then a failed render: the "Buat ulang laporan"
    rebuild that succeeds tells the head of region and Bagian Organisasi, exactly once."""
    from kombu.exceptions import OperationalError

    from surveys import report

    def broker_down(name: str, *args: object, **kwargs: object) -> None:
        raise OperationalError("broker down")

    monkeypatch.setattr(celery_app, "send_task", broker_down)
    survey = world.survey(service=world.service)
    for _n in range(5):
        world.answer(survey, [3] * 9)
    with django_capture_on_commit_callbacks(execute=True):
        world.publish(survey)
    survey.refresh_from_db()
    assert survey.report_status == ReportStatus.FAILED

    queued: list[dict] = []

    def send_task(name: str, args: list | None = None, kwargs: dict | None = None, **kw: object):
        queued.append({"args": args, "kwargs": kwargs})

    monkeypatch.setattr(celery_app, "send_task", send_task)

    def rebuild() -> bool:
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_request_report(world.users["kepala"], survey=survey)
        task = queued.pop()
        assert task["kwargs"] == {"notify_when_done": True}
        with django_capture_on_commit_callbacks(execute=True):
            return render_report(*task["args"], **task["kwargs"])

    real_render = report.render_pdf

    def broken(survey: Survey) -> bytes:
        raise RuntimeError("render failed")

    monkeypatch.setattr(report, "render_pdf", broken)
    assert rebuild() is False
    survey.refresh_from_db()
    assert survey.report_status == ReportStatus.FAILED
    told = Notification.objects.filter(title__startswith="Hasil SKM dipublikasikan")
    assert not told.exists()

    monkeypatch.setattr(report, "render_pdf", real_render)
    assert rebuild() is True
    assert rebuild() is True  # a later rebuild (after a follow-up change) tells nobody again
    assert sorted(told.values_list("user__username", flat=True)) == ["kabag_organisasi", "sekda"]
    mails = OutboundEmail.objects.filter(subject__contains="Hasil SKM dipublikasikan")
    assert mails.count() == 2


def test_report_pdf_is_public_once_rendered(
    client, world, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr(celery_app, "send_task", lambda name, *args, **kwargs: None)
    survey = world.survey(service=world.service)
    for _n in range(5):
        world.answer(survey, [3] * 9)
    url = reverse("surveys:report_pdf", args=[survey.pk])
    assert client.get(url).status_code == 404
    world.publish(survey)
    assert client.get(url).status_code == 404
    render_report(survey.pk)
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"


def test_officer_detail_shows_report_progress_while_rendering(client, world) -> None:
    survey = world.survey(service=world.service)
    for _n in range(5):
        world.answer(survey, [3] * 9)
    world.publish(survey)
    services.report_mark(survey.pk, status=ReportStatus.RUNNING, progress=40)
    client.force_login(world.users["kepala"])
    html = client.get(reverse("surveys:officer_detail", args=[survey.pk])).content.decode()
    assert "40%" in html and 'max="100" value="40"' in html


def _list_queries(client, world, n: int) -> int:
    for i in range(n):
        world.survey(service=world.service, title=f"SKM {n}-{i}")
    client.force_login(world.users["kepala"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("surveys:officer_list")).status_code == 200
    return len(ctx)


def test_officer_list_query_count_does_not_grow(client, world) -> None:
    assert _list_queries(client, world, 3) == _list_queries(client, world, 30)
