"""`manage.py seed_demo`: load the demo kabupaten, its OPDs, services, logins and items.

Idempotent: rows are matched by slug (agencies), code (services), position (officers) and
username (users), items by a fixed intake token; a second run finds everything in place and
writes nothing. Demo passwords are set only when a user is created. The data lives in the
demo app: `demo.directory`, `demo.people`, `demo.complaints`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from demo.complaints import load_demo_complaints
from demo.directory.load import load_directory
from demo.people import load_people, login_rows
from demo.reports import load_demo_reports
from demo.reputation import load_demo_reputation
from demo.standards import load_demo_standards
from demo.surveys import load_demo_surveys
from standards.models import Agency, Service


def load_demo_data() -> Counter:
    """Create or update every demo row but the items; returns counts of created and updated
    rows."""
    stats: Counter = Counter()
    agencies = load_directory(stats)
    load_people(agencies, stats)
    return stats


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


class Command(BaseCommand):
    help = gettext_lazy(
        "Memuat data demo (pemda, OPD, layanan, akun demo) secara idempoten. "
        "--logins hanya mencetak tabel akun demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins", action="store_true", help=gettext_lazy("Hanya cetak tabel akun demo.")
        )
        parser.add_argument(
            "--quiet", action="store_true", help=gettext_lazy("Tidak mencetak apa pun saat memuat.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy(
                "Muat juga saat DEBUG mati (hanya untuk server demo: kata sandinya publik)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self.stdout.write(self._logins_table())
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "DEBUG mati: data demo memuat akun dengan kata sandi publik. "
                    "Gunakan --force hanya di server demo."
                )
            )
        with transaction.atomic():
            stats = load_demo_data()
            stats["complaints"] = load_demo_complaints()
            stats.update(load_demo_standards())
            load_demo_reports()
            load_demo_surveys()
            load_demo_reputation()
        if options["quiet"] or options["verbosity"] == 0:
            return
        self.stdout.write(
            _(
                "Data demo: %(agencies)d instansi/OPD, %(services)d layanan, %(users)d akun, "
                "%(complaints)d pengaduan baru (%(created)d baris baru, %(updated)d diperbarui)."
            )
            % {
                "agencies": Agency.objects.count(),
                "services": Service.objects.count(),
                "users": User.objects.count(),
                "complaints": stats["complaints"],
                "created": stats["created"],
                "updated": stats["updated"],
            }
        )

    def _logins_table(self) -> str:
        header = (_("Nama pengguna"), _("Peran"), _("Instansi/OPD"), _("Kata sandi"))
        table = format_table(header, login_rows())
        note = _(
            "Akun demo — kata sandi bersama hanya untuk percobaan, jangan dipakai di produksi."
        )
        return f"  {note}\n\n" + "\n".join(f"  {line}" for line in table.splitlines())
