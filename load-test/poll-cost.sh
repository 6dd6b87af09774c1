#!/usr/bin/env bash
# Server CPU per status poll of two builds of the EAR, side by side in one run. Both builds run at once,
# each on its own Payara Server domain (payara.sh: "pollcost-before" on $PORT, "pollcost-after" on
# $PORT+100), on the same MariaDB and Redis, where 2 000 fans wait in a paused line. After a warm-up
# of each (the JIT), wrk (2 threads, 64 keep-alive connections) polls GET /api/queue/status with a
# random one of the fans' tokens, in short slices that alternate between the builds (A B A B ...), so
# that whatever else the machine does weighs on both alike: first without If-None-Match (200 answers),
# then with each token's ETag (304). A build's CPU is read from /proc (utime + stime of its JVM, GC and
# JIT threads included) over its slice only; wrk's own CPU is not in it.
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/poll-cost.sh BEFORE.ear AFTER.ear [slices] [seconds]
#
# Prints one line per build, answer and slice (polls/s and µs of server CPU a poll) and, per build and
# answer, the median of its slices; the raw output stays in load-test/target/poll-cost/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

before="$(realpath "$1")"; after="$(realpath "$2")"; slices="${3:-6}"; seconds="${4:-15}"
: "${DB_URL:?set DB_URL}" "${REDIS_URL:?set REDIS_URL}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing (it prepares the waiting fans)"; exit 1; }
out=load-test/target/poll-cost; mkdir -p "$out"
first_port="${PORT:-27180}"
export ADMIN_API_KEY=poll-cost-admin-key QUEUE_TOKEN_SECRET=poll-cost-token-secret-0123456789abcdef
export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=1000000 QUEUE_REDIS_PREFIX="{poll-cost}"
declare -A port=([before]=$first_port [after]=$((first_port + 100)))
declare -A ear=([before]=$before [after]=$after)

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

domain() {   # build start|stop
    PAYARA_DOMAIN="pollcost-$1" PORT="${port[$1]}" ADMIN_PORT=$(( ${port[$1]} - 32 )) EAR="${ear[$1]}" \
        bash ear/src/payara/payara.sh "$2" >/dev/null
}
server_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

prepare() {   # 2 000 waiting fans and their ETags, through the first build: the line is in Redis, for both
    redis-cli -u "$REDIS_URL" --scan --pattern '{poll-cost}*' | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
    curl -s -X PUT "http://localhost:${port[before]}/api/admin/queue/settings" -H "Authorization: Bearer $ADMIN_API_KEY" \
        -H "Content-Type: application/json" -d '{"paused":true}' >/dev/null
    python3 - "${port[before]}" 2000 > "$out/tokens" <<'PY'
import http.client, json, sys, uuid
from concurrent.futures import ThreadPoolExecutor
port, count = int(sys.argv[1]), int(sys.argv[2])
def fan(_):
    c = http.client.HTTPConnection("localhost", port, timeout=30)
    c.request("POST", "/api/queue/tokens", json.dumps({"userId": str(uuid.uuid4())}), {"Content-Type": "application/json"})
    token = json.loads(c.getresponse().read())["token"]
    c.request("GET", "/api/queue/status", headers={"Authorization": "Bearer " + token})
    r = c.getresponse(); r.read(); c.close()
    return token + " " + r.getheader("ETag")
with ThreadPoolExecutor(8) as pool:
    print("\n".join(pool.map(fan, range(count))))
PY
    [[ $(grep -c '^[^ ]\+ "' "$out/tokens") -eq 2000 ]] || { echo "could not prepare 2000 waiting fans with ETags"; exit 1; }
}

slice() {   # build answer n
    local pid ticks_before ticks_after requests
    pid=$(server_pid "${port[$1]}")
    ticks_before=$(cpu_ticks "$pid")
    requests=$(wrk -t2 -c64 -d"${seconds}s" -s "$out/poll.lua" "http://localhost:${port[$1]}" | tee "$out/$1-$2-$3.txt" \
        | awk '/requests in/{print $1}')
    ticks_after=$(cpu_ticks "$pid")
    awk -v b="$1" -v a="$2" -v n="$3" -v r="$requests" -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
        -v s="$seconds" 'BEGIN{printf "%-7s %s slice %d: %7.0f polls/s %7.1f us server CPU a poll\n", b, a, n, r/s, t/hz*1e6/r}' \
        | tee -a "$out/slices.txt"
}

: > "$out/slices.txt"
trap 'domain before stop || true; domain after stop || true' EXIT
domain before start
domain after start
prepare
export POLL_TOKENS="$out/tokens"
for answer in 200 304; do
    export POLL_ETAG=$([[ $answer == 304 ]] && echo 1 || echo 0)
    for build in before after; do   # warm-up: the JIT of each build on this very request
        wrk -t2 -c64 -d30s -s "$out/poll.lua" "http://localhost:${port[$build]}" >/dev/null
    done
    for n in $(seq 1 "$slices"); do
        slice before "$answer" "$n"
        slice after "$answer" "$n"
    done
done
echo "--- median of the slices"
python3 - "$out/slices.txt" <<'PY'
import sys, statistics, collections
slices = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    slices[(f[0], f[1])].append(float(f[6]))
for (build, answer), values in sorted(slices.items(), key=lambda kv: (kv[0][1], kv[0][0] != "before")):
    print(f"{build:<7} {answer}: {statistics.median(values):7.1f} us server CPU a poll (median of {len(values)}; "
          f"{min(values):.1f} to {max(values):.1f})")
for answer in sorted({a for _, a in slices}):
    b, a = statistics.median(slices[("before", answer)]), statistics.median(slices[("after", answer)])
    print(f"after - before, {answer}: {a - b:+.1f} us a poll")
PY
