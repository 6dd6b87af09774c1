#!/usr/bin/env bash
# Live status streams at scale on one instance: N streams of one channel (sse: GET /api/queue/events, or ws:
# /api/queue/ws), a share of them stalled readers, i.e. clients that send their request and then never read
# (a phone asleep, a proxy that stopped draining). Driver: lib/StreamCrowd.java (JDK 17, no dependencies).
#
#   1. admission paused; N tokens issued (16 at a time), so N fans wait at places 1..N; the server idles 10 s
#   2. the streams opened in waves of 500: the healthy ones on one JDK HttpClient (a line subscriber, or the
#      JDK WebSocket: no thread a stream), every 1/share-th fan a raw socket with a 4 KB receive buffer that
#      sends the request (the SSE GET, or the WebSocket upgrade) and never reads
#   3. moving phase (MOVING seconds): 2 fans admitted a second from the head, so every waiting fan's place
#      changes each second and every stream is sent about a message a second, which fills the stalled readers'
#      buffers. Each second: the server's threads, RSS, CPU (/proc) and its stream gauges (GET /metrics:
#      concert_queue_streams by channel, concert_queue_stream_tick_seconds where the build has it); every 15 s
#      a thread dump (jcmd Thread.print) counting threads parked or waiting inside a socket write, with the top
#      frames of the first one seen, and how many stalled readers the server still holds (ss: its side of their
#      connections ESTABLISHED) with the bytes the kernel queues toward each
#   4. open phase: everybody admitted at once (admitPerSecond 100000, the most the API takes); per healthy
#      stream the time from the admission pass (activeUntil − queue.active.ttl-seconds: Redis's clock, which is
#      this machine's) to ACTIVE in the client's hands
#
# How to read the report (printed, and appended to load-test/target/streams-at-scale/<channel>.txt; the run's
# whole output in <channel>.log):
#   opened              time until every healthy stream had its first status; first status p50/p99 per stream
#                       from its request (a WebSocket's includes the handshake)
#   server RSS          before and after opening; the heap is committed early, so RSS understates a stream's
#                       cost (documents/streaming.md measured the live heap: 31-50 KB a stream)
#   server CPU          the Payara JVM's CPU in the moving phase, in ms a second, and per 1,000 streams (all N,
#                       stalled ones included); the idle figure is the same server before any stream opened. The
#                       domain is freshly started, so the first tens of seconds include the JIT's warm-up: compare
#                       builds by "its last half"
#   messages a second   per healthy stream in the moving phase: about 1 when the fan-out keeps up (its tick
#                       is every second plus its own duration); less when the phase admits a large share of a
#                       small crowd (an admitted fan's place no longer changes)
#   threads / blocked   threads before and during; threads blocked in a socket write should stay 0: a stalled
#                       reader must cost a pending write, not a thread. A count that grows with the stalled
#                       readers is the writer pool being eaten by them
#   stalled readers     still open on the server at the end of the moving phase, and what the kernel holds toward
#                       each (ss -m): the server gives one up when a write to it has been pending 30 s, and a write
#                       is done, not pending, as long as the kernel takes it: the reader's receive buffer (4 KB
#                       asked, ~5.5 KB held) and the server's send buffer ("its buffer", autotuned: ~3.8 MB on
#                       loopback here) must fill first, at ~200 bytes a second. So with SSE none is given up in a
#                       moving phase of minutes; the figure to watch is the bytes queued, i.e. kernel memory. A
#                       WebSocket that goes quiet (its fan admitted: no more news) gets a ping after 10 s, and a
#                       stalled reader never answers it, so it is given up 30 s later: with ws, "stalled_total"
#                       grows by the stalled fans admitted in the moving phase (one every 5 s at 10 %)
#   dropped             healthy streams the server ended: must be 0 (the script then fails)
#   admission → ACTIVE  p50/p99/max over the healthy streams admitted by the one big pass; "never ACTIVE within
#                       30 s" must be 0
#
#   DB_URL=... DB_USER=... DB_PASSWORD=... REDIS_URL=... load-test/streams-at-scale.sh sse|ws [streams] [stalled %] [moving s]
#       defaults 10000 streams, 10 % stalled, 120 s. Starts a Payara Server domain of its own (streamsatscale, HTTP
#       PORT, default 28080, admin PORT-32) on EAR_DIR's built EAR and Payara (EAR_DIR: default this checkout;
#       point it at another checkout to measure that build), its waiting room under {streams-at-scale} in
#       REDIS_URL's Redis, emptied before and after. The server gets HEAP, default 2g (payara.sh's domain has
#       512 MB; 10,000 streams hold 300-500 MB of live heap, streaming.md; with 512 MB a run of 10,000 SSE
#       streams ran out of heap). JVM_OPTIONS, if set, is passed on.
#       SEND_BUFFER_MAX=16384 caps every TCP socket's send buffer on this machine for the run (net.ipv4.tcp_wmem,
#       restored on exit; root only), so that a stalled reader's pipe fills within minutes as behind a slow link,
#       instead of the hours it takes on loopback, where the kernel grows the buffer to ~4 MB. Payara's own
#       setting for it (the tcp transport's socket-write-buffer-size) did not change the buffer here.
#   BASE_URL=http://localhost:PORT ADMIN_API_KEY=... load-test/streams-at-scale.sh sse ...
#       uses an instance already running (its RATELIMIT_STREAMS_PER_CLIENT, RATELIMIT_TOKEN_ISSUE_PER_MINUTE and
#       QUEUE_ACTIVE_MAX must allow the crowd); the tool deletes its tokens and restores the admission settings.
#       The server's figures (/proc, jcmd, ss) need it on this machine: its pid is the listener's on the port (or PID).
# Needs about N + 500 file descriptors for the server and for the driver: the script raises its own limit to the
# hard one (ulimit -n).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
channel="${1:?usage: streams-at-scale.sh sse|ws [streams] [stalled percent] [moving seconds]}"
streams="${2:-10000}" stalled="${3:-10}" moving="${4:-120}"
[[ "$channel" == sse || "$channel" == ws ]] || { echo "channel: sse or ws"; exit 2; }
EAR_DIR="$(cd "${EAR_DIR:-.}" && pwd)"
out=load-test/target/streams-at-scale; mkdir -p "$out"
source load-test/lib/domain.sh
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > streams + 1000 )) || echo "[streams at scale] warning: ulimit -n $(ulimit -n) is tight for $streams streams"

if [[ -n "${SEND_BUFFER_MAX:-}" ]]; then
    wmem_before="$(sysctl -n net.ipv4.tcp_wmem)"
    sysctl -q -w net.ipv4.tcp_wmem="4096 $(( SEND_BUFFER_MAX < 16384 ? SEND_BUFFER_MAX : 16384 )) $SEND_BUFFER_MAX" \
        || { echo "SEND_BUFFER_MAX needs root (sysctl net.ipv4.tcp_wmem)"; exit 1; }
    echo "[streams at scale] TCP send buffers capped at $SEND_BUFFER_MAX bytes for this run (were: $wmem_before)"
    trap 'sysctl -q -w net.ipv4.tcp_wmem="$wmem_before"' EXIT
fi

delete_tokens=true
if [[ -z "${BASE_URL:-}" ]]; then
    : "${DB_URL:?set DB_URL}" "${REDIS_URL:?set REDIS_URL}"
    port="${PORT:-28080}"
    export DB_URL DB_USER DB_PASSWORD REDIS_URL
    export ADMIN_API_KEY=streams-at-scale-admin-key QUEUE_TOKEN_SECRET=streams-at-scale-secret-0123456789abcdef
    export QUEUE_REDIS_PREFIX="{streams-at-scale}" DEMO_DATA=false
    export RATELIMIT_TOKEN_ISSUE_PER_MINUTE=100000000 RATELIMIT_STREAMS_PER_CLIENT=1000000
    # every fan waits the whole run without polling: nobody may idle out; everybody may be admitted at once
    export QUEUE_WAITING_IDLE_SECONDS=7200 QUEUE_ACTIVE_MAX=1000000
    export HEAP="${HEAP:-2g}"
    trap 'own_domain_stop streamsatscale "$port" "$EAR_DIR" || true; clean_prefix "$QUEUE_REDIS_PREFIX"
          [[ -z "${wmem_before:-}" ]] || sysctl -q -w net.ipv4.tcp_wmem="$wmem_before"' EXIT
    clean_prefix "$QUEUE_REDIS_PREFIX"
    echo "[streams at scale] starting domain streamsatscale on port $port with $EAR_DIR/ear/target/concert.ear"
    own_domain_start streamsatscale "$port" "$EAR_DIR"
    BASE_URL="http://localhost:$port"
    delete_tokens=false   # the prefix is emptied on exit
fi
: "${ADMIN_API_KEY:?}"
port="${BASE_URL##*:}"; port="${port%%/*}"
case "$BASE_URL" in http://localhost:*|http://127.0.0.1:*) pid="${PID:-$(server_pid "$port")}" ;; *) pid=0 ;; esac

if [[ "$delete_tokens" == false ]]; then   # a domain of our own: which build
    build="EAR_DIR $EAR_DIR: $(git -C "$EAR_DIR" log -1 --format='%h %<(60,trunc)%s' 2>/dev/null || echo 'not a git checkout')"
    [[ -z "$(git -C "$EAR_DIR" status --porcelain --untracked-files=no 2>/dev/null)" ]] || build="$build, with uncommitted changes"
    build="$build; EAR built $(date -r "$EAR_DIR/ear/target/concert.ear" '+%F %T'); heap $HEAP${JVM_OPTIONS:+; JVM_OPTIONS $JVM_OPTIONS}${SEND_BUFFER_MAX:+; TCP send buffers at most $SEND_BUFFER_MAX B}"
else
    build="an instance already running"
fi
set +e
java -Dhz="$(getconf CLK_TCK)" -DdeleteTokens="$delete_tokens" load-test/lib/StreamCrowd.java \
    "$BASE_URL" "${pid:-0}" "$channel" "$streams" "$stalled" "$moving" 2>&1 | tee "$out/$channel.log"
status=${PIPESTATUS[0]}
set -e
if grep -q '^---- report$' "$out/$channel.log"; then
    { echo "== $(date -Is) $BASE_URL, $build"
      sed -n '/^---- report$/,/^---- end of report$/p' "$out/$channel.log" | grep -v '^---- '; } >> "$out/$channel.txt"
fi
if [[ $status -eq 1 ]]; then
    echo "[streams at scale] FAILED: a healthy stream failed to open, was dropped by the server or never saw ACTIVE (see above)"
    exit 1
elif [[ $status -ne 0 ]]; then
    echo "[streams at scale] FAILED: the driver stopped (exit $status, see above)"
    exit 1
fi
echo "[streams at scale] report appended to $out/$channel.txt"
