"""A report is never lost (SPEC A1, C13): the signed link in every mail to the reporter, a
fresh link when the secret is lost (by e-mail or SMS, never saying whether the item exists),
and "Laporan saya" for a signed-in citizen."""

from __future__ import annotations

import re
import time
from types import SimpleNamespace

import pytest
from django.core import signing
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from complaints import reporter_access, services
from complaints.models import Complaint, Privacy
from complaints.services.access import phone_key
from notices import sms
from notices.models import Notification, OutboundEmail
from tests.personas import World

LOST = "/pengaduan/lacak/lupa/"
SENT = "/pengaduan/lacak/terkirim/"
MINE = "/pengaduan/saya/"
LINK = re.compile(r"https?://[^\s\"<]+/pengaduan/akses/[^\s\"<]+/")


def links_in(text: str) -> list[str]:
    return LINK.findall(text)


def path_of(url: str, site: str) -> str:
    assert url.startswith(site), url
    return url[len(site) :]


def reporter_page(client: Client, complaint: Complaint) -> str:
    response = client.get(complaint.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def later(monkeypatch: pytest.MonkeyPatch, days: float) -> None:
    """Move the signer's clock (django.core.signing reads time.time()) `days` ahead."""
    now = time.time()
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now + days * 86400))


# ---------------------------------------------------------------------------------------------
# The signed link


def test_a_reporters_link_opens_the_item_as_its_reporter(world: World, client: Client) -> None:
    """SPEC A1, C13: the link does what code + secret do: the reporter's own page."""
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    assert "Halaman pelapor" not in client.get(c.get_absolute_url()).content.decode()
    token = reporter_access.reporter_link_token(c)
    response = client.get(f"/pengaduan/akses/{token}/")
    assert response.status_code == 302
    assert response["Location"] == c.get_absolute_url()
    assert token not in response["Location"]  # the token does not travel on in a Referer
    assert "Halaman pelapor" in reporter_page(client, c)


def test_an_expired_link_gets_a_clear_page_with_the_way_to_a_new_one(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch, settings
) -> None:
    """SPEC A1: a link lives COMPLAINT_LINK_MAX_AGE_DAYS; then a translated page, not a 500."""
    settings.COMPLAINT_LINK_MAX_AGE_DAYS = 7
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    token = reporter_access.reporter_link_token(c)
    later(monkeypatch, 6.9)
    assert client.get(f"/pengaduan/akses/{token}/").status_code == 302
    fresh_client = Client()
    later(monkeypatch, 7.1)
    response = fresh_client.get(f"/pengaduan/akses/{token}/")
    assert response.status_code == 410
    body = response.content.decode()
    assert "Tautan sudah kedaluwarsa" in body
    assert f'href="{LOST}"' in body
    assert "Halaman pelapor" not in reporter_page_or_404(fresh_client, c)


def reporter_page_or_404(client: Client, complaint: Complaint) -> str:
    response = client.get(complaint.get_absolute_url())
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
        lambda t: t[: len(t) // 2],  # truncated in a mail client
        lambda t: "x" + t,  # payload changed
        lambda t: "bukan-tautan",
        lambda t: "%00",
    ],
)
def test_a_tampered_link_is_refused_with_a_page_not_an_error(
    world: World, client: Client, mangle
) -> None:
    """SPEC A1: anything the portal did not sign opens nothing, with a plain 400 page."""
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    token = mangle(reporter_access.reporter_link_token(c))
    response = client.get(f"/pengaduan/akses/{token}/")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "Tautan tidak berlaku" in response.content.decode()
    assert reporter_page_or_404(client, c) == ""


def test_a_token_signed_for_another_purpose_or_item_opens_nothing(
    world: World, client: Client
) -> None:
    """SPEC A1: the salt and the secret's fingerprint bind a token to this use and item."""
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    other_salt = signing.TimestampSigner(salt="accounts.something-else").sign_object(
        {"c": c.code, "f": reporter_access._fingerprint(c)}
    )
    assert client.get(f"/pengaduan/akses/{other_salt}/").status_code == 400
    wrong_print = signing.TimestampSigner(salt=reporter_access.SALT).sign_object(
        {"c": c.code, "f": "0" * 16}
    )
    assert client.get(f"/pengaduan/akses/{wrong_print}/").status_code == 400
    no_item = signing.TimestampSigner(salt=reporter_access.SALT).sign_object(
        {"c": "LP-XXXX-XXXX", "f": "0" * 16}
    )
    assert client.get(f"/pengaduan/akses/{no_item}/").status_code == 400
    not_a_dict = signing.TimestampSigner(salt=reporter_access.SALT).sign_object([c.code])
    assert client.get(f"/pengaduan/akses/{not_a_dict}/").status_code == 400
    assert reporter_page_or_404(client, c) == ""


def test_links_die_when_the_items_secret_is_replaced(world: World, client: Client) -> None:
    """SPEC A1: a link is as good as the secret it stands for."""
    c = world.submit(privacy=Privacy.RAHASIA).complaint
    token = reporter_access.reporter_link_token(c)
    Complaint.objects.filter(pk=c.pk).update(secret_hash="md5$other$0")
    assert client.get(f"/pengaduan/akses/{token}/").status_code == 400


# ---------------------------------------------------------------------------------------------
# Every mail about an item carries its link


def test_every_mail_to_a_reporter_without_account_opens_the_item(
    world: World, client: Client, settings
) -> None:
    """SPEC A1, C13: the mail's link, from SITE_URL, opens the reporter's page directly."""
    settings.SITE_URL = "https://lapor.tanahlaut.go.id"
    c = world.submit(privacy=Privacy.RAHASIA, reporter_email="sari@contoh.id").complaint
    mail = OutboundEmail.objects.get(to_email="sari@contoh.id")
    found = links_in(mail.body_text)
    assert found and set(found) == set(links_in(mail.body_html))
    assert "https://lapor.tanahlaut.go.id/pengaduan/lacak/lupa/" in mail.body_text
    assert "7 hari" in mail.body_text
    response = client.get(path_of(found[0], settings.SITE_URL))
    assert response.status_code == 302
    assert "Halaman pelapor" in reporter_page(client, c)


def test_a_reporter_with_an_account_gets_the_link_in_mail_and_the_page_in_the_portal(
    world: World, settings
) -> None:
    """SPEC C13: the mail opens the item without a login; the in-app notice keeps the item's
    own address (the signed-in reporter needs no token)."""
    settings.SITE_URL = "https://lapor.tanahlaut.go.id"
    citizen = world.user("citizen")
    c = world.submit(reporter=citizen, privacy=Privacy.PUBLIK).complaint
    mail = OutboundEmail.objects.get(to_email=citizen.email)
    assert links_in(mail.body_text)
    assert Notification.objects.get(user=citizen).url == c.get_absolute_url()


def test_officials_mail_links_to_the_dashboard_item_without_a_token(world: World, settings) -> None:
    """Officials open the item behind their login: no token travels in their mail."""
    settings.SITE_URL = "https://lapor.tanahlaut.go.id"
    c = world.submit().complaint
    mail = OutboundEmail.objects.get(to_email=world.user("admin_nasional").email)
    assert f"https://lapor.tanahlaut.go.id/dasbor/pengaduan/{c.code}/" in mail.body_text
    assert "/pengaduan/akses/" not in mail.body_text + mail.body_html


# ---------------------------------------------------------------------------------------------
# Lost secret


def test_the_tracking_form_links_to_the_lost_secret_page(client: Client, db: None) -> None:
    body = client.get("/pengaduan/lacak/").content.decode()
    assert f'href="{LOST}"' in body and "Lupa kode rahasia?" in body


def test_a_lost_secret_is_replaced_by_a_link_mailed_to_the_address_given_at_filing(
    world: World, client: Client, settings
) -> None:
    """SPEC A1, C13: code + the e-mail given at filing bring a fresh link to that address."""
    c = world.submit(privacy=Privacy.RAHASIA, reporter_email="Sari@Contoh.id").complaint
    OutboundEmail.objects.all().delete()
    response = client.post(LOST, {"code": c.code.lower(), "contact": " sari@contoh.ID "})
    assert response.status_code == 302 and response["Location"] == SENT
    mail = OutboundEmail.objects.get()
    assert mail.to_email == "Sari@Contoh.id"  # the address on file, not what was typed
    assert c.code in mail.subject
    link = links_in(mail.body_text)[0]
    visitor = Client()
    assert visitor.get(path_of(link, settings.SITE_URL)).status_code == 302
    assert "Halaman pelapor" in reporter_page(visitor, c)


@pytest.mark.parametrize("typed", ["0812-9988-7766", "+62 812 9988 7766", "6281299887766"])
def test_a_lost_secret_link_goes_by_sms_to_the_phone_given_at_filing(
    world: World, client: Client, settings, typed: str, django_capture_on_commit_callbacks
) -> None:
    """SPEC A1, C13: the phone number in any usual spelling; the SMS goes to the number on
    file through SMS_BACKEND."""
    c = world.submit(reporter_email="", reporter_phone="0812 9988 7766").complaint
    OutboundEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LOST, {"code": c.code, "contact": typed})
    assert not OutboundEmail.objects.exists()
    [message] = sms.outbox
    assert message.to == "0812 9988 7766"
    assert c.code in message.text and "7 hari" in message.text
    link = links_in(message.text + " ")[0]
    visitor = Client()
    assert visitor.get(path_of(link, settings.SITE_URL)).status_code == 302
    assert "Halaman pelapor" in reporter_page(visitor, c)


def test_an_account_reporters_own_address_works_too(world: World) -> None:
    """SPEC A1: an item filed while signed in answers to the account's e-mail and mobile."""
    citizen = world.user("citizen")
    citizen.mobile = "081355554444"
    citizen.save(update_fields=["mobile"])
    c = world.submit(reporter=citizen, reporter_email="", reporter_phone="").complaint
    assert services.complaint_access_link_request(code=c.code, contact=citizen.email)
    assert services.complaint_access_link_request(code=c.code, contact="0813-5555-4444")


def test_the_answer_never_reveals_whether_the_code_exists_or_matches(
    world: World, settings
) -> None:
    """SPEC A1 (privacy of reporters, C3): the same status, redirect and page whether the
    code is unknown, known with another address, or known with the right one."""
    c = world.submit(reporter_email="sari@contoh.id").complaint
    answers = []
    for code, contact in [
        ("LP-ZZZZ-ZZZZ", "sari@contoh.id"),
        (c.code, "orang.lain@contoh.id"),
        (c.code, "081200000000"),
        (c.code, "sari@contoh.id"),
    ]:
        visitor = Client()
        response = visitor.post(LOST, {"code": code, "contact": contact})
        page = visitor.get(response["Location"])
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
        answers.append((response.status_code, response["Location"], page.status_code, html))
    assert len(set(answers)) == 1
    assert OutboundEmail.objects.filter(to_email="sari@contoh.id").count() == 2  # receipt + link
    assert not sms.outbox


def test_mismatches_send_nothing(world: World) -> None:
    """SPEC A1: only the address on file receives anything."""
    c = world.submit(reporter_email="sari@contoh.id", reporter_phone="081299887766").complaint
    before = OutboundEmail.objects.count()
    for contact in ["sari@contoh.id.evil", "081299887765", "99887766", "", "sari"]:
        assert not services.complaint_access_link_request(code=c.code, contact=contact)
    assert not services.complaint_access_link_request(code="LP-NONE-NONE", contact="x@y.id")
    assert not services.complaint_access_link_request(code="\x00", contact="sari@contoh.id")
    assert OutboundEmail.objects.count() == before and not sms.outbox


def test_requests_are_rate_limited_per_address_and_per_code(
    world: World, client: Client, settings
) -> None:
    """SPEC A1: nobody floods a reporter's inbox or probes codes through the page."""
    settings.COMPLAINT_LINK_REQUEST_LIMIT = 3
    c = world.submit(reporter_email="sari@contoh.id").complaint
    for _n in range(3):
        assert client.post(LOST, {"code": c.code, "contact": "sari@contoh.id"}).status_code == 302
    refused = client.post(LOST, {"code": "LP-AAAA-BBBB", "contact": "sari@contoh.id"})
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()
    # Another device asking for the same code is stopped too.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(LOST, {"code": c.code, "contact": "sari@contoh.id"}).status_code == 429
    assert OutboundEmail.objects.filter(to_email="sari@contoh.id").count() == 1 + 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "", "contact": "sari@contoh.id"}, "code"),
        ({"code": "LP-AAAA-BBBB", "contact": "bukan email@"}, "contact"),
        ({"code": "LP-AAAA-BBBB", "contact": "12"}, "contact"),
        ({"code": "LP-AAAA-BBBB", "contact": ""}, "contact"),
    ],
)
def test_bad_input_gets_a_field_error(client: Client, db: None, data: dict, field: str) -> None:
    response = client.post(LOST, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_phone_numbers_compare_in_any_usual_spelling() -> None:
    assert phone_key("+62 812-3456-7890") == phone_key("0812 3456 7890") == "081234567890"


# ---------------------------------------------------------------------------------------------
# The SMS layer


def test_sms_is_sent_only_when_the_transaction_commits(
    db: None, django_capture_on_commit_callbacks
) -> None:
    from notices import services as notice_services

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notice_services.sms_send(to="0812", text="tidak terkirim")
            raise RuntimeError
        assert callbacks == []
        with transaction.atomic():
            notice_services.sms_send(to="0812", text="terkirim")
    assert sms.outbox == [sms.SmsMessage(to="0812", text="terkirim")]


def test_console_and_null_backends(capsys: pytest.CaptureFixture[str], caplog) -> None:
    assert sms.ConsoleSmsBackend().send_messages([sms.SmsMessage("0812", "halo")]) == 1
    assert "SMS to 0812\nhalo" in capsys.readouterr().out
    assert sms.NullSmsBackend().send_messages([sms.SmsMessage("0812", "rahasia")]) == 0
    assert "not sent" in caplog.text and "rahasia" not in caplog.text


def test_a_failing_sms_backend_does_not_break_the_page(
    world: World, client: Client, settings, django_capture_on_commit_callbacks, caplog
) -> None:
    settings.SMS_BACKEND = "tests.complaints.test_reporter_access.BrokenSms"
    c = world.submit(reporter_email="", reporter_phone="081299887766").complaint
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(LOST, {"code": c.code, "contact": "081299887766"})
    assert response.status_code == 302 and callbacks
    assert "SMS backend failed" in caplog.text


class BrokenSms(sms.BaseSmsBackend):
    def send_messages(self, messages: object) -> int:
        raise ConnectionError("gateway down")


# ---------------------------------------------------------------------------------------------
# Laporan saya


def test_laporan_saya_needs_a_login(client: Client, db: None) -> None:
    response = client.get(MINE)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_laporan_saya_lists_the_citizens_own_items_with_holder_and_deadline(
    world: World, client: Client
) -> None:
    """SPEC A1, C13: every item the citizen filed, its status, the tier and agency holding it
    (never an official's name) and the deadline as a date and a phrase."""
    citizen = world.user("citizen")
    User.objects.filter(pk=world.user("admin_nasional").pk).update(full_name="Rudi Hartono")
    mine = world.submit(reporter=citizen, title="Lampu jalan mati").complaint
    world.submit(title="Laporan orang lain")
    client.force_login(citizen)
    response = client.get(MINE)
    body = response.content.decode()
    assert "Lampu jalan mati" in body and mine.code in body
    assert "Laporan orang lain" not in body
    assert "Diterima" in body
    assert mine.holder_agency.display_name in body
    assert mine.get_holder_tier_display() in body
    assert "Batas verifikasi" in body and "hari kerja" in body
    assert "Rudi Hartono" not in body
    assert 'href="/pengaduan/saya/"' in body and 'aria-current="page"' in body


def test_laporan_saya_is_empty_for_a_new_account(world: World, client: Client) -> None:
    client.force_login(world.user("citizen"))
    assert "Anda belum mengirim laporan" in client.get(MINE).content.decode()


def test_laporan_saya_runs_the_same_queries_for_3_or_30_items(world: World, client: Client) -> None:
    """STYLE 13: the page's query count does not grow with the citizen's items."""
    citizen = world.user("citizen")
    client.force_login(citizen)

    def count() -> int:
        client.get(MINE)  # warm the session and the calendar cache
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(MINE).status_code == 200
        return len(ctx.captured_queries)

    for _n in range(3):
        world.submit(reporter=citizen)
    few = count()
    for _n in range(27):
        world.submit(reporter=citizen)
    assert count() == few
    assert "Halaman 1 dari 2" in client.get(MINE).content.decode()
