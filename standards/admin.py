"""The Django admin for operators (Diskominfo): the agency directory, services and the
working-day calendar."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from standards.admin_rules import SuperuserWritesOnly
from standards.models import Agency, CalendarDay, PublicOfficer, Service
from standards.services import agency_move


class PublicOfficerInline(SuperuserWritesOnly, admin.TabularInline):
    model = PublicOfficer
    extra = 0
    fields = ["name", "position", "handles_complaints", "order"]


@admin.register(Agency)
class AgencyAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "tier", "parent", "is_active"]
    list_filter = ["kind", "tier", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [PublicOfficerInline]
    fieldsets = [
        (None, {"fields": ["parent", "kind", "name", "short_name", "slug", "is_active"]}),
        (
            _("Profil publik"),
            {
                "fields": [
                    "motto",
                    "visi",
                    "misi",
                    "address",
                    "phone",
                    "email",
                    "website",
                    "opening_hours",
                ]
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm, change: bool) -> None:
        # A new parent moves the whole subtree: that is the service's work, not save()'s.
        if change and "parent" in form.changed_data:
            agency_move(actor=request.user, agency=obj, new_parent=obj.parent)
        super().save_model(request, obj, form, change)


@admin.register(Service)
class ServiceAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    list_display = ["name", "code", "agency", "kind", "is_active"]
    list_filter = ["kind", "is_active", "agency__kind"]
    list_select_related = ["agency"]
    search_fields = ["name", "code", "agency__name", "agency__short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency"]


@lru_cache(maxsize=32)
def _package_names(year: int) -> dict[date, str]:
    return dict(holidays.Indonesia(years=year, categories=CalendarDay.PACKAGE_CATEGORIES))


class ScopeFilter(admin.SimpleListFilter):
    title = _("cakupan")
    parameter_name = "cakupan"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("nasional", _("Nasional")), ("instansi", _("Instansi"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "nasional":
            return queryset.filter(agency__isnull=True)
        if self.value() == "instansi":
            return queryset.filter(agency__isnull=False)
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    list_display = [
        "date",
        "weekday",
        "scope",
        "is_working_day",
        "description",
        "package_says",
        "created_by",
    ]
    list_filter = [ScopeFilter, "is_working_day", ("agency", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["agency", "created_by"]
    search_fields = ["description", "agency__name", "agency__short_name"]
    date_hierarchy = "date"
    ordering = ["date"]
    fields = ["date", "agency", "is_working_day", "description", "package_says"]
    readonly_fields = ["package_says", "created_at", "created_by"]

    def get_fields(self, request: HttpRequest, obj: CalendarDay | None = None) -> list[str]:
        fields = list(super().get_fields(request, obj))
        if obj is not None:
            fields += ["created_at", "created_by"]
        return fields

    @admin.display(description=_("hari"))
    def weekday(self, obj: CalendarDay) -> str:
        return date_format(obj.date, "l")

    @admin.display(description=_("cakupan"), ordering="agency__name")
    def scope(self, obj: CalendarDay) -> str:
        return obj.agency.display_name if obj.agency_id else str(_("Nasional"))

    @admin.display(description=_("menurut daftar libur nasional"))
    def package_says(self, obj: CalendarDay) -> str:
        """What the holidays package says about this date, so a correction can be checked."""
        if obj is None or obj.date is None:
            return "—"
        return _package_names(obj.date.year).get(obj.date, "—")

    def save_model(
        self, request: HttpRequest, obj: CalendarDay, form: ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


from standards import admin_standard  # noqa: E402, F401 - registers the standards' admin
