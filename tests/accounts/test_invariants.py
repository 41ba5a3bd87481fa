"""The database refuses an impossible membership, a second account for one address, or an
audit entry of an unknown kind."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from accounts.models import AuditAction, AuditEntry, Membership, Role, User
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def refuses(constraint: str, write: Any) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        write()


def test_the_database_refuses_an_unknown_role() -> None:
    """SPEC A2: every membership names a role the permission rules know."""
    membership = MembershipFactory()
    refuses(
        "membership_role_valid",
        lambda: Membership.objects.filter(pk=membership.pk).update(role="superadmin"),
    )


def test_one_membership_per_user_agency_and_role_even_when_inactive() -> None:
    """SPEC A2: a role is held once; taking it away keeps the row inactive, and giving it
    back reactivates that row rather than adding a second one."""
    membership = MembershipFactory(is_active=False)
    twin = Membership(user=membership.user, agency=membership.agency, role=membership.role)
    refuses("membership_unique", lambda: Membership.objects.bulk_create([twin]))
    other_role = Membership(user=membership.user, agency=membership.agency, role=Role.KEPALA)
    Membership.objects.bulk_create([other_role])
    elsewhere = AgencyFactory.opd()
    Membership.objects.bulk_create(
        [Membership(user=membership.user, agency=elsewhere, role=membership.role)]
    )
    assert Membership.objects.filter(user=membership.user).count() == 3


def test_one_account_per_email_address_whatever_its_case() -> None:
    """SPEC A1: an e-mail address belongs to one account."""
    UserFactory(email="siti@contoh.go.id")
    refuses(
        "user_email_unique_ci",
        lambda: User.objects.bulk_create(
            [User(username="siti2", full_name="Siti", email="SITI@contoh.go.id")]
        ),
    )
    User.objects.bulk_create(
        [User(username="a", full_name="A", email=""), User(username="b", full_name="B", email="")]
    )


def test_an_audit_entry_records_a_known_kind_of_event() -> None:
    """SPEC A2: the auditor's trail names only events the admin can label. The trail is
    append-only, so the bad row is an insert."""
    AuditEntry.objects.bulk_create([AuditEntry(action=AuditAction.LOGIN, username="siti")])
    refuses(
        "audit_entry_action_valid",
        lambda: AuditEntry.objects.bulk_create([AuditEntry(action="hack", username="siti")]),
    )


def test_every_constraint_of_the_accounts_app_has_a_case_here() -> None:
    declared = {
        c.name
        for model in apps.get_app_config("accounts").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    assert declared == {
        "membership_unique",
        "membership_role_valid",
        "user_email_unique_ci",
        "audit_entry_action_valid",
    }
