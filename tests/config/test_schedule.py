"""The beat schedule (config/schedule.py) names tasks that exist."""

from __future__ import annotations

from config.celery import app
from config.schedule import BEAT_SCHEDULE


def test_every_scheduled_task_is_registered_with_celery() -> None:
    app.autodiscover_tasks(force=True)
    assert {"notices.tasks.outbox_deliver_due", "complaints.tasks.sla_sweep"} <= {
        entry["task"] for entry in BEAT_SCHEDULE.values()
    }
    missing = [entry["task"] for entry in BEAT_SCHEDULE.values() if entry["task"] not in app.tasks]
    assert missing == []
