"""Writing many rows fast for seed_scale: ids reserved from the sequences, COPY, INSERT …
SELECT inside PostgreSQL, a progress bar, and ANALYZE afterwards."""

from __future__ import annotations

import time as clock
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from django.db import connection, models
from django.utils import timezone


class Progress:
    """One line per step, redrawn in place on a terminal: a bar, rows and rows per second."""

    def __init__(self, out: TextIO, label: str, total: int) -> None:
        self.out, self.label, self.total = out, label, max(total, 1)
        self.done, self.started, self.shown = 0, clock.perf_counter(), -1
        self.tty = out.isatty() if hasattr(out, "isatty") else False

    def add(self, n: int) -> None:
        self.done += n
        tenth = self.done * 10 // self.total
        if self.tty or tenth != self.shown:
            self.shown = tenth
            self._draw(end="\r" if self.tty else "\n")

    def finish(self) -> float:
        elapsed = clock.perf_counter() - self.started
        self.done = min(self.done, self.total) if self.done else self.total
        self._draw(end="\n")
        return elapsed

    def _draw(self, end: str) -> None:
        elapsed = max(clock.perf_counter() - self.started, 1e-6)
        share = min(self.done / self.total, 1)
        bar = "#" * int(share * 30)
        self.out.write(
            f"{self.label:<12} [{bar:<30}] {self.done:>11,} {elapsed:6.1f} s "
            f"{self.done / elapsed:>10,.0f}/s{end}"
        )
        self.out.flush()


# ---------------------------------------------------------------------------------------------
# Writing rows


def table_name(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def reserve_ids(model: type[models.Model], n: int) -> int:
    """Take `n` consecutive primary keys from the model's sequence; returns the first. The
    seed runs alone (a load-test database), so nothing takes keys between the two calls."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        if n > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + n - 1])
    return first


def _defaults(model: type[models.Model], named: Sequence[str]) -> list[tuple[str, Any]]:
    """(column, value) for every concrete column the seed does not name: the field's default,
    `now` for auto_now fields, NULL where allowed."""
    now = timezone.now()
    rest = []
    for field in model._meta.concrete_fields:
        if field.attname in named or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        if value is None and not field.null:
            raise RuntimeError(
                f"seed_scale: {model.__name__}.{field.name} is NOT NULL without a default; "
                "name it in demo/scale.py"
            )
        rest.append((field.column, field.get_db_prep_save(value, connection)))
    return rest


def copy_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress | None = None,
) -> int:
    """COPY rows (values for `fields`, by attname: `agency_id`) into the model's table."""
    rest = _defaults(model, fields)
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    columns += [column for column, _value in rest]
    tail = tuple(value for _column, value in rest)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table_name(model)} ({names}) FROM STDIN") as copy,
    ):  # noqa: E501
        for row in rows:
            copy.write_row((*row, *tail))
            count += 1
            if progress and count % 10_000 == 0:
                progress.add(10_000)
    if progress:
        progress.add(count % 10_000)
    return count


def insert_select(
    model: type[models.Model], fields: Sequence[str], select: str, params: Sequence[Any] = ()
) -> int:  # noqa: E501
    """INSERT INTO the model's table the rows of `select` (one SQL column per name in `fields`),
    the other columns at their defaults."""
    rest = _defaults(model, fields)
    columns = [model._meta.get_field(f.removesuffix("_id")).column for f in fields]
    columns += [column for column, _value in rest]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    extra = "".join(", %s" for _ in rest)
    outer = ", ".join(f"s.c{n}" for n in range(len(fields)))
    sql = (
        f"INSERT INTO {table_name(model)} ({names}) SELECT {outer}{extra} "  # noqa: S608
        f"FROM ({select}) AS s({', '.join(f'c{n}' for n in range(len(fields)))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(value for _c, value in rest), *params])
        return cursor.rowcount


def analyze(models_: Iterable[type[models.Model]]) -> None:
    """VACUUM ANALYZE (outside any transaction): planner statistics, and the visibility map
    that lets covering indexes answer without visiting the table."""
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM (ANALYZE) {table_name(model)}")
