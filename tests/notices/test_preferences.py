"""What a user wants by e-mail (NotificationPreference): in-app notices always, mail per kind,
deadline mail to officials always (SPEC C9), and the settings page under /akun/."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from notices import services
from notices.models import (
    MAIL_ALWAYS,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboundEmail,
)
from notices.selectors import mail_kinds_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("notices:preferences")
CONTEXT = {"code": "LP-ABCD-EFGH", "title": "Jalan rusak", "status": "Ditanggapi"}


def ticked(html: str, kind: str) -> bool:
    """Whether the checkbox for `kind` is on the page and ticked."""
    box = re.search(rf'<input[^>]*value="{kind}"[^>]*>', html)
    assert box, f"no checkbox for {kind}"
    return " checked" in box.group(0)


def _notice(user, kind: str, n: int = 0) -> services.Notice:
    return services.Notice(
        recipient=user,
        kind=kind,
        title=f"Laporan {n}",
        url="/pengaduan/",
        email_template="complaint_response",
        context=CONTEXT,
        dedupe_key=f"{n}:{user.pk}:{kind}",
    )


def test_mail_is_on_for_every_kind_until_switched_off() -> None:
    user = UserFactory()
    assert mail_kinds_for(user) == set(NotificationKind.values)
    services.notice_send(
        services.Notice(
            recipient=user,
            kind=NotificationKind.RESPONSE,
            title="Laporan ditanggapi",
            email_template="complaint_response",
            context=CONTEXT,
        )
    )
    assert OutboundEmail.objects.filter(to_email=user.email).count() == 1


def test_a_kind_switched_off_is_not_mailed_but_still_shown_in_the_portal() -> None:
    """SPEC C13: the reporter still learns the result, on the notification page."""
    user, other = UserFactory(), UserFactory()
    services.notification_preferences_set(user=user, email={NotificationKind.RESPONSE: False})
    services.notices_send(
        [
            _notice(user, NotificationKind.RESPONSE, 1),
            _notice(user, NotificationKind.CLOSED, 2),
            _notice(other, NotificationKind.RESPONSE, 3),
        ]
    )
    assert Notification.objects.filter(user=user).count() == 2
    assert sorted(OutboundEmail.objects.values_list("dedupe_key", flat=True)) == sorted(
        [f"2:{user.pk}:closed", f"3:{other.pk}:response"]
    )


def test_deadline_mail_cannot_be_switched_off_by_the_service() -> None:
    """SPEC C9: an official cannot silence reminders and breaches."""
    official = MembershipFactory(role=Role.PENGHUBUNG).user
    services.notification_preferences_set(
        user=official, email={kind: False for kind in NotificationKind.values}
    )
    assert mail_kinds_for(official) == set(MAIL_ALWAYS)
    services.notices_send(
        [
            _notice(official, NotificationKind.REMINDER, 1),
            _notice(official, NotificationKind.BREACH, 2),
            _notice(official, NotificationKind.FORWARDED, 3),
        ]
    )
    assert sorted(OutboundEmail.objects.values_list("dedupe_key", flat=True)) == sorted(
        [f"1:{official.pk}:reminder", f"2:{official.pk}:breach"]
    )


def test_the_database_refuses_switching_deadline_mail_off() -> None:
    """SPEC C9: the rule holds for a row written past the service."""
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=user, kind=NotificationKind.BREACH, email=False)


def test_the_database_refuses_an_unknown_kind_and_a_second_row_per_kind() -> None:
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=user, kind="gosip", email=False)
    NotificationPreference.objects.create(user=user, kind=NotificationKind.CLOSED, email=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationPreference.objects.create(user=user, kind=NotificationKind.CLOSED, email=True)


def test_sending_many_notices_costs_the_same_queries_as_sending_a_few() -> None:
    """Preferences are read once per batch, not once per recipient."""

    def batch(size: int, offset: int) -> list[services.Notice]:
        users = UserFactory.create_batch(size)
        for user in users[::2]:
            services.notification_preferences_set(
                user=user, email={NotificationKind.RESPONSE: False}
            )
        return [_notice(u, NotificationKind.RESPONSE, offset + i) for i, u in enumerate(users)]

    few, many = batch(3, 0), batch(30, 100)
    with CaptureQueriesContext(connection) as few_queries:
        services.notices_send(few)
    with CaptureQueriesContext(connection) as many_queries:
        services.notices_send(many)
    assert len(few_queries) == len(many_queries)
    assert OutboundEmail.objects.count() == 1 + 15


# ---------------------------------------------------------------------------------------------
# The settings page


def test_settings_page_needs_login(client: Client) -> None:
    page = client.get(PAGE)
    assert page.status_code == 302 and reverse("accounts:login") in page["Location"]


def test_a_citizen_switches_a_kind_off_and_sees_it_unticked(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert ticked(text, "response") and ticked(text, "closed")
    assert 'value="forwarded"' not in text  # an official's kind, not offered to citizens
    response = client.post(PAGE, {"email_kinds": ["received", "closed"]})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert mail_kinds_for(user) == {
        NotificationKind.RECEIVED,
        NotificationKind.CLOSED,
        # not offered to a citizen, so left as they were (on)
        NotificationKind.FORWARDED,
        *MAIL_ALWAYS,
    }
    page = client.get(PAGE).content.decode()
    assert ticked(page, "received") and not ticked(page, "response")


def test_an_official_sees_deadline_mail_locked_and_cannot_switch_it_off(client: Client) -> None:
    """SPEC C9: reminders and breaches reach the official by e-mail whatever the form says."""
    official = MembershipFactory(role=Role.PENGHUBUNG).user
    client.force_login(official)
    text = client.get(PAGE).content.decode()
    assert ticked(text, "forwarded") and ticked(text, "breach")
    box = re.search(r'<input[^>]*value="breach"[^>]*>', text).group(0)
    assert " disabled" in box
    assert "tidak dapat dimatikan" in text
    client.post(PAGE, {"email_kinds": []})
    assert mail_kinds_for(official) == set(MAIL_ALWAYS)


def test_a_forged_kind_gets_a_translated_error_not_a_500(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)
    page = client.post(PAGE, {"email_kinds": ["received", "<script>"]})
    assert page.status_code == 200
    assert "bukan salah satu dari pilihan" in page.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()
    english = client.post(
        PAGE, {"email_kinds": ["bogus"]}, headers={"accept-language": "en"}
    ).content.decode()
    assert "Notification settings" in english and "not one of the available choices" in english


def test_the_notification_page_and_profile_link_to_the_settings(client: Client) -> None:
    client.force_login(UserFactory())
    for url in (reverse("notices:notifications"), reverse("accounts:profile")):
        assert f'href="{PAGE}"' in client.get(url).content.decode()
