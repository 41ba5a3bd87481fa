"""The choices and single-field rules of complaints: kinds, privacy, channels, states, SLA
classes, timeline actions and deadline alerts (SPEC section 2)."""

from __future__ import annotations

import re
import secrets

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# Tracking codes avoid characters people confuse on a phone screen (0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"LP-{body[:4]}-{body[4:]}"


_CODE_RE = re.compile(rf"^LP-?([{CODE_ALPHABET}]{{4}})-?([{CODE_ALPHABET}]{{4}})$")


def tracking_code_in(text: str) -> str | None:
    """The tracking code typed in a search box ("lp-ab2c 3def" too), or None."""
    compact = re.sub(r"\s+", "", text.strip().upper()).replace("—", "-").replace("–", "-")
    match = _CODE_RE.match(compact)
    return f"LP-{match[1]}-{match[2]}" if match else None


class Kind(models.TextChoices):
    PENGADUAN = "pengaduan", _("Pengaduan")
    ASPIRASI = "aspirasi", _("Aspirasi")
    INFORMASI = "informasi", _("Permintaan informasi")


class Privacy(models.TextChoices):
    # Ordered from most open to most closed; officials may only move right (SPEC C3).
    PUBLIK = "publik", _("Publik")
    RAHASIA = "rahasia", _("Rahasia")
    ANONIM = "anonim", _("Anonim")


class Channel(models.TextChoices):
    """Where an item arrived (SPEC C1; 002:Bab VI A, 003:Pasal 24(4))."""

    PORTAL = "portal", _("Portal web")
    SMS = "sms", _("SMS")
    MEDSOS = "medsos", _("Media sosial")
    WEBSITE = "website", _("Situs web instansi")
    APLIKASI = "aplikasi", _("Aplikasi terintegrasi")
    TATAP_MUKA = "tatap_muka", _("Datang langsung")
    SURAT = "surat", _("Surat")
    TELEPON = "telepon", _("Call center / telepon")
    EMAIL = "email", _("Email")
    KOTAK = "kotak", _("Kotak pengaduan")


class Status(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIDISPOSISIKAN = "didisposisikan", _("Didisposisikan")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    MENUNGGU_DATA = "menunggu_data", _("Menunggu data pelapor")
    SELESAI = "selesai", _("Selesai")
    DIARSIPKAN = "diarsipkan", _("Diarsipkan")
    DITOLAK = "ditolak", _("Ditolak")


FINAL_STATUSES = frozenset({Status.SELESAI, Status.DIARSIPKAN, Status.DITOLAK})


class HolderTier(models.TextChoices):
    NASIONAL = "nasional", _("Admin Nasional")
    INSTANSI = "instansi", _("Admin Instansi")
    OPD = "opd", _("Pejabat Penghubung OPD")
    UNIT = "unit", _("Admin Unit Pelayanan")


class SlaClass(models.TextChoices):
    """Resolution classes in working days from receipt by the Penghubung (002:Bab VI C)."""

    NORMATIF = "normatif", _("Informasi / pengaduan normatif (5 hari kerja)")
    TANPA_PEMERIKSAAN = "tanpa_pemeriksaan", _("Tanpa pemeriksaan lapangan (14 hari kerja)")
    PEMERIKSAAN_LAPANGAN = "pemeriksaan_lapangan", _("Dengan pemeriksaan lapangan (60 hari kerja)")
    # A request for public information under 003:Pasal 40(10): 10 working days, extendable
    # once by 7 (SPEC C11). Only for items of the kind "permintaan informasi".
    INFORMASI_PUBLIK = (
        "informasi_publik",
        _("Permohonan informasi publik (10 hari kerja, dapat diperpanjang 7)"),
    )


SLA_DAYS: dict[str, int] = {
    SlaClass.NORMATIF: 5,
    SlaClass.TANPA_PEMERIKSAAN: 14,
    SlaClass.PEMERIKSAAN_LAPANGAN: 60,
    SlaClass.INFORMASI_PUBLIK: 10,
}
INFORMATION_EXTENSION_DAYS = 7  # 003:Pasal 40(10), once


class Nature(models.TextChoices):
    """Dispute vs. indication of a violation (002:Bab VI B.1.a)."""

    SENGKETA = "sengketa", _("Sengketa / ketidakpuasan layanan")
    PELANGGARAN = "pelanggaran", _("Indikasi pelanggaran")


class DeclineReason(models.TextChoices):
    """The only grounds to decline an item (001:Pasal 11(2), SPEC C12)."""

    TIDAK_ETIS = "tidak_etis", _("Tidak beretika")
    SARA = "sara", _("Mengandung SARA")
    TIDAK_BERTANGGUNG_JAWAB = "tidak_bertanggung_jawab", _("Tidak dapat dipertanggungjawabkan")


class ClosureReason(models.TextChoices):
    """Why Admin Nasional closes an item that no instansi in the portal can handle (SPEC C6,
    C12): the reporter is told where it stands instead of it waiting for nobody."""

    BUKAN_KEWENANGAN = "bukan_kewenangan", _("Bukan kewenangan pemerintah daerah")
    DUPLIKAT = "duplikat", _("Duplikat laporan lain")


def choice_constraint(
    prefix: str, field: str, choices: type[models.TextChoices], *, blank: bool = False
) -> models.CheckConstraint:
    """The database refuses a value outside the field's choices ("" too when `blank`)."""
    values = [*choices.values, ""] if blank else choices.values
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": values}), name=f"{prefix}_{field}_valid"
    )


def not_before_receipt(field: str) -> models.CheckConstraint:
    """A time of the item's life (a deadline, a step) never lies before its receipt."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": F("received_at")}),
        name=f"complaint_{field}_not_before_receipt",
    )


class EventAction(models.TextChoices):
    SUBMITTED = "submitted", _("Diterima sistem")
    VERIFIED = "verified", _("Diverifikasi")
    ROUTED = "routed", _("Didisposisikan")
    ACCEPTED = "accepted", _("Diterima untuk ditindaklanjuti")
    ASSIGNED_UNIT = "assigned_unit", _("Diteruskan ke unit")
    RETURNED = "returned", _("Dikembalikan ke tingkat atas")
    COPIED = "copied", _("Ditembuskan")
    DATA_REQUESTED = "data_requested", _("Permintaan kelengkapan data")
    DATA_SUPPLIED = "data_supplied", _("Pelapor melengkapi data")
    OBSTACLE = "obstacle", _("Kendala penyelesaian")
    EXTENDED = "extended", _("Jangka waktu diperpanjang")
    NOTE = "note", _("Catatan internal")
    PRIVACY_TIGHTENED = "privacy", _("Kerahasiaan diperketat")
    RESPONDED = "responded", _("Tanggapan akhir")
    DECLINED = "declined", _("Ditolak")
    INFO_REFUSED = "info_refused", _("Permintaan informasi ditolak")
    ARCHIVED = "archived", _("Diarsipkan")
    RATED = "rated", _("Penilaian pelapor")
    REEXAMINATION = "reexamination", _("Permintaan pemeriksaan ulang")
    CLOSED = "closed", _("Ditutup")
    REMINDER = "reminder", _("Pengingat batas waktu")
    BREACH = "breach", _("Melewati batas waktu")
    RECALLED = "recalled", _("Disposisi ditarik kembali")
    FIRST_RESPONSE = "first_response", _("Respon awal")
    DRAFTED = "drafted", _("Draf tanggapan dari unit")
    DRAFT_RETURNED = "draft_returned", _("Draf tanggapan dikembalikan")
    CONCLUDED = "concluded", _("Ditutup oleh Admin Nasional")


class DeliveryMethod(models.TextChoices):
    """How the requester wants the information (003:Pasal 40(8) huruf l)."""

    EMAIL = "email", _("Salinan dikirim lewat e-mail")
    AMBIL = "ambil", _("Salinan cetak, diambil langsung")
    POS = "pos", _("Salinan cetak, dikirim lewat pos")
    LIHAT = "lihat", _("Melihat dan membaca langsung di kantor")


class DeliveryFormat(models.TextChoices):
    """The form of what was handed over, for the delivery record (003:Pasal 40(11)-(12))."""

    SOFTCOPY = "softcopy", _("Softcopy (berkas elektronik)")
    TERTULIS = "tertulis", _("Data tertulis / cetak")
    LIHAT = "lihat", _("Diperlihatkan langsung")


class ExemptionGround(models.TextChoices):
    """Why information may be withheld: the exempt information of UU 14/2008 Pasal 17, the
    "peraturan perundang-undangan" 003:Pasal 40(4)-(5) and (12) refer to."""

    PENEGAKAN_HUKUM = "a", _("Menghambat proses penegakan hukum (Pasal 17 huruf a)")
    HAKI = "b", _("Mengganggu perlindungan HKI dan persaingan usaha sehat (Pasal 17 huruf b)")
    PERTAHANAN = "c", _("Membahayakan pertahanan dan keamanan negara (Pasal 17 huruf c)")
    KEKAYAAN_ALAM = "d", _("Mengungkapkan kekayaan alam Indonesia (Pasal 17 huruf d)")
    EKONOMI = "e", _("Merugikan ketahanan ekonomi nasional (Pasal 17 huruf e)")
    LUAR_NEGERI = "f", _("Merugikan kepentingan hubungan luar negeri (Pasal 17 huruf f)")
    AKTA_PRIBADI = "g", _("Mengungkap isi akta otentik pribadi atau wasiat (Pasal 17 huruf g)")
    RAHASIA_PRIBADI = "h", _("Mengungkap rahasia pribadi (Pasal 17 huruf h)")
    MEMORANDUM = "i", _("Memorandum atau surat antar/intra badan publik (Pasal 17 huruf i)")
    UNDANG_UNDANG = "j", _("Dikecualikan oleh undang-undang lain (Pasal 17 huruf j)")


class AlertKind(models.TextChoices):
    REMINDER = "reminder", _("Pengingat")
    BREACH = "breach", _("Terlampaui")


class DeadlineKind(models.TextChoices):
    RESOLUTION = "resolution", _("Batas penyelesaian")
    VERIFICATION = "verification", _("Batas verifikasi")
