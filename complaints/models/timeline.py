"""The append-only timeline of an item and its attachments (SPEC C14; 002:Bab VI)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.choices import (
    EventAction,
    Status,
    choice_constraint,
)
from complaints.models.complaint import (
    Complaint,
)
from standards.models import Agency


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        return self.filter(is_public=True)


class Event(models.Model):
    """One append-only timeline step (SPEC C14): who, when, what, public or internal.

    The timeline the reporter sees and the audit trail an auditor reads are these rows.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=EventAction.choices)
    # The actor: an official (shown by role and agency on public pages), the reporter, or
    # the system (both null).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=20, blank=True)
    actor_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_reporter = models.BooleanField(default=False)
    is_public = models.BooleanField(default=True)
    note = models.TextField(blank=True, max_length=10_000)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    target_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat")
        verbose_name_plural = _("riwayat")
        ordering = ["created_at", "pk"]
        constraints = [
            choice_constraint("event", "action", EventAction),
            choice_constraint("event", "from_status", Status, blank=True),
            choice_constraint("event", "to_status", Status, blank=True),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.code} · {self.get_action_display()}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never uses the uploader's file name (kept only as metadata).
    return f"lampiran/{instance.complaint.code}/{secrets.token_hex(12)}.{instance.extension}"


# The content types complaints.uploads produces, and their stored file extensions.
ATTACHMENT_TYPES: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
}


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    by_reporter = models.BooleanField(default=True)
    is_public = models.BooleanField(default=False)
    # The copy of an information requester's identity card (003:Pasal 40(8) huruf f): kept
    # like the reporter's identity, never public.
    is_identity_card = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["created_at", "pk"]
        constraints = [
            # What complaints.uploads lets through: sniffed images and PDFs, never empty.
            models.CheckConstraint(
                condition=Q(content_type__in=ATTACHMENT_TYPES),
                name="attachment_content_type_valid",
            ),
            models.CheckConstraint(condition=Q(size__gte=1), name="attachment_not_empty"),
            models.CheckConstraint(
                condition=Q(is_identity_card=False) | Q(by_reporter=True, is_public=False),
                name="attachment_identity_card_private",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return ATTACHMENT_TYPES.get(self.content_type, "bin")

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
