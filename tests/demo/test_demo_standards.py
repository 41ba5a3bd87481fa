"""The demo seed's standards and maklumat: every demo agency (OPD) has a maklumat, a few
services with adopted standards, one in draft and one never started (SPEC S3, S6)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Q

from demo.standards import MAX_ADOPTED, ONE_STOP_SLUG
from standards.models import Agency, Service, Tier
from standards.models_standard import Maklumat, ServiceStandard, StandardStatus

pytestmark = pytest.mark.django_db


def test_every_demo_opd_gets_a_maklumat_and_a_mix_of_standard_states(settings: object) -> None:
    """SPEC S3, S6: per OPD a maklumat, adopted standards, one draft, one service not started;
    the licensing office's standards adopted and its maklumat signed by the Bupati."""
    settings.DEBUG = True
    call_command("seed_demo", quiet=True)
    opds = list(Agency.objects.filter(tier=Tier.OPD, is_active=True).order_by("slug"))
    assert len(opds) > 20
    for opd in opds:
        services = Service.objects.filter(Q(agency=opd) | Q(agency__parent=opd), is_active=True)
        standards = ServiceStandard.objects.filter(service__in=services)
        mix = (
            Maklumat.objects.filter(agency=opd).exists(),
            standards.filter(status=StandardStatus.DITETAPKAN).count(),
            standards.filter(status=StandardStatus.RANCANGAN).count(),
            services.exclude(standards__isnull=False).count() >= 1,
        )
        assert mix == (True, MAX_ADOPTED, 1, True), opd.slug
    ptsp = ServiceStandard.objects.filter(service__agency__slug=ONE_STOP_SLUG).adopted()
    assert ptsp.exists()
    assert set(ptsp.values_list("adopter_role", flat=True)) == {"kepala_daerah"}
    assert {s.adopted_by.username for s in ptsp} == {"bupati"}
    assert Maklumat.objects.get(agency__slug=ONE_STOP_SLUG).signed_by.username == "bupati"
    before = (Service.objects.count(), ServiceStandard.objects.count(), Maklumat.objects.count())
    call_command("seed_demo", quiet=True)
    after = (Service.objects.count(), ServiceStandard.objects.count(), Maklumat.objects.count())
    assert after == before
