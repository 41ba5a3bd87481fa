"""`manage.py seed_scale`: a province of data on top of the demo, for load tests (demo/scale.py).

    manage.py seed_scale                       # laptop-small (about a minute)
    manage.py seed_scale --size medium         # 30 pemda, 500 OPD, 100k items, 1M ratings
    manage.py seed_scale --size province       # 1M items, 10M ratings, 1M SKM answers
    manage.py seed_scale --complaints 50000 --ratings 0

Runs `seed_demo` first (idempotent), so the demo logins see the busiest OPDs. Each run adds
rows; run it on a fresh database for figures that mean something.
"""

from __future__ import annotations

import dataclasses

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.province import SIZES
from demo.scale import seed_scale

OVERRIDES = ("pemda", "agencies", "services", "complaints", "ratings", "answers", "years")


class _Raw:
    """The command's output without the newline OutputWrapper adds: the progress bar redraws
    its line with a carriage return."""

    def __init__(self, wrapped: OutputWrapper) -> None:
        self.wrapped = wrapped

    def write(self, text: str) -> None:
        self.wrapped.write(text, ending="")

    def flush(self) -> None:
        self.wrapped.flush()

    def isatty(self) -> bool:
        return self.wrapped.isatty()


class Command(BaseCommand):
    help = gettext_lazy(
        "Mengisi PostgreSQL dengan data satu provinsi untuk uji beban (COPY dan insert massal)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="small",
            help=gettext_lazy("Ukuran dasar: small (bawaan), medium atau province."),
        )
        for name in OVERRIDES:
            parser.add_argument(
                f"--{name}", type=int, help=gettext_lazy("Ganti jumlah ini dari ukuran dasar.")
            )
        parser.add_argument("--seed", type=int, default=2026, help=gettext_lazy("Benih acak."))
        parser.add_argument(
            "--skip-demo", action="store_true", help=gettext_lazy("Jangan jalankan seed_demo.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Teruskan --force ke seed_demo (DEBUG mati: server uji saja)."),
        )

    def handle(self, *args: object, **options: object) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(_("seed_scale memerlukan PostgreSQL (atur DATABASE_URL)."))
        size = SIZES[str(options["size"])]
        changes = {name: options[name] for name in OVERRIDES if options.get(name) is not None}
        if any(int(v) < 0 for v in changes.values()):  # type: ignore[call-overload]
            raise CommandError(_("Jumlah tidak boleh negatif."))
        size = dataclasses.replace(size, **changes)  # type: ignore[arg-type]
        if size.pemda < 1 or size.agencies < 1 or size.years < 1:
            raise CommandError(_("Perlu sedikitnya satu pemda, satu OPD dan satu tahun."))
        if not options["skip_demo"]:
            force = ["--force"] if options["force"] else []
            call_command("seed_demo", "--quiet", *force, stdout=self.stdout)
        self.stdout.write(f"seed_scale {dataclasses.asdict(size)}")
        timings = seed_scale(size, seed=int(options["seed"]), out=_Raw(self.stdout))  # type: ignore[call-overload]
        self.stdout.write(", ".join(f"{k}={v:,}" for k, v in timings.items()))
