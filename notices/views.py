"""The user's notices and notification settings, under /akun/notifikasi/ (UX.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import is_official
from notices import selectors, services
from notices.forms import NotificationPreferenceForm
from notices.models import Notification


@login_required
@require_http_methods(["GET"])
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notices, newest first (two queries whatever the count)."""
    items = selectors.notifications_for(request.user)
    unread = sum(1 for n in items if n.read_at is None)
    return render(request, "notices/notifications.html", {"items": items, "unread": unread})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notice (`id`) or all of the user's notices read; then go to its link."""
    raw = request.POST.get("id", "")
    if raw.isdigit():
        services.notification_mark_read(user=request.user, ids=[int(raw)])
        target = (
            Notification.objects.filter(user=request.user, pk=int(raw))
            .values_list("url", flat=True)
            .first()
        )
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            return redirect(target)
    else:
        services.notification_mark_read(user=request.user)
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("notices:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Which kinds of notice the user also wants by e-mail (in-app notices are always on)."""
    official = is_official(request.user)
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST, official=official)
        if form.is_valid():
            services.notification_preferences_set(user=request.user, email=form.choices_made())
            messages.success(request, _("Pengaturan notifikasi disimpan."))
            return redirect("notices:preferences")
    else:
        form = NotificationPreferenceForm(
            official=official,
            initial={"email_kinds": sorted(selectors.mail_kinds_for(request.user))},
        )
    return render(request, "notices/preferences.html", {"form": form, "official": official})
