#!/usr/bin/env bash
# A line of N fans through the real API on one instance, and what it costs at that depth. Fills a paused
# line with N new fans (wrk, 2 threads, 64 connections, lib/fill.lua: POST /api/queue/tokens, a new user
# each; every answer must be 201 and the positions one run of N places), then measures: how long the N took to enter, Redis memory per waiting fan,
# status polls from the back of the line (wrk, 2 threads, 64 connections, the last 2,000 fans' tokens:
# polls/s, p99, server CPU a poll), GET /api/admin/queue's time, the admission pass's time while it admits
# (the instance's concert_queue_admission_last_pass_seconds, sampled once a second for 10 s at
# admitPerSecond 100) and the server's resident memory; and Redis's commands (INFO commandstats: every
# command, those run inside scripts included) a second with nobody polling and during the polls, and per
# poll: give REDIS_URL a Redis of its own for these to be this instance's only. Fails when a check fails (a
# refused fan, the line's count off by one, a poll not 200).
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/line-at-depth.sh [fans]
#       starts a Payara Server domain of its own (lineatdepth, port 27480) on the built EAR
#   BASE_URL=http://... ADMIN_API_KEY=... QUEUE_REDIS_PREFIX=... REDIS_URL=... load-test/line-at-depth.sh [fans]
#       uses an instance already running (smoke.sh does, with 50,000 fans)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fans="${1:-1000000}"
: "${REDIS_URL:?set REDIS_URL}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
out=load-test/target/line-at-depth; mkdir -p "$out"
source load-test/lib/waiting-fans.sh
redis() { redis-cli -u "$REDIS_URL" "$@"; }

if [[ -z "${BASE_URL:-}" ]]; then
    : "${DB_URL:?set DB_URL}"
    port="${PORT:-27480}"
    export ADMIN_API_KEY=line-at-depth-admin-key QUEUE_TOKEN_SECRET=line-at-depth-secret-0123456789abcdef
    export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=100000000 QUEUE_REDIS_PREFIX="{line-at-depth}"
    # the driver issues tokens but polls only the back of the line: nobody may idle out while the line fills
    export QUEUE_WAITING_IDLE_SECONDS=7200 QUEUE_ACTIVE_MAX=100000 DEMO_DATA=false
    domain() { PAYARA_DOMAIN=lineatdepth PORT=$port ADMIN_PORT=$((port - 32)) bash ear/src/payara/payara.sh "$1" >/dev/null; }
    trap 'domain stop || true; redis --scan --pattern "$QUEUE_REDIS_PREFIX*" | xargs -r -n 1000 redis-cli -u "$REDIS_URL" del >/dev/null' EXIT
    redis --scan --pattern "$QUEUE_REDIS_PREFIX*" | xargs -r -n 1000 redis-cli -u "$REDIS_URL" del >/dev/null
    domain start
    BASE_URL="http://localhost:$port"
fi
: "${ADMIN_API_KEY:?}" "${QUEUE_REDIS_PREFIX:?}"
port="${BASE_URL##*:}"; port="${port%%/*}"
pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
admin() { curl -sf -H "Authorization: Bearer $ADMIN_API_KEY" -H "Content-Type: application/json" "$@"; }
settings() { admin -X PUT "$BASE_URL/api/admin/queue/settings" -d "$1" >/dev/null; }
waiting() { admin "$BASE_URL/api/admin/queue" | python3 -c 'import json,sys; print(json.load(sys.stdin)["waiting"])'; }
memory() { redis info memory | tr -d '\r' | awk -F: '/^used_memory:/{print $2}'; }
commands() { redis info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_/ {n += $3} END {print n + 0}'; }
evalshas() { redis info commandstats | tr -d '\r' | awk -F'[:=,]' '$1 == "cmdstat_evalsha" {n = $3} END {print n + 0}'; }
gauge() { curl -s "$BASE_URL/metrics" | awk -v n="$1" 'index($1, n) == 1 && substr($1, length(n) + 1, 1) ~ /^(\{|)$/ {print $2}'; }

settings '{"paused":true}'
waiting_before=$(waiting); memory_before=$(memory)
rm -f "$out"/fill.*
started=$(date +%s.%N)
FILL_TARGET=$((waiting_before + fans)) FILL_OUT="$out/fill" wrk -t2 -c64 -d3600s --timeout 60s --latency -s load-test/lib/fill.lua "$BASE_URL" > "$out/fill.txt" &
filling=$!
# wrk's threads stop sending fans once they see the target; wrk itself runs for its whole -d unless stopped
while kill -0 "$filling" 2>/dev/null && [[ $(waiting) -lt $((waiting_before + fans)) ]]; do sleep 1; done
sleep 3; kill -INT "$filling" 2>/dev/null || true; wait "$filling" || true
entered=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e - s}')
sort -k2,2n "$out"/fill.[0-9]* > "$out/answers"
waiting_after=$(waiting); memory_after=$(memory)
grew=$((waiting_after - waiting_before))
enter_ok=0
python3 - "$out/answers" "$fans" "$waiting_before" "$grew" "$out/back-tokens" > "$out/enter.txt" <<'PY' || enter_ok=1
# every answer a 201, no two fans given one place, every place within the line's growth, at least the fans
# asked for; places whose answer wrk did not report (a connection it dropped) are counted, at most 64
import sys
answers, fans, before, grew, back = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
statuses, positions, tokens = {}, [], []
for line in open(answers):
    status, position, token = line.split()
    statuses[status] = statuses.get(status, 0) + 1
    if status == "201":
        positions.append(int(position)); tokens.append(token)
distinct = len(set(positions)) == len(positions)
within = all(before < p <= before + grew for p in positions)
unreported = grew - len(positions)
with open(back, "w") as out:
    out.write("\n".join(tokens[-2000:]) + "\n")
print(f"answers {sum(statuses.values())}: {statuses}; line grew by {grew}; positions {'distinct' if distinct else 'REPEATED'}, "
      f"{'all' if within else 'NOT all'} within it; {unreported} places given whose answer wrk did not report")
sys.exit(0 if distinct and within and set(statuses) == {"201"} and grew >= fans and 0 <= unreported <= 64 else 1)
PY
cat "$out/enter.txt"
[[ $enter_ok -eq 0 ]] || { echo "[line at depth] FAILED: not every fan got the next place"; exit 1; }

# polls from the back of the line
poll_script "$out/poll.lua"
export POLL_TOKENS="$out/back-tokens" POLL_ETAG=0
wrk -t2 -c64 -d10s -s "$out/poll.lua" "$BASE_URL" >/dev/null   # warm-up
idle_commands=$(commands); sleep 10; idle_commands=$(( $(commands) - idle_commands ))   # the timers' own, nobody polling
ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat"); poll_commands=$(commands); poll_scripts=$(evalshas)
wrk -t2 -c64 -d20s --latency -s "$out/poll.lua" "$BASE_URL" > "$out/polls.txt"
ticks=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - ticks ))
poll_commands=$(( $(commands) - poll_commands )); poll_scripts=$(( $(evalshas) - poll_scripts ))
! grep -q "Non-2xx" "$out/polls.txt" || { echo "[line at depth] FAILED: polls not answered 200:"; cat "$out/polls.txt"; exit 1; }
polls=$(awk '/requests in/{print $1}' "$out/polls.txt")
p99=$(awk '$1 == "99%" {print $2}' "$out/polls.txt")

# the operators' view of the line
admin_times=$(for i in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $ADMIN_API_KEY" \
    "$BASE_URL/api/admin/queue"; done | sort -n | awk '{t[NR]=$1} END {printf "median %.1f ms, max %.1f ms", t[int((NR+1)/2)]*1000, t[NR]*1000}')

# admission passes while they admit, at this depth
settings '{"paused":false,"admitPerSecond":100}'
passes=$(for i in $(seq 1 10); do sleep 1; gauge concert_queue_admission_last_pass_seconds; done | sort -g \
    | awk '{t[NR]=$1} END {printf "median %.1f ms, max %.1f ms", t[int((NR+1)/2)]*1000, t[NR]*1000}')
settings '{"paused":true}'

rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$pid/status")
printf '[line at depth] %s fans entered in %s s (%.0f a second; request p50 %s, p99 %s)\n' "$grew" "$entered" \
    "$(awk -v n="$grew" -v s="$entered" 'BEGIN{print n/s}')" "$(awk '$1 == "50%" {print $2}' "$out/fill.txt")" \
    "$(awk '$1 == "99%" {print $2}' "$out/fill.txt")"
printf '[line at depth] Redis memory: %.0f bytes a waiting fan (%.0f MB for the %s)\n' \
    "$(( (memory_after - memory_before) / grew ))" "$(( (memory_after - memory_before) / 1000000 ))" "$grew"
printf '[line at depth] polls from the back (the last 2,000 fans): %.0f a second, p99 %s, %.0f us of server CPU a poll\n' \
    "$(awk -v p="$polls" 'BEGIN{print p/20}')" "$p99" "$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v p="$polls" 'BEGIN{print t/hz*1e6/p}')"
printf '[line at depth] Redis commands: %.0f a second with nobody polling, %.0f a second during the polls; %.3f a poll, %.4f scripts (EVALSHA) a poll (all of the phase'"'"'s, timers included)\n' \
    "$(awk -v c="$idle_commands" 'BEGIN{print c/10}')" "$(awk -v c="$poll_commands" 'BEGIN{print c/20}')" \
    "$(awk -v c="$poll_commands" -v p="$polls" 'BEGIN{print c/p}')" "$(awk -v c="$poll_scripts" -v p="$polls" 'BEGIN{print c/p}')"
printf '[line at depth] GET /api/admin/queue: %s; admission pass admitting 100 a second: %s; server RSS %s MiB\n' \
    "$admin_times" "$passes" "$rss"
