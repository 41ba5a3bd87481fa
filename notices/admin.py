"""Django admin for operators: the outbox (what was sent, what waits, what failed)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from notices import services
from notices.models import OutboundEmail, OutboundStatus


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits, what failed and why. Rows are never deleted."""

    # The recipient, the bodies and the dedupe key (which names the recipient's account) are
    # not shown: any of them next to a tracking code would tell operators who filed an
    # anonymous item (SPEC C3, C4). The bodies of account mail also hold live links.
    list_display = (
        "created_at",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    )
    list_filter = ("status",)
    search_fields = ("subject",)
    date_hierarchy = "created_at"
    actions = ("retry_now",)
    fields = readonly_fields = (
        "subject",
        "created_at",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "sent_at",
    )

    @admin.display(description=_("galat terakhir"))
    def short_error(self, obj: OutboundEmail) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Kirim ulang sekarang"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        ids = list(
            queryset.filter(status__in=[OutboundStatus.PENDING, OutboundStatus.FAILED]).values_list(
                "pk", flat=True
            )
        )
        count = services.outbox_retry_now(ids=ids)
        self.message_user(
            request, _("%(count)d email dijadwalkan untuk dikirim ulang.") % {"count": count}
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboundEmail | None = None) -> bool:
        return False  # also removes the bulk delete action
