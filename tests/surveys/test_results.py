"""Published results: computed in SQL, exactly as SKM.md says; aggregates only (SPEC K2, K3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.celery import app as celery_app
from surveys import report, selectors
from surveys.privacy import suppress
from surveys.tasks import render_report

pytestmark = pytest.mark.django_db

HAND_ROWS = [
    [3, 4, 2, 4, 3, 3, 4, 2, 3],
    [4, 4, 3, 4, 3, 4, 4, 2, 3],
    [3, 4, 3, 4, 3, 4, 3, 3, 4],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
]


def test_sql_aggregate_gives_the_hand_computed_index(world) -> None:
    """SPEC K2: sums and counts from SQL → NRR, IKM 59/18, converted 81,94, mutu B."""
    survey = world.survey(service=world.service)
    for row in HAND_ROWS:
        world.answer(survey, row)
    result = selectors.survey_result(survey)
    assert result.respondents == 4
    assert str(result.converted) == "81.94"
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.lowest.number == 3


def test_results_page_shows_method_table_chart_and_lowest_unsur(client, world) -> None:
    """SPEC K3: population, sample, period, formula, per-unsur table, chart, lowest unsur."""
    survey = world.survey(service=world.service, population=1000)
    for row in HAND_ROWS * 2:  # each row twice: the same index, and 5 or more to publish
        world.answer(survey, row)
    world.publish(survey)
    page = client.get(reverse("surveys:results", args=[survey.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "81,94" in html
    assert "Mutu pelayanan <strong>B</strong> (Baik)" in html
    assert "bobot 1/9 tepat" in html
    assert "278" in html and "1.000" in html  # the population in the Indonesian format
    assert "<svg" in html and "U9" in html
    assert 'class="skm-lowest"' in html and "Waktu penyelesaian <strong>(terendah)" in html
    assert "belum mencapai sampel minimal" in html
    assert "62,50" in html  # U3: NRR 2,50 × 25


def test_all_fours_publish_as_one_hundred(client, world) -> None:
    """SPEC K2: all answers 4 → 100,00, mutu A."""
    survey = world.survey(service=world.service, population=5)
    for _n in range(5):
        world.answer(survey, [4] * 9)
    world.publish(survey)
    html = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "100,00" in html and "Sangat baik" in html
    assert "belum mencapai sampel minimal" not in html


def test_public_sees_only_moderated_suggestions_and_never_a_row(client, world) -> None:
    """SPEC K3: moderated suggestions; the public never sees a response row by row."""
    from surveys import services

    survey = world.survey(service=world.service)
    shown = world.answer(survey, [4] * 9, suggestion="Tambah kursi di ruang tunggu")
    world.answer(survey, [4] * 9, suggestion="Petugas bernama Budi lambat", gender="L")
    for _n in range(3):
        world.answer(survey, [4] * 9, gender="L" if _n else "P")
    world.publish(survey)
    services.suggestion_moderate(world.users["kepala"], response=shown, approve=True)
    html = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Tambah kursi di ruang tunggu" in html
    assert "Budi" not in html
    # 2 women and 3 men: neither cell is shown, only the merged 5.
    assert "Perempuan" not in html and "Laki-laki" not in html
    assert 'Lainnya (digabung): <span class="skm-count">5</span>' in html


def test_profile_cells_below_five_are_merged_on_the_page(client, world) -> None:
    """SPEC K3 (privacy): profile cells of fewer than 5 respondents are never shown."""
    survey = world.survey(service=world.service)
    for _n in range(6):
        world.answer(survey, [3] * 9, gender="P", education="sma")
    for _n in range(2):
        world.answer(survey, [3] * 9, gender="L", education="s2")
    world.publish(survey)
    html = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    # 6 women and 2 men: the 2 cannot be shown, and 8 - 6 would give them away, so all merge.
    assert "Laki-laki" not in html
    assert "Perempuan: " not in html
    assert 'Lainnya (digabung): <span class="skm-count">8</span>' in html


def _pdf_text(path: str | Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(text.stdout.split())


def test_pdf_report_never_prints_a_profile_cell_below_five(world, monkeypatch) -> None:
    """SPEC K3 (privacy): the PDF report merges small profile cells as the page does: the
    2 respondents with a master's degree, farmers, are neither named nor counted."""
    monkeypatch.setattr(celery_app, "send_task", lambda name, *args, **kwargs: None)
    survey = world.survey(service=world.service, population=12000)
    for _n in range(8):
        world.answer(survey, [3] * 9, education="sma", occupation="wirausaha")
    for _n in range(6):
        world.answer(survey, [3] * 9, education="s1", occupation="pns")
    for _n in range(2):
        world.answer(survey, [3] * 9, education="s2", occupation="petani")
    world.publish(survey)
    assert render_report(survey.pk) is True
    survey.refresh_from_db()
    text = _pdf_text(survey.report_file.path)
    assert "Profil responden" in text and "Perempuan 16" in text
    assert "Populasi 12.000" in text
    # 8, 6 and 2: the 2 cannot be shown and 16 - 8 - 6 would give it away, so 6 + 2 merge.
    assert "SMA/SMK 8" in text and "Wirausaha 8" in text
    assert text.count("Lainnya (digabung) 8") == 2
    for hidden in ("S2 ke atas", "Petani", "S1", "PNS/TNI/Polri"):
        assert hidden not in text


def test_pdf_of_fewer_than_five_responses_leaves_the_per_unsur_values_out(world, tmp_path) -> None:
    """SPEC K3 (privacy): with 4 respondents the PDF has no per-unsur table nor chart."""
    survey = world.survey(service=world.service)
    for row in HAND_ROWS:
        world.answer(survey, row)
    pdf = tmp_path / "skm.pdf"
    pdf.write_bytes(report.render_pdf(survey))
    text = _pdf_text(pdf)
    assert "81,94" in text  # the index itself stays
    assert "paling sedikit 5 responden" in text
    assert "Waktu penyelesaian" not in text and "62,50" not in text


def test_unpublished_results_show_the_count_only(client, world) -> None:
    survey = world.survey(service=world.service)
    world.answer(survey, [2] * 9)
    html = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "belum dipublikasikan" in html
    assert "50,00" not in html
    assert "1 jawaban masuk" in html


def test_draft_survey_results_are_not_found(client, world) -> None:
    survey = world.survey(service=world.service, status="draft")
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:results", args=[99999])).status_code == 404


def _results_queries(client, world, n: int) -> int:
    survey = world.survey(service=world.service, title=f"SKM {n}")
    for i in range(n):
        world.answer(survey, [1 + i % 4] * 9, suggestion=f"saran {i}", gender="LP"[i % 2])
    world.publish(survey)
    from surveys.models import Response

    Response.objects.filter(survey=survey).update(suggestion_status="approved")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
    return len(ctx)


def test_results_page_query_count_does_not_grow_with_responses(client, world) -> None:
    assert _results_queries(client, world, 5) == _results_queries(client, world, 30)


def test_per_agency_index_is_over_all_its_published_surveys(client, world) -> None:
    """SPEC K3: a summary per agency over its services, on the agency page."""
    ktp = world.survey(service=world.service, title="SKM KTP")
    akta = world.survey(service=world.other_service, title="SKM Akta")
    for _n in range(5):
        world.answer(ktp, [4] * 9)
        world.answer(akta, [2] * 9)
    world.publish(ktp)
    world.publish(akta)
    summary = selectors.agency_summary(world.dukcapil)
    assert str(summary["overall"].converted) == "75.00"
    html = client.get(world.dukcapil.get_absolute_url()).content.decode()
    assert "75,00" in html and "SKM KTP" in html and "SKM Akta" in html
    service_html = client.get(world.service.get_absolute_url()).content.decode()
    assert "100,00" in service_html


def test_service_page_links_to_the_open_survey(client, world) -> None:
    survey = world.survey(service=world.service)
    html = client.get(world.service.get_absolute_url()).content.decode()
    assert survey.get_absolute_url() in html
    assert "Belum ada hasil survei yang dipublikasikan" in html


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([("A", 6), ("B", 7)], [("B", 7, False), ("A", 6, False)]),
        ([("A", 6), ("B", 2)], [("Lain", 8, True)]),
        (
            [("A", 9), ("B", 6), ("C", 2), ("D", 3)],
            [("A", 9, False), ("B", 6, False), ("Lain", 5, True)],
        ),
        ([("A", 9), ("B", 6), ("C", 2)], [("A", 9, False), ("Lain", 8, True)]),
        ([("A", 2), ("B", 2)], []),
        ([("A", 5), ("B", 0)], [("A", 5, False)]),
    ],
)
def test_small_cells_are_merged_until_none_can_be_derived(cells, expected) -> None:
    """SPEC K3 (privacy): no published cell, nor total minus cells, counts 1-4 respondents."""
    got = [(c.label, c.count, c.merged) for c in suppress(cells, other_label="Lain")]
    assert got == expected
