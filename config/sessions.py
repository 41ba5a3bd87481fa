"""Sessions kept in the database and read through the cache, which a Redis outage never breaks.

Django's cached_db store already survives a cache that fails on save; an exists(), a load()
whose cache write fails, or a delete() would still raise while Redis is down, and with them a
sign-in. Here every cache failure falls back to the database alone: slower, never refused.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

logger = logging.getLogger(__name__)


class SessionStore(CachedDBStore):
    def exists(self, session_key: str | None) -> bool:
        try:
            return bool(super().exists(session_key))
        except Exception:  # noqa: BLE001 - any cache backend error
            logger.warning("session cache unreachable; reading the database", exc_info=True)
            return bool(DBStore.exists(self, session_key))

    def load(self) -> dict[str, Any]:
        try:
            return super().load()
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable; reading the database", exc_info=True)
            return DBStore.load(self)

    def delete(self, session_key: str | None = None) -> None:
        try:
            super().delete(session_key)
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable; deleting in the database", exc_info=True)
            DBStore.delete(self, session_key)
