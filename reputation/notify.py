"""Every notice the reputation app sends goes through here, to the notices door."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from notices.models import NotificationKind
from notices.services import Notice, notices_send
from standards.models import Agency, Service


def threshold_fallen(*, service: Service, opd: Agency, percent: float, threshold: int) -> int:
    """Tell the Kepala and Penghubung of the OPD that a service fell below their threshold."""
    members = (
        Membership.objects.active()
        .filter(agency=opd, role__in=[Role.KEPALA, Role.PENGHUBUNG])
        .select_related("user")
    )
    title = _("Kepuasan layanan %(service)s di bawah batas") % {"service": service.name}
    body = _(
        "Kepuasan 30 hari terakhir %(percent).1f%%, di bawah batas %(threshold)s%% yang "
        "ditetapkan OPD."
    ) % {"percent": percent, "threshold": threshold}
    notices = [
        Notice(
            recipient=m.user,
            kind=NotificationKind.UPDATE,
            title=title,
            body=body,
            url=reverse("reputation:monitor"),
        )
        for m in members
    ]
    notices_send(notices)
    return len(notices)
