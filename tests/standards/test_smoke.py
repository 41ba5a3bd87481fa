import pytest

from standards.models import Agency, AgencyKind, Tier
from standards.services import agency_move


@pytest.mark.django_db
def test_agency_path_is_materialised_and_follows_moves() -> None:
    pemda = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkab", slug="pemkab")
    other = Agency.objects.create(kind=AgencyKind.PEMDA, name="Pemkot", slug="pemkot")
    dinas = Agency.objects.create(kind=AgencyKind.DINAS, name="Dinas", slug="dinas", parent=pemda)
    unit = Agency.objects.create(kind=AgencyKind.UNIT, name="Unit", slug="unit", parent=dinas)
    assert dinas.tier == Tier.OPD
    assert unit.path == f"/{pemda.pk}/{dinas.pk}/{unit.pk}/"
    agency_move(actor=None, agency=dinas, new_parent=other)
    unit.refresh_from_db()
    assert unit.path == f"/{other.pk}/{dinas.pk}/{unit.pk}/"
    assert set(Agency.objects.filter(path__startswith=other.path)) == {other, dinas, unit}
