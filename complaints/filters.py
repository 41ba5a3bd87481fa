"""The officials' inbox: which items wait at the user's desk, and the inbox's filters.

Every query here starts from `selectors.visible_to_official` (SPEC A2); the "waiting" set is
the SQL twin of `workflow.official_actors`: items whose holder lies in the subtree of one of
the user's acting memberships, at the tier that membership's role works at.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintQuerySet,
    Kind,
    SlaClass,
    Status,
    due_soon_q,
    new_q,
    tracking_code_in,
)
from standards.placeholders import ALL

YES, NO = "ya", "tidak"
YES_NO = [(YES, _("Ya")), (NO, _("Tidak"))]


class SortFilter(django_filters.OrderingFilter):
    """Sorting in the page's language: django-filter's "(descending)" is English."""

    descending_fmt = _("%s (terbaru/terakhir dulu)")


class OfficerComplaintFilter(django_filters.FilterSet):
    """Filters of the inbox, over a `ComplaintQuerySet` annotated by `with_current_due`."""

    q = django_filters.CharFilter(method="filter_text", label=_("Cari (kode, judul, uraian)"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"), empty_label=ALL)
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Jenis"), empty_label=ALL)
    # Plain choices of (pk, name), loaded once in __init__: rendering reads no model rows.
    category = django_filters.ChoiceFilter(
        field_name="category_id", label=_("Kategori"), empty_label=ALL
    )
    channel = django_filters.ChoiceFilter(
        choices=Channel.choices, label=_("Kanal"), empty_label=ALL
    )
    sla_class = django_filters.ChoiceFilter(
        choices=SlaClass.choices, label=_("Kelas waktu penyelesaian"), empty_label=ALL
    )
    overdue = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_overdue", label=_("Terlambat"), empty_label=ALL
    )
    segera = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_due_soon",
        label=_("Jatuh tempo ≤ 5 hari kerja"),
        empty_label=ALL,
    )
    baru = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_new", label=_("Baru"), empty_label=ALL
    )
    received = django_filters.DateFromToRangeFilter(
        field_name="received_at__date",
        label=_("Tanggal diterima (dari – sampai)"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    urut = SortFilter(
        fields=(("current_due", "batas"), ("received_at", "diterima")),
        field_labels={"current_due": _("Batas waktu"), "received_at": _("Tanggal diterima")},
        label=_("Urutkan"),
        empty_label=_("Bawaan (batas waktu terdekat)"),
    )

    class Meta:
        model = Complaint
        fields: list[str] = []

    def __init__(
        self, *args: Any, now: datetime | None = None, soon: datetime | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = list(
            Category.objects.filter(is_active=True).order_by("name").values_list("pk", "name")
        )
        self.now = now or timezone.now()
        self.soon = soon or self.now

    def filter_text(self, qs: ComplaintQuerySet, name: str, value: str) -> ComplaintQuerySet:
        value = value.strip()
        code = tracking_code_in(value)
        if code:
            return qs.filter(code=code)
        if not value:
            return qs
        # Part of a code, or words through the search index like the public list
        # (ComplaintQuerySet.search); the inbox is one desk's items, so the OR is cheap.
        words = Complaint.objects.search(value).values("pk")
        return qs.filter(Q(code__icontains=value) | Q(pk__in=words))

    def filter_overdue(self, qs: ComplaintQuerySet, name: str, value: str) -> ComplaintQuerySet:
        if value == YES:
            return qs.late(self.now)
        if value == NO:
            return qs.not_late(self.now)
        return qs

    def filter_due_soon(
        self, qs: QuerySet[Complaint], name: str, value: str
    ) -> QuerySet[Complaint]:
        soon = due_soon_q(self.now, self.soon)
        if value == YES:
            return qs.filter(soon)
        if value == NO:
            return qs.exclude(soon)
        return qs

    def filter_new(self, qs: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value == YES:
            return qs.filter(new_q())
        if value == NO:
            return qs.exclude(new_q())
        return qs
