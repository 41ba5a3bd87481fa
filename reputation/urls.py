from django.urls import path

from reputation import views

app_name = "reputation"

urlpatterns = [
    path("nilai/<slug:code>/", views.rate, name="rate"),
    path("nilai/<slug:code>/poster/", views.poster, name="poster"),
    path("nilai/<slug:code>/terima-kasih/", views.thanks, name="thanks"),
    path("kios/<slug:token>/", views.kiosk, name="kiosk"),
    path("kios/<slug:token>/kirim/", views.kiosk_sync, name="kiosk_sync"),
    path("reputasi/", views.league, name="league"),
    path("dasbor/reputasi/", views.monitor, name="monitor"),
    path("dasbor/reputasi/batas/", views.threshold, name="threshold"),
    path("dasbor/reputasi/kios/", views.kiosks, name="kiosks"),
    path("dasbor/reputasi/kios/<int:pk>/cabut/", views.kiosk_revoke, name="kiosk_revoke"),
    path("dasbor/reputasi/teguran/", views.warnings, name="warnings"),
    path("dasbor/reputasi/komentar/<int:pk>/sembunyikan/", views.comment_hide, name="comment_hide"),
    path(
        "dasbor/reputasi/komentar/<int:pk>/tampilkan/",
        views.comment_approve,
        name="comment_approve",
    ),
    path("dasbor/reputasi/komentar/<int:pk>/tanggapi/", views.comment_reply, name="comment_reply"),
]
