"""Read-only admin of the reports: versions, duties, jobs and evaluations are written only by
reports.services (a signed rekap must never change through a form)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reports.models import Evaluation, Rekap, RekapJob, RekapObligation


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Rekap)
class RekapAdmin(ReadOnly):
    list_display = ["agency", "year", "month", "version", "row_count", "built_at", "signed_at"]
    list_filter = ["year", "month"]
    list_select_related = ["agency"]
    exclude = ["pdf", "xlsx"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("pdf", "xlsx")


@admin.register(RekapObligation)
class RekapObligationAdmin(ReadOnly):
    list_display = ["agency", "year", "month", "due_at", "submitted_at", "reminded_at", "is_late"]
    list_filter = ["is_late", "year", "month"]
    list_select_related = ["agency"]


@admin.register(RekapJob)
class RekapJobAdmin(ReadOnly):
    list_display = ["pk", "year", "month", "status", "done", "total", "requested_at", "error"]
    list_filter = ["status"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnly):
    list_display = ["instansi", "year", "semester", "published_at"]
    list_select_related = ["instansi"]
    exclude = ["pdf"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("pdf")
