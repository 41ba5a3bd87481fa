"""The questionnaire of PermenPANRB 14/2017: nine unsur, four answers each (SKM.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Unsur:
    number: int
    name: object  # lazy translated
    question: object
    answers: tuple[object, object, object, object]  # the labels of 1, 2, 3, 4

    @property
    def code(self) -> str:
        return f"U{self.number}"

    @property
    def field(self) -> str:
        return f"u{self.number}"


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        1,
        _("Persyaratan"),
        _("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        2,
        _("Sistem, mekanisme, dan prosedur"),
        _("Bagaimana kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Unsur(
        3,
        _("Waktu penyelesaian"),
        _("Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Unsur(
        4,
        _("Biaya/tarif"),
        _("Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Unsur(
        5,
        _("Produk spesifikasi jenis pelayanan"),
        _("Bagaimana kesesuaian produk pelayanan dengan yang tercantum dalam standar pelayanan?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Unsur(
        6,
        _("Kompetensi pelaksana"),
        _("Bagaimana kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Unsur(
        7,
        _("Perilaku pelaksana"),
        _("Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        8,
        _("Penanganan pengaduan, saran dan masukan"),
        _("Bagaimana penanganan pengaduan, saran dan masukan di unit ini?"),
        (
            _("Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        9,
        _("Sarana dan prasarana"),
        _("Bagaimana kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)

UNSUR_BY_NUMBER = {u.number: u for u in UNSUR}
UNSUR_CHOICES = [(u.number, f"{u.code} {u.name}") for u in UNSUR]


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class AgeBand(models.TextChoices):
    UNDER_20 = "lt20", _("Di bawah 20 tahun")
    A20_29 = "20-29", _("20–29 tahun")
    A30_39 = "30-39", _("30–39 tahun")
    A40_49 = "40-49", _("40–49 tahun")
    A50_59 = "50-59", _("50–59 tahun")
    A60_PLUS = "60+", _("60 tahun ke atas")


class Education(models.TextChoices):
    SD = "sd", _("SD atau di bawahnya")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    DIPLOMA = "diploma", _("D1–D4")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS/TNI/Polri")
    SWASTA = "swasta", _("Pegawai swasta")
    WIRAUSAHA = "wirausaha", _("Wirausaha")
    PELAJAR = "pelajar", _("Pelajar/Mahasiswa")
    PETANI = "petani", _("Petani/Nelayan")
    LAINNYA = "lainnya", _("Lainnya")


# The profile breakdowns shown in aggregate (field, label, choices).
PROFILE_FIELDS: tuple[tuple[str, object, type[models.TextChoices]], ...] = (
    ("gender", _("Jenis kelamin"), Gender),
    ("age_band", _("Usia"), AgeBand),
    ("education", _("Pendidikan"), Education),
    ("occupation", _("Pekerjaan"), Occupation),
)
