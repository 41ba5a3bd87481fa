"""The semester evaluation (SPEC C16; 002:Bab VII B.2 and C; 001:Pasal 10(2)d)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from complaints.models import Channel, Kind, Privacy
from notices.models import Notification
from reports import services
from reports.evaluation import semester_figures
from reports.models import Evaluation
from tests.personas import ReportWorld, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def semester(world: ReportWorld) -> None:
    world.item(at=local(2026, 2, 2, 9), response="Sudah diperbaiki.")
    world.item(at=local(2026, 3, 2, 9), breached=True, channel=Channel.SMS)
    world.item(
        opd=world.pdam,
        at=local(2026, 5, 4, 9),
        privacy=Privacy.ANONIM,
        kind=Kind.ASPIRASI,
        reporter_name="Anonimus Tersembunyi",
    )
    world.item(at=local(2026, 7, 1, 9))  # the next semester


def publish(world: ReportWorld, **extra) -> Evaluation:
    data = {
        "user": world.users["sekretariat"],
        "instansi": world.pemda,
        "year": 2026,
        "semester": 1,
        "findings": services.Findings(
            causes="Lampu jalan tua dan pipa bocor.",
            corrective_actions="Ganti lampu LED; jadwal perawatan pipa.",
        ),
        "now": local(2026, 7, 3, 9),
    }
    data.update(extra)
    return services.evaluation_publish(**data)


def test_figures_count_by_kind_category_channel_and_agency(world, semester):
    """SPEC C15, C16: counts, not yet responded/resolved, averages, breaches."""
    f = semester_figures(world.pemda, 2026, 1)
    assert f["received"] == 3
    assert f["unanswered"] == 2 and f["unresolved"] == 2
    assert f["breaches"] == 1
    assert f["avg_followup_days"] == 1.0
    assert f["avg_resolution_days"] == 0.0
    assert {r["label"]: r["n"] for r in f["by_kind"]} == {"Pengaduan": 2, "Aspirasi": 1}
    assert {r["label"]: r["n"] for r in f["by_channel"]} == {"Portal web": 2, "SMS": 1}
    assert {r["label"]: r["n"] for r in f["by_category"]} == {"Infrastruktur": 3}
    by_agency = {r["label"]: (r["n"], r["breaches"]) for r in f["by_agency"]}
    assert by_agency == {"Dinas Pekerjaan Umum": (2, 1), "Perumda Air Minum Tirta": (1, 0)}


def test_publishing_freezes_the_figures_makes_a_pdf_and_copies_pimpinan_and_inspektur(
    world, semester, tmp_path: Path
):
    """SPEC C16 (001:Pasal 10(2)d): published with a PDF; a copy to the Bupati/Walikota
    (Pimpinan) and the Inspektur, sent once even when a correction is published."""
    evaluation = publish(world)
    path = tmp_path / "e.pdf"
    path.write_bytes(bytes(evaluation.pdf))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Lampu jalan tua" in text and "Ganti lampu LED" in text
    assert "Anonimus" not in text
    copied = set(Notification.objects.values_list("user__username", flat=True))
    assert copied == {"sekda", "inspektur"}
    publish(
        world,
        findings=services.Findings(
            causes="Koreksi: lampu jalan tua.",
            corrective_actions="Ganti lampu LED; jadwal perawatan pipa.",
        ),
    )
    assert Notification.objects.count() == 2
    assert Evaluation.objects.get().causes == "Koreksi: lampu jalan tua."


def test_only_the_secretariat_of_the_instansi_publishes(world, semester):
    """SPEC C16: the secretariat writes the evaluation; a Kepala OPD or citizen may not."""
    for key in ["kepala.dpu", "sekda", "warga"]:
        with pytest.raises(PermissionDenied):
            publish(world, user=world.users[key])
    with pytest.raises(ValidationError):
        publish(world, findings=services.Findings(causes="  ", corrective_actions="Ganti."))
    with pytest.raises(ValidationError):
        publish(world, year=2027)


def test_the_public_reads_and_downloads_published_evaluations(client, world, semester):
    """SPEC C16 (002:Bab VII C.3): published on /laporan/ and downloadable by the public."""
    assert "Belum ada evaluasi" in client.get("/laporan/").content.decode()
    evaluation = publish(world)
    index = client.get("/laporan/").content.decode()
    assert evaluation.get_absolute_url() in index
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Ganti lampu LED" in page and "Perumda Air Minum Tirta" in page
    pdf = client.get(f"/laporan/evaluasi/{evaluation.pk}/unduh/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/laporan/evaluasi/999999/").status_code == 404


def test_the_secretariat_form_publishes_and_others_are_refused(client, world, semester):
    client.force_login(world.users["kepala.dpu"])
    assert client.get("/dasbor/laporan/evaluasi/").status_code == 403
    client.force_login(world.users["sekretariat"])
    assert client.get("/dasbor/laporan/evaluasi/").status_code == 200
    empty = client.post("/dasbor/laporan/evaluasi/", {"year": "2026", "semester": "1"})
    assert empty.status_code == 200 and not Evaluation.objects.exists()
    response = client.post(
        "/dasbor/laporan/evaluasi/",
        {
            "year": "2026",
            "semester": "1",
            "causes": "Pipa tua.",
            "corrective_actions": "Ganti pipa.",
        },
    )
    evaluation = Evaluation.objects.get()
    assert response.url == evaluation.get_absolute_url()
