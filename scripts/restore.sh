#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media directory.
#
#   DATABASE_URL=postgres://user@host:port/newdb MEDIA_ROOT=/srv/layanan/media \
#     scripts/restore.sh /path/to/backups/layanan-YYYYMMDDTHHMMSSZ
#
# Checks the manifest first; refuses a database that already has tables, so that it never
# mixes a restore into live data. Afterwards run `manage.py migrate` (a no-op when the code
# matches the dump) and `manage.py check --deploy`.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKUP="${1:?which backup directory to restore}"
: "${DATABASE_URL:?DATABASE_URL must name the empty PostgreSQL database to restore into}"
MEDIA="${MEDIA_ROOT:-${VAR_DIR:-var}/media}"
(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS)
TABLES=$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$TABLES" != "0" ]; then
  echo "The database already has $TABLES tables; restore only into an empty one." >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$BACKUP/db.dump"
mkdir -p "$MEDIA"
tar -C "$MEDIA" -xzf "$BACKUP/media.tar.gz"
echo "Restored $BACKUP into the database and $MEDIA"
