"""Public and officer pages of service standards and maklumat (SPEC S1, S3, S4, S5, S6)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from standards.models_standard import Maklumat, ServiceStandard, StandardStatus
from standards.services import (
    DEFAULT_STATEMENTS,
    maklumat_sign,
    standard_revise,
    standard_start,
    standard_update,
)
from tests.factories import PASSWORD, AgencyFactory, ServiceFactory, UserFactory
from tests.standards.standard_helpers import adopted, components, officers, opd_with_service

pytestmark = pytest.mark.django_db


def _login(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _sign(kepala: object, agency: object) -> Maklumat:
    return maklumat_sign(
        kepala,
        agency=agency,
        statement_standard=DEFAULT_STATEMENTS[0],
        statement_duty=DEFAULT_STATEMENTS[1],
        statement_sanction=DEFAULT_STATEMENTS[2],
        signer_name="Drs. Kepala Dinas",
        signer_position="Kepala Dinas",
        signed_on=timezone.localdate(),
    )


def test_the_public_service_page_shows_the_six_delivery_components_and_gratis() -> None:
    """SPEC S1: delivery components published; a free service says GRATIS, never Rp 0."""
    opd, service = opd_with_service()
    people = officers(opd)
    adopted(service, people["penghubung"], people["kepala"])
    text = _text(Client().get(service.get_absolute_url()))
    for expected in (
        "Kartu Keluarga",
        "Petugas memverifikasi berkas",
        "14 hari kerja",
        "GRATIS",
        "KTP elektronik",
        "WhatsApp: 0812 0000 1111",
    ):
        assert expected in text
    assert "Rp 0" not in text


def test_the_public_never_sees_internal_components_but_the_agency_officer_does() -> None:
    """SPEC S1: internal management components are for the agency's officers only."""
    opd, service = opd_with_service()
    people = officers(opd)
    adopted(service, people["penghubung"], people["kepala"])
    internal = "Memahami SIAK"
    assert internal not in _text(Client().get(service.get_absolute_url()))
    stranger = UserFactory.official(agency=AgencyFactory.opd(), role=Role.PENGHUBUNG)
    assert internal not in _text(_login(stranger).get(service.get_absolute_url()))
    assert internal in _text(_login(people["penghubung"]).get(service.get_absolute_url()))


def test_a_draft_is_never_public_and_a_fee_is_shown_in_rupiah() -> None:
    """SPEC S3: only adopted standards are published."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = standard_start(
        people["penghubung"], service=service, components=components(fee=Decimal("10000"))
    )
    assert "Kartu Keluarga" not in _text(Client().get(service.get_absolute_url()))
    assert "belum ditetapkan" in _text(Client().get(service.get_absolute_url()))
    assert (
        Client().get(reverse("standards:standard_pdf", args=[opd.slug, service.slug])).status_code
        == 404
    )
    draft.delete()
    adopted(service, people["penghubung"], people["kepala"])
    std = ServiceStandard.objects.get()
    standard_revise(people["penghubung"], standard=std, reason="kebijakan", note="Tarif baru")
    draft = ServiceStandard.objects.open().get()
    paid = components(fee=Decimal("10000"), produk="PRODUK RAHASIA RANCANGAN")
    standard_update(people["penghubung"], standard=draft, components=paid)
    text = _text(Client().get(service.get_absolute_url()))
    assert "PRODUK RAHASIA RANCANGAN" not in text and "GRATIS" in text


def test_version_history_compares_delivery_components_side_by_side() -> None:
    """SPEC S4: the public sees what changed between adopted versions."""
    from standards.services import ParticipantInput, berita_acara_record, standard_adopt
    from tests.standards.standard_helpers import scan_pdf

    opd, service = opd_with_service()
    people = officers(opd)
    first = adopted(service, people["penghubung"], people["kepala"])
    draft = standard_revise(
        people["penghubung"], standard=first, reason="kebijakan", note="Tarif daerah baru"
    )
    standard_update(
        people["penghubung"], standard=draft, components=components(fee=Decimal("25000"))
    )
    berita_acara_record(
        people["penghubung"],
        standard=draft,
        held_on=timezone.localdate(),
        method="public_hearing",
        notes="",
        scan=scan_pdf(),
        participants=[ParticipantInput("Pak Budi", "dunia_usaha")],
    )
    standard_adopt(
        people["kepala"],
        standard=draft,
        decree_number="800/2",
        decree_date=timezone.localdate(),
        adopted_by_name="Kepala",
    )
    response = Client().get(reverse("standards:standard_history", args=[opd.slug, service.slug]))
    text = _text(response)
    assert "Versi 2" in text and "Versi 1" in text and "Perubahan kebijakan" in text
    changes = response.context["rows"][0]["changes"]
    assert [str(c["label"]) for c in changes] == ["Biaya/tarif"]
    assert changes[0]["before"] == "GRATIS"
    assert changes[0]["after"].startswith("Rp 25.000")


def test_the_maklumat_shows_its_three_statements_on_the_agency_page() -> None:
    """SPEC S6: the pledge with its three statements, signed by the Kepala, dated."""
    opd, service = opd_with_service()
    people = officers(opd)
    assert "belum ditandatangani" in _text(Client().get(opd.get_absolute_url()))
    _sign(people["kepala"], opd)
    text = _text(Client().get(opd.get_absolute_url()))
    for statement in DEFAULT_STATEMENTS:
        assert statement in text
    assert "Drs. Kepala Dinas" in text
    second = _sign(people["kepala"], opd)
    assert second.version == 2


def test_only_the_kepala_signs_the_maklumat() -> None:
    """SPEC S6: signed by the head of the provider."""
    opd, _service = opd_with_service()
    people = officers(opd)
    url = reverse("standards:maklumat_edit", args=[opd.slug])
    assert _login(people["penghubung"]).get(url).status_code == 403
    stranger = UserFactory.official(agency=AgencyFactory.opd(), role=Role.KEPALA)
    assert _login(stranger).get(url).status_code == 404
    response = _login(people["kepala"]).post(
        url,
        {
            "statement_standard": "Satu",
            "statement_duty": "Dua",
            "statement_sanction": "Tiga",
            "signer_name": "Kepala",
            "signer_position": "Kepala Dinas",
            "signed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert Maklumat.objects.get().statement_sanction == "Tiga"


def test_officer_pages_walk_a_draft_to_adoption_through_forms() -> None:
    """SPEC S3: draft → Berita Acara → adoption through the officer pages."""
    from tests.standards.standard_helpers import scan_pdf

    opd, service = opd_with_service()
    people = officers(opd)
    manager = _login(people["penghubung"])
    response = manager.post(reverse("standards:officer_start", args=[service.code]))
    standard = ServiceStandard.objects.get()
    assert response.url == reverse("standards:officer_edit", args=[standard.pk])
    bad = manager.post(
        response.url,
        {"produk": "KTP", "requirements": "KK | salinan entah | dua", "duration_unit": ""},
    )
    assert bad.status_code == 400 and "Baris 1" in _text(bad)
    good = manager.post(
        response.url,
        {
            "produk": "KTP elektronik",
            "requirements": "Kartu Keluarga | fotokopi | 1",
            "steps": "Ambil antrean\nVerifikasi | Loket 1",
            "duration_value": "3",
            "duration_unit": "hari_kerja",
            "is_free": "on",
            "channels": "WhatsApp | 0812",
            "legal_bases": "UU Pelayanan Publik | 25 | 2009",
        },
    )
    assert good.status_code == 302
    assert [s.actor for s in standard.steps.all()] == ["", "Loket 1"]
    today = timezone.localdate().isoformat()
    manager.post(
        reverse("standards:officer_ba", args=[standard.pk]),
        {
            "held_on": today,
            "method": "fgd",
            "participants": "Ibu Ani | penerima layanan | RT 3",
            "notes": "",
            "scan": scan_pdf(),
        },
    )
    standard.refresh_from_db()
    assert standard.status == StandardStatus.PEMBAHASAN
    adopt_url = reverse("standards:officer_adopt", args=[standard.pk])
    assert manager.post(adopt_url, {"decree_number": "1", "decree_date": today}).status_code == 302
    standard.refresh_from_db()
    assert standard.status == StandardStatus.PEMBAHASAN
    _login(people["kepala"]).post(
        adopt_url, {"decree_number": "800/1", "decree_date": today, "adopted_by_name": "Kepala"}
    )
    standard.refresh_from_db()
    assert standard.status == StandardStatus.DITETAPKAN
    assert "Kartu Keluarga" in _text(Client().get(service.get_absolute_url()))


def test_officer_standard_pages_are_404_for_other_agencies() -> None:
    opd, service = opd_with_service()
    people = officers(opd)
    standard = adopted(service, people["penghubung"], people["kepala"])
    stranger = _login(UserFactory.official(agency=AgencyFactory.opd(), role=Role.PENGHUBUNG))
    assert stranger.get(reverse("standards:officer_detail", args=[standard.pk])).status_code == 404
    assert (
        stranger.get(reverse("standards:officer_service", args=[service.code])).status_code == 404
    )
    ba = standard.discussions.get()
    assert stranger.get(reverse("standards:officer_ba_scan", args=[ba.pk])).status_code == 404
    own = _login(people["penghubung"]).get(reverse("standards:officer_ba_scan", args=[ba.pk]))
    assert own.status_code == 200 and own["X-Content-Type-Options"] == "nosniff"


def _seed_services(opd: object, people: dict, count: int) -> None:
    for _i in range(count):
        service = ServiceFactory(agency=opd)
        adopted(service, people["penghubung"], people["kepala"])


def test_the_service_page_costs_the_same_queries_for_a_long_standard() -> None:
    opd, service = opd_with_service()
    people = officers(opd)
    adopted(service, people["penghubung"], people["kepala"])
    _sign(people["kepala"], opd)
    client = Client()
    client.get(service.get_absolute_url())
    with CaptureQueriesContext(connection) as short:
        client.get(service.get_absolute_url())
    std = ServiceStandard.objects.get()
    long = components()
    long.requirements = [(f"Dokumen {i}", "asli", 1) for i in range(30)]
    long.steps = [(f"Langkah {i}", "") for i in range(30)]
    # An adopted standard is not edited: write the long lists as the rows would be.
    from standards.services import _write_components

    _write_components(std, long)
    assert "Dokumen 29" in _text(client.get(service.get_absolute_url()))
    with CaptureQueriesContext(connection) as again:
        client.get(service.get_absolute_url())
    assert len(again) == len(short)


def test_compliance_view_counts_per_opd_with_fixed_queries() -> None:
    """SPEC S5/S6: services without adopted standard, agencies without maklumat, per OPD."""
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    other = AgencyFactory.opd(parent=pemda)
    people = officers(opd)
    sekda = _login(UserFactory.official(agency=pemda, role=Role.PIMPINAN))
    ServiceFactory(agency=other)
    ServiceFactory(agency=other)
    _seed_services(opd, people, 1)
    url = reverse("standards:compliance")
    with CaptureQueriesContext(connection) as few:
        response = sekda.get(url)
    text = _text(response)
    assert "3 tanpa" not in text
    rows = {r.pk: r for r in response.context["rows"]}
    assert rows[other.pk].without_standard == 2 and rows[opd.pk].without_standard == 0
    assert response.context["totals"]["without_maklumat"] == 2
    listing = sekda.get(url, {"daftar": "tanpa-standar", "opd": other.pk})
    assert len(list(listing.context["listing"]["services"])) == 2
    _seed_services(opd, people, 3)
    for _i in range(3):
        AgencyFactory.opd(parent=pemda)
    with CaptureQueriesContext(connection) as many:
        sekda.get(url)
    assert len(many) == len(few)
    kepala_rows = _login(people["kepala"]).get(url).context["rows"]
    assert [r.pk for r in kepala_rows] == [opd.pk]
    assert _login(people["penghubung"]).get(url).status_code == 403


def test_the_dashboard_shows_the_compliance_panel_to_the_sekda() -> None:
    pemda = AgencyFactory.pemda()
    AgencyFactory.opd(parent=pemda)
    sekda = _login(UserFactory.official(agency=pemda, role=Role.PIMPINAN))
    assert "tanpa standar yang ditetapkan" in _text(sekda.get(reverse("complaints:inbox")))
    penghubung = _login(UserFactory.official(agency=pemda.children.get(), role=Role.PENGHUBUNG))
    text = _text(penghubung.get(reverse("complaints:inbox")))
    assert "Kepatuhan standar pelayanan" in text and "tanpa standar yang ditetapkan" not in text


def test_old_drafts_are_counted_in_compliance() -> None:
    """SPEC S5: drafts left for months are listed."""
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    people = officers(opd)
    draft = standard_start(people["penghubung"], service=ServiceFactory(agency=opd))
    ServiceStandard.objects.filter(pk=draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    sekda = _login(UserFactory.official(agency=pemda, role=Role.PIMPINAN))
    response = sekda.get(reverse("standards:compliance"), {"daftar": "rancangan-lama"})
    assert response.context["totals"]["old_drafts"] == 1
    assert [d.pk for d in response.context["listing"]["drafts"]] == [draft.pk]


def test_compliance_counts_the_services_of_an_opds_units_as_its_own() -> None:
    """SPEC S5: a unit's service without a standard counts for its OPD."""
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    unit = AgencyFactory.unit(parent=opd)
    ServiceFactory(agency=opd)
    ServiceFactory(agency=unit)
    sekda = _login(UserFactory.official(agency=pemda, role=Role.PIMPINAN))
    response = sekda.get(reverse("standards:compliance"), {"urut": "tanpa-standar"})
    (row,) = response.context["rows"]
    assert (row.service_count, row.without_standard) == (2, 2)
    listing = sekda.get(reverse("standards:compliance"), {"daftar": "tanpa-standar"})
    assert len(list(listing.context["listing"]["services"])) == 2


def test_the_standards_index_offers_each_officer_only_what_they_may_open() -> None:
    """SPEC S3, S6: the Bupati sees the licensing office's services and its maklumat only; a
    Penghubung imports but neither signs a maklumat nor reads compliance."""
    from standards.models_standard import OneStopOffice

    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda)
    one_stop = AgencyFactory.opd(parent=pemda)
    OneStopOffice.objects.create(agency=one_stop)
    ServiceFactory(agency=opd)
    licensing = ServiceFactory(agency=one_stop)
    index = reverse("standards:officer_index")
    bupati = _login(UserFactory.official(agency=pemda, role=Role.KEPALA_DAERAH))
    response = bupati.get(index)
    html = response.content.decode()
    assert [s.pk for s in response.context["rows"]] == [licensing.pk]
    assert reverse("standards:maklumat_edit", args=[one_stop.slug]) in html
    assert reverse("standards:maklumat_edit", args=[opd.slug]) not in html
    assert reverse("standards:compliance") not in html
    assert reverse("standards:service_import") not in html
    assert bupati.get(reverse("standards:maklumat_edit", args=[one_stop.slug])).status_code == 200
    penghubung = _login(officers(opd)["penghubung"])
    html = penghubung.get(index).content.decode()
    assert reverse("standards:service_import") in html
    assert reverse("standards:compliance") not in html
    assert reverse("standards:maklumat_edit", args=[opd.slug]) not in html
