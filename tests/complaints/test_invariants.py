"""The database itself refuses an impossible item, event, attachment or alert.

Each case writes one bad value with a plain `QuerySet.update()` or `bulk_create()`, which skip
every Python check (forms, services, `full_clean`), and expects PostgreSQL to refuse it by
the constraint's name.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from complaints.models import (
    AlertKind,
    Attachment,
    ClosureReason,
    Complaint,
    ComplaintTally,
    ComplaintTallyDelta,
    Copy,
    DeadlineAlert,
    DeadlineKind,
    DeclineReason,
    Event,
    EventAction,
    Follow,
    HolderTier,
    InformationRequest,
    Kind,
    MeToo,
    Privacy,
    SlaClass,
    Status,
    TallyDimension,
)
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.now() - timedelta(days=30)
BEFORE = RECEIVED - timedelta(hours=1)
AFTER = RECEIVED + timedelta(days=1)


def refuses(constraint: str, write: Any) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        write()


@pytest.fixture
def item() -> Complaint:
    """An item in progress at an OPD, every field consistent."""
    opd = AgencyFactory.opd()
    return Complaint.objects.create(
        secret_hash="x",
        kind=Kind.PENGADUAN,
        title="Jalan berlubang",
        description="Lubang besar di depan pasar.",
        location="Pasar Pelaihari",
        privacy=Privacy.PUBLIK,
        channel="portal",
        status=Status.DITINDAKLANJUTI,
        holder_tier=HolderTier.OPD,
        holder_agency=opd,
        opd=opd,
        instansi=opd.parent,
        sla_class=SlaClass.TANPA_PEMERIKSAAN,
        received_at=RECEIVED,
        penghubung_received_at=RECEIVED,
        resolution_due_at=AFTER + timedelta(days=20),
    )


# (constraint name, the bad values written over the item)
COMPLAINT_CASES: list[tuple[str, dict[str, Any]]] = [
    ("complaint_kind_valid", {"kind": "keluhan"}),
    ("complaint_privacy_valid", {"privacy": "terbuka"}),
    ("complaint_channel_valid", {"channel": "faks"}),
    ("complaint_status_valid", {"status": "hilang"}),
    (
        "complaint_status_before_wait_valid",
        {"status": Status.MENUNGGU_DATA, "status_before_wait": "entah"},
    ),
    ("complaint_nature_valid", {"nature": "lain-lain"}),
    ("complaint_sla_class_valid", {"sla_class": "kilat"}),
    ("complaint_decline_reason_valid", {"status": Status.DITOLAK, "decline_reason": "bosan"}),
    ("complaint_holder_on_its_route", {"holder_tier": HolderTier.UNIT}),
    ("complaint_holder_on_its_route", {"holder_tier": "desa"}),
    ("complaint_holder_on_its_route", {"opd": None}),
    (
        "complaint_waiting_remembers_status",
        {"status": Status.MENUNGGU_DATA, "status_before_wait": ""},
    ),
    ("complaint_status_before_wait_only_while_waiting", {"status_before_wait": Status.DITERIMA}),
    ("complaint_closed_only_when_final", {"closed_at": AFTER}),
    ("complaint_decline_reason_only_when_declined", {"decline_reason": DeclineReason.SARA}),
    ("complaint_declined_has_reason", {"status": Status.DITOLAK}),
    ("complaint_rated_only_when_answered", {"satisfied": False}),
    (
        "complaint_informasi_publik_only_for_information",
        {"sla_class": SlaClass.INFORMASI_PUBLIK},
    ),
    ("complaint_extension_only_for_informasi_publik", {"extended_at": AFTER}),
    ("complaint_information_refusal_has_basis", {"information_refused": True}),
    (
        "complaint_information_refusal_is_final",
        {"kind": Kind.INFORMASI, "information_refused": True, "refusal_basis": "Pasal 17 h"},
    ),
    ("complaint_pengaduan_has_location", {"location": ""}),
    ("complaint_coordinates_paired_and_valid", {"latitude": -3.8}),
    ("complaint_coordinates_paired_and_valid", {"latitude": 91, "longitude": 114.8}),
    ("complaint_coordinates_paired_and_valid", {"latitude": -3.8, "longitude": 181}),
    ("complaint_version_positive", {"version": 0}),
    ("complaint_verification_due_at_not_before_receipt", {"verification_due_at": BEFORE}),
    ("complaint_data_due_at_not_before_receipt", {"data_due_at": BEFORE}),
    ("complaint_resolution_due_at_not_before_receipt", {"resolution_due_at": BEFORE}),
    (
        "complaint_closure_due_at_not_before_receipt",
        {"status": Status.SELESAI, "closure_due_at": BEFORE},
    ),
    ("complaint_penghubung_received_at_not_before_receipt", {"penghubung_received_at": BEFORE}),
    ("complaint_first_followup_at_not_before_receipt", {"first_followup_at": BEFORE}),
    ("complaint_responded_at_not_before_receipt", {"responded_at": BEFORE}),
    ("complaint_closed_at_not_before_receipt", {"status": Status.SELESAI, "closed_at": BEFORE}),
    ("complaint_first_response_at_not_before_receipt", {"first_response_at": BEFORE}),
    ("complaint_closure_reason_valid", {"status": Status.SELESAI, "closure_reason": "malas"}),
    # SPEC C12: only an answered item carries the reason Admin Nasional closed it for.
    ("complaint_closure_reason_only_when_answered", {"closure_reason": ClosureReason.DUPLIKAT}),
    # An Admin UPP's draft has a time and waits only on an open item.
    ("complaint_draft_only_in_progress", {"draft_response": "Draf", "draft_at": None}),
    (
        "complaint_draft_only_in_progress",
        {"draft_response": "Draf", "draft_at": AFTER, "status": Status.DIARSIPKAN},
    ),
    ("complaint_published_at_not_before_receipt", {"published_at": BEFORE}),
    ("complaint_completed_at_not_before_receipt", {"completed_at": BEFORE}),
    # Moving the receipt later than the steps already taken (the first failing check names it).
    ("complaint_penghubung_received_at_not_before_receipt", {"received_at": timezone.now()}),
]


@pytest.mark.parametrize(
    ("constraint", "values"),
    COMPLAINT_CASES,
    ids=[f"{c}-{i}" for i, (c, _) in enumerate(COMPLAINT_CASES)],
)
def test_the_database_refuses_an_impossible_item(item, constraint, values) -> None:
    """SPEC C3, C5, C7, C8, C11, C12: states, privacy, channels, routes and clocks the
    workflow relies on hold in the database, whatever code writes the row."""
    refuses(constraint, lambda: Complaint.objects.filter(pk=item.pk).update(**values))


def test_the_consistent_item_and_its_legal_neighbours_are_accepted(item) -> None:
    """The constraints refuse only what is impossible: waiting, declining, answering, rating,
    archiving and an extended information request are all accepted."""
    rows = Complaint.objects.filter(pk=item.pk)
    rows.update(status=Status.MENUNGGU_DATA, status_before_wait=Status.DITINDAKLANJUTI)
    rows.update(status=Status.DIARSIPKAN, closed_at=AFTER)
    rows.update(
        status=Status.SELESAI,
        status_before_wait="",
        closed_at=None,
        responded_at=AFTER,
        satisfied=True,
        closure_due_at=AFTER + timedelta(days=14),
        latitude=-3.8,
        longitude=114.8,
    )
    rows.update(status=Status.DITOLAK, decline_reason=DeclineReason.SARA, satisfied=None)
    rows.update(
        status=Status.DITINDAKLANJUTI,
        decline_reason="",
        kind=Kind.INFORMASI,
        sla_class=SlaClass.INFORMASI_PUBLIK,
        extended_at=AFTER,
    )
    assert rows.get().extended_at == AFTER
    # A refused information request ends as "ditolak" with its legal basis (003:Pasal 40(12)).
    rows.update(
        status=Status.DITOLAK,
        information_refused=True,
        refusal_basis="UU 14/2008 Pasal 17 huruf h",
        closed_at=AFTER,
    )
    assert rows.get().status == Status.DITOLAK


def test_tracking_codes_and_intake_tokens_are_unique(item) -> None:
    """SPEC A1: a tracking code leads back to one item only."""
    twin = Complaint.objects.filter(pk=item.pk).values()[0]
    twin.pop("id")
    refuses("code", lambda: Complaint.objects.bulk_create([Complaint(**twin)]))
    token = uuid.uuid4()
    Complaint.objects.filter(pk=item.pk).update(intake_token=token)
    twin.update(code="LP-TWIN-0001", intake_token=token)
    refuses("intake_token", lambda: Complaint.objects.bulk_create([Complaint(**twin)]))


def test_an_agency_gets_one_copy_of_an_item(item) -> None:
    """SPEC C14: a tembusan is recorded once per agency."""
    other = AgencyFactory.opd(parent=item.instansi)
    user = UserFactory()
    Copy.objects.create(complaint=item, agency=other, created_by=user)
    refuses(
        "copy_unique_per_agency",
        lambda: Copy.objects.bulk_create([Copy(complaint=item, agency=other, created_by=user)]),
    )


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("event_action_valid", {"action": "dihapus"}),
        ("event_from_status_valid", {"from_status": "hilang"}),
        ("event_to_status_valid", {"to_status": "hilang"}),
    ],
)
def test_the_database_refuses_an_impossible_timeline_step(item, constraint, values) -> None:
    """SPEC C14: every timeline step names a known action and known states (written as
    such: a written step cannot be updated at all, standards.appendonly)."""
    fields = {
        "complaint": item,
        "action": EventAction.ACCEPTED,
        "from_status": "diterima",
        "to_status": "ditindaklanjuti",
    }
    refuses(constraint, lambda: Event.objects.create(**(fields | values)))


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("attachment_content_type_valid", {"content_type": "text/html"}),
        ("attachment_not_empty", {"size": 0}),
    ],
)
def test_the_database_refuses_an_attachment_uploads_refuse(item, constraint, values) -> None:
    attachment = Attachment.objects.create(
        complaint=item,
        file="lampiran/x/berkas.pdf",
        original_name="surat.pdf",
        content_type="application/pdf",
        size=2048,
    )
    refuses(constraint, lambda: Attachment.objects.filter(pk=attachment.pk).update(**values))


def test_an_identity_card_is_the_reporters_and_never_public(item) -> None:
    """SPEC C4: the copy of a requester's identity card (003:Pasal 40(8) huruf f) is kept
    like the reporter's identity: never an official's file, never public."""
    card = Attachment.objects.create(
        complaint=item,
        file="lampiran/x/ktp.png",
        original_name="ktp.png",
        content_type="image/png",
        size=2048,
        by_reporter=True,
        is_identity_card=True,
    )
    rows = Attachment.objects.filter(pk=card.pk)
    refuses("attachment_identity_card_private", lambda: rows.update(is_public=True))
    refuses("attachment_identity_card_private", lambda: rows.update(by_reporter=False))


INFORMATION_CASES: list[tuple[str, dict[str, Any]]] = [
    ("information_delivery_method_valid", {"delivery_method": "merpati"}),
    ("information_delivered_format_valid", {"delivered_format": "lisan"}),
    ("information_refusal_ground_valid", {"refusal_ground": "z"}),
    ("information_nik_16_digits", {"nik": "12345"}),
    ("information_nik_16_digits", {"nik": "63010101019000AB"}),
    ("information_delivery_complete", {"delivered_at": AFTER}),
    ("information_delivery_complete", {"delivered_material": "Daftar"}),
    ("information_cost_has_basis", {"cost_amount": 5000}),
    ("information_refused_or_delivered", {"refusal_ground": "h", "delivered_at": AFTER}),
]


@pytest.mark.parametrize(
    ("constraint", "values"), INFORMATION_CASES, ids=[c for c, _ in INFORMATION_CASES]
)
def test_the_database_refuses_an_impossible_information_request(item, constraint, values) -> None:
    """SPEC C11: 003:Pasal 40(8)-(13): a 16-digit NIK, a complete delivery record, copying
    costs only with their basis, refused or delivered but not both."""
    Complaint.objects.filter(pk=item.pk).update(kind=Kind.INFORMASI)
    InformationRequest.objects.create(complaint=item, nik="6301010101900001")
    if constraint == "information_refused_or_delivered":
        values = {**values, "delivered_material": "Daftar", "delivered_format": "softcopy"}
    rows = InformationRequest.objects.filter(pk=item.pk)
    refuses(constraint, lambda: rows.update(**values))


def test_a_complete_delivery_with_costs_is_accepted(item) -> None:
    """SPEC C11: delivered, in a format, with copying costs and their basis (40(11)-(13))."""
    InformationRequest.objects.create(complaint=item)
    rows = InformationRequest.objects.filter(pk=item.pk)
    rows.update(
        delivered_at=AFTER,
        delivered_material="Daftar penerima",
        delivered_format="tertulis",
        cost_amount=20_000,
        cost_basis="40 lembar × Rp 500",
    )
    assert rows.get().cost_amount == 20_000


@pytest.mark.parametrize(
    ("constraint", "values"),
    [
        ("deadline_alert_kind_valid", {"kind": "alarm"}),
        ("deadline_alert_deadline_kind_valid", {"deadline_kind": "kapan-kapan"}),
    ],
)
def test_the_database_refuses_an_unknown_deadline_alert(item, constraint, values) -> None:
    fields = {
        "complaint": item,
        "kind": AlertKind.BREACH,
        "deadline_kind": DeadlineKind.RESOLUTION,
        "due_at": item.resolution_due_at,
    }
    refuses(constraint, lambda: DeadlineAlert.objects.create(**(fields | values)))


def test_a_deadline_is_alerted_once_however_many_sweeps_run(item) -> None:
    """SPEC C9: one reminder or breach per deadline."""
    values = {
        "complaint": item,
        "kind": AlertKind.BREACH,
        "deadline_kind": DeadlineKind.RESOLUTION,
        "due_at": item.resolution_due_at,
    }
    DeadlineAlert.objects.create(**values)
    refuses(
        "deadline_alert_once_per_deadline",
        lambda: DeadlineAlert.objects.bulk_create([DeadlineAlert(**values)]),
    )


def test_a_person_says_saya_juga_once_per_item(item) -> None:
    """An account, or a browser session's visitor id, counts once per item."""
    user = UserFactory()
    MeToo.objects.create(complaint=item, user=user)
    refuses(
        "metoo_once_per_user",
        lambda: MeToo.objects.bulk_create([MeToo(complaint=item, user=user)]),
    )
    MeToo.objects.create(complaint=item, visitor="abc")
    refuses(
        "metoo_once_per_visitor",
        lambda: MeToo.objects.bulk_create([MeToo(complaint=item, visitor="abc")]),
    )


def test_a_saya_juga_names_either_an_account_or_a_visitor(item) -> None:
    user = UserFactory()
    refuses(
        "metoo_user_or_visitor",
        lambda: MeToo.objects.bulk_create([MeToo(complaint=item, user=user, visitor="abc")]),
    )
    refuses("metoo_user_or_visitor", lambda: MeToo.objects.bulk_create([MeToo(complaint=item)]))


def test_an_address_follows_an_item_once_whatever_its_case(item) -> None:
    Follow.objects.create(complaint=item, email="sari@contoh.id", token_hash="a")
    refuses(
        "follow_once_per_address",
        lambda: Follow.objects.bulk_create(
            [Follow(complaint=item, email="Sari@Contoh.id", token_hash="b")]
        ),
    )


def test_a_follow_is_confirmed_after_it_was_asked_for(item) -> None:
    follow = Follow.objects.create(complaint=item, email="sari@contoh.id", token_hash="a")
    refuses(
        "follow_confirmed_after_request",
        lambda: Follow.objects.filter(pk=follow.pk).update(
            confirmed_at=follow.created_at - timedelta(minutes=1)
        ),
    )


TALLY_CASES: list[tuple[str, dict[str, Any]]] = [
    ("complaint_tally_dimension_valid", {"dimension": "desa"}),
    ("complaint_tally_counts", {"n": -1}),
    ("complaint_tally_counts", {"followup_n": 5, "n": 2}),
    ("complaint_tally_unanswered_is_open", {"is_open": False, "is_unanswered": True}),
]
TALLY_ROW = {
    "dimension": TallyDimension.ALL,
    "month": date(2026, 1, 1),
    "is_open": True,
    "is_unanswered": True,
    "is_breached": False,
    "n": 3,
}


@pytest.mark.parametrize(("constraint", "values"), TALLY_CASES, ids=[c for c, _ in TALLY_CASES])
def test_the_database_refuses_an_impossible_tally_row(constraint: str, values: dict) -> None:
    """SPEC C15: the statistics tally never holds a negative count or an impossible state."""
    refuses(constraint, lambda: ComplaintTally.objects.create(**{**TALLY_ROW, **values}))


def test_a_tally_row_is_unique_per_key_and_a_delta_names_a_known_dimension() -> None:
    ComplaintTally.objects.create(**TALLY_ROW)
    refuses("complaint_tally_key", lambda: ComplaintTally.objects.create(**TALLY_ROW))
    refuses(
        "complaint_tally_delta_dimension_valid",
        lambda: ComplaintTallyDelta.objects.create(**{**TALLY_ROW, "dimension": "desa"}),
    )


def test_every_constraint_of_the_complaints_app_has_a_case_here() -> None:
    from django.apps import apps

    declared = {
        c.name
        for model in apps.get_app_config("complaints").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    tested = {name for name, _ in COMPLAINT_CASES} | {
        "event_action_valid",
        "event_from_status_valid",
        "event_to_status_valid",
        "attachment_content_type_valid",
        "attachment_not_empty",
        "deadline_alert_kind_valid",
        "deadline_alert_deadline_kind_valid",
        "deadline_alert_once_per_deadline",
        "copy_unique_per_agency",
        "metoo_once_per_user",
        "metoo_once_per_visitor",
        "metoo_user_or_visitor",
        "follow_once_per_address",
        "follow_confirmed_after_request",
        "attachment_identity_card_private",
        "complaint_tally_key",
        "complaint_tally_delta_dimension_valid",
        *(name for name, _ in INFORMATION_CASES),
        *(name for name, _ in TALLY_CASES),
    }
    assert declared - tested == set()
