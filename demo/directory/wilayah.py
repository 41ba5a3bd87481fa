"""Offices near the people: kecamatan, kelurahan, puskesmas, and the units inside two OPDs."""

from __future__ import annotations

from demo.directory.rows import PEMDA, A, AgencyRow, J, ServiceRow


def _kecamatan(slug: str, name: str, street: str, phone: str) -> AgencyRow:
    code = slug.removeprefix("kecamatan-")
    return AgencyRow(
        slug=slug,
        name=f"Kecamatan {name}",
        short_name=f"Kec. {name}",
        kind="kecamatan",
        parent=PEMDA,
        head="Camat",
        motto=f"{name} melayani sepenuh hati",
        misi=(
            "Menyelenggarakan Pelayanan Administrasi Terpadu Kecamatan (PATEN).",
            "Mengoordinasikan pembangunan desa dan kelurahan.",
        ),
        street=street,
        phone=phone,
        website="",
        services=(
            (
                f"kec-{code}-legalisasi",
                "Legalisasi Dokumen",
                A,
                f"Pengesahan surat dan dokumen warga Kecamatan {name}.",
            ),
            (
                f"kec-{code}-ahli-waris",
                "Registrasi Surat Keterangan Ahli Waris",
                A,
                "Pencatatan dan pengesahan surat keterangan ahli waris.",
            ),
            (
                f"kec-{code}-keramaian",
                "Rekomendasi Izin Keramaian",
                A,
                "Rekomendasi izin keramaian untuk hajatan dan acara umum.",
            ),
        ),
    )


def _kelurahan(slug: str, name: str, street: str, phone: str) -> AgencyRow:
    code = slug.removeprefix("kelurahan-")
    return AgencyRow(
        slug=slug,
        name=f"Kelurahan {name}",
        short_name=f"Kel. {name}",
        kind="kelurahan",
        parent=PEMDA,
        head="Lurah",
        motto="Dekat, cepat, ramah",
        misi=("Melayani administrasi warga kelurahan dengan cepat dan ramah.",),
        street=street,
        phone=phone,
        website="",
        services=(
            (
                f"kel-{code}-domisili",
                "Surat Keterangan Domisili",
                A,
                f"Keterangan tempat tinggal bagi warga Kelurahan {name}.",
            ),
            (
                f"kel-{code}-usaha",
                "Surat Keterangan Usaha",
                A,
                "Keterangan usaha bagi pelaku usaha mikro.",
            ),
            (
                f"kel-{code}-tidak-mampu",
                "Surat Keterangan Tidak Mampu",
                A,
                "Keterangan tidak mampu untuk keperluan sekolah dan kesehatan.",
            ),
            (
                f"kel-{code}-pengantar",
                "Surat Pengantar",
                A,
                "Pengantar untuk SKCK, nikah dan keperluan administrasi lain.",
            ),
        ),
    )


def _puskesmas(slug: str, name: str, street: str, phone: str, extra: bool) -> AgencyRow:
    code = slug.removeprefix("uptd-puskesmas-")
    services: tuple[ServiceRow, ...] = (
        (
            f"pkm-{code}-umum",
            "Pemeriksaan Umum",
            J,
            "Pemeriksaan dan pengobatan penyakit umum di balai pengobatan.",
        ),
        (
            f"pkm-{code}-kia-kb",
            "Kesehatan Ibu, Anak dan KB",
            J,
            "Pemeriksaan kehamilan, tumbuh kembang anak dan pelayanan KB.",
        ),
        (f"pkm-{code}-imunisasi", "Imunisasi", J, "Imunisasi dasar lengkap bagi bayi dan balita."),
    )
    if extra:
        services += (
            (
                f"pkm-{code}-gigi",
                "Pemeriksaan Gigi dan Mulut",
                J,
                "Pemeriksaan, penambalan dan pencabutan gigi.",
            ),
        )
    return AgencyRow(
        slug=slug,
        name=f"UPTD Puskesmas {name}",
        short_name=f"Puskesmas {name}",
        kind="uptd",
        parent=PEMDA,
        head="Kepala UPTD",
        motto="Sehat dimulai dari puskesmas",
        misi=("Menyelenggarakan pelayanan kesehatan dasar yang bermutu.",),
        street=street,
        phone=phone,
        opening_hours="Senin–Kamis 08.00–14.00 WITA; Jumat–Sabtu 08.00–11.00 WITA",
        website="",
        services=services,
    )


def _unit(slug: str, name: str, parent: str, head: str) -> AgencyRow:
    return AgencyRow(
        slug=slug,
        name=name,
        short_name="",
        kind="unit",
        parent=parent,
        head=head,
        website="",
        email="",
        misi=(),
        visi="",
    )


AGENCIES: tuple[AgencyRow, ...] = (
    _kecamatan("kecamatan-pelaihari", "Pelaihari", "Jl. A. Syairani No. 30", "(0512) 21041"),
    _kecamatan("kecamatan-takisung", "Takisung", "Jl. Pelaihari–Takisung Km 12", "(0512) 31022"),
    _kecamatan("kecamatan-bati-bati", "Bati-Bati", "Jl. A. Yani Km 40", "(0512) 41011"),
    _kecamatan("kecamatan-jorong", "Jorong", "Jl. Pelaihari–Jorong Km 40", "(0512) 51033"),
    _kelurahan("kelurahan-angsau", "Angsau", "Jl. Gagas No. 2", "(0512) 21601"),
    _kelurahan("kelurahan-karang-taruna", "Karang Taruna", "Jl. Pancasila No. 5", "(0512) 21602"),
    _kelurahan("kelurahan-sarang-halang", "Sarang Halang", "Jl. Bhayangkara No. 3", "(0512) 21603"),
    _puskesmas(
        "uptd-puskesmas-pelaihari", "Pelaihari", "Jl. Pancasila No. 10", "(0512) 21070", True
    ),
    _puskesmas(
        "uptd-puskesmas-takisung", "Takisung", "Jl. Pelaihari–Takisung Km 13", "(0512) 31070", False
    ),
    _unit(
        "disdukcapil-dafduk",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "disdukcapil",
        "Kepala Bidang",
    ),
    _unit("disdukcapil-capil", "Bidang Pelayanan Pencatatan Sipil", "disdukcapil", "Kepala Bidang"),
    _unit(
        "rsud-instalasi-gawat-darurat",
        "Instalasi Gawat Darurat",
        "rsud-hadji-boejasin",
        "Kepala Instalasi",
    ),
    _unit(
        "rsud-instalasi-rawat-jalan",
        "Instalasi Rawat Jalan",
        "rsud-hadji-boejasin",
        "Kepala Instalasi",
    ),
)
