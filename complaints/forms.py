"""Forms of the citizen and public side of complaints (SPEC section 2).

Officers' forms live in `complaints/forms_officer.py`. Forms only parse and check input; the
writes happen in `complaints.services`.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints import selectors
from complaints.form_fields import MultipleFileField, PlainTextField, phone_validator
from complaints.models import Kind, Privacy
from complaints.services import plain_text
from standards.models import Agency, Service, Tier

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
        for service in self.queryset:
            groups.setdefault(service.agency.name, []).append((service.pk, service.name))
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
    officer for an item from another channel (forms_officer.OfficerIntakeForm). The fields
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
        "location",
        "latitude",
        "longitude",
        "event_date",
        "attachments",
        "privacy",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
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

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        agency_field: forms.ModelChoiceField = self.fields["agency"]  # type: ignore[assignment]
        agency_field.empty_label = _("Saya tidak tahu")
        service_field: ServiceChoiceField = self.fields["service"]  # type: ignore[assignment]
        service_field.choices = service_field.grouped_choices()
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
        return data


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
