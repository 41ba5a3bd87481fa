"""The one place where the surveys app sends notices, through the notices door."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from notices.models import NotificationKind
from notices.render import absolute_url
from notices.services import Notice, notices_send
from standards.models import Agency, AgencyKind
from surveys.models import Survey


def published_recipients(survey: Survey) -> list[Membership]:
    """The head of region (Pimpinan of the instansi) and Bagian Organisasi (the Kepala of the
    instansi's Sekretariat Daerah, where the Bagian sits), SPEC K3."""
    root_id = survey.agency.ancestor_ids[0]
    setda = Agency.objects.filter(parent_id=root_id, kind=AgencyKind.SEKRETARIAT, is_active=True)
    return list(
        Membership.objects.active()
        .filter(user__is_active=True)
        .filter(Q(agency_id=root_id, role=Role.PIMPINAN) | Q(agency__in=setda, role=Role.KEPALA))
        .order_by("pk")
    )


def survey_published(survey: Survey) -> None:
    """A notice (in-app and e-mail) with the results page and the PDF report's link."""
    memberships = published_recipients(survey)
    users = {m.user_id: m for m in memberships}
    if not users:
        return
    from accounts.models import User

    results = reverse("surveys:results", kwargs={"pk": survey.pk})
    pdf = reverse("surveys:report_pdf", kwargs={"pk": survey.pk})
    title = _("Hasil SKM dipublikasikan: %(title)s") % {"title": survey.title}
    body = _("%(agency)s mempublikasikan hasil survei kepuasan masyarakat %(scope)s.") % {
        "agency": survey.agency.name,
        "scope": survey.scope_name,
    }
    notices_send(
        [
            Notice(
                recipient=user,
                kind=NotificationKind.UPDATE,
                title=title,
                body=body,
                url=results,
                email_template="survey_published",
                context={
                    "survey_title": survey.title,
                    "body": body,
                    "url": results,
                    "pdf": absolute_url(pdf),
                },
                dedupe_key=f"survey-published:{survey.pk}:{user.pk}",
            )
            for user in User.objects.filter(pk__in=users)
        ]
    )
