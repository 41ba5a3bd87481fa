"""The permission door, walked as a table: role × agency relation × privacy × action.

Each row puts one official in one relation to an item (their own agency holds it, their
agency is above or below the holder, a sibling, an agency the item was copied to, a third
agency while the item was copied elsewhere, their agency deactivated) and says what the door
answers: do they see it, do they hold it (act on it, see who reported it and what the
reporter attached). Every row runs for the three privacy levels and checks the door
(`complaints.permissions`) and the pages: the officer page (200 or 404), an action (302,
403 when seen but not theirs, 404 when not seen), the reporter's file (200 or 404), the
reporter's identity on the page, and the public page (public items only). An official whose
only agency was deactivated is no official any more: officials' pages answer 403.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.models import Attachment, Complaint, Privacy, SlaClass
from complaints.permissions import See, complaint_can, get_complaint_for_user
from complaints.uploads import CleanFile
from complaints.workflow import Act
from standards.models import Agency
from tests.personas import World

REPORTER_NAME = "Siti Rahmawati Pelapor"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True)
class Row:
    relation: str
    user: str  # a key of World.users
    where: str  # "opd": held by Disdukcapil; "unit": held by its unit
    sees: bool
    holds: bool
    copy_to: str = ""  # a World agency the item is copied to (tembusan)
    deactivate: str = ""  # a World agency switched off before the checks

    @property
    def unseen(self) -> int:
        """An item not seen is 404; with no active agency left the person is no official at
        all, and officials' pages answer 403."""
        return 403 if self.deactivate else 404


ROWS = [
    Row("own agency holds it", "penghubung", "opd", sees=True, holds=True),
    Row("own agency, a following role", "kepala", "opd", sees=True, holds=False),
    Row("parent of the holder (instansi)", "admin_instansi", "opd", sees=True, holds=False),
    Row("parent of the holder (pimpinan)", "pimpinan", "opd", sees=True, holds=False),
    Row("operator of the instansi", "operator", "opd", sees=True, holds=False),
    Row("earlier tier (national desk)", "admin_nasional", "opd", sees=True, holds=False),
    Row("child of the holder (unit)", "admin_upp", "opd", sees=False, holds=False),
    Row("sibling OPD", "penghubung_rsud", "opd", sees=False, holds=False),
    Row("another pemda", "penghubung_other", "opd", sees=False, holds=False),
    Row("another pemda's admin", "admin_instansi_other", "opd", sees=False, holds=False),
    Row(
        "copied to own agency",
        "penghubung_inspektorat",
        "opd",
        sees=True,
        holds=False,
        copy_to="inspektorat",
    ),
    Row(
        "copied to a third agency",
        "penghubung_rsud",
        "opd",
        sees=False,
        holds=False,
        copy_to="inspektorat",
    ),
    Row(
        "own agency deactivated",
        "penghubung",
        "opd",
        sees=False,
        holds=False,
        deactivate="dukcapil",
    ),
    Row("unit holds it, own unit", "admin_upp", "unit", sees=True, holds=True),
    Row("unit holds it, parent OPD's Penghubung", "penghubung", "unit", sees=True, holds=True),
    Row("unit holds it, parent OPD's Kepala", "kepala", "unit", sees=True, holds=False),
    # One need-to-know rule down the chain: the unit and the OPD's Penghubung handle it, the
    # tiers above follow it without the reporter (SPEC C4).
    Row("unit holds it, the instansi's admin", "admin_instansi", "unit", sees=True, holds=False),
    Row("unit holds it, earlier tier", "admin_nasional", "unit", sees=True, holds=False),
    Row("unit holds it, sibling OPD", "penghubung_rsud", "unit", sees=False, holds=False),
    Row(
        "unit holds it, own unit deactivated",
        "admin_upp",
        "unit",
        sees=False,
        holds=False,
        deactivate="unit",
    ),
]


def _fresh(c: Complaint) -> Complaint:
    c.refresh_from_db()
    return c


def _item(w: World, row: Row, privacy: str) -> Complaint:
    """An item filed with a reporter's file, routed down to Disdukcapil (copied on the way
    when the row says so) and, for unit rows, accepted and handed to the unit."""
    files = [CleanFile(ContentFile(PDF), "application/pdf", "bukti.pdf", len(PDF))]
    c = w.submit(privacy=privacy, files=files).complaint
    u = w.users
    c = services.complaint_verify(u["admin_nasional"], complaint_id=c.pk, version=c.version)
    c = services.complaint_route(
        u["admin_nasional"], complaint_id=c.pk, version=c.version, to_agency=w.pemda
    )
    c = services.complaint_verify(u["admin_instansi"], complaint_id=c.pk, version=c.version)
    if row.copy_to:
        c = services.complaint_copy(
            u["admin_instansi"],
            complaint_id=c.pk,
            version=c.version,
            agency=getattr(w, row.copy_to),
            note=services.Note("Mohon bantuan data."),
        )
    c = services.complaint_route(
        u["admin_instansi"], complaint_id=c.pk, version=c.version, to_agency=w.dukcapil
    )
    if row.where == "unit":
        c = services.complaint_accept(
            u["penghubung"],
            complaint_id=c.pk,
            version=c.version,
            verification=services.Verification(sla_class=SlaClass.NORMATIF),
        )
        c = services.complaint_assign_unit(
            u["penghubung"],
            complaint_id=c.pk,
            version=c.version,
            unit=w.unit,
            note=services.Note("Ke bidang."),
        )
    if row.deactivate:
        Agency.objects.filter(pk=getattr(w, row.deactivate).pk).update(is_active=False)
    return _fresh(c)


@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM])
@pytest.mark.parametrize("row", ROWS, ids=[r.relation for r in ROWS])
def test_the_door_and_the_pages_agree_for_every_relation(
    world: World, row: Row, privacy: str
) -> None:
    """SPEC A2, C3, C4: officials see the items held by, routed through or copied to their
    own agencies (of active agencies only), act only at the tier that holds them, and only
    those who hold an item see its reporter and the reporter's files; the public page shows
    public items alone."""
    c = _item(world, row, privacy)
    user = world.user(row.user)
    public = privacy == Privacy.PUBLIK

    # The door.
    assert complaint_can(user, See.AS_OFFICIAL, c) is row.sees
    assert complaint_can(user, See.HOLDS, c) is row.holds
    assert complaint_can(user, See.REPORTER, c) is row.holds
    assert complaint_can(user, Act.NOTE, c) is row.holds
    assert complaint_can(user, See.PUBLIC, c) is public
    assert complaint_can(user, See.ITEM, c) is (row.sees or public)
    assert complaint_can(user, See.AS_REPORTER, c) is False
    assert Complaint.objects.for_official(user).filter(pk=c.pk).exists() is row.sees
    assert Complaint.objects.visible_to(user).filter(pk=c.pk).exists() is (row.sees or public)

    # The pages.
    client = Client()
    client.force_login(user)
    detail = client.get(reverse("complaints:officer_detail", args=[c.code]))
    assert detail.status_code == (200 if row.sees else row.unseen)
    if row.sees:
        shows_reporter = REPORTER_NAME in detail.content.decode()
        assert shows_reporter is (row.holds and privacy != Privacy.ANONIM)
    before = c.version
    note = client.post(
        reverse("complaints:officer_act", args=[c.code, "note"]),
        {"note-version": before, "note-note": "Catatan internal."},
    )
    assert note.status_code == (302 if row.holds else 403 if row.sees else row.unseen)
    assert (_fresh(c).version > before) is row.holds
    attachment = Attachment.objects.get(complaint=c, by_reporter=True)
    download = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert download.status_code == (200 if row.holds else 404)
    public_page = client.get(reverse("complaints:detail", args=[c.code]))
    # Not public: an official who sees it is taken to the officer page (SPEC C3).
    assert public_page.status_code == (200 if public else 302 if row.sees else 404)


@pytest.mark.parametrize("privacy", [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM])
def test_the_getter_answers_404_for_unseen_and_403_for_seen_but_not_theirs(
    world: World, privacy: str
) -> None:
    """SPEC A2: one answer per case — an item one may not see does not exist (404); one seen
    but not theirs to act on is refused (403)."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    c = _item(world, ROWS[0], privacy)
    holder, follower, stranger = (
        world.user(k) for k in ("penghubung", "kepala", "penghubung_rsud")
    )
    assert get_complaint_for_user(holder, c.code, action=See.HOLDS) == c
    assert get_complaint_for_user(follower, c.code, action=See.AS_OFFICIAL) == c
    with pytest.raises(PermissionDenied):
        get_complaint_for_user(follower, c.code, action=See.HOLDS)
    for action in (See.AS_OFFICIAL, See.HOLDS, Act.NOTE):
        with pytest.raises(Http404):
            get_complaint_for_user(stranger, c.code, action=action)
    # The reporter's pages exist for the reporter alone.
    with pytest.raises(Http404):
        get_complaint_for_user(holder, c.code, action=See.AS_REPORTER)
    assert get_complaint_for_user(None, c.code, action=See.AS_REPORTER, tracked=[c.code]) == c
