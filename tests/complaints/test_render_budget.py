"""The busiest lists render within a budget of template nodes: a row costs a fixed handful of
nodes, never an include or a tag that works per row (SPEC A2; STYLE 13).

Each page is rendered with a few rows and with a full page (25 rows in the inbox, 20 in the
public list); every template node Django renders is counted (`Node.render_annotated`, the one
entry point of node rendering). The budget holds the cost per row and the whole page, so a
per-row include, a `{% with %}` that queries, or a tag that recomputes shows up here as a
count, never as a slower machine. Queries are held separately (3 rows against 30,
tests/complaints/test_list_pages.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.template import base as template_base
from django.test import Client

from complaints import services
from complaints.models import Channel, Privacy
from tests.personas import World

# Nodes per row, and for the whole page with its full count of rows (header, filter bar,
# summary, panels, footer included). Measured when written: the inbox 13.3 a row and 812 for
# a full page, the public list 10.5 a row and 377.
INBOX_ROW_BUDGET, INBOX_PAGE_BUDGET = 16, 900
PUBLIC_ROW_BUDGET, PUBLIC_PAGE_BUDGET = 13, 450


@pytest.fixture
def node_counter(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    counted = [0]
    render = template_base.Node.render_annotated

    def counting(self, context):  # noqa: ANN001, ANN202 - Django's signature
        counted[0] += 1
        return render(self, context)

    monkeypatch.setattr(template_base.Node, "render_annotated", counting)
    yield counted


def _nodes(counter: list[int], client: Client, url: str, data: dict[str, str]) -> int:
    client.get(url, data)  # compiled templates, warmed caches
    counter[0] = 0
    response = client.get(url, data)
    assert response.status_code == 200
    return counter[0]


def _file(world: World, n: int, *, start: int) -> None:
    for i in range(start, start + n):
        c = world.submit(title=f"Laporan {i}", privacy=Privacy.PUBLIK, channel=Channel.SMS)
        services.complaint_verify(
            world.user("admin_nasional"), complaint_id=c.complaint.pk, version=c.complaint.version
        )


@pytest.mark.parametrize(
    ("url", "data", "user", "full", "row_budget", "page_budget"),
    [
        ("/dasbor/", {"tab": "semua"}, "admin_nasional", 25, INBOX_ROW_BUDGET, INBOX_PAGE_BUDGET),
        ("/pengaduan/", {}, None, 20, PUBLIC_ROW_BUDGET, PUBLIC_PAGE_BUDGET),
    ],
)
def test_a_full_page_renders_within_its_node_budget(
    world: World,
    node_counter: list[int],
    url: str,
    data: dict[str, str],
    user: str | None,
    full: int,
    row_budget: int,
    page_budget: int,
) -> None:
    """SPEC A2, C3: the inbox (25 rows) and the public list (20 rows) render a fixed handful
    of template nodes per row, within a budget for the whole page."""
    client = Client()
    if user:
        client.force_login(world.user(user))
    _file(world, 5, start=0)
    few = _nodes(node_counter, client, url, data)
    _file(world, full - 5 + 3, start=5)  # more than a page: the page is full
    many = _nodes(node_counter, client, url, data)
    per_row = (many - few) / (full - 5)
    assert per_row <= row_budget, (few, many, per_row)
    assert many <= page_budget, (few, many)
