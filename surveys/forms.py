from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standards.models import Agency, Service
from standards.placeholders import PICK
from surveys.models import FollowUpStatus, PeriodKind, Survey
from surveys.questionnaire import (
    UNSUR,
    UNSUR_CHOICES,
    AgeBand,
    Education,
    Gender,
    Occupation,
)
from surveys.services import SurveyError, period_bounds


class ResponseForm(forms.Form):
    """The questionnaire: nine unsur as radio buttons, the profile, an optional suggestion."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    gender = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=Gender.choices, widget=forms.RadioSelect
    )
    age_band = forms.ChoiceField(label=_("Usia"), choices=[("", "—"), *AgeBand.choices])
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=[("", "—"), *Education.choices]
    )
    occupation = forms.ChoiceField(label=_("Pekerjaan"), choices=[("", "—"), *Occupation.choices])
    served_on = forms.DateField(
        label=_("Tanggal menerima layanan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    suggestion = forms.CharField(
        label=_("Saran untuk perbaikan layanan (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        for unsur in UNSUR:
            self.fields[unsur.field] = forms.TypedChoiceField(
                label=f"{unsur.number}. {unsur.question}",
                choices=[(i + 1, label) for i, label in enumerate(unsur.answers)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
        if survey.service_id is None:
            self.fields["service"] = forms.ModelChoiceField(
                label=_("Layanan yang Anda terima"),
                queryset=Service.objects.active().filter(agency_id=survey.agency_id),
                empty_label="—",
            )
        self.order_fields([u.field for u in UNSUR] + ["service", "gender", "age_band"])

    def unsur_fields(self) -> list[forms.BoundField]:
        return [self[u.field] for u in UNSUR]

    def profile_fields(self) -> list[forms.BoundField]:
        names = ["service"] if "service" in self.fields else []
        names += ["gender", "age_band", "education", "occupation", "served_on"]
        return [self[n] for n in names]

    def clean_served_on(self) -> datetime.date:
        served_on: datetime.date = self.cleaned_data["served_on"]
        if served_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal layanan tidak boleh di masa depan."))
        return served_on

    def answers(self) -> dict[int, int]:
        return {u.number: self.cleaned_data[u.field] for u in UNSUR}

    @staticmethod
    def fresh_initial() -> dict[str, Any]:
        return {"idempotency_key": uuid.uuid4(), "served_on": timezone.localdate()}


class SurveyForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Penyelenggara"), queryset=Agency.objects.none(), empty_label=PICK
    )
    service = forms.ModelChoiceField(
        label=_("Jenis pelayanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Semua layanan penyelenggara"),
    )
    title = forms.CharField(label=_("Judul"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Jenis periode"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "—"),
            (1, _("Semester I (Januari–Juni)")),
            (2, _("Semester II (Juli–Desember)")),
        ],
    )
    start = forms.DateField(
        label=_("Awal periode"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Akhir periode"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    population = forms.IntegerField(
        label=_("Populasi (jumlah penerima layanan dalam periode)"),
        min_value=1,
        max_value=100_000_000,
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["service"].queryset = (
            Service.objects.active().filter(agency__in=agencies).select_related("agency")
        )
        self.fields["service"].label_from_instance = lambda s: f"{s.agency.display_name} · {s.name}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        agency, service = data.get("agency"), data.get("service")
        if agency and service and service.agency_id != agency.pk:
            self.add_error("service", _("Layanan itu bukan milik penyelenggara ini."))
        kind = data.get("period_kind")
        if kind:
            try:
                data["period_start"], data["period_end"] = period_bounds(
                    kind=kind,
                    year=data.get("year"),
                    semester=data.get("semester"),
                    start=data.get("start"),
                    end=data.get("end"),
                )
            except SurveyError as exc:
                raise forms.ValidationError(str(exc)) from None
        return data


class FollowUpForm(forms.Form):
    unsur = forms.TypedChoiceField(label=_("Unsur"), choices=UNSUR_CHOICES, coerce=int)
    action = forms.CharField(
        label=_("Rencana tindak lanjut"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Penanggung jawab"), max_length=200)
    due_date = forms.DateField(label=_("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(choices=FollowUpStatus.choices)
