"""Roles, actions and the permission door as the bottom of the house sees it.

The rulebook (which role may take which action) is plain data and lives here, so that every
app, standards included, can name roles and actions. Whether a given user holds a role at an
agency needs the memberships, which live in accounts (above standards): accounts installs its
functions here at startup (AccountsConfig.ready), and standards' officer pages ask through
this module without importing upward. Every other app imports the same names from
accounts.permissions; both reach the same functions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_NASIONAL = "admin_nasional", _("Admin Nasional")
    ADMIN_INSTANSI = "admin_instansi", _("Admin Instansi")
    PENGHUBUNG = "penghubung", _("Pejabat Penghubung")
    ADMIN_UPP = "admin_upp", _("Admin UPP")
    KEPALA = "kepala", _("Kepala OPD / Penanggung Jawab")
    PIMPINAN = "pimpinan", _("Pimpinan daerah (Sekda/Pembina)")
    # The head of the region: adopts the standards and signs the maklumat of the one-stop
    # licensing office (004:Pasal 1(3), Bab III C), and nothing else.
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah (Bupati/Walikota)")
    OPERATOR = "operator", _("Operator (Diskominfo)")


class Action(StrEnum):
    VIEW_DASHBOARD = "dashboard.view"  # the officer home of an agency
    EDIT_PROFILE = "agency.edit_profile"  # public profile fields (003:Pasal 28)
    MANAGE_SERVICES = "service.manage"  # add, edit, deactivate services
    MANAGE_DIRECTORY = "directory.manage"  # add and move agencies, assign roles
    VIEW_CITYWIDE = "citywide.view"  # city-wide reputation and compliance (000:Pasal 8)
    VIEW_SCORECARD = "scorecard.view"  # the scorecard of the agencies one answers for
    EXPORT_REKAP = "rekap.export"  # monthly Rekapitulasi exports (001:Pasal 9)
    SIGN_REPORT = "report.sign"  # sign the OPD's monthly report
    MANAGE_STANDARDS = "standard.manage"  # draft standards, record discussions (004:Bab III)
    ADOPT_STANDARD = "standard.adopt"  # adopt a standard, sign the maklumat (003:Pasal 14)
    MANAGE_RATINGS = "rating.manage"  # kiosk tokens, comment moderation (000:Pasal 8)
    WARN_AGENCY = "agency.warn"  # warnings to OPDs that do not run the system (000:Pasal 9)
    MANAGE_SURVEYS = "survey.manage"  # SKM surveys, follow-up plans (003:Pasal 23)
    INTAKE_COMPLAINT = "complaint.intake"  # record an item that came by SMS, letter … (C1)
    MANAGE_CATEGORIES = "category.manage"  # complaint categories and their default OPDs


_ALL_OFFICIALS = frozenset(Role)

ACTION_ROLES: dict[str, frozenset[str]] = {
    Action.VIEW_DASHBOARD: _ALL_OFFICIALS,
    Action.EDIT_PROFILE: frozenset({Role.OPERATOR, Role.KEPALA}),
    Action.MANAGE_SERVICES: frozenset({Role.OPERATOR, Role.KEPALA, Role.PENGHUBUNG}),
    Action.MANAGE_DIRECTORY: frozenset({Role.OPERATOR}),
    Action.VIEW_CITYWIDE: frozenset({Role.PIMPINAN, Role.OPERATOR, Role.ADMIN_INSTANSI}),
    # The Sekda and the Sekretariat see every OPD; a Kepala sees the scorecard of their own.
    Action.VIEW_SCORECARD: frozenset(
        {Role.PIMPINAN, Role.OPERATOR, Role.ADMIN_INSTANSI, Role.KEPALA}
    ),
    Action.EXPORT_REKAP: frozenset({Role.OPERATOR, Role.ADMIN_INSTANSI, Role.KEPALA}),
    Action.SIGN_REPORT: frozenset({Role.KEPALA}),
    Action.MANAGE_STANDARDS: frozenset({Role.OPERATOR, Role.KEPALA, Role.PENGHUBUNG}),
    # The Kepala OPD adopts; the Bupati/Walikota for the one-stop licensing office only
    # (standards.workflow.adopter_role narrows it to that office).
    Action.ADOPT_STANDARD: frozenset({Role.KEPALA, Role.KEPALA_DAERAH}),
    Action.MANAGE_RATINGS: frozenset(
        {Role.OPERATOR, Role.ADMIN_INSTANSI, Role.KEPALA, Role.PENGHUBUNG}
    ),
    Action.WARN_AGENCY: frozenset({Role.PIMPINAN, Role.ADMIN_INSTANSI, Role.OPERATOR}),
    Action.MANAGE_SURVEYS: frozenset({Role.OPERATOR, Role.KEPALA, Role.PENGHUBUNG}),
    # The roles that receive items at their own tier (002:Bab VI B).
    Action.INTAKE_COMPLAINT: frozenset({Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI, Role.PENGHUBUNG}),
    # The secretariat's list of categories (002:Bab VI B.1.a.7), kept by Diskominfo.
    Action.MANAGE_CATEGORIES: frozenset({Role.OPERATOR, Role.ADMIN_INSTANSI}),
}


class AccessRules(Protocol):
    def user_can(self, user: Any, action: str, obj: Any) -> bool: ...
    def agencies_where(self, user: Any, action: str) -> Q | None: ...
    def memberships_of(self, user: Any) -> list[Any]: ...
    def has_role(self, user: Any, roles: frozenset[str] | set[str], agency: Any) -> bool: ...


_rules: AccessRules | None = None


def install(rules: AccessRules) -> None:
    """Called once by AccountsConfig.ready with the accounts.permissions module."""
    global _rules
    _rules = rules


def _installed() -> AccessRules:
    if _rules is None:
        raise ImproperlyConfigured("The accounts app must be installed: it holds memberships.")
    return _rules


def user_can(user: Any, action: str, obj: Any) -> bool:
    return _installed().user_can(user, action, obj)


def agencies_where(user: Any, action: str) -> Q | None:
    return _installed().agencies_where(user, action)


def memberships_of(user: Any) -> list[Any]:
    return _installed().memberships_of(user)


def has_role(user: Any, roles: frozenset[str] | set[str], agency: Any) -> bool:
    return _installed().has_role(user, roles, agency)
