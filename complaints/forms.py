"""Forms of the citizen and public side of complaints (SPEC section 2).

Officers' forms live in `complaints/forms_officer.py`. Forms only parse and check input; the
writes happen in `complaints.services`.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import selectors
from complaints.form_fields import MultipleFileField, PlainTextField, phone_validator
from complaints.models import NIK_PATTERN, Category, DeliveryMethod, Kind, Privacy
from complaints.services import InformationDetails, plain_text
from standards.models import Agency, Service, Tier
from standards.placeholders import PICK, pick_one
from standards.uploads import clean_upload

# One plain sentence per choice (UX.md: Ibu Sari reads one sentence, not a paragraph).
KIND_HELP: dict[str, Any] = {
    Kind.PENGADUAN: _("Ada layanan yang buruk, lambat, atau masalah yang harus ditangani."),
    Kind.ASPIRASI: _("Anda punya usul atau saran untuk memperbaiki layanan."),
    Kind.INFORMASI: _("Anda ingin mendapat informasi dari pemerintah daerah."),
}
PRIVACY_HELP: dict[str, Any] = {
    Privacy.PUBLIK: _("Isi laporan dapat dilihat umum, identitas Anda tidak."),
    Privacy.RAHASIA: _("Isi laporan tidak ditampilkan ke publik, hanya petugas yang menanganinya."),
    Privacy.ANONIM: _(
        "Identitas Anda tidak diketahui petugas mana pun; hanya Anda yang dapat melihatnya."
    ),
}


class ServiceChoiceField(forms.ModelChoiceField):
    """Active services, grouped by the agency that provides them (one query)."""

    def __init__(self, **kwargs: Any) -> None:
        queryset = (
            Service.objects.active().select_related("agency").order_by("agency__name", "name")
        )
        super().__init__(queryset=queryset, **kwargs)

    def grouped_choices(self) -> list[tuple[Any, Any]]:
        groups: dict[str, list[tuple[int, str]]] = {}
        # Plain values, no model rows: a province lists thousands of services.
        for pk, name, agency in self.queryset.values_list("pk", "name", "agency__name"):
            groups.setdefault(agency, []).append((pk, name))
        return [("", self.empty_label), *groups.items()]


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


LOCATION_REQUIRED = _("Tuliskan lokasi kejadian untuk pengaduan.")


class IntakeBaseForm(forms.Form):
    """What every new item carries, whoever enters it: the citizen (ComplaintForm) or an
    officer for an item from another channel (forms_intake.OfficerIntakeForm). The fields
    and the rules are declared once here; a subclass only changes how they are presented
    (`labels`, `help_texts`, `radio_fields`) and adds its own fields."""

    labels: dict[str, Any] = {}
    help_texts: dict[str, Any] = {}
    radio_fields: tuple[str, ...] = ()

    intake_token = forms.UUIDField(label=_("Formulir"), widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=Kind.choices, initial=Kind.PENGADUAN)
    title = PlainTextField(label=_("Judul"), max_length=200)
    description = PlainTextField(
        label=_("Uraian"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    agency = forms.ModelChoiceField(
        label=_("OPD yang dituju"),
        queryset=Agency.objects.active().opds().order_by("name"),
        required=False,
        empty_label=PICK,
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Saya tidak tahu"),
    )
    location = PlainTextField(label=_("Lokasi kejadian"), max_length=300, required=False)
    event_date = forms.DateField(
        label=_("Tanggal kejadian (opsional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    privacy = forms.ChoiceField(
        label=_("Siapa yang boleh melihat laporan ini?"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIK,
    )
    # autocomplete tokens let phones fill these in (WCAG 1.3.5).
    reporter_name = forms.CharField(
        label=_("Nama"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    reporter_phone = forms.CharField(
        label=_("Nomor ponsel"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
        for name, text in self.help_texts.items():
            self.fields[name].help_text = text
        for name in self.radio_fields:
            field: forms.ChoiceField = self.fields[name]  # type: ignore[assignment]
            field.widget = forms.RadioSelect(choices=field.choices)
        if not self.is_bound and not self.initial.get("intake_token"):
            self.initial["intake_token"] = uuid.uuid4()
        elif self.is_bound and not _is_uuid(self.data.get(self.add_prefix("intake_token"))):
            # Nobody can correct a hidden field: a missing or mangled token gets a fresh one.
            self.data = self.data.copy()
            self.data[self.add_prefix("intake_token")] = str(uuid.uuid4())

    def clean_event_date(self) -> Any:
        value = self.cleaned_data.get("event_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Kind.PENGADUAN and not plain_text(data.get("location") or ""):
            self.add_error("location", LOCATION_REQUIRED)
        return data


# What a request for information asks beyond an item (003:Pasal 40(8) huruf e-g, k, l).
INFORMATION_FIELDS = ("nik", "identity_card", "address", "purpose", "delivery_method")
INFORMATION_REQUIRED = _("Wajib untuk permintaan informasi.")


class ComplaintForm(IntakeBaseForm):
    """The intake form: with or without an account (SPEC A1, C2, C3)."""

    radio_fields = ("kind", "privacy")
    help_texts = {
        "title": _("Satu kalimat singkat, misalnya: KTP-el belum jadi setelah 6 minggu."),
        "description": _("Apa yang terjadi, kapan, dan apa yang Anda harapkan."),
        "location": _("Alamat atau tempat kejadian. Wajib untuk pengaduan."),
    }
    field_order = [
        "kind",
        "title",
        "description",
        "agency",
        "service",
        "category",
        "location",
        "latitude",
        "longitude",
        "event_date",
        "attachments",
        "photos_public",
        "privacy",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        *INFORMATION_FIELDS,
        "intake_token",
    ]

    service = ServiceChoiceField(
        label=_("Layanan"),
        required=False,
        empty_label=_("Saya tidak tahu"),
    )
    latitude = forms.DecimalField(
        label=_("Lintang (opsional)"),
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("-90"),
        max_value=Decimal("90"),
        required=False,
    )
    longitude = forms.DecimalField(
        label=_("Bujur (opsional)"),
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("-180"),
        max_value=Decimal("180"),
        required=False,
    )
    attachments = MultipleFileField(label=_("Lampiran (opsional)"))
    photos_public = forms.BooleanField(
        label=_("Foto boleh ditampilkan di halaman publik laporan ini"),
        help_text=_(
            "Hanya foto, hanya bila laporan Publik. Dokumen (PDF) tidak pernah ditampilkan. "
            "Pastikan foto tidak memperlihatkan wajah, KTP, atau data pribadi."
        ),
        required=False,
    )
    nik = forms.CharField(
        label=_("NIK / nomor identitas"),
        max_length=16,
        min_length=16,
        required=False,
        validators=[RegexValidator(NIK_PATTERN, _("NIK terdiri dari 16 angka."))],
        help_text=_("16 angka pada KTP-el. Tidak pernah ditampilkan ke publik."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    identity_card = forms.FileField(
        label=_("Salinan kartu identitas (KTP)"),
        required=False,
        help_text=_("Foto atau PDF. Hanya petugas yang menangani yang dapat melihatnya."),
    )
    address = PlainTextField(
        label=_("Alamat lengkap"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    purpose = PlainTextField(
        label=_("Alasan permintaan informasi"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Untuk apa informasi ini Anda perlukan."),
    )
    delivery_method = forms.ChoiceField(
        label=_("Cara penyampaian informasi"),
        choices=pick_one(DeliveryMethod.choices),
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        agency_field: forms.ModelChoiceField = self.fields["agency"]  # type: ignore[assignment]
        agency_field.empty_label = _("Saya tidak tahu")
        service_field: ServiceChoiceField = self.fields["service"]  # type: ignore[assignment]
        # Read when the form is drawn, not when a submission is checked (the field validates
        # against its queryset): a valid submission never loads the list.
        service_field.choices = service_field.grouped_choices
        if getattr(user, "is_authenticated", False):
            self.initial.setdefault("reporter_name", user.full_name)
            self.initial.setdefault("reporter_email", user.email)
            self.initial.setdefault("reporter_phone", user.mobile)
            self.fields["reporter_name"].help_text = _("Diambil dari akun Anda; boleh diubah.")

    @staticmethod
    def initial_for_service(service: Service | None) -> dict[str, Any]:
        """Initial values when the form is opened from a service page (?layanan=<code>)."""
        if service is None:
            return {}
        initial: dict[str, Any] = {"service": service.pk}
        agency = service.agency
        if agency.tier == Tier.OPD:
            initial["agency"] = agency.pk
        elif agency.tier == Tier.UNIT:
            initial["agency"] = agency.ancestor_ids[-2]
        return initial

    @staticmethod
    def initial_for_agency(agency: Agency | None) -> dict[str, Any]:
        """Initial OPD when the form is opened from an agency's page (?opd=<slug>): the OPD
        itself, or the OPD a service unit belongs to."""
        if agency is None:
            return {}
        if agency.tier == Tier.OPD:
            return {"agency": agency.pk}
        if agency.tier == Tier.UNIT:
            return {"agency": agency.ancestor_ids[-2]}
        return {}

    @staticmethod
    def initial_for_kind(kind: str) -> dict[str, Any]:
        """Initial kind from a link (?jenis=aspirasi); anything else keeps the default."""
        return {"kind": kind} if kind in Kind.values else {}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Isi lintang dan bujur bersama-sama, atau kosongkan."))
        agency, service = data.get("agency"), data.get("service")
        if agency is not None and service is not None:
            if not service.agency.path.startswith(agency.path):
                self.add_error("service", _("Layanan ini bukan milik OPD yang dipilih."))
        if data.get("kind") == Kind.INFORMASI:
            self._clean_information(data)
        return data

    def clean_identity_card(self) -> Any:
        upload = self.cleaned_data.get("identity_card")
        return clean_upload(upload) if upload else None

    def _clean_information(self, data: dict[str, Any]) -> None:
        """A request for information names its requester (003:Pasal 40(8)): it cannot be
        anonymous, and asks for identity, address, purpose and the way of delivery."""
        for name in ("nik", "identity_card", "address", "purpose", "delivery_method"):
            value = data.get(name)
            empty = not plain_text(value) if isinstance(value, str) else value is None
            if empty and name not in self.errors:
                self.add_error(name, INFORMATION_REQUIRED)
        if not plain_text(data.get("reporter_name") or ""):
            self.add_error("reporter_name", INFORMATION_REQUIRED)
        if not data.get("reporter_email") and not data.get("reporter_phone"):
            self.add_error(
                "reporter_email", _("Isi email atau nomor ponsel untuk permintaan informasi.")
            )
        if data.get("privacy") == Privacy.ANONIM:
            self.add_error(
                "privacy",
                _("Permintaan informasi memerlukan identitas pemohon: pilih Publik atau Rahasia."),
            )

    def information(self) -> InformationDetails | None:
        """The request's own data, for the intake service (None for other kinds)."""
        data = self.cleaned_data
        if data.get("kind") != Kind.INFORMASI:
            return None
        return InformationDetails(
            nik=data.get("nik") or "",
            address=data.get("address") or "",
            purpose=data.get("purpose") or "",
            delivery_method=data.get("delivery_method") or "",
            identity_card=data.get("identity_card"),
        )


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Kode lacak"),
        max_length=20,
        help_text=_("Contoh: LP-AB2C-3DEF"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("Kode rahasia"),
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"].strip().upper()


class AccessLinkForm(forms.Form):
    """ "Lupa kode rahasia?": the tracking code and the e-mail or phone given at filing."""

    code = forms.CharField(
        label=_("Kode lacak"),
        max_length=20,
        help_text=_("Contoh: LP-AB2C-3DEF"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    contact = forms.CharField(
        label=_("Email atau nomor HP"),
        max_length=254,
        help_text=_("Yang Anda tulis saat mengirim laporan, misalnya nama@contoh.id atau 0812…"),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_contact(self) -> str:
        contact = self.cleaned_data["contact"].strip()
        if "@" in contact:
            try:
                validators.validate_email(contact)
            except forms.ValidationError:
                raise forms.ValidationError(_("Masukkan alamat email yang benar.")) from None
        elif len(re.sub(r"\D", "", contact)) < 8:
            raise forms.ValidationError(
                _("Masukkan alamat email atau nomor HP yang benar, misalnya 081234567890.")
            )
        return contact


class SupplyDataForm(forms.Form):
    note = PlainTextField(
        label=_("Data yang diminta"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = MultipleFileField(label=_("Lampiran"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("note") or "").strip() and not data.get("attachments") and not self.errors:
            raise forms.ValidationError(_("Tuliskan data yang diminta atau lampirkan berkas."))
        return data


class RateForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Apakah tanggapan ini menyelesaikan masalah Anda?"),
        choices=[("ya", _("Ya, saya puas")), ("tidak", _("Tidak, saya belum puas"))],
        coerce=lambda value: value == "ya",
        widget=forms.RadioSelect,
    )
    comment = PlainTextField(
        label=_("Komentar (opsional)"),
        max_length=2000,
        required=False,
        help_text=_(
            "Bila belum puas, tulis alasannya di sini; alasan ini dipakai lagi bila Anda "
            "meminta pemeriksaan ulang."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReexamineForm(forms.Form):
    reason = PlainTextField(
        label=_("Mengapa tanggapan ini belum menyelesaikan masalah?"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicListFilterForm(forms.Form):
    """Search and filters of the public list; every field optional."""

    q = forms.CharField(
        label=_("Cari"),
        max_length=100,
        required=False,
        help_text=_("Kata dari judul atau uraian, atau kode lacak (LP-…)."),
        widget=forms.SearchInput,
    )
    # Plain (pk, name) choices loaded once in __init__: the bar never reads Agency rows.
    opd = forms.TypedChoiceField(label=_("OPD"), coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *Kind.choices], required=False
    )
    # Column widths in the filter bar (includes/filter_bar.html).
    columns = {"q": "col-12 col-md-4", "opd": "col-12 col-md-3", "kind": "col-12 col-md-3"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [("", _("Semua OPD")), *selectors.opd_choices()]


class FollowForm(forms.Form):
    """Follow a public item by e-mail (double opt-in; complaints.services.follow_request)."""

    email = forms.EmailField(
        label=_("Email Anda"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DatePicker(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class StatisticsPeriodForm(forms.Form):
    """The period of the public statistics: items received from `dari` to `sampai` (both
    optional; both days included)."""

    dari = forms.DateField(
        label=_("Diterima dari tanggal"),
        required=False,
        widget=DatePicker,
    )
    sampai = forms.DateField(
        label=_("sampai tanggal"),
        required=False,
        widget=DatePicker,
    )
    columns = {"dari": "col-6 col-md-4", "sampai": "col-6 col-md-4"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("dari"), data.get("sampai")
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data
