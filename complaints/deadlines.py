"""Working-day deadlines of an item (SPEC C5, C7, C8), all at the end of a working day in the
pemda's TIME_ZONE.

The resolution period counts from receipt by the Pejabat Penghubung (002:Bab VI C): the moment
the item reaches the OPD tier (`penghubung_received_at`), not the moment the Penghubung gets
round to accepting it; the SLA class chosen at acceptance decides its length.

Where the rules are silent we chose:
- Waiting for the reporter's data stops the tier's clock; once the data arrives the item
  counts as received complete that day, and the clock of the tier holding it starts again
  from that day (the regulation counts from receipt of a complete item, B.1.a.10).
- A re-examination requested by the reporter gives the OPD a fresh resolution period of its
  SLA class from the request.
- A request for public information counts its 10 working days from receipt of the complete
  request (003:Pasal 40(10)): from the item's receipt, or from the day the requester's data
  completed it (`completed_at`), not from its arrival at the Penghubung.
- A clock always runs on an open item for whoever holds it: an admin tier's 3 working days
  run from the item's arrival until it routes or answers it, verification included (C5).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from complaints.calendar import deadline_at, working_days_between
from complaints.models import (
    INFORMATION_EXTENSION_DAYS,
    SLA_DAYS,
    Complaint,
    HolderTier,
    SlaClass,
)

VERIFICATION_DAYS = 3  # each admin tier (C5)
DATA_COMPLETION_DAYS = 10  # reporter's completion, then archived (C7)
CLOSURE_DAYS = 10  # after the final response with no reply from the reporter


def resolution_days(complaint: Complaint) -> int:
    """The item's period; an extension once granted stays part of it (003:Pasal 40(10)),
    also when the clock restarts after supplied data or a re-examination."""
    days = SLA_DAYS[complaint.sla_class or SlaClass.NORMATIF]
    if complaint.extended_at is not None:
        days += INFORMATION_EXTENSION_DAYS
    return days


def arrival_deadlines(complaint: Complaint, now: datetime) -> None:
    """Set the clocks of an item that has just arrived at its present holder."""
    agency = complaint.holder_agency
    complaint.holder_since = now
    complaint.data_due_at = None
    if complaint.holder_tier in (HolderTier.NASIONAL, HolderTier.INSTANSI):
        complaint.verification_due_at = deadline_at(now, VERIFICATION_DAYS, agency=agency)
    elif complaint.holder_tier == HolderTier.OPD and complaint.resolution_due_at is None:
        # Received by the Penghubung, who verifies within 3 working days too (C5).
        if complaint.penghubung_received_at is None:
            complaint.penghubung_received_at = now
        complaint.verification_due_at = deadline_at(now, VERIFICATION_DAYS, agency=agency)


def start_resolution(complaint: Complaint, now: datetime, *, restart: bool = False) -> None:
    """The Penghubung takes the item on: its SLA class's period runs from receipt by the
    Penghubung, or from `now` when the clock restarts (complete data, re-examination)."""
    if complaint.penghubung_received_at is None:
        complaint.penghubung_received_at = now
    if restart:
        start = now
    elif complaint.sla_class == SlaClass.INFORMASI_PUBLIK:
        start = complaint.completed_at or complaint.received_at
    else:
        start = complaint.penghubung_received_at
    complaint.verification_due_at = None
    complaint.resolution_due_at = deadline_at(
        start, resolution_days(complaint), agency=complaint.holder_agency
    )


def extended(complaint: Complaint) -> None:
    """A public-information request gets 7 more working days after its deadline (C11)."""
    if complaint.resolution_due_at is None:
        return
    complaint.resolution_due_at = deadline_at(
        complaint.resolution_due_at,
        INFORMATION_EXTENSION_DAYS,
        agency=complaint.holder_agency,
    )


def followed_up(complaint: Complaint, now: datetime) -> None:
    """Record the first follow-up (acceptance by the OPD, or a direct answer) once."""
    if complaint.first_followup_at is not None:
        return
    zone = timezone.get_default_timezone()
    complaint.first_followup_at = now
    complaint.followup_working_days = working_days_between(
        timezone.localtime(complaint.received_at, zone).date(),
        timezone.localtime(now, zone).date(),
        agency=complaint.holder_agency,
    )


def data_requested(complaint: Complaint, now: datetime) -> None:
    complaint.data_due_at = deadline_at(now, DATA_COMPLETION_DAYS, agency=complaint.holder_agency)


def data_supplied(complaint: Complaint, now: datetime) -> None:
    """Restart the clock of whichever stage the item is in (see the module docstring)."""
    complaint.data_due_at = None
    complaint.completed_at = now
    if complaint.resolution_due_at is not None:
        start_resolution(complaint, now, restart=True)
        return
    if complaint.holder_tier in (HolderTier.OPD, HolderTier.UNIT):
        # Complete from today: the Penghubung's receipt, and so the resolution period that
        # acceptance will start, count from now.
        complaint.penghubung_received_at = now
    arrival_deadlines(complaint, now)


def responded(complaint: Complaint, now: datetime) -> None:
    complaint.verification_due_at = None
    complaint.resolution_due_at = None
    complaint.closure_due_at = deadline_at(now, CLOSURE_DAYS, agency=complaint.holder_agency)


def ended(complaint: Complaint) -> None:
    complaint.verification_due_at = None
    complaint.resolution_due_at = None
    complaint.data_due_at = None
    complaint.closure_due_at = None
