"""The one place where periodic work is scheduled (Celery beat).

Each task works out from the database what is due, so a late or repeated run does the right
thing once. Entries are added here as the apps that own the tasks grow them.
"""

BEAT_SCHEDULE: dict[str, dict] = {}
