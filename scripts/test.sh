#!/usr/bin/env bash
# Run the test suite against a throwaway PostgreSQL cluster and Redis server on free loopback
# ports in a temporary directory; both are stopped on exit, whether the tests pass or not.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin() {
  local b
  for b in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    [ -x "$b/initdb" ] && [ -x "$b/pg_ctl" ] && { echo "$b"; return; }
  done
  echo "No PostgreSQL binaries found (initdb, pg_ctl)." >&2
  exit 1
}
PGBIN=$(pg_bin)
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

TMP=$(mktemp -d /tmp/layanan-test.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP/pg" "$TMP/redis"
PGDATA="$TMP/pg/data"
PGPORT=$(free_port)
REDISPORT=$(free_port)
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$TMP/pg"
  AS_PG=(runuser -u postgres --)
fi

cleanup() {
  status=$?
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  redis-cli -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit $status
}
trap cleanup EXIT INT TERM

"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$TMP/pg/initdb.log" 2>&1 \
  || { cat "$TMP/pg/initdb.log"; exit 1; }
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$TMP/pg/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $TMP/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$TMP/pg/server.log"; exit 1; }
redis-server --bind 127.0.0.1 --port "$REDISPORT" --daemonize yes --save '' --appendonly no \
  --dir "$TMP/redis" --pidfile "$TMP/redis/redis.pid" --logfile "$TMP/redis/redis.log"
for _ in $(seq 50); do
  [ "$(redis-cli -p "$REDISPORT" ping 2>/dev/null)" = PONG ] && break
  sleep 0.1
done

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/layanan"
# The bench on a province seeded beforehand (tests/bench/conftest.py): that database instead.
if [ -n "${BENCH_DATABASE_URL:-}" ]; then export DATABASE_URL="$BENCH_DATABASE_URL"; fi
export REDIS_URL="redis://127.0.0.1:$REDISPORT/0"
export TEST_REDIS_PORT="$REDISPORT" TEST_TMP="$TMP"
export VAR_DIR="$TMP/var"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
mkdir -p "$VAR_DIR"
.venv/bin/python -m pytest "$@"
