"""Records kept beside an item while it is handled: tembusan to other agencies and the SLA
sweep's deadline alerts (SPEC C9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.choices import (
    AlertKind,
    DeadlineKind,
    choice_constraint,
)
from complaints.models.complaint import Complaint
from standards.models import Agency


class Copy(models.Model):
    """A tembusan: another agency informed of an item that needs it (B.1.a.9)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="copies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaint_copies")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tembusan")
        verbose_name_plural = _("tembusan")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "agency"], name="copy_unique_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} → {self.agency}"


class DeadlineAlert(models.Model):
    """A reminder or a breach of one deadline of one item, written by the SLA sweep (SPEC C9).

    `due_at` is the deadline the alert refers to: a recomputed deadline (data supplied,
    re-examination, a new tier) is another deadline and gets its own alerts. The unique
    constraint makes each alert exist once whatever number of sweeps run at the same time.
    """

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="deadline_alerts"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=AlertKind.choices)
    deadline_kind = models.CharField(_("batas waktu"), max_length=20, choices=DeadlineKind.choices)
    due_at = models.DateTimeField(_("batas waktu"))
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("peringatan batas waktu")
        verbose_name_plural = _("peringatan batas waktu")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "deadline_kind", "due_at"],
                name="deadline_alert_once_per_deadline",
            ),
            choice_constraint("deadline_alert", "kind", AlertKind),
            choice_constraint("deadline_alert", "deadline_kind", DeadlineKind),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.kind} · {self.deadline_kind}"
