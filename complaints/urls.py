from django.urls import path

from complaints.views import engagement, listing, officer, public

app_name = "complaints"

urlpatterns = [
    # Public and reporter pages (UX.md URL map).
    path("pengaduan/", listing.complaint_list, name="list"),
    path("pengaduan/baru/", public.complaint_create, name="create"),
    path("pengaduan/terkirim/<str:code>/", public.complaint_receipt, name="receipt"),
    path("pengaduan/lacak/", public.complaint_track, name="track"),
    path("pengaduan/lacak/lupa/", public.complaint_access_request, name="access_request"),
    path("pengaduan/lacak/terkirim/", public.complaint_access_sent, name="access_sent"),
    path("pengaduan/akses/<str:token>/", public.complaint_access_open, name="access_open"),
    path("pengaduan/saya/", public.complaint_mine, name="mine"),
    path("pengaduan/statistik/", listing.complaint_statistics, name="statistics"),
    path("pengaduan/statistik/unduh/", listing.complaint_statistics_csv, name="statistics_csv"),
    path("pengaduan/lampiran/<int:pk>/", public.attachment_download, name="attachment"),
    path("pengaduan/peta/", engagement.complaint_map, name="map"),
    path("pengaduan/foto/<int:pk>/", engagement.public_photo, name="photo"),
    path(
        "pengaduan/ikuti/konfirmasi/<str:token>/", engagement.follow_confirm, name="follow_confirm"
    ),
    path(
        "pengaduan/ikuti/berhenti/<str:value>/",
        engagement.follow_unsubscribe,
        name="follow_unsubscribe",
    ),
    path("pengaduan/<str:code>/", public.complaint_detail, name="detail"),
    path("pengaduan/<str:code>/lengkapi/", public.complaint_supply_data, name="supply_data"),
    path("pengaduan/<str:code>/nilai/", public.complaint_rate, name="rate"),
    path("pengaduan/<str:code>/periksa-ulang/", public.complaint_reexamine, name="reexamine"),
    path("pengaduan/<str:code>/saya-juga/", engagement.complaint_me_too, name="me_too"),
    path("pengaduan/<str:code>/ikuti/", engagement.complaint_follow, name="follow"),
    # The officials' desk.
    path("dasbor/", officer.inbox, name="inbox"),
    path("dasbor/pengaduan/baru/", officer.officer_intake, name="officer_intake"),
    path("dasbor/pengaduan/<str:code>/", officer.officer_detail, name="officer_detail"),
    path("dasbor/pengaduan/<str:code>/<slug:act>/", officer.officer_act, name="officer_act"),
]
