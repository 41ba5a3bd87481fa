"""What the public does around a public item: "saya juga mengalami" and following it by
e-mail with a double opt-in (SPEC C3, C13). Only public items (`Complaint.objects.public()`)
can be joined or followed; an item that stops being public keeps its rows but sends nothing
(complaints.notify asks `public()` again before every mail)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import notify
from complaints.models import Complaint, Follow, MeToo, follow_token_hash
from complaints.models.public import UNSUBSCRIBE_SALT
from complaints.services.common import NotPermitted


def _public_item(complaint_id: int) -> Complaint:
    complaint = Complaint.objects.public().filter(pk=complaint_id).first()
    if complaint is None:
        raise NotPermitted(_("Laporan ini tidak terbuka untuk umum."))
    return complaint


def complaint_me_too(user: Any, *, complaint_id: int, visitor: str = "") -> bool:
    """Record that `user` (signed in) or the browser session `visitor` has the same problem.
    True when it was counted now, False when this person had already said so (SPEC C13).
    Precondition: the item is public (else NotPermitted)."""
    complaint = _public_item(complaint_id)
    account = user if getattr(user, "is_authenticated", False) else None
    if account is None and not visitor:
        raise ValueError("A visitor without an account needs a visitor id.")
    if complaint.is_reporter(account):
        raise NotPermitted(_("Ini laporan Anda sendiri."))
    row = MeToo(complaint=complaint, user=account, visitor="" if account else visitor[:64])
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def follow_request(*, complaint_id: int, email: str, now: datetime | None = None) -> bool:
    """Ask to follow a public item by e-mail: a confirmation link goes to the address, and
    nothing else until it is opened (double opt-in). A new request for an address already
    following sends nothing (True is returned either way: the page never says whether an
    address follows an item). Returns whether a confirmation mail was queued."""
    now = now or timezone.now()
    complaint = _public_item(complaint_id)
    address = email.strip().lower()
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        follow = (
            Follow.objects.select_for_update()
            .filter(complaint=complaint, email__iexact=address)
            .first()
        )
        if follow is not None and follow.confirmed_at and not follow.unsubscribed_at:
            return False
        if follow is None:
            follow = Follow(complaint=complaint, email=address, created_at=now)
        else:
            # A new link replaces the old one; following starts again from this request.
            follow.created_at = now
            follow.confirmed_at = None
            follow.unsubscribed_at = None
        follow.token_hash = follow_token_hash(token)
        try:
            with transaction.atomic():
                follow.save()
        except IntegrityError:
            return False  # the same address asked twice at the same moment
        notify.follow_confirmation(follow, token=token)
    return True


def follow_confirm(*, token: str, now: datetime | None = None) -> Follow | None:
    """Open the confirmation link: the address follows the item from now. None for a link
    that is unknown or was replaced by a newer request; confirming twice is harmless."""
    now = now or timezone.now()
    with transaction.atomic():
        follow = (
            Follow.objects.select_for_update()
            .select_related("complaint")
            .filter(token_hash=follow_token_hash(token), unsubscribed_at__isnull=True)
            .first()
        )
        if follow is None:
            return None
        if follow.confirmed_at is None:
            follow.confirmed_at = max(now, follow.created_at)
            follow.save(update_fields=["confirmed_at"])
    return follow


def follow_from_unsubscribe_token(value: str) -> Follow | None:
    try:
        pk = signing.loads(value, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Follow.objects.select_related("complaint").filter(pk=pk).first()


def follow_unsubscribe(*, value: str, now: datetime | None = None) -> Follow | None:
    """Stop the mail of one follow (the link in every mail). None for a bad link."""
    now = now or timezone.now()
    with transaction.atomic():
        follow = follow_from_unsubscribe_token(value)
        if follow is None:
            return None
        Follow.objects.filter(pk=follow.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now
        )
    return follow
