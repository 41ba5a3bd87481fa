"""The database refuses an impossible notice, outbox row or mail preference.

Each case writes one bad value with a plain `update()` or `bulk_create()`, which skip every
Python check, and expects PostgreSQL to refuse it by the constraint's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from notices.models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboundEmail,
    OutboundStatus,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refuses(constraint: str, write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        write()


def test_a_notice_is_of_a_known_kind() -> None:
    """SPEC C9: every in-portal notice is one of the kinds the preferences page lists."""
    notice = Notification.objects.create(
        user=UserFactory(), kind=NotificationKind.RECEIVED, title="Laporan diterima"
    )
    refuses(
        "notification_kind_valid",
        lambda: Notification.objects.filter(pk=notice.pk).update(kind="gosip"),
    )


def test_an_outbox_row_is_in_a_known_state() -> None:
    """SPEC C9: the delivery worker and the admin know every state of a mail."""
    mail = OutboundEmail.objects.create(
        to_email="siti@example.net", subject="Uji", body_text="Isi", status=OutboundStatus.SENT
    )
    refuses(
        "outbound_email_status_valid",
        lambda: OutboundEmail.objects.filter(pk=mail.pk).update(status="bounced"),
    )


def test_a_mail_preference_is_once_per_kind_of_a_known_kind_and_keeps_deadline_mail() -> None:
    """SPEC C9: one preference per user and kind, of a known kind; reminders and breaches
    cannot be switched off by e-mail."""
    user = UserFactory()
    NotificationPreference.objects.create(user=user, kind=NotificationKind.RESPONSE, email=False)
    refuses(
        "notices_pref_one_per_kind",
        lambda: NotificationPreference.objects.bulk_create(
            [NotificationPreference(user=user, kind=NotificationKind.RESPONSE)]
        ),
    )
    refuses(
        "notices_pref_known_kind",
        lambda: NotificationPreference.objects.bulk_create(
            [NotificationPreference(user=user, kind="gosip")]
        ),
    )
    refuses(
        "notices_pref_deadline_mail_stays_on",
        lambda: NotificationPreference.objects.bulk_create(
            [NotificationPreference(user=user, kind=NotificationKind.BREACH, email=False)]
        ),
    )


def test_every_constraint_of_the_notices_app_has_a_case_here() -> None:
    declared = {
        c.name
        for model in apps.get_app_config("notices").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    assert declared == {
        "notification_kind_valid",
        "outbound_email_status_valid",
        "notices_pref_one_per_kind",
        "notices_pref_known_kind",
        "notices_pref_deadline_mail_stays_on",
    }
