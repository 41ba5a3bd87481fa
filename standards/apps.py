from __future__ import annotations

import uuid
from typing import Any

from django.apps import AppConfig
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _


def bump_calendar_version(using: str | None = None) -> None:
    """Give every cached copy of the CalendarDay rows a new version, so readers reload them.

    The version is bumped now (the writing process sees its own change) and again once the
    transaction commits: another process may have reloaded the rows in between and cached
    what it saw before the commit under the first new version.
    """

    def bump() -> None:
        cache.set(_calendar_version_key(), uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump, using=using)


def _calendar_version_key() -> str:
    from standards.models import CalendarDay

    return CalendarDay.CACHE_VERSION_KEY


def _calendar_changed(sender: type, using: str | None = None, **kwargs: Any) -> None:
    bump_calendar_version(using)


def _register_placeholders() -> None:
    """The sections later apps fill say "Belum tersedia" until an app registers the same key."""
    from standards.sections import Section, agency_page, service_page

    agency_page.register(Section("standar", _("Standar pelayanan"), order=10))
    agency_page.register(Section("maklumat", _("Maklumat pelayanan"), order=20))
    agency_page.register(Section("kinerja", _("Evaluasi kinerja dan hasil SKM"), order=30))
    agency_page.register(Section("reputasi", _("Reputasi"), order=40))
    service_page.register(Section("standar", _("Standar pelayanan"), order=10))
    service_page.register(Section("penilaian", _("Penilaian masyarakat"), order=20))
    service_page.register(Section("skm", _("Hasil Survei Kepuasan Masyarakat (SKM)"), order=30))


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("Direktori dan standar pelayanan")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from standards.models import CalendarDay

        _register_placeholders()
        from standards.sections_standard import register as register_standard_sections

        register_standard_sections()
        from standards import scorecard_columns

        scorecard_columns.register()
        post_save.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="calendarday_saved")
        post_delete.connect(
            _calendar_changed, sender=CalendarDay, dispatch_uid="calendarday_deleted"
        )
