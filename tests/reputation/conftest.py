"""A small world for reputation tests: a pemda with two OPDs (one with a unit), services,
and one official per role that matters here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from accounts.models import Role, User
from reputation import services
from standards.models import Agency, Service
from tests.factories import AgencyFactory, ServiceFactory, UserFactory


@dataclass
class World:
    pemda: Agency
    dukcapil: Agency
    unit: Agency
    rsud: Agency
    ktp: Service
    kk: Service
    unit_service: Service
    poli: Service
    sekda: User
    operator: User
    kepala: User
    penghubung: User
    penghubung_rsud: User
    citizen: User

    def rate(self, service: Service | None = None, **kw: Any) -> services.Submitted:
        data: dict[str, Any] = {
            "user": None,
            "service": service or self.ktp,
            "satisfied": True,
            "idempotency_key": uuid.uuid4(),
            "voter_key": f"b:{uuid.uuid4().hex}",
        }
        data.update(kw)
        return services.rating_submit(**data)


@pytest.fixture
def world(db: Any) -> World:
    pemda = AgencyFactory.pemda(name="Pemerintah Kabupaten Uji", slug="kab-uji")
    dukcapil = AgencyFactory.opd(parent=pemda, name="Dinas Kependudukan", slug="dukcapil")
    unit = AgencyFactory.unit(parent=dukcapil, name="UPT Dukcapil Kecamatan", slug="upt-dukcapil")
    rsud = AgencyFactory.opd(parent=pemda, kind="rsud", name="RSUD Uji", slug="rsud")
    return World(
        pemda=pemda,
        dukcapil=dukcapil,
        unit=unit,
        rsud=rsud,
        ktp=ServiceFactory(agency=dukcapil, name="KTP-el", slug="ktp", code="DKC-KTP"),
        kk=ServiceFactory(agency=dukcapil, name="Kartu Keluarga", slug="kk", code="DKC-KK"),
        unit_service=ServiceFactory(agency=unit, name="Akta Lahir", slug="akta", code="UPT-AKTA"),
        poli=ServiceFactory(agency=rsud, name="Poli Umum", slug="poli", code="RSUD-POLI"),
        sekda=UserFactory.official(agency=pemda, role=Role.PIMPINAN, full_name="Pak Sekda"),
        operator=UserFactory.official(agency=pemda, role=Role.OPERATOR),
        kepala=UserFactory.official(agency=dukcapil, role=Role.KEPALA, full_name="Bu Kepala"),
        penghubung=UserFactory.official(agency=dukcapil, role=Role.PENGHUBUNG),
        penghubung_rsud=UserFactory.official(agency=rsud, role=Role.PENGHUBUNG),
        citizen=UserFactory(),
    )


class Clock:
    """The throttles' clock (accounts.throttle._now), pinned so a fixed window never ends in
    the middle of a test by chance; `advance` moves it on."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0  # the start of a minute and of an hour

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    pinned = Clock()
    monkeypatch.setattr("accounts.throttle._now", pinned)
    return pinned
