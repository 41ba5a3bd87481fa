"""Notifications: in-app notices and an e-mail outbox (ARCHITECTURE.md, Data flow).

Callers are services inside their own transaction. `notify_user` (`notify_users` for a
batch) and `email_address` only write rows - a Notification and/or an OutboundEmail - and ask
for delivery once the transaction commits. A rolled-back change therefore sends nothing, and
a broker that is down delays mail without refusing the change: the row stays pending and the
periodic sweep (`accounts.tasks.outbox_deliver_due`) delivers it later.

Delivery (`outbound_deliver`) claims a row with a conditional UPDATE, so running it twice for
the same row sends once. A failed send is tried again with growing pauses, then given up and
left visible in the admin.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Notification, OutboundEmail, OutboundStatus, User

logger = logging.getLogger(__name__)

# Pause before the next try after the n-th failure; the last failure gives up.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
    timedelta(minutes=240),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A row still "sending" this long after it was claimed belongs to a worker that died.
STUCK_AFTER = timedelta(minutes=10)


def absolute_url(path: str) -> str:
    """A link for mail, built from SITE_URL (mail has no request to build it from)."""
    if path.startswith(("http://", "https://")) or not path:
        return path
    return settings.SITE_URL + path


def _render(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    context = {
        "site_name": settings.SITE_NAME,
        "pemda_name": settings.PEMDA_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = " ".join(subject.split())[:300]
    text = render_to_string(f"emails/{template}_body.txt", context)
    html = render_to_string(f"emails/{template}_body.html", context)
    return subject, text, html


@dataclass(frozen=True)
class Notice:
    """One in-app notice for `notify_users`: the arguments of `notify_user`."""

    user: User
    kind: str
    title: str
    body: str
    url: str
    email_template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    dedupe_key: str | None = None


@dataclass(frozen=True)
class _Mail:
    to_email: str
    template: str
    context: dict[str, Any]
    dedupe_key: str | None


def _row(mail: _Mail) -> OutboundEmail:
    subject, text, html = _render(mail.template, mail.context)
    return OutboundEmail(
        to_email=mail.to_email,
        subject=subject,
        body_text=text,
        body_html=html,
        dedupe_key=mail.dedupe_key or None,
    )


def _insert_email(mail: _Mail) -> int | None:
    """Write one outbox row; None when its dedupe key was queued before."""
    key = mail.dedupe_key
    if key and OutboundEmail.objects.filter(dedupe_key=key).exists():
        return None
    row = _row(mail)
    try:
        # A savepoint: a concurrent duplicate must not break the caller's transaction.
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        if key and OutboundEmail.objects.filter(dedupe_key=key).exists():
            return None
        raise
    return row.pk


def _queue_emails(mails: Sequence[_Mail]) -> list[int | None]:
    """Write the outbox rows in one INSERT and ask for their delivery once on commit. Returns
    each mail's row id, None where its dedupe key was queued before (or earlier in `mails`)."""
    keys = {m.dedupe_key for m in mails if m.dedupe_key}
    taken = set(
        OutboundEmail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
        if keys
        else []
    )
    new: list[tuple[int, _Mail, OutboundEmail]] = []
    for n, mail in enumerate(mails):
        if mail.dedupe_key:
            if mail.dedupe_key in taken:
                continue
            taken.add(mail.dedupe_key)
        new.append((n, mail, _row(mail)))
    ids: list[int | None] = [None] * len(mails)
    if not new:
        return ids
    try:
        # A savepoint: a concurrent duplicate must not break the caller's transaction.
        with transaction.atomic():
            OutboundEmail.objects.bulk_create([row for _n, _mail, row in new])
        for n, _mail, row in new:
            ids[n] = row.pk
    except IntegrityError:
        # Another transaction queued one of these keys meanwhile: one by one, skipping it.
        for n, mail, _unsaved in new:
            ids[n] = _insert_email(mail)
    queued = [pk for pk in ids if pk is not None]
    if queued:
        transaction.on_commit(lambda: enqueue(queued))
    return ids


def _queue_email(
    *, to_email: str, template: str, context: dict[str, Any], dedupe_key: str | None
) -> int | None:
    """Write one outbox row; None when this dedupe key was queued before."""
    mail = _Mail(to_email=to_email, template=template, context=context, dedupe_key=dedupe_key)
    return _queue_emails([mail])[0]


def notify_user(
    *,
    user: User,
    kind: str,
    title: str,
    body: str,
    url: str,
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Notification:
    """An in-app notice for `user`, and an e-mail when a template is given and the user has
    an address. Only writes rows; the caller's transaction decides whether they exist."""
    notice = Notice(
        user=user,
        kind=kind,
        title=title,
        body=body,
        url=url,
        email_template=email_template,
        context=context or {},
        dedupe_key=dedupe_key,
    )
    return notify_users([notice])[0]


def notify_users(notices: Sequence[Notice]) -> list[Notification]:
    """`notify_user` for many notices at once, in a fixed number of queries: one INSERT for
    the notices, one look-up of the dedupe keys and one INSERT for the mail; their delivery
    is asked for once on commit."""
    created = Notification.objects.bulk_create(
        [
            Notification(
                user=n.user, kind=n.kind, title=n.title[:200], body=n.body[:500], url=n.url[:500]
            )
            for n in notices
        ]
    )
    _queue_emails(
        [
            _Mail(
                to_email=n.user.email,
                template=n.email_template,
                context={"recipient": n.user, "url": absolute_url(n.url), **n.context},
                dedupe_key=n.dedupe_key,
            )
            for n in notices
            if n.email_template and n.user.email and n.user.is_active
        ]
    )
    return created


def email_address(
    *, to_email: str, template: str, context: dict[str, Any], dedupe_key: str | None
) -> int | None:
    """Queue an e-mail to an address without an account (a reporter who gave only an
    e-mail). Returns the outbox row's id, or None when it was queued before."""
    if not to_email:
        return None
    if "url" in context:
        context = {**context, "url": absolute_url(context["url"])}
    return _queue_email(
        to_email=to_email, template=template, context=context, dedupe_key=dedupe_key
    )


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    return (OperationalError, RedisError, ConnectionError, OSError, TimeoutError)


def enqueue(ids: Iterable[int]) -> None:
    """Ask a worker to deliver these rows now. A broker that is down only delays delivery:
    the rows stay pending and the sweep picks them up."""
    from accounts.tasks import deliver_email

    for outbound_id in ids:
        try:
            # No publish retries: a citizen's submit must not wait on a dead broker.
            deliver_email.apply_async(args=[outbound_id], retry=False)
        except _broker_errors() as exc:
            logger.warning(
                "Broker unavailable, outbound e-mail %s left for the sweep: %s", outbound_id, exc
            )
            return


def outbound_deliver(*, outbound_id: int, now: datetime | None = None) -> bool:
    """Send one outbox row if it is due; True when this call sent it.

    Safe to run twice and from several workers: the row is claimed with a conditional
    UPDATE (pending and due → sending) and only the caller that claimed it sends.
    """
    now = now or timezone.now()
    claimed = OutboundEmail.objects.filter(
        pk=outbound_id, status=OutboundStatus.PENDING, next_attempt_at__lte=now
    ).update(status=OutboundStatus.SENDING, claimed_at=now)
    if not claimed:
        return False
    row = OutboundEmail.objects.get(pk=outbound_id)
    message = EmailMultiAlternatives(
        row.subject, row.body_text, settings.DEFAULT_FROM_EMAIL, [row.to_email]
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # any transport failure: SMTP, socket, TLS, DNS
        _record_failure(row, exc, now=now)
        return False
    OutboundEmail.objects.filter(pk=row.pk, status=OutboundStatus.SENDING).update(
        status=OutboundStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _record_failure(row: OutboundEmail, exc: Exception, *, now: datetime) -> None:
    attempts = row.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if attempts >= MAX_ATTEMPTS:
        status, next_at = OutboundStatus.FAILED, now
        logger.error("Outbound e-mail %s failed %s times; giving up: %s", row.pk, attempts, error)
    else:
        status, next_at = OutboundStatus.PENDING, now + RETRY_DELAYS[attempts - 1]
        logger.warning("Outbound e-mail %s failed (attempt %s): %s", row.pk, attempts, error)
    OutboundEmail.objects.filter(pk=row.pk, status=OutboundStatus.SENDING).update(
        status=status, attempts=attempts, next_attempt_at=next_at, last_error=error
    )


def outbox_release_stuck(*, now: datetime | None = None) -> int:
    """Put rows back to pending whose worker claimed them and never finished (it died)."""
    now = now or timezone.now()
    return OutboundEmail.objects.filter(
        status=OutboundStatus.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=OutboundStatus.PENDING, next_attempt_at=now)


def outbox_due_ids(*, now: datetime | None = None, limit: int = 50) -> list[int]:
    """Ids of pending rows whose time has come, oldest first."""
    now = now or timezone.now()
    return list(
        OutboundEmail.objects.filter(Q(status=OutboundStatus.PENDING) & Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def outbox_retry_now(*, ids: Iterable[int], now: datetime | None = None) -> int:
    """An operator's "try again now" for pending and failed rows (never for sent ones)."""
    now = now or timezone.now()
    ids = list(ids)
    count = OutboundEmail.objects.filter(
        pk__in=ids, status__in=[OutboundStatus.PENDING, OutboundStatus.FAILED]
    ).update(status=OutboundStatus.PENDING, next_attempt_at=now)
    transaction.on_commit(lambda: enqueue(ids))
    return count


def notification_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notices read: these ids, or all of them."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
