"""Form fields shared by every complaints form (the citizen's, the officer's intake, the
officials' actions): one definition each, one cleaning each.

Forms only parse and check input; the writes happen in `complaints.services`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from complaints.services import plain_text
from complaints.uploads import MAX_BYTES, MAX_FILES, CleanFile, clean_uploads

MAX_MB = MAX_BYTES // 2**20

ACCEPTED_TYPES = "image/jpeg,image/png,application/pdf"

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{6,18}[0-9]$",
    _("Masukkan nomor telepon yang benar, misalnya 081234567890."),
)


class PlainTextField(forms.CharField):
    """Text that the services store without markup (services.plain_text, applied once, there):
    whether it is "required" is judged on what would remain, so "<b></b>" or "&lt;b&gt;" is as
    empty as "" and gets the same field error."""

    def validate(self, value: Any) -> None:
        super().validate(plain_text(value) if value else value)


def _too_big_message() -> str:
    # The server's own words, with "{name}" left for static/js/upload-check.js to fill in.
    return _("Berkas %(name)s lebih dari %(mb)d MB.") % {"name": "{name}", "mb": MAX_MB}


def _too_many_message() -> str:
    return _("Paling banyak %(n)d lampiran.") % {"n": MAX_FILES}


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that tells static/js/upload-check.js its limits, so a file that is too
    big is refused in the browser before it uploads (the server refuses it too)."""

    allow_multiple_selected = True

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        limits = {
            "data-max-bytes": str(MAX_BYTES),
            "data-max-files": str(MAX_FILES),
            "data-too-big": _too_big_message(),
            "data-too-many": _too_many_message(),
        }
        return super().get_context(name, value, {**(attrs or {}), **limits})


class MultipleFileField(forms.FileField):
    """Several files in one input. Its value is the list of checked files (`CleanFile`,
    complaints.uploads: sniffed, size-limited, images re-encoded), possibly empty; a bad file
    is a field error naming it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_TYPES}))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Foto (JPG/PNG) atau PDF, paling banyak %(n)d berkas, masing-masing 5 MB.")
            % {"n": MAX_FILES},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CleanFile]:
        single = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        uploads: list[UploadedFile] = [single(item, initial) for item in items if item]
        uploads = [u for u in uploads if u]
        if not uploads and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return clean_uploads(uploads) if uploads else []
