"""Officials' sessions expire after inactivity (settings.OFFICIAL_IDLE_SECONDS).

A session is an official's when the login marked it (accounts.signals): no query per
request. The last-seen time is written at most once a minute, so a page costs no session
write. An expired session is logged out and the person is sent to the login page, with the
page they asked for as `next`. Sessions also end on a password change (Django checks the
password hash stored in every session).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import services
from accounts.models import AuditAction
from accounts.signals import IDLE_SESSION_KEY, _ip

TOUCH_SECONDS = 60


class OfficialSessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seen = request.session.get(IDLE_SESSION_KEY)
        if seen is not None and request.user.is_authenticated:
            now = time.time()
            if now - float(seen) > settings.OFFICIAL_IDLE_SECONDS:
                user = request.user
                logout(request)
                services.audit_entry_add(
                    None, action=AuditAction.SESSION_EXPIRED, user=user, ip=_ip(request)
                )
                messages.info(
                    request, _("Sesi Anda berakhir karena lama tidak aktif. Silakan masuk lagi.")
                )
                target = reverse("accounts:login")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(target)
            if now - float(seen) > TOUCH_SECONDS:
                request.session[IDLE_SESSION_KEY] = now
        return self.get_response(request)
