"""factory_boy factories for the personas every app's tests need.

Agencies form a tree (standards.models.Agency):

    pemda = AgencyFactory.pemda()                 # root instansi of a kabupaten/kota
    dinas = AgencyFactory.opd(parent=pemda)       # an OPD (a dinas unless kind= is given)
    unit = AgencyFactory.unit(parent=dinas)       # a unit inside the OPD
    pusat = AgencyFactory.nasional()              # the national routing tier

`AgencyFactory.opd()` without a parent makes a fresh pemda for it; `unit()` without a parent
makes a fresh OPD (and pemda). `AgencyFactory()` alone is a pemda.

People:

    citizen = UserFactory()                       # verified, active, password PASSWORD
    waiting = UserFactory(unverified=True)        # registered, e-mail not yet verified
    officer = MembershipFactory(agency=dinas, role=Role.PENGHUBUNG).user
    admin = UserFactory.official(agency=pemda, role=Role.ADMIN_INSTANSI)

MembershipFactory does not call `Membership.clean()`; pass an agency of the right tier for
the role (ROLE_TIERS in accounts.models) or the test sets up a state the admin would refuse.
"""

from __future__ import annotations

import functools
from typing import Any

import factory
from django.contrib.auth.hashers import get_hasher, make_password
from django.utils import timezone

from accounts.models import Membership, Role, User
from standards.models import Agency, AgencyKind, Service, ServiceKind

PASSWORD = "Sandi-Uji-9375"  # noqa: S105 - test-only password every UserFactory user has


@functools.cache
def _hashed_with(raw: str, algorithm: str) -> str:
    return make_password(raw, hasher=algorithm)


def _hashed(raw: str) -> str:
    # Hashing is deliberately slow: hash each password once per run and per hasher in use.
    return _hashed_with(raw, get_hasher("default").algorithm)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    kind = AgencyKind.PEMDA
    parent = None
    name = factory.Sequence(lambda n: f"Pemerintah Kabupaten Uji {n}")
    short_name = ""
    slug = factory.Sequence(lambda n: f"instansi-{n}")

    @classmethod
    def pemda(cls, **kwargs: Any) -> Agency:
        return cls(kind=AgencyKind.PEMDA, parent=None, **kwargs)

    @classmethod
    def nasional(cls, **kwargs: Any) -> Agency:
        kwargs.setdefault("name", "Admin Nasional SP4N-LAPOR!")
        return cls(kind=AgencyKind.NASIONAL, parent=None, **kwargs)

    @classmethod
    def opd(cls, parent: Agency | None = None, **kwargs: Any) -> Agency:
        kwargs.setdefault("kind", AgencyKind.DINAS)
        kwargs.setdefault("name", factory.Sequence(lambda n: f"Dinas Uji {n}"))
        return cls(parent=parent or cls.pemda(), **kwargs)

    @classmethod
    def unit(cls, parent: Agency | None = None, **kwargs: Any) -> Agency:
        kwargs.setdefault("name", factory.Sequence(lambda n: f"Unit Layanan Uji {n}"))
        return cls(kind=AgencyKind.UNIT, parent=parent or cls.opd(), **kwargs)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A jenis pelayanan; by default of a fresh OPD."""

    class Meta:
        model = Service

    agency = factory.LazyFunction(AgencyFactory.opd)
    name = factory.Sequence(lambda n: f"Layanan Uji {n}")
    slug = factory.Sequence(lambda n: f"layanan-{n}")
    code = factory.Sequence(lambda n: f"UJI-{n}")
    kind = ServiceKind.ADMINISTRATIF


class UserFactory(factory.django.DjangoModelFactory):
    """An active user with a verified e-mail; `unverified=True` gives a fresh registration."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        unverified = factory.Trait(is_active=False, email_verified_at=None)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    full_name = factory.Sequence(lambda n: f"Warga Uji {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    mobile = factory.Sequence(lambda n: f"0812{n:08d}")
    is_active = True
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD, transform=_hashed)

    @classmethod
    def official(cls, *, agency: Agency, role: str, **kwargs: Any) -> User:
        """A user holding one active role at `agency`."""
        user = cls(**kwargs)
        MembershipFactory(user=user, agency=agency, role=role)
        return user


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role held at an agency; by default a Pejabat Penghubung of a fresh OPD."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.LazyFunction(AgencyFactory.opd)
    role = Role.PENGHUBUNG
    is_active = True


def pdf_bytes(*, author: str = "", text_pages: int = 1) -> bytes:
    """A small, valid PDF (blank pages), with an Author in its Info dictionary when given:
    what a reporter's word processor would attach."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(text_pages):
        writer.add_blank_page(width=200, height=200)
    if author:
        writer.add_metadata({"/Author": author})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
