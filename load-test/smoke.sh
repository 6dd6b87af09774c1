#!/usr/bin/env bash
# A smoke-sized load test, as CI runs it after `mvn -B verify`: the EAR on Payara Server (a domain of
# its own, ports from 26000), on the MariaDB and Redis of DB_URL and REDIS_URL; the load-test module's
# own tests (the invariant check on broken data); then Gatling's full journey and hot seat at a few
# dozen fans, each ending with the invariant check in the database; then line-at-depth.sh with 50,000
# fans (every fan a 201 and a place of its own, polls from the back of the line all 200, the figures at
# that depth printed). Any failed request, broken assertion or broken invariant fails it. Needs DB_URL, DB_USER, DB_PASSWORD, REDIS_URL and the built
# EAR (ear/target/concert.ear, ear/target/payara6).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

: "${DB_URL:?}" "${REDIS_URL:?}"
export PAYARA_DOMAIN=concert-smoke PORTBASE=26000 FRESH_DOMAIN=true
export QUEUE_REDIS_PREFIX="{smoke-$(date +%s)-$$}"
export QUEUE_TOKEN_SECRET=smoke-load-test-secret-0123456789abcdef ADMIN_API_KEY=smoke-load-key
export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=1000000 RATELIMIT_WRITES_PER_USER_PER_MINUTE=100000
export QUEUE_ACTIVE_MAX=1000 QUEUE_ADMIT_PER_SECOND=500 DEMO_DATA=false
export QUEUE_WAITING_IDLE_SECONDS=1800   # the line of 50,000 is filled, then only its back polls
export BASE_URL="http://127.0.0.1:$((PORTBASE + 80))"

stop() { ear/src/payara/payara.sh stop >/dev/null 2>&1 || true; }
trap stop EXIT
ear/src/payara/payara.sh start

gatling() {   # simulation, then its settings
    local simulation="$1"; shift
    mvn -B -q -Pload-test -pl load-test gatling:test -Dgatling.simulationClass="dev.concert.loadtest.$simulation" "$@"
}
mvn -B -q -Pload-test -pl load-test test
gatling BookingJourneySimulation -Dusers=60 -Ddates=2 -DrampSeconds=10
gatling HotSeatSimulation -Dusers=60 -DrampSeconds=5
echo "[smoke] journey and hot seat passed with their invariant checks; reports under load-test/target/gatling"
load-test/line-at-depth.sh "${LINE_FANS:-50000}"
