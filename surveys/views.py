"""Public survey pages (answer, thanks, results, QR poster, PDF) and the officers' pages.

Public pages need no account and no script. Officer pages read through the one door,
`selectors.get_survey_for_user` (404 out of sight, 403 seen but not managed).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Action, is_official, user_can
from accounts.throttle import client_ip, failure_count, failures_reached
from standards.models import Service
from surveys import selectors, services
from surveys.forms import FollowUpForm, FollowUpStatusForm, ResponseForm, SurveyForm
from surveys.models import (
    FollowUpItem,
    FollowUpStatus,
    ReportStatus,
    Response,
    ResponseChannel,
    SurveyStatus,
)

RESPONDENT_COOKIE = "skm_responden"
RESPONDENT_SALT = "surveys.respondent"
KIOSK_SALT = "surveys.kiosk"
COOKIE_AGE = 2 * 365 * 24 * 3600
# Submissions per client address and survey per hour; a kiosk serves a queue of people.
SUBMIT_LIMIT = 10
KIOSK_SUBMIT_LIMIT = 300
SUBMIT_PERIOD = 3600


def _channel(request: HttpRequest) -> str:
    value = request.GET.get("kanal", "")
    if value in (ResponseChannel.QR, ResponseChannel.COMPLAINT):
        return value
    return ResponseChannel.WEB


def kiosk_token(survey_id: int) -> str:
    return signing.dumps(survey_id, salt=KIOSK_SALT)


def _is_kiosk(request: HttpRequest, survey_id: int) -> bool:
    token = request.GET.get("kios", "")
    if not token:
        return False
    try:
        return signing.loads(token, salt=KIOSK_SALT) == survey_id
    except signing.BadSignature:
        return False


def _browser_token(request: HttpRequest) -> str | None:
    try:
        value = request.get_signed_cookie(RESPONDENT_COOKIE, salt=RESPONDENT_SALT)
    except (KeyError, signing.BadSignature):
        return None
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else None


def _respondent_key(request: HttpRequest, survey_id: int, token: str) -> str:
    """A one-way key for "this person": the account when logged in, else the browser token."""
    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"browser:{token}"
    return hashlib.sha256(f"{survey_id}:{who}".encode()).hexdigest()


def _throttle_key(request: HttpRequest, survey_id: int) -> str:
    ip = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"skm-submit:{survey_id}:{ip}"


def _is_resubmit(request: HttpRequest, survey_id: int) -> bool:
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        return False
    return Response.objects.filter(survey_id=survey_id, idempotency_key=key).exists()


@require_http_methods(["GET", "POST"])
def _closed(request: HttpRequest, survey: Any) -> HttpResponse:
    """The survey closed (or was published) before this answer arrived: nothing recorded."""
    return render(
        request,
        "surveys/closed.html",
        {"survey": survey, "posted": request.method == "POST"},
        status=409 if request.method == "POST" else 200,
    )


def answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_to_answer(pk)
    if survey.is_published and request.method != "POST":
        return redirect(survey.get_results_url())
    if not survey.is_open:
        return _closed(request, survey)
    kiosk = _is_kiosk(request, survey.pk)
    token = _browser_token(request) or secrets.token_urlsafe(24)
    key = "" if kiosk else _respondent_key(request, survey.pk, token)
    status = 200
    if request.method == "POST" and _is_resubmit(request, survey.pk):
        # The first submit went through but its reply was lost: show the same thanks.
        return redirect("surveys:thanks", pk=survey.pk)
    if key and Response.objects.filter(survey=survey, respondent_key=key).exists():
        page = render(
            request,
            "surveys/already.html",
            {"survey": survey, "count": selectors.response_count(survey)},
        )
        return page
    if request.method == "POST":
        form = ResponseForm(request.POST, survey=survey)
        limit = KIOSK_SUBMIT_LIMIT if kiosk else SUBMIT_LIMIT
        throttle_key = _throttle_key(request, survey.pk)
        if failures_reached([throttle_key], limit):
            messages.error(request, _("Terlalu banyak jawaban dari alamat ini. Coba lagi nanti."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                _response, created = services.response_submit(
                    survey=survey,
                    answers=form.answers(),
                    gender=data["gender"],
                    age_band=data["age_band"],
                    education=data["education"],
                    occupation=data["occupation"],
                    service=data.get("service") or survey.service,
                    served_on=data["served_on"],
                    suggestion=data["suggestion"],
                    channel=ResponseChannel.KIOSK if kiosk else _channel(request),
                    respondent_key=key,
                    idempotency_key=data["idempotency_key"],
                )
            except services.AlreadyAnswered as exc:
                messages.info(request, str(exc))
                return redirect("surveys:thanks", pk=survey.pk)
            except services.SurveyError:
                # Closed between loading the survey and storing the answer.
                return _closed(request, survey)
            if created:
                failure_count(throttle_key, period=SUBMIT_PERIOD, limit=limit)
            target = reverse("surveys:thanks", kwargs={"pk": survey.pk})
            if kiosk:
                target += "?" + urlencode({"kios": request.GET["kios"]})
            response = redirect(target)
            response.set_signed_cookie(
                RESPONDENT_COOKIE,
                token,
                salt=RESPONDENT_SALT,
                max_age=COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
        else:
            status = 400
    else:
        form = ResponseForm(survey=survey, initial=ResponseForm.fresh_initial())
    page = render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "kiosk": kiosk, "count": selectors.response_count(survey)},
        status=status,
    )
    if not kiosk:
        page.set_signed_cookie(
            RESPONDENT_COOKIE,
            token,
            salt=RESPONDENT_SALT,
            max_age=COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return page


def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    kiosk = _is_kiosk(request, survey.pk)
    again = None
    if kiosk and survey.is_open:
        again = survey.get_absolute_url() + "?" + urlencode({"kios": request.GET["kios"]})
    return render(
        request,
        "surveys/thanks.html",
        {"survey": survey, "count": selectors.response_count(survey), "again": again},
    )


def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    if not survey.is_published:
        return render(
            request,
            "surveys/results_pending.html",
            {"survey": survey, "count": selectors.response_count(survey)},
        )
    return render(request, "surveys/results.html", selectors.results_context(survey))


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_public_survey(pk)
    if (
        not survey.is_published
        or survey.report_status != ReportStatus.DONE
        or not survey.report_file
    ):
        raise Http404
    return FileResponse(
        survey.report_file.open("rb"),
        content_type="application/pdf",
        filename=f"laporan-skm-{survey.pk}.pdf",
    )


def qr_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable poster: the QR code (SVG drawn on the server) of the survey's QR link."""
    survey = selectors.get_public_survey(pk)
    if not survey.is_open:
        raise Http404
    link = request.build_absolute_uri(survey.get_absolute_url() + "?kanal=qr")
    svg = segno.make(link, error="m").svg_inline(scale=6, title=_("Kode QR survei"))
    return render(
        request,
        "surveys/qr.html",
        {"survey": survey, "link": link, "qr": mark_safe(svg)},  # noqa: S308
    )


def for_service(request: HttpRequest, code: str) -> HttpResponse:
    """The survey open now for a service (its own, else its agency's): the link the service
    page, the QR poster and a closed complaint (SPEC K1 instant survey) point to."""
    service = get_object_or_404(Service.objects.active().select_related("agency"), code=code)
    survey = selectors.open_survey_for_service(service)
    if survey is None:
        return render(request, "surveys/none_open.html", {"service": service})
    query = {"kanal": _channel(request)} if request.GET.get("kanal") else {}
    target = survey.get_absolute_url()
    return redirect(target + ("?" + urlencode(query) if query else ""))


# ---------------------------------------------------------------------------------------------
# Officers


def _officer_only(request: HttpRequest) -> None:
    if not is_official(request.user):
        raise Http404


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    _officer_only(request)
    surveys = list(
        selectors.officer_surveys(request.user)
        .with_related()
        .annotate(n=Count("responses"))
        .order_by("-period_end", "-pk")[:100]
    )
    return render(
        request,
        "surveys/officer/list.html",
        {"surveys": surveys, "can_create": selectors.manageable_agencies(request.user).exists()},
    )


@login_required
def officer_obligations(request: HttpRequest, agency_pk: int, kind: str) -> HttpResponse:
    """The items behind one count of the SKM obligations panel (SPEC K1), for one OPD in the
    Kepala's or the Sekda's scope; 404 for any other OPD or kind."""
    _officer_only(request)
    if kind not in selectors.OBLIGATION_KINDS:
        raise Http404
    group = selectors.obligation_group(request.user, agency_pk)
    context = selectors.obligation_items(group, kind)
    context["kinds"] = {
        "no_survey": selectors.NO_SURVEY,
        "below": selectors.BELOW_SAMPLE,
        "past_due": selectors.PAST_DUE,
    }
    return render(request, "surveys/officer/obligations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def officer_create(request: HttpRequest) -> HttpResponse:
    _officer_only(request)
    agencies = selectors.manageable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = SurveyForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                request.user,
                agency=data["agency"],
                service=data["service"],
                title=data["title"],
                period_kind=data["period_kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                population=data["population"],
            )
        except services.SurveyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Survei dibuat sebagai draf."))
            return redirect("surveys:officer_detail", pk=survey.pk)
    return render(
        request, "surveys/officer/create.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk)
    context: dict[str, Any] = selectors.results_context(survey)
    can_manage = user_can(request.user, Action.MANAGE_SURVEYS, survey.agency)
    context.update(
        {
            "can_manage": can_manage,
            "pending": list(selectors.pending_suggestions(survey)) if can_manage else [],
            "followup_form": FollowUpForm(),
            "kiosk_url": (
                survey.get_absolute_url() + "?" + urlencode({"kios": kiosk_token(survey.pk)})
                if can_manage and survey.is_open
                else None
            ),
            "statuses": SurveyStatus,
            "followup_statuses": FollowUpStatus.choices,
            "report_busy": survey.report_status in (ReportStatus.QUEUED, ReportStatus.RUNNING),
        }
    )
    return render(request, "surveys/officer/detail.html", context)


def _back(survey_pk: int) -> HttpResponse:
    return redirect("surveys:officer_detail", pk=survey_pk)


@login_required
@require_POST
def officer_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk, write=True)
    status = request.POST.get("status", "")
    if status not in SurveyStatus.values:
        messages.error(request, _("Status tidak dikenal."))
        return _back(survey.pk)
    try:
        services.survey_set_status(request.user, survey=survey, status=status)
    except services.SurveyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status survei diperbarui."))
    return _back(survey.pk)


@login_required
@require_POST
def officer_followup_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk, write=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.followup_add(request.user, survey=survey, **form.cleaned_data)
        messages.success(request, _("Rencana tindak lanjut ditambahkan."))
    else:
        messages.error(request, _("Lengkapi unsur, rencana, penanggung jawab dan tenggat."))
    return _back(survey.pk)


@login_required
@require_POST
def officer_followup_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk, write=True)
    item = get_object_or_404(FollowUpItem, pk=item_pk, survey=survey)
    form = FollowUpStatusForm(request.POST)
    if form.is_valid():
        services.followup_set_status(request.user, item=item, status=form.cleaned_data["status"])
        messages.success(request, _("Status tindak lanjut diperbarui."))
    else:
        messages.error(request, _("Status tidak dikenal."))
    return _back(survey.pk)


@login_required
@require_POST
def officer_moderate(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk, write=True)
    response = get_object_or_404(Response, pk=response_pk, survey=survey)
    try:
        services.suggestion_moderate(
            request.user, response=response, approve=request.POST.get("keputusan") == "tampilkan"
        )
    except services.SurveyError as exc:
        messages.error(request, str(exc))
    return _back(survey.pk)


@login_required
@require_POST
def officer_report(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for_user(request.user, pk, write=True)
    if not survey.is_published:
        messages.error(request, _("Laporan dibuat setelah hasil survei dipublikasikan."))
        return _back(survey.pk)
    services.survey_request_report(request.user, survey=survey)
    messages.success(request, _("Laporan sedang dibuat."))
    return _back(survey.pk)
