"""Complaints' templates ask the item (`is_publik`, `is_resolved`, `is_information_request`,
`is_final`) rather than compare its choice fields with string literals, so a renamed value
cannot silently hide a part of a page."""

from __future__ import annotations

import re
from pathlib import Path

from complaints.models import Complaint, Kind, Privacy, Status

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LITERAL = re.compile(
    r"\.(privacy|status|kind|holder_tier|channel|sla_class|nature)\s*(==|!=)\s*[\"']"
)


def test_no_complaint_template_compares_a_choice_field_with_a_literal() -> None:
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for folder in ("complaints", "includes", "emails")
        for path in sorted((TEMPLATES / folder).rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LITERAL.search(line)
    ]
    assert offenders == []


def test_the_item_answers_the_questions_templates_ask() -> None:
    """SPEC C3, C11: the properties mean the choices they name."""
    item = Complaint(privacy=Privacy.PUBLIK, status=Status.SELESAI, kind=Kind.INFORMASI)
    assert (item.is_publik, item.is_resolved, item.is_information_request) == (True, True, True)
    other = Complaint(privacy=Privacy.RAHASIA, status=Status.DITOLAK, kind=Kind.PENGADUAN)
    assert (other.is_publik, other.is_resolved, other.is_information_request) == (
        False,
        False,
        False,
    )
