"""Counts of items kept by the write path, for the statistics and the scorecard (SPEC C15).

Every item counts once in each dimension of the tally: under the month it was received (in
the pemda's zone), the OPD it was disposed to (0 before disposition), the dimension's value
(its kind, category, channel or service; "" for the whole) and three states: still open,
open without a first follow-up, ever past a deadline on record. The statistics page and the
scorecard sum a few thousand of these rows instead of reading every item.

On PostgreSQL the database keeps the rows itself (`complaints.tally`, installed by migration
0014): a trigger on the items appends the change of an item's place (-1 where it was, +1
where it is) to ComplaintTallyDelta when one of those attributes changes, and a trigger on
the SLA sweep's alerts does so on an item's first breach, in the same transaction as the
write. Appending takes no lock that another write waits for: no hot row, no deadlock, however
many officials and citizens write at once. A reader sums the tally and the deltas not yet
folded into it, so the figures are exact at once; a beat task folds the deltas every minute.
The development database (SQLite) has no tally: the same figures are counted from the items.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.models.choices import choice_constraint


class TallyDimension(models.TextChoices):
    ALL = "all", _("semua")
    KIND = "kind", _("jenis")
    CATEGORY = "category", _("kategori")
    CHANNEL = "channel", _("kanal")
    SERVICE = "service", _("layanan")


class ComplaintTally(models.Model):
    dimension = models.CharField(max_length=10, choices=TallyDimension.choices)
    month = models.DateField()
    # The OPD the items were disposed to; 0 while not (yet) disposed. Not a foreign key: the
    # row is written by a trigger on every item change and must not lock the agency row.
    opd_id = models.IntegerField(default=0)
    # The kind or channel, or the category's or service's id, as text; "" for the whole.
    value = models.CharField(max_length=40, blank=True, default="")
    is_open = models.BooleanField()
    is_unanswered = models.BooleanField()
    is_breached = models.BooleanField()
    n = models.IntegerField(default=0)
    followup_n = models.IntegerField(default=0)
    followup_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap jumlah pengaduan")
        constraints = [
            # The key of the trigger's upsert; its index also serves every read (dimension
            # and a range of months first).
            models.UniqueConstraint(
                fields=[
                    "dimension",
                    "month",
                    "opd_id",
                    "value",
                    "is_open",
                    "is_unanswered",
                    "is_breached",
                ],
                name="complaint_tally_key",
            ),
            choice_constraint("complaint_tally", "dimension", TallyDimension),
            models.CheckConstraint(
                condition=Q(n__gte=0, followup_n__gte=0, followup_n__lte=models.F("n")),
                name="complaint_tally_counts",
            ),
            # Unanswered is a state of an open item.
            models.CheckConstraint(
                condition=Q(is_unanswered=False) | Q(is_open=True),
                name="complaint_tally_unanswered_is_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.month:%Y-%m} {self.opd_id} {self.value}: {self.n}"


class ComplaintTallyDelta(models.Model):
    """A change of the tally not yet folded into it (see the module's docstring): the same
    key, and n of -1 or +1 (summed when folded)."""

    dimension = models.CharField(max_length=10, choices=TallyDimension.choices)
    month = models.DateField()
    opd_id = models.IntegerField(default=0)
    value = models.CharField(max_length=40, blank=True, default="")
    is_open = models.BooleanField()
    is_unanswered = models.BooleanField()
    is_breached = models.BooleanField()
    n = models.IntegerField()
    followup_n = models.IntegerField(default=0)
    followup_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("perubahan rekap jumlah pengaduan")
        constraints = [
            choice_constraint("complaint_tally_delta", "dimension", TallyDimension),
        ]
        indexes = [models.Index(fields=["dimension", "month"], name="complaint_tally_delta_dim")]

    def __str__(self) -> str:
        return f"{self.dimension} {self.month:%Y-%m} {self.opd_id} {self.value}: {self.n:+d}"
