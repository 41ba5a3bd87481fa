"""The notification preference form: which kinds of notice a user wants by e-mail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.models import KINDS_FOR_OFFICIALS, KINDS_FOR_REPORTERS, MAIL_ALWAYS, NotificationKind


def kinds_offered(*, official: bool) -> list[str]:
    """The kinds a user can hear about: a reporter's, and for officials also their desk's."""
    kinds = list(KINDS_FOR_REPORTERS)
    if official:
        kinds += [k for k in KINDS_FOR_OFFICIALS if k not in kinds]
    return kinds


class _CheckboxesWithLocked(forms.CheckboxSelectMultiple):
    """Checkboxes where some options are shown ticked and cannot be changed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.locked: set[str] = set()

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.locked:
            option["attrs"].update({"checked": True, "disabled": True})
        return option


class NotificationPreferenceForm(forms.Form):
    """One checkbox per kind of notice. The deadline kinds are shown ticked and locked for
    officials (MAIL_ALWAYS); a forged POST cannot switch them off either (the service)."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Kirim juga lewat email"),
        required=False,
        widget=_CheckboxesWithLocked,
    )

    def __init__(self, *args: Any, official: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(NotificationKind.choices)
        self.kinds = kinds_offered(official=official)
        self.fields["email_kinds"].choices = [(k, labels[k]) for k in self.kinds]
        self.locked = [labels[k] for k in self.kinds if k in MAIL_ALWAYS]
        self.fields["email_kinds"].widget.locked = {k for k in self.kinds if k in MAIL_ALWAYS}

    def choices_made(self) -> dict[str, bool]:
        """For every kind offered: whether its mail is wanted (unticked means no)."""
        ticked = set(self.cleaned_data["email_kinds"])
        return {kind: kind in ticked for kind in self.kinds}
