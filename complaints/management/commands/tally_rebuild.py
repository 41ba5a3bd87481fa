"""Recount the tally of items from the items (complaints.tally): after a bulk load with the
triggers off, or after changing TIME_ZONE (the triggers are installed again first)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.tally import kept, tally_reinstall


class Command(BaseCommand):
    help = gettext_lazy("Hitung ulang rekap jumlah pengaduan dari pengaduannya (PostgreSQL).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not kept():
            self.stdout.write(_("Basis data ini tanpa rekap: angkanya dihitung langsung."))
            return
        tally_reinstall()
        self.stdout.write(self.style.SUCCESS(_("Rekap jumlah pengaduan dihitung ulang.")))
