"""The database refuses an impossible agency, service, standard or maklumat, whatever code
writes the row.

Each case writes one bad value with `QuerySet.update()` or `bulk_create()`, which skip every
Python check, and expects PostgreSQL to refuse it by the constraint's name.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from standards.models import Agency, AgencyKind, CalendarDay, Service, Tier
from standards.models_standard import (
    ComplaintChannel,
    LegalBasis,
    Maklumat,
    ProcedureStep,
    Requirement,
    ServiceStandard,
    StandardStatus,
)
from standards.services import DEFAULT_STATEMENTS, maklumat_sign, standard_revise
from tests.factories import AgencyFactory, ServiceFactory
from tests.standards.standard_helpers import adopted, officers, opd_with_service

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


# ---------------------------------------------------------------------------------------------
# Service standards (SPEC S1-S4) and the Maklumat Pelayanan (SPEC S6)


@pytest.fixture
def standard() -> ServiceStandard:
    """Version 1 of a free service's standard, discussed and adopted, with every component."""
    opd, service = opd_with_service()
    people = officers(opd)
    return adopted(service, people["penghubung"], people["kepala"])


def _revision(standard: ServiceStandard) -> ServiceStandard:
    penghubung = officers(standard.service.agency)["penghubung"]
    return standard_revise(penghubung, standard=standard, reason="teknologi", note="Antrean daring")


STANDARD_CASES: list[tuple[str, dict[str, Any]]] = [
    ("standard_free_has_no_fee", {"fee_amount": Decimal("5000")}),
    ("standard_fee_positive", {"is_free": False, "fee_amount": Decimal("0")}),
    ("standard_fee_positive", {"is_free": False, "fee_amount": Decimal("-1")}),
    ("standard_adopted_has_decree", {"decree_number": ""}),
    ("standard_adopted_has_decree", {"decree_date": None}),
    ("standard_adopted_has_decree", {"adopted_at": None}),
    ("standard_adopted_has_decree", {"adopter_role": ""}),
    ("standard_adopted_has_decree", {"status": StandardStatus.DIGANTI, "decree_number": ""}),
    ("standard_revision_has_reason", {"version": 2}),
]


@pytest.mark.parametrize(("constraint", "values"), STANDARD_CASES)
def test_the_database_refuses_an_impossible_standard(standard, constraint, values) -> None:
    """SPEC S1: the fee is an amount above zero or an explicit "gratis", never both; SPEC S3:
    an adopted (or superseded) standard keeps its decree, its date, its adopter's role and
    when it was adopted; SPEC S4: every version after the first says why it was revised."""
    refuses(
        constraint,
        lambda: ServiceStandard.objects.filter(pk=standard.pk).update(**values),
    )


def test_a_draft_needs_no_decree_and_a_first_version_no_revision_reason(standard) -> None:
    """SPEC S3, S4: the decree and revision checks leave drafts and version 1 alone."""
    draft = _revision(standard)
    assert ServiceStandard.objects.filter(pk=draft.pk).update(decree_number="") == 1
    assert ServiceStandard.objects.filter(pk=standard.pk).update(revision_reason="") == 1


def test_a_service_has_one_version_number_one_adopted_standard_and_one_open_draft(
    standard,
) -> None:
    """SPEC S2: one standard per service type: one adopted at a time, one draft in the
    making, and each version number once."""
    draft = _revision(standard)
    refuses(
        "standard_unique_version",
        lambda: ServiceStandard.objects.filter(pk=draft.pk).update(version=standard.version),
    )
    decree = {
        "decree_number": standard.decree_number,
        "decree_date": standard.decree_date,
        "adopted_at": standard.adopted_at,
        "adopter_role": standard.adopter_role,
    }
    refuses(
        "standard_one_adopted_per_service",
        lambda: ServiceStandard.objects.filter(pk=draft.pk).update(
            status=StandardStatus.DITETAPKAN, **decree
        ),
    )
    refuses(
        "standard_one_open_draft_per_service",
        lambda: ServiceStandard.objects.filter(pk=standard.pk).update(
            status=StandardStatus.PEMBAHASAN
        ),
    )
    refuses(
        "standard_one_open_draft_per_service",
        lambda: ServiceStandard.objects.bulk_create(
            [ServiceStandard(service=standard.service, version=3, revision_reason="inovasi")]
        ),
    )


COMPONENT_CASES: list[tuple[str, tuple[type[models.Model], dict[str, Any]]]] = [
    ("requirement_copies_positive", (Requirement, {"copies": 0})),
    ("legalbasis_year_range", (LegalBasis, {"year": 1944})),
    ("legalbasis_year_range", (LegalBasis, {"year": 2101})),
]


@pytest.mark.parametrize(("constraint", "case"), COMPONENT_CASES)
def test_the_database_refuses_an_impossible_component(standard, constraint, case) -> None:
    """SPEC S1: a requirement asks for at least one copy; dasar hukum is a regulation of a
    real year (1945-2100)."""
    model, values = case
    first = model.objects.filter(standard=standard).order_by("order")[:1].get()
    refuses(constraint, lambda: model.objects.filter(pk=first.pk).update(**values))


COMPONENT_ORDER_CASES: list[tuple[str, type[models.Model]]] = [
    ("requirement_unique_order", Requirement),
    ("step_unique_order", ProcedureStep),
    ("channel_unique_order", ComplaintChannel),
    ("legalbasis_unique_order", LegalBasis),
]


@pytest.mark.parametrize(("constraint", "model"), COMPONENT_ORDER_CASES)
def test_each_component_list_of_a_standard_has_one_row_per_position(
    standard, constraint, model
) -> None:
    """SPEC S1: persyaratan, prosedur, pengaduan and dasar hukum are published in order, so
    two rows of one standard never share a position."""
    twin = model.objects.filter(standard=standard).values()[0]
    twin.update(id=None)
    assert model.objects.filter(standard=standard, order=twin["order"]).count() == 1
    refuses(constraint, lambda: model.objects.bulk_create([model(**twin)]))


@pytest.fixture
def maklumat() -> Maklumat:
    opd, _service = opd_with_service()
    return maklumat_sign(
        officers(opd)["kepala"],
        agency=opd,
        statement_standard=DEFAULT_STATEMENTS[0],
        statement_duty=DEFAULT_STATEMENTS[1],
        statement_sanction=DEFAULT_STATEMENTS[2],
        signer_name="Drs. Kepala Dinas",
        signer_position="Kepala Dinas",
        signed_on=timezone.localdate(),
    )


MAKLUMAT_CASES: list[tuple[str, dict[str, Any]]] = [
    ("maklumat_has_three_statements", {"statement_standard": ""}),
    ("maklumat_has_three_statements", {"statement_duty": ""}),
    ("maklumat_has_three_statements", {"statement_sanction": ""}),
    ("maklumat_has_three_statements", {"signer_name": ""}),
]


@pytest.mark.parametrize(("constraint", "values"), MAKLUMAT_CASES)
def test_the_database_refuses_a_maklumat_missing_a_pledge(maklumat, constraint, values) -> None:
    """SPEC S6: the maklumat holds all three pledges (the standard, the duties, the sanctions)
    and the name of the Kepala who signs it."""
    refuses(constraint, lambda: Maklumat.objects.filter(pk=maklumat.pk).update(**values))


def test_each_maklumat_version_of_an_agency_is_numbered_once(maklumat) -> None:
    """SPEC S6: the maklumat is versioned per agency; a version number is never reused."""
    twin = Maklumat.objects.filter(pk=maklumat.pk).values()[0]
    twin.update(id=None)
    refuses("maklumat_unique_version", lambda: Maklumat.objects.bulk_create([Maklumat(**twin)]))


def test_every_constraint_of_the_standards_app_has_a_case_here() -> None:
    declared = {
        c.name
        for model in apps.get_app_config("standards").get_models()
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint | models.UniqueConstraint)
    }
    tested = (
        {name for name, _ in AGENCY_CASES}
        | {name for name, _ in STANDARD_CASES}
        | {name for name, _ in COMPONENT_CASES}
        | {name for name, _ in COMPONENT_ORDER_CASES}
        | {name for name, _ in MAKLUMAT_CASES}
        | {
            "service_kind_valid",
            "service_slug_unique_per_agency",
            "calendarday_unique_national_date",
            "calendarday_unique_agency_date",
            "standard_unique_version",
            "standard_one_adopted_per_service",
            "standard_one_open_draft_per_service",
            "maklumat_unique_version",
        }
    )
    assert declared - tested == set()
