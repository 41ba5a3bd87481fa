"""Comment intake: markup removed, and comments with links or abuse held for moderation."""

from __future__ import annotations

import html
import re

import nh3

_LINK = re.compile(
    r"(https?://|www\.|\b[\w-]+\.(?:com|id|net|org|info|xyz|co|me|ly|link|site|online)\b)",
    re.IGNORECASE,
)
# Common Indonesian insults; a held comment still counts, it only waits for an official.
_ABUSE = re.compile(
    r"\b(anjing|anjir|bangsat|bajingan|babi|goblok|goblog|tolol|keparat|kampret|brengsek|"
    r"asu|tai|taik|kontol|memek|ngentot|jancuk|jancok|idiot|monyet)\b",
    re.IGNORECASE,
)


def clean_comment(value: str) -> str:
    """Plain text only: tags (and script content) removed; escaped again on output."""
    text = html.unescape(nh3.clean(value or "", tags=set(), attributes={}))
    return " ".join(text.split())[:500]


def needs_moderation(text: str) -> bool:
    return bool(_LINK.search(text) or _ABUSE.search(text))
