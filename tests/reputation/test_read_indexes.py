"""The hot reads of the agency and service pages use their indexes on a seeded table (EXPLAIN),
so they stay fast as ratings pile up over the years."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q
from django.db.models.query import QuerySet

from reputation import selectors
from reputation.models import CommentStatus, Rating, RatingDay
from standards.models import Service
from tests.personas import World

SERVICES = 40
DAYS = 1_500  # about four years of daily counters per service
RATINGS = 60_000


def _seed(world: World) -> list[Service]:
    services = Service.objects.bulk_create(
        Service(agency=world.dukcapil if n % 2 else world.rsud, name=f"Layanan {n}",
                slug=f"layanan-{n}", code=f"uji-{n}", kind="jasa")
        for n in range(SERVICES)
    )  # fmt: skip
    ids = "ARRAY[" + ",".join(str(s.pk) for s in services) + "]"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RatingDay._meta.db_table} "  # noqa: S608 - model metadata
            "(service_id, agency_id, day, total, satisfied, stars_sum, stars_count) "
            "SELECT s.id, s.agency_id, current_date - d, 10, 8, 30, 7 "
            f"FROM standards_service s CROSS JOIN generate_series(0, {DAYS - 1}) d "
            f"WHERE s.id = ANY({ids})"
        )
        # Ratings: one in a thousand with a comment shown, one with a comment held.
        cursor.execute(
            f"INSERT INTO {Rating._meta.db_table} (service_id, satisfied, comment, "  # noqa: S608
            "comment_status, channel, voter_key, day, rated_at, received_at, idempotency_key, "
            "hidden_reason, reply) "
            f"SELECT ({ids})[1 + n % {SERVICES}], true, "
            "CASE WHEN n % 1000 IN (1, 2) THEN 'Pelayanan cepat' ELSE '' END, "
            "CASE WHEN n % 1000 = 1 THEN 'tampil' WHEN n % 1000 = 2 THEN 'ditahan' ELSE '' END, "
            "'web', '', "
            "current_date - n % 1000, now() - n * interval '1 minute', now(), "
            "gen_random_uuid(), '', '' "
            f"FROM generate_series(1, {RATINGS}) n"
        )
        cursor.execute(f"VACUUM ANALYZE {RatingDay._meta.db_table}")
        cursor.execute(f"ANALYZE {Rating._meta.db_table}")
    return services


def _plan(qs: QuerySet) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_latest_shown_comments_of_an_agency_use_the_partial_index(
    world: World, transactional_db: None
) -> None:
    """SPEC R2: the public comments on the agency page, from the partial index of shown ones."""
    _seed(world)
    qs = (
        Rating.objects.public_comments()
        .filter(Q(service__agency__path__startswith=world.dukcapil.path))
        .select_related("service", "service__agency")
        .order_by("-rated_at")[:5]
    )
    assert "rating_shown_comment_recent" in _plan(qs)
    assert len(selectors.recent_comments(filters=Q(service__agency=world.dukcapil))) == 5


def test_a_service_score_is_read_from_the_covering_index_alone(
    world: World, transactional_db: None
) -> None:
    """SPEC R3: a service's sums over a period come from an index-only scan."""
    services = _seed(world)
    since = selectors.since_for(selectors.DEFAULT_PERIOD)
    qs = RatingDay.objects.filter(service=services[0])
    if since:
        qs = qs.filter(day__gte=since)
    plan = _plan(qs.values("service_id").annotate(**selectors.SUMS).order_by())
    assert "Index Only Scan using ratingday_service_day_sums" in plan, plan
    assert selectors.service_score(services[0], since).total > 0


def test_the_dashboard_counts_held_comments_from_their_partial_index(
    world: World, transactional_db: None
) -> None:
    """SPEC R4: the comments waiting for moderation, counted without reading every rating."""
    _seed(world)
    qs = Rating.objects.filter(
        service__agency__in=[world.dukcapil, world.rsud], comment_status=CommentStatus.HELD
    ).values("pk")
    assert "rating_held_comment" in _plan(qs)
    assert qs.count() == RATINGS // 1000
