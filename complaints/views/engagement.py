"""Complaints' public engagement: "saya juga mengalami", following a public item by e-mail,
published photos and the public map (SPEC C3: only verified public items, coarse places)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.throttle import client_ip, failure_count, failures_reached
from complaints import public_item, selectors, services
from complaints.forms import (
    FollowForm,
)
from complaints.models import (
    Attachment,
    Follow,
    follow_token_hash,
)
from complaints.permissions import (
    photo_is_public,
)
from complaints.views import code_in_path
from complaints.views.public import ME_TOO_SESSION_KEY, render_public

# ---------------------------------------------------------------------------------------------
# "Saya juga mengalami" and following a public item by e-mail

# The random id of this browser session (its me-too items: public.ME_TOO_SESSION_KEY).
VISITOR_SESSION_KEY = "complaint_visitor"
HOUR = 60 * 60


def _visitor_id(request: HttpRequest) -> str:
    visitor = request.session.get(VISITOR_SESSION_KEY)
    if not visitor:
        visitor = secrets.token_hex(16)
        request.session[VISITOR_SESSION_KEY] = visitor
    return visitor


def _over_hourly_limit(request: HttpRequest, what: str, limit: int) -> bool:
    """Count one use of `what` from this address; True when the hour's limit is passed."""
    key = f"complaint-{what}:ip:{client_ip(request)}"
    if failures_reached([key], limit):
        return True
    failure_count(key, period=HOUR, limit=limit)
    return False


@require_POST
@code_in_path
def complaint_me_too(request: HttpRequest, code: str) -> HttpResponse:
    """Once per person: an account once per item (unique constraint), a visitor once per
    browser session, and a visitor's address at most COMPLAINT_METOO_IP_LIMIT an hour."""
    complaint = selectors.get_public_complaint(code)
    signed_in = request.user.is_authenticated
    if not signed_in and _over_hourly_limit(request, "metoo", settings.COMPLAINT_METOO_IP_LIMIT):
        messages.error(request, _("Terlalu banyak dari perangkat ini. Coba lagi nanti."))
        return redirect("complaints:detail", code=code)
    try:
        added = services.complaint_me_too(
            request.user,
            complaint_id=complaint.pk,
            visitor="" if signed_in else _visitor_id(request),
        )
    except services.NotPermitted as exc:
        messages.error(request, str(exc))
        return redirect("complaints:detail", code=code)
    if not signed_in:
        joined = list(request.session.get(ME_TOO_SESSION_KEY, []))
        if complaint.pk not in joined:
            request.session[ME_TOO_SESSION_KEY] = [*joined[-199:], complaint.pk]
    if added:
        messages.success(request, _("Terima kasih. Anda tercatat juga mengalami masalah ini."))
    else:
        messages.info(request, _("Anda sudah tercatat juga mengalami masalah ini."))
    return redirect("complaints:detail", code=code)


@require_POST
@code_in_path
def complaint_follow(request: HttpRequest, code: str) -> HttpResponse:
    complaint = selectors.get_public_complaint(code)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render_public(request, complaint, follow_form=form, status=400)
    if _over_hourly_limit(request, "follow", settings.COMPLAINT_FOLLOW_IP_LIMIT):
        form.add_error(None, _("Terlalu banyak permintaan dari perangkat ini. Coba lagi nanti."))
        return render_public(request, complaint, follow_form=form, status=429)
    services.follow_request(complaint_id=complaint.pk, email=form.cleaned_data["email"])
    # The same words whether or not the address already follows the item.
    messages.success(
        request,
        _(
            "Periksa email Anda: buka tautan konfirmasi untuk mulai menerima kabar laporan "
            "ini. Tanpa konfirmasi kami tidak mengirim apa pun."
        ),
    )
    return redirect("complaints:detail", code=code)


@require_http_methods(["GET", "POST"])
def follow_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a mail scanner opening links confirms nothing), POST confirms."""
    if request.method == "POST":
        follow = services.follow_confirm(token=token)
        if follow is None:
            raise Http404
        messages.success(request, _("Anda sekarang mengikuti laporan ini lewat email."))
        return redirect("complaints:detail", code=follow.complaint.code)
    follow = (
        Follow.objects.select_related("complaint")
        .filter(token_hash=follow_token_hash(token), unsubscribed_at__isnull=True)
        .first()
    )
    if follow is None:
        raise Http404
    return render(request, "complaints/public/follow_confirm.html", {"complaint": follow.complaint})


@require_http_methods(["GET", "POST"])
def follow_unsubscribe(request: HttpRequest, value: str) -> HttpResponse:
    if request.method == "POST":
        follow = services.follow_unsubscribe(value=value)
        if follow is None:
            raise Http404
        return render(
            request,
            "complaints/public/follow_unsubscribe.html",
            {"complaint": follow.complaint, "done": True},
        )
    follow = services.follow_from_unsubscribe_token(value)
    if follow is None:
        raise Http404
    return render(
        request,
        "complaints/public/follow_unsubscribe.html",
        {"complaint": follow.complaint, "done": follow.unsubscribed_at is not None},
    )


def public_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo of a public item, inline, for anyone: only what `photo_is_public` allows."""
    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=pk)
    if not photo_is_public(attachment):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def complaint_map(request: HttpRequest) -> HttpResponse:
    """Public items by place, at a coarse precision (SPEC C3). A map when a tile server is
    configured; the same items as a list always (and only the list without one)."""
    items = public_item.map_items()
    tiles = public_item.map_tiles()
    points = [
        {
            "lat": float(i["lat"]),
            "lng": float(i["lng"]),
            "title": i["title"],
            "status": str(i["status_label"]),
            "url": i["url"],
        }
        for i in items
    ]
    return render(
        request,
        "complaints/public/map.html",
        {"items": items, "tiles": tiles, "points": points if tiles else None},
    )
