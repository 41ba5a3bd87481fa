"""Writes for the directory (agency_move) and for service standards, Berita Acara and
Maklumat (SPEC S1-S4, S6).

Every function takes the acting user first, checks the permission door and the state table
(standards/workflow.py), and runs in one transaction. Refusals raise PermissionDenied (not
allowed) or ValidationError (a translated reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import BigIntegerField, Case, F, Max, Q, Value, When
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from standards.models import Agency, Service
from standards.models_standard import (
    BeritaAcara,
    ComplaintChannel,
    LegalBasis,
    Maklumat,
    Participant,
    ParticipantGroup,
    ProcedureStep,
    Requirement,
    ServiceStandard,
    StandardStatus,
)
from standards.uploads import clean_scan
from standards.workflow import Act, Actor, actors_of, adopter_role, next_state

# Fields of ServiceStandard a draft's editor writes (the list components are rows).
COMPONENT_FIELDS = (
    "produk",
    "duration_value",
    "duration_unit",
    "is_free",
    "fee_amount",
    "fee_legal_basis",
    "fee_note",
    "sarana",
    "staff_count",
    "kompetensi",
    "pengawasan",
    "jaminan_pelayanan",
    "jaminan_keamanan",
    "evaluasi_kinerja",
)


@dataclass
class Components:
    """The fourteen components of S1 as plain values (what a form or an import produces)."""

    fields: dict[str, Any] = field(default_factory=dict)
    requirements: list[tuple[str, str, int]] = field(default_factory=list)  # item, form, copies
    steps: list[tuple[str, str]] = field(default_factory=list)  # description, actor
    channels: list[tuple[str, str]] = field(default_factory=list)  # channel, contact
    legal_bases: list[tuple[str, str, int]] = field(default_factory=list)  # title, number, year


def _require(standard: ServiceStandard, user: Any, act: Act) -> StandardStatus:
    actors = actors_of(user, standard.service.agency)
    nxt = next_state(standard.status, act, actors)
    if nxt is None:
        if not actors:
            raise PermissionDenied
        raise ValidationError(
            _("Tindakan ini tidak dapat dilakukan pada standar berstatus %(status)s.")
            % {"status": standard.get_status_display()}
        )
    return nxt


def _locked(standard: ServiceStandard) -> ServiceStandard:
    return (
        ServiceStandard.objects.select_for_update()
        .select_related("service__agency")
        .get(pk=standard.pk)
    )


def _write_components(standard: ServiceStandard, components: Components) -> None:
    for name in COMPONENT_FIELDS:
        if name in components.fields:
            setattr(standard, name, components.fields[name])
    if standard.is_free:
        standard.fee_amount = None
    standard.save()
    standard.requirements.all().delete()
    standard.steps.all().delete()
    standard.channels.all().delete()
    standard.legal_bases.all().delete()
    Requirement.objects.bulk_create(
        Requirement(standard=standard, order=i, item=item, form=form, copies=copies)
        for i, (item, form, copies) in enumerate(components.requirements, start=1)
    )
    ProcedureStep.objects.bulk_create(
        ProcedureStep(standard=standard, order=i, description=d, actor=a)
        for i, (d, a) in enumerate(components.steps, start=1)
    )
    ComplaintChannel.objects.bulk_create(
        ComplaintChannel(standard=standard, order=i, channel=c, contact=k)
        for i, (c, k) in enumerate(components.channels, start=1)
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(standard=standard, order=i, title=t, number=n, year=y)
        for i, (t, n, y) in enumerate(components.legal_bases, start=1)
    )


def components_of(standard: ServiceStandard) -> Components:
    return Components(
        fields={name: getattr(standard, name) for name in COMPONENT_FIELDS},
        requirements=[(r.item, r.form, r.copies) for r in standard.requirements.all()],
        steps=[(s.description, s.actor) for s in standard.steps.all()],
        channels=[(c.channel, c.contact) for c in standard.channels.all()],
        legal_bases=[(b.title, b.number, b.year) for b in standard.legal_bases.all()],
    )


@transaction.atomic
def standard_start(
    user: Any, *, service: Service, components: Components | None = None
) -> ServiceStandard:
    """The first draft (version 1) of a service that has no standard yet."""
    if Actor.MANAGER not in actors_of(user, service.agency):
        raise PermissionDenied
    Service.objects.select_for_update().get(pk=service.pk)
    if service.standards.exists():
        raise ValidationError(
            _("Layanan ini sudah punya standar. Ubah rancangan yang ada atau mulai revisi.")
        )
    standard = ServiceStandard.objects.create(service=service, version=1, created_by=user)
    _write_components(standard, components or Components())
    return standard


@transaction.atomic
def standard_update(
    user: Any, *, standard: ServiceStandard, components: Components
) -> ServiceStandard:
    standard = _locked(standard)
    _require(standard, user, Act.EDIT)
    _write_components(standard, components)
    return standard


@transaction.atomic
def standard_revise(
    user: Any, *, standard: ServiceStandard, reason: str, note: str
) -> ServiceStandard:
    """Start the next version's draft from the adopted one (SPEC S4: the reason is required)."""
    standard = _locked(standard)
    _require(standard, user, Act.REVISE)
    if not reason:
        raise ValidationError(_("Pilih alasan revisi."))
    if not note.strip():
        raise ValidationError(_("Uraikan apa yang berubah."))
    if standard.service.standards.open().exists():
        raise ValidationError(_("Layanan ini sudah punya rancangan yang terbuka."))
    top = standard.service.standards.aggregate(top=Max("version"))["top"] or 0
    draft = ServiceStandard.objects.create(
        service=standard.service,
        version=top + 1,
        revision_reason=reason,
        revision_note=note.strip(),
        created_by=user,
    )
    _write_components(draft, components_of(standard))
    return draft


def missing_components(standard: ServiceStandard) -> list[str]:
    """The published components a standard still lacks before it can be adopted (SPEC S1)."""
    missing = []
    if not standard.produk.strip():
        missing.append(_("produk pelayanan"))
    if not standard.requirements.exists():
        missing.append(_("persyaratan"))
    if not standard.steps.exists():
        missing.append(_("prosedur"))
    if standard.duration_value is None or not standard.duration_unit:
        missing.append(_("jangka waktu"))
    if not standard.is_free and (standard.fee_amount is None or not standard.fee_legal_basis):
        missing.append(_("biaya/tarif dengan dasar hukumnya, atau gratis"))
    if not standard.channels.exists():
        missing.append(_("penanganan pengaduan"))
    if not standard.legal_bases.exists():
        missing.append(_("dasar hukum"))
    return missing


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    group: str
    institution: str = ""


@transaction.atomic
def berita_acara_record(
    user: Any,
    *,
    standard: ServiceStandard,
    held_on: date,
    method: str,
    notes: str,
    scan: UploadedFile,
    participants: list[ParticipantInput],
) -> BeritaAcara:
    """Record a public discussion of the draft; the draft moves to pembahasan (SPEC S3)."""
    standard = _locked(standard)
    nxt = _require(standard, user, Act.DISCUSS)
    if held_on > timezone.localdate():
        raise ValidationError(_("Tanggal pembahasan tidak boleh di masa depan."))
    if not participants:
        raise ValidationError(_("Catat paling sedikit satu peserta."))
    groups = set(ParticipantGroup.values)
    for p in participants:
        if not p.name.strip() or p.group not in groups:
            raise ValidationError(_("Setiap peserta perlu nama dan unsur yang sah."))
    clean = clean_scan(scan)
    ba = BeritaAcara(
        standard=standard,
        held_on=held_on,
        method=method,
        notes=notes,
        scan_content_type=clean.content_type,
        created_by=user,
    )
    ba.scan.save(f"berita-acara-{standard.pk}.{clean.extension}", clean.content, save=False)
    ba.full_clean(exclude=["scan"])
    ba.save()
    Participant.objects.bulk_create(
        Participant(
            berita_acara=ba, name=p.name.strip(), group=p.group, institution=p.institution.strip()
        )
        for p in participants
    )
    standard.status = nxt
    standard.save(update_fields=["status", "updated_at"])
    return ba


@transaction.atomic
def standard_adopt(
    user: Any,
    *,
    standard: ServiceStandard,
    decree_number: str,
    decree_date: date,
    adopted_by_name: str,
) -> ServiceStandard:
    """Adopt a discussed draft; the previous adopted version, if any, is superseded.

    Refused without a Berita Acara that has a participant from outside the government, and
    while a published component is missing (SPEC S1, S3).
    """
    standard = _locked(standard)
    nxt = _require(standard, user, Act.ADOPT)
    if (
        not Participant.objects.filter(berita_acara__standard=standard)
        .exclude(group=ParticipantGroup.PEMERINTAH)
        .exists()
    ):
        raise ValidationError(
            _(
                "Standar belum dapat ditetapkan: belum ada berita acara pembahasan dengan "
                "peserta dari luar pemerintah."
            )
        )
    missing = missing_components(standard)
    if missing:
        raise ValidationError(
            _("Komponen belum lengkap: %(list)s.") % {"list": ", ".join(str(m) for m in missing)}
        )
    if not decree_number.strip() or decree_date is None:
        raise ValidationError(_("Isi nomor dan tanggal keputusan penetapan."))
    if decree_date > timezone.localdate():
        raise ValidationError(_("Tanggal keputusan tidak boleh di masa depan."))
    now = timezone.now()
    current = standard.service.standards.select_for_update().adopted().first()
    if current is not None:
        superseded = next_state(current.status, Act.SUPERSEDE, {Actor.SYSTEM})
        current.status = superseded
        current.superseded_at = now
        current.save(update_fields=["status", "superseded_at", "updated_at"])
    standard.status = nxt
    standard.adopted_by = user
    standard.adopted_by_name = (
        adopted_by_name.strip() or user.get_full_name() or user.get_username()
    )
    standard.adopter_role = adopter_role(standard.service.agency)
    standard.decree_number = decree_number.strip()
    standard.decree_date = decree_date
    standard.adopted_at = now
    standard.save()
    return standard


@transaction.atomic
def standard_internalise(
    user: Any, *, standard: ServiceStandard, on: date, note: str
) -> ServiceStandard:
    """Record that the adopted standard was explained to the staff who deliver it."""
    standard = _locked(standard)
    _require(standard, user, Act.INTERNALISE)
    if on > timezone.localdate():
        raise ValidationError(_("Tanggal internalisasi tidak boleh di masa depan."))
    if standard.decree_date and on < standard.decree_date:
        raise ValidationError(_("Internalisasi tidak mungkin sebelum standar ditetapkan."))
    standard.internalised_on = on
    standard.internalisation_note = note.strip()
    standard.save(update_fields=["internalised_on", "internalisation_note", "updated_at"])
    return standard


DEFAULT_STATEMENTS = (
    "Sanggup menyelenggarakan pelayanan sesuai dengan standar pelayanan yang telah ditetapkan.",
    "Memberikan pelayanan sesuai dengan kewajiban dan akan melakukan perbaikan secara "
    "terus-menerus.",
    "Bersedia menerima sanksi dan/atau memberikan kompensasi apabila pelayanan yang diberikan "
    "tidak sesuai standar.",
)


@transaction.atomic
def maklumat_sign(
    user: Any,
    *,
    agency: Agency,
    statement_standard: str,
    statement_duty: str,
    statement_sanction: str,
    signer_name: str,
    signer_position: str,
    signed_on: date,
) -> Maklumat:
    """A new version of the agency's Maklumat Pelayanan, signed by its Kepala (SPEC S6)."""
    from standards.workflow import may_sign_maklumat

    if not may_sign_maklumat(user, agency):
        raise PermissionDenied
    texts = [statement_standard.strip(), statement_duty.strip(), statement_sanction.strip()]
    if not all(texts) or not signer_name.strip() or not signer_position.strip():
        raise ValidationError(_("Ketiga pernyataan, nama dan jabatan penanda tangan wajib diisi."))
    if signed_on > timezone.localdate():
        raise ValidationError(_("Tanggal maklumat tidak boleh di masa depan."))
    Agency.objects.select_for_update().get(pk=agency.pk)
    top = agency.maklumat.aggregate(top=Max("version"))["top"] or 0
    return Maklumat.objects.create(
        agency=agency,
        version=top + 1,
        statement_standard=texts[0],
        statement_duty=texts[1],
        statement_sanction=texts[2],
        signed_by=user,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        signed_on=signed_on,
    )


# ---------------------------------------------------------------------------------------------
# The directory


@transaction.atomic
def agency_move(*, actor: Any, agency: Agency, new_parent: Agency | None) -> Agency:
    """Hang `agency` and its whole subtree under `new_parent`; returns `agency`, updated.

    The caller has checked that `actor` may change the directory (the admin: superusers
    only); `actor` is None for the system (the demo seed). Raises ValidationError when the
    new place breaks the tree's rules (`Agency.clean`: tiers, roots, no node under its own
    descendant); nothing is written then.

    Concurrency: the moved node's subtree and the new parent are locked (SELECT … FOR UPDATE,
    one statement, in primary-key order so two moves never wait on each other in a circle),
    and the paths are read again under the lock. A move running at the same time on an
    overlapping part of the tree waits for this one and then sees the new paths, so two moves
    can never hang two nodes under each other. A new child (`Agency.save`) takes a key-sharing
    lock on its parent before reading the parent's path, so it either waits for the move or is
    inside the locked subtree the move rewrites. Then one UPDATE rewrites every path of the
    subtree (and the node's parent) in place.
    """
    while True:
        old_path = Agency.objects.values_list("path", flat=True).get(pk=agency.pk)
        locked = Q(path__startswith=old_path) | Q(pk=agency.pk)
        if new_parent is not None:
            locked |= Q(pk=new_parent.pk)
        rows = {a.pk: a for a in Agency.objects.select_for_update().filter(locked).order_by("pk")}
        if rows[agency.pk].path == old_path:
            break  # nothing moved the node between the read and the lock
    parent = rows[new_parent.pk] if new_parent is not None else None

    if parent is not None and parent.path.startswith(old_path):
        raise ValidationError({"parent": _("Induk tidak boleh berada di bawah simpul ini.")})
    current = rows[agency.pk]
    current.parent = parent
    current.clean()

    new_path = f"{parent.path if parent else '/'}{agency.pk}/"
    parent_id = Value(parent.pk if parent else None, output_field=BigIntegerField())
    Agency.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        parent=Case(
            When(pk=agency.pk, then=parent_id), default=F("parent"), output_field=BigIntegerField()
        ),
    )
    agency.parent = parent
    agency.path = new_path
    return agency
