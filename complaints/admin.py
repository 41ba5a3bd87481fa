"""The Django admin for operators: complaints are read, never added, changed or deleted here.

Nothing is ever deleted, the Django admin included (SPEC C12): no model of this app has a
delete permission in the admin, so neither the delete view nor the "delete selected" action
exists. Items change only through complaints.services, on the officials' desk. The reporter's
identity fields are left out of the admin entirely, so that an anonim reporter is never shown
to an official (SPEC C3, C4); operators see only the items of their own agencies (SPEC A2).
Categories are the one table operators maintain here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.permissions import Action, memberships_for
from complaints.models import Attachment, Category, Complaint, Copy, Event
from standards.models import Agency

REPORTER_FIELDS = ("reporter", "reporter_name", "reporter_email", "reporter_phone")
SECRET_FIELDS = ("secret_hash", "intake_token")


def _visible_complaints(request: HttpRequest) -> QuerySet[Complaint]:
    """Superusers see every item; other operators the items of their own agencies."""
    if request.user.is_superuser:
        return Complaint.objects.all()
    return Complaint.objects.for_official(request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable only: no add, no change, no delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = Event
    fields = ("created_at", "action", "actor", "actor_agency", "is_public", "to_status", "note")
    readonly_fields = fields


class CopyInline(ReadOnlyInline):
    model = Copy
    fields = ("agency", "created_at", "created_by")
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    # The file itself is served only by the permission-checked view, never from the admin.
    fields = ("original_name", "content_type", "size", "by_reporter", "is_public", "created_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        # An information requester's identity card is for the officials holding the item.
        return super().get_queryset(request).exclude(is_identity_card=True)


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    exclude = REPORTER_FIELDS + SECRET_FIELDS
    list_display = (
        "code",
        "title",
        "kind",
        "status",
        "privacy",
        "channel",
        "holder_agency",
        "received_at",
    )
    list_filter = ("status", "kind", "privacy", "channel", "holder_tier", "sla_class")
    search_fields = ("code", "title")
    list_select_related = ("holder_agency",)
    date_hierarchy = "received_at"
    inlines = (EventInline, CopyInline, AttachmentInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Complaint]:
        return _visible_complaints(request).select_related("holder_agency")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "created_at", "action", "actor", "actor_agency", "is_public")
    list_filter = ("action", "is_public")
    search_fields = ("complaint__code",)
    list_select_related = ("complaint", "actor", "actor_agency")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .filter(complaint__in=_visible_complaints(request).values("pk"))
        )


@admin.register(Copy)
class CopyAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "agency", "created_at", "created_by")
    search_fields = ("complaint__code", "agency__name")
    list_select_related = ("complaint", "agency", "created_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Copy]:
        return (
            super()
            .get_queryset(request)
            .filter(complaint__in=_visible_complaints(request).values("pk"))
        )


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    exclude = ("file",)
    list_display = ("original_name", "complaint", "content_type", "size", "by_reporter")
    list_filter = ("content_type", "by_reporter", "is_public")
    search_fields = ("complaint__code",)
    list_select_related = ("complaint",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attachment]:
        return (
            super()
            .get_queryset(request)
            .filter(complaint__in=_visible_complaints(request).values("pk"))
            .exclude(is_identity_card=True)
        )


def may_manage_categories(user: Any) -> bool:
    """The rulebook's answer (standards.access: MANAGE_CATEGORIES, an operator or an Admin
    Instansi somewhere), or the site's superuser, who keeps every admin table."""
    if not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or memberships_for(user, Action.MANAGE_CATEGORIES))


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """The one table operators maintain here: name, slug, active flag and the OPD that the
    routing form proposes for items of the category (002:Bab VI B.1.a.7)."""

    list_display = ("name", "slug", "default_agency", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("default_agency",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "default_agency", "is_active")
    actions = None

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "default_agency":
            kwargs["queryset"] = Agency.objects.active().opds().order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_manage_categories(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_categories(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_manage_categories(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_categories(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Categories are retired with `is_active`, never deleted: items keep theirs.
        return False
