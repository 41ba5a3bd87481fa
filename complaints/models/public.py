"""What the public does around a public item: "saya juga mengalami" and following it by
e-mail (the habits of LAPOR! and FixMyStreet users; SPEC C3, C13)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.complaint import Complaint


class MeToo(models.Model):
    """One person saying they have the same problem ("saya juga mengalami").

    Counted once per person: a signed-in user once per item (unique constraint); a visitor
    once per browser session (a random visitor id kept in the session, unique per item), and
    the number a visitor's address may add per hour is limited in the view
    (COMPLAINT_METOO_IP_LIMIT). A bot clearing cookies can add a few per hour, never a flood.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="me_toos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visitor = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saya juga mengalami")
        verbose_name_plural = _("saya juga mengalami")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "user"],
                condition=Q(user__isnull=False),
                name="metoo_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["complaint", "visitor"],
                condition=~Q(visitor=""),
                name="metoo_once_per_visitor",
            ),
            # Exactly one of the two says who it was.
            models.CheckConstraint(
                condition=Q(user__isnull=False, visitor="") | Q(user__isnull=True) & ~Q(visitor=""),
                name="metoo_user_or_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.user_id or 'visitor'}"


def follow_token_hash(token: str) -> str:
    """Follow links carry a random token; only its digest is stored (like the tracking secret,
    a copy of the table does not let anyone confirm or cancel someone else's follow)."""
    return hashlib.sha256(token.encode()).hexdigest()


class FollowQuerySet(models.QuerySet["Follow"]):
    def active(self) -> FollowQuerySet:
        """Confirmed and not cancelled: the addresses that get updates."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Follow(models.Model):
    """An e-mail address following a public item (double opt-in: nothing is sent to it but
    the confirmation until its owner opens the link; every update carries the unsubscribe
    link). Followers learn the status and the public steps only, never a note (SPEC C3, C4)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="follows")
    email = models.EmailField(_("email"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengikut")
        verbose_name_plural = _("pengikut")
        constraints = [
            models.UniqueConstraint("complaint", Lower("email"), name="follow_once_per_address"),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True)
                | Q(confirmed_at__gte=models.F("created_at")),
                name="follow_confirmed_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.email}"

    def unsubscribe_token(self) -> str:
        """The signed value in every follower mail's unsubscribe link (no expiry: the link in
        an old mail still works; it only ever stops mail)."""
        return signing.dumps(self.pk, salt=UNSUBSCRIBE_SALT)


UNSUBSCRIBE_SALT = "complaints.follow.unsubscribe"
