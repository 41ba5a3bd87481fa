"""The read replica (config/replica.py), proven with a second database alias on the same
PostgreSQL database: anonymous public reads go there, signed-in reads and every write stay on
the primary."""

from __future__ import annotations

import copy
import uuid

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.page_cache import PAGE_CACHE_AFTER_WRITE_SECONDS
from config.replica import WRITE_COOKIE, WRITE_MARK_SECONDS
from standards.models import Agency
from tests.personas import World

# A `replica` alias mirroring the test database: a second connection to the same rows, set up
# with the test databases (collection comes first). Only these tests route reads to it.
if "replica" not in connections.settings:
    connections.settings["replica"] = {
        **copy.deepcopy(connections.settings["default"]),
        "TEST": {"MIRROR": "default"},
    }
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings) -> None:
    settings.READ_REPLICA_ALIAS = "replica"


def _queries(client: Client, method: str, path: str, **data: str) -> tuple[int, int, int]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as copy_,
    ):
        response = getattr(client, method)(path, data)
    return response.status_code, len(primary), len(copy_)


def test_anonymous_public_pages_read_from_the_replica(world: World, replica: None) -> None:
    status, primary, on_replica = _queries(Client(), "get", world.dukcapil.get_absolute_url())
    assert status == 200
    assert on_replica > 0 and primary == 0


def test_signed_in_pages_read_from_the_primary(world: World, replica: None) -> None:
    client = Client()
    client.force_login(world.users["penghubung"])
    status, primary, on_replica = _queries(client, "get", world.dukcapil.get_absolute_url())
    assert status == 200
    assert primary > 0 and on_replica == 0


def test_posts_read_and_write_on_the_primary(world: World, replica: None) -> None:
    status, primary, on_replica = _queries(
        Client(), "post", "/akun/masuk/", username="penghubung.dukcapil", password="salah"
    )
    assert status in (200, 400)
    assert primary > 0 and on_replica == 0


def test_writes_always_go_to_the_primary_and_the_replica_is_never_migrated(
    world: World, replica: None
) -> None:
    from config.replica import ReplicaRouter

    router = ReplicaRouter()
    assert router.db_for_write(Agency) == "default"
    assert router.allow_migrate("replica", "standards") is False  # a mirror, not migrated
    assert router.allow_migrate("default", "standards") is True
    assert router.db_for_read(Agency) is None  # outside a public request: the primary


def _rate(client: Client, world: World) -> None:
    response = client.post(
        reverse("reputation:rate", args=[world.service.code]),
        {"puas": "1", "kunci": str(uuid.uuid4())},
    )
    assert response.status_code == 302


def test_a_citizen_who_just_rated_reads_their_own_write_from_the_primary(
    world: World, replica: None
) -> None:
    """SPEC R3: a visitor carrying the rater cookie (lp_penilai) or the write marker is not
    served from the replica, so the count they see includes their own rating."""
    rater = Client()
    _rate(rater, world)
    assert {"lp_penilai", WRITE_COOKIE} <= set(rater.cookies)
    assert rater.cookies[WRITE_COOKIE]["max-age"] == WRITE_MARK_SECONDS
    status, primary, on_replica = _queries(rater, "get", world.service.get_absolute_url())
    assert status == 200 and primary > 0 and on_replica == 0
    # Either cookie alone is enough.
    for name in ("lp_penilai", WRITE_COOKIE):
        only = Client()
        only.cookies[name] = rater.cookies[name].value
        status, primary, on_replica = _queries(only, "get", world.service.get_absolute_url())
        assert status == 200 and primary > 0 and on_replica == 0, name
    # Someone else, without cookies, still reads from the replica.
    status, primary, on_replica = _queries(Client(), "get", world.service.get_absolute_url())
    assert status == 200 and primary == 0 and on_replica > 0


def test_without_a_replica_no_write_marker_is_set(world: World) -> None:
    rater = Client()
    _rate(rater, world)
    assert WRITE_COOKIE not in rater.cookies


def test_a_page_rendered_just_after_a_write_is_not_stored_while_a_replica_lags(
    world: World, replica: None, settings, monkeypatch
) -> None:
    """SPEC R3: with a replica, a page rendered within PAGE_CACHE_AFTER_WRITE_SECONDS of a
    write may show the replica's older count: it is served but not kept for 60 s."""
    settings.PAGE_CACHE_SECONDS = 60
    now = [1_800_000_000.0]
    monkeypatch.setattr("config.page_cache._now", lambda: now[0])
    path = world.service.get_absolute_url()
    world.service.name = "KTP-el Baru"
    world.service.save()  # a write: bumps the generation and records its time
    assert Client().get(path).get("X-Page-Cache", "") == ""
    assert Client().get(path).get("X-Page-Cache", "") == ""  # still not stored
    now[0] += PAGE_CACHE_AFTER_WRITE_SECONDS + 1
    assert Client().get(path).get("X-Page-Cache", "") == ""  # rendered and stored now
    assert Client().get(path).get("X-Page-Cache", "") == "hit"
    # A visitor with the write marker bypasses the stored page.
    marked = Client()
    marked.cookies[WRITE_COOKIE] = "1"
    assert marked.get(path).get("X-Page-Cache", "") == ""
