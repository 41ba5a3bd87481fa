"""The officer's form for an item that came by another channel: SMS, letter, walk-in, phone
(SPEC C1). The act forms on an item are in forms_officer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.permissions import Action, memberships_for
from complaints.form_fields import MultipleFileField
from complaints.forms import IntakeBaseForm
from complaints.models import (
    Channel,
)
from standards.models import Agency, Tier
from standards.placeholders import PICK, pick_one


def intake_agencies(user: Any) -> QuerySet[Agency]:
    """OPDs an officer may name as the item's subject: those of their instansi (all, for an
    Admin Nasional)."""
    memberships = memberships_for(user, Action.INTAKE_COMPLAINT)
    opds = Agency.objects.active().filter(tier=Tier.OPD)
    if any(m.role == Role.ADMIN_NASIONAL for m in memberships):
        return opds
    roots = {m.agency.ancestor_ids[0] for m in memberships}
    if not roots:
        return opds.none()
    paths = Q()
    for root in roots:
        paths |= Q(path__startswith=f"/{root}/")
    return opds.filter(paths)


class OfficerIntakeForm(IntakeBaseForm):
    """An item that arrived outside the portal, entered by an officer (SPEC C1). The fields
    and rules are the citizen's (IntakeBaseForm); the officer also says where it came from."""

    labels = {
        "kind": _("Jenis"),
        "location": _("Lokasi"),
        "event_date": _("Tanggal kejadian"),
        "privacy": _("Kerahasiaan"),
        "reporter_name": _("Nama pelapor"),
        "reporter_email": _("Email pelapor"),
        "reporter_phone": _("Telepon pelapor"),
    }
    help_texts = {
        "location": _("Wajib untuk pengaduan."),
        "privacy": _("Anonim: identitas pelapor tidak ditampilkan kepada petugas mana pun."),
    }
    field_order = [
        "intake_token",
        "channel",
        "kind",
        "title",
        "description",
        "location",
        "event_date",
        "agency",
        "category",
        "privacy",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "files",
    ]

    channel = forms.ChoiceField(
        choices=pick_one(c for c in Channel.choices if c[0] != Channel.PORTAL),
        label=_("Kanal masuk"),
    )
    files = MultipleFileField(label=_("Lampiran (opsional)"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field: forms.ModelChoiceField = self.fields["agency"]  # type: ignore[assignment]
        agency_field.queryset = intake_agencies(user)
        category_field: forms.ModelChoiceField = self.fields["category"]  # type: ignore[assignment]
        category_field.empty_label = PICK
        for name in ("reporter_name", "reporter_email", "reporter_phone"):
            # The officer types someone else's details: no autofill with their own.
            self.fields[name].widget.attrs.pop("autocomplete", None)
