"""The standard's process as a state table, each refusal, and who may do what (SPEC S1-S4)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from standards.models_standard import (
    OneStopOffice,
    ParticipantGroup,
    ServiceStandard,
    StandardStatus,
)
from standards.services import (
    ParticipantInput,
    berita_acara_record,
    missing_components,
    standard_adopt,
    standard_internalise,
    standard_revise,
    standard_start,
    standard_update,
)
from standards.workflow import (
    TRANSITIONS,
    Act,
    Actor,
    may_adopt,
    may_sign_maklumat,
    next_state,
    visible_services,
)
from tests.factories import AgencyFactory, ServiceFactory, UserFactory
from tests.standards.standard_helpers import (
    adopted,
    components,
    discussed,
    officers,
    opd_with_service,
    scan_pdf,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _adopt(user: object, standard: ServiceStandard) -> ServiceStandard:
    return standard_adopt(
        user,
        standard=standard,
        decree_number="800/1/2026",
        decree_date=timezone.localdate(),
        adopted_by_name="Kepala",
    )


def test_the_state_table_moves_a_draft_through_discussion_to_adoption_and_supersession() -> None:
    """SPEC S3: rancangan → pembahasan → ditetapkan → diganti; nothing else is in the table."""
    assert next_state("rancangan", Act.DISCUSS, {Actor.MANAGER}) == StandardStatus.PEMBAHASAN
    assert next_state("pembahasan", Act.ADOPT, {Actor.ADOPTER}) == StandardStatus.DITETAPKAN
    assert next_state("ditetapkan", Act.SUPERSEDE, {Actor.SYSTEM}) == StandardStatus.DIGANTI
    assert next_state("rancangan", Act.ADOPT, {Actor.ADOPTER}) is None
    assert next_state("pembahasan", Act.ADOPT, {Actor.MANAGER}) is None
    assert next_state("ditetapkan", Act.EDIT, {Actor.MANAGER, Actor.ADOPTER}) is None
    assert not [key for key in TRANSITIONS if key[0] == StandardStatus.DIGANTI]


def test_a_draft_cannot_be_adopted_before_any_discussion() -> None:
    """SPEC S3: adoption comes after the public discussion."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = standard_start(people["penghubung"], service=service, components=components())
    with pytest.raises(ValidationError):
        _adopt(people["kepala"], draft)
    draft.refresh_from_db()
    assert draft.status == StandardStatus.RANCANGAN


def test_adoption_is_refused_when_only_government_people_discussed_the_draft() -> None:
    """SPEC S3: the Berita Acara needs a participant from outside the government."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = discussed(service, people["penghubung"], groups=(ParticipantGroup.PEMERINTAH,))
    with pytest.raises(ValidationError, match="luar pemerintah"):
        _adopt(people["kepala"], draft)
    berita_acara_record(
        people["penghubung"],
        standard=draft,
        held_on=TODAY(),
        method="public_hearing",
        notes="",
        scan=scan_pdf(),
        participants=[ParticipantInput("Ibu Ani", ParticipantGroup.PENERIMA)],
    )
    standard = _adopt(people["kepala"], draft)
    assert standard.status == StandardStatus.DITETAPKAN
    assert standard.adopter_role == "kepala"
    assert standard.decree_number == "800/1/2026"


def test_adoption_is_refused_while_a_published_component_is_missing() -> None:
    """SPEC S1: every delivery component, and biaya as an amount or an explicit gratis."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = discussed(service, people["penghubung"])
    empty = components()
    empty.fields["is_free"] = False
    empty.steps = []
    draft = standard_update(people["penghubung"], standard=draft, components=empty)
    assert len(missing_components(draft)) == 2
    with pytest.raises(ValidationError, match="prosedur"):
        _adopt(people["kepala"], draft)


def test_only_the_kepala_adopts_and_the_penghubung_only_drafts() -> None:
    """SPEC S3: adoption by the head of the provider; others may draft but not adopt."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = discussed(service, people["penghubung"])
    with pytest.raises(PermissionDenied):
        _adopt(UserFactory.official(agency=AgencyFactory.opd(), role=Role.KEPALA), draft)
    with pytest.raises(ValidationError):
        _adopt(people["penghubung"], draft)
    sekda = UserFactory.official(agency=opd.parent, role=Role.PIMPINAN)
    with pytest.raises((ValidationError, PermissionDenied)):
        _adopt(sekda, draft)
    assert _adopt(people["kepala"], draft).status == StandardStatus.DITETAPKAN


def test_the_one_stop_licensing_office_is_adopted_by_the_bupati_not_its_kepala() -> None:
    """SPEC S3: the Walikota/Bupati adopts the standards of the one-stop licensing office."""
    opd, service = opd_with_service()
    OneStopOffice.objects.create(agency=opd)
    people = officers(opd)
    bupati = UserFactory.official(agency=opd.parent, role=Role.KEPALA_DAERAH, full_name="Bupati")
    draft = discussed(service, people["penghubung"])
    with pytest.raises((ValidationError, PermissionDenied)):
        _adopt(people["kepala"], draft)
    standard = _adopt(bupati, draft)
    assert standard.adopter_role == "kepala_daerah"
    assert standard.get_adopter_role_display() == "Bupati/Walikota"


def test_a_sekda_is_refused_adoption_for_the_licensing_office_while_the_bupati_adopts() -> None:
    """SPEC S3 (004:Pasal 1(3), Bab III C): the licensing office's standard is adopted by the
    Bupati/Walikota; the Sekda (PIMPINAN) at the same pemda may not, nor sign its maklumat."""
    opd, service = opd_with_service()
    OneStopOffice.objects.create(agency=opd)
    people = officers(opd)
    sekda = UserFactory.official(agency=opd.parent, role=Role.PIMPINAN, full_name="Sekda")
    bupati = UserFactory.official(agency=opd.parent, role=Role.KEPALA_DAERAH, full_name="Bupati")
    draft = discussed(service, people["penghubung"])
    assert not may_adopt(sekda, opd) and not may_sign_maklumat(sekda, opd)
    with pytest.raises((ValidationError, PermissionDenied)):
        _adopt(sekda, draft)
    draft.refresh_from_db()
    assert draft.status == StandardStatus.PEMBAHASAN
    assert may_adopt(bupati, opd) and may_sign_maklumat(bupati, opd)
    assert not may_sign_maklumat(people["kepala"], opd)
    assert _adopt(bupati, draft).adopted_by == bupati


def test_the_bupati_adopts_nothing_outside_the_licensing_office() -> None:
    """SPEC S3: any other OPD's standard is adopted by its own Kepala, not the Bupati, and the
    Bupati's officer pages show only the licensing office's services."""
    opd, service = opd_with_service()
    one_stop = AgencyFactory.opd(parent=opd.parent)
    OneStopOffice.objects.create(agency=one_stop)
    licensing = ServiceFactory(agency=one_stop)
    people = officers(opd)
    bupati = UserFactory.official(agency=opd.parent, role=Role.KEPALA_DAERAH)
    draft = discussed(service, people["penghubung"])
    assert not may_adopt(bupati, opd)
    with pytest.raises((ValidationError, PermissionDenied)):
        _adopt(bupati, draft)
    assert list(visible_services(bupati)) == [licensing]


def test_an_officer_of_another_agency_cannot_start_or_edit_a_draft() -> None:
    opd, service = opd_with_service()
    stranger = UserFactory.official(agency=AgencyFactory.opd(), role=Role.PENGHUBUNG)
    with pytest.raises(PermissionDenied):
        standard_start(stranger, service=service)
    draft = standard_start(officers(opd)["penghubung"], service=service)
    with pytest.raises(PermissionDenied):
        standard_update(stranger, standard=draft, components=components())


def test_the_database_holds_one_adopted_standard_per_service() -> None:
    """SPEC S2: a partial unique constraint, whatever code writes."""
    opd, service = opd_with_service()
    people = officers(opd)
    first = adopted(service, people["penghubung"], people["kepala"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStandard.objects.create(
            service=service,
            version=2,
            status=StandardStatus.DITETAPKAN,
            revision_reason="inovasi",
            decree_number="X",
            decree_date=TODAY(),
            adopted_at=timezone.now(),
            adopter_role="kepala",
        )
    assert ServiceStandard.objects.adopted().get() == first


def test_a_free_service_cannot_also_carry_a_fee_in_the_database() -> None:
    """SPEC S1: biaya is an amount or an explicit gratis, never both."""
    _opd, service = opd_with_service()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStandard.objects.create(
            service=service, version=1, is_free=True, fee_amount=Decimal("10000")
        )


def test_revision_needs_a_reason_and_adopting_it_supersedes_the_old_version() -> None:
    """SPEC S4: a revision with its reason starts a new draft; its adoption replaces the old."""
    opd, service = opd_with_service()
    people = officers(opd)
    first = adopted(service, people["penghubung"], people["kepala"])
    with pytest.raises(ValidationError):
        standard_revise(people["penghubung"], standard=first, reason="", note="x")
    with pytest.raises(ValidationError):
        standard_revise(people["penghubung"], standard=first, reason="teknologi", note=" ")
    draft = standard_revise(
        people["penghubung"], standard=first, reason="teknologi", note="Pendaftaran daring"
    )
    assert (draft.version, draft.status) == (2, StandardStatus.RANCANGAN)
    assert [r.item for r in draft.requirements.all()] == ["Kartu Keluarga", "Surat pengantar RT"]
    with pytest.raises(ValidationError):
        standard_revise(people["penghubung"], standard=first, reason="inovasi", note="lagi")
    berita_acara_record(
        people["penghubung"],
        standard=draft,
        held_on=TODAY(),
        method="fgd",
        notes="",
        scan=scan_pdf(),
        participants=[ParticipantInput("Pak Budi", ParticipantGroup.AKADEMISI)],
    )
    _adopt(people["kepala"], draft)
    first.refresh_from_db()
    assert first.status == StandardStatus.DIGANTI and first.superseded_at is not None
    assert ServiceStandard.objects.adopted().get().version == 2


def test_internalisation_is_recorded_only_on_an_adopted_standard() -> None:
    """SPEC S3: documented internalisation after adoption."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = standard_start(
        people["penghubung"], service=ServiceFactory(agency=opd), components=components()
    )
    with pytest.raises(ValidationError):
        standard_internalise(people["penghubung"], standard=draft, on=TODAY(), note="")
    standard = adopted(service, people["penghubung"], people["kepala"])
    standard = standard_internalise(
        people["penghubung"], standard=standard, on=TODAY(), note="Apel pagi"
    )
    assert standard.internalised_on == TODAY()
    with pytest.raises(ValidationError):
        standard_internalise(
            people["penghubung"],
            standard=standard,
            on=TODAY() + datetime.timedelta(days=2),
            note="",
        )


def test_a_berita_acara_scan_that_is_not_a_pdf_or_image_is_refused() -> None:
    """SPEC S3: the signed Berita Acara's scan is a real PDF or image; nothing else is kept."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = standard_start(people["penghubung"], service=service, components=components())
    for upload in (
        SimpleUploadedFile("ba.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
        SimpleUploadedFile("ba.pdf", b"%PDF-1.4 <script>x</script> %%EOF", "application/pdf"),
        SimpleUploadedFile("ba.png", b"\x89PNG\r\n\x1a\nnot really", "image/png"),
    ):
        with pytest.raises(ValidationError):
            berita_acara_record(
                people["penghubung"],
                standard=draft,
                held_on=TODAY(),
                method="fgd",
                notes="",
                scan=upload,
                participants=[ParticipantInput("Ibu Ani", "penerima")],
            )
    draft.refresh_from_db()
    assert draft.status == StandardStatus.RANCANGAN and not draft.discussions.exists()


def _record(user: object, draft: ServiceStandard, **changes: object) -> None:
    values = {
        "standard": draft,
        "held_on": TODAY(),
        "method": "fgd",
        "notes": "",
        "scan": scan_pdf(),
        "participants": [ParticipantInput("Ibu Ani", "penerima")],
    } | changes
    berita_acara_record(user, **values)


def test_a_berita_acara_dated_in_the_future_or_without_participants_is_refused() -> None:
    """SPEC S3: a discussion that has not happened yet, or that nobody attended, is no
    Berita Acara; the draft stays a draft."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = standard_start(people["penghubung"], service=service, components=components())
    tomorrow = TODAY() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="masa depan"):
        _record(people["penghubung"], draft, held_on=tomorrow)
    with pytest.raises(ValidationError, match="peserta"):
        _record(people["penghubung"], draft, participants=[])
    draft.refresh_from_db()
    assert draft.status == StandardStatus.RANCANGAN and not draft.discussions.exists()


def test_a_decree_dated_in_the_future_is_refused() -> None:
    """SPEC S3: adoption is recorded with the decree that adopted it, never a later one."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = discussed(service, people["penghubung"])
    with pytest.raises(ValidationError, match="masa depan"):
        standard_adopt(
            people["kepala"],
            standard=draft,
            decree_number="800/2/2026",
            decree_date=TODAY() + datetime.timedelta(days=1),
            adopted_by_name="Kepala",
        )
    draft.refresh_from_db()
    assert draft.status == StandardStatus.PEMBAHASAN and not draft.decree_number


def test_internalisation_before_the_decree_date_is_refused() -> None:
    """SPEC S3: the standard is explained to the staff after it was adopted, not before."""
    opd, service = opd_with_service()
    people = officers(opd)
    draft = discussed(service, people["penghubung"])
    standard = standard_adopt(
        people["kepala"],
        standard=draft,
        decree_number="800/3/2026",
        decree_date=TODAY() - datetime.timedelta(days=3),
        adopted_by_name="Kepala",
    )
    with pytest.raises(ValidationError, match="sebelum"):
        standard_internalise(
            people["penghubung"],
            standard=standard,
            on=TODAY() - datetime.timedelta(days=4),
            note="",
        )
    standard.refresh_from_db()
    assert standard.internalised_on is None
    on_the_day = standard_internalise(
        people["penghubung"], standard=standard, on=standard.decree_date, note=""
    )
    assert on_the_day.internalised_on == standard.decree_date
