"""URL map (UX.md): Indonesian, stable, human-readable paths.

Uploaded files are never served from MEDIA_URL: attachments go through a permission-checked
view (complaints:attachment).
"""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from standards import views as standards_views

urlpatterns = [
    path("", standards_views.home, name="home"),
    path("", include("standards.urls")),
    path("", include("complaints.urls")),
    path("", include("reports.urls")),
    path("", include("surveys.urls")),
    path("", include("reputation.urls")),
    path("akun/", include("accounts.urls")),
    path("akun/", include("notices.urls")),
    # The language switch is in every page's header; without a CSRF token in it, pages for
    # anonymous visitors are the same for everyone and can be cached (config/page_cache.py).
    # Forging it can only switch someone's display language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
