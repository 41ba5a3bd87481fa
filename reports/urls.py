from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    # Public (UX.md: /laporan/ holds published evaluations and downloads).
    path("laporan/", views.public_index, name="public_index"),
    path("laporan/evaluasi/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("laporan/evaluasi/<int:pk>/unduh/", views.evaluation_pdf, name="evaluation_pdf"),
    path("laporan/data/pengaduan-bulanan.<slug:fmt>", views.open_data, name="open_data"),
    # Officials.
    path("dasbor/laporan/rekap/", views.rekap_index, name="rekap_index"),
    path("dasbor/laporan/rekap/buat/", views.rekap_build, name="rekap_build"),
    path("dasbor/laporan/rekap/<int:pk>/", views.rekap_detail, name="rekap_detail"),
    path("dasbor/laporan/rekap/<int:pk>/tandatangani/", views.rekap_sign, name="rekap_sign"),
    path(
        "dasbor/laporan/rekap/<int:pk>/unduh.<slug:fmt>",
        views.rekap_download,
        name="rekap_download",
    ),
    path("dasbor/laporan/proses/<int:pk>/", views.rekap_job, name="rekap_job"),
    path("dasbor/kinerja/", views.scorecard_page, name="scorecard"),
    path("dasbor/laporan/evaluasi/", views.evaluation_edit, name="evaluation_edit"),
]
