"""The officers named on each agency's public profile: titles by kind, invented names."""

from __future__ import annotations

from demo.directory.rows import AgencyRow

# Who handles complaints at each kind of agency; the national desk names none.
COMPLAINT_OFFICER = {
    "nasional": "",
    "pemda": "Sekretariat Pengaduan (Admin Instansi)",
    "unit": "Admin UPP",
}
DEFAULT_COMPLAINT_OFFICER = "Pejabat Penghubung Pengaduan"


def officers_of(row: AgencyRow) -> list[tuple[str, bool]]:
    """(position, handles complaints) for the agency's public officers, head first."""
    officers = [(row.head, False)]
    complaint = COMPLAINT_OFFICER.get(row.kind, DEFAULT_COMPLAINT_OFFICER)
    if complaint:
        officers.append((complaint, True))
    if row.extra_officer:
        officers.append((row.extra_officer, False))
    return officers


# Invented people, handed out in order to the officers of the agencies in
# `demo.directory.AGENCIES`.
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
