"""Reads for notices: a user's notices and mail preferences."""

from __future__ import annotations

from accounts.models import User
from notices.models import MAIL_ALWAYS, Notification, NotificationKind, NotificationPreference

NOTIFICATIONS_SHOWN = 100


def notifications_for(user: User, *, limit: int = NOTIFICATIONS_SHOWN) -> list[Notification]:
    """The user's newest notices (one query whatever the count)."""
    return list(Notification.objects.filter(user=user)[:limit])


def mail_kinds_for(user: User) -> set[str]:
    """The kinds of notice `user` gets by e-mail: every kind not switched off, and always
    the deadline kinds (one query)."""
    off = set(
        NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True)
    )
    return (set(NotificationKind.values) - off) | set(MAIL_ALWAYS)
