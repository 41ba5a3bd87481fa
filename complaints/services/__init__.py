"""Every write that matters to a complaint. Views, admin, tasks and tests call these.

Each service is atomic. Acting services take the item's primary key and the `version` the
actor saw: the row is locked (`SELECT … FOR UPDATE`) and the version compared, so of two
officers acting at the same moment one succeeds and the other is told the item changed.
Every change writes one append-only Event (SPEC C14).

- `intake`: submission and the tracking secret;
- `routing`: verification and disposition across the tiers;
- `handling`: data requests, responses, the reporter's steps, the system's steps;
- `access`: a fresh link to an item for a reporter who lost the secret;
- `common`: the lock, version and workflow check shared by all of them.
"""

from complaints.services.access import complaint_access_link_request
from complaints.services.common import (
    PRIVACY_ORDER,
    Answer,
    ComplaintContent,
    Delivery,
    InformationDetails,
    Note,
    NotPermitted,
    Receipt,
    Refusal,
    Reporter,
    StaleComplaint,
    Verification,
    _event,
    plain_text,
)
from complaints.services.handling import (
    complaint_add_note,
    complaint_approve_answer,
    complaint_archive,
    complaint_close,
    complaint_deadline_event,
    complaint_deadline_events,
    complaint_draft_answer,
    complaint_extend,
    complaint_first_response,
    complaint_rate,
    complaint_reexamine,
    complaint_refuse_information,
    complaint_report_obstacle,
    complaint_request_data,
    complaint_respond,
    complaint_return_draft,
    complaint_supply_data,
)
from complaints.services.intake import (
    complaint_check_secret,
    complaint_submit,
)
from complaints.services.public import (
    complaint_me_too,
    follow_confirm,
    follow_from_unsubscribe_token,
    follow_request,
    follow_unsubscribe,
)
from complaints.services.routing import (
    complaint_accept,
    complaint_assign_unit,
    complaint_conclude,
    complaint_copy,
    complaint_decline,
    complaint_recall,
    complaint_return,
    complaint_route,
    complaint_verify,
)

__all__ = [
    "complaint_access_link_request",
    "PRIVACY_ORDER",
    "Answer",
    "ComplaintContent",
    "Delivery",
    "InformationDetails",
    "Note",
    "Refusal",
    "Reporter",
    "Verification",
    "NotPermitted",
    "Receipt",
    "StaleComplaint",
    "_event",
    "plain_text",
    "complaint_submit",
    "complaint_check_secret",
    "complaint_verify",
    "complaint_route",
    "complaint_accept",
    "complaint_assign_unit",
    "complaint_return",
    "complaint_copy",
    "complaint_decline",
    "complaint_request_data",
    "complaint_supply_data",
    "complaint_report_obstacle",
    "complaint_add_note",
    "complaint_respond",
    "complaint_refuse_information",
    "complaint_extend",
    "complaint_rate",
    "complaint_reexamine",
    "complaint_archive",
    "complaint_close",
    "complaint_deadline_event",
    "complaint_deadline_events",
    "complaint_me_too",
    "follow_request",
    "follow_confirm",
    "follow_unsubscribe",
    "follow_from_unsubscribe_token",
    "complaint_recall",
    "complaint_conclude",
    "complaint_first_response",
    "complaint_draft_answer",
    "complaint_approve_answer",
    "complaint_return_draft",
]
