"""The one place where periodic work is scheduled (Celery beat).

Each task works out from the database what is due, so a late or repeated run does the right
thing once.
"""

BEAT_SCHEDULE: dict[str, dict] = {
    # Reminders, breaches, the 10-day archive and closure of answered items (SPEC C7-C9).
    "sla-sweep": {"task": "complaints.tasks.sla_sweep", "schedule": 5 * 60},
    # The statistics tally: the changes of the last minute added into it (complaints.tally).
    "tally-fold": {"task": "complaints.tasks.tally_fold", "schedule": 60},
    # Mail in the outbox that was not delivered on commit (broker down, SMTP down).
    "outbox-deliver": {"task": "notices.tasks.outbox_deliver_due", "schedule": 60},
    # The monthly Rekapitulasi from the 1st, reminders on the 8th, lateness after the 10th
    # (SPEC C17). Hourly: the month's rows are made once, so a missed hour only delays them.
    "rekap-monthly": {"task": "reports.tasks.rekap_monthly", "schedule": 60 * 60},
}
