#!/usr/bin/env bash
# CPU and SQL statements per booking of two builds of the EAR, side by side in one run. Both builds run at
# once, each on its own Payara Server domain (payara.sh: "bookingcost-before" on $PORT, "bookingcost-after"
# on $PORT+100), on the same MariaDB and Redis, each with a concert of its own (200 dates, 10 000 seats).
# A booking is the journey a fan makes: a queue token, one status poll that finds the fan ACTIVE (it polls
# once more only if the admission timer had not come round yet), the bookable dates, a seat map, a hold of
# a free seat (another after a 409), a charge of the price and the payment (both with an Idempotency-Key).
# Fans arrive at a fixed rate (below saturation), in slices that alternate between the builds (A B A B
# ...), so that whatever else the machine does weighs on both alike. Over each slice only, the CPU of the
# build's JVM, of MariaDB and of Redis is read from /proc (utime + stime), and MariaDB's own counters
# (SHOW GLOBAL STATUS: Questions, so COMMITs and session statements count, and the Com_* by kind) are
# read before and after; each is divided by the bookings the slice completed. The driver's own CPU (this
# script's Python) is in none of them; background timers of both builds are in all of them.
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/booking-cost.sh BEFORE.ear AFTER.ear [slices] [seconds] [rate]
#
# BEFORE_ENV and AFTER_ENV add environment variables to one build's domain (e.g. BEFORE_ENV=JSON_PROVIDER=lookup
# compares a domain setting of payara.sh on one EAR given twice). WARMUP_SECONDS (default 120) warms each build.
# PROFILE=1 also records each build with Java Flight Recorder through the slices (stacks 1 024 deep) and
# prints the server CPU per booking of each request type: the build's median, shared out by the execution
# samples under each resource method.
# DIGESTS=1 also prints where MariaDB's time goes through the slices: each statement shape (performance_schema's
# digests; MariaDB must run with performance_schema=ON) with its calls and its time in the server a booking.
# Both builds share the database, so the table is of both together: give one EAR twice to read one build's.
#
# MariaDB's counters are read with `mysql -uroot` (MYSQL_ROOT="mysql -u... -p..." to change it).
# Prints one line per build and slice and, per build, the median of its slices; the raw output stays in
# load-test/target/booking-cost/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

before="$(realpath "$1")"; after="$(realpath "$2")"; slices="${3:-6}"; seconds="${4:-15}"; rate="${5:-20}"
: "${DB_URL:?set DB_URL}" "${REDIS_URL:?set REDIS_URL}"
command -v python3 >/dev/null || { echo "python3 is missing (it drives the fans)"; exit 1; }
out=load-test/target/booking-cost; mkdir -p "$out"
first_port="${PORT:-27280}"
mysql_root="${MYSQL_ROOT:-mysql -uroot}"
export ADMIN_API_KEY=booking-cost-admin-key QUEUE_TOKEN_SECRET=booking-cost-token-secret-0123456789abcdef
export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=1000000 RATELIMIT_WRITES_PER_USER_PER_MINUTE=100000
export QUEUE_ACTIVE_MAX=5000 QUEUE_ADMIT_PER_SECOND=2000
declare -A port=([before]=$first_port [after]=$((first_port + 100)))
declare -A ear=([before]=$before [after]=$after)
declare -A prefix=([before]="{booking-cost-before}" [after]="{booking-cost-after}")

declare -A extra=([before]="${BEFORE_ENV:-}" [after]="${AFTER_ENV:-}")
if [[ "${PROFILE:-0}" == 1 ]]; then
    export JVM_OPTIONS="-XX:FlightRecorderOptions:stackdepth=1024"
fi

domain() {   # build start|stop
    # shellcheck disable=SC2086 # extra is a list of NAME=value words
    env ${extra[$1]} QUEUE_REDIS_PREFIX="${prefix[$1]}" PAYARA_DOMAIN="bookingcost-$1" PORT="${port[$1]}" \
        ADMIN_PORT=$(( ${port[$1]} - 32 )) EAR="${ear[$1]}" bash ear/src/payara/payara.sh "$2" >/dev/null
}
listener_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
redis_port() { python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port or 6379)' "$REDIS_URL"; }
db_port() { python3 -c 'import re, sys; m = re.search(r"//[^/:]+:(\d+)", sys.argv[1]); print(m.group(1) if m else 3306)' "$DB_URL"; }

cat > "$out/fans.py" <<'PY'
"""Fans arriving at a fixed rate for a number of seconds, each making one booking; prints what happened."""
import http.client, json, random, sys, threading, time, uuid
from concurrent.futures import ThreadPoolExecutor

port, concert, seconds, rate = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
dates = sys.argv[5].split(",")
counts = {"booked": 0, "failed": 0, "polls": 0, "holds": 0}
lock = threading.Lock()

def call(c, method, path, body=None, token=None, key=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if key:
        headers["Idempotency-Key"] = key
    c.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = c.getresponse()
    return r.status, json.loads(r.read() or b"null")

def book(_):
    c = http.client.HTTPConnection("localhost", port, timeout=30)
    user = str(uuid.uuid4())
    try:
        s, issued = call(c, "POST", "/api/queue/tokens", {"userId": user})
        assert s == 201, (s, issued)
        token = issued["token"]
        time.sleep(1.1)   # the admission timer runs each second: one poll then finds the fan ACTIVE
        for _ in range(10):
            s, status = call(c, "GET", "/api/queue/status", token=token)
            with lock:
                counts["polls"] += 1
            if status["status"] == "ACTIVE":
                break
            time.sleep(0.5)
        assert status["status"] == "ACTIVE", status
        s, open_dates = call(c, "GET", f"/api/concerts/{concert}/dates")
        assert s == 200 and open_dates, (s, open_dates)
        for _ in range(5):
            date = random.choice(open_dates)["date"]
            s, seats = call(c, "GET", f"/api/concerts/{concert}/dates/{date}/seats")
            free = [seat["number"] for seat in seats["seats"] if seat["status"] == "AVAILABLE"]
            if not free:
                continue
            s, held = call(c, "POST", "/api/reservations", {"concertId": concert, "date": date, "seatNumber": random.choice(free)},
                           token=token)
            with lock:
                counts["holds"] += 1
            if s == 201:
                break
        assert s == 201, (s, held)
        s, charged = call(c, "POST", f"/api/users/{user}/balance/charges", {"amount": held["price"]}, token=token,
                          key=str(uuid.uuid4()))
        assert s == 200, (s, charged)
        s, paid = call(c, "POST", "/api/payments", {"reservationId": held["reservationId"]}, token=token, key=str(uuid.uuid4()))
        assert s == 201, (s, paid)
        with lock:
            counts["booked"] += 1
    except Exception as failure:
        with lock:
            counts["failed"] += 1
        print("failed:", repr(failure)[:300], file=sys.stderr)
    finally:
        c.close()

with ThreadPoolExecutor(64) as pool:
    start = time.time()
    n = 0
    while time.time() - start < seconds:
        pool.submit(book, n)
        n += 1
        time.sleep(max(0.0, start + n / rate - time.time()))
print(json.dumps(counts))
PY

schedule() {   # build → "concertId dates,..."
    python3 - "${port[$1]}" "$ADMIN_API_KEY" <<'PY'
import datetime, http.client, json, sys
port, key = int(sys.argv[1]), sys.argv[2]
tomorrow = datetime.date.today() + datetime.timedelta(days=1)
body = {"title": "Booking cost", "venue": "Measured", "seatPrice": 150000,
        "dates": [str(tomorrow + datetime.timedelta(days=d)) for d in range(200)]}
c = http.client.HTTPConnection("localhost", port, timeout=60)
c.request("POST", "/api/admin/concerts", json.dumps(body), {"Content-Type": "application/json", "Authorization": "Bearer " + key})
r = c.getresponse(); concert = json.loads(r.read())
assert r.status == 201, (r.status, concert)
print(concert["id"], ",".join(d["date"] for d in concert["dates"]))
PY
}

status() { $mysql_root -N -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions','Com_select','Com_insert','Com_update','Com_commit','Com_set_option')" | tr '\t' '=' | tr '\n' ' '; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

slice() {   # build n
    local server db redis s0 d0 r0 q0 q1 result
    server=$(listener_pid "${port[$1]}"); db=$(listener_pid "$(db_port)"); redis=$(listener_pid "$(redis_port)")
    s0=$(ticks "$server"); d0=$(ticks "$db"); r0=$(ticks "$redis"); q0=$(status)
    result=$(python3 "$out/fans.py" "${port[$1]}" "${concert[$1]}" "$seconds" "$rate" "${dates[$1]}" 2>>"$out/$1-errors.txt")
    python3 - "$1" "$2" "$result" "$(( $(ticks "$server") - s0 ))" "$(( $(ticks "$db") - d0 ))" "$(( $(ticks "$redis") - r0 ))" \
        "$q0" "$(status)" "$(getconf CLK_TCK)" "$seconds" <<'PY' | tee -a "$out/slices.txt"
import json, sys
build, n, result, server, db, redis, q0, q1, hz, seconds = sys.argv[1:]
counts = json.loads(result); booked = max(counts["booked"], 1)
before = dict(kv.split("=") for kv in q0.split()); after = dict(kv.split("=") for kv in q1.split())
delta = {k: (int(after[k]) - int(before[k])) / booked for k in before}
ms = lambda ticks: int(ticks) / int(hz) * 1000 / booked
print(f"{build:<7} slice {n}: {counts['booked'] / float(seconds):5.1f} bookings/s ({counts['booked']} booked, {counts['failed']} failed, "
      f"{counts['polls'] / booked:.2f} polls and {counts['holds'] / booked:.2f} holds a booking) | CPU a booking: server "
      f"{ms(server):5.2f} ms, MariaDB {ms(db):5.2f} ms, Redis {ms(redis):5.2f} ms | SQL a booking: {delta['Questions']:5.1f} "
      f"(select {delta['Com_select']:.1f}, insert {delta['Com_insert']:.1f}, update {delta['Com_update']:.1f}, "
      f"commit {delta['Com_commit']:.1f}, set {delta['Com_set_option']:.1f})")
PY
}

: > "$out/slices.txt"; : > "$out/before-errors.txt"; : > "$out/after-errors.txt"
trap 'domain before stop || true; domain after stop || true' EXIT
declare -A concert dates
for build in before after; do
    domain "$build" start
    read -r concert[$build] dates[$build] < <(schedule "$build")
done
for build in before after; do   # warm-up: the JIT of each build on these very requests
    python3 "$out/fans.py" "${port[$build]}" "${concert[$build]}" "${WARMUP_SECONDS:-120}" "$rate" "${dates[$build]}" \
        >/dev/null 2>>"$out/$build-errors.txt"
done
if [[ "${PROFILE:-0}" == 1 ]]; then
    for build in before after; do
        jcmd "$(listener_pid "${port[$build]}")" JFR.start name=booking-cost settings=profile filename="$(realpath "$out")/$build.jfr" >/dev/null
    done
fi
if [[ "${DIGESTS:-0}" == 1 ]]; then
    [[ "$($mysql_root -N -e 'SELECT @@performance_schema')" == 1 ]] \
        || { echo "DIGESTS=1 needs MariaDB started with performance_schema=ON"; exit 1; }
    $mysql_root -e 'TRUNCATE performance_schema.events_statements_summary_by_digest'
fi
for n in $(seq 1 "$slices"); do
    slice before "$n"
    slice after "$n"
done
if [[ "${PROFILE:-0}" == 1 ]]; then
    for build in before after; do
        jcmd "$(listener_pid "${port[$build]}")" JFR.stop name=booking-cost >/dev/null
        jfr print --events jdk.ExecutionSample --stack-depth 1024 "$out/$build.jfr" > "$out/$build-samples.txt"
    done
fi
echo "--- median of the slices"
python3 - "$out/slices.txt" <<'PY'
import re, statistics, sys, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    build = line.split()[0]
    for name, value in re.findall(r"(server|MariaDB|Redis) +([\d.]+) ms", line):
        rows[build][name].append(float(value))
    rows[build]["SQL"].append(float(re.search(r"SQL a booking: +([\d.]+)", line).group(1)))
    rows[build]["bookings/s"].append(float(line.split(":")[1].split()[0]))
for build in ("before", "after"):
    print(f"{build:<7} " + ", ".join(f"{name} {statistics.median(v):.2f}" + (" ms" if name in ("server", "MariaDB", "Redis") else "")
                                      for name, v in rows[build].items()) + f" (median of {len(rows[build]['SQL'])} slices)")
    with open(sys.argv[1] + "." + build + ".median", "w") as median:
        median.write(str(statistics.median(rows[build]["server"])))
PY
if [[ "${PROFILE:-0}" == 1 ]]; then
    echo "--- server CPU a booking by request type (the median above, shared out by JFR's execution samples)"
    python3 - "$out" <<'PY'
import collections, re, sys
out = sys.argv[1]
kinds = [("token", "QueueResource.enter"), ("status poll", "QueueResource.status"), ("dates", "ConcertResource.dates"),
         ("seat map", "ConcertResource.seats"), ("hold", "ReservationResource.hold"), ("charge", "AccountResource.charge"),
         ("pay", "PaymentResource.pay")]
table = {}
for build in ("before", "after"):
    median = float(open(f"{out}/slices.txt.{build}.median").read())
    counts = collections.Counter(); total = 0
    for event in open(f"{out}/{build}-samples.txt").read().split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        if not frames:
            continue
        total += 1
        methods = {m.group(1) for f in frames for m in [re.match(r"dev\.concert\.web\.api\.(\w+Resource\.\w+)$", f)] if m}
        kind = next((name for name, method in kinds if method in methods), None)
        if kind is None:
            kind = "timers" if any("EJBTimerService" in f or "TimerWrapper" in f for f in frames) else \
                   "HTTP and filters outside a resource" if any(f.startswith("org.glassfish.grizzly") for f in frames) else "the rest"
        counts[kind] += 1
    table[build] = {kind: median * n / total for kind, n in counts.items()}
    table[build]["samples"] = total
for kind in [k for k, _ in kinds] + ["HTTP and filters outside a resource", "timers", "the rest"]:
    print(f"{kind:<36} before {table['before'].get(kind, 0):6.2f} ms   after {table['after'].get(kind, 0):6.2f} ms")
print(f"{'execution samples':<36} before {table['before']['samples']:6d}      after {table['after']['samples']:6d}")
PY
fi
if [[ "${DIGESTS:-0}" == 1 ]]; then
    echo "--- MariaDB's time a booking by statement shape (both builds' slices; timer: latency in the server)"
    $mysql_root -N -e "SELECT COUNT_STAR, SUM_TIMER_WAIT, SUM_LOCK_TIME, SUM_ROWS_EXAMINED, SUM_ROWS_SENT,
            REPLACE(LEFT(DIGEST_TEXT, 150), '\n', ' ') FROM performance_schema.events_statements_summary_by_digest
            ORDER BY SUM_TIMER_WAIT DESC" > "$out/digests.txt"
    python3 - "$out/digests.txt" "$out/slices.txt" <<'PY'
import re, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
booked = sum(int(n) for n in re.findall(r"\((\d+) booked", open(sys.argv[2]).read()))
total = sum(int(r[1]) for r in rows) / 1e9 / booked
print(f"{booked} bookings; statements {sum(int(r[0]) for r in rows) / booked:.1f} and {total:.3f} ms in the server a booking")
print(f"{'calls':>6} {'ms':>7} {'share':>6} {'rows examined/call':>18}  statement")
for r in rows[:25]:
    calls, wait, rows_examined = int(r[0]), int(r[1]), int(r[3])
    print(f"{calls / booked:6.2f} {wait / 1e9 / booked:7.3f} {wait / 1e9 / booked / total:6.1%} {rows_examined / max(calls, 1):18.1f}  {r[5]}")
PY
fi
