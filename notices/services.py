"""The one door for notices: every app that tells someone something calls these functions.

Senders are services inside their own transaction. `notice_send` (`notices_send` for a
batch) and `email_send` only write rows - a Notification and/or an OutboundEmail - and ask
for delivery once the transaction commits. A rolled-back change therefore sends nothing, and
a broker that is down delays mail without refusing the change: the row stays pending and the
periodic sweep (`notices.tasks.outbox_deliver_due`) delivers it later.

Every mail is rendered by `notices.render.mail_render` from templates/emails/ when it is
queued; the row keeps the rendered text. Links in mail are absolute (SITE_URL).

What a user wants by e-mail (NotificationPreference) is applied here: in-app notices always
go out; mail of a kind the user switched off does not, except the deadline kinds in
MAIL_ALWAYS, which officials cannot switch off.

Text messages go out through `sms_send`, to the backend named in SMS_BACKEND (notices/sms.py)
once the caller's transaction commits.

Account mail (e-mail verification, password reset) comes in through `account_mail_send`,
registered with accounts.mail by NoticesConfig.ready: accounts stands below this app and may
not import it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from notices import delivery, sms
from notices.models import (
    MAIL_ALWAYS,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboundEmail,
    OutboundStatus,
)
from notices.render import absolute_url, mail_render
from notices.tasks import enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One in-app notice for `notices_send`, with the mail that goes with it when
    `email_template` is given and the recipient has an address and wants that kind mailed."""

    recipient: User
    kind: str
    title: str
    body: str = ""
    url: str = ""
    email_template: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)
    dedupe_key: str | None = None


@dataclass(frozen=True)
class _Mail:
    to_email: str
    template: str
    context: Mapping[str, Any]
    dedupe_key: str | None


def _row(mail: _Mail) -> OutboundEmail:
    rendered = mail_render(mail.template, mail.context)
    return OutboundEmail(
        to_email=mail.to_email,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        dedupe_key=mail.dedupe_key or None,
    )


def _insert_one(mail: _Mail) -> int | None:
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


def _insert(mails: Sequence[_Mail]) -> list[int | None]:
    """Write the outbox rows in one INSERT. Returns each mail's row id, None where its dedupe
    key was queued before (or earlier in `mails`)."""
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
            ids[n] = _insert_one(mail)
    return ids


def _queue(mails: Sequence[_Mail]) -> list[int | None]:
    """Write the rows and ask for their delivery once, on commit."""
    ids = _insert(mails)
    queued = [pk for pk in ids if pk is not None]
    if queued:
        transaction.on_commit(lambda: enqueue(queued))
    return ids


def _mail_off(notices: Sequence[Notice]) -> set[tuple[int, str]]:
    """(user id, kind) pairs whose mail the user switched off, for the notices that would
    mail: one query, none when nothing would be mailed."""
    asked = {
        (n.recipient.pk, n.kind)
        for n in notices
        if n.email_template and n.kind not in MAIL_ALWAYS and n.recipient.email
    }
    if not asked:
        return set()
    rows = NotificationPreference.objects.filter(
        user_id__in={user_id for user_id, _kind in asked},
        kind__in={kind for _user_id, kind in asked},
        email=False,
    ).values_list("user_id", "kind")
    return set(rows) & asked


def notices_send(notices: Sequence[Notice]) -> list[Notification]:
    """Write these in-app notices and their mail, in a fixed number of queries whatever their
    number: one INSERT for the notices, one look-up of preferences, one of dedupe keys and
    one INSERT for the mail; delivery is asked for once on commit. Only writes rows: the
    caller's transaction decides whether they exist."""
    created = Notification.objects.bulk_create(
        [
            Notification(
                user=n.recipient,
                kind=n.kind,
                title=n.title[:200],
                body=n.body[:500],
                url=n.url[:500],
            )
            for n in notices
        ]
    )
    off = _mail_off(notices)
    _queue(
        [
            _Mail(
                to_email=n.recipient.email,
                template=n.email_template,
                context={"recipient": n.recipient, "url": absolute_url(n.url), **n.context},
                dedupe_key=n.dedupe_key,
            )
            for n in notices
            if n.email_template
            and n.recipient.email
            and n.recipient.is_active
            and (n.recipient.pk, n.kind) not in off
        ]
    )
    return created


def notice_send(notice: Notice) -> Notification:
    """One in-app notice for its recipient, and an e-mail when a template is given, the
    recipient has an address and has not switched this kind of mail off."""
    return notices_send([notice])[0]


def email_send(
    *, to_email: str, template: str, context: Mapping[str, Any], dedupe_key: str | None = None
) -> int | None:
    """Queue an e-mail to an address without an account (a reporter who gave only an
    e-mail). Returns the outbox row's id, or None when it was queued before."""
    if not to_email:
        return None
    if "url" in context:
        context = {**context, "url": absolute_url(context["url"])}
    mail = _Mail(to_email=to_email, template=template, context=context, dedupe_key=dedupe_key)
    return _queue([mail])[0]


def sms_send(*, to: str, text: str) -> None:
    """Send a text message through SMS_BACKEND (notices/sms.py) once the caller's transaction
    commits: a rolled-back change sends nothing. A backend that fails is logged, never raised
    into the page that asked (the person may ask again)."""
    if not to:
        return
    message = sms.SmsMessage(to=to, text=text)

    def send() -> None:
        try:
            sms.sms_backend().send_messages([message])
        except Exception:
            logger.exception("SMS backend failed")

    transaction.on_commit(send)


def account_mail_send(*, template: str, to: str, context: Mapping[str, Any]) -> bool:
    """Account mail a person is waiting for on the page (a verification link, a password
    reset): written to the outbox and sent from this process at once, not through the
    broker. True when the mail server took it; otherwise the row stays pending and the
    usual retries and the sweep deliver it. Called after the account's own transaction."""
    row = _row(_Mail(to_email=to, template=template, context=context, dedupe_key=None))
    row.save(force_insert=True)
    return delivery.outbound_deliver(outbound_id=row.pk)


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


def notification_preferences_set(*, user: User, email: Mapping[str, bool]) -> None:
    """Record, for each kind given, whether `user` wants it by e-mail; kinds not given stay
    as they were. The kinds in MAIL_ALWAYS stay on whatever is asked."""
    wanted = {
        NotificationKind(kind): on or kind in MAIL_ALWAYS
        for kind, on in email.items()
        if kind in NotificationKind.values
    }
    now = timezone.now()
    with transaction.atomic():
        # The user's row lock: two saves at once replace the rows one after the other.
        User.objects.select_for_update().filter(pk=user.pk).values_list("pk").first()
        NotificationPreference.objects.filter(user=user, kind__in=list(wanted)).delete()
        NotificationPreference.objects.bulk_create(
            NotificationPreference(user=user, kind=kind, email=on, updated_at=now)
            for kind, on in wanted.items()
        )
