"""The demo's roots and the pemda's own offices: the national desk, the kabupaten, its
Sekretariat Daerah, the Inspektorat and Diskominfo."""

from __future__ import annotations

from demo.directory.rows import DOMAIN, NASIONAL, PEMDA, A, AgencyRow, J

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
)
