"""Forms of the reports pages. Bad input gets a translated error, never a 500."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str | None) -> tuple[int, int] | None:
    """ "2026-11" -> (2026, 11); anything else -> None."""
    match = MONTH_RE.match((value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


class MonthField(forms.CharField):
    default_error_messages = {"invalid": _("Tulis bulan sebagai TTTT-BB, misalnya 2026-11.")}

    def to_python(self, value: object) -> tuple[int, int] | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_month(text)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class MonthInput(forms.TextInput):
    input_type = "month"


class RekapMonthFilter(forms.Form):
    """The filter bar of the rekap desk: which month to show (default: last month)."""

    bulan = MonthField(
        label=_("Bulan"),
        max_length=7,
        widget=MonthInput(attrs={"pattern": "[0-9]{4}-[0-9]{2}"}),
    )


class RekapBuildForm(forms.Form):
    bulan = MonthField(label=_("Bulan"), max_length=7)
    opd = forms.IntegerField(label=_("OPD"), required=False, min_value=1)


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        choices=[(1, _("Semester 1 (Januari-Juni)")), (2, _("Semester 2 (Juli-Desember)"))],
        coerce=int,
    )
    causes = forms.CharField(
        label=_("Penyebab pengaduan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("Penyebab utama pengaduan semester ini dan penyelesaiannya."),
    )
    corrective_actions = forms.CharField(
        label=_("Tindakan korektif dan rekomendasi"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
    )

    @staticmethod
    def current_semester(today: date) -> dict[str, int]:
        return {"year": today.year, "semester": 1 if today.month <= 6 else 2}
