"""The item itself (SPEC C3-C12): its fields, indexes and database rules. What is asked of
items ("late", "public", "the current deadline", the search) is in models.queryset; its
categories are in models.category, copies and alerts in models.handling."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.category import Category
from complaints.models.choices import (
    FINAL_STATUSES,
    Channel,
    ClosureReason,
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
from complaints.models.queryset import (
    CLOSURE_DEADLINE,
    CURRENT_DEADLINES,
    ComplaintQuerySet,
    current_due,
    public_q,
    search_vector,
)
from standards.models import Agency, Service


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
