"""Django admin for operators: which agency is the one-stop licensing office, and read-only
views of standards, Berita Acara and maklumat (their writes go through the officer pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from standards.admin_rules import SuperuserWritesOnly
from standards.models_standard import BeritaAcara, Maklumat, OneStopOffice, ServiceStandard


@admin.register(OneStopOffice)
class OneStopOfficeAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    list_display = ["agency"]
    autocomplete_fields = ["agency"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceStandard)
class ServiceStandardAdmin(ReadOnlyAdmin):
    list_display = ["service", "version", "status", "decree_number", "decree_date"]
    list_filter = ["status"]
    list_select_related = ["service"]
    search_fields = ["service__name", "service__code", "decree_number"]


@admin.register(BeritaAcara)
class BeritaAcaraAdmin(ReadOnlyAdmin):
    list_display = ["standard", "held_on", "method"]
    list_select_related = ["standard__service"]


@admin.register(Maklumat)
class MaklumatAdmin(ReadOnlyAdmin):
    list_display = ["agency", "version", "signer_name", "signed_on"]
    list_select_related = ["agency"]
