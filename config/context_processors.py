"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.permissions import is_official


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PEMDA_NAME": settings.PEMDA_NAME,
        # Lazy: only pages that ask (the header, for signed-in users) load the memberships.
        "user_is_official": SimpleLazyObject(lambda: is_official(request.user)),
    }
