"""The demo directory: the agency tree, its services and the officers on its public pages.

`AGENCIES` is every row, parents before children; the order also hands out the officers'
names (`officers.OFFICER_NAMES`), so appending keeps existing rows as they are.
"""

from __future__ import annotations

from demo.directory import frontline, instansi, opd_economy, opd_social, wilayah
from demo.directory.rows import NASIONAL, PEMDA, AgencyRow

AGENCIES: tuple[AgencyRow, ...] = (
    instansi.AGENCIES
    + frontline.AGENCIES
    + opd_social.AGENCIES
    + opd_economy.AGENCIES
    + wilayah.AGENCIES
)

__all__ = ["AGENCIES", "NASIONAL", "PEMDA", "AgencyRow"]
