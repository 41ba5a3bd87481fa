"""Moving an agency in the tree is `standards.services.agency_move`; `save()` does no hidden
work on other rows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from standards.models import Agency, AgencyKind
from standards.services import agency_move
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def paths(*agencies: Agency) -> list[str]:
    return [Agency.objects.get(pk=a.pk).path for a in agencies]


@pytest.fixture
def tree() -> dict[str, Agency]:
    pemkab = AgencyFactory.pemda(slug="pemkab")
    pemkot = AgencyFactory.pemda(slug="pemkot")
    dinas = AgencyFactory.opd(parent=pemkab, slug="dinas")
    unit = AgencyFactory.unit(parent=dinas, slug="unit")
    other = AgencyFactory.opd(parent=pemkab, slug="other")
    return {"pemkab": pemkab, "pemkot": pemkot, "dinas": dinas, "unit": unit, "other": other}


def test_moving_an_opd_rewrites_its_whole_subtree_and_nothing_else(tree) -> None:
    """SPEC A2: a role reaches an agency's subtree through these paths, so a move must carry
    the units with their OPD and leave the rest of the tree alone."""
    pemkab, pemkot, dinas, unit, other = tree.values()
    moved = agency_move(actor=None, agency=dinas, new_parent=pemkot)
    assert moved.parent == pemkot
    assert moved.path == f"/{pemkot.pk}/{dinas.pk}/"
    assert paths(dinas, unit) == [
        f"/{pemkot.pk}/{dinas.pk}/",
        f"/{pemkot.pk}/{dinas.pk}/{unit.pk}/",
    ]
    assert Agency.objects.get(pk=dinas.pk).parent_id == pemkot.pk
    assert Agency.objects.get(pk=unit.pk).parent_id == dinas.pk
    assert paths(pemkab, pemkot, other) == [
        f"/{pemkab.pk}/",
        f"/{pemkot.pk}/",
        f"/{pemkab.pk}/{other.pk}/",
    ]


def test_moving_a_subtree_takes_one_update_under_one_lock(tree, django_assert_num_queries) -> None:
    # Read the path, lock the rows (one SELECT … FOR UPDATE), one UPDATE; plus the savepoint
    # pair of the atomic block inside the test's transaction.
    with django_assert_num_queries(5) as ctx:
        agency_move(actor=None, agency=tree["dinas"], new_parent=tree["pemkot"])
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum("FOR UPDATE" in s for s in sql) == 1
    assert sum(s.startswith("UPDATE") for s in sql) == 1


def test_a_node_cannot_move_under_its_own_descendant(tree) -> None:
    pemkab = tree["pemkab"]
    deeper = AgencyFactory.unit(parent=tree["dinas"])
    with pytest.raises(ValidationError) as error:
        agency_move(actor=None, agency=tree["dinas"], new_parent=deeper)
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError):
        agency_move(actor=None, agency=pemkab, new_parent=tree["dinas"])
    assert paths(tree["dinas"], tree["unit"]) == [
        f"/{pemkab.pk}/{tree['dinas'].pk}/",
        f"/{pemkab.pk}/{tree['dinas'].pk}/{tree['unit'].pk}/",
    ]


def test_a_move_that_breaks_the_tier_rules_writes_nothing(tree) -> None:
    with pytest.raises(ValidationError):
        agency_move(actor=None, agency=tree["unit"], new_parent=tree["pemkot"])
    with pytest.raises(ValidationError):
        agency_move(actor=None, agency=tree["dinas"], new_parent=None)
    assert Agency.objects.get(pk=tree["unit"].pk).parent_id == tree["dinas"].pk
    assert paths(tree["unit"]) == [f"/{tree['pemkab'].pk}/{tree['dinas'].pk}/{tree['unit'].pk}/"]


def test_save_writes_only_its_own_row(tree) -> None:
    """save() computes a new row's path from its parent and does nothing to other rows."""
    unit = tree["unit"]
    dinas = Agency.objects.get(pk=tree["dinas"].pk)
    dinas.name = "Dinas Baru"
    dinas.save()
    assert paths(unit) == [f"/{tree['pemkab'].pk}/{dinas.pk}/{unit.pk}/"]
    child = Agency.objects.create(kind=AgencyKind.UNIT, name="Unit 2", slug="u2", parent=dinas)
    assert child.path == f"{dinas.path}{child.pk}/"


def test_the_admin_moves_an_agency_through_the_service(client, tree) -> None:
    operator = User.objects.create_superuser(
        username="operator", email="operator@example.test", password="x", full_name="Operator"
    )
    client.force_login(operator)
    dinas = tree["dinas"]
    url = reverse("admin:standards_agency_change", args=[dinas.pk])
    data = {
        "parent": tree["pemkot"].pk,
        "kind": dinas.kind,
        "name": "Dinas Pindahan",
        "short_name": "",
        "slug": dinas.slug,
        "is_active": "on",
        "officers-TOTAL_FORMS": "0",
        "officers-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    dinas.refresh_from_db()
    assert (dinas.name, dinas.parent_id) == ("Dinas Pindahan", tree["pemkot"].pk)
    assert paths(dinas, tree["unit"]) == [
        f"/{tree['pemkot'].pk}/{dinas.pk}/",
        f"/{tree['pemkot'].pk}/{dinas.pk}/{tree['unit'].pk}/",
    ]
    # Under its own unit: the admin form refuses it, nothing moves.
    data["parent"] = tree["unit"].pk
    assert client.post(url, data).status_code == 200
    assert Agency.objects.get(pk=dinas.pk).parent_id == tree["pemkot"].pk
