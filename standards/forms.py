"""Forms of the directory search bar and of the officers' standard pages.

The directory's search bar is rendered by includes/filter_bar.html like every filter bar.
Forms of the officers' standard pages: The list components are typed one item per line,
fields separated by "|", so that the page works without JavaScript; each bad line gets its
own translated error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from standards.models_standard import (
    DiscussionMethod,
    DocumentForm,
    ParticipantGroup,
    RevisionReason,
    ServiceStandard,
    TimeUnit,
)
from standards.selectors import OPD_KINDS
from standards.services import COMPONENT_FIELDS, Components, ParticipantInput

MAX_LINES = 60
_FORM_WORDS = {label.lower(): value for value, label in DocumentForm.choices} | {
    value: value for value in DocumentForm.values
}
_GROUP_WORDS = {label.lower(): value for value, label in ParticipantGroup.choices} | {
    value: value for value in ParticipantGroup.values
}


def _lines(text: str) -> list[list[str]]:
    rows = [
        [part.strip() for part in line.split("|")] for line in text.splitlines() if line.strip()
    ]
    if len(rows) > MAX_LINES:
        raise forms.ValidationError(_("Paling banyak %(n)d baris.") % {"n": MAX_LINES})
    return rows


def _positive(text: str, line: int, what: str, low: int = 1, high: int = 10_000) -> int:
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise forms.ValidationError(
            _("Baris %(line)d: %(what)s harus bilangan bulat %(low)d–%(high)d.")
            % {"line": line, "what": what, "low": low, "high": high}
        )
    return value


def parse_requirements(text: str) -> list[tuple[str, str, int]]:
    items = []
    for i, parts in enumerate(_lines(text), start=1):
        item = parts[0]
        form = _FORM_WORDS.get(parts[1].lower(), None) if len(parts) > 1 and parts[1] else "asli"
        if not item or form is None or len(parts) > 3 or len(item) > 300:
            raise forms.ValidationError(
                _(
                    'Baris %(line)d: tulis "persyaratan | asli/fotokopi/asli dan fotokopi/berkas digital | jumlah".'  # noqa: E501
                )
                % {"line": i}
            )
        copies = _positive(parts[2], i, _("jumlah"), 1, 100) if len(parts) > 2 and parts[2] else 1
        items.append((item, form, copies))
    return items


def parse_pairs(text: str, *, second_required: bool, hint: str) -> list[tuple[str, str]]:
    items = []
    for i, parts in enumerate(_lines(text), start=1):
        first, second = parts[0], (parts[1] if len(parts) > 1 else "")
        if not first or len(parts) > 2 or (second_required and not second) or len(first) > 300:
            raise forms.ValidationError(
                _('Baris %(line)d: tulis "%(hint)s".') % {"line": i, "hint": hint}
            )
        items.append((first, second[:150]))
    return items


def parse_legal_bases(text: str) -> list[tuple[str, str, int]]:
    items = []
    for i, parts in enumerate(_lines(text), start=1):
        if len(parts) != 3 or not parts[0] or not parts[1] or len(parts[1]) > 40:
            raise forms.ValidationError(
                _('Baris %(line)d: tulis "jenis dan judul peraturan | nomor | tahun".')
                % {"line": i}
            )
        items.append((parts[0][:300], parts[1], _positive(parts[2], i, _("tahun"), 1945, 2100)))
    return items


def parse_participants(text: str) -> list[ParticipantInput]:
    items = []
    for i, parts in enumerate(_lines(text), start=1):
        group = _GROUP_WORDS.get(parts[1].lower()) if len(parts) > 1 else None
        if not parts[0] or group is None or len(parts) > 3 or len(parts[0]) > 150:
            raise forms.ValidationError(
                _(
                    'Baris %(line)d: tulis "nama | unsur | lembaga"; unsur salah satu dari: %(groups)s.'  # noqa: E501
                )
                % {"line": i, "groups": ", ".join(str(label) for label in ParticipantGroup.labels)}
            )
        items.append(ParticipantInput(parts[0], group, parts[2][:200] if len(parts) > 2 else ""))
    if not items:
        raise forms.ValidationError(_("Catat paling sedikit satu peserta."))
    return items


class StandardForm(forms.ModelForm):
    requirements = forms.CharField(
        label=_l("Persyaratan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_l("Satu per baris: persyaratan | asli/fotokopi/asli dan fotokopi | jumlah."),
    )
    steps = forms.CharField(
        label=_l("Sistem, mekanisme dan prosedur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_l("Satu langkah per baris, berurutan: langkah | pelaksana (boleh kosong)."),
    )
    channels = forms.CharField(
        label=_l("Penanganan pengaduan, saran dan masukan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_l("Satu saluran per baris: saluran | kontak."),
    )
    legal_bases = forms.CharField(
        label=_l("Dasar hukum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_l("Satu peraturan per baris: jenis dan judul | nomor | tahun."),
    )

    class Meta:
        model = ServiceStandard
        fields = list(COMPONENT_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "produk",
                "sarana",
                "kompetensi",
                "pengawasan",
                "jaminan_pelayanan",
                "jaminan_keamanan",
                "evaluasi_kinerja",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        std = self.instance
        if std.pk and not self.is_bound:
            self.initial["requirements"] = "\n".join(
                f"{r.item} | {r.get_form_display()} | {r.copies}" for r in std.requirements.all()
            )
            self.initial["steps"] = "\n".join(
                f"{s.description} | {s.actor}" if s.actor else s.description
                for s in std.steps.all()
            )
            self.initial["channels"] = "\n".join(
                f"{c.channel} | {c.contact}" for c in std.channels.all()
            )
            self.initial["legal_bases"] = "\n".join(
                f"{b.title} | {b.number} | {b.year}" for b in std.legal_bases.all()
            )
        self.fields["duration_unit"].choices = [("", "—"), *TimeUnit.choices]
        # A tarif is a positive amount (the database refuses others); "free" is is_free.
        self.fields["fee_amount"].min_value = 1
        self.fields["fee_amount"].validators.append(MinValueValidator(1))
        self.fields["fee_amount"].widget.attrs["min"] = "1"

    def clean_requirements(self) -> list[tuple[str, str, int]]:
        return parse_requirements(self.cleaned_data["requirements"])

    def clean_steps(self) -> list[tuple[str, str]]:
        return parse_pairs(
            self.cleaned_data["steps"], second_required=False, hint=_("langkah | pelaksana")
        )

    def clean_channels(self) -> list[tuple[str, str]]:
        return parse_pairs(
            self.cleaned_data["channels"], second_required=True, hint=_("saluran | kontak")
        )

    def clean_legal_bases(self) -> list[tuple[str, str, int]]:
        return parse_legal_bases(self.cleaned_data["legal_bases"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_free") and data.get("fee_amount"):
            self.add_error("fee_amount", _("Layanan gratis tidak punya tarif; kosongkan tarif."))
        if (data.get("duration_value") is None) != (not data.get("duration_unit")):
            self.add_error("duration_unit", _("Isi jangka waktu bersama satuannya."))
        return data

    def components(self) -> Components:
        data = self.cleaned_data
        return Components(
            fields={name: data[name] for name in COMPONENT_FIELDS},
            requirements=data["requirements"],
            steps=data["steps"],
            channels=data["channels"],
            legal_bases=data["legal_bases"],
        )

    def _post_clean(self) -> None:
        # The model's constraints are checked by the service's write; only field checks here.
        pass


class BeritaAcaraForm(forms.Form):
    held_on = forms.DateField(
        label=_l("Tanggal pembahasan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    method = forms.ChoiceField(label=_l("Metode"), choices=DiscussionMethod.choices)
    participants = forms.CharField(
        label=_l("Peserta"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_l(
            "Satu peserta per baris: nama | unsur | lembaga. Unsur: penerima layanan, tokoh "
            "masyarakat, akademisi, dunia usaha, organisasi profesi, ombudsman, lembaga swadaya "
            "masyarakat, pemerintah."
        ),
    )
    notes = forms.CharField(
        label=_l("Catatan hasil pembahasan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scan = forms.FileField(
        label=_l("Pindaian berita acara yang ditandatangani peserta"),
        help_text=_l("PDF, JPG atau PNG, paling besar 5 MB."),
    )

    def clean_participants(self) -> list[ParticipantInput]:
        return parse_participants(self.cleaned_data["participants"])


class AdoptForm(forms.Form):
    decree_number = forms.CharField(label=_l("Nomor keputusan"), max_length=120)
    decree_date = forms.DateField(
        label=_l("Tanggal keputusan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    adopted_by_name = forms.CharField(label=_l("Nama pejabat yang menetapkan"), max_length=150)


class InternaliseForm(forms.Form):
    on = forms.DateField(
        label=_l("Tanggal internalisasi"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_l("Catatan (peserta, cara)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviseForm(forms.Form):
    reason = forms.ChoiceField(label=_l("Alasan revisi"), choices=RevisionReason.choices)
    note = forms.CharField(
        label=_l("Apa yang berubah"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MaklumatForm(forms.Form):
    statement_standard = forms.CharField(
        label=_l("Pernyataan 1: menyelenggarakan pelayanan sesuai standar"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    statement_duty = forms.CharField(
        label=_l("Pernyataan 2: pelayanan sesuai kewajiban dan perbaikan terus-menerus"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    statement_sanction = forms.CharField(
        label=_l("Pernyataan 3: siap menerima sanksi dan/atau memberi kompensasi"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signer_name = forms.CharField(label=_l("Nama Kepala"), max_length=150)
    signer_position = forms.CharField(label=_l("Jabatan"), max_length=150)
    signed_on = forms.DateField(
        label=_l("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_l("Berkas XLSX"), help_text=_l("Gunakan templat; paling besar 2 MB.")
    )


class DirectorySearchForm(forms.Form):
    """Name of a service or OPD, and (on the directory page) the kind of OPD. The view
    checks the values; the form only draws them (`initial`)."""

    q = forms.CharField(
        label=_l("Nama layanan atau OPD"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
        help_text=_l("Contoh: KTP, akta kelahiran, air bersih, Disdukcapil."),
    )
    jenis = forms.ChoiceField(
        label=_l("Jenis OPD"), choices=[("", _l("Semua jenis")), *OPD_KINDS], required=False
    )

    def __init__(self, *args: Any, with_kinds: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "cari-%s")
        super().__init__(*args, **kwargs)
        if not with_kinds:
            del self.fields["jenis"]
        self.columns = {"q": "col-12 col-md-6", "jenis": "col-12 col-md-4"} if with_kinds else {}
        self.submit_col = "col-12 col-md-2" if with_kinds else "col-12 col-sm-auto"
