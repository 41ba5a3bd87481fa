#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the uploaded files
# (MEDIA_ROOT), into one new directory with a SHA256SUMS manifest.
#
#   DATABASE_URL=postgres://user@host:port/db MEDIA_ROOT=/srv/layanan/media \
#     scripts/backup.sh [/path/to/backups]        (default: $VAR_DIR/backups or var/backups)
#
# Prints the directory it wrote. Restore with scripts/restore.sh. Keep copies off the
# machine: the dump holds reporters' identities, password hashes and TOTP secrets.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
VAR="${VAR_DIR:-var}"
MEDIA="${MEDIA_ROOT:-$VAR/media}"
ROOT="${1:-$VAR/backups}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/layanan-$STAMP"
mkdir -p "$OUT"
chmod 700 "$OUT"
pg_dump --format=custom --no-owner --no-privileges --file="$OUT/db.dump" "$DATABASE_URL"
if [ -d "$MEDIA" ]; then
  tar -C "$MEDIA" -czf "$OUT/media.tar.gz" .
else
  tar -czf "$OUT/media.tar.gz" --files-from /dev/null
fi
(cd "$OUT" && sha256sum db.dump media.tar.gz >SHA256SUMS)
echo "$OUT"
