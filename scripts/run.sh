#!/usr/bin/env bash
# Start the web server, the Celery worker and the scheduler (beat) in the foreground, on the
# development settings (SQLite in $VAR_DIR, kombu's filesystem broker). One Ctrl-C stops all.
# VAR_DIR defaults to var/ in the project, as in config/settings.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8000}
export VAR_DIR=${VAR_DIR:-$PWD/var}
# Links in mail (and SMS) point at the port this server listens on, unless SITE_URL says
# otherwise; the worker renders mail too, so both processes get it.
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
mkdir -p "$VAR_DIR/broker/queue" "$VAR_DIR/broker/processed"

pids=()
stop() {
  local status=${1:-0}
  trap - INT TERM EXIT
  echo
  echo "Menghentikan…"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  exit "$status"
}
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop $?' EXIT

.venv/bin/celery -A config worker -B --pool=solo --without-gossip --without-mingle \
  --loglevel=WARNING --schedule "$VAR_DIR/celerybeat-schedule" &
pids+=($!)
.venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload &
pids+=($!)

sleep 2
cat <<MSG

  Layanan Publik berjalan di http://127.0.0.1:$PORT/
  (web + worker + scheduler; tekan Ctrl-C untuk berhenti)

$(.venv/bin/python manage.py seed_demo --logins)

MSG
# Whichever process ends first (a crash, a port already taken) stops the others too.
wait -n "${pids[@]}"
