from django.urls import path

from standards import views

app_name = "standards"

urlpatterns = [
    path("opd/", views.agency_list, name="agency_list"),
    path("opd/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path(
        "opd/<slug:agency_slug>/layanan/<slug:slug>/", views.service_detail, name="service_detail"
    ),
]
