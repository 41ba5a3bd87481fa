"""The Agency tree and the services each agency provides.

An Agency node is an instansi (a national institution or a pemda), an OPD (dinas, badan,
kecamatan, kelurahan, sekretariat, inspektorat, RSUD, UPTD, BUMD …; 003:Pasal 1.6-1.10) or a
unit inside an OPD. A Service is a jenis pelayanan of one agency (003:Pasal 4).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    INSTANSI = "instansi", _("Instansi")
    OPD = "opd", _("Perangkat daerah")
    UNIT = "unit", _("Unit layanan")


class AgencyKind(models.TextChoices):
    NASIONAL = "nasional", _("Instansi nasional")
    PEMDA = "pemda", _("Pemerintah daerah")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    RSUD = "rsud", _("Rumah Sakit Umum Daerah")
    UPTD = "uptd", _("UPTD")
    BUMD = "bumd", _("BUMD / Perusahaan Daerah")
    UNIT = "unit", _("Unit dalam OPD")


TIER_OF_KIND: dict[str, str] = {
    AgencyKind.NASIONAL: Tier.INSTANSI,
    AgencyKind.PEMDA: Tier.INSTANSI,
    AgencyKind.UNIT: Tier.UNIT,
}


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)

    def opds(self) -> AgencyQuerySet:
        return self.filter(tier=Tier.OPD)


class Agency(models.Model):
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=AgencyKind.choices)
    # Derived from kind; stored so that tier filters are plain indexed lookups.
    tier = models.CharField(_("tingkat"), max_length=10, choices=Tier.choices, editable=False)
    # Materialised path of primary keys ("/1/4/17/"): subtree queries are one prefix lookup.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    # Public profile (003:Pasal 28).
    motto = models.CharField(_("motto"), max_length=255, blank=True)
    visi = models.TextField(_("visi"), blank=True)
    misi = models.TextField(_("misi"), blank=True, help_text=_("Satu butir misi per baris."))
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    opening_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("instansi/perangkat daerah")
        verbose_name_plural = _("instansi/perangkat daerah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(kind__in=["nasional", "pemda"]),
                name="agency_only_instansi_is_root",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AgencyKind.values), name="agency_kind_valid"
            ),
            # The stored tier is TIER_OF_KIND's answer for the kind: tier filters rely on it.
            models.CheckConstraint(
                condition=Q(kind__in=["nasional", "pemda"], tier=Tier.INSTANSI)
                | Q(kind=AgencyKind.UNIT, tier=Tier.UNIT)
                | (~Q(kind__in=["nasional", "pemda", "unit"]) & Q(tier=Tier.OPD)),
                name="agency_tier_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="agency_not_its_own_parent",
            ),
            # "/1/4/17/" ends with the row's own key; "" only between the two writes of an
            # insert (the key is known after the first).
            models.CheckConstraint(
                condition=Q(path="")
                | Q(path__endswith=Concat(Value("/"), Cast("pk", models.CharField()), Value("/"))),
                name="agency_path_ends_with_own_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Store the tier derived from the kind and, for a new row, its path under its parent.

        Nothing else: moving an existing node is `standards.services.agency_move`, which
        rewrites the subtree's paths; saving a changed parent here would leave them stale.
        """
        self.tier = TIER_OF_KIND.get(self.kind, Tier.OPD)
        if self.pk is not None:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            parent_path = "/"
            if self.parent_id:
                # Key-share lock: waits for a move of the parent's subtree (agency_move holds
                # FOR UPDATE) so the new row never takes a path the move is rewriting.
                parent_path = (
                    Agency.objects.select_for_update(no_key=True)
                    .values_list("path", flat=True)
                    .get(pk=self.parent_id)
                )
            super().save(*args, **kwargs)
            self.path = f"{parent_path}{self.pk}/"
            super().save(update_fields=["path"])

    def get_absolute_url(self) -> str:
        return reverse("standards:agency_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def misi_items(self) -> list[str]:
        return [line.strip() for line in self.misi.splitlines() if line.strip()]

    @property
    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to and including this node."""
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def clean(self) -> None:
        # Derived here too, so that full_clean's constraint checks see the tier save() stores.
        self.tier = tier = TIER_OF_KIND.get(self.kind, Tier.OPD)
        if self.parent is None:
            if tier != Tier.INSTANSI:
                raise ValidationError({"parent": _("Perangkat daerah dan unit harus punya induk.")})
            return
        if tier == Tier.UNIT and self.parent.tier != Tier.OPD:
            raise ValidationError({"parent": _("Unit layanan harus berada di bawah OPD.")})
        if tier == Tier.OPD and self.parent.tier != Tier.INSTANSI:
            raise ValidationError({"parent": _("OPD harus berada di bawah instansi.")})
        if self.pk and self.pk in self.parent.ancestor_ids:
            raise ValidationError({"parent": _("Induk tidak boleh berada di bawah simpul ini.")})


class PublicOfficer(models.Model):
    """An officer named on the agency's public profile (003:Pasal 28; 001:Pasal 11(1))."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150)
    handles_complaints = models.BooleanField(_("petugas pengaduan"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("pejabat/petugas publik")
        verbose_name_plural = _("pejabat/petugas publik")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class ServiceKind(models.TextChoices):
    BARANG = "barang", _("Barang")
    JASA = "jasa", _("Jasa")
    ADMINISTRATIF = "administratif", _("Administratif")


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(is_active=True, agency__is_active=True)


class Service(models.Model):
    """A jenis pelayanan (003:Pasal 4): goods, services or administrative."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="services", verbose_name=_("penyelenggara")
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    # Short public code printed under QR codes ("DKC-KTP"); unique across the deployment.
    code = models.SlugField(_("kode layanan"), max_length=40, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=ServiceKind.choices)
    description = models.TextField(_("uraian singkat"), max_length=1000, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    # When the service was added: its 12-month deadline for a standard counts from here, or
    # from the regulation's date if later (003:Pasal 45; standards.compliance).
    created_at = models.DateTimeField(_("ditambahkan pada"), default=timezone.now, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("jenis pelayanan")
        verbose_name_plural = _("jenis pelayanan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "slug"], name="service_slug_unique_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="service_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "standards:service_detail",
            kwargs={"agency_slug": self.agency.slug, "slug": self.slug},
        )

    def clean(self) -> None:
        if self.agency_id and self.agency.tier == Tier.INSTANSI and self.agency.kind == "nasional":
            raise ValidationError({"agency": _("Layanan harus milik pemda, OPD atau unit.")})


class CalendarDay(models.Model):
    """A day the operator adds to, or takes out of, the holiday calendar (SPEC C10).

    The national holidays and cuti bersama come from the `holidays` package; a row here adds
    a holiday the package does not know (a local holiday, hari jadi kabupaten) or, with
    `is_working_day`, makes a day the package lists as a holiday a working day again (an
    estimated Islamic date that moved). A row without agency applies everywhere; a row on an
    instansi applies to its whole subtree and wins over a national row for the same date.
    """

    # The package's categories that make a day off: national holidays and cuti bersama.
    PACKAGE_CATEGORIES = ("public", "government")
    # Bumped on every change (standards.apps); readers key their cached copies on it.
    CACHE_VERSION_KEY = "standards:calendarday:version"

    date = models.DateField(_("tanggal"))
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        limit_choices_to={"parent__isnull": True},
        verbose_name=_("instansi"),
        help_text=_("Kosongkan untuk hari yang berlaku nasional."),
    )
    is_working_day = models.BooleanField(
        _("hari kerja"),
        default=False,
        help_text=_(
            "Tidak dicentang: hari libur tambahan. Dicentang: koreksi, hari yang tercatat "
            "libur menjadi hari kerja."
        ),
    )
    description = models.CharField(_("keterangan"), max_length=200)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        verbose_name = _("hari kalender")
        verbose_name_plural = _("kalender hari kerja")
        ordering = ["date"]
        constraints = [
            # NULL agency means national: one national row per date, one per instansi.
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(agency__isnull=True),
                name="calendarday_unique_national_date",
                violation_error_message=_("Tanggal ini sudah tercatat untuk tingkat nasional."),
            ),
            models.UniqueConstraint(
                fields=["date", "agency"],
                name="calendarday_unique_agency_date",
                violation_error_message=_("Tanggal ini sudah tercatat untuk instansi ini."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency.display_name if self.agency_id else _("Nasional")
        return f"{self.date:%Y-%m-%d} {scope}: {self.description}"

    def clean(self) -> None:
        if self.agency_id and self.agency.parent_id is not None:
            raise ValidationError(
                {"agency": _("Hari kalender lokal dicatat pada instansi/pemda induk tertinggi.")}
            )


# Standards, Berita Acara and Maklumat live in their own module; importing them here registers
# them with the app (models.py is what Django loads).
from standards.models_standard import (  # noqa: E402, F401
    BeritaAcara,
    ComplaintChannel,
    LegalBasis,
    Maklumat,
    OneStopOffice,
    Participant,
    ProcedureStep,
    Requirement,
    ServiceStandard,
)
