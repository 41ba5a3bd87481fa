"""Forms of the rating page, the kiosk and the officials' pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reputation.models import WarningLevel
from standards.models import Agency, Service
from standards.placeholders import PICK

STAR_CHOICES = [("", _("Tanpa bintang"))] + [(str(n), str(n)) for n in range(1, 6)]


class RatingForm(forms.Form):
    """One tap: the puas / tidak puas button submits the form; the rest is optional."""

    puas = forms.TypedChoiceField(
        label=_("Apakah Anda puas dengan layanan ini?"),
        choices=[("1", _("Puas")), ("0", _("Tidak puas"))],
        coerce=lambda v: v == "1",
        error_messages={"required": _("Pilih Puas atau Tidak puas.")},
    )
    bintang = forms.TypedChoiceField(
        label=_("Bintang (1 sampai 5)"),
        choices=STAR_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    komentar = forms.CharField(
        label=_("Komentar singkat"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    kunci = forms.UUIDField(widget=forms.HiddenInput)


class KioskRatingForm(RatingForm):
    layanan = forms.ModelChoiceField(
        label=_("Layanan"), queryset=Service.objects.none(), required=False, empty_label=None
    )
    waktu = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, services: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if services is not None:
            self.fields["layanan"].queryset = services
            self.fields["layanan"].required = True


class BootstrapForm(forms.Form):
    """Officials' forms: Bootstrap classes on every widget (the rating page has its own CSS)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                if str(field.empty_label) == str(get_blank_choice_label()):
                    field.empty_label = PICK  # Django's own is English

            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class KioskIssueForm(BootstrapForm):
    agency = forms.ModelChoiceField(label=_("OPD"), queryset=Agency.objects.none())
    service = forms.ModelChoiceField(
        label=_("Layanan (kosongkan untuk semua layanan OPD)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Semua layanan OPD"),
    )
    name = forms.CharField(label=_("Nama kios"), max_length=100)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["service"].queryset = Service.objects.active().filter(agency__in=agencies)


class HideForm(BootstrapForm):
    reason = forms.CharField(label=_("Alasan"), max_length=300)


class ReplyForm(BootstrapForm):
    text = forms.CharField(
        label=_("Tanggapan publik"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ThresholdForm(BootstrapForm):
    agency = forms.ModelChoiceField(label=_("OPD"), queryset=Agency.objects.none())
    percent = forms.IntegerField(label=_("Batas kepuasan (%)"), min_value=1, max_value=100)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class WarningForm(BootstrapForm):
    agency = forms.ModelChoiceField(label=_("OPD"), queryset=Agency.objects.none())
    level = forms.ChoiceField(label=_("Jenis teguran"), choices=WarningLevel.choices)
    date = forms.DateField(
        label=_("Tanggal"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    officer_warned = forms.CharField(label=_("Pejabat yang ditegur"), max_length=150)
    reason = forms.CharField(
        label=_("Alasan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
