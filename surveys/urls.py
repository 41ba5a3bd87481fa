from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("survei/<int:pk>/", views.answer, name="answer"),
    path("survei/<int:pk>/terima-kasih/", views.thanks, name="thanks"),
    path("survei/<int:pk>/hasil/", views.results, name="results"),
    path("survei/<int:pk>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("survei/<int:pk>/qr/", views.qr_poster, name="qr"),
    path("survei/layanan/<slug:code>/", views.for_service, name="for_service"),
    path("dasbor/survei/", views.officer_list, name="officer_list"),
    path("dasbor/survei/baru/", views.officer_create, name="officer_create"),
    path(
        "dasbor/survei/kewajiban/<int:agency_pk>/<slug:kind>/",
        views.officer_obligations,
        name="officer_obligations",
    ),
    path("dasbor/survei/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("dasbor/survei/<int:pk>/status/", views.officer_status, name="officer_status"),
    path(
        "dasbor/survei/<int:pk>/tindak-lanjut/",
        views.officer_followup_add,
        name="officer_followup_add",
    ),
    path(
        "dasbor/survei/<int:pk>/tindak-lanjut/<int:item_pk>/status/",
        views.officer_followup_status,
        name="officer_followup_status",
    ),
    path(
        "dasbor/survei/<int:pk>/saran/<int:response_pk>/",
        views.officer_moderate,
        name="officer_moderate",
    ),
    path("dasbor/survei/<int:pk>/laporan/", views.officer_report, name="officer_report"),
]
