"""The list-page kit: selectors per list, one meaning of "late" and "current deadline", plain
filter bars, indexes that match each list, and query counts that do not depend on the rows
(SPEC A2, C3, C8, C15; STYLE 13)."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from complaints import keyset, selectors, services
from complaints.filters import OfficerComplaintFilter
from complaints.forms import ComplaintForm
from complaints.forms_intake import OfficerIntakeForm
from complaints.models import Channel, Complaint, Privacy, Status
from complaints.uploads import CleanFile
from tests.personas import World, fresh

LIST = reverse("complaints:list")
STATS = reverse("complaints:statistics")
INBOX = reverse("complaints:inbox")


def _login(world: World, key: str) -> Client:
    client = Client()
    client.force_login(world.users[key])
    return client


def _queries(client: Client, url: str, data: dict[str, str] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _file(world: World, n: int, *, start: int = 0) -> None:
    """`n` public items at the national desk, a third of them with a deadline passed."""
    for i in range(start, start + n):
        c = world.submit(
            title=f"Laporan {i}", privacy=Privacy.PUBLIK, channel=Channel.SMS
        ).complaint
        # Verified, so that it is public (SPEC C3); its tier's clock keeps running.
        c = services.complaint_verify(
            world.user("admin_nasional"), complaint_id=c.pk, version=c.version
        )
        if i % 3 == 0:
            # Received earlier, so that its deadline can have passed (deadlines never come
            # before receipt: the database refuses that).
            Complaint.objects.filter(pk=c.pk).update(
                received_at=timezone.now() - timedelta(days=5),
                verification_due_at=timezone.now() - timedelta(days=2),
            )


# ---------------------------------------------------------------------------------------------
# Query counts: exactly the same for 3 rows as for 30


@pytest.mark.parametrize(
    ("url", "data", "user"),
    [
        (LIST, {}, None),
        (LIST, {"q": "Laporan", "kind": "pengaduan"}, None),
        (STATS, {}, None),
        (INBOX, {"tab": "menunggu"}, "admin_nasional"),
        (INBOX, {"tab": "semua"}, "admin_nasional"),
        (INBOX, {"tab": "semua", "overdue": "ya", "urut": "-diterima"}, "admin_nasional"),
    ],
)
def test_list_pages_cost_the_same_queries_for_3_rows_as_for_30(
    world: World, url: str, data: dict[str, str], user: str | None
) -> None:
    """SPEC A2, C3, C15 (STYLE 13): the public list, the statistics and both inbox tabs run
    exactly as many queries for 3 items as for 30."""
    client = _login(world, user) if user else Client()
    _file(world, 3)
    client.get(url, data)  # warm the session and calendar caches
    few = _queries(client, url, data)
    _file(world, 27, start=3)
    many = _queries(client, url, data)
    assert len(many) == len(few), "\n".join(many)


def test_inbox_rows_grow_while_queries_stay(world: World) -> None:
    """SPEC A2 (STYLE 13): 3 and 30 rows really are listed by the same queries."""
    client = _login(world, "admin_nasional")
    _file(world, 3)
    client.get(INBOX)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INBOX, {"tab": "semua"}).context["total"] == 3
    _file(world, 27, start=3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(INBOX, {"tab": "semua"}).context["total"] == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


def test_list_rows_are_written_inline_without_a_template_per_row(world: World) -> None:
    """SPEC C13, C14 (STYLE 13): "Laporan saya", the map list and the timeline draw each row
    in the page itself: no template is rendered once per row."""
    citizen = world.user("citizen")
    for i in range(3):
        world.submit(title=f"Laporan {i}", reporter=citizen, privacy=Privacy.PUBLIK)
    client = Client()
    client.force_login(citizen)
    mine = client.get(reverse("complaints:mine"))
    assert mine.content.decode().count('class="badge ') >= 3
    assert "includes/complaint_status.html" not in _templates(mine)
    item = Complaint.objects.filter(reporter=citizen).first()
    item = services.complaint_verify(
        world.user("admin_nasional"), complaint_id=item.pk, version=item.version
    )
    page = _login(world, "admin_nasional").get(
        reverse("complaints:officer_detail", args=[item.code])
    )
    assert page.status_code == 200
    names = _templates(page)
    assert "includes/complaint_timeline.html" in names
    assert names.count("includes/complaint_status.html") <= 1  # the header, never per event


# ---------------------------------------------------------------------------------------------
# Filter bars: plain choices, read once, only the columns shown


def test_public_filter_bar_reads_only_the_opd_names(world: World) -> None:
    """SPEC C3: the OPD dropdown costs one query of (id, name), not whole Agency rows."""
    sqls = _queries(Client(), LIST, {"opd": str(world.dukcapil.pk)})
    agency_reads = [s for s in sqls if 'FROM "standards_agency"' in s]
    assert len(agency_reads) == 1
    columns = agency_reads[0].split(" FROM ")[0]
    selected = [c.strip().split(" AS ")[0] for c in columns.removeprefix("SELECT ").split(",")]
    assert selected == ['"standards_agency"."id"', '"standards_agency"."name"']


def test_public_filter_bar_is_plain_markup_with_its_labels(world: World) -> None:
    """SPEC C3: every field keeps its label and the chosen option stays selected."""
    html = Client().get(LIST, {"opd": str(world.rsud.pk), "kind": "aspirasi"}).text
    for label in ("Cari", "OPD", "Jenis"):
        assert f'class="form-label">{label}</label>' in html
    assert f'<option value="{world.rsud.pk}" selected>{world.rsud.name}</option>' in html
    assert '<option value="aspirasi" selected>' in html
    assert 'value="" selected>Semua OPD' not in html
    assert "crispy" not in html


def test_public_list_with_an_unknown_opd_lists_everything(world: World) -> None:
    """SPEC C3: a filter value that is no choice is ignored, never a 500."""
    _file(world, 2)
    response = Client().get(LIST, {"opd": "99999"})
    assert response.status_code == 200
    assert response.context["page"].count == 2
    assert Client().get(LIST, {"opd": "bukan-angka"}).status_code == 200


def test_inbox_category_filter_uses_plain_choices(world: World) -> None:
    """SPEC A2: the category filter offers active categories by name and filters by id."""
    from complaints.models import Category

    cat = Category.objects.create(name="Adminduk", slug="adminduk")
    Category.objects.create(name="Lama", slug="lama", is_active=False)
    c = world.submit(title="Berkategori").complaint
    Complaint.objects.filter(pk=c.pk).update(category=cat)
    world.submit(title="Tanpa kategori")
    client = _login(world, "admin_nasional")
    response = client.get(INBOX, {"category": str(cat.pk)})
    assert [r["complaint"].pk for r in response.context["rows"]] == [c.pk]
    html = response.text
    assert f'<option value="{cat.pk}" selected>Adminduk</option>' in html
    assert ">Lama<" not in html


# ---------------------------------------------------------------------------------------------
# One meaning of "late" and of "the current deadline"


def test_current_deadline_is_the_same_in_python_and_in_sql(world: World) -> None:
    """SPEC C5, C7, C8: data, then verification, then resolution — the annotation, the
    model method and the inbox rows agree."""
    c = world.submit().complaint
    now = timezone.now()
    Complaint.objects.filter(pk=c.pk).update(
        verification_due_at=now + timedelta(days=3),
        resolution_due_at=now + timedelta(days=9),
        data_due_at=None,
    )
    c = fresh(c)
    annotated = Complaint.objects.with_current_due().get(pk=c.pk)
    assert annotated.current_due == c.current_due_at == c.verification_due_at
    assert annotated.current_due_at == annotated.current_due
    assert c.current_deadline() == ("verification", c.verification_due_at)
    Complaint.objects.filter(pk=c.pk).update(data_due_at=now + timedelta(days=1))
    c = fresh(c)
    assert c.current_deadline() == ("data", c.data_due_at)
    assert Complaint.objects.with_current_due().get(pk=c.pk).current_due == c.data_due_at


def test_closure_counts_for_the_reporter_only(world: World) -> None:
    """SPEC C9: after the final answer the reporter's window is their current deadline; the
    officials' current deadline is none."""
    c = world.submit().complaint
    closes = timezone.now() + timedelta(days=10)
    Complaint.objects.filter(pk=c.pk).update(
        status=Status.SELESAI, verification_due_at=None, closure_due_at=closes
    )
    c = fresh(c)
    assert c.current_deadline() is None
    assert c.current_deadline(closure=True) == ("closure", closes)
    assert Complaint.objects.with_current_due().get(pk=c.pk).current_due is None


def test_late_means_the_same_in_counts_filters_and_rows(world: World) -> None:
    """SPEC C8: the inbox's count, its "terlambat" filter, its red rows and
    `Complaint.objects.late` name the same items."""
    now = timezone.now()
    late = world.submit(title="Lewat").complaint
    on_time = world.submit(title="Masih").complaint
    Complaint.objects.filter(pk=late.pk).update(
        received_at=now - timedelta(days=4), verification_due_at=now - timedelta(hours=1)
    )
    Complaint.objects.filter(pk=on_time.pk).update(verification_due_at=now + timedelta(days=2))
    user = world.users["admin_nasional"]
    base = selectors.waiting_for_official(user)
    assert set(base.late(now)) == {late}
    assert set(base.not_late(now)) == {on_time}
    soon = now + timedelta(days=7)
    assert selectors.summary_counts(base, now=now, soon=soon)["overdue"] == 1
    filtered = OfficerComplaintFilter(
        {"overdue": "ya"}, queryset=base.with_current_due(), now=now, soon=soon
    )
    assert set(filtered.qs) == {late}
    response = _login(world, "admin_nasional").get(INBOX)
    red = [r["complaint"] for r in response.context["rows"] if r["time_left"]["overdue"]]
    assert red == [late]
    assert response.context["counts"]["overdue"] == 1


def test_statistics_late_is_a_recorded_breach(world: World) -> None:
    """SPEC C8, C9, C15: the public statistics count breaches the SLA sweep recorded, the
    same set as `Complaint.objects.breached()`; a deadline passed but not yet swept is not
    in them."""
    from complaints import sla

    c = world.submit(title="Lewat").complaint
    due = timezone.now() - timedelta(hours=1)
    Complaint.objects.filter(pk=c.pk).update(
        received_at=due - timedelta(days=4), verification_due_at=due
    )
    assert selectors.public_statistics().overall["late"] == 0
    sla.sweep(now=timezone.now())
    assert set(Complaint.objects.breached()) == {c}
    assert selectors.public_statistics().overall["late"] == 1


def test_reporter_page_phrases_the_working_days_left(world: World) -> None:
    """SPEC C10: the reporter's page says how many working days remain (counted in the view,
    formatted by the tag)."""
    from complaints.selectors import SESSION_KEY

    c = world.submit(privacy=Privacy.PUBLIK).complaint
    client = Client()
    session = client.session
    session[SESSION_KEY] = [c.code]
    session.save()
    html = client.get(reverse("complaints:detail", kwargs={"code": c.code})).text
    assert "hari kerja lagi" in html or "batas waktunya hari ini" in html


# ---------------------------------------------------------------------------------------------
# Indexes that match the lists (PostgreSQL EXPLAIN)


def _plan(sql: str, params: tuple) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # Make any other way dearer, so the plan shows whether the index can serve the
        # list's filter and order at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_public_list_is_served_by_its_partial_index(world: World) -> None:
    """SPEC C3: public items newest first read complaint_public_recent in order."""
    _file(world, 3)
    sql, params = selectors.public_list().values("pk")[:20].query.sql_with_params()
    plan = _plan(sql, params)
    assert "complaint_public_recent" in plan, plan
    assert "Sort" not in plan, plan


def test_inbox_is_served_by_its_partial_index(world: World) -> None:
    """SPEC A2, C8: the waiting tab (open items by current deadline) reads
    complaint_inbox_due in order."""
    _file(world, 3)
    user = world.users["admin_nasional"]
    page = selectors.inbox_page(user, QueryDict(""), now=timezone.now())
    qs = page.filterset.qs.order_by(*keyset.ordering(selectors.INBOX_ORDERS[""]))
    sql, params = qs.values("pk")[:25].query.sql_with_params()
    plan = _plan(sql, params)
    assert "complaint_inbox_due" in plan, plan
    assert "Sort" not in plan, plan


# ---------------------------------------------------------------------------------------------
# One intake form base for the citizen and the officer


def _png(name: str = "foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _intake_data(**overrides: str) -> dict[str, str]:
    data = {
        "intake_token": str(uuid.uuid4()),
        "channel": Channel.SMS,
        "kind": "pengaduan",
        "title": "Jalan berlubang",
        "description": "Di depan pasar.",
        "location": "Pasar Pelaihari",
        "privacy": Privacy.PUBLIK,
    }
    data.update(overrides)
    return data


def test_officer_intake_refuses_a_malformed_phone_number(world: World) -> None:
    """SPEC C1, C2: a number typed by an officer is checked like the citizen's."""
    officer = world.users["admin_nasional"]
    form = OfficerIntakeForm(_intake_data(reporter_phone="telepon saya"), user=officer)
    assert not form.is_valid()
    assert form.errors["reporter_phone"] == [
        "Masukkan nomor telepon yang benar, misalnya 081234567890."
    ]
    ok = OfficerIntakeForm(_intake_data(reporter_phone="0812 3456 7890"), user=officer)
    assert ok.is_valid(), ok.errors


@pytest.mark.parametrize("location", ["", "  ", "<b></b>"])
def test_both_intakes_ask_a_pengaduan_for_its_location_in_the_same_words(
    world: World, location: str
) -> None:
    """SPEC C2: one rule, one message, for the citizen's and the officer's intake."""
    officer_form = OfficerIntakeForm(
        _intake_data(location=location), user=world.users["admin_nasional"]
    )
    citizen_form = ComplaintForm(_intake_data(location=location))
    assert not officer_form.is_valid() and not citizen_form.is_valid()
    message = "Tuliskan lokasi kejadian untuk pengaduan."
    assert officer_form.errors["location"] == citizen_form.errors["location"] == [message]


def test_both_intakes_share_one_file_field_with_one_cleaning(world: World) -> None:
    """SPEC C2: attachments are checked the same way whoever enters them (content-sniffed,
    re-encoded); a file that is no image or PDF is refused by name in both forms."""
    officer = world.users["admin_nasional"]
    bad = SimpleUploadedFile("catatan.txt", b"bukan gambar", content_type="image/png")
    officer_form = OfficerIntakeForm(_intake_data(), {"files": [bad]}, user=officer)
    bad.seek(0)
    citizen_form = ComplaintForm(_intake_data(), {"attachments": [bad]})
    assert not officer_form.is_valid() and not citizen_form.is_valid()
    assert officer_form.errors["files"] == citizen_form.errors["attachments"]
    assert "catatan.txt" in officer_form.errors["files"][0]
    good = OfficerIntakeForm(_intake_data(), {"files": [_png()]}, user=officer)
    assert good.is_valid(), good.errors
    (clean,) = good.cleaned_data["files"]
    assert isinstance(clean, CleanFile) and clean.content_type == "image/png"
    assert type(OfficerIntakeForm.base_fields["files"]) is type(
        ComplaintForm.base_fields["attachments"]
    )


def test_officer_intake_keeps_its_labels_and_order(world: World) -> None:
    """SPEC C1: the officer's form reads as before: channel first, its own labels."""
    form = OfficerIntakeForm(user=world.users["admin_nasional"])
    assert list(form.fields)[:3] == ["intake_token", "channel", "kind"]
    assert list(form.fields)[-1] == "files"
    assert str(form.fields["reporter_phone"].label) == "Telepon pelapor"
    assert str(form.fields["location"].label) == "Lokasi"
    assert "autocomplete" not in form.fields["reporter_name"].widget.attrs
    citizen = ComplaintForm()
    assert str(citizen.fields["reporter_phone"].label) == "Nomor ponsel"
    assert citizen.fields["reporter_name"].widget.attrs["autocomplete"] == "name"
    assert list(citizen.fields)[0] == "kind" and list(citizen.fields)[-1] == "intake_token"
