"""Rating pages (QR and service page), kiosk, the public league, and the officials' pages."""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Action
from accounts.throttle import client_ip, window_take
from reputation import selectors, services
from reputation.forms import (
    HideForm,
    KioskIssueForm,
    KioskRatingForm,
    RatingForm,
    ReplyForm,
    ThresholdForm,
    WarningForm,
)
from reputation.kiosk import KIOSK_BATCH, OK, RETRY, kiosk_intake
from reputation.models import AgencyWarning, CommentStatus, KioskToken
from reputation.scoring import min_ratings
from standards.models import Service
from standards.selectors import OPD_KINDS

VOTER_COOKIE = "lp_penilai"
VOTER_SALT = "reputation.voter"


def _service_by_code(code: str) -> Service:
    return get_object_or_404(Service.objects.active().select_related("agency"), code=code)


def _ip_allowed(request: HttpRequest) -> bool:
    """RATING_IP_LIMIT_PER_HOUR ratings per client address in each clock hour (a fixed window:
    a busy office's network is never refused past the hour's end, however often it retries)."""
    return window_take(
        f"rating:ip:{client_ip(request)}", period=3600, limit=settings.RATING_IP_LIMIT_PER_HOUR
    )


def _voter_token(request: HttpRequest) -> str:
    token = request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_SALT)
    return token if token and len(token) <= 64 else ""


def _keep_voter_cookie(response: HttpResponse, token: str) -> HttpResponse:
    response.set_signed_cookie(
        VOTER_COOKIE,
        token,
        salt=VOTER_SALT,
        max_age=400 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """/nilai/<code>/: the QR target and the service page's button (SPEC R1, R2)."""
    service = _service_by_code(code)
    token = _voter_token(request) or secrets.token_urlsafe(18)
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        if not _ip_allowed(request):
            form.is_valid()
            form.add_error(None, _("Terlalu banyak penilaian dari jaringan ini. Coba lagi nanti."))
            status = 429
        elif form.is_valid():
            try:
                services.rating_submit(
                    user=request.user,
                    service=service,
                    satisfied=form.cleaned_data["puas"],
                    stars=form.cleaned_data["bintang"],
                    comment=form.cleaned_data["komentar"],
                    idempotency_key=form.cleaned_data["kunci"],
                    voter_key=f"b:{token}",
                )
            except services.AlreadyRated:
                form.add_error(None, _("Anda sudah menilai layanan ini hari ini. Terima kasih."))
                status = 409
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
                status = 400
            else:
                response = redirect("reputation:thanks", code=service.code)
                return _keep_voter_cookie(response, token)
        else:
            status = 400
    else:
        form = RatingForm(initial={"kunci": uuid.uuid4()})
    response = render(
        request, "reputation/rate.html", {"service": service, "form": form}, status=status
    )
    return _keep_voter_cookie(response, token)


@require_http_methods(["GET", "HEAD"])
def poster(request: HttpRequest, code: str) -> HttpResponse:
    """/nilai/<code>/poster/: the counter poster, with the QR code of the stable rating URL."""
    service = _service_by_code(code)
    url = request.build_absolute_uri(reverse("reputation:rate", args=[service.code]))
    qr = segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff")
    return render(request, "reputation/poster.html", {"service": service, "url": url, "qr": qr})


@require_http_methods(["GET", "HEAD"])
def thanks(request: HttpRequest, code: str) -> HttpResponse:
    service = _service_by_code(code)
    return render(request, "reputation/thanks.html", {"service": service})


# ---------------------------------------------------------------------------------------------
# Kiosk


def _kiosk(token: str) -> KioskToken:
    kiosk = (
        KioskToken.objects.active()
        .select_related("agency", "service", "service__agency")
        .filter(token=token, agency__is_active=True)
        .first()
    )
    if kiosk is None:
        raise Http404
    return kiosk


def _kiosk_services(kiosk: KioskToken) -> Any:
    if kiosk.service_id:
        return None
    return Service.objects.active().filter(agency__path__startswith=kiosk.agency.path)


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk(request: HttpRequest, token: str) -> HttpResponse:
    """/kios/<token>/: full-screen page at a counter; thanks the citizen and resets itself."""
    kiosk = _kiosk(token)
    choices = _kiosk_services(kiosk)
    status = 200
    if request.method == "POST":
        form = KioskRatingForm(request.POST, services=choices)
        if form.is_valid():
            (answer,) = kiosk_intake(kiosk=kiosk, forms=[form])
            if answer == OK:
                return redirect(reverse("reputation:kiosk", args=[kiosk.token]) + "?terima=1")
            form.add_error(None, _("Penilaian belum dapat diterima. Coba lagi sebentar lagi."))
            status = 429 if answer == RETRY else 400
        else:
            status = 400
    else:
        form = KioskRatingForm(initial={"kunci": uuid.uuid4()}, services=choices)
    return render(
        request,
        "reputation/kiosk.html",
        {"kiosk": kiosk, "form": form, "thanked": request.GET.get("terima") == "1"},
        status=status,
    )


def _batch_items(request: HttpRequest) -> list[dict[str, Any]] | None:
    """The queued ratings of a JSON body {"antrian": [...]}; None when it is not one."""
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    items = body.get("antrian") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    return items


@require_POST
def kiosk_sync(request: HttpRequest, token: str) -> JsonResponse:
    """/kios/<token>/kirim/: queued kiosk ratings, sent by the page's script (SPEC R2).

    The body is JSON {"antrian": [rating, ...]} (at most KIOSK_BATCH are taken; the rest are
    answered `retry`), or one rating as form fields. The answer says, per rating in order,
    whether the script drops it from its queue: `ok` (recorded now or before), `invalid`
    (never acceptable), or keeps it: `retry` (a limit; the status is then 429).
    """
    kiosk = (
        KioskToken.objects.filter(token=token)
        .select_related("service", "agency", "service__agency")
        .first()
    )
    if kiosk is None or kiosk.is_revoked or not kiosk.agency.is_active:
        return JsonResponse({"status": "revoked"}, status=410)
    choices = _kiosk_services(kiosk)
    if request.content_type == "application/json":
        items = _batch_items(request)
        if items is None:
            return JsonResponse({"status": "bad-request"}, status=400)
        taken, later = items[:KIOSK_BATCH], items[KIOSK_BATCH:]
        forms = [KioskRatingForm(_form_data(item), services=choices) for item in taken]
        answers = kiosk_intake(kiosk=kiosk, forms=forms) + [RETRY] * len(later)
        retry = RETRY in answers
        return JsonResponse(
            {"status": RETRY if retry else OK, "results": answers}, status=429 if retry else 200
        )
    (answer,) = kiosk_intake(kiosk=kiosk, forms=[KioskRatingForm(request.POST, services=choices)])
    return JsonResponse({"status": answer}, status={OK: 200, RETRY: 429}.get(answer, 400))


def _form_data(item: dict[str, Any]) -> dict[str, str]:
    return {str(k): "" if v is None else str(v) for k, v in item.items()}


# ---------------------------------------------------------------------------------------------
# Public league


LEAGUE_ROWS = 50


@require_http_methods(["GET", "HEAD"])
def league(request: HttpRequest) -> HttpResponse:
    """/reputasi/: agencies and services ranked by the Wilson lower bound (SPEC R3)."""
    period = request.GET.get("periode", selectors.DEFAULT_PERIOD)
    if period not in selectors.PERIODS:
        period = selectors.DEFAULT_PERIOD
    kind = request.GET.get("jenis", "")
    kinds = dict(OPD_KINDS)
    if kind not in kinds:
        kind = ""
    since = selectors.since_for(period)
    agencies, agencies_few = selectors.league_agencies(since=since, kind=kind)
    services_ranked, services_few = selectors.league_services(since=since, kind=kind)
    # A province has thousands of services: the first LEAGUE_ROWS of each table, the whole
    # table behind a link (?lengkap=1), so a phone does not download every row.
    full = request.GET.get("lengkap") == "1"

    def cut(rows: list) -> list:
        return rows if full else rows[:LEAGUE_ROWS]

    hidden = (
        0
        if full
        else sum(
            max(len(rows) - LEAGUE_ROWS, 0)
            for rows in (agencies, agencies_few, services_ranked, services_few)
        )
    )
    return render(
        request,
        "reputation/league.html",
        {
            "period": period,
            "periods": _period_choices(),
            "kind": kind,
            "kinds": OPD_KINDS,
            "agencies": cut(agencies),
            "agencies_few": cut(agencies_few),
            "services": cut(services_ranked),
            "services_few": cut(services_few),
            "hidden": hidden,
            "full_query": urlencode({"periode": period, "jenis": kind, "lengkap": "1"}),
            "min_ratings": min_ratings(),
        },
    )


def _period_choices() -> list[tuple[str, str]]:
    return [
        ("30", _("30 hari terakhir")),
        ("90", _("90 hari terakhir")),
        ("365", _("12 bulan terakhir")),
        ("semua", _("Sepanjang waktu")),
    ]


# ---------------------------------------------------------------------------------------------
# Officials: monitoring, moderation, replies, thresholds, kiosks, warnings (SPEC R4, R5)


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "403.html",
        {"exception": _("Halaman ini hanya untuk petugas OPD yang mengelola penilaian.")},
        status=403,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def monitor(request: HttpRequest) -> HttpResponse:
    """/dasbor/reputasi/: the services' scores, comments to moderate and answer."""
    agencies = selectors.agencies_for(request.user, Action.MANAGE_RATINGS)
    citywide = selectors.agencies_for(request.user, Action.VIEW_CITYWIDE)
    manage = agencies.exists()
    is_citywide = citywide.exists()
    if not manage and not is_citywide:
        return _forbidden(request)
    since = selectors.since_for(selectors.DEFAULT_PERIOD)
    context: dict[str, Any] = {"citywide": False, "manage": manage}
    if manage:
        ratings = selectors.ratings_visible_to(request.user)
        ranked, few = selectors.league_services(since=since, within=agencies)
        worst = ranked + few
        worst.sort(key=lambda r: r.score.share if r.score.share is not None else 101)
        context.update(
            {
                "worst": worst[:10],
                "held": list(
                    ratings.filter(comment_status=CommentStatus.HELD)
                    .select_related("service")
                    .order_by("-rated_at")[:20]
                ),
                "complaints": list(
                    ratings.filter(satisfied=False, comment_status=CommentStatus.APPROVED)
                    .select_related("service")
                    .order_by("-rated_at")[:20]
                ),
                "threshold_form": ThresholdForm(agencies=agencies.filter(tier="opd")),
                "hide_form": HideForm(),
                "reply_form": ReplyForm(),
            }
        )
    if is_citywide:
        # SPEC R4 (000:Pasal 8(2)): the Sekretariat Daerah watches every OPD of the pemda.
        agencies_ranked, agencies_few = selectors.league_agencies(since=since, within=citywide)
        context.update(
            {
                "citywide": True,
                "city_ranked": agencies_ranked,
                "city_few": agencies_few,
                "city_worst": selectors.worst_services(since=since, within=citywide, limit=10),
                "city_comments": selectors.recent_comments(
                    filters=Q(service__agency__in=citywide), limit=20
                ),
                "min_ratings": min_ratings(),
            }
        )
    return render(request, "reputation/monitor.html", context)


def _moderate(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    rating = selectors.get_rating_for_user(request.user, pk)
    try:
        if act == "hide":
            form: Any = HideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Tuliskan alasan menyembunyikan komentar."))
            services.comment_hide(
                user=request.user, rating=rating, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Komentar disembunyikan; nilainya tetap dihitung."))
        elif act == "approve":
            services.comment_approve(user=request.user, rating=rating)
            messages.success(request, _("Komentar ditampilkan."))
        else:
            form = ReplyForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Tanggapan tidak boleh kosong."))
            services.comment_reply(user=request.user, rating=rating, text=form.cleaned_data["text"])
            messages.success(request, _("Tanggapan diterbitkan."))
    except PermissionDenied:
        return _forbidden(request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("reputation:monitor")


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "hide")


@login_required
@require_POST
def comment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "approve")


@login_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "reply")


@login_required
@require_POST
def threshold(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_for(request.user, Action.MANAGE_RATINGS).filter(tier="opd")
    form = ThresholdForm(request.POST, agencies=agencies)
    if not form.is_valid():
        messages.error(request, _("Pilih OPD dan batas 1 sampai 100 persen."))
        return redirect("reputation:monitor")
    try:
        services.threshold_set(
            user=request.user,
            agency=form.cleaned_data["agency"],
            percent=form.cleaned_data["percent"],
        )
    except PermissionDenied:
        return _forbidden(request)
    messages.success(request, _("Batas kepuasan disimpan."))
    return redirect("reputation:monitor")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def kiosks(request: HttpRequest) -> HttpResponse:
    """/dasbor/reputasi/kios/: issue, name and revoke kiosk tokens."""
    agencies = selectors.agencies_for(request.user, Action.MANAGE_RATINGS)
    if not agencies.exists():
        return _forbidden(request)
    form = KioskIssueForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.kiosk_token_issue(
                user=request.user,
                agency=form.cleaned_data["agency"],
                service=form.cleaned_data["service"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            form.add_error("service", exc.messages[0])
        else:
            messages.success(request, _("Kios %(name)s diterbitkan.") % {"name": issued.name})
            return redirect("reputation:kiosks")
    rows = list(
        selectors.kiosks_visible_to(request.user)
        .select_related("agency", "service")
        .order_by("revoked_at", "agency__name", "name")
    )
    return render(
        request,
        "reputation/kiosks.html",
        {"form": form, "kiosks": rows},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def kiosk_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    kiosk = selectors.get_kiosk_for_user(request.user, pk)
    try:
        services.kiosk_token_revoke(user=request.user, kiosk=kiosk)
    except PermissionDenied:
        return _forbidden(request)
    messages.success(request, _("Token kios %(name)s dicabut.") % {"name": kiosk.name})
    return redirect("reputation:kiosks")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def warnings(request: HttpRequest) -> HttpResponse:
    """/dasbor/reputasi/teguran/: who is not running the system, and the warnings register."""
    may_warn = selectors.agencies_for(request.user, Action.WARN_AGENCY)
    own = selectors.agencies_for(request.user, Action.VIEW_DASHBOARD)
    if not own.exists():
        return _forbidden(request)
    form = None
    if may_warn.exists():
        form = WarningForm(request.POST or None, agencies=may_warn.opds())
    elif request.method == "POST":
        return _forbidden(request)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.warning_issue(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Teguran dicatat."))
            return redirect("reputation:warnings")
    register = list(
        AgencyWarning.objects.visible_to(request.user)
        .select_related("agency", "issued_by")
        .order_by("-date", "-pk")[:200]
    )
    rows = selectors.compliance(within=may_warn) if may_warn.exists() else []
    return render(
        request,
        "reputation/warnings.html",
        {
            "form": form,
            "register": register,
            "compliance": rows,
            "quiet_days": selectors.QUIET_DAYS,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )
