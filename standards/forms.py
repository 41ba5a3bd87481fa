"""The directory's search bar, rendered by includes/filter_bar.html like every filter bar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from standards.selectors import OPD_KINDS


class DirectorySearchForm(forms.Form):
    """Name of a service or OPD, and (on the directory page) the kind of OPD. The view
    checks the values; the form only draws them (`initial`)."""

    q = forms.CharField(
        label=_("Nama layanan atau OPD"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
        help_text=_("Contoh: KTP, akta kelahiran, air bersih, Disdukcapil."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis OPD"), choices=[("", _("Semua jenis")), *OPD_KINDS], required=False
    )

    def __init__(self, *args: Any, with_kinds: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "cari-%s")
        super().__init__(*args, **kwargs)
        if not with_kinds:
            del self.fields["jenis"]
        self.columns = {"q": "col-12 col-md-6", "jenis": "col-12 col-md-4"} if with_kinds else {}
        self.submit_col = "col-12 col-md-2" if with_kinds else "col-12 col-sm-auto"
