"""Reads of the public side of an item beyond its text: the progress stepper, the deadline,
the "saya juga mengalami" count and the public map (SPEC C3, C13, C14).

Coordinates leave the server only rounded to settings.MAP_PUBLIC_DECIMALS (3 decimals, about
100 m), and only of public items: rahasia and anonim items are never listed, so never mapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from complaints.calendar import working_days_left
from complaints.models import Complaint, MeToo, Status

# diterima → diverifikasi → ditindaklanjuti → selesai: the four steps a citizen recognises.
STEPS: tuple[tuple[str, Any], ...] = (
    ("diterima", _("Diterima")),
    ("diverifikasi", _("Diverifikasi")),
    ("ditindaklanjuti", _("Ditindaklanjuti")),
    ("selesai", _("Selesai")),
)
STEP_OF_STATUS: dict[str, int] = {
    Status.DITERIMA: 0,
    Status.DIVERIFIKASI: 1,
    Status.DIDISPOSISIKAN: 1,
    Status.DITINDAKLANJUTI: 2,
    Status.MENUNGGU_DATA: 2,
    Status.SELESAI: 3,
    Status.DIARSIPKAN: 3,
    Status.DITOLAK: 3,
}
MAP_LIMIT = 500


@dataclass(frozen=True)
class Step:
    label: Any
    done: bool
    current: bool


def progress_steps(complaint: Complaint) -> list[Step]:
    """The stepper: steps before the item's are done, its own is current (aria-current). An
    item archived or declined ends on a last step named for how it ended."""
    at = STEP_OF_STATUS.get(complaint.status, 0)
    steps = []
    for n, (key, label) in enumerate(STEPS):
        if key == "selesai" and complaint.status in (Status.DIARSIPKAN, Status.DITOLAK):
            label = complaint.get_status_display()
        final = complaint.is_final and n == at
        steps.append(Step(label=label, done=n < at or final, current=n == at))
    return steps


def public_deadline(complaint: Complaint, now: datetime) -> dict[str, Any] | None:
    """The deadline the item runs on now, and the working days left (negative: late)."""
    if complaint.is_final:
        return None
    found = complaint.current_deadline()
    if found is None:
        return None
    kind, due = found
    days = working_days_left(now, due, agency=complaint.holder_agency)
    return {"kind": kind, "due": due, "days": days}


def coarse(value: Decimal | None) -> Decimal | None:
    """A coordinate as public pages may show it (SPEC C3)."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-settings.MAP_PUBLIC_DECIMALS)
    return Decimal(value).quantize(step, rounding=ROUND_HALF_EVEN)


def me_too_counts(complaint: Complaint) -> int:
    return MeToo.objects.filter(complaint=complaint).count()


def map_items(*, limit: int = MAP_LIMIT) -> list[dict[str, Any]]:
    """Public items with a position, newest first, with coarse coordinates and their
    me-too counts: one query."""
    rows = (
        Complaint.objects.public()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(me_too=Count("me_toos"))
        .order_by("-received_at", "-pk")
        .only("code", "title", "status", "kind", "location", "latitude", "longitude", "received_at")
    )[:limit]
    return [
        {
            "code": c.code,
            "title": c.title,
            "status": c.status,
            "status_label": c.get_status_display(),
            "location": c.location,
            "received_at": c.received_at,
            "lat": coarse(c.latitude),
            "lng": coarse(c.longitude),
            "me_too": c.me_too,
            "url": c.get_absolute_url(),
        }
        for c in rows
    ]


def map_tiles() -> dict[str, Any] | None:
    """The tile server for Leaflet, or None (no map: no request to another host)."""
    if not settings.MAP_TILE_URL:
        return None
    lat, lng, zoom = (list(settings.MAP_CENTER) + [0, 0, 11])[:3]
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "center": [lat, lng],
        "zoom": int(zoom),
    }
