"""The database refuses an impossible agency or service, whatever code writes the row.

Each case writes one bad value with `QuerySet.update()` or `bulk_create()`, which skip every
Python check, and expects PostgreSQL to refuse it by the constraint's name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F

from standards.models import Agency, AgencyKind, CalendarDay, Service, Tier
from tests.factories import AgencyFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def refuses(constraint: str, write: Any) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        write()


AGENCY_CASES: list[tuple[str, dict[str, Any]]] = [
    ("agency_only_instansi_is_root", {"parent": None}),
    ("agency_kind_valid", {"kind": "desa"}),
    ("agency_tier_matches_kind", {"tier": Tier.UNIT}),
    ("agency_tier_matches_kind", {"kind": AgencyKind.PEMDA}),
    ("agency_not_its_own_parent", {"parent": F("pk")}),
    ("agency_path_ends_with_own_id", {"path": "/1/2/"}),
]


@pytest.mark.parametrize(("constraint", "values"), AGENCY_CASES)
def test_the_database_refuses_an_impossible_agency(constraint, values) -> None:
    """SPEC A2: roles reach subtrees through the tree's kinds, tiers and paths, so the
    database keeps them consistent."""
    opd = AgencyFactory.opd()
    refuses(constraint, lambda: Agency.objects.filter(pk=opd.pk).update(**values))


def test_a_consistent_tree_is_accepted() -> None:
    opd = AgencyFactory.opd(kind=AgencyKind.KECAMATAN)
    unit = AgencyFactory.unit(parent=opd)
    assert (opd.tier, unit.tier) == (Tier.OPD, Tier.UNIT)
    assert Agency.objects.filter(pk=opd.pk).update(kind=AgencyKind.BUMD) == 1


def test_slugs_and_service_codes_are_unique() -> None:
    service = ServiceFactory()
    twin = Agency.objects.filter(pk=service.agency.pk).values()[0]
    twin.update(id=None, path="")
    refuses("slug", lambda: Agency.objects.bulk_create([Agency(**twin)]))
    copy = {"agency": service.agency, "name": "Lain", "kind": service.kind}
    refuses(
        "code",
        lambda: Service.objects.bulk_create([Service(**copy, slug="lain", code=service.code)]),
    )
    refuses(
        "service_slug_unique_per_agency",
        lambda: Service.objects.bulk_create([Service(**copy, slug=service.slug, code="LAIN-1")]),
    )


def test_the_database_refuses_an_unknown_service_kind() -> None:
    service = ServiceFactory()
    refuses(
        "service_kind_valid",
        lambda: Service.objects.filter(pk=service.pk).update(kind="hiburan"),
    )


def test_one_calendar_row_per_date_nationally_and_per_instansi() -> None:
    """SPEC C10: one correction per date and scope."""
    pemda = AgencyFactory.pemda()
    day = date(2026, 8, 20)
    CalendarDay.objects.create(date=day, description="Libur")
    CalendarDay.objects.create(date=day, agency=pemda, description="Libur daerah")
    refuses(
        "calendarday_unique_national_date",
        lambda: CalendarDay.objects.bulk_create([CalendarDay(date=day, description="Lagi")]),
    )
    refuses(
        "calendarday_unique_agency_date",
        lambda: CalendarDay.objects.bulk_create(
            [CalendarDay(date=day, agency=pemda, description="Lagi")]
        ),
    )


def test_every_constraint_of_the_standards_app_has_a_case_here() -> None:
    declared = {
        c.name
        for model in apps.get_app_config("standards").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    tested = {name for name, _ in AGENCY_CASES} | {
        "service_kind_valid",
        "service_slug_unique_per_agency",
        "calendarday_unique_national_date",
        "calendarday_unique_agency_date",
    }
    assert declared - tested == set()
