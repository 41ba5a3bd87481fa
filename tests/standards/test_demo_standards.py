"""The demo seed's standards and maklumat (issue: every demo agency has a maklumat and a few
services with adopted standards, one in draft, one never started)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from standards.models import Agency, Service, Tier
from standards.models_standard import Maklumat, ServiceStandard, StandardStatus

pytestmark = pytest.mark.django_db


def test_every_demo_opd_gets_a_maklumat_and_a_mix_of_standard_states(settings: object) -> None:
    settings.DEBUG = True
    call_command("seed_demo", quiet=True)
    opds = Agency.objects.filter(tier=Tier.OPD, is_active=True)
    assert opds.exists()
    assert not opds.exclude(pk__in=Maklumat.objects.values("agency_id")).exists()
    adopted = ServiceStandard.objects.filter(status=StandardStatus.DITETAPKAN)
    assert adopted.count() > 5
    assert ServiceStandard.objects.filter(status=StandardStatus.RANCANGAN).exists()
    assert Service.objects.exclude(standards__isnull=False).exists()
    ptsp = adopted.filter(service__agency__slug="dpmptsp").first()
    assert ptsp is None or ptsp.adopter_role == "kepala_daerah"
    before = (ServiceStandard.objects.count(), Maklumat.objects.count())
    call_command("seed_demo", quiet=True)
    assert (ServiceStandard.objects.count(), Maklumat.objects.count()) == before
