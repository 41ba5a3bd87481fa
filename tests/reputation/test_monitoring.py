"""OPD monitoring, moderation, replies, thresholds (SPEC R4) and warnings (SPEC R5)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices.models import Notification
from reputation import selectors, services
from reputation.models import (
    AgencyWarning,
    CommentStatus,
    ModerationAction,
    ModerationLog,
    RatingDay,
    WarningLevel,
)
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_officer_hides_a_comment_with_a_reason_and_the_score_stays(client: Client, world) -> None:
    """000:Pasal 3c: every rating is kept; a hidden comment keeps its score, and it is logged."""
    rating = world.rate(world.ktp, satisfied=False, comment="Petugas bernama X kasar").rating
    client.force_login(world.kepala)
    response = client.post(
        reverse("reputation:comment_hide", args=[rating.pk]), {"reason": "Menyebut nama"}
    )
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.comment_status == CommentStatus.HIDDEN
    assert rating.hidden_by == world.kepala and rating.hidden_reason == "Menyebut nama"
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.reason) == (
        world.kepala,
        ModerationAction.HIDE,
        "Menyebut nama",
    )
    day = RatingDay.objects.get()
    assert (day.total, day.satisfied) == (1, 0)


def test_hiding_needs_a_reason(client: Client, world) -> None:
    rating = world.rate(world.ktp, comment="Biasa").rating
    client.force_login(world.kepala)
    client.post(reverse("reputation:comment_hide", args=[rating.pk]), {"reason": " "})
    rating.refresh_from_db()
    assert rating.comment_status == CommentStatus.APPROVED


def test_held_comment_is_approved_by_an_officer(client: Client, world) -> None:
    rating = world.rate(world.ktp, comment="Info di www.contoh.id").rating
    assert rating.comment_status == CommentStatus.HELD
    client.force_login(world.penghubung)
    monitor = client.get(reverse("reputation:monitor")).content.decode()
    assert "www.contoh.id" in monitor
    client.post(reverse("reputation:comment_approve", args=[rating.pk]))
    rating.refresh_from_db()
    assert rating.comment_status == CommentStatus.APPROVED


def test_officer_replies_publicly(client: Client, world) -> None:
    """SPEC R4: the OPD answers a comment in public."""
    rating = world.rate(world.ktp, satisfied=False, comment="Antre lama").rating
    client.force_login(world.penghubung)
    client.post(
        reverse("reputation:comment_reply", args=[rating.pk]), {"text": "Loket kedua dibuka."}
    )
    rating.refresh_from_db()
    assert rating.reply == "Loket kedua dibuka." and rating.reply_by == world.penghubung
    assert "Loket kedua dibuka." in Client().get(world.ktp.get_absolute_url()).content.decode()


def test_officer_of_another_opd_gets_404_on_a_rating(client: Client, world) -> None:
    rating = world.rate(world.ktp, comment="Bagus").rating
    client.force_login(world.penghubung_rsud)
    for name in ("comment_hide", "comment_approve", "comment_reply"):
        response = client.post(reverse(f"reputation:{name}", args=[rating.pk]), {"reason": "x"})
        assert response.status_code == 404
    rating.refresh_from_db()
    assert rating.comment_status == CommentStatus.APPROVED and rating.reply == ""


def test_services_refuse_an_outsider_even_when_called_directly(world) -> None:
    rating = world.rate(world.ktp, comment="Bagus").rating
    with pytest.raises(PermissionDenied):
        services.comment_hide(user=world.penghubung_rsud, rating=rating, reason="x")
    with pytest.raises(PermissionDenied):
        services.kiosk_token_issue(user=world.citizen, agency=world.dukcapil, name="x")


def test_monitor_lists_the_worst_services_first(client: Client, world) -> None:
    """SPEC R4: each OPD sees its own services' scores, the worst first."""
    for i in range(4):
        world.rate(world.ktp, satisfied=i < 3)
        world.rate(world.kk, satisfied=i < 1)
    world.rate(world.poli, satisfied=False)
    client.force_login(world.kepala)
    html = client.get(reverse("reputation:monitor")).content.decode()
    assert html.index("Kartu Keluarga") < html.index("KTP-el")
    assert "Poli Umum" not in html  # another OPD's service


def test_citizen_gets_403_on_the_monitor(client: Client, world) -> None:
    client.force_login(world.citizen)
    assert client.get(reverse("reputation:monitor")).status_code == 403


def test_sekda_sees_the_whole_city(client: Client, world) -> None:
    """SPEC R4 (000:Pasal 8(2)): the Sekretariat Daerah monitors the whole city."""
    world.rate(world.poli)
    world.rate(world.ktp)
    client.force_login(world.sekda)
    html = client.get(reverse("reputation:monitor")).content.decode()
    assert "RSUD Uji" in html and "Dinas Kependudukan" in html


def test_dashboard_panel_shows_for_officials_and_is_fixed_in_queries(client: Client, world) -> None:
    """SPEC R4: the official's home (/dasbor/) carries the reputation panel."""
    world.rate(world.ktp, satisfied=False)
    client.force_login(world.kepala)
    client.get(reverse("complaints:inbox"))  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        html = client.get(reverse("complaints:inbox")).content.decode()
    assert "Reputasi layanan" in html and "KTP-el" in html
    for i in range(10):
        world.rate(ServiceFactory(agency=world.dukcapil, code=f"P-{i}"), satisfied=False)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("complaints:inbox"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_monitor_query_count_is_fixed(client: Client, world) -> None:
    world.rate(world.ktp, satisfied=False, comment="Lama")
    client.force_login(world.kepala)
    client.get(reverse("reputation:monitor"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reputation:monitor"))
    for i in range(10):
        s = ServiceFactory(agency=world.dukcapil, code=f"M-{i}")
        world.rate(s, satisfied=False, comment=f"Keluhan {i}")
        world.rate(s, comment=f"www.link{i}.com")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reputation:monitor"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_a_service_falling_below_the_threshold_notifies_the_opd_once_a_day(world, settings) -> None:
    """SPEC R4: officials get a notice when satisfaction falls below the threshold they set."""
    settings.REPUTATION_MIN_RATINGS = 5
    services.threshold_set(user=world.kepala, agency=world.dukcapil, percent=70)
    for _ in range(4):
        world.rate(world.ktp, satisfied=True)
    world.rate(world.ktp, satisfied=False)  # 80%: above
    assert not Notification.objects.exists()
    world.rate(world.ktp, satisfied=False)  # 4/6 = 66.7%: below
    notified = set(Notification.objects.values_list("user_id", flat=True))
    assert notified == {world.kepala.pk, world.penghubung.pk}
    world.rate(world.ktp, satisfied=False)  # still below, same day: no second notice
    assert Notification.objects.count() == 2


def test_threshold_form_is_for_the_opd_only(client: Client, world) -> None:
    client.force_login(world.penghubung_rsud)
    client.post(reverse("reputation:threshold"), {"agency": world.dukcapil.pk, "percent": 50})
    assert not world.dukcapil.__class__.objects.filter(rating_threshold__isnull=False).exists()
    client.force_login(world.kepala)
    client.post(reverse("reputation:threshold"), {"agency": world.dukcapil.pk, "percent": 50})
    assert world.dukcapil.rating_threshold.percent == 50


# ---------------------------------------------------------------------------------------------
# R5


def test_compliance_lists_opds_with_quiet_services_and_unused_kiosks(world) -> None:
    """SPEC R5 (000:Pasal 5(2)): who is not running the system."""
    for s in (world.ktp, world.kk, world.unit_service):
        world.rate(s)
    world.rate(world.poli)
    RatingDay.objects.filter(service=world.poli).update(
        day=timezone.localdate() - datetime.timedelta(days=45)
    )
    services.kiosk_token_issue(user=world.kepala, agency=world.dukcapil, name="Belum dipakai")
    rows = {
        r.agency.pk: r for r in selectors.compliance(within=world.pemda.__class__.objects.all())
    }
    dukcapil, rsud = rows[world.dukcapil.pk], rows[world.rsud.pk]
    assert (dukcapil.services, dukcapil.quiet_services, dukcapil.unused_kiosks) == (3, 0, 1)
    assert dukcapil.status == "partial"  # every service rated, but a kiosk never used
    assert (rsud.quiet_services, rsud.status) == (1, "idle")


def test_sekda_records_warnings_and_the_opd_sees_its_own(client: Client, world) -> None:
    """SPEC R5 (000:Pasal 9): teguran lisan then tertulis, with date, reason, officer warned."""
    client.force_login(world.sekda)
    page = client.get(reverse("reputation:warnings"))
    assert page.status_code == 200 and "Dinas Kependudukan" in page.content.decode()
    response = client.post(
        reverse("reputation:warnings"),
        {
            "agency": world.rsud.pk,
            "level": WarningLevel.LISAN,
            "date": "2026-11-02",
            "officer_warned": "dr. Direktur RSUD",
            "reason": "Poli Umum tanpa penilaian 45 hari",
        },
    )
    assert response.status_code == 302
    warning = AgencyWarning.objects.get()
    assert warning.issued_by == world.sekda and warning.level == WarningLevel.LISAN
    client.force_login(world.penghubung_rsud)
    own = client.get(reverse("reputation:warnings")).content.decode()
    assert "dr. Direktur RSUD" in own
    client.force_login(world.kepala)
    other = client.get(reverse("reputation:warnings")).content.decode()
    assert "dr. Direktur RSUD" not in other


def test_an_opd_official_cannot_issue_warnings(client: Client, world) -> None:
    client.force_login(world.kepala)
    response = client.post(
        reverse("reputation:warnings"),
        {
            "agency": world.rsud.pk,
            "level": WarningLevel.TERTULIS,
            "date": "2026-11-02",
            "officer_warned": "x",
            "reason": "y",
        },
    )
    assert response.status_code == 403
    assert not AgencyWarning.objects.exists()


def test_citizen_gets_403_on_the_warnings_register(client: Client, world) -> None:
    client.force_login(world.citizen)
    assert client.get(reverse("reputation:warnings")).status_code == 403


def _warn(client: Client, world, level: str, date: str) -> object:
    return client.post(
        reverse("reputation:warnings"),
        {
            "agency": world.rsud.pk,
            "level": level,
            "date": date,
            "officer_warned": "dr. Direktur RSUD",
            "reason": "Poli Umum tanpa penilaian 45 hari",
        },
    )


def test_a_teguran_tertulis_needs_a_prior_teguran_lisan(client: Client, world) -> None:
    """SPEC R5 (000:Pasal 9): teguran lisan first; a tertulis without one is refused with a
    translated reason, and so is one dated before the lisan."""
    client.force_login(world.sekda)
    refused = _warn(client, world, WarningLevel.TERTULIS, "2026-11-02")
    assert refused.status_code == 400
    assert "setelah OPD ini menerima teguran lisan" in refused.content.decode()
    assert not AgencyWarning.objects.exists()
    # Another OPD's lisan does not count.
    services.warning_issue(
        user=world.sekda,
        agency=world.dukcapil,
        level=WarningLevel.LISAN,
        date=datetime.date(2026, 10, 1),
        reason="Kios tidak pernah dipakai",
        officer_warned="Kepala Dinas",
    )
    assert _warn(client, world, WarningLevel.TERTULIS, "2026-11-02").status_code == 400
    assert _warn(client, world, WarningLevel.LISAN, "2026-11-02").status_code == 302
    assert _warn(client, world, WarningLevel.TERTULIS, "2026-11-01").status_code == 400
    assert _warn(client, world, WarningLevel.TERTULIS, "2026-11-20").status_code == 302
    levels = AgencyWarning.objects.filter(agency=world.rsud).order_by("date")
    assert [w.level for w in levels] == [WarningLevel.LISAN, WarningLevel.TERTULIS]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _warn(client, world, WarningLevel.TERTULIS, "2026-10-01").content.decode()
    assert "verbal warning" in english


def test_sekda_sees_the_worst_services_and_newest_comments_city_wide(
    client: Client, world, settings
) -> None:
    """SPEC R4 (000:Pasal 8(2)): the Sekda's monitor lists the least satisfying services of
    every OPD and the newest published comments of the whole city, read-only."""
    settings.REPUTATION_MIN_RATINGS = 2
    for i in range(3):
        world.rate(world.poli, satisfied=False, comment=f"Antre lama {i}")
        world.rate(world.ktp, satisfied=i > 0)
    world.rate(world.kk, satisfied=False)  # one rating: listed after the ranked ones
    world.rate(world.ktp, comment="Kunjungi www.iklan.com")  # held: not shown city-wide
    client.force_login(world.sekda)
    html = client.get(reverse("reputation:monitor")).content.decode()
    worst = html[html.index('id="kota-terendah-judul"') : html.index('id="kota-komentar-judul"')]
    assert worst.index("Poli Umum") < worst.index("KTP-el") < worst.index("Kartu Keluarga")
    assert "RSUD Uji" in worst
    comments = html[html.index('id="kota-komentar-judul"') :]
    assert comments.index("Antre lama 2") < comments.index("Antre lama 0")
    assert "www.iklan.com" not in html
    assert "Sembunyikan" not in html  # the Sekda watches; the OPD moderates
    assert "Komentar menunggu moderasi" not in html


def test_sekda_monitor_query_count_is_fixed_and_its_lists_bounded(
    client: Client, world, settings
) -> None:
    """SPEC R4: the city-wide monitor costs the same queries for 2 or 40 services."""
    settings.REPUTATION_MIN_RATINGS = 1
    world.rate(world.poli, satisfied=False, comment="Lama")
    client.force_login(world.sekda)
    client.get(reverse("reputation:monitor"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reputation:monitor"))
    for i in range(20):
        for agency in (world.dukcapil, world.rsud):
            s = ServiceFactory(agency=agency, code=f"K-{agency.pk}-{i}", name=f"Layanan K{i}")
            world.rate(s, satisfied=False, comment=f"Keluhan nomor {agency.pk}-{i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("reputation:monitor"))
    assert len(few.captured_queries) == len(many.captured_queries)
    html = response.content.decode()
    comments = html[html.index('id="kota-komentar-judul"') :]
    assert comments.count("Keluhan nomor") == 20
    worst = html[html.index('id="kota-terendah-judul"') : html.index('id="kota-komentar-judul"')]
    assert worst.count("<tr>") == 10 + 1  # ten rows and the header
