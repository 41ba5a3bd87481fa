"""A pemda with two OPDs (a dinas and a Perusahaan Daerah), the Inspektorat, and the people
who file, sign and read the Rekapitulasi and the evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Role, User
from complaints.models import (
    AlertKind,
    Category,
    Channel,
    Complaint,
    DeadlineAlert,
    DeadlineKind,
    Event,
    EventAction,
    HolderTier,
    Kind,
    Privacy,
    Status,
)
from standards.models import Agency, AgencyKind
from tests.factories import AgencyFactory, UserFactory


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.get_default_timezone())


@dataclass
class ReportWorld:
    pemda: Agency
    dinas: Agency
    pdam: Agency
    inspektorat: Agency
    category: Category
    users: dict[str, User] = field(default_factory=dict)

    def item(
        self,
        *,
        opd: Agency | None = None,
        at: datetime,
        privacy: str = Privacy.PUBLIK,
        title: str = "Lampu jalan padam",
        description: str = "Lampu jalan di depan pasar padam sejak seminggu.",
        reporter_name: str = "Budi Santoso Pelapor",
        response: str = "",
        breached: bool = False,
        channel: str = Channel.PORTAL,
        kind: str = Kind.PENGADUAN,
    ) -> Complaint:
        """An item that reached `opd` at `at`, taken on by its Penghubung."""
        opd = opd or self.dinas
        c = Complaint.objects.create(
            kind=kind,
            title=title,
            description=description,
            location="Pelaihari",
            privacy=privacy,
            channel=channel,
            reporter_name=reporter_name,
            reporter_email="pelapor.rahasia@example.net",
            reporter_phone="081299887766",
            status=Status.SELESAI if response else Status.DITINDAKLANJUTI,
            response=response,
            responded_at=at if response else None,
            followup_working_days=1,
            holder_tier=HolderTier.OPD,
            holder_agency=opd,
            instansi=self.pemda,
            opd=opd,
            category=self.category,
            received_at=at,
            penghubung_received_at=at,
        )
        Event.objects.create(
            complaint=c,
            created_at=at,
            action=EventAction.ACCEPTED,
            actor=self.users[f"penghubung.{opd.slug}"],
            actor_role=Role.PENGHUBUNG,
            actor_agency=opd,
        )
        if breached:
            DeadlineAlert.objects.create(
                complaint=c, kind=AlertKind.BREACH, deadline_kind=DeadlineKind.RESOLUTION, due_at=at
            )
        return c


def build_report_world() -> ReportWorld:
    pemda = AgencyFactory.pemda(name="Pemerintah Kabupaten Uji Laporan", slug="uji-laporan")
    dinas = AgencyFactory.opd(parent=pemda, name="Dinas Pekerjaan Umum", slug="dpu")
    pdam = AgencyFactory.opd(
        parent=pemda, kind=AgencyKind.BUMD, name="Perumda Air Minum Tirta", slug="pdam"
    )
    inspektorat = AgencyFactory.opd(
        parent=pemda, kind=AgencyKind.INSPEKTORAT, name="Inspektorat Daerah", slug="itda"
    )
    world = ReportWorld(
        pemda=pemda,
        dinas=dinas,
        pdam=pdam,
        inspektorat=inspektorat,
        category=Category.objects.create(name="Infrastruktur", slug="infrastruktur"),
    )

    def official(key: str, agency: Agency, role: str, full_name: str) -> None:
        world.users[key] = UserFactory.official(
            agency=agency, role=role, username=key, full_name=full_name
        )

    official("kepala.dpu", dinas, Role.KEPALA, "Ir. Hendra Kepala DPU")
    official("penghubung.dpu", dinas, Role.PENGHUBUNG, "Rina Penghubung DPU")
    official("kepala.pdam", pdam, Role.KEPALA, "Direktur Sulastri")
    official("penghubung.pdam", pdam, Role.PENGHUBUNG, "Agus Penghubung PDAM")
    official("inspektur", inspektorat, Role.KEPALA, "Inspektur Darmawan")
    official("sekretariat", pemda, Role.ADMIN_INSTANSI, "Mbak Rina Sekretariat")
    official("sekda", pemda, Role.PIMPINAN, "Pak Sekda")
    world.users["warga"] = UserFactory(username="warga", full_name="Warga Biasa")
    return world


@pytest.fixture
def world(db: Any) -> ReportWorld:
    return build_report_world()
