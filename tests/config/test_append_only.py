"""The audit tables are append-only in PostgreSQL itself (SPEC C12, C14, C17): a trigger
refuses UPDATE and DELETE whether they come through the ORM or as raw SQL, and the Django
admin offers no delete (and no change) on them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from complaints.models import (
    AlertKind,
    Complaint,
    DeadlineAlert,
    DeadlineKind,
    Event,
    EventAction,
)
from reports import services as report_services
from reports.models import Rekap
from reputation import services as rating_services
from reputation.models import CommentStatus, ModerationLog, Rating
from tests.factories import AgencyFactory, ServiceFactory, UserFactory
from tests.personas import build_world

pytestmark = pytest.mark.django_db


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        write()


def raw(sql: str, *params: Any) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


@pytest.fixture
def item() -> Complaint:
    return build_world().submit().complaint


def test_a_timeline_step_cannot_be_changed_or_deleted_spec_c14(item: Complaint) -> None:
    """SPEC C14: ORM save, queryset update, delete and raw SQL all fail; the row is intact."""
    event = Event.objects.filter(complaint=item).first()
    assert event is not None
    before = Event.objects.filter(pk=event.pk).values().get()
    event.note = "ditulis ulang"
    refused(event.save)
    refused(lambda: Event.objects.filter(pk=event.pk).update(is_public=False))
    refused(lambda: Event.objects.filter(pk=event.pk).delete())
    refused(raw("UPDATE complaints_event SET note = 'x' WHERE id = %s", event.pk))
    refused(raw("DELETE FROM complaints_event WHERE id = %s", event.pk))
    refused(raw("DELETE FROM complaints_event"))
    assert Event.objects.filter(pk=event.pk).values().get() == before
    Event.objects.create(complaint=item, action=EventAction.ACCEPTED)  # appending still works


def test_a_deadline_alert_cannot_be_changed_or_deleted_spec_c12(item: Complaint) -> None:
    """SPEC C12: nothing that happened to an item is taken back, an SLA breach included."""
    alert = DeadlineAlert.objects.create(
        complaint=item,
        kind=AlertKind.BREACH,
        deadline_kind=DeadlineKind.VERIFICATION,
        due_at=timezone.now(),
    )
    refused(lambda: DeadlineAlert.objects.filter(pk=alert.pk).update(kind=AlertKind.REMINDER))
    refused(alert.delete)
    refused(raw("UPDATE complaints_deadlinealert SET due_at = now() WHERE id = %s", alert.pk))
    refused(raw("DELETE FROM complaints_deadlinealert WHERE id = %s", alert.pk))
    assert DeadlineAlert.objects.get(pk=alert.pk).kind == AlertKind.BREACH


def test_a_ratings_substance_is_final_its_moderation_is_not() -> None:
    """A rating's verdict, stars, text and time never change; hiding a comment and the
    OPD's reply do (reputation.services writes only those columns)."""
    service = ServiceFactory()
    rating = rating_services.rating_submit(
        user=UserFactory(),
        service=service,
        satisfied=False,
        stars=2,
        comment="Antrean lama sekali.",
        idempotency_key=uuid.uuid4(),
    ).rating
    Rating.objects.filter(pk=rating.pk).update(
        comment_status=CommentStatus.HIDDEN, hidden_reason="uji", reply="Maaf."
    )
    for change in ({"stars": 5}, {"satisfied": True}, {"comment": "Bagus"}, {"day": "2020-01-01"}):
        refused(lambda change=change: Rating.objects.filter(pk=rating.pk).update(**change))
    refused(lambda: Rating.objects.filter(pk=rating.pk).delete())
    refused(raw("UPDATE reputation_rating SET satisfied = true WHERE id = %s", rating.pk))
    refused(raw("DELETE FROM reputation_rating WHERE id = %s", rating.pk))
    kept = Rating.objects.get(pk=rating.pk)
    assert (kept.stars, kept.satisfied, kept.reply) == (2, False, "Maaf.")


def test_the_moderation_log_is_append_only() -> None:
    rating = rating_services.rating_submit(
        user=None,
        service=ServiceFactory(),
        satisfied=True,
        idempotency_key=uuid.uuid4(),
        voter_key="b:uji",
    ).rating
    log = ModerationLog.objects.create(rating=rating, actor=UserFactory(), action="hide")
    refused(lambda: ModerationLog.objects.filter(pk=log.pk).update(reason="lain"))
    refused(log.delete)
    refused(raw("DELETE FROM reputation_moderationlog WHERE id = %s", log.pk))


def test_a_monthly_report_is_signed_once_then_final_spec_c17() -> None:
    """SPEC C17: an unsigned version may only be signed; a signed one changes no more."""
    opd = AgencyFactory.opd()
    kepala = UserFactory.official(agency=opd, role="kepala")
    rekap = report_services.rekap_build(user=None, agency=opd, year=2026, month=11)
    refused(lambda: Rekap.objects.filter(pk=rekap.pk).update(pdf=b"%PDF-1.7 lain"))
    refused(lambda: Rekap.objects.filter(pk=rekap.pk).update(row_count=99))
    report_services.rekap_sign(user=kepala, rekap_id=rekap.pk)
    refused(lambda: Rekap.objects.filter(pk=rekap.pk).update(signed_at=timezone.now()))
    refused(lambda: Rekap.objects.filter(pk=rekap.pk).update(signed_by=None, signed_at=None,
                                                              signed_sha256=""))  # fmt: skip
    refused(raw("UPDATE reports_rekap SET signed_sha256 = 'x' WHERE id = %s", rekap.pk))
    refused(raw("DELETE FROM reports_rekap WHERE id = %s", rekap.pk))
    assert Rekap.objects.get(pk=rekap.pk).signed_by == kepala


APPEND_ONLY = [Complaint, Event, DeadlineAlert, Rating, ModerationLog, Rekap]


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda m: m.__name__)
def test_the_admin_offers_no_delete_on_audit_tables_spec_c12(model: type) -> None:
    """SPEC C12: even a superuser gets no delete view or action (and no change form)."""
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        return  # not in the admin at all: nothing to delete there
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_change_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
