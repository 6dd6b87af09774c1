#!/usr/bin/env bash
# The queue store's Sentinel set on this machine, for the tests that kill its primary under the cluster
# (documents/fault-tolerance.md): a primary and two replicas (docker/sentinel/redis.conf) and three
# sentinels (docker/sentinel/sentinel.conf, down-after 1000 ms, quorum 2), each a redis-server process.
#
#   docker/sentinel/local-sentinel.sh start         # prints REDIS_SENTINELS for the application
#   docker/sentinel/local-sentinel.sh master        # host:port of the primary the sentinels name now
#   docker/sentinel/local-sentinel.sh kill-master   # kill -9 of that primary
#   docker/sentinel/local-sentinel.sh stop          # everything stopped, its files removed
#
# SENTINEL_PORT (default 26500): the primary's; replicas +1 +2, sentinels +10 +11 +12. SENTINEL_DIR
# (default /tmp/concert-sentinel) holds data and logs. The master's name is concert-queue.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${SENTINEL_DIR:-/tmp/concert-sentinel}"
port="${SENTINEL_PORT:-26500}"
name=concert-queue
sentinels="127.0.0.1:$((port + 10)),127.0.0.1:$((port + 11)),127.0.0.1:$((port + 12))"

redis() {   # port [options]
    local p=$1; shift
    mkdir -p "$dir/$p"
    cp "$here/redis.conf" "$dir/$p.conf"   # a copy: Sentinel has the server rewrite its file in a failover
    redis-server "$dir/$p.conf" --port "$p" --bind 127.0.0.1 --dir "$dir/$p" --daemonize yes \
        --pidfile "$dir/$p.pid" --logfile "$dir/$p.log" "$@"
}

wait_for() {   # description command...
    local what=$1; shift
    for _ in $(seq 1 100); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    echo "$what: not in time" >&2
    return 1
}

sees_all() {   # a sentinel port: it knows both replicas and the two other sentinels
    [[ "$(redis-cli -p "$1" SENTINEL master "$name" | awk 'prev == "num-slaves" {print} {prev = $0}')" == 2 ]] \
        && [[ "$(redis-cli -p "$1" SENTINEL master "$name" | awk 'prev == "num-other-sentinels" {print} {prev = $0}')" == 2 ]]
}

case "${1:-}" in
start)
    command -v redis-server >/dev/null || { echo "needs redis-server" >&2; exit 1; }
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$dir"
    redis "$port"
    wait_for "the primary" redis-cli -p "$port" ping
    redis $((port + 1)) --replicaof 127.0.0.1 "$port"
    redis $((port + 2)) --replicaof 127.0.0.1 "$port"
    for s in 10 11 12; do
        cp "$here/sentinel.conf" "$dir/sentinel-$s.conf"
        cat >> "$dir/sentinel-$s.conf" <<CONF
port $((port + s))
bind 127.0.0.1
dir $dir
sentinel monitor $name 127.0.0.1 $port 2
sentinel down-after-milliseconds $name 1000
sentinel failover-timeout $name 3000
sentinel parallel-syncs $name 1
CONF
        redis-server "$dir/sentinel-$s.conf" --sentinel --daemonize yes --pidfile "$dir/sentinel-$s.pid" \
            --logfile "$dir/sentinel-$s.log"
    done
    for s in 10 11 12; do
        wait_for "sentinel $((port + s)) seeing both replicas and the other sentinels" sees_all $((port + s))
    done
    echo "$sentinels"
    ;;
master)
    redis-cli -p $((port + 10)) SENTINEL get-master-addr-by-name "$name" | paste -sd:
    ;;
kill-master)
    master="$("$0" master)"
    kill -9 "$(cat "$dir/${master##*:}.pid")"
    rm -f "$dir/${master##*:}.pid"   # a later stop must not kill whatever reuses the number
    echo "$master"
    ;;
stop)
    for pid in "$dir"/*.pid; do
        [[ -f "$pid" ]] && kill -9 "$(cat "$pid")" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
*)
    sed -n '2,13p' "$0" >&2
    exit 2
    ;;
esac
