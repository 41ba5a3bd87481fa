"""The shape of a demo agency row and the values the directory tables share.

The tables are plain data. People are invented; the agencies and services follow what a
Pemerintah Kabupaten in Kalimantan Selatan actually runs.
"""

from __future__ import annotations

from dataclasses import dataclass

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
