"""PDFs of an adopted standard: text and the two QR codes round-trip (SPEC S1, S6)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from standards.services import DEFAULT_STATEMENTS, maklumat_sign
from tests.standards.standard_helpers import adopted, officers, opd_with_service

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _qr_texts(data: bytes, tmp: Path) -> set[str]:
    path = tmp / "poster.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp / "page")],
        check=True,
    )
    image = Image.open(next(tmp.glob("page*.png")))
    return {r.text for r in zxingcpp.read_barcodes(image)}


@pytest.fixture
def setup(settings: object) -> dict:
    settings.SITE_URL = "https://layanan.contoh.go.id"
    opd, service = opd_with_service()
    people = officers(opd)
    standard = adopted(service, people["penghubung"], people["kepala"])
    maklumat_sign(
        people["kepala"],
        agency=opd,
        statement_standard=DEFAULT_STATEMENTS[0],
        statement_duty=DEFAULT_STATEMENTS[1],
        statement_sanction=DEFAULT_STATEMENTS[2],
        signer_name="Drs. Kepala Dinas",
        signer_position="Kepala Dinas",
        signed_on=timezone.localdate(),
    )
    return {"opd": opd, "service": service, "standard": standard, "people": people}


@pytest.mark.parametrize("size", ["a4", "a3"])
def test_the_counter_poster_carries_the_delivery_components_maklumat_and_two_qr_codes(
    setup: dict, size: str, tmp_path: Path
) -> None:
    """SPEC S1, S6: the poster shows delivery components and the maklumat; QR codes lead to
    the rating page and to the complaint form with the service chosen."""
    service = setup["service"]
    response = Client().get(
        reverse("standards:poster_pdf", args=[setup["opd"].slug, service.slug, size])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    for expected in ("Kartu Keluarga", "14 hari kerja", "GRATIS", "Beri penilaian"):
        assert expected in text
    assert "Sampaikan pengaduan" in text and "Bersedia menerima sanksi" in text
    assert "Memahami SIAK" not in text
    assert _qr_texts(response.content, tmp_path) == {
        f"https://layanan.contoh.go.id/nilai/{service.code}/",
        f"https://layanan.contoh.go.id/pengaduan/baru/?layanan={service.code}",
    }


def test_the_full_document_has_the_kop_and_the_internal_components(
    setup: dict, tmp_path: Path, settings: object
) -> None:
    """SPEC S1: the printable document holds all fourteen components."""
    service = setup["service"]
    url = reverse("standards:standard_pdf", args=[setup["opd"].slug, service.slug])
    text = _pdf_text(Client().get(url).content, tmp_path)
    assert settings.PEMDA_NAME.upper() in text
    for expected in ("Memahami SIAK", "Nomor 25 Tahun 2009", "Kartu Keluarga", "800/12/DKC/2026"):
        assert expected in text


def test_a_cached_pdf_is_replaced_when_the_maklumat_changes(setup: dict, tmp_path: Path) -> None:
    """SPEC S6: the poster prints the current maklumat, never a cached older one."""
    from standards import pdf
    from standards.selectors_standard import current_maklumat

    cache.clear()
    opd, standard = setup["opd"], setup["standard"]
    first = pdf.poster(standard, current_maklumat(opd), "a4")
    assert pdf.poster(standard, current_maklumat(opd), "a4") is not None
    maklumat_sign(
        setup["people"]["kepala"],
        agency=opd,
        statement_standard="Pernyataan baru satu",
        statement_duty=DEFAULT_STATEMENTS[1],
        statement_sanction=DEFAULT_STATEMENTS[2],
        signer_name="Kepala Baru",
        signer_position="Kepala Dinas",
        signed_on=timezone.localdate(),
    )
    second = pdf.poster(standard, current_maklumat(opd), "a4")
    assert "Pernyataan baru satu" in _pdf_text(second, tmp_path)
    assert "Pernyataan baru satu" not in _pdf_text(first, tmp_path)


def test_an_unknown_poster_size_is_404(setup: dict) -> None:
    url = f"/opd/{setup['opd'].slug}/layanan/{setup['service'].slug}/poster-a0.pdf"
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        ("agency", "name", "Dinas Kependudukan Baru"),
        ("agency", "address", "Jl. Pindahan No. 9, Pelaihari"),
        ("service", "name", "Penerbitan KTP-el Baru"),
    ],
)
def test_a_cached_pdf_is_replaced_when_the_kop_changes(
    setup: dict, tmp_path: Path, model: str, field: str, value: str
) -> None:
    """SPEC S1: the standard's document prints the agency's current name and address and the
    service's current name; an update() that leaves the standard alone still refreshes it."""
    from standards import pdf
    from standards.selectors_standard import current_maklumat

    cache.clear()
    opd, standard = setup["opd"], setup["standard"]
    first = pdf.standard_document(standard, current_maklumat(opd))
    target = setup["opd"] if model == "agency" else setup["service"]
    type(target).objects.filter(pk=target.pk).update(**{field: value})
    standard = type(standard).objects.with_components().get(pk=standard.pk)
    second = pdf.standard_document(standard, current_maklumat(opd))
    assert value in _pdf_text(second, tmp_path)
    assert value not in _pdf_text(first, tmp_path)
