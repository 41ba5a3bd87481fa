"""The public pages: home, agency directory, agency profile, service page (003:Pasal 28)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from standards.models import Agency, AgencyKind, PublicOfficer, Service, ServiceKind


@dataclass
class Directory:
    pemda: Agency
    dukcapil: Agency
    pdam: Agency
    kecamatan: Agency
    ktp: Service
    akta: Service
    air: Service


def _agency(kind: str, name: str, slug: str, parent: Agency | None, **extra: str) -> Agency:
    return Agency.objects.create(kind=kind, name=name, slug=slug, parent=parent, **extra)


def _service(agency: Agency, name: str, code: str, **extra: object) -> Service:
    return Service.objects.create(
        agency=agency,
        name=name,
        slug=code.lower(),
        code=code,
        kind=extra.pop("kind", ServiceKind.ADMINISTRATIF),
        **extra,
    )


@pytest.fixture
def directory(db: None) -> Directory:
    pemda = _agency(AgencyKind.PEMDA, "Pemerintah Kabupaten Tanah Laut", "tanah-laut", None)
    dukcapil = _agency(
        AgencyKind.DINAS,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "disdukcapil",
        pemda,
        short_name="Disdukcapil",
        motto="Melayani dengan hati",
        visi="Tertib administrasi kependudukan",
        misi="Mempercepat layanan dokumen\n\nMendekatkan layanan ke desa",
        address="Jl. A. Syairani No. 1, Pelaihari",
        phone="0512 21234",
        email="dukcapil@tanahlaut.example",
        opening_hours="Senin-Jumat 08.00-15.00",
    )
    pdam = _agency(AgencyKind.BUMD, "Perumda Air Minum Tuntung Pandang", "pdam", pemda)
    kecamatan = _agency(AgencyKind.KECAMATAN, "Kecamatan Pelaihari", "kec-pelaihari", pemda)
    ktp = _service(dukcapil, "Penerbitan KTP-el", "DKC-KTP", description="KTP elektronik baru.")
    akta = _service(dukcapil, "Akta Kelahiran", "DKC-AKTA")
    _service(dukcapil, "Layanan yang dihentikan", "DKC-LAMA", is_active=False)
    air = _service(pdam, "Sambungan air bersih baru", "PDAM-SB", kind=ServiceKind.BARANG)
    PublicOfficer.objects.create(
        agency=dukcapil, name="Rahmawati", position="Kepala Dinas", order=1
    )
    PublicOfficer.objects.create(
        agency=dukcapil,
        name="Budi Santoso",
        position="Pejabat Penghubung",
        handles_complaints=True,
        order=2,
    )
    _agency(AgencyKind.UNIT, "UPT Dukcapil Bati-Bati", "upt-bati-bati", dukcapil)
    _agency(AgencyKind.DINAS, "Dinas Lama", "dinas-lama", pemda, is_active=False)
    return Directory(pemda, dukcapil, pdam, kecamatan, ktp, akta, air)


def _client(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


PAGES = [
    ("/", "Apa yang ingin Anda lakukan?", "What would you like to do?"),
    ("/opd/", "Direktori OPD", "Agency directory"),
    ("/opd/?q=KTP", "1 OPD ditemukan", "1 agency found"),
    ("/opd/?jenis=bumd", "BUMD / Perusahaan Daerah", "Regionally-owned enterprise (BUMD)"),
    ("/opd/disdukcapil/", "Pejabat dan petugas", "Officials and officers"),
    ("/opd/disdukcapil/layanan/dkc-ktp/", "Adukan layanan ini", "Complain about this service"),
]


@pytest.mark.parametrize(("url", "indonesian", "english"), PAGES)
def test_public_page_renders_for_anonymous_in_indonesian(
    directory: Directory, url: str, indonesian: str, english: str
) -> None:
    response = _client("id").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert indonesian in html
    assert english not in html


@pytest.mark.parametrize(("url", "indonesian", "english"), PAGES)
def test_public_page_renders_for_anonymous_in_english(
    directory: Directory, url: str, indonesian: str, english: str
) -> None:
    response = _client("en").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert english in html
    assert indonesian not in html


def test_accept_language_header_selects_english(directory: Directory) -> None:
    response = Client().get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in response.content.decode()
    assert "File a complaint" in response.content.decode()


def test_language_switch_posts_to_set_language_and_returns_to_the_page(
    directory: Directory,
) -> None:
    client = Client()
    page = client.get("/opd/disdukcapil/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert 'name="next" value="/opd/disdukcapil/"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/opd/disdukcapil/"})
    assert response.status_code == 302
    assert response["Location"] == "/opd/disdukcapil/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/opd/disdukcapil/").content.decode()


def test_base_page_has_skip_link_navigation_and_logout_as_post(
    directory: Directory, django_user_model
) -> None:
    anonymous = Client().get("/").content.decode()
    assert 'href="#konten"' in anonymous
    assert 'id="konten"' in anonymous
    assert 'href="/pengaduan/baru/"' in anonymous
    assert 'href="/pengaduan/lacak/"' in anonymous
    assert 'href="/akun/masuk/"' in anonymous
    assert "Keluar" not in anonymous

    user = django_user_model.objects.create_user("warga", "warga@example.com", "rahasia-123")
    client = Client()
    client.force_login(user)
    signed_in = client.get("/").content.decode()
    assert re.search(r'<form action="/akun/keluar/" method="post"', signed_in)
    assert 'href="/akun/masuk/"' not in signed_in


def test_base_page_loads_no_external_scripts_or_styles(directory: Directory) -> None:
    html = Client().get("/").content.decode()
    tags = re.findall(r"<(?:link|script)\b[^>]*>", html)
    assert tags, "the base page loads its CSS"
    urls = [m.group(1) for tag in tags for m in re.finditer(r'(?:href|src)="([^"]*)"', tag)]
    assert any(u.endswith("bootstrap.purged.min.css") for u in urls)
    assert not any(u.endswith(".js") for u in urls), "no page script the page does not need"
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), url
    assert "style=" not in html, "the CSP forbids inline style attributes"
    assert "<style" not in html


def test_home_offers_each_choice_in_one_sentence_and_a_directory_search(
    directory: Directory,
) -> None:
    html = Client().get("/").content.decode()
    choices = re.findall(r'<div class="choice">\s*<h2>([^<]+)</h2>\s*<p>([^<]+)</p>', html)
    assert [heading for heading, _sentence in choices] == [
        "Ajukan pengaduan",
        "Sampaikan aspirasi",
        "Nilai layanan",
        "Lacak pengaduan",
        "Pengaduan publik dan statistik",
        "Cari layanan atau OPD",
    ]
    for _heading, sentence in choices:
        assert sentence.count(".") == 1 and sentence.endswith("."), sentence
    assert re.search(r'<form action="/opd/" method="get" role="search"', html)
    assert 'name="q"' in html
    # SPEC R1, R3: rating is open to everyone, and the league is one tap away.
    assert 'href="/reputasi/"' in html
    assert "belum tersedia" not in html


def test_directory_lists_active_opds_with_kind_and_active_service_count(
    directory: Directory,
) -> None:
    response = Client().get("/opd/")
    html = response.content.decode()
    names = [a.name for a in response.context["agencies"]]
    assert names == [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kecamatan Pelaihari",
        "Perumda Air Minum Tuntung Pandang",
    ]
    assert "Dinas Lama" not in html  # inactive
    assert "UPT Dukcapil Bati-Bati" not in html  # a unit, not an OPD
    assert "Pemerintah Kabupaten Tanah Laut</a>" not in html  # the pemda is not an OPD
    counts = {a.slug: a.active_services for a in response.context["agencies"]}
    assert counts == {"disdukcapil": 2, "kec-pelaihari": 0, "pdam": 1}
    assert "2 layanan aktif" in html
    assert "BUMD / Perusahaan Daerah" in html


def test_directory_search_finds_agency_by_service_name(directory: Directory) -> None:
    response = Client().get("/opd/", {"q": "akta kelahiran"})
    assert [a.slug for a in response.context["agencies"]] == ["disdukcapil"]
    # The matched service does not inflate the count of the OPD's services.
    assert response.context["agencies"][0].active_services == 2


def test_directory_search_by_name_and_short_name(directory: Directory) -> None:
    by_short = Client().get("/opd/", {"q": "disdukcapil"}).context["agencies"]
    assert [a.slug for a in by_short] == ["disdukcapil"]
    by_name = Client().get("/opd/", {"q": "tuntung"}).context["agencies"]
    assert [a.slug for a in by_name] == ["pdam"]


def test_directory_search_ignores_inactive_services(directory: Directory) -> None:
    response = Client().get("/opd/", {"q": "dihentikan"})
    assert list(response.context["agencies"]) == []


def test_directory_search_finds_opd_by_a_service_of_its_unit(directory: Directory) -> None:
    unit = Agency.objects.get(slug="upt-bati-bati")
    _service(unit, "Legalisir dokumen kependudukan", "UPT-LEG")
    response = Client().get("/opd/", {"q": "legalisir"})
    assert [a.slug for a in response.context["agencies"]] == ["disdukcapil"]


def test_directory_filters_by_kind(directory: Directory) -> None:
    response = Client().get("/opd/", {"jenis": AgencyKind.KECAMATAN})
    assert [a.slug for a in response.context["agencies"]] == ["kec-pelaihari"]
    html = response.content.decode()
    assert '<option value="kecamatan" selected>' in html


def test_directory_ignores_an_unknown_kind(directory: Directory) -> None:
    response = Client().get("/opd/", {"jenis": "bukan-jenis"})
    assert response.status_code == 200
    assert len(response.context["agencies"]) == 3


def test_directory_says_helpfully_when_nothing_matches(directory: Directory) -> None:
    html = Client().get("/opd/", {"q": "paspor"}).content.decode()
    assert "Tidak ada hasil" in html
    assert "Tidak ada OPD atau layanan yang cocok dengan “paspor”." in html
    assert "lihat semua OPD" in html


def test_directory_escapes_the_search_text(directory: Directory) -> None:
    html = Client().get("/opd/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_profile_shows_the_pasal_28_sections(directory: Directory) -> None:
    """SPEC P1: the public page shows profile with motto, vision and mission; its officers;
    its service standards; its maklumat; its complaint handling; its evaluation and
    performance results."""
    html = Client().get("/opd/disdukcapil/").content.decode()
    assert "Melayani dengan hati" in html
    assert "Tertib administrasi kependudukan" in html
    assert "<li>Mempercepat layanan dokumen</li><li>Mendekatkan layanan ke desa</li>" in html
    assert "Jl. A. Syairani No. 1, Pelaihari" in html
    assert 'href="tel:051221234"' in html
    assert 'href="mailto:dukcapil@tanahlaut.example"' in html
    assert "Senin-Jumat 08.00-15.00" in html
    for section_id in (
        "profil",
        "petugas",
        "layanan",
        "standar",
        "maklumat",
        "pengaduan",
        "kinerja",
        "reputasi",
    ):
        assert f'id="{section_id}"' in html, section_id
    for heading in (
        "Standar pelayanan",
        "Maklumat pelayanan",
        "Evaluasi kinerja dan hasil SKM",
        "Reputasi",
        "Statistik penanganan pengaduan",
    ):
        assert heading in html
    # Every section is filled: standar and maklumat by the standards registry, kinerja by
    # the surveys app, reputasi by the reputation app.
    assert html.count("Belum tersedia.") == 0


def test_profile_lists_officers_and_marks_complaint_officers(directory: Directory) -> None:
    """SPEC C18: the names of the complaint officers are public."""
    html = Client().get("/opd/disdukcapil/").content.decode()
    assert "Rahmawati" in html
    assert "Kepala Dinas" in html
    officer = re.search(r"Budi Santoso</span> — Pejabat Penghubung\s*<span[^>]*>([^<]+)<", html)
    assert officer is not None
    assert officer.group(1) == "Petugas pengaduan"
    assert not re.search(r"Rahmawati</span> — Kepala Dinas\s*<span", html)


def test_profile_lists_active_services_and_units(directory: Directory) -> None:
    html = Client().get("/opd/disdukcapil/").content.decode()
    assert 'href="/opd/disdukcapil/layanan/dkc-ktp/"' in html
    assert 'href="/opd/disdukcapil/layanan/dkc-akta/"' in html
    assert "Layanan Administratif" in html
    assert "Layanan yang dihentikan" not in html
    assert 'href="/opd/upt-bati-bati/"' in html


def test_unknown_or_inactive_agency_is_404(directory: Directory) -> None:
    assert Client().get("/opd/tidak-ada/").status_code == 404
    assert Client().get("/opd/dinas-lama/").status_code == 404


def test_unit_of_an_inactive_opd_is_404(directory: Directory) -> None:
    Agency.objects.filter(slug="disdukcapil").update(is_active=False)
    assert Client().get("/opd/upt-bati-bati/").status_code == 404


def test_service_page_shows_service_and_its_actions(directory: Directory) -> None:
    html = Client().get("/opd/disdukcapil/layanan/dkc-ktp/").content.decode()
    assert re.search(r"<h1[^>]*>Penerbitan KTP-el</h1>", html)
    assert "KTP elektronik baru." in html
    assert "DKC-KTP" in html
    assert "Layanan Administratif" in html
    assert 'href="/opd/disdukcapil/"' in html
    assert 'href="/pengaduan/baru/?layanan=DKC-KTP"' in html
    assert 'href="/nilai/DKC-KTP/"' in html  # the "Beri penilaian" button (SPEC R1)
    # Every section is filled: standar, penilaian (reputation) and skm (surveys).
    assert html.count("Belum tersedia.") == 0


def test_inactive_or_misplaced_service_is_404(directory: Directory) -> None:
    client = Client()
    assert client.get("/opd/disdukcapil/layanan/dkc-lama/").status_code == 404
    assert client.get("/opd/disdukcapil/layanan/tidak-ada/").status_code == 404
    # A service is only found under its own agency.
    assert client.get("/opd/pdam/layanan/dkc-ktp/").status_code == 404
    Agency.objects.filter(slug="pdam").update(is_active=False)
    assert client.get("/opd/pdam/layanan/pdam-sb/").status_code == 404


def _grow(directory: Directory, agencies: int, services: int) -> None:
    for i in range(agencies):
        opd = _agency(AgencyKind.DINAS, f"Dinas Tambahan {i:02d}", f"dinas-{i}", directory.pemda)
        for j in range(2):
            _service(opd, f"Layanan tambahan {i}-{j}", f"TMB-{i}-{j}")
    for i in range(services):
        _service(directory.dukcapil, f"Layanan Dukcapil {i:02d}", f"DKC-X{i}")
        PublicOfficer.objects.create(
            agency=directory.dukcapil, name=f"Petugas {i}", position="Staf"
        )
        _agency(AgencyKind.UNIT, f"UPT {i:02d}", f"upt-{i}", directory.dukcapil)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/opd/",
        "/opd/?q=dinas",
        "/opd/?jenis=dinas",
        "/opd/disdukcapil/",
        "/opd/disdukcapil/layanan/dkc-ktp/",
    ],
)
def test_page_query_count_does_not_grow_with_the_data(
    directory: Directory, url: str, django_assert_max_num_queries
) -> None:
    """SPEC S1, S6: the directory, agency and service pages (with the standard and maklumat
    sections) take a fixed number of queries whatever the data."""
    client = Client()
    small = _queries(client, url)
    _grow(directory, agencies=30, services=30)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    # The page itself takes at most 4; the sections other apps register add a fixed few:
    # standard and maklumat one each, surveys one, reputation at most 3.
    assert small <= 10


@pytest.mark.parametrize("url", ["/opd/", "/opd/?q=dinas", "/opd/?jenis=dinas"])
def test_directory_costs_exactly_the_same_queries_for_3_or_30_more_opds(
    directory: Directory, url: str
) -> None:
    """STYLE 13: the agency directory runs exactly as many queries after 3 more OPDs as
    after 30 more, whatever the services they offer."""
    client = Client()
    _grow_more(directory, 3, start=100)
    few = _queries(client, url)
    _grow_more(directory, 27, start=200)
    assert _queries(client, url) == few


def _grow_more(directory: Directory, agencies: int, *, start: int) -> None:
    for i in range(start, start + agencies):
        opd = _agency(AgencyKind.DINAS, f"Dinas Tambahan {i}", f"dinas-{i}", directory.pemda)
        _service(opd, f"Layanan tambahan {i}", f"TMB-{i}")
