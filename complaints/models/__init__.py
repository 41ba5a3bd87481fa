"""Complaints (pengaduan), aspirations and information requests (SPEC section 2).

An item waits at one holder: a tier (nasional, instansi, OPD or unit) and an agency of that
tier. Its route through the tiers is kept (nasional → instansi → OPD → unit) so the agencies
it passed through can keep following it. Every change is an append-only Event; nothing is
ever deleted (002:Bab IV A.2.a, SPEC C12).
"""

from __future__ import annotations

from complaints.models.category import Category
from complaints.models.choices import (
    CODE_ALPHABET,
    FINAL_STATUSES,
    INFORMATION_EXTENSION_DAYS,
    SLA_DAYS,
    AlertKind,
    Channel,
    ClosureReason,
    DeadlineKind,
    DeclineReason,
    DeliveryFormat,
    DeliveryMethod,
    EventAction,
    ExemptionGround,
    HolderTier,
    Kind,
    Nature,
    Privacy,
    SlaClass,
    Status,
    choice_constraint,
    new_tracking_code,
    not_before_receipt,
    tracking_code_in,
)
from complaints.models.complaint import Complaint
from complaints.models.handling import Copy, DeadlineAlert
from complaints.models.information import NIK_PATTERN, InformationRequest
from complaints.models.public import Follow, FollowQuerySet, MeToo, follow_token_hash
from complaints.models.queryset import (
    CLOSURE_DEADLINE,
    CURRENT_DEADLINES,
    NEW_STATUSES,
    SEARCH_CONFIG,
    SEARCH_CONFIG_PREFIX,
    ComplaintQuerySet,
    breach_recorded,
    current_due,
    due_soon_q,
    late_q,
    new_q,
    public_q,
    search_vector,
)
from complaints.models.tally import ComplaintTally, ComplaintTallyDelta, TallyDimension
from complaints.models.timeline import (
    ATTACHMENT_TYPES,
    Attachment,
    Event,
    EventQuerySet,
    attachment_path,
)

__all__ = [
    "ATTACHMENT_TYPES",
    "CURRENT_DEADLINES",
    "SEARCH_CONFIG",
    "SEARCH_CONFIG_PREFIX",
    "SLA_DAYS",
    "AlertKind",
    "Attachment",
    "CLOSURE_DEADLINE",
    "CODE_ALPHABET",
    "Category",
    "Channel",
    "Complaint",
    "ComplaintQuerySet",
    "ComplaintTally",
    "ComplaintTallyDelta",
    "Copy",
    "DeadlineAlert",
    "DeadlineKind",
    "ClosureReason",
    "DeclineReason",
    "DeliveryFormat",
    "DeliveryMethod",
    "ExemptionGround",
    "InformationRequest",
    "NIK_PATTERN",
    "Event",
    "EventAction",
    "EventQuerySet",
    "Follow",
    "FollowQuerySet",
    "MeToo",
    "follow_token_hash",
    "FINAL_STATUSES",
    "HolderTier",
    "INFORMATION_EXTENSION_DAYS",
    "Kind",
    "NEW_STATUSES",
    "Nature",
    "Privacy",
    "SlaClass",
    "Status",
    "TallyDimension",
    "attachment_path",
    "breach_recorded",
    "choice_constraint",
    "current_due",
    "due_soon_q",
    "late_q",
    "new_q",
    "public_q",
    "new_tracking_code",
    "not_before_receipt",
    "search_vector",
    "tracking_code_in",
]
