#!/usr/bin/env bash
# Brings up a local PostgreSQL and Redis for tests and development, then prints the variables to use:
#   eval "$(scripts/services.sh)"
# Safe to run any number of times. Only the export lines go to stdout; progress goes to stderr.
set -euo pipefail

PG_PASSWORD=postgres
PG_DATABASE=nastavnik_test
REDIS_PORT=6379

say() { echo "services: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

wait_until() {
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  say "$what did not come up within 30 s"
  exit 1
}

start_postgres() {
  command -v pg_lsclusters >/dev/null || { say "PostgreSQL is not installed (expected the postgresql package)"; exit 1; }
  local version port
  version=$(pg_lsclusters -h | awk 'NR == 1 { print $1 }')
  port=$(pg_lsclusters -h | awk 'NR == 1 { print $3 }')
  [ -n "$version" ] || { say "no PostgreSQL cluster found (pg_lsclusters is empty)"; exit 1; }
  PG_PORT=$port

  if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    say "starting PostgreSQL $version on port $PG_PORT"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  fi
  wait_until "PostgreSQL" pg_isready -q -h 127.0.0.1 -p "$PG_PORT"

  as_postgres "psql -p $PG_PORT -qc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"" >&2
  if [ "$(as_postgres "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'\"")" != "1" ]; then
    say "creating database $PG_DATABASE"
    as_postgres "createdb -p $PG_PORT $PG_DATABASE" >&2 || true
  fi
  say "PostgreSQL is up"
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    say "installing redis-server (about 10 s)"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
  fi
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    say "starting Redis on port $REDIS_PORT"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >&2
  fi
  wait_until "Redis" redis-cli -p "$REDIS_PORT" ping
  say "Redis is up"
}

start_postgres
start_redis

echo "export DATABASE_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
