"""Service standards, their public discussion (Berita Acara) and the Maklumat Pelayanan.

A ServiceStandard is one version of the standard of one Service (SPEC S2: one adopted version
per service at a time). Its fourteen components (SPEC S1; 004:Bab III A) are structure, not
one text box: the list components (persyaratan, prosedur, complaint channels, dasar hukum) are
rows of their own, the rest are typed fields. The state of a version moves only through
standards/workflow.py: rancangan → pembahasan → ditetapkan → diganti (SPEC S3, S4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StandardStatus(models.TextChoices):
    RANCANGAN = "rancangan", _("Rancangan")
    PEMBAHASAN = "pembahasan", _("Pembahasan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    DIGANTI = "diganti", _("Diganti versi baru")


OPEN_STATUSES = (StandardStatus.RANCANGAN, StandardStatus.PEMBAHASAN)
ADOPTED_STATUSES = (StandardStatus.DITETAPKAN, StandardStatus.DIGANTI)


class TimeUnit(models.TextChoices):
    MENIT = "menit", _("menit")
    JAM = "jam", _("jam")
    HARI_KERJA = "hari_kerja", _("hari kerja")
    HARI_KALENDER = "hari_kalender", _("hari kalender")


class RevisionReason(models.TextChoices):
    """Why an adopted standard is revised (SPEC S4; 004:Bab IV)."""

    KEBIJAKAN = "kebijakan", _("Perubahan kebijakan")
    INOVASI = "inovasi", _("Inovasi pelayanan")
    TEKNOLOGI = "teknologi", _("Perkembangan teknologi")
    PROSES_BISNIS = "proses_bisnis", _("Perubahan proses bisnis")


class AdopterRole(models.TextChoices):
    KEPALA = "kepala", _("Kepala OPD")
    KEPALA_DAERAH = "kepala_daerah", _("Bupati/Walikota")
    # Versions adopted before the head of the region had a role of their own were adopted
    # under the pimpinan daerah role: kept as recorded, never written any more.
    PIMPINAN = "pimpinan", _("Pimpinan daerah")


class ServiceStandardQuerySet(models.QuerySet["ServiceStandard"]):
    def adopted(self) -> ServiceStandardQuerySet:
        return self.filter(status=StandardStatus.DITETAPKAN)

    def open(self) -> ServiceStandardQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def public(self) -> ServiceStandardQuerySet:
        """Versions the public may see: adopted ones, current or past; never drafts."""
        return self.filter(status__in=ADOPTED_STATUSES)

    def with_components(self) -> ServiceStandardQuerySet:
        return self.select_related("service__agency").prefetch_related(
            "requirements", "steps", "channels", "legal_bases"
        )


class ServiceStandard(models.Model):
    service = models.ForeignKey(
        "standards.Service",
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("jenis pelayanan"),
    )
    version = models.PositiveSmallIntegerField(_("versi"))
    status = models.CharField(
        _("status"), max_length=12, choices=StandardStatus.choices, default="rancangan"
    )

    # Service delivery components (published).
    produk = models.TextField(_("produk pelayanan"), max_length=2000, blank=True)
    duration_value = models.PositiveIntegerField(_("jangka waktu"), null=True, blank=True)
    duration_unit = models.CharField(
        _("satuan waktu"), max_length=14, choices=TimeUnit.choices, blank=True
    )
    is_free = models.BooleanField(_("gratis"), default=False)
    fee_amount = models.DecimalField(
        _("biaya/tarif (Rp)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fee_legal_basis = models.CharField(_("dasar hukum tarif"), max_length=300, blank=True)
    fee_note = models.CharField(_("keterangan biaya"), max_length=300, blank=True)

    # Internal management components (004:Bab III A.2).
    sarana = models.TextField(
        _("sarana, prasarana dan/atau fasilitas"), max_length=3000, blank=True
    )
    staff_count = models.PositiveSmallIntegerField(_("jumlah pelaksana"), null=True, blank=True)
    kompetensi = models.TextField(_("kompetensi pelaksana"), max_length=3000, blank=True)
    pengawasan = models.TextField(_("pengawasan internal"), max_length=3000, blank=True)
    jaminan_pelayanan = models.TextField(_("jaminan pelayanan"), max_length=3000, blank=True)
    jaminan_keamanan = models.TextField(
        _("jaminan keamanan dan keselamatan pelayanan"), max_length=3000, blank=True
    )
    evaluasi_kinerja = models.TextField(
        _("evaluasi kinerja pelaksana"), max_length=3000, blank=True
    )

    # Revision (SPEC S4): why this version replaces the one before.
    revision_reason = models.CharField(
        _("alasan revisi"), max_length=16, choices=RevisionReason.choices, blank=True
    )
    revision_note = models.TextField(_("uraian perubahan"), max_length=2000, blank=True)

    # Adoption (003:Pasal 14; 004:Bab III D).
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )
    adopted_by_name = models.CharField(_("nama penetap"), max_length=150, blank=True)
    adopter_role = models.CharField(
        _("jabatan penetap"), max_length=16, choices=AdopterRole.choices, blank=True
    )
    decree_number = models.CharField(_("nomor keputusan"), max_length=120, blank=True)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("diganti pada"), null=True, blank=True)

    # Internalisation (004:Bab III F): the standard explained to the staff who deliver it.
    internalised_on = models.DateField(_("tanggal internalisasi"), null=True, blank=True)
    internalisation_note = models.TextField(_("catatan internalisasi"), max_length=2000, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = ServiceStandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = _("standar pelayanan")
        ordering = ["service_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="standard_unique_version"),
            # SPEC S2: one adopted standard per service at a time.
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status="ditetapkan"),
                name="standard_one_adopted_per_service",
                violation_error_message=_("Layanan ini sudah punya standar yang ditetapkan."),
            ),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status__in=["rancangan", "pembahasan"]),
                name="standard_one_open_draft_per_service",
                violation_error_message=_("Layanan ini sudah punya rancangan yang terbuka."),
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(fee_amount__isnull=True),
                name="standard_free_has_no_fee",
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gt=0),
                name="standard_fee_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["rancangan", "pembahasan"])
                | (
                    ~Q(decree_number="")
                    & Q(decree_date__isnull=False)
                    & Q(adopted_at__isnull=False)
                    & ~Q(adopter_role="")
                ),
                name="standard_adopted_has_decree",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(revision_reason=""),
                name="standard_revision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def duration_display(self) -> str:
        if self.duration_value is None or not self.duration_unit:
            return ""
        return f"{self.duration_value} {self.get_duration_unit_display()}"

    def delivery_components(self) -> dict[str, str]:
        """The six published components as plain text, for comparing versions."""
        from standards.templatetags.lp import rupiah

        fee = rupiah(None) if self.is_free else rupiah(self.fee_amount)
        if not self.is_free and self.fee_legal_basis:
            fee = f"{fee} ({self.fee_legal_basis})"
        return {
            "produk": self.produk,
            "persyaratan": "\n".join(str(r) for r in self.requirements.all()),
            "prosedur": "\n".join(str(s) for s in self.steps.all()),
            "jangka_waktu": self.duration_display,
            "biaya": fee if (self.is_free or self.fee_amount) else "",
            "pengaduan": "\n".join(str(c) for c in self.channels.all()),
        }


DELIVERY_LABELS: dict[str, object] = {
    "produk": _("Produk pelayanan"),
    "persyaratan": _("Persyaratan"),
    "prosedur": _("Sistem, mekanisme dan prosedur"),
    "jangka_waktu": _("Jangka waktu penyelesaian"),
    "biaya": _("Biaya/tarif"),
    "pengaduan": _("Penanganan pengaduan, saran dan masukan"),
}


class DocumentForm(models.TextChoices):
    ASLI = "asli", _("asli")
    FOTOKOPI = "fotokopi", _("fotokopi")
    ASLI_FOTOKOPI = "asli_fotokopi", _("asli dan fotokopi")
    DIGITAL = "digital", _("berkas digital")


class Requirement(models.Model):
    """One item of persyaratan: what to bring, in which form, how many."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.CASCADE, related_name="requirements"
    )
    order = models.PositiveSmallIntegerField(_("urutan"))
    item = models.CharField(_("persyaratan"), max_length=300)
    form = models.CharField(
        _("bentuk"), max_length=14, choices=DocumentForm.choices, default="asli"
    )
    copies = models.PositiveSmallIntegerField(_("jumlah"), default=1)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="requirement_unique_order"),
            models.CheckConstraint(condition=Q(copies__gte=1), name="requirement_copies_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.get_form_display()}, {self.copies})"


class ProcedureStep(models.Model):
    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("urutan"))
    description = models.CharField(_("langkah"), max_length=500)
    actor = models.CharField(_("pelaksana"), max_length=150, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="step_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.actor})" if self.actor else self.description


class ComplaintChannel(models.Model):
    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="channels")
    order = models.PositiveSmallIntegerField(_("urutan"))
    channel = models.CharField(_("saluran"), max_length=150)
    contact = models.CharField(_("kontak"), max_length=300)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="channel_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.contact}"


class LegalBasis(models.Model):
    """One regulation of dasar hukum: its title, number and year."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.CASCADE, related_name="legal_bases"
    )
    order = models.PositiveSmallIntegerField(_("urutan"))
    title = models.CharField(_("peraturan"), max_length=300)
    number = models.CharField(_("nomor"), max_length=40)
    year = models.PositiveSmallIntegerField(_("tahun"))

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="legalbasis_unique_order"),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100), name="legalbasis_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} Nomor {self.number} Tahun {self.year}"


class DiscussionMethod(models.TextChoices):
    FGD = "fgd", _("Diskusi kelompok terfokus (FGD)")
    PUBLIC_HEARING = "public_hearing", _("Dengar pendapat publik (public hearing)")


class ParticipantGroup(models.TextChoices):
    PENERIMA = "penerima", _("Penerima layanan")
    TOKOH = "tokoh", _("Tokoh masyarakat")
    AKADEMISI = "akademisi", _("Akademisi")
    DUNIA_USAHA = "dunia_usaha", _("Dunia usaha")
    PROFESI = "profesi", _("Organisasi profesi")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    LSM = "lsm", _("Lembaga swadaya masyarakat")
    PEMERINTAH = "pemerintah", _("Pemerintah")


class BeritaAcara(models.Model):
    """The record of one public discussion of a draft, signed by the participants (SPEC S3)."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.PROTECT, related_name="discussions"
    )
    held_on = models.DateField(_("tanggal pembahasan"))
    method = models.CharField(_("metode"), max_length=16, choices=DiscussionMethod.choices)
    notes = models.TextField(_("catatan hasil pembahasan"), max_length=5000, blank=True)
    scan = models.FileField(_("pindaian berita acara"), upload_to="berita-acara/%Y/")
    scan_content_type = models.CharField(max_length=40, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("berita acara")
        verbose_name_plural = _("berita acara")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.standard} · {self.held_on:%Y-%m-%d}"


class Participant(models.Model):
    berita_acara = models.ForeignKey(
        BeritaAcara, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("nama"), max_length=150)
    group = models.CharField(_("unsur"), max_length=12, choices=ParticipantGroup.choices)
    institution = models.CharField(_("lembaga"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_group_display()})"


class Maklumat(models.Model):
    """Maklumat Pelayanan of one agency, versioned (SPEC S6; 004:Bab III E; 003:Pasal 16)."""

    agency = models.ForeignKey(
        "standards.Agency", on_delete=models.PROTECT, related_name="maklumat"
    )
    version = models.PositiveSmallIntegerField(_("versi"))
    statement_standard = models.TextField(
        _("pernyataan menyelenggarakan sesuai standar"), max_length=1000
    )
    statement_duty = models.TextField(_("pernyataan pelayanan sesuai kewajiban"), max_length=1000)
    statement_sanction = models.TextField(_("pernyataan siap menerima sanksi"), max_length=1000)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signer_name = models.CharField(_("nama Kepala"), max_length=150)
    signer_position = models.CharField(_("jabatan"), max_length=150)
    signed_on = models.DateField(_("tanggal"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")
        ordering = ["agency_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "version"], name="maklumat_unique_version"),
            models.CheckConstraint(
                condition=~Q(statement_standard="")
                & ~Q(statement_duty="")
                & ~Q(statement_sanction="")
                & ~Q(signer_name=""),
                name="maklumat_has_three_statements",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} v{self.version}"


class OneStopOffice(models.Model):
    """An agency running one-stop licensing (PTSP): its standards are adopted by the
    Bupati/Walikota, not the Kepala OPD (SPEC S3; 003:Pasal 14)."""

    agency = models.OneToOneField(
        "standards.Agency", on_delete=models.CASCADE, related_name="one_stop_office"
    )

    class Meta:
        verbose_name = _("penyelenggara perizinan satu pintu")
        verbose_name_plural = _("penyelenggara perizinan satu pintu")

    def __str__(self) -> str:
        return str(self.agency)
