"""How a reporter gets back to their items (SPEC A1, C13): a signed link, and "Laporan saya".

- **The link.** Every mail to a reporter about their item, and the "Lupa kode rahasia?" page,
  carry a link that opens the item as its reporter: `/pengaduan/akses/<token>/`, the token
  signed with SECRET_KEY and this module's salt (django.core.signing), dated, and valid for
  COMPLAINT_LINK_MAX_AGE_DAYS. Opening it does what a correct code + secret does: the
  browser session may follow the item (`selectors.remember_tracking`). The token also holds
  a fingerprint of the item's secret hash, so if that secret is ever replaced, the older
  links stop working with it.
- **Laporan saya** (`/pengaduan/saya/`): a signed-in citizen's own items, newest first,
  each with its status, the tier and agency holding it (never an official's name) and the
  deadline that matters now, in a fixed number of queries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.paginator import Page, Paginator
from django.urls import reverse

from complaints.calendar import WorkingCalendar, calendar_for
from complaints.models import Complaint
from notices.render import absolute_url

SALT = "complaints.reporter-link"
MY_PAGE_SIZE = 20


class LinkInvalid(Exception):
    """The token was not signed by the portal, or names no item (any more)."""


class LinkExpired(LinkInvalid):
    """The token was genuine but is older than COMPLAINT_LINK_MAX_AGE_DAYS."""


def link_max_age() -> timedelta:
    return timedelta(days=settings.COMPLAINT_LINK_MAX_AGE_DAYS)


def _fingerprint(complaint: Complaint) -> str:
    return hashlib.sha256(complaint.secret_hash.encode()).hexdigest()[:16]


def reporter_link_token(complaint: Complaint) -> str:
    """A dated, signed token that opens `complaint` as its reporter."""
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"c": complaint.code, "f": _fingerprint(complaint)}
    )


def reporter_link_url(complaint: Complaint) -> str:
    """The absolute link (SITE_URL) for mail and SMS."""
    return absolute_url(
        reverse("complaints:access_open", kwargs={"token": reporter_link_token(complaint)})
    )


def reporter_link_context(complaint: Complaint) -> dict[str, Any]:
    """What a mail to the reporter needs for the link: the link itself, its days, and where
    to ask for a new one (templates/emails/complaint_base_body.*)."""
    return {
        "url": reporter_link_url(complaint),
        "link_days": settings.COMPLAINT_LINK_MAX_AGE_DAYS,
        "renew_url": absolute_url(reverse("complaints:access_request")),
    }


def reporter_link_open(token: str) -> Complaint:
    """The item a token opens. Raises LinkExpired for a genuine token past its age and
    LinkInvalid for anything else (tampered, truncated, another salt, a replaced secret)."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=link_max_age())
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, UnicodeError) as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict):
        raise LinkInvalid
    code, fingerprint = data.get("c"), data.get("f")
    if not isinstance(code, str) or not isinstance(fingerprint, str):
        raise LinkInvalid
    complaint = Complaint.objects.filter(code=code).first()
    if complaint is None or _fingerprint(complaint) != fingerprint:
        raise LinkInvalid
    return complaint


# ---------------------------------------------------------------------------------------------
# Laporan saya


@dataclass(frozen=True)
class MyItem:
    complaint: Complaint
    deadline_kind: str
    deadline: datetime | None
    days_left: int | None


def my_items_page(user: Any, page_number: Any, *, now: datetime) -> tuple[Page, list[MyItem]]:
    """The page of `user`'s own items (`Complaint.objects.of_reporter`), newest first, and
    each row's current deadline with the working days left to it (negative: late). Two
    queries (count, rows) plus at most one calendar read per instansi, cached."""
    items = (
        Complaint.objects.of_reporter(user)
        .select_related("holder_agency")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(items, MY_PAGE_SIZE).get_page(page_number)
    calendars: dict[int, WorkingCalendar] = {}
    rows: list[MyItem] = []
    for complaint in page.object_list:
        # The same deadline the item's own page shows (the window to rate an answer too).
        current = complaint.current_deadline(closure=True)
        if current is None:
            rows.append(MyItem(complaint, "", None, None))
            continue
        kind, due = current
        root = complaint.holder_agency.ancestor_ids[0]
        if root not in calendars:
            calendars[root] = calendar_for(complaint.holder_agency)
        rows.append(MyItem(complaint, kind, due, calendars[root].days_left(now, due)))
    return page, rows
