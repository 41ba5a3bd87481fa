"""URL map (UX.md): Indonesian, stable, human-readable paths.

Uploaded files are never served from MEDIA_URL: attachments go through a permission-checked
view (complaints:attachment).
"""

from django.contrib import admin
from django.urls import include, path

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
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
