"""The public list's search and paging, the statistics' period, charts and CSV, and the small
frictions of the citizen's pages (SPEC C3, C7, C13, C15)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import selectors, services, tally
from complaints.models import Category, Complaint, Kind, Privacy, SlaClass
from tests.personas import WIB, World, fresh, route_to_penghubung

LIST = "/pengaduan/"
STATS = "/pengaduan/statistik/"
CSV_URL = "/pengaduan/statistik/unduh/"
CREATE = "/pengaduan/baru/"


@pytest.fixture(autouse=True)
def _time_zone(settings, db: None) -> None:
    settings.TIME_ZONE = "Asia/Jakarta"
    # The statistics tally takes the month in the pemda's zone when its triggers are
    # installed: installed again for this zone (rolled back with the test).
    tally.tally_reinstall()


def public(world: World, title: str, description: str = "Uraian.", **extra) -> Complaint:
    """A public item Admin Nasional has verified, so it is published (SPEC C3)."""
    c = world.submit(
        title=title, description=description, privacy=Privacy.PUBLIK, **extra
    ).complaint
    return services.complaint_verify(
        world.user("admin_nasional"), complaint_id=c.pk, version=c.version
    )


def titles(**params: str) -> set[str]:
    response = Client().get(LIST, params)
    assert response.status_code == 200
    return {c.title for c in response.context["page"].object_list}


# ---------------------------------------------------------------------------------------------
# Search


def test_search_finds_words_by_their_stem_and_prefix(world: World) -> None:
    """SPEC C15: a citizen finds items by words, as PostgreSQL's Indonesian stemmer reads
    them: "pelayanan" finds "layanan", "berlub" finds "berlubang"."""
    public(world, "Layanan keliling di desa")
    public(world, "Jalan berlubang", "Di depan pasar Pelaihari.")
    public(world, "Lampu jalan padam")
    assert titles(q="pelayanan") == {"Layanan keliling di desa"}
    assert titles(q="berlub") == {"Jalan berlubang"}
    assert titles(q="jalan pasar") == {"Jalan berlubang"}  # every word, title or description
    assert titles(q="   ") == {"Layanan keliling di desa", "Jalan berlubang", "Lampu jalan padam"}
    assert titles(q="&|!:*()") == {
        "Layanan keliling di desa",
        "Jalan berlubang",
        "Lampu jalan padam",
    }  # operators typed are not a syntax error


def test_search_never_scans_with_like_on_postgresql(world: World) -> None:
    """SPEC C15: the words are matched in the search vector, not by ILIKE over every row."""
    public(world, "Jalan berlubang")
    with CaptureQueriesContext(connection) as queries:
        assert titles(q="berlubang") == {"Jalan berlubang"}
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "to_tsquery" in sql and "LIKE" not in sql.upper()


def test_search_is_served_by_the_gin_index(world: World) -> None:
    """SPEC C15: the words are looked up in the GIN index complaint_search."""
    for i in range(3):
        public(world, f"Laporan {i}")
    # Over all items: the public list's partial index (complaint_public_recent) would also
    # do on three rows, and the planner's choice between them would prove nothing.
    items = Complaint.objects.search("laporan")
    sql, params = items.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # Make any other way dearer (the table is tiny), so the plan shows whether the GIN
        # index can answer the words at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "complaint_search" in plan, plan


def test_a_later_page_seeks_in_the_index_instead_of_counting_rows_off(world: World) -> None:
    """SPEC C15: the page after a cursor starts where the cursor points in the index
    complaint_public_recent (an Index Cond on received_at), not after reading the pages
    before it."""
    items = [public(world, f"Laporan {i}") for i in range(3)]
    cursor = selectors.Cursor.of(items[1])
    query = selectors.public_list().filter(cursor.older()).values("pk")[:21]
    sql, params = query.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as db:
        db.execute("SET LOCAL enable_seqscan = off")
        db.execute("SET LOCAL enable_bitmapscan = off")
        db.execute("SET LOCAL enable_sort = off")
        db.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in db.fetchall())
    assert "complaint_public_recent" in plan, plan
    assert "Index Cond: (received_at <=" in plan, plan
    assert [c.pk for c in selectors.public_list().filter(cursor.older())] == [items[0].pk]


def test_a_tracking_code_in_the_search_box_opens_that_public_item(world: World) -> None:
    """SPEC C3: typing a public item's code (any case, with or without dashes) goes to it."""
    item = public(world, "Jalan berlubang")
    public(world, "Lampu jalan padam")
    for typed in (item.code, item.code.lower(), item.code.replace("-", ""), f" {item.code} "):
        response = Client().get(LIST, {"q": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == item.get_absolute_url()


def test_the_code_of_a_rahasia_item_finds_nothing_and_says_where_to_track(world: World) -> None:
    """SPEC C3: a code search never reveals a non-public item, not even that it exists."""
    hidden = world.submit(title="Pungli di loket", privacy=Privacy.RAHASIA).complaint
    response = Client().get(LIST, {"q": hidden.code})
    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "Pungli" not in html and "/pengaduan/lacak/" in html


def test_the_list_shows_the_current_holder_after_a_return(world: World) -> None:
    """SPEC C6: an item the OPD sent back up shows the Admin Instansi's agency holding it,
    not the OPD that returned it."""
    item = world.submit(title="Bukan wewenang kami", privacy=Privacy.PUBLIK).complaint
    item = route_to_penghubung(world, item, now=timezone.now())  # verified, so published
    services.complaint_return(
        world.user("penghubung"), complaint_id=item.pk, version=item.version, note="Bukan OPD ini."
    )
    assert fresh(item).holder_agency == world.pemda
    html = Client().get(LIST).content.decode()
    row = html[html.index("Bukan wewenang kami") :]
    row = row[: row.index("</li>")]
    assert world.pemda.display_name in row
    assert world.dukcapil.display_name not in row


# ---------------------------------------------------------------------------------------------
# Statistics: definitions, period, charts, CSV


@pytest.fixture
def spread(world: World) -> dict[str, Complaint]:
    """Items received in October and November 2026 (WIB), one of them routed and accepted."""
    adminduk = Category.objects.create(name="Administrasi kependudukan", slug="adminduk")
    october = world.submit(now=datetime(2026, 10, 30, 23, 30, tzinfo=WIB)).complaint
    early_nov = world.submit(now=datetime(2026, 11, 2, 9, 0, tzinfo=WIB)).complaint
    late_nov = world.submit(now=datetime(2026, 11, 30, 23, 59, tzinfo=WIB)).complaint
    accepted = route_to_penghubung(world, early_nov, now=datetime(2026, 11, 2, 10, tzinfo=WIB))
    services.complaint_accept(
        world.user("penghubung"),
        complaint_id=accepted.pk,
        version=accepted.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF, category=adminduk),
        now=datetime(2026, 11, 3, 10, tzinfo=WIB),
    )
    return {"october": october, "early_nov": early_nov, "late_nov": late_nov}


def test_not_yet_responded_and_not_yet_resolved_have_their_own_definitions(
    spread: dict[str, Complaint],
) -> None:
    """SPEC C15 (002:Bab VII B.2): "belum ditanggapi" counts open items without a first
    follow-up; "belum selesai" counts items not in a final status, answered or not."""
    overall = Client().get(STATS).context["overall"]
    assert overall["received"] == 3
    assert overall["unanswered"] == 2  # the accepted item was followed up
    assert overall["unresolved"] == 3  # none has ended


def test_the_period_counts_items_received_on_its_days_in_the_pemda_zone(
    spread: dict[str, Complaint],
) -> None:
    """SPEC C15: a period of 1-30 November includes an item received at 23.59 on the 30th
    and excludes one received at 23.30 on 31 October, both local time."""
    ctx = Client().get(STATS, {"dari": "2026-11-01", "sampai": "2026-11-30"}).context
    assert ctx["overall"]["received"] == 2
    assert [(row["month"].month, row["n"]) for row in ctx["by_month"]] == [(11, 2)]
    october = Client().get(STATS, {"sampai": "2026-10-31"}).context
    assert october["overall"]["received"] == 1


def test_months_without_items_show_as_zero(world: World) -> None:
    """SPEC C15: the monthly series has no gaps, so the chart does not hide a quiet month."""
    world.submit(now=datetime(2026, 8, 3, 9, tzinfo=WIB))
    world.submit(now=datetime(2026, 10, 5, 9, tzinfo=WIB))
    ctx = Client().get(STATS, {"dari": "2026-08-01", "sampai": "2026-10-31"}).context
    assert [(row["month"].month, row["n"]) for row in ctx["by_month"]] == [(8, 1), (9, 0), (10, 1)]


@pytest.mark.parametrize(
    "params",
    [
        {"dari": "2026-12-01", "sampai": "2026-11-01"},
        {"dari": "bukan-tanggal"},
        {"sampai": "2026-02-31"},
        {"dari": "\x00"},
    ],
)
def test_a_bad_period_gets_a_translated_error_and_all_items(
    spread: dict[str, Complaint], params: dict[str, str]
) -> None:
    response = Client().get(STATS, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["overall"]["received"] == 3


def test_charts_are_svg_with_a_title_a_description_and_their_table(
    spread: dict[str, Complaint],
) -> None:
    """SPEC C15, UX.md: each chart is drawn on the server, named for screen readers, and
    sits beside the table with its numbers."""
    html = Client().get(STATS).content.decode()
    for chart, table in (("grafik-bulan", "stat-bulan"), ("grafik-kategori", "stat-kategori")):
        start = html.index(f'id="{chart}"')
        svg = html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]
        assert 'role="img"' in svg
        assert f'aria-labelledby="{chart}-judul {chart}-uraian"' in svg
        assert f'<title id="{chart}-judul">' in svg and f'<desc id="{chart}-uraian">' in svg
        assert f'id="{table}"' in html
    assert "Administrasi kependudukan: 1" in html  # a bar's tooltip names it in full


@pytest.mark.parametrize("extra", [0, 12])
def test_statistics_with_a_period_cost_the_same_queries(
    world: World, extra: int, django_assert_max_num_queries
) -> None:
    """SPEC C15 computed in SQL: a period does not make the page's queries grow."""
    for i in range(extra):
        world.submit(now=datetime(2026, 1 + i % 10, 5, 9, tzinfo=WIB))
    client = Client()
    with django_assert_max_num_queries(8):
        response = client.get(STATS, {"dari": "2026-01-01", "sampai": "2026-12-31"})
    assert response.status_code == 200
    with django_assert_max_num_queries(7):
        response = client.get(CSV_URL, {"dari": "2026-01-01", "sampai": "2026-12-31"})
    assert response.status_code == 200


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_statistics_download_as_csv_for_the_same_period(spread: dict[str, Complaint]) -> None:
    """SPEC C15: the numbers of the page, one row per OPD, kind, category and month."""
    response = Client().get(CSV_URL, {"dari": "2026-11-01", "sampai": "2026-11-30"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "statistik-pengaduan-2026-11-01-2026-11-30.csv" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0][:5] == ["Bagian", "Nama", "Diterima", "Belum ditanggapi", "Belum selesai"]
    assert rows[1][:5] == ["Keseluruhan", "Semua laporan", "2", "1", "2"]
    assert ["Bulan", "2026-11", "2", "1", "2"] == rows[-1][:5]
    assert ["Kategori", "Administrasi kependudukan", "1", "0", "1"] in [r[:5] for r in rows]


def test_csv_cells_never_start_a_spreadsheet_formula(world: World) -> None:
    """A category named like a formula is written as text."""
    category = Category.objects.create(name="=HYPERLINK(1)", slug="formula")
    item = route_to_penghubung(world, world.submit().complaint, now=timezone.now())
    services.complaint_accept(
        world.user("penghubung"),
        complaint_id=item.pk,
        version=item.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF, category=category),
    )
    names = [row[1] for row in _csv_rows(Client().get(CSV_URL))]
    assert "'=HYPERLINK(1)" in names and "=HYPERLINK(1)" not in names


def test_the_list_and_statistics_are_linked_from_the_menu_and_the_home_page(
    world: World,
) -> None:
    """SPEC C15: the public numbers are one tap from anywhere."""
    home = Client().get("/").content.decode()
    assert f'href="{LIST}"' in home and f'href="{STATS}"' in home
    menu = Client().get("/pengaduan/lacak/").content.decode()
    nav = menu[menu.index('class="site-nav"') : menu.index("</nav>")]
    assert f'href="{LIST}"' in nav


# ---------------------------------------------------------------------------------------------
# Small frictions


def test_links_from_an_agency_and_the_home_page_preselect_the_opd_and_the_kind(
    world: World,
) -> None:
    """SPEC C2: "Ajukan pengaduan" on an OPD's page and "Sampaikan aspirasi" on the home page
    open the form with the OPD and the kind already chosen."""
    agency_page = Client().get(world.dukcapil.get_absolute_url()).content.decode()
    assert f'href="{CREATE}?opd={world.dukcapil.slug}"' in agency_page
    home = Client().get("/").content.decode()
    assert f'href="{CREATE}?jenis=aspirasi"' in home
    form = Client().get(CREATE, {"opd": world.dukcapil.slug, "jenis": "aspirasi"}).context["form"]
    assert form.initial["agency"] == world.dukcapil.pk
    assert form.initial["kind"] == Kind.ASPIRASI
    html = Client().get(CREATE, {"opd": world.dukcapil.slug, "jenis": "aspirasi"}).content
    assert b'value="aspirasi" checked' in html or b'value="aspirasi"\n' in html
    unit = Client().get(CREATE, {"opd": world.unit.slug}).context["form"]
    assert unit.initial["agency"] == world.dukcapil.pk  # a unit's page names its OPD
    for params in ({"opd": "tidak-ada"}, {"opd": "\x00"}, {"jenis": "hack"}, {"opd": "x" * 500}):
        response = Client().get(CREATE, params)
        assert response.status_code == 200
        assert "agency" not in response.context["form"].initial
        assert response.context["form"].initial.get("kind", Kind.PENGADUAN) == Kind.PENGADUAN


def _answered_for_citizen(world: World) -> Complaint:
    item = world.submit(reporter=world.user("citizen")).complaint
    item = route_to_penghubung(world, item, now=timezone.now())
    item = services.complaint_accept(
        world.user("penghubung"),
        complaint_id=item.pk,
        version=item.version,
        verification=services.Verification(sla_class=SlaClass.NORMATIF),
    )
    return services.complaint_respond(
        world.user("penghubung"),
        complaint_id=item.pk,
        version=item.version,
        answer=services.Answer(text="KTP-el sudah dicetak."),
    )


def test_an_unsatisfied_reporter_types_the_reason_once(world: World) -> None:
    """SPEC C13: the reason given with "tidak puas" fills the re-examination form, which
    sends it as it is."""
    item = _answered_for_citizen(world)
    client = Client()
    client.force_login(world.user("citizen"))
    url = item.get_absolute_url()
    client.post(url + "nilai/", {"satisfied": "tidak", "comment": "KTP-el belum saya terima."})
    page = client.get(url)
    form = page.context["reexamine_form"]
    assert form.initial["reason"] == "KTP-el belum saya terima."
    assert "KTP-el belum saya terima.</textarea>" in page.content.decode()
    response = client.post(url + "periksa-ulang/", {"reason": form.initial["reason"]})
    assert response.status_code == 302
    assert fresh(item).reexamination_requested_at is not None


def test_the_officers_data_request_sits_above_the_reporters_answer_form(world: World) -> None:
    """SPEC C7: the reporter reads what is asked right where they answer it."""
    item = route_to_penghubung(
        world, world.submit(reporter=world.user("citizen")).complaint, now=timezone.now()
    )
    services.complaint_request_data(
        world.user("penghubung"),
        complaint_id=item.pk,
        version=item.version,
        note="Mohon kirim foto KK.",
    )
    client = Client()
    client.force_login(world.user("citizen"))
    html = client.get(item.get_absolute_url()).content.decode()
    section = html[html.index('id="lengkapi"') :]
    section = section[: section.index("</section>")]
    assert section.index("Mohon kirim foto KK.") < section.index("<form")
    assert world.dukcapil.display_name in section


def test_file_inputs_carry_their_limits_for_the_browser_check(world: World) -> None:
    """The intake's file input tells upload-check.js the size limit and the translated
    message, and every page loads that script from a static file (no inline script)."""
    html = Client().get(CREATE).content.decode()
    assert 'data-max-bytes="5242880"' in html and 'data-max-files="5"' in html
    assert 'data-too-big="Berkas {name} lebih dari 5 MB."' in html
    assert "/static/js/upload-check.js" in html
