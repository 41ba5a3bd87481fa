"""The one place that answers "may this user do X to this object".

Officials act only within their role and agency (SPEC A2). A role held at an agency reaches
that agency's whole subtree: an Admin Instansi of the pemda reaches every OPD below it, a
Penghubung of an OPD reaches the OPD's units. Each action lists the roles that may take it;
the object decides which agency is asked about. Other apps add their own actions through
`ACTION_ROLES` entries here, so that the whole rulebook can be read in one table.

Views never check `is_staff`; they call `user_can`, or filter querysets with
`agencies_where(user, action)`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce, wraps
from operator import or_
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.models import Membership

# The rulebook is plain data in standards.access (the bottom of the house); re-exported here.
from standards.access import ACTION_ROLES as ACTION_ROLES
from standards.access import Action as Action
from standards.access import Role as Role
from standards.models import Agency, Service


def memberships_of(user: Any) -> list[Membership]:
    """The user's active memberships, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_lp_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.active()
            .filter(user=user, agency__is_active=True)
            .select_related("agency")
            .order_by("pk")
        )
        user._lp_memberships = cached
    return cached


def _agency_of(obj: Agency | Service | Any) -> Agency:
    if isinstance(obj, Agency):
        return obj
    if isinstance(obj, Service):
        return obj.agency
    agency = getattr(obj, "agency", None)
    if isinstance(agency, Agency):
        return agency
    raise TypeError(f"No agency to check permissions against on {obj!r}")


def roles_over(user: Any, agency: Agency) -> set[str]:
    """Roles the user holds at this agency or any agency above it."""
    chain = set(agency.ancestor_ids)
    return {m.role for m in memberships_of(user) if m.agency_id in chain and m.agency.is_active}


def has_role(user: Any, roles: frozenset[str] | set[str], agency: Agency) -> bool:
    return bool(roles_over(user, agency) & set(roles))


def user_can(user: Any, action: str, obj: Agency | Service | Any) -> bool:
    """May `user` take `action` on `obj` (an Agency, a Service, or anything with `.agency`)?"""
    return has_role(user, ACTION_ROLES[action], _agency_of(obj))


def agencies_where(user: Any, action: str) -> Q | None:
    """A Q over Agency selecting every agency where the user may take `action`.

    None means nowhere. Use it as `Agency.objects.filter(q)`; superuser status grants
    nothing here: Django's admin is for operators, the portal's rules hold for everyone.
    """
    roles = ACTION_ROLES[action]
    paths = [m.agency.path for m in memberships_of(user) if m.role in roles]
    if not paths:
        return None
    return reduce(or_, (Q(path__startswith=p) for p in paths))


def is_official(user: Any) -> bool:
    return bool(memberships_of(user))


def memberships_for(user: Any, action: str) -> list[Membership]:
    """The user's active memberships whose role may take `action` (oldest first)."""
    roles = ACTION_ROLES[action]
    return [m for m in memberships_of(user) if m.role in roles]


# The one answer for "signed in, but not allowed here": 403 with the reason (templates/403.html).
# An object the user may not even see answers 404 instead (its resource's permission getter).


def official_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Officials' pages: the login page for visitors, 403 for signed-in non-officials."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_official(request.user):
            raise PermissionDenied(_("Halaman ini hanya untuk petugas."))
        return view(request, *args, **kwargs)

    return login_required(wrapped)
