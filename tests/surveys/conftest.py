"""A pemda with Setda and two OPDs, officials per role, and helpers that write through the
surveys services."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Role, User
from standards.models import Agency, AgencyKind, Service
from surveys import services
from surveys.models import Response, Survey, SurveyStatus
from tests.factories import AgencyFactory, MembershipFactory, ServiceFactory, UserFactory

PROFILE = {
    "gender": "P",
    "age_band": "30-39",
    "education": "sma",
    "occupation": "wirausaha",
}


@dataclass
class World:
    pemda: Agency
    setda: Agency
    dukcapil: Agency
    unit: Agency
    rsud: Agency
    service: Service
    other_service: Service
    rsud_service: Service
    users: dict[str, User] = field(default_factory=dict)

    def survey(
        self,
        *,
        service: Service | None = None,
        agency: Agency | None = None,
        population: int = 100,
        status: str = SurveyStatus.OPEN,
        year: int | None = None,
        title: str = "SKM KTP-el",
    ) -> Survey:
        agency = agency or (service.agency if service else self.dukcapil)
        year = year or timezone.localdate().year
        survey = services.survey_create(
            self.users["kepala"],
            agency=agency,
            service=service,
            title=title,
            period_kind="tahun",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            population=population,
        )
        if status != SurveyStatus.DRAFT:
            survey = services.survey_set_status(None, survey=survey, status=SurveyStatus.OPEN)
        return survey

    def answer(
        self, survey: Survey, answers: list[int], *, suggestion: str = "", **profile: Any
    ) -> Response:
        response, _created = services.response_submit(
            survey=survey,
            answers={n + 1: a for n, a in enumerate(answers)},
            **{**PROFILE, **profile},
            service=survey.service,
            served_on=timezone.localdate(),
            suggestion=suggestion,
            channel="web",
            respondent_key=uuid.uuid4().hex,
            idempotency_key=uuid.uuid4(),
        )
        return response

    def publish(self, survey: Survey) -> Survey:
        services.survey_set_status(None, survey=survey, status=SurveyStatus.CLOSED)
        return services.survey_set_status(None, survey=survey, status=SurveyStatus.PUBLISHED)


def build_world() -> World:
    pemda = AgencyFactory.pemda(name="Pemkab Tanah Laut", slug="tala")
    setda = AgencyFactory.opd(parent=pemda, kind=AgencyKind.SEKRETARIAT, name="Setda", slug="setda")
    dukcapil = AgencyFactory.opd(parent=pemda, name="Disdukcapil", slug="dukcapil")
    unit = AgencyFactory.unit(parent=dukcapil, name="UPT Pelaihari", slug="upt-pelaihari")
    rsud = AgencyFactory.opd(parent=pemda, kind=AgencyKind.RSUD, name="RSUD", slug="rsud")
    world = World(
        pemda=pemda,
        setda=setda,
        dukcapil=dukcapil,
        unit=unit,
        rsud=rsud,
        service=ServiceFactory(agency=dukcapil, name="KTP-el", slug="ktp", code="DKC-KTP"),
        other_service=ServiceFactory(agency=dukcapil, name="Akta", slug="akta", code="DKC-AKTA"),
        rsud_service=ServiceFactory(agency=rsud, name="Rawat jalan", slug="rj", code="RSUD-RJ"),
    )
    for key, agency, role in [
        ("kepala", dukcapil, Role.KEPALA),
        ("penghubung", dukcapil, Role.PENGHUBUNG),
        ("upp", unit, Role.ADMIN_UPP),
        ("kepala_rsud", rsud, Role.KEPALA),
        ("sekda", pemda, Role.PIMPINAN),
        ("kabag_organisasi", setda, Role.KEPALA),
    ]:
        user = UserFactory(username=key)
        MembershipFactory(user=user, agency=agency, role=role)
        world.users[key] = user
    world.users["warga"] = UserFactory(username="warga")
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()
