"""URL map (UX.md): Indonesian, stable, human-readable paths."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from standards import views as standards_views

urlpatterns = [
    path("", standards_views.home, name="home"),
    path("", include("standards.urls")),
    path("akun/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
