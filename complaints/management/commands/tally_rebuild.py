"""Recount the tally of items from the items (complaints.tally): after a bulk load with the
triggers off, or after changing TIME_ZONE (the triggers are installed again first)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from complaints.tally import kept, tally_reinstall


class Command(BaseCommand):
    help = "Recount the statistics tally of complaints from the complaints (PostgreSQL)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not kept():
            self.stdout.write("No tally on this database: its figures are counted live.")
            return
        tally_reinstall()
        self.stdout.write(self.style.SUCCESS("Tally recounted."))
