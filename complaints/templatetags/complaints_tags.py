"""Display helpers for complaint pages: `{% load complaints_tags %}`.

- `{{ days|days_left }}` -> "3 hari kerja lagi", "batas waktunya hari ini",
  "terlambat 2 hari kerja" (the working days are counted by the view or selector, in the
  pemda's calendar, SPEC C10; tags only format)
- `{{ status|status_class }}` -> the Bootstrap badge classes of a status (always shown with
  its word, never colour alone: UX.md)
- `{{ event|actor_label:officer_view }}` -> who took a timeline step: role and agency on
  public and reporter pages, with the person's name on officer pages only (UX.md, SPEC C4)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.utils.translation import gettext, ngettext

from accounts.models import Role
from complaints.models import Status

if TYPE_CHECKING:
    from complaints.models import Event

register = template.Library()

_STATUS_CLASSES: dict[str, str] = {
    Status.DITERIMA: "text-bg-secondary",
    Status.DIVERIFIKASI: "text-bg-info",
    Status.DIDISPOSISIKAN: "text-bg-primary",
    Status.DITINDAKLANJUTI: "text-bg-primary",
    Status.MENUNGGU_DATA: "text-bg-warning",
    Status.SELESAI: "text-bg-success",
    Status.DIARSIPKAN: "text-bg-dark",
    Status.DITOLAK: "text-bg-danger",
}


@register.filter(name="days_left")
def days_left_phrase(days: int | None) -> str:
    """The plain phrase of a number of working days left (negative: late)."""
    if days is None:
        return ""
    if days > 0:
        return ngettext("%(n)d hari kerja lagi", "%(n)d hari kerja lagi", days) % {"n": days}
    if days == 0:
        return gettext("batas waktunya hari ini")
    late = -days
    return ngettext("terlambat %(n)d hari kerja", "terlambat %(n)d hari kerja", late) % {"n": late}


@register.filter
def deadline_label(kind: str) -> str:
    labels = {
        "data": gettext("Batas Anda melengkapi data"),
        "verification": gettext("Batas verifikasi"),
        "resolution": gettext("Batas penyelesaian"),
        "closure": gettext("Batas menilai tanggapan"),
    }
    return labels.get(kind, "")


@register.filter
def status_class(status: str) -> str:
    return _STATUS_CLASSES.get(status, "text-bg-secondary")


@register.filter
def status_label(status: str) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return ""


@register.filter
def role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return ""


@register.filter
def actor_label(event: Event, officer_view: Any = False) -> str:
    """Who took this step. Personal names only when `officer_view` is true."""
    if event.by_reporter:
        return gettext("Pelapor")
    if not event.actor_role and event.actor_id is None:
        return gettext("Sistem")
    parts = []
    if officer_view and event.actor_id is not None:
        parts.append(event.actor.get_full_name() or event.actor.get_username())
    role = role_label(event.actor_role)
    if role:
        parts.append(role)
    if event.actor_agency_id is not None:
        parts.append(event.actor_agency.display_name)
    return " · ".join(parts) or gettext("Petugas")
