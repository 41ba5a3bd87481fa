"""Citizen and public pages of complaints (SPEC section 2; UX.md, Ibu Sari).

Filing needs no account: a tracking code and a secret lead back to the item (SPEC A1). The
reporter (by account, or by a browser session that proved code + secret) sees the full item;
everyone else sees public items only, without the reporter's identity (SPEC C3, C4).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.throttle import client_ip, failure_count, failures_reached
from complaints import public_item, reporter_access, selectors, services
from complaints.calendar import working_days_left
from complaints.forms import (
    KIND_HELP,
    PRIVACY_HELP,
    AccessLinkForm,
    ComplaintForm,
    FollowForm,
    RateForm,
    ReexamineForm,
    SupplyDataForm,
    TrackForm,
)
from complaints.models import (
    Attachment,
    Complaint,
    EventAction,
    MeToo,
)
from complaints.permissions import (
    See,
    allowed_reporter_acts,
    attachment_can_download,
    complaint_can,
    public_photos,
)
from complaints.views import code_in_path
from complaints.workflow import Act, TransitionRefused
from standards.models import Agency, Service

# The secret of a just-filed item waits here until its receipt has been shown once.
RECEIPT_SESSION_KEY = "complaint_receipt_secrets"
# The items this browser session said "saya juga mengalami" to (views.engagement).
ME_TOO_SESSION_KEY = "complaint_me_too"


# ---------------------------------------------------------------------------------------------
# Intake and receipt


@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            return _submit(request, form, user)
    else:
        code = request.GET.get("layanan", "").strip()
        # An unknown service code only means nothing is preselected; one with NUL is unknown
        # too, but PostgreSQL would fail on it instead of finding nothing.
        service = (
            Service.objects.active().select_related("agency").filter(code=code).first()
            if code and "\x00" not in code
            else None
        )
        initial = {
            **ComplaintForm.initial_for_kind(request.GET.get("jenis", "")),
            **ComplaintForm.initial_for_agency(_agency_from_query(request.GET.get("opd", ""))),
            **ComplaintForm.initial_for_service(service),
        }
        form = ComplaintForm(initial=initial, user=user)
    return render(
        request,
        "complaints/public/create.html",
        {
            "form": form,
            "kind_help": KIND_HELP,
            "privacy_help": PRIVACY_HELP,
            "logged_in": user is not None,
            "map_tiles": public_item.map_tiles(),
        },
        status=400 if form.is_bound else 200,
    )


def _agency_from_query(slug: str) -> Agency | None:
    """The active agency a link names (?opd=<slug>), or None: an unknown or malformed slug
    only means nothing is preselected."""
    slug = slug.strip()
    if not slug or len(slug) > 120 or "\x00" in slug:
        return None
    return Agency.objects.active().filter(slug=slug).first()


def _submit(request: HttpRequest, form: ComplaintForm, user: Any) -> HttpResponse:
    data = form.cleaned_data
    receipt = services.complaint_submit(
        user,
        content=services.ComplaintContent(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            privacy=data["privacy"],
            location=data.get("location") or "",
            agency=data.get("agency"),
            service=data.get("service"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            event_date=data.get("event_date"),
            files=data.get("attachments") or [],
            photos_public=bool(data.get("photos_public")),
            category=data.get("category"),
            information=form.information(),
        ),
        reporter=services.Reporter(
            name=data.get("reporter_name") or "",
            email=data.get("reporter_email") or "",
            phone=data.get("reporter_phone") or "",
        ),
        intake_token=data["intake_token"],
    )
    complaint = receipt.complaint
    if not receipt.created:
        # The same form came back (a double click, a reload): never a second item.
        messages.info(request, _("Laporan ini sudah terkirim sebelumnya; tidak dikirim dua kali."))
        if selectors.is_reporter_request(request, complaint):
            return redirect("complaints:receipt", code=complaint.code)
        return redirect("complaints:track")
    secrets_waiting = dict(request.session.get(RECEIPT_SESSION_KEY, {}))
    secrets_waiting[complaint.code] = receipt.secret
    request.session[RECEIPT_SESSION_KEY] = secrets_waiting
    selectors.remember_tracking(request, complaint)
    return redirect("complaints:receipt", code=complaint.code)


@code_in_path
def complaint_receipt(request: HttpRequest, code: str) -> HttpResponse:
    """Shows the secret once: it leaves the session as soon as this page has it."""
    complaint = selectors.get_complaint_for_reporter(request, code)
    waiting = dict(request.session.get(RECEIPT_SESSION_KEY, {}))
    secret = waiting.pop(complaint.code, "")
    if secret:
        request.session[RECEIPT_SESSION_KEY] = waiting
    response = render(
        request,
        "complaints/public/receipt.html",
        {"complaint": complaint, "secret": secret},
    )
    # The secret must not be kept by the browser's or a proxy's cache either.
    response["Cache-Control"] = "no-store, private"
    return response


# ---------------------------------------------------------------------------------------------
# Tracking by code + secret


def _track_key(request: HttpRequest) -> str:
    return f"complaint-track-fail:ip:{client_ip(request)}"


def _track_locked(request: HttpRequest) -> bool:
    return failures_reached([_track_key(request)], settings.COMPLAINT_TRACK_FAILURE_LIMIT)


def _track_failure(request: HttpRequest) -> None:
    failure_count(
        _track_key(request),
        period=settings.COMPLAINT_TRACK_LOCKOUT_SECONDS,
        limit=settings.COMPLAINT_TRACK_FAILURE_LIMIT,
    )


@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = TrackForm(request.POST)
        if _track_locked(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Terlalu banyak percobaan yang salah dari perangkat ini. "
                    "Coba lagi dalam 15 menit."
                ),
            )
            status = 429
        elif form.is_valid():
            complaint = services.complaint_check_secret(
                code=form.cleaned_data["code"], secret=form.cleaned_data["secret"]
            )
            if complaint is not None:
                selectors.remember_tracking(request, complaint)
                return redirect("complaints:detail", code=complaint.code)
            _track_failure(request)
            # One message whatever was wrong: never say whether the code exists.
            form.add_error(None, _("Kode lacak atau kode rahasia tidak cocok."))
            status = 400
        else:
            status = 400
    else:
        form = TrackForm(initial={"code": request.GET.get("kode", "")[:20]})
    return render(request, "complaints/public/track.html", {"form": form}, status=status)


# ---------------------------------------------------------------------------------------------
# A lost secret: a fresh link by e-mail or SMS; the signed link itself (SPEC A1, C13)

LINK_REQUEST_PERIOD = 60 * 60


def _link_requests_allowed(request: HttpRequest, code: str) -> bool:
    """Every request counts, sent or not, per client address and per tracking code (whether
    or not it exists): nobody floods a reporter's inbox or probes codes through this page."""
    limit = settings.COMPLAINT_LINK_REQUEST_LIMIT
    keys = [f"complaint-link:ip:{client_ip(request)}", f"complaint-link:code:{code}"]
    if failures_reached(keys, limit):
        return False
    for key in keys:
        failure_count(key, period=LINK_REQUEST_PERIOD, limit=limit)
    return True


@require_http_methods(["GET", "POST"])
def complaint_access_request(request: HttpRequest) -> HttpResponse:
    """The same answer whether or not the code exists and the address matches it."""
    status = 200
    if request.method == "POST":
        form = AccessLinkForm(request.POST)
        if not form.is_valid():
            status = 400
        elif not _link_requests_allowed(request, form.cleaned_data["code"]):
            form.add_error(
                None, _("Terlalu banyak permintaan dari perangkat ini. Coba lagi dalam 1 jam.")
            )
            status = 429
        else:
            services.complaint_access_link_request(
                code=form.cleaned_data["code"], contact=form.cleaned_data["contact"]
            )
            return redirect("complaints:access_sent")
    else:
        form = AccessLinkForm(initial={"code": request.GET.get("kode", "")[:20]})
    return render(request, "complaints/public/access_request.html", {"form": form}, status=status)


def complaint_access_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "complaints/public/access_sent.html",
        {"link_days": settings.COMPLAINT_LINK_MAX_AGE_DAYS},
    )


def complaint_access_open(request: HttpRequest, token: str) -> HttpResponse:
    """A reporter's signed link: the session may follow the item, as after code + secret."""
    try:
        complaint = reporter_access.reporter_link_open(token)
    except reporter_access.LinkExpired:
        return _link_refused(request, expired=True)
    except reporter_access.LinkInvalid:
        return _link_refused(request, expired=False)
    selectors.remember_tracking(request, complaint)
    return redirect("complaints:detail", code=complaint.code)


def _link_refused(request: HttpRequest, *, expired: bool) -> HttpResponse:
    response = render(
        request,
        "complaints/public/access_invalid.html",
        {"expired": expired, "link_days": settings.COMPLAINT_LINK_MAX_AGE_DAYS},
        status=410 if expired else 400,
    )
    response["Cache-Control"] = "no-store, private"
    return response


# ---------------------------------------------------------------------------------------------
# Laporan saya


@login_required
def complaint_mine(request: HttpRequest) -> HttpResponse:
    """A signed-in citizen's own items (SPEC A1, C13): status, who holds it, by when."""
    page, rows = reporter_access.my_items_page(
        request.user, request.GET.get("halaman"), now=timezone.now()
    )
    return render(request, "complaints/public/mine.html", {"page": page, "rows": rows})


# ---------------------------------------------------------------------------------------------
# The item page: the reporter's full view, or the public view of a public item


@code_in_path
def complaint_detail(request: HttpRequest, code: str) -> HttpResponse:
    complaint = (
        Complaint.objects.select_related(
            "agency", "service", "holder_agency", "opd", "category", "reporter", "information"
        )
        .filter(code=code)
        .first()
    )
    if complaint is None:
        raise Http404
    tracked = selectors.tracked_codes(request)
    if complaint_can(request.user, See.AS_REPORTER, complaint, tracked=tracked):
        return _render_reporter(request, complaint)
    if not complaint_can(request.user, See.PUBLIC, complaint):
        # Not public (yet): officials who see it read it on their own page (SPEC C3).
        if complaint_can(request.user, See.AS_OFFICIAL, complaint):
            return redirect("complaints:officer_detail", code=complaint.code)
        raise Http404
    return render_public(request, complaint)


def render_public(
    request: HttpRequest,
    complaint: Complaint,
    *,
    follow_form: FollowForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The public page: the text, the stepper and the deadline, the photos the reporter
    allowed, "saya juga mengalami" and following by e-mail (SPEC C3, C13, C14)."""
    me_too_ids = request.session.get(ME_TOO_SESSION_KEY, [])
    if request.user.is_authenticated:
        joined = MeToo.objects.filter(complaint=complaint, user=request.user).exists()
    else:
        joined = complaint.pk in me_too_ids
    return render(
        request,
        "complaints/public/detail_public.html",
        {
            "complaint": complaint,
            "events": selectors.timeline(complaint, audience=selectors.Audience.PUBLIC),
            "steps": public_item.progress_steps(complaint),
            "deadline": public_item.public_deadline(complaint, timezone.now()),
            "photos": list(public_photos(complaint)),
            "lat": public_item.coarse(complaint.latitude),
            "lng": public_item.coarse(complaint.longitude),
            "me_too": public_item.me_too_counts(complaint),
            "me_too_joined": joined,
            "follow_form": follow_form or FollowForm(),
        },
        status=status,
    )


def _render_reporter(
    request: HttpRequest,
    complaint: Complaint,
    *,
    supply_form: SupplyDataForm | None = None,
    rate_form: RateForm | None = None,
    reexamine_form: ReexamineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    current = complaint.current_deadline(closure=True)
    events = selectors.timeline(complaint, audience=selectors.Audience.REPORTER)
    context = {
        "complaint": complaint,
        "events": events,
        "deadline_kind": current[0] if current else "",
        "deadline": current[1] if current else None,
        "deadline_days": (
            working_days_left(timezone.now(), current[1], agency=complaint.holder_agency)
            if current
            else None
        ),
        "identity": complaint.reporter_identity_for(request.user, is_reporter=True),
        "steps": public_item.progress_steps(complaint),
        "supply_form": None,
        "rate_form": None,
        "reexamine_form": None,
    }
    # The forms of the reporter's acts open now (workflow.reporter_acts, via the door).
    acts = allowed_reporter_acts(request.user, complaint, tracked=selectors.tracked_codes(request))
    if Act.SUPPLY_DATA in acts:
        context["supply_form"] = supply_form or SupplyDataForm()
        # What the officer asked for, right above the form that answers it.
        requests = [e for e in events if e.action == EventAction.DATA_REQUESTED]
        context["data_request"] = requests[-1] if requests else None
    if Act.RATE in acts:
        context["rate_form"] = rate_form or RateForm()
    if Act.REEXAMINE in acts:
        # The reason given with the "tidak puas" rating is the reason for re-examination:
        # the reporter does not type it twice.
        context["reexamine_form"] = reexamine_form or ReexamineForm(
            initial={"reason": complaint.satisfaction_comment}
        )
    return render(request, "complaints/public/detail_reporter.html", context, status=status)


def _open_to_reporter(request: HttpRequest, act: Act, complaint: Complaint) -> bool:
    """The caller is the reporter (the getter said so); is `act` open in this state?"""
    return complaint_can(request.user, act, complaint, tracked=selectors.tracked_codes(request))


def _refused(request: HttpRequest, code: str, exc: Exception) -> HttpResponse:
    messages.error(request, getattr(exc, "message", "") or str(exc))
    return redirect("complaints:detail", code=code)


@require_POST
@code_in_path
def complaint_supply_data(request: HttpRequest, code: str) -> HttpResponse:
    complaint = selectors.get_complaint_for_reporter(request, code)
    form = SupplyDataForm(request.POST, request.FILES)
    if not _open_to_reporter(request, Act.SUPPLY_DATA, complaint):
        return _refused(request, code, TransitionRefused())
    if not form.is_valid():
        return _render_reporter(request, complaint, supply_form=form, status=400)
    try:
        services.complaint_supply_data(
            complaint_id=complaint.pk,
            note=form.cleaned_data.get("note") or "",
            files=form.cleaned_data.get("attachments") or [],
        )
    except (TransitionRefused, services.StaleComplaint) as exc:
        return _refused(request, code, exc)
    messages.success(request, _("Terima kasih, data Anda sudah kami terima."))
    return redirect("complaints:detail", code=code)


@require_POST
@code_in_path
def complaint_rate(request: HttpRequest, code: str) -> HttpResponse:
    complaint = selectors.get_complaint_for_reporter(request, code)
    form = RateForm(request.POST)
    if not _open_to_reporter(request, Act.RATE, complaint):
        return _refused(request, code, TransitionRefused())
    if not form.is_valid():
        return _render_reporter(request, complaint, rate_form=form, status=400)
    try:
        services.complaint_rate(
            complaint_id=complaint.pk,
            satisfied=form.cleaned_data["satisfied"],
            comment=form.cleaned_data.get("comment") or "",
        )
    except (TransitionRefused, services.StaleComplaint) as exc:
        return _refused(request, code, exc)
    messages.success(request, _("Terima kasih atas penilaian Anda."))
    return redirect("complaints:detail", code=code)


@require_POST
@code_in_path
def complaint_reexamine(request: HttpRequest, code: str) -> HttpResponse:
    complaint = selectors.get_complaint_for_reporter(request, code)
    form = ReexamineForm(request.POST)
    if not _open_to_reporter(request, Act.REEXAMINE, complaint):
        return _refused(request, code, TransitionRefused())
    if not form.is_valid():
        return _render_reporter(request, complaint, reexamine_form=form, status=400)
    try:
        services.complaint_reexamine(complaint_id=complaint.pk, reason=form.cleaned_data["reason"])
    except (TransitionRefused, services.StaleComplaint) as exc:
        return _refused(request, code, exc)
    messages.success(request, _("Permintaan pemeriksaan ulang sudah diteruskan ke OPD."))
    return redirect("complaints:detail", code=code)


# ---------------------------------------------------------------------------------------------
# Attachments


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Served only through this permission check, never from MEDIA_URL (config.urls)."""
    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=pk)
    # A file the person may not download is, for them, a file that does not exist.
    if not attachment_can_download(
        request.user, attachment, tracked=selectors.tracked_codes(request)
    ):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
