"""The one renderer for all mail: templates/emails/<name>_subject.txt, _body.txt, _body.html."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

SUBJECT_MAX = 300  # OutboundEmail.subject


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def absolute_url(path: str) -> str:
    """A link for mail, built from SITE_URL (mail has no request to build it from)."""
    if path.startswith(("http://", "https://")) or not path:
        return path
    return settings.SITE_URL + path


def mail_render(template: str, context: Mapping[str, Any]) -> RenderedMail:
    """Render one mail. The site's name, the pemda's name and SITE_URL are always there; the
    caller's context wins over them (Django's password reset names its own site)."""
    full = {
        "site_name": settings.SITE_NAME,
        "pemda_name": settings.PEMDA_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    subject = render_to_string(f"emails/{template}_subject.txt", full)
    return RenderedMail(
        subject=" ".join(subject.split())[:SUBJECT_MAX],
        text=render_to_string(f"emails/{template}_body.txt", full),
        html=render_to_string(f"emails/{template}_body.html", full),
    )
