"""The empty option of a select, in the page's language (UX.md: no English on Indonesian
pages). Django's and django-filter's default, "---------", says nothing to a reader: a form
field asks to pick one, a filter offers all."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

PICK = _("— Pilih —")
ALL = _("Semua")


def pick_one(choices: Any, label: Any = PICK) -> list[tuple[Any, Any]]:
    """`choices` behind an empty first option labelled `label`."""
    return [("", label), *choices]
