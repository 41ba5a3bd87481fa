"""Public reputation: the service section, the agency section, the /reputasi/ league (SPEC R3)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reputation import services, views
from reputation.models import Rating, RatingDay
from standards.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _rate_many(world, service: Service, satisfied: int, unsatisfied: int) -> None:
    for i in range(satisfied + unsatisfied):
        world.rate(service, satisfied=i < satisfied, stars=5 if i < satisfied else 2)


def _queries(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_service_page_shows_share_count_and_a_rate_button(client: Client, world) -> None:
    """SPEC R3: share satisfied, the count beside it, stars, and "Beri penilaian"."""
    _rate_many(world, world.ktp, 3, 1)
    html = client.get(world.ktp.get_absolute_url()).content.decode()
    section = html[html.index('id="penilaian"') :]
    assert "75,0%" in section or "75.0%" in section
    assert "dari 4 penilaian" in section
    assert "Beri penilaian" in section
    assert reverse("reputation:rate", args=["DKC-KTP"]) in section
    assert "Belum cukup penilaian" in section  # 4 < the minimum: said, not ranked
    assert "<svg" in section and "<table" in section  # the trend, also as a table


def test_a_new_rating_shows_on_the_service_page_at_once(client: Client, world) -> None:
    """SPEC R2/R3: recorded in real time; no nightly job between the tap and the page."""
    client.post(
        reverse("reputation:rate", args=["DKC-KTP"]), {"puas": "1", "kunci": str(uuid.uuid4())}
    )
    html = client.get(world.ktp.get_absolute_url()).content.decode()
    assert "dari 1 penilaian" in html


def test_approved_comments_and_replies_show_held_and_hidden_do_not(client: Client, world) -> None:
    ok = world.rate(world.ktp, comment="Antrean tertib").rating
    world.rate(world.ktp, comment="kunjungi www.spam.xyz")
    hidden = world.rate(world.ktp, comment="Komentar yang disembunyikan").rating
    services.comment_hide(user=world.kepala, rating=hidden, reason="Menyebut nama petugas")
    services.comment_reply(user=world.kepala, rating=ok, text="Terima kasih, kami pertahankan.")
    html = client.get(world.ktp.get_absolute_url()).content.decode()
    assert "Antrean tertib" in html and "Terima kasih, kami pertahankan." in html
    assert "spam.xyz" not in html and "disembunyikan" not in html
    assert "dari 3 penilaian" in html  # the hidden comment's score still counts


def test_no_ip_token_or_person_is_ever_shown_publicly(world) -> None:
    """SPEC R3 privacy: no address, browser token, account or kiosk token on public pages."""
    kiosk = services.kiosk_token_issue(user=world.kepala, agency=world.dukcapil, name="Loket 1")
    world.rate(world.ktp, user=world.citizen, comment="Bagus")
    world.rate(world.ktp, kiosk=kiosk, voter_key="", comment="Cepat")
    client = Client(REMOTE_ADDR="203.0.113.77")
    client.post(
        reverse("reputation:rate", args=["DKC-KTP"]),
        {"puas": "1", "kunci": str(uuid.uuid4()), "komentar": "Ramah"},
    )
    browser_tokens = [
        key.removeprefix("b:")
        for key in Rating.objects.filter(voter_key__startswith="b:").values_list(
            "voter_key", flat=True
        )
    ]
    assert browser_tokens
    pages = [
        world.ktp.get_absolute_url(),
        world.dukcapil.get_absolute_url(),
        reverse("reputation:league") + "?periode=semua",
    ]
    for url in pages:
        html = Client().get(url).content.decode()
        assert "203.0.113.77" not in html
        assert kiosk.token not in html
        assert world.citizen.full_name not in html and world.citizen.username not in html
        for token in browser_tokens:
            assert token not in html


def test_service_page_query_count_does_not_grow_with_ratings(client: Client, world) -> None:
    """STYLE 13: the same number of queries for 3 ratings as for 30."""
    _rate_many(world, world.ktp, 2, 1)
    world.rate(world.ktp, comment="Satu")
    few, _html = _queries(client, world.ktp.get_absolute_url())
    _rate_many(world, world.ktp, 20, 7)
    for i in range(6):
        world.rate(world.ktp, comment=f"Komentar {i}")
    many, _html = _queries(client, world.ktp.get_absolute_url())
    assert few == many


def test_agency_page_shows_the_reputasi_section_with_units_rolled_up(client: Client, world) -> None:
    _rate_many(world, world.ktp, 2, 0)
    _rate_many(world, world.unit_service, 1, 1)
    html = client.get(world.dukcapil.get_absolute_url()).content.decode()
    section = html[html.index('id="reputasi"') :]
    assert "dari 4 penilaian" in section
    assert "Akta Lahir" in section and "KTP-el" in section


def test_agency_page_query_count_is_fixed(client: Client, world) -> None:
    _rate_many(world, world.ktp, 2, 1)
    few, _html = _queries(client, world.dukcapil.get_absolute_url())
    for i in range(5):
        s = ServiceFactory(agency=world.dukcapil, code=f"EXTRA-{i}")
        _rate_many(world, s, 3, 2)
    many, _html = _queries(client, world.dukcapil.get_absolute_url())
    assert few == many


def _order(html: str, *names: str) -> list[int]:
    return [html.index(n) for n in names]


def test_league_ranks_by_wilson_lower_bound_not_by_raw_share(
    client: Client, world, settings
) -> None:
    """000:Pasal 3c, SPEC R3: 10/10 is less certain than 95/100; min-N services not ranked."""
    settings.REPUTATION_MIN_RATINGS = 10
    _rate_many(world, world.ktp, 10, 0)  # 100%, lower bound ~72%
    _rate_many(world, world.poli, 95, 5)  # 95%, lower bound ~89%
    _rate_many(world, world.kk, 3, 0)  # too few to rank
    html = client.get(reverse("reputation:league") + "?periode=semua").content.decode()
    services_part = html[html.index('id="layanan-judul"') :]
    poli, ktp = _order(services_part, "Poli Umum", "KTP-el")
    assert poli < ktp
    few_part = services_part[services_part.index("Belum cukup penilaian") :]
    assert "Kartu Keluarga" in few_part
    agencies_part = html[html.index('id="opd-judul"') : html.index('id="layanan-judul"')]
    assert agencies_part.index("RSUD Uji") < agencies_part.index("Dinas Kependudukan")


def test_league_filters_by_kind_and_period(client: Client, world) -> None:
    _rate_many(world, world.ktp, 2, 0)
    _rate_many(world, world.poli, 2, 0)
    html = client.get(reverse("reputation:league") + "?periode=30&jenis=rsud").content.decode()
    assert "Poli Umum" in html and "KTP-el" not in html
    world.rate(world.kk)
    RatingDay.objects.filter(service=world.kk).update(day="2020-01-01")
    recent = client.get(reverse("reputation:league") + "?periode=30").content.decode()
    always = client.get(reverse("reputation:league") + "?periode=semua").content.decode()
    assert "Kartu Keluarga" not in recent and "Kartu Keluarga" in always


def test_league_ignores_bad_filters(client: Client, world) -> None:
    response = client.get(reverse("reputation:league") + "?periode=%00x&jenis=<b>")
    assert response.status_code == 200


def test_league_query_count_is_the_same_for_3_and_30_services(client: Client, world) -> None:
    """STYLE 13: the league's queries do not grow with agencies, services or ratings."""
    for s in (world.ktp, world.kk, world.poli):
        _rate_many(world, s, 2, 1)
    few, _html = _queries(client, reverse("reputation:league"))
    for i in range(27):
        s = ServiceFactory(agency=world.rsud if i % 2 else world.dukcapil, code=f"L-{i}")
        _rate_many(world, s, 1, 1)
    many, html = _queries(client, reverse("reputation:league"))
    assert few == many
    assert len(re.findall(r"/layanan/", html)) >= 30


def test_league_shows_the_first_rows_and_links_to_the_whole_table(
    client: Client, world, monkeypatch
) -> None:
    """SPEC R3: a province's league is read on a phone: the first rows of each table, the
    rest one link away, ranked the same."""
    monkeypatch.setattr(views, "LEAGUE_ROWS", 2)
    for s in (world.ktp, world.kk, world.poli):
        _rate_many(world, s, 2, 1)
    short = client.get(reverse("reputation:league") + "?periode=semua").content.decode()
    services_part = short[short.index('id="layanan-judul"') :]
    assert len(re.findall(r"/layanan/", services_part)) == 2
    assert "lengkap=1" in short and "baris lagi" in short
    full = client.get(reverse("reputation:league") + "?periode=semua&lengkap=1").content.decode()
    assert len(re.findall(r"/layanan/", full[full.index('id="layanan-judul"') :])) == 3
    assert "baris lagi" not in full


def test_a_new_rating_shows_at_once_with_the_page_cache_on(world, settings) -> None:
    """SPEC R3 (and R2): with the production page cache (PAGE_CACHE_SECONDS=60) the service
    page, stored for anonymous visitors, shows a new rating at once to the rater and to
    everyone else."""
    settings.PAGE_CACHE_SECONDS = 60
    url = world.ktp.get_absolute_url()

    def section(client: Client) -> tuple[str, str]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        return html[html.index('id="penilaian"') :], response.get("X-Page-Cache", "")

    world.rate(world.ktp)
    assert "dari 1 penilaian" in section(Client())[0]
    stored, hit = section(Client())
    assert hit == "hit" and "dari 1 penilaian" in stored  # the cache is really on
    rater = Client()
    response = rater.post(
        reverse("reputation:rate", args=["DKC-KTP"]), {"puas": "0", "kunci": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    mine, _hit = section(rater)
    assert "dari 2 penilaian" in mine
    theirs, hit = section(Client())
    assert hit == "" and "dari 2 penilaian" in theirs
