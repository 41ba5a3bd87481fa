"""Notice URLs, under /akun/ beside the account pages (UX.md)."""

from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("notifikasi/", views.notification_list, name="notifications"),
    path("notifikasi/baca/", views.notification_read, name="notification_read"),
    path("notifikasi/pengaturan/", views.preferences, name="preferences"),
]
