#!/usr/bin/env bash
# Server CPU per status poll of two builds of the EAR, side by side in one run. Both builds run at once,
# each on its own Payara Server domain (payara.sh: "pollcost-before" on $PORT, "pollcost-after" on
# $PORT+100), on the same MariaDB and Redis, where 2 000 fans wait in a paused line. After a warm-up
# of each (the JIT), wrk (2 threads, 64 keep-alive connections) polls GET /api/queue/status with a
# random one of the fans' tokens, in short slices that alternate between the builds (A B A B ...), so
# that whatever else the machine does weighs on both alike: first without If-None-Match (200 answers),
# then with each token's ETag (304). A build's CPU is read from /proc (utime + stime of its JVM, GC and
# JIT threads included) over its slice only; wrk's own CPU is not in it. Over the same slice, Redis's
# CPU (its process, when it runs on this machine) and the commands it ran (INFO commandstats: the
# scripts called, EVALSHA, and every command, those inside scripts included) are divided by the polls
# too; both builds' timers (admission, the line's reads, heartbeats) run throughout and count in them.
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/poll-cost.sh BEFORE.ear AFTER.ear [slices] [seconds]
#
# Prints one line per build, answer and slice (polls/s, µs of server CPU a poll, µs of Redis CPU a poll,
# scripts and commands a poll) and, per build and answer, the medians of its slices; the raw output stays
# in load-test/target/poll-cost/.
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

source load-test/lib/waiting-fans.sh
poll_script "$out/poll.lua"

domain() {   # build start|stop
    PAYARA_DOMAIN="pollcost-$1" PORT="${port[$1]}" ADMIN_PORT=$(( ${port[$1]} - 32 )) EAR="${ear[$1]}" \
        bash ear/src/payara/payara.sh "$2" >/dev/null
}
server_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
redis_port="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 6379)' "$REDIS_URL")"
redis_pid="$(server_pid "$redis_port" || true)"
redis_ticks() { if [[ -n "$redis_pid" ]]; then cpu_ticks "$redis_pid"; else echo 0; fi; }
redis_calls() {   # scripts called (EVALSHA) and all commands run, scripts' own included
    redis-cli -u "$REDIS_URL" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_/{all += $3} /^cmdstat_evalsha:/{s = $3}
        END {print s + 0, all + 0}'
}

slice() {   # build answer n
    local pid ticks_before ticks_after requests redis_before redis_after calls_before calls_after
    pid=$(server_pid "${port[$1]}")
    ticks_before=$(cpu_ticks "$pid"); redis_before=$(redis_ticks); calls_before=$(redis_calls)
    requests=$(wrk -t2 -c64 -d"${seconds}s" -s "$out/poll.lua" "http://localhost:${port[$1]}" | tee "$out/$1-$2-$3.txt" \
        | awk '/requests in/{print $1}')
    ticks_after=$(cpu_ticks "$pid"); redis_after=$(redis_ticks); calls_after=$(redis_calls)
    awk -v b="$1" -v a="$2" -v n="$3" -v r="$requests" -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
        -v rt=$((redis_after - redis_before)) -v c0="$calls_before" -v c1="$calls_after" -v s="$seconds" \
        'BEGIN{split(c0, x, " "); split(c1, y, " ");
        printf "%-7s %s slice %d: %7.0f polls/s %7.1f us server CPU a poll %6.1f us Redis CPU a poll %6.3f scripts a poll %6.3f commands a poll\n",
        b, a, n, r/s, t/hz*1e6/r, rt/hz*1e6/r, (y[1]-x[1])/r, (y[2]-x[2])/r}' \
        | tee -a "$out/slices.txt"
}

: > "$out/slices.txt"
trap 'domain before stop || true; domain after stop || true' EXIT
domain before start
domain after start
# through the second build: the line is in Redis, for both, and a newer build's scripts may keep more of it
# than an older one's (the bits each instance's view of the line reads: fans issued by a build without them
# are never in the view, and every poll of theirs would go to Redis)
waiting_fans "${port[after]}" "$out/tokens"
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
    slices[(f[0], f[1])].append((float(f[4]), float(f[6]), float(f[12]), float(f[18]), float(f[22])))
for (build, answer), values in sorted(slices.items(), key=lambda kv: (kv[0][1], kv[0][0] != "before")):
    med = [statistics.median(v[i] for v in values) for i in range(5)]
    cpu = [v[1] for v in values]
    print(f"{build:<7} {answer}: {med[0]:7.0f} polls/s, {med[1]:7.1f} us server CPU a poll ({min(cpu):.1f} to {max(cpu):.1f}), "
          f"{med[2]:5.1f} us Redis CPU, {med[3]:.3f} scripts, {med[4]:.3f} Redis commands a poll (medians of {len(values)})")
for answer in sorted({a for _, a in slices}):
    b = statistics.median(v[1] for v in slices[("before", answer)])
    a = statistics.median(v[1] for v in slices[("after", answer)])
    print(f"after - before, {answer}: {a - b:+.1f} us server CPU a poll")
PY
