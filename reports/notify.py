"""Every notice the reports app sends, through the notices door (notices.services). Callers
are services inside their transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from notices.models import NotificationKind
from notices.services import Notice, notices_send
from reports.models import Evaluation, RekapObligation
from standards.models import AgencyKind


def rekap_reminders(obligations: Sequence[RekapObligation]) -> int:
    """Remind the Kepala of each agency whose rekap is not yet submitted (the 8th)."""
    if not obligations:
        return 0
    by_agency = {o.agency_id: o for o in obligations}
    heads = (
        Membership.objects.active()
        .filter(agency_id__in=by_agency, role=Role.KEPALA)
        .select_related("user")
    )
    url = reverse("reports:rekap_index")
    with translation.override(settings.LANGUAGE_CODE):
        notices = [
            Notice(
                recipient=m.user,
                kind=NotificationKind.REMINDER,
                title=_("Rekapitulasi %(period)s belum disampaikan")
                % {"period": by_agency[m.agency_id].period_label},
                body=_(
                    "Rekapitulasi hasil penanganan pengaduan bulan %(period)s wajib "
                    "ditandatangani dan disampaikan paling lambat tanggal 10."
                )
                % {"period": by_agency[m.agency_id].period_label},
                url=url,
            )
            for m in heads
        ]
    notices_send(notices)
    return len(notices)


def evaluation_copies(evaluation: Evaluation) -> int:
    """A copy of the published evaluation to the Bupati/Walikota (Pimpinan) and to the
    Inspektur (Kepala of the Inspektorat) of the instansi (001:Pasal 10(2)d)."""
    inst = evaluation.instansi
    recipients = (
        Membership.objects.active()
        .filter(
            Q(agency=inst, role=Role.PIMPINAN)
            | Q(
                agency__path__startswith=inst.path,
                agency__kind=AgencyKind.INSPEKTORAT,
                role=Role.KEPALA,
            )
        )
        .select_related("user")
    )
    users: dict[int, User] = {m.user_id: m.user for m in recipients}
    with translation.override(settings.LANGUAGE_CODE):
        notices = [
            Notice(
                recipient=user,
                kind=NotificationKind.UPDATE,
                title=_("Evaluasi pengelolaan pengaduan %(period)s")
                % {"period": evaluation.period_label},
                body=_(
                    "Sekretariat Pengaduan telah mempublikasikan evaluasi %(period)s. "
                    "Salinan untuk Bupati/Walikota dengan tembusan kepada Inspektur."
                )
                % {"period": evaluation.period_label},
                url=evaluation.get_absolute_url(),
            )
            for user in users.values()
        ]
    notices_send(notices)
    return len(notices)
