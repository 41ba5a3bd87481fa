"""The notification outbox: rows in the caller's transaction, delivery once, retries with
growing pauses, the periodic sweep, the admin and the in-app list (ARCHITECTURE.md Data flow;
SPEC C13, C14)."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from notices import delivery, services, tasks
from notices.models import Notification, NotificationKind, OutboundEmail, OutboundStatus
from notices.tasks import deliver_email, outbox_deliver_due
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: list) -> int:
        raise smtplib.SMTPException("451 try again later")


@pytest.fixture
def smtp_down(settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}


def _queue(to: str = "warga@example.net", key: str | None = None) -> OutboundEmail:
    row_id = services.email_send(
        to_email=to,
        template="complaint_received",
        context={"code": "LP-ABCD-EFGH", "title": "Jalan rusak", "status": "Diterima", "url": "/"},
        dedupe_key=key,
    )
    return OutboundEmail.objects.get(pk=row_id)


def test_rows_exist_only_if_the_callers_transaction_commits(
    django_capture_on_commit_callbacks,
) -> None:
    """Data flow: notices and mail are written in the change's own transaction."""
    user = UserFactory(email="warga@example.net")
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.notice_send(
                services.Notice(
                    recipient=user,
                    kind=NotificationKind.RECEIVED,
                    title="Laporan diterima",
                    body="",
                    url="/pengaduan/",
                    email_template="complaint_received",
                    context={"code": "LP-ABCD-EFGH", "title": "Jalan rusak", "status": "Diterima"},
                )
            )
            raise RuntimeError("the service failed after writing")
    assert Notification.objects.count() == 0
    assert OutboundEmail.objects.count() == 0
    assert callbacks == []

    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            services.notice_send(
                services.Notice(
                    recipient=user,
                    kind=NotificationKind.RECEIVED,
                    title="Laporan diterima",
                    body="",
                    url="/pengaduan/",
                    email_template="complaint_received",
                    context={"code": "LP-ABCD-EFGH", "title": "Jalan rusak", "status": "Diterima"},
                )
            )
    assert Notification.objects.filter(user=user).count() == 1
    row = OutboundEmail.objects.get()
    assert (row.to_email, row.status, row.attempts) == ("warga@example.net", "pending", 0)
    assert "LP-ABCD-EFGH" in row.subject
    assert "http://" in row.body_text and "<a href=" in row.body_html
    assert len(callbacks) == 1  # delivery is asked for on commit, not before


def test_a_user_without_an_address_gets_the_notice_but_no_mail() -> None:
    user = UserFactory(email="")
    services.notice_send(
        services.Notice(
            recipient=user,
            kind=NotificationKind.CLOSED,
            title="Selesai",
            body="",
            url="/",
            email_template="complaint_closed",
            context={"code": "LP-X", "title": "t", "status": "Selesai"},
        )
    )
    assert Notification.objects.filter(user=user).count() == 1
    assert OutboundEmail.objects.count() == 0


def test_the_same_dedupe_key_is_queued_once() -> None:
    first = _queue(key="7:reporter")
    assert (
        services.email_send(
            to_email="warga@example.net",
            template="complaint_received",
            context={"code": "LP-X", "title": "t", "status": "s"},
            dedupe_key="7:reporter",
        )
        is None
    )
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [first.pk]


def test_deliver_email_sends_exactly_once_when_run_twice() -> None:
    row = _queue()
    assert deliver_email(row.pk) is True
    assert deliver_email(row.pk) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["warga@example.net"]
    assert "LP-ABCD-EFGH" in message.subject
    assert message.alternatives[0].mimetype == "text/html"
    row.refresh_from_db()
    assert row.status == OutboundStatus.SENT and row.sent_at is not None


def test_a_row_is_not_sent_before_its_time() -> None:
    row = _queue()
    OutboundEmail.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    assert deliver_email(row.pk) is False
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING


def test_an_smtp_failure_leaves_the_row_pending_with_a_later_retry(smtp_down) -> None:
    row = _queue()
    now = timezone.now()
    assert delivery.outbound_deliver(outbound_id=row.pk, now=now) is False
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING
    assert row.attempts == 1
    assert row.next_attempt_at == now + timedelta(minutes=1)
    assert "SMTPException" in row.last_error and "451" in row.last_error
    # Not due yet: an immediate second run does not try again.
    assert delivery.outbound_deliver(outbound_id=row.pk, now=now) is False
    row.refresh_from_db()
    assert row.attempts == 1


def test_six_failures_give_up_with_growing_pauses(smtp_down) -> None:
    row = _queue()
    now = timezone.now()
    pauses = []
    for _ in range(6):
        delivery.outbound_deliver(outbound_id=row.pk, now=now)
        row.refresh_from_db()
        pauses.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert row.status == OutboundStatus.FAILED
    assert row.attempts == 6
    assert [p.total_seconds() / 60 for p in pauses[:5]] == [1, 5, 15, 60, 240]
    # Failed rows are left alone by later runs.
    assert delivery.outbound_deliver(outbound_id=row.pk, now=now + timedelta(days=1)) is False
    row.refresh_from_db()
    assert row.attempts == 6


def test_the_sweep_sends_due_rows_and_rows_a_dead_worker_left() -> None:
    now = timezone.now()
    _queue("due@example.net")
    later = _queue("later@example.net")
    sent = _queue("sent@example.net")
    failed = _queue("failed@example.net")
    stuck = _queue("stuck@example.net")
    busy = _queue("busy@example.net")
    OutboundEmail.objects.filter(pk=later.pk).update(next_attempt_at=now + timedelta(minutes=5))
    OutboundEmail.objects.filter(pk=sent.pk).update(status=OutboundStatus.SENT, sent_at=now)
    OutboundEmail.objects.filter(pk=failed.pk).update(status=OutboundStatus.FAILED, attempts=6)
    OutboundEmail.objects.filter(pk=stuck.pk).update(
        status=OutboundStatus.SENDING, claimed_at=now - timedelta(minutes=11)
    )
    OutboundEmail.objects.filter(pk=busy.pk).update(
        status=OutboundStatus.SENDING, claimed_at=now - timedelta(minutes=2)
    )

    assert outbox_deliver_due() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["due@example.net", "stuck@example.net"]
    statuses = dict(OutboundEmail.objects.values_list("to_email", "status"))
    assert statuses == {
        "due@example.net": "sent",
        "later@example.net": "pending",
        "sent@example.net": "sent",
        "failed@example.net": "failed",
        "stuck@example.net": "sent",
        "busy@example.net": "sending",
    }
    assert outbox_deliver_due() == 0  # nothing sent twice
    assert len(mail.outbox) == 2


def test_a_dead_broker_is_logged_and_leaves_the_row_pending(caplog) -> None:
    row = _queue()
    with mock.patch.object(
        deliver_email, "apply_async", side_effect=OperationalError("Connection refused")
    ) as publish:
        with caplog.at_level(logging.WARNING, logger="notices.tasks"):
            tasks.enqueue([row.pk])
    publish.assert_called_once_with(args=[row.pk], retry=False)
    assert "left for the sweep" in caplog.text
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING


# ---------------------------------------------------------------------------------------------
# Admin


@pytest.fixture
def operator_client(client: Client) -> Client:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_failures_and_retries_them_now(
    operator_client: Client, django_capture_on_commit_callbacks
) -> None:
    row = _queue("gagal@example.net")
    OutboundEmail.objects.filter(pk=row.pk).update(
        status=OutboundStatus.FAILED,
        attempts=6,
        last_error="SMTPException: 550 mailbox unavailable",
        next_attempt_at=timezone.now() - timedelta(days=1),
    )
    url = reverse("admin:notices_outboundemail_changelist")
    page = operator_client.get(url, {"status__exact": "failed"})
    assert page.status_code == 200
    assert b"550 mailbox unavailable" in page.content
    assert b"gagal@example.net" not in page.content  # recipients are never shown (SPEC C4)
    assert b"delete_selected" not in page.content

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=False):
        response = operator_client.post(
            url, {"action": "retry_now", "_selected_action": [row.pk]}, follow=True
        )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == OutboundStatus.PENDING and row.next_attempt_at >= before
    delete = operator_client.get(reverse("admin:notices_outboundemail_delete", args=[row.pk]))
    assert delete.status_code == 403


# ---------------------------------------------------------------------------------------------
# In-app notifications page


def _notice(user, title: str, url: str = "/pengaduan/") -> Notification:
    return Notification.objects.create(
        user=user, kind=NotificationKind.RESPONSE, title=title, body="", url=url
    )


def test_notification_page_shows_only_the_users_own_notices(
    client: Client, django_assert_max_num_queries
) -> None:
    me, other = UserFactory(), UserFactory()
    for i in range(15):
        _notice(me, f"Pemberitahuan saya {i}")
    _notice(other, "Pemberitahuan orang lain")
    client.force_login(me)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("notices:notifications"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pemberitahuan saya 14" in text and "Pemberitahuan saya 0" in text
    assert "Pemberitahuan orang lain" not in text


def test_notification_page_needs_login(client: Client) -> None:
    page = client.get(reverse("notices:notifications"))
    assert page.status_code == 302 and reverse("accounts:login") in page["Location"]


def test_marking_read_is_a_post_and_touches_only_own_notices(client: Client) -> None:
    me, other = UserFactory(), UserFactory()
    mine = _notice(me, "Milik saya", url="/pengaduan/LP-AAAA-BBBB/")
    theirs = _notice(other, "Milik orang lain")
    client.force_login(me)
    assert client.get(reverse("notices:notification_read")).status_code == 405

    response = client.post(reverse("notices:notification_read"), {"id": theirs.pk})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None

    response = client.post(reverse("notices:notification_read"), {"id": mine.pk})
    assert response["Location"] == "/pengaduan/LP-AAAA-BBBB/"
    mine.refresh_from_db()
    assert mine.read_at is not None

    _notice(me, "Kedua")
    client.post(reverse("notices:notification_read"))
    assert Notification.objects.filter(user=me, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1
