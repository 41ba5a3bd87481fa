"""The anonymous page cache (config/page_cache.py): stored once, the same for everyone,
invalidated by any write."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.personas import World


@pytest.fixture
def cached(settings) -> None:
    settings.PAGE_CACHE_SECONDS = 60


def _get(client: Client, path: str) -> tuple[str, int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), len(queries), response.get("X-Page-Cache", "")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    world: World, cached: None
) -> None:
    path = world.dukcapil.get_absolute_url()
    first, first_queries, first_hit = _get(Client(), path)
    again, queries, hit = _get(Client(), path)
    assert (first_hit, hit) == ("", "hit")
    assert first_queries > 0 and queries == 0
    assert again == first


def test_a_saved_row_makes_the_next_visit_render_afresh(world: World, cached: None) -> None:
    path = world.dukcapil.get_absolute_url()
    _get(Client(), path)
    world.dukcapil.name = "Dinas Dukcapil Baru"
    world.dukcapil.save()
    body, queries, hit = _get(Client(), path)
    assert hit == "" and queries > 0
    assert "Dinas Dukcapil Baru" in body


def test_a_post_anywhere_invalidates_the_stored_pages(world: World, cached: None) -> None:
    path = world.dukcapil.get_absolute_url()
    _get(Client(), path)
    Client().post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert _get(Client(), path)[2] == ""


def test_signed_in_visitors_and_pages_with_forms_are_never_stored(
    world: World, cached: None
) -> None:
    officer = Client()
    officer.force_login(world.users["penghubung"])
    path = world.dukcapil.get_absolute_url()
    _get(officer, path)
    assert _get(officer, path)[2] == ""
    # The complaint form sets the CSRF cookie: each visitor gets their own token.
    _get(Client(), "/pengaduan/baru/")
    assert _get(Client(), "/pengaduan/baru/")[2] == ""


def test_each_language_has_its_own_copy(world: World, cached: None) -> None:
    path = world.dukcapil.get_absolute_url()
    indonesian = Client().get(path, headers={"accept-language": "id"}).content.decode()
    english = Client().get(path, headers={"accept-language": "en"})
    assert english.get("X-Page-Cache", "") == ""
    assert english.content.decode() != indonesian


def test_the_cache_is_off_when_its_lifetime_is_zero(world: World, settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    path = world.dukcapil.get_absolute_url()
    _get(Client(), path)
    assert _get(Client(), path)[2] == ""


def test_a_cache_that_is_down_fails_neither_pages_nor_writes(
    world: World, cached: None, settings
) -> None:
    """Redis down (here: a cache on a port nobody listens on): the anonymous page is served
    fresh and a write through the ORM still commits; nothing is stored or read."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    try:
        caches.close_all()
        path = world.dukcapil.get_absolute_url()
        page, _queries, hit = _get(Client(), path)
        assert hit == "" and world.dukcapil.name in page
        world.dukcapil.name = "Dinas Dukcapil Tetap Tersimpan"
        world.dukcapil.save()
        world.dukcapil.refresh_from_db()
        assert world.dukcapil.name == "Dinas Dukcapil Tetap Tersimpan"
    finally:
        caches.close_all()
