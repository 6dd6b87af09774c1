#!/usr/bin/env bash
# Where a status poll's server CPU goes: one build of the EAR on a Payara Server domain of its own, 2 000
# fans waiting in a paused line (as poll-cost.sh prepares them), wrk (2 threads, 64 keep-alive connections)
# polling with a random token, and Java Flight Recorder (settings=profile) over the measured part. Prints,
# of all execution samples, the share in which each part of the request's path is on the stack (a part
# counts once per sample, so shares overlap: a filter's share includes what it calls) and the share of
# samples whose top frame is in each group of packages (where the CPU is actually spent).
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/poll-profile.sh BUILD.ear [200|304] [seconds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ear="$(realpath "$1")"; answer="${2:-200}"; seconds="${3:-40}"
: "${DB_URL:?set DB_URL}" "${REDIS_URL:?set REDIS_URL}"
out=load-test/target/poll-profile; mkdir -p "$out"
source load-test/lib/waiting-fans.sh
port="${PORT:-27380}"
export ADMIN_API_KEY=poll-cost-admin-key QUEUE_TOKEN_SECRET=poll-cost-token-secret-0123456789abcdef
export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=1000000 QUEUE_REDIS_PREFIX="{poll-profile}"
domain() { PAYARA_DOMAIN=pollprofile PORT=$port ADMIN_PORT=$((port - 32)) EAR="$ear" bash ear/src/payara/payara.sh "$1" >/dev/null; }
trap 'domain stop || true' EXIT
domain start
pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)

waiting_fans "$port" "$out/tokens"
poll_script "$out/poll.lua"
export POLL_TOKENS="$out/tokens" POLL_ETAG=$([[ $answer == 304 ]] && echo 1 || echo 0)
wrk -t2 -c64 -d30s -s "$out/poll.lua" "http://localhost:$port" >/dev/null   # warm-up: the JIT
jcmd "$pid" JFR.start name=poll settings=profile filename="$(realpath "$out")/poll-$answer.jfr" >/dev/null
wrk -t2 -c64 -d"${seconds}s" -s "$out/poll.lua" "http://localhost:$port" | tee "$out/wrk-$answer.txt" | grep -E "Requests/sec|Non-2xx" || true
jcmd "$pid" JFR.stop name=poll >/dev/null
jfr print --events jdk.ExecutionSample --stack-depth 200 "$out/poll-$answer.jfr" > "$out/samples-$answer.txt"
python3 - "$out/samples-$answer.txt" <<'PY'
import re, sys, collections
samples, stack = [], []
for line in open(sys.argv[1]):
    m = re.match(r"\s+([\w$.<>]+)\(", line)
    if m:
        stack.append(m.group(1))
    elif line.startswith("jdk.ExecutionSample") and stack:
        samples.append(stack); stack = []
if stack:
    samples.append(stack)
requests = [s for s in samples if any("HttpHandler.doHandle" in f or "ContainerMapper.service" in f for f in s)]
parts = [   # (name, a pattern of the frame that makes the part)
    ("the whole request (Grizzly, Catalina, Jersey, the application)", r"ContainerMapper\.service"),
    ("servlet filters of the web module (request ids, security headers, CORS, the access log)", r"dev\.concert\.web\.(observe\.RequestIds|security\.SecurityHeaders|security\.Cors)\.doFilter"),
    ("Jersey: request to resource and back", r"org\.glassfish\.jersey\.server\.ServerRuntime\$2\.run"),
    ("the token filter", r"dev\.concert\.web\.security\..*Token.*Filter\.filter"),
    ("QueueService.status (FT interceptors included)", r"QueueService.*\.status"),
    ("MicroProfile Fault Tolerance (circuit breaker, bulkhead)", r"fish\.payara\.microprofile\.faulttolerance"),
    ("Weld interceptors and proxies", r"org\.jboss\.weld\.(bean\.proxy|interceptor)"),
    ("the line's view (LineView.waiting)", r"LineView\.waiting"),
    ("the queue store (Redis)", r"RedisQueueStore\."),
    ("the resource method (QueueResource)", r"dev\.concert\.web\.api\.QueueResource\."),
    ("JSON-B writing the answer", r"org\.eclipse\.yasson"),
    ("metrics and access log (AccessLog, SaleMetrics, EndpointNames)", r"dev\.concert\.web\.observe\.|SaleMetrics"),
    ("exception mappers", r"ExceptionMapper"),
    ("response writing and flushing (Grizzly output)", r"org\.glassfish\.grizzly\.http\.io\.OutputBuffer|OutputBuffer\.flush"),
    ("SHA-256 of the token", r"sun\.security\.provider\.(SHA|Digest)"),
]
total = len(samples)
print(f"{total} samples, {len(requests)} of them in a request ({100*len(requests)/max(total,1):.0f} %)")
for name, pattern in parts:
    rx = re.compile(pattern)
    n = sum(1 for s in samples if any(rx.search(f) for f in s))
    print(f"{100*n/max(total,1):5.1f} %  {name}")
groups = [("Grizzly (HTTP, NIO)", r"^org\.glassfish\.grizzly"), ("Catalina / Payara web container", r"^(org\.apache\.catalina|org\.apache\.tomcat|com\.sun\.enterprise|org\.glassfish\.web)"),
          ("Jersey and HK2", r"^(org\.glassfish\.jersey|org\.glassfish\.hk2|org\.jvnet\.hk2)"), ("Weld", r"^org\.jboss\.weld"),
          ("Payara MicroProfile (FT, metrics, config)", r"^fish\.payara"), ("Yasson (JSON-B)", r"^org\.eclipse\.yasson"),
          ("the application", r"^dev\.concert"), ("JDK: collections, strings, reflection", r"^(java\.|jdk\.internal\.reflect|jdk\.internal\.misc)"),
          ("JDK: sockets and NIO", r"^(sun\.nio|sun\.net|java\.nio)"), ("JDK: security, crypto", r"^(sun\.security|com\.sun\.crypto)")]
top = collections.Counter()
for s in samples:
    for name, pattern in groups:
        if re.search(pattern, s[0]):
            top[name] += 1; break
    else:
        top["other: " + ".".join(s[0].split(".")[:3])] += 1
print("--- top frame (self time)")
for name, n in top.most_common(14):
    print(f"{100*n/max(total,1):5.1f} %  {name}")
PY
