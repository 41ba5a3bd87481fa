"""A reporter who lost the tracking secret asks for a fresh link to the item (SPEC A1, C13)."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Complaint
from complaints.reporter_access import reporter_link_context
from notices import services as notice_services

_NOT_DIGITS = re.compile(r"\D")


def phone_key(phone: str) -> str:
    """A phone number as digits with the national prefix: "+62 812-3456" and "0812 3456" are
    the same number."""
    digits = _NOT_DIGITS.sub("", phone)
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


def _match(complaint: Complaint, contact: str) -> tuple[str, str] | None:
    """("email" or "phone", the address on file) when `contact` is what the reporter gave at
    filing (or their account's e-mail or mobile); None otherwise."""
    account = complaint.reporter if complaint.reporter_id else None
    if "@" in contact:
        wanted = contact.strip().casefold()
        for email in (complaint.reporter_email, account.email if account else ""):
            if email and email.strip().casefold() == wanted:
                return "email", email.strip()
        return None
    wanted = phone_key(contact)
    if len(wanted) < 8:
        return None
    for phone in (complaint.reporter_phone, account.mobile if account else ""):
        if phone and phone_key(phone) == wanted:
            return "phone", phone.strip()
    return None


@transaction.atomic
def complaint_access_link_request(*, code: str, contact: str) -> bool:
    """Send a fresh reporter link for the item `code` to `contact` when that is the e-mail
    address or phone number on file for it: by e-mail through the outbox, by SMS through
    SMS_BACKEND. Returns whether anything was sent; callers that face the public must not
    tell (the answer would reveal whether the code exists and whose it is)."""
    if "\x00" in code or "\x00" in contact:
        return False
    complaint = (
        Complaint.objects.select_related("reporter").filter(code=code.strip().upper()).first()
    )
    if complaint is None:
        return False
    found = _match(complaint, contact)
    if found is None:
        return False
    channel, address = found
    link = reporter_link_context(complaint)
    with translation.override(settings.LANGUAGE_CODE):
        if channel == "email":
            notice_services.email_send(
                to_email=address,
                template="complaint_access_link",
                context={
                    "code": complaint.code,
                    "title": complaint.title,
                    "status": complaint.get_status_display(),
                    **link,
                },
            )
        else:
            notice_services.sms_send(
                to=address,
                text=_("Laporan %(code)s: buka %(url)s (berlaku %(days)d hari).")
                % {"code": complaint.code, "url": link["url"], "days": link["link_days"]},
            )
    return True
