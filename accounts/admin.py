"""Django admin for operators: users and the roles they hold in agencies.

The Membership forms are ModelForms, so the admin runs `Membership.clean()` (role held at
the right tier of the Agency tree) before anything is saved.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry, Membership, TotpDevice, User
from standards.admin_rules import SuperuserWritesOnly


class AccountUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class AccountUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "mobile")


class MembershipInline(SuperuserWritesOnly, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("agency", "role", "is_active", "created_at")
    readonly_fields = ("created_at",)
    raw_id_fields = ("agency",)


@admin.register(User)
class UserAdmin(SuperuserWritesOnly, DjangoUserAdmin):
    form = AccountUserChangeForm
    add_form = AccountUserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data pribadi"), {"fields": ("full_name", "email", "mobile", "email_verified_at")}),
        (
            _("Hak akses"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Tanggal penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "mobile",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = (
        "username",
        "full_name",
        "email",
        "mobile",
        "email_verified_at",
        "is_active",
        "is_staff",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")
    search_fields = ("username", "full_name", "email", "mobile")
    ordering = ("username",)
    readonly_fields = ("last_login", "date_joined")
    inlines = (MembershipInline,)

    def get_inlines(self, request: HttpRequest, obj: User | None) -> list:
        # Roles are added once the user exists (the add page is the short form).
        return list(self.inlines) if obj is not None else []


@admin.register(Membership)
class MembershipAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    list_display = ("user", "role", "agency", "agency_tier", "is_active", "created_at")
    list_filter = (
        "role",
        "is_active",
        "agency__tier",
        ("agency", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "user__username",
        "user__full_name",
        "user__email",
        "agency__name",
        "agency__short_name",
    )
    raw_id_fields = ("user", "agency")
    list_select_related = ("user", "agency")
    readonly_fields = ("created_at",)

    def save_model(self, request: HttpRequest, obj: Membership, form: object, change: bool) -> None:
        obj.audit_actor = request.user  # type: ignore[attr-defined] (accounts.signals)
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        obj.audit_actor = request.user  # type: ignore[attr-defined]
        super().delete_model(request, obj)

    @admin.display(description=_("tingkat"), ordering="agency__tier")
    def agency_tier(self, obj: Membership) -> str:
        return obj.agency.get_tier_display()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).select_related("user", "agency")


@admin.register(TotpDevice)
class TotpDeviceAdmin(SuperuserWritesOnly, admin.ModelAdmin):
    """Who has two-step login on. An official who lost their phone is helped by a superuser
    deleting the device here (they then log in with the password alone and set it up again).
    The secret is never shown."""

    list_display = ("user", "confirmed_at", "created_at")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "user__full_name")
    list_select_related = ("user",)
    fields = readonly_fields = ("user", "confirmed_at", "created_at")

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TotpDevice | None = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: TotpDevice) -> None:
        obj.audit_actor = request.user  # type: ignore[attr-defined] (accounts.signals)
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The account audit trail for auditors: read, filtered, searched; never added to,
    changed or deleted here (nor anywhere: the table is append-only in the database)."""

    list_display = ("at", "action", "username", "user", "actor", "ip", "detail")
    list_filter = ("action", ("at", admin.DateFieldListFilter))
    search_fields = ("username", "user__full_name", "ip", "detail")
    list_select_related = ("user", "actor")
    date_hierarchy = "at"
    fields = readonly_fields = ("at", "action", "username", "user", "actor", "ip", "detail")

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
