"""The province's ratings, SKM answers, standards and rekaps for seed_scale, generated inside
PostgreSQL (INSERT … SELECT over generate_series) from the directory and complaints that
demo.scale wrote."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from django.db import connection, models
from django.utils import timezone

from demo.bulk import Progress, insert_select, table_name
from demo.province import Province, Size
from reports.models import Rekap
from reputation.models import Rating, RatingDay
from standards.models import Service
from standards.models_standard import ServiceStandard, StandardStatus
from surveys.models import Response, Survey


def _skewed_array(ids: Sequence[int]) -> str:
    return "ARRAY[" + ",".join(str(int(i)) for i in ids) + "]::bigint[]"


def seed_ratings(size: Size, p: Province, out: TextIO) -> dict[str, int]:
    """Ratings over five years, services picked with a power law (rank ~ u^3), then the
    per-day counters the write path keeps, rebuilt from the rows."""
    if not size.ratings:
        return {}
    progress = Progress(out, "ratings", size.ratings)
    ids = _skewed_array(p.service_ids)
    span = size.years * 365
    chunk = 1_000_000
    for start in range(0, size.ratings, chunk):
        n = min(chunk, size.ratings - start)
        select = (
            f"SELECT ({ids})[1 + floor(power(random(), 3) * {len(p.service_ids)})::int], "  # noqa: S608
            "random() < 0.78, CASE WHEN random() < 0.6 THEN 1 + floor(random() * 5)::int END, "
            "'web', t::date, t, t, gen_random_uuid() "
            f"FROM (SELECT now() - (power(random(), 0.7) * {span}) * interval '1 day' AS t "
            f"FROM generate_series(1, {n})) g"
        )
        insert_select(
            Rating,
            [
                "service_id",
                "satisfied",
                "stars",
                "channel",
                "day",
                "rated_at",
                "received_at",
                "idempotency_key",
            ],
            select,
        )  # noqa: E501
        progress.add(n)
    progress.finish()
    # The counters: only for the services the seed rated (the demo's own rows stay as kept).
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table_name(RatingDay)} WHERE service_id = ANY({ids})")  # noqa: S608
    days = insert_select(
        RatingDay,
        ["service_id", "agency_id", "day", "total", "satisfied", "stars_sum", "stars_count"],
        f"SELECT r.service_id, s.agency_id, r.day, count(*), count(*) FILTER (WHERE r.satisfied), "  # noqa: S608
        f"coalesce(sum(r.stars), 0), count(r.stars) FROM {table_name(Rating)} r "
        f"JOIN {table_name(Service)} s ON s.id = r.service_id WHERE r.service_id = ANY({ids}) "
        "GROUP BY r.service_id, s.agency_id, r.day",
    )
    return {"ratings": size.ratings, "rating_days": days}


def seed_surveys(size: Size, p: Province, out: TextIO) -> dict[str, int]:
    """One published agency-wide SKM per OPD and year, answers spread over them (busy OPDs
    get more)."""
    if not size.answers:
        return {}
    this_year = timezone.localdate().year
    rows = []
    published = timezone.now()
    for opd in p.opds:
        for year in range(this_year - size.years, this_year):
            survey = Survey(
                agency=opd,
                title=f"SKM {opd.short_name or opd.name} {year}",
                period_kind="tahunan",
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                population=1000,
                sample_size=278,
                status="published",
                published_at=published,
            )
            rows.append(survey)
    made = Survey.objects.bulk_create(rows, batch_size=2_000)
    ids = _skewed_array([s.pk for s in made])
    progress = Progress(out, "skm answers", size.answers)
    answer = "1 + floor(power(random(), 0.35) * 4)::int"  # mostly 3 and 4
    chunk = 500_000
    for start in range(0, size.answers, chunk):
        n = min(chunk, size.answers - start)
        select = (
            f"SELECT ({ids})[1 + floor(power(random(), 2) * {len(made)})::int], "  # noqa: S608
            + ", ".join([answer] * 9)
            + ", (ARRAY['L','P'])[1 + floor(random() * 2)::int], "
            "(ARRAY['20-29','30-39','40-49','50-59'])[1 + floor(random() * 4)::int], "
            "(ARRAY['sma','s1','smp','diploma'])[1 + floor(random() * 4)::int], "
            "(ARRAY['swasta','wirausaha','pns','lainnya'])[1 + floor(random() * 4)::int], "
            "current_date - 1, 'web', gen_random_uuid() FROM generate_series(1, %s)"
        )
        fields = [
            "survey_id",
            *(f"u{k}" for k in range(1, 10)),
            "gender",
            "age_band",
            "education",
            "occupation",
            "served_on",
            "channel",
            "idempotency_key",
        ]  # noqa: E501
        insert_select(Response, fields, select, [n])
        progress.add(n)
    progress.finish()
    with connection.cursor() as cursor:  # served_on inside each survey's period
        cursor.execute(
            f"UPDATE {table_name(Response)} r SET served_on = s.period_start + (r.id % 360)::int "  # noqa: S608
            f"FROM {table_name(Survey)} s WHERE s.id = r.survey_id AND s.id = ANY({ids})"
        )
    return {"surveys": len(made), "skm_answers": size.answers}


def clone_rows(
    model: type[models.Model],
    template: str,
    params: Sequence[Any],
    replace: dict[str, str],
    source: str = "",
    returning: bool = False,
) -> list[int] | int:  # noqa: E501
    """INSERT copies of the rows `WHERE t.<template>` (params) of the model's table, every
    column copied but the key and those in `replace` (column -> SQL over `t` and `source`)."""
    table = table_name(model)
    quote = connection.ops.quote_name
    kept = [
        f.column
        for f in model._meta.concrete_fields
        if not f.primary_key and f.column not in replace
    ]  # noqa: E501
    columns = ", ".join(quote(c) for c in [*replace, *kept])
    values = ", ".join([*replace.values(), *(f"t.{quote(c)}" for c in kept)])
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {values} FROM {table} t {source} WHERE {template}"  # noqa: S608, E501
    )
    with connection.cursor() as cursor:
        cursor.execute(sql + (" ORDER BY 1 RETURNING id" if returning else ""), params)
        return [row[0] for row in cursor.fetchall()] if returning else cursor.rowcount


def seed_standards(p: Province, out: TextIO) -> dict[str, int]:
    """Every service without a standard gets a copy of the demo's first adopted one, with its
    requirements, steps, complaint channels and legal bases."""
    template = (
        ServiceStandard.objects.filter(status=StandardStatus.DITETAPKAN).order_by("pk").first()
    )  # noqa: E501
    if template is None:
        out.write("standards    none adopted in the demo data: skipped\n")
        return {}
    table = table_name(ServiceStandard)
    new = clone_rows(
        ServiceStandard,
        f"t.id = %s AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.service_id = s.id)",  # noqa: S608
        [template.pk],
        {"service_id": "s.id", "version": "1"},
        source=f"CROSS JOIN unnest({_skewed_array(p.service_ids)}) AS s(id)",
        returning=True,
    )
    parts = 0
    for related in ServiceStandard._meta.related_objects:
        child = related.related_model
        if related.one_to_many and child._meta.app_label == "standards":
            parts += clone_rows(
                child, f"t.{related.field.column} = %s", [template.pk],
                {related.field.column: "n.id"}, source=f"CROSS JOIN unnest({_skewed_array(new or [0])}) AS n(id)",  # noqa: E501
            ) if new else 0  # fmt: skip
    out.write(f"standards    {len(new):,} adopted standards, {parts:,} of their parts\n")
    return {"standards": len(new), "standard_parts": parts}


def seed_rekaps(p: Province, size: Size, out: TextIO) -> dict[str, int]:
    """The last twelve months' Rekapitulasi of every OPD: copies of the demo's first one (the
    files are the demo's; the rows are what lists and deadlines read)."""
    template = Rekap.objects.order_by("pk").first()
    if template is None:
        out.write("rekaps       none in the demo data: skipped\n")
        return {}
    today = timezone.localdate()
    months = [
        (
            (today.year * 12 + today.month - 2 - k) // 12,
            (today.year * 12 + today.month - 2 - k) % 12 + 1,
        )
        for k in range(12)
    ]
    made = 0
    for year, month in months:
        made += clone_rows(
            Rekap,
            f"t.id = %s AND NOT EXISTS (SELECT 1 FROM {table_name(Rekap)} x "  # noqa: S608
            "WHERE x.agency_id = a.id AND x.year = %s AND x.month = %s)",
            [template.pk, year, month],
            {"agency_id": "a.id", "year": str(year), "month": str(month), "version": "1"},
            source=f"CROSS JOIN unnest({_skewed_array([o.pk for o in p.opds])}) AS a(id)",
        )
    out.write(f"rekaps       {made:,} monthly rekaps\n")
    return {"rekaps": made}
