from django.urls import path

from standards import views, views_officer, views_public

app_name = "standards"

urlpatterns = [
    path("opd/", views.agency_list, name="agency_list"),
    path("opd/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path(
        "opd/<slug:agency_slug>/layanan/<slug:slug>/", views.service_detail, name="service_detail"
    ),
    path(
        "opd/<slug:agency_slug>/layanan/<slug:slug>/standar/riwayat/",
        views_public.standard_history,
        name="standard_history",
    ),
    path(
        "opd/<slug:agency_slug>/layanan/<slug:slug>/standar.pdf",
        views_public.standard_pdf,
        name="standard_pdf",
    ),
    path(
        "opd/<slug:agency_slug>/layanan/<slug:slug>/poster-<str:size>.pdf",
        views_public.poster_pdf,
        name="poster_pdf",
    ),
    path("dasbor/standar/", views_officer.standard_index, name="officer_index"),
    path("dasbor/standar/kepatuhan/", views_officer.compliance_page, name="compliance"),
    path("dasbor/standar/impor/", views_officer.service_import, name="service_import"),
    path(
        "dasbor/standar/impor/templat.xlsx", views_officer.import_template, name="import_template"
    ),
    path("dasbor/standar/maklumat/<slug:slug>/", views_officer.maklumat_edit, name="maklumat_edit"),
    path(
        "dasbor/standar/layanan/<slug:code>/",
        views_officer.service_standards,
        name="officer_service",
    ),
    path(
        "dasbor/standar/layanan/<slug:code>/mulai/",
        views_officer.standard_start,
        name="officer_start",
    ),
    path("dasbor/standar/<int:pk>/", views_officer.standard_detail, name="officer_detail"),
    path("dasbor/standar/<int:pk>/ubah/", views_officer.standard_edit, name="officer_edit"),
    path(
        "dasbor/standar/<int:pk>/berita-acara/", views_officer.berita_acara_add, name="officer_ba"
    ),
    path("dasbor/standar/<int:pk>/tetapkan/", views_officer.standard_adopt, name="officer_adopt"),
    path(
        "dasbor/standar/<int:pk>/internalisasi/",
        views_officer.standard_internalise,
        name="officer_internalise",
    ),
    path("dasbor/standar/<int:pk>/revisi/", views_officer.standard_revise, name="officer_revise"),
    path(
        "dasbor/standar/berita-acara/<int:pk>/pindaian/",
        views_officer.berita_acara_scan,
        name="officer_ba_scan",
    ),
]
