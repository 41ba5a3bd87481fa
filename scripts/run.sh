#!/usr/bin/env bash
# Start the web server, the Celery worker and the scheduler (beat) in the foreground, on the
# development settings (SQLite in var/, kombu's filesystem broker). One Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8000}
mkdir -p var/broker/queue var/broker/processed

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A config worker -B --pool=solo --without-gossip --without-mingle \
  --loglevel=WARNING --schedule var/celerybeat-schedule &
pids+=($!)
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload &
pids+=($!)

sleep 2
cat <<MSG

  Layanan Publik berjalan di http://127.0.0.1:$PORT/
  (web + worker + scheduler; tekan Ctrl-C untuk berhenti)

$(.venv/bin/python manage.py seed_demo --logins)

MSG
wait -n "${pids[@]}"
