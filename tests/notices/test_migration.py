"""The move of the outbox and the notifications from accounts to notices keeps every row
(notices/migrations/0001_move_from_accounts.py, accounts/migrations/0005_notices_move_out.py).

The database is taken back to before the move, rows are written through the models as they
were then, and the migrations are run forward again.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notices import services
from notices.models import Notification, OutboundEmail, OutboundStatus

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("accounts", "0004_totpdevice"), ("notices", None)]


def migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_outbox_and_notification_rows_survive_the_move_to_notices() -> None:
    executor = migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE[0]).apps
    with pytest.raises(LookupError):
        old.get_model("notices", "OutboundEmail")  # really before the move
    OldUser = old.get_model("accounts", "User")
    OldNotification = old.get_model("accounts", "Notification")
    OldOutbound = old.get_model("accounts", "OutboundEmail")
    user = OldUser.objects.create(username="sari", email="sari@example.net", full_name="Sari")
    notice = OldNotification.objects.create(
        user_id=user.pk, kind="response", title="Laporan LP-AAAA-BBBB sudah ditanggapi"
    )
    waiting = OldOutbound.objects.create(
        to_email="sari@example.net",
        subject="Tanggapan LP-AAAA-BBBB",
        body_text="teks",
        body_html="<p>teks</p>",
        dedupe_key="41:reporter",
    )
    sent = OldOutbound.objects.create(
        to_email="budi@example.net", subject="Diterima", body_text="t", status="sent"
    )

    executor = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = Notification.objects.get(pk=notice.pk)
    assert (moved.user_id, moved.kind, moved.title) == (
        user.pk,
        "response",
        "Laporan LP-AAAA-BBBB sudah ditanggapi",
    )
    rows = {row.pk: row for row in OutboundEmail.objects.all()}
    assert set(rows) == {waiting.pk, sent.pk}
    assert rows[waiting.pk].status == OutboundStatus.PENDING
    assert rows[waiting.pk].dedupe_key == "41:reporter"
    assert rows[waiting.pk].body_html == "<p>teks</p>"
    assert rows[sent.pk].status == OutboundStatus.SENT
    # The admin's permissions follow the model: its content type moved, none was duplicated.
    assert ContentType.objects.get_for_model(OutboundEmail).app_label == "notices"
    assert not ContentType.objects.filter(app_label="accounts", model="outboundemail").exists()
    # The table goes on: a new row gets a new id, and the old dedupe key still holds.
    new_id = services.email_send(
        to_email="baru@example.net",
        template="complaint_received",
        context={"code": "LP-X", "title": "t", "status": "s"},
    )
    assert new_id is not None and new_id > max(rows)
    duplicate = services.email_send(
        to_email="sari@example.net",
        template="complaint_received",
        context={"code": "LP-X", "title": "t", "status": "s"},
        dedupe_key="41:reporter",
    )
    assert duplicate is None
