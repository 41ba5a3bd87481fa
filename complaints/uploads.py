"""Attachments of a complaint: at most five files, each checked by standards.uploads (content
sniffed, size-limited, images re-encoded without their metadata). Files are served later only
through a permission-checked view, as attachments with `nosniff`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from standards.uploads import MAX_BYTES as MAX_BYTES
from standards.uploads import CleanFile as CleanFile
from standards.uploads import clean_upload as clean_upload

MAX_FILES = 5


def clean_uploads(uploads: list[UploadedFile]) -> list[CleanFile]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Paling banyak %(n)d lampiran.") % {"n": MAX_FILES})
    return [clean_upload(u) for u in uploads]
