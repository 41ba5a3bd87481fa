"""The read replica (config/replica.py), proven with a second database alias on the same
PostgreSQL database: anonymous public reads go there, signed-in reads and every write stay on
the primary."""

from __future__ import annotations

import copy

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

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
