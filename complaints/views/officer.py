"""The officials' desk: inbox, item page, actions, manual intake.

Every page goes through the permission getters of complaints.selectors (SPEC A2); every
change through complaints.services. The reporter of an anonim item is never shown here
(SPEC C3, C4): the inbox shows no reporter at all, the item page asks
`Complaint.reporter_identity_for`, which hides it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import official_required
from complaints import services
from complaints.forms_intake import OfficerIntakeForm
from complaints.forms_officer import ACT_FORMS, ActForm
from complaints.models import Attachment, Complaint, Copy
from complaints.permissions import See, complaint_can, handling_seats, may_intake
from complaints.selectors import (
    Audience,
    get_complaint_for_official,
    inbox_page,
    timeline,
)
from complaints.selectors import time_left as _time_left
from complaints.views import code_in_path
from complaints.workflow import SENDER_ACTS, Act, TransitionRefused, allowed_acts
from standards.sections import dashboard_page

# The order in which the action forms appear on the item page: the usual next step first.
ACT_ORDER = [
    Act.VERIFY,
    Act.ACCEPT,
    Act.ROUTE,
    Act.APPROVE_ANSWER,
    Act.RETURN_DRAFT,
    Act.FIRST_RESPONSE,
    Act.DRAFT_ANSWER,
    Act.RESPOND,
    Act.EXTEND,
    Act.REFUSE,
    Act.ASSIGN_UNIT,
    Act.REQUEST_DATA,
    Act.OBSTACLE,
    Act.COPY,
    Act.NOTE,
    Act.RETURN,
    Act.RECALL,
    Act.CONCLUDE,
    Act.DECLINE,
]


# ---------------------------------------------------------------------------------------------
# Inbox


@official_required
@require_http_methods(["GET", "HEAD"])
def inbox(request: HttpRequest) -> HttpResponse:
    """/dasbor/: what waits at the user's desk (or everything they may see), overdue first."""
    data = inbox_page(request.user, request.GET, now=timezone.now())
    query = request.GET.copy()
    for key in ("halaman", "setelah", "sebelum"):
        query.pop(key, None)
    without_sort = query.copy()
    without_sort.pop("urut", None)
    without_sort.setdefault("tab", data.tab)
    return render(
        request,
        "complaints/officer/inbox.html",
        {
            "tab": data.tab,
            "counts": data.counts,
            "filter": data.filterset,
            "page": data.page,
            "rows": data.rows,
            "total": data.total,
            "total_capped": data.total_capped,
            "cap": data.cap,
            "query": query.urlencode(),
            "query_without_sort": without_sort.urlencode(),
            "can_intake": may_intake(request.user),
            "panels": dashboard_page.render(request, request.user),
        },
    )


# ---------------------------------------------------------------------------------------------
# Item page and actions


def _detail_context(request: HttpRequest, complaint: Complaint, bound: ActForm | None) -> dict:
    acts = allowed_acts(request.user, complaint)
    forms: list[ActForm] = []
    now = timezone.now()
    past_deadline = bool(complaint.resolution_due_at and now > complaint.resolution_due_at)
    for act in ACT_ORDER:
        if act not in acts or (act == Act.EXTEND and past_deadline):
            continue  # an extension after the deadline is refused (SPEC C11)
        if bound is not None and bound.act == act:
            forms.append(bound)
        else:
            forms.append(ACT_FORMS[act](complaint=complaint, actor=acts[act]))
    # Need to know (SPEC C4): only officials who handle the item now see the reporter of a
    # public or rahasia item and what the reporter wrote or attached; followers (kepala,
    # pimpinan, operator, copies, earlier tiers) do not (complaints.permissions).
    holds = complaint_can(request.user, See.REPORTER, complaint)
    return {
        "complaint": complaint,
        "handlers": handling_seats(complaint),
        "identity": complaint.reporter_identity_for(request.user) if holds else None,
        "identity_withheld": not holds and not complaint.is_anonymous,
        "events": timeline(complaint, audience=Audience.OFFICIAL if holds else Audience.FOLLOWER),
        "copies": list(
            Copy.objects.filter(complaint=complaint).select_related("agency", "created_by")
        ),
        "attachments": list(
            Attachment.objects.filter(
                complaint=complaint, **({} if holds else {"by_reporter": False})
            ).order_by("pk")
        ),
        "route": [
            (label, agency)
            for label, agency in (
                (_("Nasional"), complaint.nasional),
                (_("Instansi"), complaint.instansi),
                (_("OPD"), complaint.opd),
                (_("Unit"), complaint.unit),
            )
            if agency is not None
        ],
        "time_left": _time_left(complaint, now, {}),
        "act_forms": forms,
    }


@official_required
@require_http_methods(["GET", "HEAD"])
@code_in_path
def officer_detail(request: HttpRequest, code: str) -> HttpResponse:
    """/dasbor/pengaduan/<code>/: everything about the item, and one form per allowed act."""
    complaint = get_complaint_for_official(request.user, code)
    return render(
        request, "complaints/officer/detail.html", _detail_context(request, complaint, None)
    )


def _verification(service: Callable[..., Complaint]) -> Callable[[Complaint, dict, Any], Complaint]:
    """Verify and accept take the same verification fields (SPEC C5)."""

    def run(c: Complaint, d: dict, user: Any) -> Complaint:
        fields = ("category", "nature", "subject", "object", "sla_class", "privacy", "note")
        return service(
            user,
            complaint_id=c.pk,
            version=d["version"],
            verification=services.Verification(
                **{f: d[f] for f in fields}, note_public=d["share_note"]
            ),
        )

    return run


def _do_route(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_route(
        complaint_id=c.pk,
        version=d["version"],
        user=user,
        to_agency=d["to_agency"],
        to_apip=bool(d.get("to_apip")),
        note=services.Note(d["note"], public=d["share_note"]),
    )


def _do_assign_unit(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_assign_unit(
        user,
        complaint_id=c.pk,
        version=d["version"],
        unit=d["unit"],
        note=services.Note(d["note"], public=d["share_note"]),
    )


def _do_copy(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_copy(
        user,
        complaint_id=c.pk,
        version=d["version"],
        agency=d["agency"],
        note=services.Note(d["note"], public=d["share_note"]),
    )


def _do_respond(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_respond(
        user,
        complaint_id=c.pk,
        version=d["version"],
        answer=services.Answer(
            text=d["response"],
            files=d["files"],
            delivery=services.Delivery(
                material=d["delivered_material"],
                format=d["delivered_format"],
                cost_amount=d.get("cost_amount") or 0,
                cost_basis=d.get("cost_basis") or "",
            )
            if "delivered_material" in d
            else None,
        ),
    )


def _do_refuse(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_refuse_information(
        user,
        complaint_id=c.pk,
        version=d["version"],
        refusal=services.Refusal(
            ground=d["ground"], basis=d["basis"], letter=d["letter"], files=d["files"]
        ),
    )


def _do_decline(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_decline(
        user,
        complaint_id=c.pk,
        version=d["version"],
        reason=d["reason"],
        note=services.Note(d["note"], public=d["share_note"]),
    )


def _do_draft_answer(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_draft_answer(
        user,
        complaint_id=c.pk,
        version=d["version"],
        answer=services.Answer(text=d["response"], files=d["files"]),
    )


def _do_conclude(c: Complaint, d: dict, user: Any) -> Complaint:
    return services.complaint_conclude(
        user,
        complaint_id=c.pk,
        version=d["version"],
        reason=d["reason"],
        explanation=d["explanation"],
    )


def _note_only(service: Callable[..., Complaint]) -> Callable[[Complaint, dict, Any], Complaint]:
    def run(c: Complaint, d: dict, user: Any) -> Complaint:
        shared = {"note_public": d["share_note"]} if "share_note" in d else {}
        return service(user, complaint_id=c.pk, version=d["version"], note=d["note"], **shared)

    return run


PERFORM: dict[Act, Callable[[Complaint, dict, Any], Complaint]] = {
    Act.VERIFY: _verification(services.complaint_verify),
    Act.ACCEPT: _verification(services.complaint_accept),
    Act.ROUTE: _do_route,
    Act.ASSIGN_UNIT: _do_assign_unit,
    Act.COPY: _do_copy,
    Act.RESPOND: _do_respond,
    Act.DECLINE: _do_decline,
    Act.REFUSE: _do_refuse,
    Act.RETURN: _note_only(services.complaint_return),
    Act.REQUEST_DATA: _note_only(services.complaint_request_data),
    Act.OBSTACLE: _note_only(services.complaint_report_obstacle),
    Act.NOTE: _note_only(services.complaint_add_note),
    Act.EXTEND: lambda c, d, user: services.complaint_extend(
        complaint_id=c.pk, version=d["version"], user=user, reason=d["note"]
    ),
    Act.RECALL: _note_only(services.complaint_recall),
    Act.CONCLUDE: _do_conclude,
    Act.FIRST_RESPONSE: _note_only(services.complaint_first_response),
    Act.DRAFT_ANSWER: _do_draft_answer,
    Act.APPROVE_ANSWER: lambda c, d, user: services.complaint_approve_answer(
        user, complaint_id=c.pk, version=d["version"]
    ),
    Act.RETURN_DRAFT: _note_only(services.complaint_return_draft),
}

DONE_MESSAGES: dict[Act, Any] = {
    Act.VERIFY: gettext_lazy("Verifikasi disimpan."),
    Act.ACCEPT: gettext_lazy("Pengaduan diterima untuk ditindaklanjuti."),
    Act.ROUTE: gettext_lazy("Pengaduan didisposisikan."),
    Act.ASSIGN_UNIT: gettext_lazy("Pengaduan diteruskan ke unit."),
    Act.COPY: gettext_lazy("Tembusan dikirim."),
    Act.RESPOND: gettext_lazy("Tanggapan akhir dikirim kepada pelapor."),
    Act.DECLINE: gettext_lazy("Pengaduan ditolak dengan alasan yang tercatat."),
    Act.RETURN: gettext_lazy("Pengaduan dikembalikan ke tingkat atas."),
    Act.REQUEST_DATA: gettext_lazy("Permintaan kelengkapan data dikirim kepada pelapor."),
    Act.OBSTACLE: gettext_lazy("Kendala disampaikan kepada pelapor."),
    Act.NOTE: gettext_lazy("Catatan internal disimpan."),
    Act.EXTEND: gettext_lazy("Jangka waktu diperpanjang 7 hari kerja."),
    Act.RECALL: gettext_lazy("Disposisi ditarik kembali ke meja Anda."),
    Act.CONCLUDE: gettext_lazy("Laporan ditutup; pelapor menerima penjelasan Anda."),
    Act.FIRST_RESPONSE: gettext_lazy("Respon awal dikirim kepada pelapor."),
    Act.DRAFT_ANSWER: gettext_lazy("Draf tanggapan dikirim kepada Pejabat Penghubung."),
    Act.APPROVE_ANSWER: gettext_lazy("Draf disetujui; tanggapan akhir dikirim kepada pelapor."),
    Act.RETURN_DRAFT: gettext_lazy("Draf dikembalikan ke unit."),
    Act.REFUSE: gettext_lazy("Permintaan informasi ditolak; surat pemberitahuan dikirim."),
}


def _posted_version(request: HttpRequest, act: Act) -> int | None:
    raw = request.POST.get(f"{act.value}-version", "")
    return int(raw) if raw.isdigit() else None


@official_required
@require_POST
@code_in_path
def officer_act(request: HttpRequest, code: str, act: str) -> HttpResponse:
    """POST /dasbor/pengaduan/<code>/<act>/: one action through its service."""
    try:
        chosen = Act(act)
    except ValueError:
        raise Http404 from None
    if chosen not in PERFORM:
        raise Http404
    # A sender's recall acts on an item it no longer holds (it still sees it on its route).
    complaint = get_complaint_for_official(request.user, code, write=chosen not in SENDER_ACTS)
    back = redirect("complaints:officer_detail", code=complaint.code)

    posted = _posted_version(request, chosen)
    if posted is not None and posted != complaint.version:
        messages.warning(request, services.StaleComplaint().message)
        return back
    acts = allowed_acts(request.user, complaint)
    if chosen not in acts:
        messages.error(request, TransitionRefused().message)
        return back

    form = ACT_FORMS[chosen](request.POST, request.FILES, complaint=complaint, actor=acts[chosen])
    if not form.is_valid():
        messages.error(request, _("Periksa kembali isian formulir."))
        return render(
            request,
            "complaints/officer/detail.html",
            _detail_context(request, complaint, form),
            status=400,
        )
    try:
        PERFORM[chosen](complaint, form.cleaned_data, request.user)
    except services.StaleComplaint as exc:
        messages.warning(request, exc.message)
        return back
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        return back
    except services.NotPermitted as exc:
        messages.error(request, str(exc))
        return back
    messages.success(request, DONE_MESSAGES[chosen])
    if complaint_can(request.user, See.AS_OFFICIAL, complaint):
        return back
    return redirect("complaints:inbox")


# ---------------------------------------------------------------------------------------------
# Manual intake (SPEC C1)


@login_required
@require_http_methods(["GET", "POST"])
def officer_intake(request: HttpRequest) -> HttpResponse:
    """/dasbor/pengaduan/baru/: enter an item that came by SMS, letter, phone, walk-in …"""
    if not may_intake(request.user):
        raise PermissionDenied(
            _(
                "Hanya Admin Nasional, Admin Instansi dan Pejabat Penghubung yang dapat "
                "mencatat pengaduan."
            )
        )
    form = OfficerIntakeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            receipt = services.complaint_submit(
                request.user,
                content=services.ComplaintContent(
                    kind=d["kind"],
                    title=d["title"],
                    description=d["description"],
                    privacy=d["privacy"],
                    location=d["location"],
                    agency=d["agency"],
                    event_date=d["event_date"],
                    files=d["files"],
                    category=d.get("category"),
                ),
                reporter=services.Reporter(
                    name=d["reporter_name"], email=d["reporter_email"], phone=d["reporter_phone"]
                ),
                intake_token=d["intake_token"],
                channel=d["channel"],
            )
        except services.NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        return render(
            request,
            "complaints/officer/intake_done.html",
            {"complaint": receipt.complaint, "secret": receipt.secret},
        )
    return render(request, "complaints/officer/intake.html", {"form": form})
