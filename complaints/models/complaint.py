"""The item itself and the QuerySet API for "late", "public" and "the current deadline"
(SPEC C3-C12); its categories are in models.category, copies and alerts in models.handling."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from functools import reduce
from operator import and_
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import CombinedSearchVector, SearchQuery, SearchVector
from django.core.exceptions import ObjectDoesNotExist
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import memberships_of
from complaints.models.category import Category
from complaints.models.choices import (
    FINAL_STATUSES,
    AlertKind,
    Channel,
    ClosureReason,
    DeadlineKind,
    DeclineReason,
    HolderTier,
    Kind,
    Nature,
    Privacy,
    SlaClass,
    Status,
    choice_constraint,
    new_tracking_code,
    not_before_receipt,
)
from standards.models import Agency, Service

# "The current deadline": the deadline an item runs on now, first of these that is set. The
# one definition behind `Complaint.current_deadline`, the `current_due` annotation, "late",
# "due soon", the inbox order and its index (SPEC C5, C7, C8).
CURRENT_DEADLINES: tuple[tuple[str, str], ...] = (
    ("data", "data_due_at"),
    ("verification", "verification_due_at"),
    ("resolution", "resolution_due_at"),
)
# After the final response the reporter's window to rate it runs (shown to the reporter only).
CLOSURE_DEADLINE = ("closure", "closure_due_at")
NEW_STATUSES = (Status.DITERIMA, Status.DIDISPOSISIKAN)


def current_due() -> Coalesce:
    """SQL of the current deadline: `Complaint.objects.with_current_due()` annotates it."""
    return Coalesce(*(field for _kind, field in CURRENT_DEADLINES))


def late_q(now: datetime) -> Q:
    """Late now: the current deadline has passed (needs the `current_due` annotation)."""
    return Q(current_due__lt=now)


def due_soon_q(now: datetime, soon: datetime) -> Q:
    """Not late yet, but due by `soon` (needs the `current_due` annotation)."""
    return Q(current_due__gte=now, current_due__lte=soon)


def public_q() -> Q:
    """Published: verified at an admin tier or accepted by the Penghubung (`published_at`),
    public, not declined (SPEC C3)."""
    return Q(privacy=Privacy.PUBLIK, published_at__isnull=False) & ~Q(status=Status.DITOLAK)


def new_q() -> Q:
    """New at the holder's desk: just arrived, or a re-examination the reporter asked for
    that nobody has acted on yet."""
    return Q(status__in=NEW_STATUSES) | Q(reexamination_pending=True)


def breach_recorded(*, current: bool = False) -> models.Exists:
    """Late on record: the SLA sweep stored a breach of one of the item's deadlines (C8, C9).

    By default any recorded breach counts, also of a deadline since replaced (statistics).
    With `current=True` only a breach of the resolution or verification deadline the item
    runs on now counts.
    """
    # DeadlineAlert (models.handling) refers to Complaint: reached through the relation.
    alerts = Complaint.deadline_alerts.rel.related_model.objects.filter(
        complaint=models.OuterRef("pk"), kind=AlertKind.BREACH
    )
    if current:
        alerts = alerts.filter(
            Q(
                deadline_kind=DeadlineKind.RESOLUTION,
                due_at=models.OuterRef("resolution_due_at"),
            )
            | Q(
                deadline_kind=DeadlineKind.VERIFICATION,
                due_at=models.OuterRef("verification_due_at"),
            )
        )
    return models.Exists(alerts)


# PostgreSQL's Snowball stemmer for Indonesian ("pelayanan" also finds "layanan"), and the
# words as written (so that the beginning of a word, "berlub", finds "berlubang").
SEARCH_CONFIG = "indonesian"
SEARCH_CONFIG_PREFIX = "simple"
SEARCH_MAX_WORDS = 8


def search_vector() -> CombinedSearchVector:
    """The words of an item the public search reads, stemmed and as written; the GIN index
    complaint_search is built on this very expression, so a search is an index lookup."""
    return SearchVector("title", "description", config=SEARCH_CONFIG) + SearchVector(
        "title", "description", config=SEARCH_CONFIG_PREFIX
    )


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    """Reads shared by models, views, filters and statistics: "late", "current deadline".

    Two meanings of late, both here: `late(now)` (the current deadline has passed, what an
    inbox shows) and `breached()` (a breach the SLA sweep recorded, what statistics count).
    """

    def public(self) -> ComplaintQuerySet:
        """What anyone may see listed: public items that an official has verified and whose
        privacy was confirmed at that verification (SPEC C3; 002:Bab VI B.1.a.5), never a
        declined one. The predicate of the index complaint_public_recent."""
        return self.filter(public_q())

    def search(self, text: str) -> ComplaintQuerySet:
        """Items with every word of `text` in their title or description: the word itself
        (stemmed), or a word that begins with it. PostgreSQL answers from the GIN index
        complaint_search; SQLite (`make run`) scans, which is fine at its size."""
        words = re.findall(r"\w+", text)[:SEARCH_MAX_WORDS]
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            query = reduce(
                and_,
                (
                    SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")
                    | SearchQuery(f"{word}:*", config=SEARCH_CONFIG_PREFIX, search_type="raw")
                    for word in words
                ),
            )
            return self.alias(search=search_vector()).filter(search=query)
        items = self
        for word in words:
            items = items.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return items

    def for_agency_paths(self, paths: list[str]) -> ComplaintQuerySet:
        """Items held by, routed through, or copied to any agency in these subtrees."""
        if not paths:
            return self.none()
        in_subtrees = Q()
        for p in paths:
            in_subtrees |= Q(path__startswith=p)
        # Copy (models.handling) refers to Complaint: reached through the relation.
        copies = Complaint.copies.rel.related_model.objects
        # One subquery of agency ids, then plain indexed foreign-key lookups: no joins.
        agencies = Agency.objects.filter(in_subtrees).values("pk")
        return self.filter(
            Q(holder_agency__in=agencies)
            | Q(nasional__in=agencies)
            | Q(instansi__in=agencies)
            | Q(opd__in=agencies)
            | Q(unit__in=agencies)
            | Q(pk__in=copies.filter(agency__in=agencies).values("complaint_id"))
        )

    def for_official(self, user: Any) -> ComplaintQuerySet:
        """What an official sees (SPEC A2): items held by, routed through or copied to an
        agency in the subtree of one of their memberships (of active agencies only)."""
        return self.for_agency_paths([m.agency.path for m in memberships_of(user)])

    def visible_to(self, user: Any, *, tracked: Collection[str] = ()) -> ComplaintQuerySet:
        """Every item this person may open: an official's, their own as reporter (by account
        or by the codes proven in their session), and public items (complaints.permissions)."""
        mine = Q(pk__in=self.model.objects.for_official(user).values("pk"))
        if getattr(user, "is_authenticated", False):
            mine |= Q(reporter=user)
        if tracked:
            mine |= Q(code__in=list(tracked))
        mine |= Q(pk__in=self.model.objects.public().values("pk"))
        return self.filter(mine)

    def of_reporter(self, user: Any) -> ComplaintQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(reporter=user)

    def breached(self, *, current: bool = False) -> ComplaintQuerySet:
        """Items the SLA sweep recorded as past a deadline (SPEC C8, C9, C15); see
        `breach_recorded`."""
        return self.filter(breach_recorded(current=current))

    def with_current_due(self) -> ComplaintQuerySet:
        """Annotate `current_due`, the current deadline (see CURRENT_DEADLINES)."""
        if "current_due" in self.query.annotations:
            return self
        return self.annotate(current_due=current_due())

    def late(self, now: datetime) -> ComplaintQuerySet:
        """Items whose current deadline has passed (SPEC C8): the inbox's "terlambat"."""
        return self.with_current_due().filter(late_q(now))

    def not_late(self, now: datetime) -> ComplaintQuerySet:
        """The complement of `late`: on time, or without a running deadline."""
        return self.with_current_due().filter(~late_q(now) | Q(current_due__isnull=True))

    def due_soon(self, now: datetime, soon: datetime) -> ComplaintQuerySet:
        return self.with_current_due().filter(due_soon_q(now, soon))

    def unfinished(self) -> ComplaintQuerySet:
        # Sorted, so that the SQL is the predicate of the index complaint_inbox_due.
        return self.exclude(status__in=sorted(FINAL_STATUSES))


class Complaint(models.Model):
    code = models.CharField(_("kode lacak"), max_length=20, unique=True, default=new_tracking_code)
    # The secret handed to the reporter at submission, stored hashed like a password.
    secret_hash = models.CharField(max_length=200, editable=False)
    # One per submitted form: a resubmitted or double-clicked form finds the same item.
    intake_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"), max_length=10_000)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about",
        verbose_name=_("OPD yang dituju"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("layanan"),
    )
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    event_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    # The reporter's choice at filing: the photos attached then may appear on the public page
    # of a public item (SPEC C3; never documents, never once the item is no longer public).
    photos_public = models.BooleanField(_("foto boleh ditampilkan publik"), default=False)
    privacy = models.CharField(_("kerahasiaan"), max_length=10, choices=Privacy.choices)
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)

    # The reporter. Never shown to any official when the item is anonim (SPEC C3, C4).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("email pelapor"), blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=20, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DITERIMA
    )
    # While waiting for the reporter's data, the status to return to.
    status_before_wait = models.CharField(max_length=20, choices=Status.choices, blank=True)
    holder_tier = models.CharField(_("posisi"), max_length=10, choices=HolderTier.choices)
    holder_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="complaints_held", verbose_name=_("pemegang")
    )
    nasional = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instansi = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opd = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_apip = models.BooleanField(_("diteruskan ke APIP"), default=False)

    # Verification (002:Bab VI B.1.a-b).
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("kategori")
    )
    nature = models.CharField(_("sifat"), max_length=20, choices=Nature.choices, blank=True)
    subject = models.CharField(_("subjek (terlapor)"), max_length=200, blank=True)
    object = models.CharField(_("objek"), max_length=200, blank=True)
    sla_class = models.CharField(
        _("kelas waktu penyelesaian"), max_length=30, choices=SlaClass.choices, blank=True
    )

    # Outcome.
    decline_reason = models.CharField(
        _("alasan penolakan"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    response = models.TextField(_("tanggapan akhir"), blank=True)
    responded_at = models.DateTimeField(_("waktu tanggapan"), null=True, blank=True)
    first_followup_at = models.DateTimeField(_("tindak lanjut pertama"), null=True, blank=True)
    # Working days from receipt to the first follow-up, fixed when it happens, so the public
    # statistics average it in SQL (002:Bab VII B.2, SPEC C15).
    followup_working_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("waktu ditutup"), null=True, blank=True)
    satisfied = models.BooleanField(_("pelapor puas"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("komentar pelapor"), blank=True, max_length=2000)
    reexamination_requested_at = models.DateTimeField(null=True, blank=True)
    # Set by the reporter's re-examination request, cleared by the holder's next act: until
    # then the item counts as new in the inbox.
    reexamination_pending = models.BooleanField(default=False, editable=False)
    # The Penghubung's first response to the reporter (002:Bab VI D.3.e).
    first_response_at = models.DateTimeField(_("respon awal"), null=True, blank=True)
    # An Admin UPP's answer waits here until the Penghubung approves it (002:Bab VI D.3.e).
    draft_response = models.TextField(_("draf tanggapan"), blank=True, max_length=10_000)
    draft_at = models.DateTimeField(_("waktu draf"), null=True, blank=True)
    # Closed by Admin Nasional when no instansi in the portal can handle it (SPEC C6, C12).
    closure_reason = models.CharField(
        _("alasan penutupan"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    # Public-information requests (SPEC C11; 003:Pasal 40(10)-(13)).
    extended_at = models.DateTimeField(_("waktu perpanjangan"), null=True, blank=True)
    information_refused = models.BooleanField(_("permintaan informasi ditolak"), default=False)
    refusal_basis = models.CharField(_("dasar hukum penolakan"), max_length=300, blank=True)

    # The first verification (an admin tier's, or the Penghubung's acceptance) that decided
    # the item's privacy again: nothing is public before it (SPEC C3; 002:Bab VI B.1.a.5).
    published_at = models.DateTimeField(_("diverifikasi untuk publik"), null=True, blank=True)

    # Clocks (SPEC C5, C7, C8; working-day deadlines computed by complaints.deadlines).
    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    # When the reporter's supplied data made the item complete; empty when it was complete
    # at receipt. A public-information request counts from here (003:Pasal 40(10), SPEC C11).
    completed_at = models.DateTimeField(_("lengkap sejak"), null=True, blank=True)
    holder_since = models.DateTimeField(default=timezone.now)
    penghubung_received_at = models.DateTimeField(null=True, blank=True)
    verification_due_at = models.DateTimeField(_("batas verifikasi"), null=True, blank=True)
    data_due_at = models.DateTimeField(_("batas kelengkapan data"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("batas penyelesaian"), null=True, blank=True)
    closure_due_at = models.DateTimeField(_("batas penutupan"), null=True, blank=True)

    # Optimistic lock: every write bumps it; a form carries the version it was rendered at.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "holder_tier"]),
            models.Index(fields=["privacy", "status"]),
            models.Index(fields=["resolution_due_at"]),
            # The SLA sweep's candidate scans; each deadline is set on few items at a time.
            models.Index(
                fields=["verification_due_at"],
                condition=Q(verification_due_at__isnull=False),
                name="complaint_verification_due",
            ),
            models.Index(
                fields=["data_due_at"],
                condition=Q(status=Status.MENUNGGU_DATA),
                name="complaint_data_due",
            ),
            models.Index(
                fields=["closure_due_at"],
                condition=Q(status=Status.SELESAI, closed_at__isnull=True),
                name="complaint_closure_due",
            ),
            # Items received in a period: the days of a statistics period outside its whole
            # months (selectors._figures), the rekap of a month, the open data.
            models.Index(fields=["received_at"], name="complaint_received"),
            # The scorecard's resolution-time histogram: answered items of a year by OPD, read
            # from the index alone (reports.scorecard.histogram).
            models.Index(
                fields=["received_at"],
                include=["responded_at", "opd"],
                condition=Q(responded_at__isnull=False),
                name="complaint_responded_times",
            ),
            # The public list: published public items, newest first (selectors.public_list).
            models.Index(
                F("received_at").desc(),
                F("id").desc(),
                condition=public_q(),
                name="complaint_public_recent",
            ),
            # The public search: words of the title and description, stemmed for Indonesian
            # (search_vector, read by selectors.public_list). PostgreSQL only: its migration
            # skips it on SQLite.
            GinIndex(search_vector(), name="complaint_search"),
            # The inbox: open items by current deadline (selectors.inbox_page). PostgreSQL
            # sorts NULLs last in ascending order, as the inbox asks; SQLite (`make run`)
            # cannot declare NULLS LAST in an index.
            models.Index(
                current_due().asc(),
                F("received_at").desc(),
                F("id").asc(),
                condition=~Q(status__in=sorted(FINAL_STATUSES)),
                name="complaint_inbox_due",
            ),
            # One desk's open items (the waiting tab of /dasbor/: held by an agency of the
            # official's subtree at their tier), in the inbox's order: the rows, the summary
            # counts and the capped count read an index range per agency and tier instead of
            # intersecting the whole province's open items (docs/bench.md).
            models.Index(
                F("holder_agency"),
                F("holder_tier"),
                current_due().asc(),
                F("received_at").desc(),
                F("id").asc(),
                condition=~Q(status__in=sorted(FINAL_STATUSES)),
                name="complaint_desk_due",
            ),
        ]
        constraints = [
            # Declined for a reason of 001:Pasal 11(2), or an information request refused
            # with its legal basis (003:Pasal 40(12)).
            models.CheckConstraint(
                condition=~Q(status=Status.DITOLAK)
                | ~Q(decline_reason="")
                | Q(information_refused=True),
                name="complaint_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(information_refused=False)
                | Q(status=Status.DITOLAK, decline_reason=""),
                name="complaint_information_refusal_is_final",
            ),
            models.CheckConstraint(
                condition=Q(information_refused=False)
                | (Q(kind=Kind.INFORMASI) & ~Q(refusal_basis="")),
                name="complaint_information_refusal_has_basis",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.PENGADUAN) | ~Q(location=""),
                name="complaint_pengaduan_has_location",
            ),
            # Every choice field holds one of its choices (workflow, privacy and routing read
            # them as enums).
            choice_constraint("complaint", "kind", Kind),
            choice_constraint("complaint", "privacy", Privacy),
            choice_constraint("complaint", "channel", Channel),
            choice_constraint("complaint", "status", Status),
            choice_constraint("complaint", "status_before_wait", Status, blank=True),
            choice_constraint("complaint", "nature", Nature, blank=True),
            choice_constraint("complaint", "sla_class", SlaClass, blank=True),
            choice_constraint("complaint", "decline_reason", DeclineReason, blank=True),
            choice_constraint("complaint", "closure_reason", ClosureReason, blank=True),
            models.CheckConstraint(
                condition=Q(closure_reason="") | Q(status=Status.SELESAI),
                name="complaint_closure_reason_only_when_answered",
            ),
            # A draft answer has a time and waits only on an open item.
            models.CheckConstraint(
                condition=Q(draft_response="")
                | (Q(draft_at__isnull=False) & ~Q(status__in=sorted(FINAL_STATUSES))),
                name="complaint_draft_only_in_progress",
            ),
            # The holder is the agency recorded for its tier on the item's route (and so the
            # tier is one of the four).
            models.CheckConstraint(
                # (isnull=False: a NULL comparison would let the row through.)
                condition=Q(
                    holder_tier=HolderTier.NASIONAL,
                    nasional__isnull=False,
                    nasional=F("holder_agency"),
                )
                | Q(
                    holder_tier=HolderTier.INSTANSI,
                    instansi__isnull=False,
                    instansi=F("holder_agency"),
                )
                | Q(holder_tier=HolderTier.OPD, opd__isnull=False, opd=F("holder_agency"))
                | Q(holder_tier=HolderTier.UNIT, unit__isnull=False, unit=F("holder_agency")),
                name="complaint_holder_on_its_route",
            ),
            # Waiting for data remembers the status to return to; only waiting (or the archive
            # that ends an unanswered wait) keeps one (complaint_request_data/supply_data).
            models.CheckConstraint(
                condition=~Q(status=Status.MENUNGGU_DATA) | ~Q(status_before_wait=""),
                name="complaint_waiting_remembers_status",
            ),
            models.CheckConstraint(
                condition=Q(status_before_wait="")
                | Q(status__in=[Status.MENUNGGU_DATA, Status.DIARSIPKAN]),
                name="complaint_status_before_wait_only_while_waiting",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(status__in=sorted(FINAL_STATUSES)),
                name="complaint_closed_only_when_final",
            ),
            models.CheckConstraint(
                condition=Q(decline_reason="") | Q(status=Status.DITOLAK),
                name="complaint_decline_reason_only_when_declined",
            ),
            models.CheckConstraint(
                condition=Q(satisfied__isnull=True) | Q(status=Status.SELESAI),
                name="complaint_rated_only_when_answered",
            ),
            # SPEC C11: the 10+7-day class and its one extension are for information requests.
            models.CheckConstraint(
                condition=~Q(sla_class=SlaClass.INFORMASI_PUBLIK) | Q(kind=Kind.INFORMASI),
                name="complaint_informasi_publik_only_for_information",
            ),
            models.CheckConstraint(
                condition=Q(extended_at__isnull=True) | Q(sla_class=SlaClass.INFORMASI_PUBLIK),
                name="complaint_extension_only_for_informasi_publik",
            ),
            # Coordinates come as a pair, on the globe.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="complaint_coordinates_paired_and_valid",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="complaint_version_positive"),
            # SPEC C5, C7, C8: deadlines and steps count from receipt, never before it.
            not_before_receipt("verification_due_at"),
            not_before_receipt("data_due_at"),
            not_before_receipt("resolution_due_at"),
            not_before_receipt("closure_due_at"),
            not_before_receipt("penghubung_received_at"),
            not_before_receipt("published_at"),
            not_before_receipt("completed_at"),
            not_before_receipt("first_followup_at"),
            not_before_receipt("responded_at"),
            not_before_receipt("closed_at"),
            not_before_receipt("first_response_at"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"code": self.code})

    def current_deadline(self, *, closure: bool = False) -> tuple[str, datetime] | None:
        """The deadline that matters now, with its kind (the Python twin of `current_due`).

        With `closure=True` the reporter's window to rate an answered item counts too (the
        reporter's page)."""
        order = (*CURRENT_DEADLINES, CLOSURE_DEADLINE) if closure else CURRENT_DEADLINES
        for kind, field in order:
            value = getattr(self, field)
            if value is not None and (kind != "closure" or self.closed_at is None):
                return kind, value
        return None

    @property
    def current_due_at(self) -> datetime | None:
        """The current deadline's moment: the `current_due` annotation when the row has it."""
        if "current_due" in self.__dict__:
            return self.__dict__["current_due"]
        found = self.current_deadline()
        return found[1] if found else None

    @property
    def information_request(self) -> Any:
        """The request-for-information data (complaints.models.information), or None."""
        try:
            return self.information  # type: ignore[attr-defined]
        except ObjectDoesNotExist:
            return None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_anonymous(self) -> bool:
        return self.privacy == Privacy.ANONIM

    @property
    def is_publik(self) -> bool:
        """Filed (or kept) as publik: its content may be on the public pages once verified
        (SPEC C3); whether it is there yet is `Complaint.objects.public()`."""
        return self.privacy == Privacy.PUBLIK

    @property
    def is_resolved(self) -> bool:
        """Ended with an answer ("Selesai"), not declined, refused or archived."""
        return self.status == Status.SELESAI

    @property
    def is_information_request(self) -> bool:
        return self.kind == Kind.INFORMASI

    def is_reporter(self, user: Any) -> bool:
        return bool(
            self.reporter_id
            and getattr(user, "is_authenticated", False)
            and user.pk == self.reporter_id
        )

    def reporter_identity_for(
        self, user: Any, *, is_reporter: bool = False
    ) -> dict[str, str] | None:
        """The reporter's identity as `user` may see it: None when hidden (SPEC C3, C4).

        An anonim item shows its reporter to the reporter alone; a public or rahasia item to
        the officials who hold it (the caller has already checked that).
        """
        if self.is_anonymous and not (is_reporter or self.is_reporter(user)):
            return None
        name = self.reporter_name or (self.reporter.full_name if self.reporter_id else "")
        email = self.reporter_email or (self.reporter.email if self.reporter_id else "")
        phone = self.reporter_phone or (self.reporter.mobile if self.reporter_id else "")
        return {"name": name, "email": email, "phone": phone}
