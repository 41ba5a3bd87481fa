"""`manage.py seed_demo`: load the demo kabupaten, its OPDs, services and demo logins.

Idempotent: rows are matched by slug (agencies), code (services), position (officers) and
username (users); a second run finds everything in place and writes nothing. Demo passwords
are set only when a user is created. The data lives in reports/demo_data.py.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Role, User
from reports import demo_data
from reports.demo_complaints import load_demo_complaints
from reports.demo_reputation import load_demo_reputation
from standards.models import Agency, PublicOfficer, Service

COMPLAINT_OFFICER = {
    "nasional": "",
    "pemda": "Sekretariat Pengaduan (Admin Instansi)",
    "unit": "Admin UPP",
}
DEFAULT_COMPLAINT_OFFICER = "Pejabat Penghubung Pengaduan"


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], stats: Counter
) -> models.Model:
    """Find the row by `lookup`; create it or bring `values` up to date, validated first."""
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created
    for name, value in values.items():
        if isinstance(value, models.Model):
            if getattr(obj, f"{name}_id") != value.pk:
                setattr(obj, name, value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        obj.save()
        stats["created" if created else "updated"] += 1
    return obj


def _officers(row: demo_data.AgencyRow) -> list[tuple[str, bool]]:
    """(position, handles complaints) for the agency's public officers, head first."""
    officers = [(row.head, False)]
    complaint = COMPLAINT_OFFICER.get(row.kind, DEFAULT_COMPLAINT_OFFICER)
    if complaint:
        officers.append((complaint, True))
    if row.extra_officer:
        officers.append((row.extra_officer, False))
    return officers


def load_demo_data() -> Counter:
    """Create or update every demo row; returns counts of created and updated rows."""
    stats: Counter = Counter()
    agencies: dict[str, Agency] = {}
    names = iter(demo_data.OFFICER_NAMES)
    for row in demo_data.AGENCIES:
        agency = _upsert(
            Agency,
            {"slug": row.slug},
            {
                "parent": agencies[row.parent] if row.parent else None,
                "kind": row.kind,
                "name": row.name,
                "short_name": row.short_name,
                "is_active": True,
                "motto": row.motto,
                "visi": row.visi,
                "misi": "\n".join(row.misi),
                "address": row.address,
                "phone": row.phone,
                "email": row.email_address,
                "website": row.website_url,
                "opening_hours": row.opening_hours if row.kind != "unit" else "",
            },
            stats,
        )
        agencies[row.slug] = agency
        for order, (position, handles) in enumerate(_officers(row)):
            _upsert(
                PublicOfficer,
                {"agency": agency, "position": position},
                {"name": next(names), "handles_complaints": handles, "order": order},
                stats,
            )
        for code, name, kind, description in row.services:
            _upsert(
                Service,
                {"code": code},
                {
                    "agency": agency,
                    "name": name,
                    "slug": slugify(name)[:120],
                    "kind": kind,
                    "description": description,
                    "is_active": True,
                },
                stats,
            )

    # One hash for every demo account: hashing is deliberately slow, and these passwords are
    # public anyway.
    password_hash = ""
    for login in demo_data.LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            password_hash = password_hash or make_password(demo_data.DEMO_PASSWORD)
            user = User(username=login.username, password=password_hash)
        _upsert_user(user, login, stats)
        if login.role:
            _upsert(
                Membership,
                {"user": user, "agency": agencies[login.agency], "role": login.role},
                {"is_active": True},
                stats,
            )
    return stats


def _upsert_user(user: User, login: demo_data.LoginRow, stats: Counter) -> None:
    created = user.pk is None
    values = {
        "full_name": login.full_name,
        "email": f"{login.username}@{demo_data.DEMO_EMAIL_DOMAIN}",
        "mobile": login.mobile,
        "is_active": True,
        "is_staff": login.superuser,
        "is_superuser": login.superuser,
    }
    changed = created or user.email_verified_at is None
    for name, value in values.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if not changed:
        return
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
    user.full_clean()
    user.save()
    stats["created" if created else "updated"] += 1


def login_rows() -> list[tuple[str, str, str, str]]:
    """(username, role, agency, password) for each demo login, from the data table."""
    agency_names = {row.slug: row.short_name or row.name for row in demo_data.AGENCIES}
    return [
        (
            login.username,
            str(Role(login.role).label) if login.role else _("Warga"),
            agency_names[login.agency] if login.agency else "—",
            demo_data.DEMO_PASSWORD,
        )
        for login in demo_data.LOGINS
    ]


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
            stats["ratings"] = load_demo_reputation()
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
