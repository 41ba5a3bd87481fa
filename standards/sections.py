"""Page registries: how an app adds its part to a page another app owns.

The agency profile and the service page live in standards (the bottom of the house), and the
official's home (/dasbor/) shows panels of several apps. None of those views may import the
apps above them, so each app registers its sections from its AppConfig.ready():

    from standards.sections import agency_page, Section

    agency_page.register(Section(
        key="reputasi",                      # anchor id on the page; unique per page
        title=_("Reputasi"),                 # heading, also listed in the page's contents
        template="reputation/_agency_section.html",
        context=agency_reputation_context,   # (request, obj) -> dict, or None to hide
        order=90,
    ))

The page view calls `registry.render(request, obj)` and includes each entry's template with
`section` (the Section) and `data` (what the context function returned). A context function
does a fixed number of queries, whatever the data size, and never raises for a missing row:
it returns None (hidden) or a dict saying "not yet available".

Registering a key that exists replaces it: standards registers "Belum tersedia" placeholders
for the sections later apps fill, and the app that fills one registers the same key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

ContextFunction = Callable[[HttpRequest, Any], dict[str, Any] | None]


def _placeholder(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # a (lazy) translated string
    template: str = "includes/not_available.html"
    context: ContextFunction = _placeholder
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    section: Section
    data: dict[str, Any]

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> Any:
        return self.section.title

    @property
    def template(self) -> str:
        return self.section.template


class PageRegistry:
    """The sections of one page, in their order; filled at startup, read per request."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> None:
        self._sections[section.key] = section

    def unregister(self, key: str) -> None:
        self._sections.pop(key, None)

    def sections(self) -> list[Section]:
        return sorted(self._sections.values(), key=lambda s: (s.order, s.key))

    def render(self, request: HttpRequest, obj: Any) -> list[RenderedSection]:
        rendered = []
        for section in self.sections():
            data = section.context(request, obj)
            if data is not None:
                rendered.append(RenderedSection(section, data))
        return rendered


# The public profile of an agency (/opd/<slug>/): obj is the Agency.
agency_page = PageRegistry("agency")
# The public page of a service (/opd/<slug>/layanan/<slug>/): obj is the Service.
service_page = PageRegistry("service")
# The official's home (/dasbor/): obj is the user; a panel returns None for users it is not for.
dashboard_page = PageRegistry("dashboard")
