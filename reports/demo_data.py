"""Demo data for `manage.py seed_demo`: a kabupaten an operator would recognise.

The tables are plain data. People are invented; the agencies and services follow what a
Pemerintah Kabupaten in Kalimantan Selatan actually runs. Every demo login shares one
password, printed by `seed_demo --logins`: it is for demonstrations only.
"""

from __future__ import annotations

from dataclasses import dataclass

# Demo only: printed in the terminal by `make run`; seed_demo refuses to run with DEBUG off.
DEMO_PASSWORD = "layanan-demo-2026"  # noqa: S105

DOMAIN = "tanahlautkab.go.id"
CITY = "Pelaihari, Kabupaten Tanah Laut, Kalimantan Selatan 70815"
OFFICE_HOURS = "Senin–Kamis 08.00–16.00 WITA; Jumat 08.00–11.00 WITA"
VISI = (
    "Terwujudnya Kabupaten Tanah Laut yang maju, sejahtera dan berdaya saing melalui "
    "pelayanan publik yang prima."
)

B, J, A = "barang", "jasa", "administratif"

# (code, name, kind, one-sentence description)
ServiceRow = tuple[str, str, str, str]


@dataclass(frozen=True)
class AgencyRow:
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    head: str  # title of the head shown first among the officers
    motto: str = ""
    misi: tuple[str, ...] = ()
    street: str = ""
    phone: str = ""
    opening_hours: str = OFFICE_HOURS
    visi: str = VISI
    website: str | None = None  # None: https://<slug>.tanahlautkab.go.id
    email: str | None = None  # None: <slug>@tanahlautkab.go.id
    extra_officer: str = ""  # a third officer for the larger OPDs
    services: tuple[ServiceRow, ...] = ()

    @property
    def address(self) -> str:
        return f"{self.street}, {CITY}" if self.street else ""

    @property
    def email_address(self) -> str:
        return self.email if self.email is not None else f"{self.slug}@{DOMAIN}"

    @property
    def website_url(self) -> str:
        return self.website if self.website is not None else f"https://{self.slug}.{DOMAIN}"


NASIONAL = "kemenpanrb-sp4n-lapor"
PEMDA = "pemkab-tanah-laut"

AGENCIES: tuple[AgencyRow, ...] = (
    AgencyRow(
        slug=NASIONAL,
        name="Kementerian PANRB — Pengelola SP4N-LAPOR!",
        short_name="KemenPANRB",
        kind="nasional",
        parent=None,
        head="Deputi Bidang Pelayanan Publik",
        motto="Satu pintu pengaduan pelayanan publik nasional",
        visi="Pengelolaan pengaduan pelayanan publik yang terpadu secara nasional.",
        misi=(
            "Menyalurkan pengaduan ke instansi yang berwenang.",
            "Memantau tindak lanjut pengaduan di seluruh instansi.",
        ),
        street="",
        phone="(021) 7398381",
        opening_hours="Senin–Jumat 08.00–16.00 WIB",
        website="https://www.lapor.go.id",
        email="",
    ),
    AgencyRow(
        slug=PEMDA,
        name="Pemerintah Kabupaten Tanah Laut",
        short_name="Pemkab Tanah Laut",
        kind="pemda",
        parent=None,
        head="Bupati",
        motto="Tuntung Pandang",
        misi=(
            "Meningkatkan kualitas pelayanan publik yang cepat, mudah dan terjangkau.",
            "Mewujudkan tata kelola pemerintahan yang bersih dan akuntabel.",
            "Meningkatkan kesejahteraan masyarakat yang merata.",
        ),
        street="Jl. A. Syairani No. 1",
        phone="(0512) 21030",
        website=f"https://{DOMAIN}",
        email=f"pemkab@{DOMAIN}",
        extra_officer="Sekretaris Daerah",
    ),
    AgencyRow(
        slug="setda",
        name="Sekretariat Daerah Kabupaten Tanah Laut",
        short_name="Setda",
        kind="sekretariat",
        parent=PEMDA,
        head="Sekretaris Daerah",
        motto="Koordinasi yang solid, pelayanan yang prima",
        misi=(
            "Mengoordinasikan perumusan kebijakan perangkat daerah.",
            "Menyelenggarakan administrasi pemerintahan yang tertib.",
        ),
        street="Jl. A. Syairani No. 1",
        phone="(0512) 21030",
        extra_officer="Kepala Bagian Organisasi",
        services=(
            (
                "setda-audiensi",
                "Fasilitasi Audiensi dengan Bupati",
                J,
                "Penjadwalan pertemuan warga atau lembaga dengan Bupati.",
            ),
            (
                "setda-jdih",
                "Layanan Informasi Produk Hukum Daerah (JDIH)",
                A,
                "Penyediaan salinan peraturan daerah dan peraturan bupati.",
            ),
            (
                "setda-pbj",
                "Layanan Pengadaan Secara Elektronik (LPSE)",
                J,
                "Pendaftaran dan verifikasi penyedia barang/jasa pemerintah daerah.",
            ),
        ),
    ),
    AgencyRow(
        slug="inspektorat",
        name="Inspektorat Daerah Kabupaten Tanah Laut",
        short_name="Inspektorat",
        kind="inspektorat",
        parent=PEMDA,
        head="Inspektur",
        motto="Mengawasi untuk memperbaiki",
        misi=(
            "Melaksanakan pengawasan intern yang profesional.",
            "Menangani pengaduan penyalahgunaan wewenang aparatur.",
        ),
        street="Jl. A. Syairani No. 3",
        phone="(0512) 21118",
        services=(
            (
                "inspektorat-dumas",
                "Penanganan Pengaduan Masyarakat terkait Aparatur",
                J,
                "Pemeriksaan pengaduan atas dugaan penyalahgunaan wewenang oleh aparatur.",
            ),
            (
                "inspektorat-konsultasi",
                "Konsultasi Pengawasan dan Pencegahan Korupsi",
                J,
                "Konsultasi bagi perangkat daerah tentang pengendalian intern dan gratifikasi.",
            ),
            (
                "inspektorat-skbt",
                "Surat Keterangan Bebas Temuan",
                A,
                "Penerbitan keterangan bebas temuan pemeriksaan bagi aparatur.",
            ),
        ),
    ),
    AgencyRow(
        slug="diskominfo",
        name="Dinas Komunikasi dan Informatika",
        short_name="Diskominfo",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Informasi terbuka, pelayanan terhubung",
        misi=(
            "Mengelola Sekretariat Pengaduan dan SP4N-LAPOR! daerah.",
            "Menyediakan infrastruktur dan aplikasi pemerintahan berbasis elektronik.",
            "Menyebarluaskan informasi publik secara cepat dan akurat.",
        ),
        street="Jl. A. Syairani No. 5",
        phone="(0512) 22010",
        extra_officer="Kepala Bidang Informasi dan Komunikasi Publik",
        services=(
            (
                "kominfo-lapor",
                "Layanan Pengaduan SP4N-LAPOR!",
                J,
                "Penerimaan dan penyaluran pengaduan masyarakat ke perangkat daerah.",
            ),
            (
                "kominfo-ppid",
                "Permohonan Informasi Publik (PPID)",
                A,
                "Pelayanan permohonan informasi publik oleh PPID Utama.",
            ),
            (
                "kominfo-subdomain",
                "Pembuatan Subdomain Resmi",
                J,
                "Penyediaan subdomain go.id bagi perangkat daerah dan desa.",
            ),
            (
                "kominfo-jaringan",
                "Layanan Jaringan Internet Perangkat Daerah",
                J,
                "Pemasangan dan pemeliharaan jaringan intra pemerintah.",
            ),
            (
                "kominfo-publikasi",
                "Peliputan dan Publikasi Kegiatan",
                J,
                "Peliputan kegiatan pemerintah daerah dan penayangannya di kanal resmi.",
            ),
            (
                "kominfo-tte",
                "Penerbitan Sertifikat Elektronik (TTE)",
                A,
                "Pendaftaran sertifikat tanda tangan elektronik bagi pejabat daerah.",
            ),
        ),
    ),
    AgencyRow(
        slug="disdukcapil",
        name="Dinas Kependudukan dan Pencatatan Sipil",
        short_name="Disdukcapil",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Membahagiakan masyarakat dengan dokumen kependudukan",
        misi=(
            "Menerbitkan dokumen kependudukan yang cepat, tepat dan tanpa biaya.",
            "Meningkatkan kepemilikan dokumen kependudukan hingga ke desa.",
        ),
        street="Jl. H. Boejasin No. 12",
        phone="(0512) 21456",
        opening_hours="Senin–Kamis 08.00–15.00 WITA; Jumat 08.00–11.00 WITA; Sabtu 08.00–12.00",
        extra_officer="Kepala Bidang Pelayanan Pendaftaran Penduduk",
        services=(
            (
                "dukcapil-ktp",
                "KTP-el",
                B,
                "Perekaman dan pencetakan Kartu Tanda Penduduk elektronik.",
            ),
            (
                "dukcapil-kk",
                "Kartu Keluarga",
                A,
                "Penerbitan Kartu Keluarga baru atau perubahan susunan keluarga.",
            ),
            (
                "dukcapil-akta-lahir",
                "Akta Kelahiran",
                A,
                "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran.",
            ),
            (
                "dukcapil-akta-mati",
                "Akta Kematian",
                A,
                "Pencatatan kematian dan penerbitan kutipan akta kematian.",
            ),
            (
                "dukcapil-kia",
                "Kartu Identitas Anak (KIA)",
                B,
                "Penerbitan kartu identitas bagi anak di bawah 17 tahun.",
            ),
            (
                "dukcapil-pindah",
                "Surat Pindah (SKPWNI)",
                A,
                "Penerbitan surat keterangan pindah bagi penduduk yang pindah domisili.",
            ),
            (
                "dukcapil-datang",
                "Pencatatan Pindah Datang",
                A,
                "Pencatatan penduduk yang datang dari kabupaten/kota lain.",
            ),
            (
                "dukcapil-akta-kawin",
                "Akta Perkawinan",
                A,
                "Pencatatan perkawinan bagi penduduk non-muslim.",
            ),
            (
                "dukcapil-akta-cerai",
                "Akta Perceraian",
                A,
                "Pencatatan perceraian berdasarkan putusan pengadilan.",
            ),
            (
                "dukcapil-perubahan-data",
                "Perubahan Data Kependudukan",
                A,
                "Pembetulan data penduduk seperti pekerjaan, pendidikan atau status.",
            ),
            (
                "dukcapil-legalisasi",
                "Legalisasi Dokumen Kependudukan",
                A,
                "Pengesahan salinan dokumen kependudukan.",
            ),
            (
                "dukcapil-ikd",
                "Aktivasi Identitas Kependudukan Digital (IKD)",
                J,
                "Aktivasi KTP digital pada ponsel penduduk.",
            ),
            (
                "dukcapil-pengakuan-anak",
                "Pengakuan dan Pengesahan Anak",
                A,
                "Pencatatan pengakuan dan pengesahan anak pada akta kelahiran.",
            ),
        ),
    ),
    AgencyRow(
        slug="dpmptsp",
        name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        short_name="DPMPTSP",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Izin mudah, investasi bergairah",
        misi=(
            "Menyelenggarakan perizinan berusaha yang sederhana dan transparan.",
            "Meningkatkan iklim investasi daerah.",
        ),
        street="Jl. Pelaihari–Banjarmasin Km 2",
        phone="(0512) 23210",
        extra_officer="Kepala Bidang Pelayanan Perizinan",
        services=(
            (
                "dpmptsp-pbg",
                "Persetujuan Bangunan Gedung (PBG)",
                A,
                "Persetujuan teknis untuk membangun, mengubah atau merawat bangunan gedung.",
            ),
            (
                "dpmptsp-slf",
                "Sertifikat Laik Fungsi (SLF)",
                A,
                "Sertifikat kelaikan fungsi bangunan gedung sebelum dimanfaatkan.",
            ),
            (
                "dpmptsp-nib",
                "Nomor Induk Berusaha (NIB) dan Izin Usaha",
                A,
                "Pendampingan pendaftaran NIB dan perizinan berusaha melalui OSS.",
            ),
            (
                "dpmptsp-sip-dokter",
                "Surat Izin Praktik Dokter",
                A,
                "Izin praktik bagi dokter dan dokter gigi.",
            ),
            (
                "dpmptsp-sip-nakes",
                "Surat Izin Praktik Tenaga Kesehatan",
                A,
                "Izin praktik bagi bidan, perawat, apoteker dan tenaga kesehatan lain.",
            ),
            (
                "dpmptsp-reklame",
                "Izin Reklame",
                A,
                "Izin penyelenggaraan reklame papan, baliho dan spanduk.",
            ),
            ("dpmptsp-apotek", "Izin Apotek", A, "Izin operasional apotek."),
            (
                "dpmptsp-klinik",
                "Izin Operasional Klinik",
                A,
                "Izin operasional klinik pratama dan klinik utama.",
            ),
            (
                "dpmptsp-pkkpr",
                "Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)",
                A,
                "Konfirmasi kesesuaian lokasi usaha dengan rencana tata ruang.",
            ),
            (
                "dpmptsp-konsultasi",
                "Konsultasi Perizinan dan Investasi",
                J,
                "Konsultasi tatap muka tentang syarat dan alur perizinan.",
            ),
        ),
    ),
    AgencyRow(
        slug="rsud-hadji-boejasin",
        name="RSUD Hadji Boejasin",
        short_name="RSUD",
        kind="rsud",
        parent=PEMDA,
        head="Direktur",
        motto="Melayani dengan hati, menyembuhkan dengan ilmu",
        misi=(
            "Memberikan pelayanan kesehatan rujukan yang bermutu dan terjangkau.",
            "Mengutamakan keselamatan pasien.",
        ),
        street="Jl. H. Boejasin No. 1",
        phone="(0512) 21082",
        opening_hours="IGD 24 jam; poliklinik Senin–Sabtu 08.00–13.00 WITA",
        website=f"https://rsud.{DOMAIN}",
        email=f"rsud@{DOMAIN}",
        extra_officer="Kepala Bidang Pelayanan Medik",
        services=(
            (
                "rsud-rawat-jalan",
                "Rawat Jalan (Poliklinik)",
                J,
                "Pemeriksaan dan pengobatan di poliklinik spesialis.",
            ),
            (
                "rsud-igd",
                "Instalasi Gawat Darurat (IGD)",
                J,
                "Penanganan pasien gawat darurat selama 24 jam.",
            ),
            (
                "rsud-rawat-inap",
                "Rawat Inap",
                J,
                "Perawatan pasien yang memerlukan pengawasan medis berkelanjutan.",
            ),
            (
                "rsud-surat-sehat",
                "Surat Keterangan Sehat",
                A,
                "Pemeriksaan kesehatan dan penerbitan surat keterangan sehat.",
            ),
            (
                "rsud-bebas-narkoba",
                "Surat Keterangan Bebas Narkoba",
                A,
                "Pemeriksaan urin dan penerbitan surat keterangan bebas narkoba.",
            ),
            (
                "rsud-laboratorium",
                "Pemeriksaan Laboratorium",
                J,
                "Pemeriksaan darah, urin dan spesimen klinik lain.",
            ),
            ("rsud-radiologi", "Pemeriksaan Radiologi", J, "Pemeriksaan rontgen, USG dan CT scan."),
            ("rsud-farmasi", "Pelayanan Farmasi", B, "Penyediaan obat sesuai resep dokter."),
            ("rsud-hemodialisa", "Hemodialisa", J, "Cuci darah bagi pasien gagal ginjal."),
            (
                "rsud-mcu",
                "Pemeriksaan Kesehatan Menyeluruh (Medical Check Up)",
                J,
                "Paket pemeriksaan kesehatan untuk calon pekerja dan perorangan.",
            ),
            (
                "rsud-ambulans",
                "Layanan Ambulans",
                J,
                "Pengantaran pasien rujukan dan jenazah dengan ambulans.",
            ),
            ("rsud-fisioterapi", "Fisioterapi", J, "Terapi pemulihan gerak dan fungsi tubuh."),
        ),
    ),
    AgencyRow(
        slug="pdam-tanah-laut",
        name="Perumda Air Minum Kabupaten Tanah Laut",
        short_name="PDAM",
        kind="bumd",
        parent=PEMDA,
        head="Direktur Utama",
        motto="Air bersih mengalir, pelanggan puas",
        misi=(
            "Menyediakan air minum yang memenuhi syarat kualitas, kuantitas dan kontinuitas.",
            "Memperluas cakupan layanan air minum ke seluruh kecamatan.",
        ),
        street="Jl. Kemuning No. 8",
        phone="(0512) 21331",
        opening_hours="Senin–Jumat 08.00–15.00 WITA; pengaduan gangguan 24 jam",
        website=f"https://pdam.{DOMAIN}",
        email=f"pdam@{DOMAIN}",
        services=(
            (
                "pdam-sambungan-baru",
                "Sambungan Baru",
                J,
                "Pemasangan sambungan air minum baru ke rumah atau tempat usaha.",
            ),
            (
                "pdam-pengaduan-air",
                "Pengaduan Gangguan Air",
                J,
                "Penanganan air mati, keruh atau pipa bocor.",
            ),
            (
                "pdam-rekening",
                "Pembayaran Rekening Air",
                J,
                "Pembayaran tagihan air di loket, bank dan gerai mitra.",
            ),
            (
                "pdam-balik-nama",
                "Balik Nama Pelanggan",
                A,
                "Perubahan nama pelanggan pada sambungan yang ada.",
            ),
            (
                "pdam-buka-tutup",
                "Penutupan dan Pembukaan Kembali Sambungan",
                J,
                "Penutupan sementara atas permintaan pelanggan dan pembukaannya kembali.",
            ),
            (
                "pdam-tera-meter",
                "Pengujian Meter Air",
                J,
                "Pemeriksaan ketepatan meter air atas permintaan pelanggan.",
            ),
        ),
    ),
    AgencyRow(
        slug="dinkes",
        name="Dinas Kesehatan",
        short_name="Dinkes",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Sehat bersama, sehat untuk semua",
        misi=(
            "Meningkatkan derajat kesehatan masyarakat.",
            "Memperkuat pelayanan kesehatan dasar di puskesmas.",
        ),
        street="Jl. Pelaihari–Banjarmasin Km 3",
        phone="(0512) 21450",
        services=(
            (
                "dinkes-pirt",
                "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
                A,
                "Sertifikat bagi usaha pangan olahan rumahan.",
            ),
            (
                "dinkes-laik-sehat",
                "Sertifikat Laik Higiene Sanitasi",
                A,
                "Pemeriksaan dan sertifikasi higiene rumah makan dan jasa boga.",
            ),
            (
                "dinkes-jkn-daerah",
                "Pendaftaran Jaminan Kesehatan Daerah",
                A,
                "Pendaftaran warga tidak mampu sebagai peserta JKN yang dibiayai daerah.",
            ),
            (
                "dinkes-rekom-klinik",
                "Rekomendasi Teknis Izin Klinik",
                A,
                "Verifikasi teknis sarana dan tenaga klinik sebelum izin diterbitkan.",
            ),
        ),
    ),
    AgencyRow(
        slug="disdik",
        name="Dinas Pendidikan dan Kebudayaan",
        short_name="Disdikbud",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Cerdas, berkarakter, berbudaya",
        misi=(
            "Memperluas akses pendidikan dasar yang bermutu.",
            "Melestarikan budaya Banjar dan budaya daerah.",
        ),
        street="Jl. A. Yani Km 4",
        phone="(0512) 21720",
        services=(
            (
                "disdik-pengganti-ijazah",
                "Surat Keterangan Pengganti Ijazah",
                A,
                "Keterangan pengganti ijazah SD dan SMP yang hilang atau rusak.",
            ),
            ("disdik-legalisir", "Legalisasi Ijazah", A, "Pengesahan fotokopi ijazah SD dan SMP."),
            (
                "disdik-mutasi-siswa",
                "Rekomendasi Mutasi Siswa",
                A,
                "Rekomendasi perpindahan siswa antarsekolah.",
            ),
            (
                "disdik-izin-paud",
                "Rekomendasi Pendirian Satuan PAUD",
                A,
                "Rekomendasi pendirian taman kanak-kanak dan kelompok bermain.",
            ),
        ),
    ),
    AgencyRow(
        slug="dinsos",
        name="Dinas Sosial",
        short_name="Dinsos",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Hadir untuk yang membutuhkan",
        misi=(
            "Meningkatkan perlindungan dan jaminan sosial.",
            "Memberdayakan penyandang masalah kesejahteraan sosial.",
        ),
        street="Jl. Datu Insyad No. 4",
        phone="(0512) 21610",
        services=(
            (
                "dinsos-dtsen",
                "Pendaftaran Data Tunggal Sosial dan Ekonomi",
                A,
                "Usulan pendaftaran keluarga ke data tunggal sosial dan ekonomi nasional.",
            ),
            (
                "dinsos-rekom-pbi",
                "Rekomendasi Penerima Bantuan Iuran JKN",
                A,
                "Rekomendasi agar warga miskin dibiayai iuran jaminan kesehatannya.",
            ),
            (
                "dinsos-bantuan-bencana",
                "Bantuan Sosial Korban Bencana",
                B,
                "Penyaluran bantuan kebutuhan dasar bagi korban bencana.",
            ),
            (
                "dinsos-disabilitas",
                "Rehabilitasi Sosial Penyandang Disabilitas",
                J,
                "Pendampingan dan alat bantu bagi penyandang disabilitas.",
            ),
            (
                "dinsos-sktm",
                "Surat Keterangan Tidak Mampu untuk Layanan Kesehatan",
                A,
                "Keterangan tidak mampu untuk keringanan biaya rumah sakit.",
            ),
        ),
    ),
    AgencyRow(
        slug="dishub",
        name="Dinas Perhubungan",
        short_name="Dishub",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Selamat, tertib, lancar",
        misi=("Menyelenggarakan transportasi yang aman dan tertib.",),
        street="Jl. Pelaihari–Banjarmasin Km 5",
        phone="(0512) 22115",
        services=(
            (
                "dishub-uji-kir",
                "Pengujian Kendaraan Bermotor (Uji KIR)",
                J,
                "Uji berkala kelaikan jalan kendaraan angkutan barang dan penumpang.",
            ),
            (
                "dishub-trayek",
                "Izin Trayek Angkutan Perdesaan",
                A,
                "Izin trayek angkutan umum dalam wilayah kabupaten.",
            ),
            (
                "dishub-andalalin",
                "Rekomendasi Analisis Dampak Lalu Lintas",
                A,
                "Penilaian dampak lalu lintas pembangunan pusat kegiatan.",
            ),
            (
                "dishub-parkir",
                "Izin Penyelenggaraan Parkir",
                A,
                "Izin tempat parkir di luar badan jalan.",
            ),
        ),
    ),
    AgencyRow(
        slug="dpupr",
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        short_name="Dinas PUPR",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Membangun infrastruktur, menata ruang",
        misi=(
            "Membangun dan memelihara jalan serta jembatan kabupaten.",
            "Menata ruang wilayah yang berkelanjutan.",
        ),
        street="Jl. A. Yani Km 2",
        phone="(0512) 21211",
        services=(
            (
                "pupr-krk",
                "Keterangan Rencana Kabupaten (KRK)",
                A,
                "Informasi peruntukan dan ketentuan teknis ruang untuk satu persil.",
            ),
            (
                "pupr-rekom-jalan",
                "Rekomendasi Pemanfaatan Bagian Jalan",
                A,
                "Rekomendasi pemasangan utilitas atau akses di ruang milik jalan.",
            ),
            ("pupr-alat-berat", "Sewa Alat Berat", J, "Penyewaan alat berat milik daerah."),
            (
                "pupr-uji-bahan",
                "Uji Laboratorium Bahan Konstruksi",
                J,
                "Pengujian mutu beton, aspal dan tanah.",
            ),
        ),
    ),
    AgencyRow(
        slug="dlh",
        name="Dinas Lingkungan Hidup",
        short_name="DLH",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Lingkungan lestari, masyarakat sehat",
        misi=("Mengendalikan pencemaran dan kerusakan lingkungan.", "Mengelola sampah."),
        street="Jl. Pelaihari–Takisung Km 1",
        phone="(0512) 21905",
        services=(
            (
                "dlh-persetujuan-lingkungan",
                "Persetujuan Lingkungan (UKL-UPL/SPPL)",
                A,
                "Pemeriksaan dokumen lingkungan bagi usaha dan kegiatan.",
            ),
            (
                "dlh-angkut-sampah",
                "Pengangkutan Sampah",
                J,
                "Pengangkutan sampah rumah tangga dan tempat usaha.",
            ),
            ("dlh-uji-lab", "Uji Laboratorium Lingkungan", J, "Pengujian kualitas air dan udara."),
            (
                "dlh-pencemaran",
                "Pengaduan Pencemaran Lingkungan",
                J,
                "Verifikasi lapangan atas laporan pencemaran.",
            ),
        ),
    ),
    AgencyRow(
        slug="disnaker",
        name="Dinas Tenaga Kerja dan Transmigrasi",
        short_name="Disnakertrans",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Kerja layak untuk semua",
        misi=("Memperluas kesempatan kerja.", "Menjaga hubungan industrial yang harmonis."),
        street="Jl. A. Syairani No. 20",
        phone="(0512) 21537",
        services=(
            (
                "disnaker-kartu-kuning",
                "Kartu Pencari Kerja (AK/I)",
                A,
                "Penerbitan kartu tanda pencari kerja.",
            ),
            (
                "disnaker-pkb",
                "Pendaftaran Perjanjian Kerja Bersama",
                A,
                "Pendaftaran PKB dan peraturan perusahaan.",
            ),
            (
                "disnaker-mediasi",
                "Mediasi Perselisihan Hubungan Industrial",
                J,
                "Mediasi perselisihan antara pekerja dan pengusaha.",
            ),
            (
                "disnaker-pelatihan",
                "Pelatihan Kerja",
                J,
                "Pelatihan keterampilan kerja berbasis kompetensi.",
            ),
            (
                "disnaker-wlkp",
                "Wajib Lapor Ketenagakerjaan di Perusahaan",
                A,
                "Pencatatan laporan ketenagakerjaan perusahaan.",
            ),
        ),
    ),
    AgencyRow(
        slug="bapenda",
        name="Badan Pendapatan Daerah",
        short_name="Bapenda",
        kind="badan",
        parent=PEMDA,
        head="Kepala Badan",
        motto="Pajak daerah untuk pembangunan",
        misi=("Meningkatkan pendapatan asli daerah.", "Mempermudah pembayaran pajak daerah."),
        street="Jl. A. Syairani No. 9",
        phone="(0512) 21799",
        services=(
            (
                "bapenda-pbb",
                "Pembayaran PBB-P2",
                J,
                "Pembayaran pajak bumi dan bangunan perdesaan dan perkotaan.",
            ),
            (
                "bapenda-mutasi-pbb",
                "Mutasi Objek dan Subjek PBB-P2",
                A,
                "Perubahan data wajib pajak atau objek pajak bumi dan bangunan.",
            ),
            (
                "bapenda-bphtb",
                "Validasi BPHTB",
                A,
                "Penelitian dan validasi bea perolehan hak atas tanah dan bangunan.",
            ),
            (
                "bapenda-npwpd",
                "Pendaftaran NPWPD",
                A,
                "Pendaftaran wajib pajak daerah untuk hotel, restoran dan hiburan.",
            ),
            (
                "bapenda-pajak-reklame",
                "Penetapan Pajak Reklame",
                A,
                "Perhitungan dan penetapan pajak reklame.",
            ),
        ),
    ),
    AgencyRow(
        slug="bappeda",
        name="Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        short_name="Bapperida",
        kind="badan",
        parent=PEMDA,
        head="Kepala Badan",
        motto="Perencanaan tepat, pembangunan terarah",
        misi=("Menyusun perencanaan pembangunan berbasis data.",),
        street="Jl. A. Syairani No. 7",
        phone="(0512) 21120",
        services=(
            (
                "bappeda-data",
                "Layanan Data Perencanaan Pembangunan",
                A,
                "Penyediaan data dan dokumen perencanaan daerah.",
            ),
            (
                "bappeda-izin-riset",
                "Rekomendasi Izin Penelitian",
                A,
                "Rekomendasi bagi mahasiswa dan peneliti yang meneliti di daerah.",
            ),
        ),
    ),
    AgencyRow(
        slug="satpolpp",
        name="Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
        short_name="Satpol PP dan Damkar",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Satuan",
        motto="Tegas, humanis, siaga",
        misi=("Menegakkan peraturan daerah.", "Menanggulangi kebakaran dan penyelamatan."),
        street="Jl. A. Syairani No. 15",
        phone="(0512) 21113",
        opening_hours="Pemadam kebakaran 24 jam; kantor Senin–Jumat 08.00–16.00 WITA",
        services=(
            (
                "satpolpp-ketertiban",
                "Penanganan Gangguan Ketertiban Umum",
                J,
                "Penindakan pelanggaran perda dan gangguan ketertiban.",
            ),
            (
                "satpolpp-pengamanan",
                "Pengamanan Kegiatan",
                J,
                "Pengamanan kegiatan pemerintah dan masyarakat.",
            ),
            (
                "satpolpp-damkar",
                "Pemadaman Kebakaran dan Penyelamatan",
                J,
                "Pemadaman kebakaran dan evakuasi hewan atau orang terjebak.",
            ),
        ),
    ),
    AgencyRow(
        slug="bpbd",
        name="Badan Penanggulangan Bencana Daerah",
        short_name="BPBD",
        kind="badan",
        parent=PEMDA,
        head="Kepala Pelaksana",
        motto="Siaga bencana, selamat bersama",
        misi=("Meningkatkan kesiapsiagaan masyarakat menghadapi bencana.",),
        street="Jl. Pelaihari–Banjarmasin Km 4",
        phone="(0512) 22112",
        opening_hours="Pusat pengendalian operasi 24 jam",
        services=(
            (
                "bpbd-laporan-bencana",
                "Laporan Kejadian Bencana",
                J,
                "Penerimaan laporan dan kaji cepat kejadian bencana.",
            ),
            (
                "bpbd-logistik",
                "Bantuan Logistik Kebencanaan",
                B,
                "Penyaluran logistik darurat bagi korban banjir, kebakaran lahan dan longsor.",
            ),
            (
                "bpbd-sosialisasi",
                "Sosialisasi Kesiapsiagaan Bencana",
                J,
                "Pelatihan kesiapsiagaan bagi sekolah, desa dan kelompok masyarakat.",
            ),
        ),
    ),
    AgencyRow(
        slug="dispersip",
        name="Dinas Perpustakaan dan Kearsipan",
        short_name="Dispersip",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Membaca membuka jendela dunia",
        misi=("Meningkatkan budaya gemar membaca.", "Menyelamatkan arsip daerah."),
        street="Jl. A. Yani Km 1",
        phone="(0512) 21255",
        opening_hours="Senin–Sabtu 08.00–17.00 WITA",
        services=(
            (
                "perpus-anggota",
                "Kartu Anggota Perpustakaan",
                B,
                "Pendaftaran anggota dan pencetakan kartu perpustakaan.",
            ),
            ("perpus-pinjam", "Peminjaman Buku", J, "Peminjaman koleksi buku perpustakaan daerah."),
            (
                "perpus-keliling",
                "Perpustakaan Keliling",
                J,
                "Kunjungan mobil perpustakaan ke sekolah dan desa.",
            ),
            (
                "perpus-arsip",
                "Layanan Penelusuran Arsip",
                A,
                "Penelusuran dan penyalinan arsip statis daerah.",
            ),
        ),
    ),
    AgencyRow(
        slug="distan",
        name="Dinas Pertanian dan Ketahanan Pangan",
        short_name="Distan",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Petani maju, pangan tercukupi",
        misi=("Meningkatkan produksi pertanian.", "Menjaga ketersediaan pangan daerah."),
        street="Jl. Pelaihari–Jorong Km 3",
        phone="(0512) 21378",
        services=(
            (
                "distan-pupuk",
                "Rekomendasi Alokasi Pupuk Bersubsidi",
                A,
                "Verifikasi kebutuhan pupuk bersubsidi kelompok tani.",
            ),
            ("distan-klinik-tanaman", "Klinik Tanaman", J, "Diagnosis hama dan penyakit tanaman."),
            (
                "distan-keswan",
                "Pelayanan Kesehatan Hewan",
                J,
                "Pemeriksaan, vaksinasi dan pengobatan ternak dan hewan peliharaan.",
            ),
            (
                "distan-alsintan",
                "Pinjam Pakai Alat dan Mesin Pertanian",
                B,
                "Pinjam pakai traktor dan pompa air bagi kelompok tani.",
            ),
        ),
    ),
    AgencyRow(
        slug="diskopukm",
        name="Dinas Koperasi, Usaha Kecil dan Menengah",
        short_name="Diskop UKM",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="UMKM naik kelas",
        misi=("Memperkuat kelembagaan koperasi.", "Meningkatkan daya saing UMKM."),
        street="Jl. A. Syairani No. 22",
        phone="(0512) 21467",
        services=(
            (
                "diskop-koperasi",
                "Fasilitasi Pendirian Badan Hukum Koperasi",
                A,
                "Pendampingan pendirian koperasi hingga pengesahan badan hukum.",
            ),
            (
                "diskop-pendampingan",
                "Pendampingan Usaha Mikro",
                J,
                "Konsultasi pemasaran, keuangan dan produksi bagi usaha mikro.",
            ),
            (
                "diskop-halal",
                "Fasilitasi Sertifikasi Halal",
                A,
                "Pendampingan pengajuan sertifikat halal gratis bagi usaha mikro.",
            ),
            (
                "diskop-merek",
                "Fasilitasi Pendaftaran Merek",
                A,
                "Pendampingan pendaftaran merek produk UMKM.",
            ),
        ),
    ),
    AgencyRow(
        slug="disperkim",
        name="Dinas Perumahan dan Kawasan Permukiman",
        short_name="Disperkim",
        kind="dinas",
        parent=PEMDA,
        head="Kepala Dinas",
        motto="Rumah layak, permukiman sehat",
        misi=("Menuntaskan rumah tidak layak huni.", "Menata kawasan permukiman kumuh."),
        street="Jl. A. Yani Km 3",
        phone="(0512) 21588",
        services=(
            (
                "perkim-rtlh",
                "Bantuan Rehabilitasi Rumah Tidak Layak Huni",
                B,
                "Bantuan bahan bangunan untuk memperbaiki rumah tidak layak huni.",
            ),
            (
                "perkim-psu",
                "Serah Terima Prasarana, Sarana dan Utilitas Perumahan",
                A,
                "Serah terima jalan dan saluran perumahan dari pengembang.",
            ),
            (
                "perkim-siteplan",
                "Pengesahan Rencana Tapak (Site Plan)",
                A,
                "Pengesahan rencana tapak perumahan.",
            ),
        ),
    ),
)


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


AGENCIES += (
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

# Invented people, handed out in order to the officers of the agencies above.
OFFICER_NAMES: tuple[str, ...] = (
    "Drs. H. Rusdiansyah Anwar, M.Si.",
    "Hj. Siti Noorhayati, S.E.",
    "Ahmad Fauzan Noor, S.Kom.",
    "H. Muhammad Ridwan, S.H., M.H.",
    "Rahmah Wati, S.Sos.",
    "Ir. Gusti Rizali, M.T.",
    "Norhasanah, S.AP.",
    "dr. Akhmad Syarifuddin, Sp.PD.",
    "Yuliana Sari, S.Kep.",
    "H. Abdul Hakim, S.Pd., M.Pd.",
    "Fitriani Rahmi, S.IP.",
    "Muhammad Yusuf Effendi, S.T.",
    "Dra. Hj. Laila Khairiyah",
    "Rudi Hartono, S.Sos.",
    "Syahrani, S.Hut.",
    "Hj. Rusmilawati, S.E., M.M.",
    "Agus Salim, S.Kom.",
    "Dewi Anggraini, S.H.",
    "H. Gazali Rahman, S.Sos., M.AP.",
    "Noor Aida, S.Psi.",
    "Ir. H. Bahrudin",
    "Khairul Anam, S.P.",
    "Mariatul Kiptiah, S.Pd.",
    "Ahmad Zaini, S.E.",
    "Taufik Hidayat, S.STP.",
    "Hairiyah, S.Kep., Ns.",
    "Muhammad Arsyad, S.H.",
    "drg. Nurul Hidayah",
    "Samsul Bahri, S.T., M.T.",
    "Rina Marlina, A.Md.",
    "H. Jumberi, S.Sos.",
    "Lisda Yanti, S.Ak.",
    "Faisal Rahman, S.IP., M.Si.",
    "Hendra Kusuma, S.Kom.",
    "Hj. Nor Jannah, S.Pd.",
    "Ahmad Rifani, S.P., M.Si.",
    "Yunita Sari, S.E.",
    "Drs. Ramli Yusran",
    "Akhmad Fikri, S.H.",
    "Sri Wahyuni, S.Sos.",
    "Irwan Setiawan, S.T.",
    "Masitah, A.Md.Keb.",
    "H. Syamsuri, S.Ag.",
    "Nurlaila, S.Pd.",
    "Budi Santoso, S.Kom.",
    "Hj. Salmiah, S.E.",
    "Muhammad Iqbal, S.STP., M.Si.",
    "Ratna Dewi, S.Farm., Apt.",
    "Zainal Arifin, S.Sos.",
    "Herlina, S.KM.",
    "dr. Rizky Amalia",
    "Ahmad Junaidi, S.E.",
    "Fahrurrazi, S.Pd.I.",
    "Lina Marliani, S.H.",
    "Ir. Saiful Bahri",
    "Wahyudi, S.T.",
    "Sarwani, S.AP.",
    "Nurhayati, S.Kep.",
    "H. Marzuki, S.Sos.",
    "Rizqa Amelia, S.Kom.",
    "Eko Prasetyo, S.T.",
    "Siti Aminah, S.Sos.",
    "Yusran Effendi, S.H.",
    "Mahdiannor, S.Pd.",
    "Nor Fadillah, S.E.",
    "dr. Hendri Wijaya",
    "Rusdi Ansyari, S.IP.",
    "Hanifah, S.Pd.",
    "Ahmad Muzakir, S.Sos.",
    "Sofyan Hadi, S.T.",
    "Nurul Aini, S.Kom.",
    "Abdul Muis, S.Ag.",
    "Hj. Raudah, S.Sos.",
    "Firdaus Hamdani, S.T.",
    "Nanang Kosim, S.E.",
    "Desi Ratnasari, S.Kep.",
    "H. Aspihani, S.Pd.",
    "Rahmadi, S.IP.",
    "Novianti, S.AP.",
    "Syarifah Hayati, S.H.",
    "Arbain, S.Sos.",
    "Mulyadi Saputra, S.Kom.",
    "Hj. Jamilah, S.Pd.",
    "Irfan Maulana, S.T.",
)


@dataclass(frozen=True)
class LoginRow:
    username: str
    full_name: str
    role: str  # an accounts.models.Role value, or "" for a citizen
    agency: str  # agency slug, "" for a citizen
    mobile: str = ""
    superuser: bool = False


LOGINS: tuple[LoginRow, ...] = (
    LoginRow("admin.nasional", "Admin Nasional SP4N-LAPOR!", "admin_nasional", NASIONAL),
    LoginRow("admin.instansi", "Sekretariat Pengaduan Tanah Laut", "admin_instansi", PEMDA),
    LoginRow("pimpinan.sekda", "Sekretaris Daerah (demo)", "pimpinan", PEMDA),
    LoginRow("operator", "Operator Diskominfo", "operator", PEMDA, superuser=True),
    LoginRow("penghubung.dukcapil", "Penghubung Disdukcapil", "penghubung", "disdukcapil"),
    LoginRow("kepala.dukcapil", "Kepala Disdukcapil (demo)", "kepala", "disdukcapil"),
    LoginRow("upp.dukcapil", "Admin UPP Pendaftaran Penduduk", "admin_upp", "disdukcapil-dafduk"),
    LoginRow(
        "penghubung.rsud", "Penghubung RSUD Hadji Boejasin", "penghubung", "rsud-hadji-boejasin"
    ),
    LoginRow("warga", "Siti Warga Demo", "", "", mobile="081234567890"),
)
DEMO_EMAIL_DOMAIN = "demo.example"
