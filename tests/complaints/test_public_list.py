"""The public list of complaints and the public statistics (SPEC C3, C15)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from accounts.models import Membership, Role, User
from complaints import services, tally
from complaints.models import Category, Complaint, Kind, Privacy, SlaClass, Status
from standards.models import Agency
from tests.personas import PublicListWorld, build_public_list_world

LIST = "/pengaduan/"
STATS = "/pengaduan/statistik/"
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _time_zone(settings, db: None) -> None:
    settings.TIME_ZONE = "Asia/Jakarta"
    # The statistics tally takes the month in the pemda's zone when its triggers are
    # installed: installed again for this zone (rolled back with the test).
    tally.tally_reinstall()


@pytest.fixture
def world(db: None) -> PublicListWorld:
    return build_public_list_world()


def at(day: int, hour: int = 10) -> datetime:
    """A moment in the first week of February 2026 (Monday 2 to Friday 6: no holidays)."""
    return datetime(2026, 2, day, hour, 0, tzinfo=WIB)


def submit(
    *,
    title: str,
    kind: str = Kind.PENGADUAN,
    privacy: str = Privacy.PUBLIK,
    agency: Agency | None = None,
    description: str = "Uraian laporan.",
    now: datetime | None = None,
    verified: bool = False,
) -> Complaint:
    """File an item; `verified`: Admin Nasional then verifies it, which publishes a public
    item (SPEC C3)."""
    complaint = services.complaint_submit(
        None,
        content=services.ComplaintContent(
            kind=kind,
            title=title,
            description=description,
            privacy=privacy,
            location="Pelaihari",
            agency=agency,
        ),
        reporter=services.Reporter(name="Sari Wulandari", email="sari@contoh.id"),
        now=now,
    ).complaint
    if verified:
        admin = Membership.objects.filter(role=Role.ADMIN_NASIONAL).first().user
        complaint = services.complaint_verify(
            admin, complaint_id=complaint.pk, version=complaint.version, now=now
        )
    return complaint


def v(complaint: Complaint) -> int:
    complaint.refresh_from_db()
    return complaint.version


def route_to(
    world: PublicListWorld, complaint: Complaint, opd: Agency, *, now: datetime, category=None
) -> None:
    services.complaint_verify(
        world.admin_nasional,
        complaint_id=complaint.pk,
        version=v(complaint),
        verification=services.Verification(category=category),
        now=now,
    )
    services.complaint_route(
        complaint_id=complaint.pk,
        version=v(complaint),
        user=world.admin_nasional,
        to_agency=world.pemda,
        now=now,
    )
    services.complaint_verify(
        world.admin_instansi, complaint_id=complaint.pk, version=v(complaint), now=now
    )
    services.complaint_route(
        complaint_id=complaint.pk,
        version=v(complaint),
        user=world.admin_instansi,
        to_agency=opd,
        now=now,
    )


def accept(complaint: Complaint, user: User, *, now: datetime) -> None:
    services.complaint_accept(
        user,
        complaint_id=complaint.pk,
        version=v(complaint),
        verification=services.Verification(sla_class=SlaClass.TANPA_PEMERIKSAAN),
        now=now,
    )


# ---------------------------------------------------------------------------------------------
# The list


def test_list_shows_public_items_only_newest_first(world: PublicListWorld) -> None:
    """SPEC C3: rahasia and anonim items never appear in the public list."""
    old = submit(title="Lampu jalan padam", now=at(2), verified=True)
    new = submit(title="Jalan berlubang di Desa Atu-Atu", now=at(4), verified=True)
    submit(title="Pungli di loket rahasia", privacy=Privacy.RAHASIA, now=at(3), verified=True)
    submit(title="Pungli di loket anonim", privacy=Privacy.ANONIM, now=at(3), verified=True)
    html = Client().get(LIST).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "Pungli" not in html
    assert "Sari Wulandari" not in html
    for q in ("Pungli", "loket", "rahasia", "anonim"):
        response = Client().get(LIST, {"q": q})
        assert "Pungli di loket" not in response.content.decode()
        assert all(c.privacy == Privacy.PUBLIK for c in response.context["page"].object_list)


def test_list_search_and_filters(world: PublicListWorld) -> None:
    road = submit(title="Jalan berlubang", agency=world.pu, verified=True)
    submit(title="Antrean KTP-el panjang", agency=world.dukcapil, verified=True)
    idea = submit(
        verified=True,
        title="Usul layanan keliling",
        kind=Kind.ASPIRASI,
        agency=world.dukcapil,
        description="Mohon ada mobil KTP-el keliling ke desa.",
    )
    client = Client()

    def titles(**params: str) -> set[str]:
        page = client.get(LIST, params).context["page"]
        return {c.title for c in page.object_list}

    assert titles(q="berlubang") == {road.title}
    assert titles(q="mobil ktp-el") == {idea.title}  # description, case-insensitive
    assert titles(opd=str(world.pu.pk)) == {road.title}
    assert titles(opd=str(world.dukcapil.pk), kind=Kind.ASPIRASI) == {idea.title}
    assert titles(kind=Kind.INFORMASI) == set()


def test_list_is_paged_by_twenty_with_a_cursor_not_an_offset(world: PublicListWorld) -> None:
    """SPEC C15: pages follow one another by the last item seen (keyset), so every item is
    listed exactly once, and "Sebelumnya" leads back to the same first page."""
    for i in range(25):
        # Several items share one receipt time: the pk breaks the tie.
        submit(title=f"Laporan nomor {i:02d}", now=at(2 + i % 4, 8 + i % 3), verified=True)
    client = Client()
    first = client.get(LIST)
    page = first.context["page"]
    assert len(page.object_list) == 20 and page.count == 25 and page.previous_cursor == ""
    assert f'setelah={page.next_cursor}"' in first.content.decode()
    second = client.get(LIST, {"setelah": page.next_cursor})
    rest = second.context["page"]
    assert len(rest.object_list) == 5 and rest.next_cursor == ""
    seen = [c.pk for c in page.object_list] + [c.pk for c in rest.object_list]
    assert sorted(seen) == sorted(Complaint.objects.values_list("pk", flat=True))
    expected = list(Complaint.objects.order_by("-received_at", "-pk").values_list("pk", flat=True))
    assert seen == expected
    back = client.get(LIST, {"sebelum": rest.previous_cursor}).context["page"]
    assert [c.pk for c in back.object_list] == expected[:20] and back.is_first


@pytest.mark.parametrize("cursor", ["abc", "1.2.3", "99999999999999999.1", "-5.x", "\x00"])
def test_a_mangled_cursor_shows_the_first_page(world: PublicListWorld, cursor: str) -> None:
    submit(title="Lampu jalan padam", now=at(2), verified=True)
    response = Client().get(LIST, {"setelah": cursor})
    assert response.status_code == 200
    assert [c.title for c in response.context["page"].object_list] == ["Lampu jalan padam"]


@pytest.mark.parametrize("size", [3, 30])
def test_list_query_count_is_constant(
    world: PublicListWorld, size: int, django_assert_max_num_queries
) -> None:
    for i in range(size):
        c = submit(title=f"Laporan {i}", agency=world.pu, now=at(2))
        if i % 3 == 0:
            route_to(world, c, world.pu, now=at(3))
    client = Client()
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"q": "Laporan", "opd": str(world.pu.pk)})
    assert response.status_code == 200
    cursor = response.context["page"].next_cursor or "0.0"
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"q": "Laporan", "setelah": cursor})
    assert response.status_code == 200


# ---------------------------------------------------------------------------------------------
# Statistics


@pytest.fixture
def known_data(world: PublicListWorld) -> dict[str, Complaint]:
    """Four items with known counts (see test_statistics_numbers)."""
    adminduk = Category.objects.create(name="Administrasi kependudukan", slug="adminduk")
    c1 = submit(title="KTP-el belum jadi", now=at(2, 9))
    route_to(world, c1, world.dukcapil, now=at(3), category=adminduk)
    accept(c1, world.penghubung_dukcapil, now=at(5))  # 3 working days after receipt

    c2 = submit(title="Usul loket sore", kind=Kind.ASPIRASI, now=at(3, 9))
    route_to(world, c2, world.dukcapil, now=at(3, 11))
    accept(c2, world.penghubung_dukcapil, now=at(4))  # 1 working day after receipt
    services.complaint_respond(
        world.penghubung_dukcapil,
        complaint_id=c2.pk,
        version=v(c2),
        answer=services.Answer(text="Loket sore dibuka mulai Maret."),
        now=at(4, 15),
    )

    c3 = submit(title="Pungli", privacy=Privacy.RAHASIA, now=at(3, 14))  # still at nasional

    c4 = submit(
        title="Jadwal perbaikan jalan", kind=Kind.INFORMASI, privacy=Privacy.ANONIM, now=at(4, 9)
    )
    route_to(world, c4, world.pu, now=at(4, 11))
    return {"c1": c1, "c2": c2, "c3": c3, "c4": c4}


def test_statistics_numbers(known_data: dict[str, Complaint], world: PublicListWorld) -> None:
    """SPEC C15: received, not yet responded, not yet resolved, average working days to the
    first follow-up; counts by kind and category."""
    assert Complaint.objects.get(pk=known_data["c2"].pk).status == Status.SELESAI
    response = Client().get(STATS)
    assert response.status_code == 200
    ctx = response.context
    # Not yet responded: c3 (at nasional) and c4 (routed, not yet accepted); c1 was accepted
    # (its first follow-up) and c2 answered. Not yet resolved: all but c2 (selesai).
    assert ctx["overall"] == {"received": 4, "unanswered": 2, "unresolved": 3, "late": 0}
    assert ctx["overall_avg"] == pytest.approx(2.0)
    rows = {row["name"]: row for row in ctx["opd_rows"]}
    assert rows[world.dukcapil.name] == {
        "name": world.dukcapil.name,
        "received": 2,
        "unanswered": 0,
        "unresolved": 1,
        "late": 0,
        "avg": pytest.approx(2.0),
        "opd": world.dukcapil.pk,
    }
    assert (rows[world.pu.name]["received"], rows[world.pu.name]["avg"]) == (1, None)
    assert world.dinsos.name in ctx["idle_opds"]  # an OPD without items is named too
    assert rows["Belum didisposisikan ke OPD"]["received"] == 1
    assert {r["label"]: r["n"] for r in ctx["by_kind"]} == {
        "Pengaduan": 2,
        "Aspirasi": 1,
        "Permintaan informasi": 1,
    }
    assert {r["category__name"]: r["n"] for r in ctx["by_category"]} == {
        "Administrasi kependudukan": 1,
        None: 3,
    }
    html = response.content.decode()
    assert '<td class="text-end num" id="stat-diterima">4</td>' in html
    assert '<td class="text-end num" id="stat-rata-rata">2,0</td>' in html
    # Aggregates only: no title or reporter of a rahasia/anonim item shows.
    assert "Pungli" not in html and "Sari" not in html


def test_statistics_count_items_past_their_deadline(
    known_data: dict[str, Complaint], world: PublicListWorld
) -> None:
    """SPEC C8, C9, C15: a breach recorded by the SLA sweep shows in the public statistics,
    overall and for the OPD that handles the item."""
    from datetime import timedelta

    from complaints import sla

    later = Complaint.objects.get(pk=known_data["c1"].pk).resolution_due_at + timedelta(days=1)
    sla.sweep(now=later)
    ctx = Client().get(STATS).context
    assert ctx["overall"]["late"] == Complaint.objects.breached().count() >= 1
    rows = {row["name"]: row for row in ctx["opd_rows"]}
    assert rows[world.dukcapil.name]["late"] == 1  # c1 breached; c2 was answered in time
    assert world.dinsos.name in ctx["idle_opds"]


@pytest.mark.parametrize("extra", [0, 24])
def test_statistics_query_count_is_constant(
    known_data: dict[str, Complaint],
    world: PublicListWorld,
    extra: int,
    django_assert_max_num_queries,
) -> None:
    """SPEC C15 computed in SQL: the page's queries do not grow with the items."""
    for i in range(extra):
        c = submit(title=f"Tambahan {i}", now=at(2 + i % 3))
        if i % 2 == 0:
            route_to(world, c, world.pu, now=at(5))
            accept(c, world.penghubung_pu, now=at(6))
    client = Client()
    with django_assert_max_num_queries(8):
        response = client.get(STATS)
    assert response.status_code == 200
    assert response.context["overall"]["received"] == 4 + extra
