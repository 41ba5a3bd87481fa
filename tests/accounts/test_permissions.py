"""The permission helper (accounts.permissions) against the whole role x action x agency table.

Tree used throughout:

    nasional                      (Admin Nasional's tier, its own root)
    pemda ── opd_a ── unit_a, unit_a2
          └─ opd_b ── unit_b
    pemda2 ── opd_x ── unit_x
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import TestCase

from accounts.models import ROLE_TIERS, Membership, Role, User
from accounts.permissions import ACTION_ROLES, Action, agencies_where, is_official, user_can
from standards.models import Agency, AgencyKind, Tier
from tests.factories import AgencyFactory, MembershipFactory, ServiceFactory, UserFactory

# Where each role is held in the tree above (its "home"), by the tier it belongs to.
HOME_OF_TIER = {Tier.INSTANSI: "pemda", Tier.OPD: "opd_a", Tier.UNIT: "unit_a"}

# Every agency each home reaches, written out by hand: a role reaches its subtree only.
SUBTREE = {
    "nasional": {"nasional"},
    "pemda": {"pemda", "opd_a", "opd_b", "unit_a", "unit_a2", "unit_b"},
    "opd_a": {"opd_a", "unit_a", "unit_a2"},
    "unit_a": {"unit_a"},
}

# (relation, holder, target, reaches): the agency relations the matrix walks through.
RELATIONS = [
    ("same agency (pemda)", "pemda", "pemda", True),
    ("pemda over its OPD", "pemda", "opd_a", True),
    ("pemda over a unit of its OPD", "pemda", "unit_a", True),
    ("pemda over another pemda's OPD", "pemda", "opd_x", False),
    ("pemda over another pemda", "pemda", "pemda2", False),
    ("same agency (OPD)", "opd_a", "opd_a", True),
    ("OPD over its unit", "opd_a", "unit_a", True),
    ("OPD over its parent pemda", "opd_a", "pemda", False),
    ("OPD over a sibling OPD", "opd_a", "opd_b", False),
    ("OPD over a sibling OPD's unit", "opd_a", "unit_b", False),
    ("OPD over another pemda's OPD", "opd_a", "opd_x", False),
    ("same agency (unit)", "unit_a", "unit_a", True),
    ("unit over its parent OPD", "unit_a", "opd_a", False),
    ("unit over a sibling unit", "unit_a", "unit_a2", False),
    ("unit over another pemda's unit", "unit_a", "unit_x", False),
    ("same agency (nasional)", "nasional", "nasional", True),
    ("nasional over a pemda", "nasional", "pemda", False),
    ("nasional over an OPD", "nasional", "opd_a", False),
]


def holder_for(role: str) -> list[str]:
    """The agencies of the tree where `role` may be held (Membership.clean's rule)."""
    if role == Role.ADMIN_NASIONAL:
        return ["nasional"]
    return [HOME_OF_TIER[tier] for tier in ROLE_TIERS[role]]


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        nasional = AgencyFactory.nasional()
        pemda = AgencyFactory.pemda(name="Pemkab A")
        opd_a = AgencyFactory.opd(parent=pemda, name="Dinas A")
        opd_b = AgencyFactory.opd(parent=pemda, name="Dinas B", kind=AgencyKind.KECAMATAN)
        pemda2 = AgencyFactory.pemda(name="Pemkot Lain")
        opd_x = AgencyFactory.opd(parent=pemda2, name="Dinas X")
        cls.agencies: dict[str, Agency] = {
            "nasional": nasional,
            "pemda": pemda,
            "opd_a": opd_a,
            "opd_b": opd_b,
            "unit_a": AgencyFactory.unit(parent=opd_a, name="Unit A1"),
            "unit_a2": AgencyFactory.unit(parent=opd_a, name="Unit A2"),
            "unit_b": AgencyFactory.unit(parent=opd_b, name="Unit B1"),
            "pemda2": pemda2,
            "opd_x": opd_x,
            "unit_x": AgencyFactory.unit(parent=opd_x, name="Unit X1"),
        }
        # One user per (role, holder): each holds exactly one active role.
        cls.holders: dict[tuple[str, str], int] = {}
        for role in Role:
            for holder in holder_for(role):
                membership = Membership(user=UserFactory(), agency=cls.agencies[holder], role=role)
                membership.full_clean()  # the setup itself obeys the tier rule
                membership.save()
                cls.holders[(role, holder)] = membership.user_id

    def user(self, role: str, holder: str) -> User:
        """A fresh copy of the holder, so no permission cache carries over between checks."""
        return User.objects.get(pk=self.holders[(role, holder)])

    def test_every_action_role_and_relation_matches_the_table(self) -> None:
        """SPEC A2: roles reach the subtree where they are held, never siblings or other pemdas."""
        checked = 0
        for role in Role:
            for relation, holder, target, reaches in RELATIONS:
                if holder not in holder_for(role):
                    continue
                user = self.user(role, holder)
                for action in ACTION_ROLES:
                    expected = reaches and role in ACTION_ROLES[action]
                    with self.subTest(action=str(action), role=str(role), relation=relation):
                        self.assertIs(user_can(user, action, self.agencies[target]), expected)
                    checked += 1
        # Every role took part with at least its own agency and one outside relation.
        self.assertGreaterEqual(checked, len(Role) * 2 * len(ACTION_ROLES))

    def test_core_rows_of_the_table(self) -> None:
        """SPEC A2: the rules written in SPEC.md section 1, spelled out for each official."""
        expected = {
            # role: actions allowed at the agency where the role is held
            Role.KEPALA: {
                Action.VIEW_DASHBOARD,
                Action.EDIT_PROFILE,
                Action.MANAGE_SERVICES,
                Action.VIEW_SCORECARD,
                Action.EXPORT_REKAP,
                Action.SIGN_REPORT,
                Action.MANAGE_STANDARDS,
                Action.ADOPT_STANDARD,
                Action.MANAGE_RATINGS,
                Action.MANAGE_SURVEYS,
            },
            Role.PENGHUBUNG: {
                Action.VIEW_DASHBOARD,
                Action.MANAGE_SERVICES,
                Action.MANAGE_STANDARDS,
                Action.MANAGE_RATINGS,
                Action.MANAGE_SURVEYS,
                Action.INTAKE_COMPLAINT,
            },
            Role.ADMIN_UPP: {Action.VIEW_DASHBOARD},
            Role.PIMPINAN: {
                Action.VIEW_DASHBOARD,
                Action.VIEW_CITYWIDE,
                Action.VIEW_SCORECARD,
                Action.WARN_AGENCY,
            },
            # The Bupati/Walikota: adopts for the one-stop licensing office only (SPEC S3;
            # standards.workflow narrows ADOPT_STANDARD to that office).
            Role.KEPALA_DAERAH: {Action.VIEW_DASHBOARD, Action.ADOPT_STANDARD},
            Role.ADMIN_INSTANSI: {
                Action.VIEW_DASHBOARD,
                Action.MANAGE_CATEGORIES,
                Action.VIEW_CITYWIDE,
                Action.VIEW_SCORECARD,
                Action.EXPORT_REKAP,
                Action.MANAGE_RATINGS,
                Action.WARN_AGENCY,
                Action.INTAKE_COMPLAINT,
            },
            Role.OPERATOR: {
                Action.VIEW_DASHBOARD,
                Action.MANAGE_CATEGORIES,
                Action.EDIT_PROFILE,
                Action.MANAGE_SERVICES,
                Action.MANAGE_DIRECTORY,
                Action.VIEW_CITYWIDE,
                Action.VIEW_SCORECARD,
                Action.EXPORT_REKAP,
                Action.MANAGE_STANDARDS,
                Action.MANAGE_RATINGS,
                Action.WARN_AGENCY,
                Action.MANAGE_SURVEYS,
            },
            Role.ADMIN_NASIONAL: {Action.VIEW_DASHBOARD, Action.INTAKE_COMPLAINT},
        }
        for role, allowed in expected.items():
            holder = holder_for(role)[0]
            user = self.user(role, holder)
            for action in Action:
                with self.subTest(role=str(role), action=str(action)):
                    self.assertIs(user_can(user, action, self.agencies[holder]), action in allowed)

    def test_agencies_where_selects_exactly_the_subtree(self) -> None:
        """SPEC A2: agencies_where selects every agency of the subtree, nothing else."""
        for role in Role:
            for holder in holder_for(role):
                user = self.user(role, holder)
                for action, roles in ACTION_ROLES.items():
                    with self.subTest(role=str(role), holder=holder, action=str(action)):
                        q = agencies_where(user, action)
                        if role not in roles:
                            self.assertIsNone(q)
                            continue
                        self.assertIsNotNone(q)
                        names = {
                            key
                            for key, agency in self.agencies.items()
                            if Agency.objects.filter(q, pk=agency.pk).exists()
                        }
                        self.assertEqual(names, SUBTREE[holder])

    def test_service_is_checked_against_its_agency(self) -> None:
        """SPEC A2: a service belongs to its agency; a sibling OPD's officer may not manage it."""
        own = ServiceFactory(agency=self.agencies["unit_a"])
        sibling = ServiceFactory(agency=self.agencies["opd_b"])
        kepala = self.user(Role.KEPALA, "opd_a")
        self.assertTrue(user_can(kepala, Action.MANAGE_SERVICES, own))
        self.assertFalse(user_can(kepala, Action.MANAGE_SERVICES, sibling))

    def test_inactive_membership_grants_nothing(self) -> None:
        """SPEC A2: a deactivated role gives no access anywhere."""
        Membership.objects.filter(user_id=self.holders[(Role.OPERATOR, "pemda")]).update(
            is_active=False
        )
        user = self.user(Role.OPERATOR, "pemda")
        self.assertFalse(is_official(user))
        for action in ACTION_ROLES:
            with self.subTest(action=str(action)):
                self.assertFalse(user_can(user, action, self.agencies["opd_a"]))
                self.assertIsNone(agencies_where(user, action))

    def test_inactive_user_grants_nothing(self) -> None:
        """SPEC A2: a deactivated account keeps its rows but holds no role."""
        user = self.user(Role.OPERATOR, "pemda")
        user.is_active = False
        user.save(update_fields=["is_active"])
        for action in ACTION_ROLES:
            with self.subTest(action=str(action)):
                self.assertFalse(user_can(user, action, self.agencies["pemda"]))
                self.assertIsNone(agencies_where(user, action))

    def test_inactive_agency_grants_nothing_below_it(self) -> None:
        """SPEC A2: a role held at a deactivated agency no longer reaches anything."""
        Agency.objects.filter(pk=self.agencies["opd_a"].pk).update(is_active=False)
        user = self.user(Role.KEPALA, "opd_a")
        self.assertFalse(user_can(user, Action.VIEW_DASHBOARD, self.agencies["unit_a"]))

    def test_anonymous_user_grants_nothing(self) -> None:
        """SPEC A2: the public holds no official role."""
        anonymous = AnonymousUser()
        self.assertFalse(is_official(anonymous))
        for action in ACTION_ROLES:
            with self.subTest(action=str(action)):
                self.assertFalse(user_can(anonymous, action, self.agencies["pemda"]))
                self.assertIsNone(agencies_where(anonymous, action))

    def test_superuser_without_membership_grants_nothing(self) -> None:
        """SPEC A2: Django's superuser flag is for the admin site, not for portal rules."""
        root = UserFactory(is_superuser=True, is_staff=True)
        self.assertFalse(is_official(root))
        for action in ACTION_ROLES:
            with self.subTest(action=str(action)):
                self.assertFalse(user_can(root, action, self.agencies["pemda"]))
                self.assertIsNone(agencies_where(root, action))

    def test_citizen_grants_nothing(self) -> None:
        """SPEC A2: a citizen account is not an official."""
        citizen = UserFactory()
        self.assertFalse(is_official(citizen))
        self.assertFalse(user_can(citizen, Action.VIEW_DASHBOARD, self.agencies["unit_a"]))

    def test_two_roles_combine_only_where_each_reaches(self) -> None:
        """SPEC A2: Kepala of one OPD and Penghubung of another sign only at their own OPD."""
        user = UserFactory()
        MembershipFactory(user=user, agency=self.agencies["opd_a"], role=Role.KEPALA)
        MembershipFactory(user=user, agency=self.agencies["opd_b"], role=Role.PENGHUBUNG)
        self.assertTrue(user_can(user, Action.SIGN_REPORT, self.agencies["opd_a"]))
        self.assertFalse(user_can(user, Action.SIGN_REPORT, self.agencies["opd_b"]))
        self.assertTrue(user_can(user, Action.MANAGE_SERVICES, self.agencies["unit_b"]))
        q = agencies_where(user, Action.VIEW_DASHBOARD)
        reached = set(Agency.objects.filter(q).values_list("pk", flat=True))
        self.assertEqual(
            reached,
            {self.agencies[k].pk for k in ("opd_a", "unit_a", "unit_a2", "opd_b", "unit_b")},
        )

    def test_permission_check_costs_one_query_per_user(self) -> None:
        """SPEC A2: memberships are loaded once; further checks need no query."""
        user = self.user(Role.KEPALA, "opd_a")
        with self.assertNumQueries(1):
            for action in ACTION_ROLES:
                for agency in self.agencies.values():
                    user_can(user, action, agency)


class MembershipCleanTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.nasional = AgencyFactory.nasional()
        cls.pemda = AgencyFactory.pemda()
        cls.opd = AgencyFactory.opd(parent=cls.pemda)
        cls.unit = AgencyFactory.unit(parent=cls.opd)
        cls.user = UserFactory()

    def tier_agencies(self) -> dict[str, Agency]:
        return {"pemda": self.pemda, "opd": self.opd, "unit": self.unit}

    def test_role_at_the_wrong_tier_is_refused(self) -> None:
        """SPEC A2: each role is held at its own tier of the Agency tree."""
        tier_of = {"pemda": Tier.INSTANSI, "opd": Tier.OPD, "unit": Tier.UNIT}
        for role in Role:
            if role == Role.ADMIN_NASIONAL:
                continue
            for name, agency in self.tier_agencies().items():
                membership = Membership(user=self.user, agency=agency, role=role)
                with self.subTest(role=str(role), agency=name):
                    if tier_of[name] in ROLE_TIERS[role]:
                        membership.full_clean()
                    else:
                        with self.assertRaises(ValidationError) as caught:
                            membership.full_clean()
                        self.assertIn("agency", caught.exception.message_dict)

    def test_admin_nasional_only_at_the_national_tier(self) -> None:
        """SPEC A2: Admin Nasional is held at the national instansi, nowhere else."""
        Membership(user=self.user, agency=self.nasional, role=Role.ADMIN_NASIONAL).full_clean()
        with self.assertRaises(ValidationError):
            Membership(user=self.user, agency=self.pemda, role=Role.ADMIN_NASIONAL).full_clean()

    def test_national_tier_holds_no_pemda_role(self) -> None:
        """SPEC A2: a pemda role held at the national instansi is refused."""
        for role in (Role.ADMIN_INSTANSI, Role.OPERATOR, Role.PIMPINAN, Role.KEPALA_DAERAH):
            with self.subTest(role=str(role)), self.assertRaises(ValidationError):
                Membership(user=self.user, agency=self.nasional, role=role).full_clean()

    def test_missing_role_reports_the_field_not_a_crash(self) -> None:
        """A membership without a role fails on the role field, not inside clean()."""
        with self.assertRaises(ValidationError) as caught:
            Membership(user=self.user, agency=self.opd, role="").full_clean()
        self.assertIn("role", caught.exception.message_dict)
