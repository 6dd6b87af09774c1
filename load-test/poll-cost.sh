#!/usr/bin/env bash
# Server CPU per status poll of two builds of the EAR, side by side in one run: each build in turn on
# Payara Server (payara.sh, domain "pollcost"), on MariaDB and Redis, with 2 000 fans WAITING in a
# paused line; wrk (2 threads, 64 keep-alive connections) polls GET /api/queue/status with a random
# one of their tokens, first without If-None-Match (200 answers), then with each token's ETag (304).
# The server's CPU is read from /proc (utime + stime of its JVM), so wrk's own CPU is not in it.
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/poll-cost.sh BEFORE.ear AFTER.ear [rounds] [seconds]
#
# Rounds alternate the builds (A B A B ...), so that a machine that slows down or speeds up during the
# run weighs on both alike. Prints one line per build, answer and round: polls/s and µs of server CPU a
# poll; the raw lines stay in load-test/target/poll-cost/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

before="$(realpath "$1")"; after="$(realpath "$2")"; rounds="${3:-2}"; seconds="${4:-20}"
: "${DB_URL:?set DB_URL}" "${REDIS_URL:?set REDIS_URL}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
out=load-test/target/poll-cost; mkdir -p "$out"
export PORT="${PORT:-27180}" ADMIN_PORT="${ADMIN_PORT:-27148}" PAYARA_DOMAIN=pollcost
export ADMIN_API_KEY=poll-cost-admin-key QUEUE_TOKEN_SECRET=poll-cost-token-secret-0123456789abcdef
export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=1000000 QUEUE_REDIS_PREFIX="{poll-cost}"
base="http://localhost:$PORT"
admin=(-H "Authorization: Bearer $ADMIN_API_KEY" -H "Content-Type: application/json")

cat > "$out/poll.lua" <<'LUA'
-- a random one of the tokens (and, with etags, its ETag) for every request
local lines = {}
for line in io.lines(os.getenv("POLL_TOKENS")) do lines[#lines + 1] = line end
local with_etag = os.getenv("POLL_ETAG") == "1"
request = function()
  local token, etag = lines[math.random(#lines)]:match("^(%S+)%s*(.*)$")
  local headers = { ["Authorization"] = "Bearer " .. token }
  if with_etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", "/api/queue/status", headers)
end
LUA

server_pid() { ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

prepare() {   # 2 000 waiting fans and their ETags, once per build (the line is the same Redis keys)
    redis-cli -u "$REDIS_URL" --scan --pattern '{poll-cost}*' | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
    curl -s -X PUT "$base/api/admin/queue/settings" "${admin[@]}" -d '{"paused":true}' >/dev/null
    : > "$out/tokens"
    for n in $(seq 1 2000); do
        token=$(curl -s -X POST "$base/api/queue/tokens" -H "Content-Type: application/json" \
            -d "{\"userId\":\"$(cat /proc/sys/kernel/random/uuid)\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
        etag=$(curl -s -D - -o /dev/null "$base/api/queue/status" -H "Authorization: Bearer $token" | tr -d '\r' \
            | sed -n 's/^[Ee][Tt]ag: //p')
        echo "$token $etag" >> "$out/tokens"
    done
}

measure() {   # build answer round
    local pid ticks_before ticks_after requests
    pid=$(server_pid)
    wrk -t2 -c64 -d5s -s "$out/poll.lua" "$base" >/dev/null   # warm-up
    ticks_before=$(cpu_ticks "$pid")
    requests=$(wrk -t2 -c64 -d"${seconds}s" -s "$out/poll.lua" "$base" | tee "$out/$1-$2-$3.txt" | awk '/requests in/{print $1}')
    ticks_after=$(cpu_ticks "$pid")
    awk -v b="$1" -v a="$2" -v r="$3" -v n="$requests" -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
        'BEGIN{printf "%-7s %-4s round %d: %8.0f polls/s  %6.1f us server CPU a poll\n", b, a, r, n/s, t/hz*1e6/n}' \
        | tee -a "$out/summary.txt"
}

: > "$out/summary.txt"
for round in $(seq 1 "$rounds"); do
    for build in before after; do
        ear=$before; [[ $build == after ]] && ear=$after
        EAR="$ear" bash ear/src/payara/payara.sh start >/dev/null
        prepare
        export POLL_TOKENS="$out/tokens"
        POLL_ETAG=0 measure "$build" 200 "$round"
        POLL_ETAG=1 measure "$build" 304 "$round"
    done
done
bash ear/src/payara/payara.sh stop >/dev/null
