"""Reads of the reports pages, each in a fixed number of queries, and the permission door of
a Rekapitulasi: `get_rekap_for_user` (404 out of sight, 403 visible but not allowed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404

from accounts.permissions import Action, agencies_where, memberships_of, user_can
from reports.models import Evaluation, Rekap, RekapJob, RekapObligation
from standards.models import Agency, Tier

BLOBS = ("pdf", "xlsx")


def rekap_agencies_for(user: Any) -> list[Agency]:
    """The OPDs and Perusahaan Daerah whose rekap the user may see and build."""
    where = agencies_where(user, Action.EXPORT_REKAP)
    if where is None:
        return []
    return list(Agency.objects.active().filter(where, tier=Tier.OPD).order_by("name"))


def get_rekap_for_user(user: Any, pk: int, *, action: str = Action.EXPORT_REKAP) -> Rekap:
    rekap = (
        Rekap.objects.visible_to(user)
        .select_related("agency", "signed_by", "built_by")
        .defer(*BLOBS)
        .filter(pk=pk)
        .first()
    )
    if rekap is None:
        raise Http404
    if action != Action.EXPORT_REKAP and not user_can(user, action, rekap):
        raise PermissionDenied
    return rekap


def get_job_for_user(user: Any, pk: int) -> RekapJob:
    job = RekapJob.objects.filter(pk=pk, requested_by=user).first()
    if job is None:
        raise Http404
    return job


@dataclass(frozen=True)
class AgencyMonth:
    agency: Agency
    rekap: Rekap | None
    obligation: RekapObligation | None
    late_count: int
    can_sign: bool

    @property
    def submitted(self) -> bool:
        return bool(self.obligation and self.obligation.submitted_at)


def month_overview(user: Any, year: int, month: int) -> list[AgencyMonth]:
    """Each agency in reach with its newest version of the month, whether and when it was
    submitted, and how many months it was late: four queries whatever the number of rows."""
    agencies = rekap_agencies_for(user)
    ids = [a.pk for a in agencies]
    newest = {
        r.agency_id: r
        for r in Rekap.objects.filter(agency_id__in=ids, year=year, month=month)
        .latest_per_month()
        .select_related("signed_by")
        .defer(*BLOBS)
    }
    obligations = {
        o.agency_id: o
        for o in RekapObligation.objects.filter(agency_id__in=ids, year=year, month=month)
    }
    # Only late months are counted (the partial index rekap_obligation_late).
    late = dict(
        RekapObligation.objects.filter(agency_id__in=ids, is_late=True)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    return [
        AgencyMonth(
            agency=a,
            rekap=newest.get(a.pk),
            obligation=obligations.get(a.pk),
            late_count=late.get(a.pk, 0),
            can_sign=user_can(user, Action.SIGN_REPORT, a),
        )
        for a in agencies
    ]


def versions_of(rekap: Rekap) -> list[Rekap]:
    return list(
        Rekap.objects.filter(agency=rekap.agency_id, year=rekap.year, month=rekap.month)
        .select_related("signed_by", "built_by")
        .defer(*BLOBS)
        .order_by("-version")
    )


def blob(rekap: Rekap, fmt: str) -> bytes:
    return bytes(Rekap.objects.filter(pk=rekap.pk).values_list(fmt, flat=True).get())


# ---------------------------------------------------------------------------------------------
# Semester evaluations (SPEC C16)


def secretariat_instansi(user: Any) -> list[Agency]:
    """The instansi whose Sekretariat Pengaduan the user is (EXPORT_REKAP at instansi tier)."""
    seen: dict[int, Agency] = {}
    for m in memberships_of(user):
        if m.agency.tier == Tier.INSTANSI and user_can(user, Action.EXPORT_REKAP, m.agency):
            seen[m.agency.pk] = m.agency
    return list(seen.values())


def evaluations_of(instansi: Agency) -> Any:
    """The instansi's evaluations, published or not, without their PDFs: one query."""
    return Evaluation.objects.filter(instansi=instansi).defer("pdf")


def published_evaluations() -> Any:
    """The public list on /laporan/, without the PDFs: one query whatever their number (the
    partial index evaluation_published)."""
    return Evaluation.objects.published().select_related("instansi").defer("pdf")


def get_published_evaluation(pk: int) -> Evaluation:
    """A published evaluation, or 404 (a draft is out of sight)."""
    evaluation = Evaluation.objects.published().select_related("instansi").filter(pk=pk).first()
    if evaluation is None:
        raise Http404
    return evaluation
