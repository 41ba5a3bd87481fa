"""Intake: a citizen's submission or an officer's manual entry, and the tracking secret."""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Action, memberships_for
from complaints import deadlines
from complaints.models import (
    Channel,
    Complaint,
    EventAction,
    InformationRequest,
    Kind,
    Status,
)
from complaints.services.common import (
    ComplaintContent,
    InformationDetails,
    NotPermitted,
    Receipt,
    Reporter,
    _attach,
    _event,
    _instansi_of,
    _national_desk,
    _route_fields,
    new_secret,
    plain_text,
)
from complaints.workflow import (
    Actor,
)
from standards.models import Agency, AgencyKind


def complaint_submit(
    user: Any,
    *,
    content: ComplaintContent,
    reporter: Reporter = Reporter(),  # noqa: B008 - frozen, never mutated
    intake_token: uuid.UUID | None = None,
    channel: str = Channel.PORTAL,
    now: datetime | None = None,
) -> Receipt:
    """File an item (SPEC C1, C2). `user` is who files it: through the portal, the citizen
    (their account becomes the item's reporter; None or anonymous for a visitor); through any
    other channel, the officer entering it (the reporter is only `reporter`'s contact data).
    From the portal it lands at the national desk when there is one, else at the instansi; an
    officer's manual entry lands at the officer's own tier.

    A repeated `intake_token` returns the item it created the first time with an empty secret
    (the first one cannot be recovered from its hash), so a double submit never makes two items.
    """
    now = now or timezone.now()
    c = content
    entered_by = user if channel != Channel.PORTAL else None
    account = user if entered_by is None and getattr(user, "is_authenticated", False) else None
    agency = c.agency or (c.service.agency if c.service is not None else None)
    # The forms check these on the same cleaned text; reaching here empty is a caller's bug.
    if c.kind == Kind.PENGADUAN and not plain_text(c.location):
        raise ValueError("A pengaduan needs a location (001:Pasal 7(2)).")
    if not plain_text(c.title) or not plain_text(c.description):
        raise ValueError("A title and a description are required.")
    secret = new_secret()
    if intake_token is not None:
        existing = Complaint.objects.filter(intake_token=intake_token).first()
        if existing is not None:
            return Receipt(existing, "", created=False)

    holder = _intake_holder(agency=agency, entered_by=entered_by)
    complaint = Complaint(
        kind=c.kind,
        title=plain_text(c.title)[:200],
        description=plain_text(c.description),
        privacy=c.privacy,
        channel=channel,
        agency=agency,
        service=c.service,
        category=c.category if c.category is None or c.category.is_active else None,
        location=plain_text(c.location)[:300],
        latitude=c.latitude,
        longitude=c.longitude,
        event_date=c.event_date,
        photos_public=c.photos_public,
        reporter=account,
        reporter_name=plain_text(reporter.name)[:150],
        reporter_email=reporter.email.strip(),
        reporter_phone=reporter.phone.strip(),
        secret_hash=make_password(secret, hasher=SECRET_HASHER),
        intake_token=intake_token,
        received_at=now,
        status=Status.DITERIMA,
    )
    _route_fields(complaint, holder)
    deadlines.arrival_deadlines(complaint, now)
    try:
        with transaction.atomic():
            complaint.save()
            actor = None
            actor_agency = None
            if entered_by is not None:
                actor = _official_actor_for_intake(entered_by, holder)
                actor_agency = holder
            event = _event(
                complaint,
                EventAction.SUBMITTED,
                user=entered_by,
                actor=actor,
                actor_agency=actor_agency,
                note=_("Diterima melalui %(channel)s.")
                % {"channel": complaint.get_channel_display()},
                now=now,
            )
            _attach(complaint, c.files, event=event, by_reporter=entered_by is None)
            if c.kind == Kind.INFORMASI:
                _record_information(complaint, c, event=event)
    except IntegrityError:
        # Two copies of the same form raced: the first one won; hand back its item. Any other
        # integrity error is a real error and propagates.
        winner = (
            Complaint.objects.filter(intake_token=intake_token).first() if intake_token else None
        )
        if winner is None:
            raise
        return Receipt(winner, "", created=False)
    return Receipt(complaint, secret, created=True)


def _record_information(complaint: Complaint, c: ComplaintContent, *, event: Any) -> None:
    """The request's own data (003:Pasal 40(8)); the identity card is kept as the reporter's
    file, never public (SPEC C4)."""
    info = c.information or InformationDetails()
    nik = "".join(ch for ch in info.nik if ch.isdigit())
    if nik and len(nik) != 16:
        raise ValueError("A NIK has 16 digits.")
    InformationRequest.objects.create(
        complaint=complaint,
        nik=nik,
        address=plain_text(info.address)[:300],
        purpose=plain_text(info.purpose)[:2000],
        delivery_method=info.delivery_method,
    )
    if info.identity_card is not None:
        _attach(complaint, [info.identity_card], event=event, by_reporter=True, identity_card=True)


def _intake_membership(user: Any) -> Any:
    """The membership an officer records manual items under: the first (oldest) one with a
    role that receives items."""
    for m in memberships_for(user, Action.INTAKE_COMPLAINT):
        return m
    raise NotPermitted(_("Hanya admin dan Pejabat Penghubung yang dapat mencatat pengaduan."))


def _intake_holder(*, agency: Agency | None, entered_by: Any) -> Agency:
    if entered_by is not None:
        return _intake_membership(entered_by).agency
    desk = _national_desk()
    if desk is not None:
        return desk
    if agency is not None:
        return _instansi_of(agency)
    instansi = Agency.objects.active().filter(kind=AgencyKind.PEMDA).order_by("pk").first()
    if instansi is None:
        raise RuntimeError("No instansi is configured to receive complaints.")
    return instansi


def _official_actor_for_intake(user: Any, holder: Agency) -> Actor:
    m = _intake_membership(user)
    if m.agency_id != holder.pk:
        raise NotPermitted(_("Anda tidak dapat mencatat pengaduan untuk instansi ini."))
    return Actor(m.role)


SECRET_HASHER = "pbkdf2_sha256_secret"  # noqa: S105 - a hasher name (complaints.hashers)


@cache
def _unknown_code_hash() -> str:
    """A hash checked against when the code is unknown, made once per process."""
    return make_password(new_secret(), hasher=SECRET_HASHER)


def complaint_check_secret(*, code: str, secret: str) -> Complaint | None:
    """The item behind a tracking code and secret, or None (without saying which was wrong)."""
    complaint = Complaint.objects.filter(code=code.strip().upper()).first()
    if complaint is None:
        # Spend the same time as a real check so that codes cannot be probed by timing.
        check_password(secret, _unknown_code_hash())
        return None
    if not check_password(secret.strip().upper(), complaint.secret_hash):
        return None
    return complaint
