#!/usr/bin/env bash
# Runs the test suite as if it were another moment: every test process's clock starts at that
# instant and runs on at real speed (libfaketime from Debian's faketime package).
#   scripts/test-at.sh "2026-12-31T23:50:00+03:00" [vitest arguments...]
#   npm run test:at -- "2026-12-31T23:50:00+03:00" test/e2e
#
# The database is the embedded PGlite, which runs inside the test process and so follows its clock.
# A real PostgreSQL server is a separate process whose now() stays the machine's: DATABASE_URL is
# therefore left out of a shifted run (column defaults such as the outbox's due_at would otherwise be
# stamped with the real time). Redis keeps REDIS_URL: it only counts lifetimes, never dates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "test-at: $*" >&2; }

if [ $# -lt 1 ] || [ -z "$1" ]; then
  say 'usage: scripts/test-at.sh "<ISO 8601 moment, e.g. 2026-12-31T23:50:00+03:00>" [vitest arguments...]'
  exit 2
fi
moment=$1; shift

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

find_libfaketime() {
  local candidate
  for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
    if [ -f "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

library=$(find_libfaketime || true)
if [ -z "$library" ]; then
  say "installing libfaketime (Debian's faketime package, a few seconds)"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >&2
  library=$(find_libfaketime) || { say "libfaketime.so.1 not found after installing faketime"; exit 1; }
fi

# libfaketime reads an absolute start in the process's own time zone: write the moment in it.
if ! local_start=$(date -d "$moment" "+%Y-%m-%d %H:%M:%S" 2>/dev/null); then
  say "cannot read \"$moment\" as a moment (try 2026-12-31T23:50:00+03:00)"
  exit 2
fi
say "running as if it were $(TZ=Europe/Moscow date -d "$moment" "+%Y-%m-%d %H:%M %Z") (Moscow), $(date -u -d "$moment" "+%Y-%m-%d %H:%M") UTC, on PGlite"

unset DATABASE_URL
export LD_PRELOAD="$library${LD_PRELOAD:+:$LD_PRELOAD}"
export FAKETIME="@$local_start"
# Timers and timeouts keep the real monotonic clock, so waits last as long as they say.
export FAKETIME_DONT_FAKE_MONOTONIC=1
# The shifted clock is a test's whole premise: the suite checks it took hold before anything else.
export TEST_EXPECTED_START="$(date -u -d "$moment" +%s)"
exec npx vitest run "$@"
