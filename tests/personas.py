"""The people and places of the test suite, in one module every test folder imports from.

- `World` / `build_world()`: the complaint world: a national desk, two pemda, OPDs, a unit,
  the Inspektorat, and one official per role (the `world` fixture of tests/conftest.py);
  `route_to_penghubung`, `accepted`, `at` and `fresh` move its items along.
- `PublicListWorld` / `build_public_list_world()`: three OPDs for the public list and the
  statistics; `TrackingWorld` / `build_tracking_world()`: one OPD and named officials for the
  reporter's receipt, tracking and item page.
- `ReportWorld` / `build_report_world()`: a pemda with a dinas, a Perusahaan Daerah and the
  Inspektorat, and the people who file, sign and read the Rekapitulasi and the evaluation.
- `SurveyWorld` / `build_survey_world()`: a pemda with Setda and two OPDs, officials per role,
  and helpers that write through the surveys services.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import Membership, Role, User
from complaints import services
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
    SlaClass,
    Status,
)
from standards.models import Agency, AgencyKind, Service
from surveys import services as survey_services
from surveys.models import Response, Survey, SurveyStatus
from tests.factories import AgencyFactory, MembershipFactory, ServiceFactory, UserFactory

# ---------------------------------------------------------------------------------------------
# Complaints


@dataclass
class World:
    nasional: Agency
    pemda: Agency
    other_pemda: Agency
    dukcapil: Agency
    rsud: Agency
    inspektorat: Agency
    unit: Agency
    other_opd: Agency
    service: Service
    users: dict[str, User] = field(default_factory=dict)

    def user(self, key: str) -> User:
        return self.users[key]

    def submit(self, **overrides: Any) -> services.Receipt:
        """File an item through the service, with flat overrides: the content's fields,
        `reporter_name/_email/_phone`, `reporter` (the citizen's account) or `entered_by`
        (an officer), `channel`, `intake_token`, `now`."""
        content: dict[str, Any] = {
            "kind": Kind.PENGADUAN,
            "title": "KTP-el belum jadi",
            "description": "Sudah enam minggu KTP-el saya masih dalam proses.",
            "privacy": Privacy.ANONIM,
            "location": "Jl. A. Yani No. 1, Pelaihari",
            "service": self.service,
        }
        contact = {
            "name": overrides.pop("reporter_name", "Siti Rahmawati Pelapor"),
            "email": overrides.pop("reporter_email", "siti.pelapor@example.net"),
            "phone": overrides.pop("reporter_phone", "081299887766"),
        }
        user = overrides.pop("entered_by", None) or overrides.pop("reporter", None)
        rest = {k: overrides.pop(k) for k in ("channel", "intake_token", "now") if k in overrides}
        content.update(overrides)
        return services.complaint_submit(
            user,
            content=services.ComplaintContent(**content),
            reporter=services.Reporter(**contact),
            **rest,
        )


def _user(username: str, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username,
        password="kata-sandi-uji-123",
        full_name=extra.pop("full_name", username.replace(".", " ").title()),
        email=f"{username}@example.go.id",
        **extra,
    )
    return user


def _member(username: str, agency: Agency, role: str) -> User:
    user = _user(username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def build_world() -> World:
    nasional = Agency.objects.create(kind=AgencyKind.NASIONAL, name="Admin Nasional", slug="nas")
    pemda = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Tanah Laut", slug="tala")
    other = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab Banjar", slug="banjar")
    dukcapil = Agency.objects.create(
        kind=AgencyKind.DINAS, name="Disdukcapil", slug="dukcapil", parent=pemda
    )
    rsud = Agency.objects.create(
        kind=AgencyKind.RSUD, name="RSUD Hadji Boejasin", slug="rsud", parent=pemda
    )
    inspektorat = Agency.objects.create(
        kind=AgencyKind.INSPEKTORAT, name="Inspektorat", slug="inspektorat", parent=pemda
    )
    unit = Agency.objects.create(
        kind=AgencyKind.UNIT,
        name="Bidang Pelayanan Pendaftaran Penduduk",
        slug="pdp",
        parent=dukcapil,
    )
    other_opd = Agency.objects.create(
        kind=AgencyKind.DINAS, name="Disdukcapil Banjar", slug="dukcapil-banjar", parent=other
    )
    service = Service.objects.create(
        agency=dukcapil, name="KTP-el", slug="ktp-el", code="dukcapil-ktp", kind="administratif"
    )
    w = World(nasional, pemda, other, dukcapil, rsud, inspektorat, unit, other_opd, service)
    w.users = {
        "admin_nasional": _member("admin.nasional", nasional, Role.ADMIN_NASIONAL),
        "admin_instansi": _member("admin.instansi", pemda, Role.ADMIN_INSTANSI),
        "penghubung": _member("penghubung.dukcapil", dukcapil, Role.PENGHUBUNG),
        "admin_upp": _member("upp.pdp", unit, Role.ADMIN_UPP),
        "kepala": _member("kepala.dukcapil", dukcapil, Role.KEPALA),
        "pimpinan": _member("sekda", pemda, Role.PIMPINAN),
        "operator": _member("operator", pemda, Role.OPERATOR),
        "penghubung_rsud": _member("penghubung.rsud", rsud, Role.PENGHUBUNG),
        "penghubung_inspektorat": _member("penghubung.inspektorat", inspektorat, Role.PENGHUBUNG),
        "admin_instansi_other": _member("admin.banjar", other, Role.ADMIN_INSTANSI),
        "penghubung_other": _member("penghubung.banjar", other_opd, Role.PENGHUBUNG),
        "citizen": _user("warga", full_name="Budi Warga"),
    }
    return w


def fresh(complaint: Complaint) -> Complaint:
    complaint.refresh_from_db()
    return complaint


WIB = ZoneInfo("Asia/Jakarta")
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=WIB)


def route_to_penghubung(w: World, c: Complaint, now: datetime = MONDAY) -> Complaint:
    """Admin Nasional and Admin Instansi verify and route the item down to Disdukcapil."""
    c = services.complaint_verify(
        w.user("admin_nasional"), complaint_id=c.pk, version=c.version, now=now
    )
    c = services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("admin_nasional"),
        to_agency=w.pemda,
        now=now,
    )
    c = services.complaint_verify(
        w.user("admin_instansi"), complaint_id=c.pk, version=c.version, now=now
    )
    return services.complaint_route(
        complaint_id=c.pk,
        version=c.version,
        user=w.user("admin_instansi"),
        to_agency=w.dukcapil,
        now=now,
    )


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=WIB)


def accepted(w: World, sla_class: str = SlaClass.NORMATIF, now: datetime = MONDAY) -> Complaint:
    """An item the Penghubung of Disdukcapil took on at `now`: its resolution clock runs."""
    c = route_to_penghubung(w, w.submit(now=now).complaint, now=now)
    return services.complaint_accept(
        w.user("penghubung"),
        complaint_id=c.pk,
        version=c.version,
        verification=services.Verification(sla_class=sla_class),
        now=now,
    )


@dataclass
class PublicListWorld:
    """The public list and statistics: a pemda with three OPDs, two of them with a Penghubung."""

    nasional: Agency
    pemda: Agency
    dukcapil: Agency
    pu: Agency
    dinsos: Agency
    admin_nasional: User
    admin_instansi: User
    penghubung_dukcapil: User
    penghubung_pu: User


def build_public_list_world() -> PublicListWorld:
    nasional = AgencyFactory.nasional()
    pemda = AgencyFactory.pemda()
    dukcapil = AgencyFactory.opd(parent=pemda, name="Dinas Kependudukan dan Pencatatan Sipil")
    pu = AgencyFactory.opd(parent=pemda, name="Dinas Pekerjaan Umum")
    dinsos = AgencyFactory.opd(parent=pemda, name="Dinas Sosial")
    return PublicListWorld(
        nasional=nasional,
        pemda=pemda,
        dukcapil=dukcapil,
        pu=pu,
        dinsos=dinsos,
        admin_nasional=UserFactory.official(agency=nasional, role=Role.ADMIN_NASIONAL),
        admin_instansi=UserFactory.official(agency=pemda, role=Role.ADMIN_INSTANSI),
        penghubung_dukcapil=UserFactory.official(agency=dukcapil, role=Role.PENGHUBUNG),
        penghubung_pu=UserFactory.official(agency=pu, role=Role.PENGHUBUNG),
    )


@dataclass
class TrackingWorld:
    """The reporter's way back: one OPD with a service, and the three officials who take an
    item down to it, each with a name the pages may (or must not) show."""

    nasional: Agency
    pemda: Agency
    opd: Agency
    admin_nasional: User
    admin_instansi: User
    penghubung: User


def build_tracking_world() -> TrackingWorld:
    nasional = AgencyFactory.nasional()
    pemda = AgencyFactory.pemda()
    opd = AgencyFactory.opd(parent=pemda, name="Dinas Kependudukan dan Pencatatan Sipil")
    ServiceFactory(agency=opd)
    return TrackingWorld(
        nasional=nasional,
        pemda=pemda,
        opd=opd,
        admin_nasional=UserFactory.official(
            agency=nasional, role=Role.ADMIN_NASIONAL, full_name="Rudi Admin Nasional"
        ),
        admin_instansi=UserFactory.official(
            agency=pemda, role=Role.ADMIN_INSTANSI, full_name="Rina Admin Instansi"
        ),
        penghubung=UserFactory.official(
            agency=opd, role=Role.PENGHUBUNG, full_name="Budi Penghubung Disdukcapil"
        ),
    )


# ---------------------------------------------------------------------------------------------
# Reports


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


# ---------------------------------------------------------------------------------------------
# Surveys

SURVEY_PROFILE = {
    "gender": "P",
    "age_band": "30-39",
    "education": "sma",
    "occupation": "wirausaha",
}


@dataclass
class SurveyWorld:
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
        survey = survey_services.survey_create(
            self.users["kepala"],
            agency=agency,
            service=service,
            title=title,
            period_kind="tahun",
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            population=population,
        )
        if status != SurveyStatus.DRAFT:
            survey = survey_services.survey_set_status(
                None, survey=survey, status=SurveyStatus.OPEN
            )
        return survey

    def answer(
        self, survey: Survey, answers: list[int], *, suggestion: str = "", **profile: Any
    ) -> Response:
        response, _created = survey_services.response_submit(
            survey=survey,
            answers={n + 1: a for n, a in enumerate(answers)},
            **{**SURVEY_PROFILE, **profile},
            service=survey.service,
            served_on=timezone.localdate(),
            suggestion=suggestion,
            channel="web",
            respondent_key=uuid.uuid4().hex,
            idempotency_key=uuid.uuid4(),
        )
        return response

    def publish(self, survey: Survey) -> Survey:
        survey_services.survey_set_status(None, survey=survey, status=SurveyStatus.CLOSED)
        return survey_services.survey_set_status(None, survey=survey, status=SurveyStatus.PUBLISHED)


def build_survey_world() -> SurveyWorld:
    pemda = AgencyFactory.pemda(name="Pemkab Tanah Laut", slug="tala")
    setda = AgencyFactory.opd(parent=pemda, kind=AgencyKind.SEKRETARIAT, name="Setda", slug="setda")
    dukcapil = AgencyFactory.opd(parent=pemda, name="Disdukcapil", slug="dukcapil")
    unit = AgencyFactory.unit(parent=dukcapil, name="UPT Pelaihari", slug="upt-pelaihari")
    rsud = AgencyFactory.opd(parent=pemda, kind=AgencyKind.RSUD, name="RSUD", slug="rsud")
    world = SurveyWorld(
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
