#!/usr/bin/env bash
# Runs the concert EAR on Payara Server 6 (full profile): a domain of its own, created on first use.
#
#   payara.sh start    (re)start the domain with this shell's environment, deploy the EAR, wait until ready
#   payara.sh stop     stop the domain
#   payara.sh status   say whether it runs
#
# Environment: PORT (HTTP, default 8080), ADMIN_PORT (admin console, default 4848) or PORTBASE (every
# port from this base: HTTP = PORTBASE+80, admin = PORTBASE+48), PAYARA_HOME (default ear/target/payara6),
# PAYARA_DOMAIN (default concert), EAR (default ear/target/concert.ear), FRESH_DOMAIN=true (start from a
# new domain: no data kept from an earlier run), HEAP (the JVM's maximum heap, default 512m). The server inherits this environment, so DB_URL,
# REDIS_URL, ADMIN_API_KEY, RESERVATION_HOLD_SECONDS, ... reach the application's MicroProfile Config.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PAYARA_HOME="${PAYARA_HOME:-$module_dir/target/payara6}"
DOMAIN="${PAYARA_DOMAIN:-concert}"
DOMAIN_DIR="$PAYARA_HOME/glassfish/domains"
EAR="${EAR:-$module_dir/target/concert.ear}"
# Json.createX() finds its provider once instead of scanning every module for it on every call
JSON_PROVIDER_OPTION="-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl"
if [[ -n "${PORTBASE:-}" ]]; then
    PORT=$((PORTBASE + 80))
    ADMIN_PORT=$((PORTBASE + 48))
else
    PORT="${PORT:-8080}"
    ADMIN_PORT="${ADMIN_PORT:-4848}"
fi
export PORT
asadmin=("$PAYARA_HOME/bin/asadmin" --port "$ADMIN_PORT")
ports_file="$DOMAIN_DIR/$DOMAIN/.ports"
wanted_ports="${PORTBASE:-}:$PORT:$ADMIN_PORT"

say() { printf '[payara] %s\n' "$*"; }

running() {
    "${asadmin[@]}" list-domains --domaindir "$DOMAIN_DIR" 2>/dev/null | grep -q "^$DOMAIN running"
}

# the status code of a GET on this machine: curl, else wget, else bash's own /dev/tcp
http_status() {
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O /dev/null --timeout=5 "$1" && echo 200 || echo 000
    else
        local path="/${1#http://*/}"
        { exec 3<>"/dev/tcp/localhost/$PORT" &&
          printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 &&
          timeout 5 head -1 <&3 | cut -d' ' -f2; exec 3<&-; } 2>/dev/null || echo 000
    fi
}

create_domain() {
    if [[ -d "$DOMAIN_DIR/$DOMAIN" && ( "${FRESH_DOMAIN:-false}" == "true" || "$(cat "$ports_file" 2>/dev/null)" != "$wanted_ports" ) ]]; then
        say "recreating domain $DOMAIN (fresh domain asked for, or its ports changed)"
        "${asadmin[@]}" delete-domain --domaindir "$DOMAIN_DIR" "$DOMAIN" >/dev/null
    fi
    if [[ ! -d "$DOMAIN_DIR/$DOMAIN" ]]; then
        say "creating domain $DOMAIN (HTTP $PORT, admin $ADMIN_PORT)"
        if [[ -n "${PORTBASE:-}" ]]; then
            "${asadmin[@]}" create-domain --nopassword --domaindir "$DOMAIN_DIR" --portbase "$PORTBASE" "$DOMAIN" >/dev/null
        else
            "${asadmin[@]}" create-domain --nopassword --domaindir "$DOMAIN_DIR" \
                --adminport "$ADMIN_PORT" --instanceport "$PORT" "$DOMAIN" >/dev/null
        fi
        # Payara queues at most 4096 requests for its HTTP workers and drops connections past that:
        # a crowd opening thousands of status streams at once overflowed it (documents/queue-design.md)
        # No version banners: neither X-Powered-By nor Server names the server to a scanner.
        sed -i -E -e 's|(<thread-pool name="http-thread-pool"[^>]*) max-queue-size="[0-9-]*"|\1|' \
            -e 's|<thread-pool name="http-thread-pool"|<thread-pool name="http-thread-pool" max-queue-size="65536"|' \
            -e 's#<http (xpowered-by="[a-z]*" server-header="[a-z]*" )?#<http xpowered-by="false" server-header="false" #' \
            "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
        echo "$wanted_ports" > "$ports_file"
    fi
}

start() {
    [[ -x "$PAYARA_HOME/bin/asadmin" ]] || { say "no Payara Server at $PAYARA_HOME: build with 'mvn package' first"; exit 1; }
    [[ -f "$EAR" ]] || { say "no EAR at $EAR: build with 'mvn package' first"; exit 1; }
    if running; then
        say "stopping the running domain $DOMAIN, so that it starts with this environment"
        stop >/dev/null
    fi
    create_domain
    # server.log as JSON lines, one event a line (documents/operations.md "Logs"); the console stays plain text
    sed -i -E 's|^(com\.sun\.enterprise\.server\.logging\.GFFileHandler\.formatter)=.*|\1=fish.payara.enterprise.server.logging.JSONLogFormatter|' \
        "$DOMAIN_DIR/$DOMAIN/config/logging.properties"
    # the JSON formatter asks Json for a provider on every line, which without this property is a class-path
    # scan of every Payara module: a fifth of the server's CPU in a booking (documents/performance.md).
    # JSON_PROVIDER=lookup leaves it out, to measure what it saves.
    sed -i "s|<jvm-options>$JSON_PROVIDER_OPTION</jvm-options>||g" "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
    if [[ "${JSON_PROVIDER:-}" != lookup ]]; then
        sed -i "s|<jvm-options>-server</jvm-options>|&<jvm-options>$JSON_PROVIDER_OPTION</jvm-options>|" \
            "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
    fi
    # HEAP: the server's maximum heap for this start (default the domain's 512m); Payara orders the options
    # itself, so a second -Xmx in JVM_OPTIONS would not win: the domain's own is rewritten
    sed -i "s|<jvm-options>-Xmx[^<]*</jvm-options>|<jvm-options>-Xmx${HEAP:-512m}</jvm-options>|g" \
        "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
    # JVM_OPTIONS: more options for this start only (space-separated), e.g. a deeper stack for profiling
    sed -i 's|<jvm-options>[^<]*</jvm-options><!--JVM_OPTIONS-->||g' "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
    for option in ${JVM_OPTIONS:-}; do
        sed -i "s|<jvm-options>-server</jvm-options>|&<jvm-options>$option</jvm-options><!--JVM_OPTIONS-->|" \
            "$DOMAIN_DIR/$DOMAIN/config/domain.xml"
    done
    # every live status stream (SSE, WebSocket) holds a file descriptor: the server gets as many as allowed
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    say "starting domain $DOMAIN (open files: $(ulimit -n))"
    "${asadmin[@]}" start-domain --domaindir "$DOMAIN_DIR" "$DOMAIN" >/dev/null
    trap 'failed' ERR
    if deployed; then
        # left deployed by a domain that was not stopped with this script: the server loads it at
        # start-up, and a deployment racing that load fails, so let the load finish first
        wait_ready 60 || true
    fi
    say "deploying $(basename "$EAR")"
    "${asadmin[@]}" deploy --force --name concert "$EAR" >/dev/null
    say "waiting for http://localhost:$PORT/health/ready"
    if wait_ready 120; then
        trap - ERR
        say "ready: http://localhost:$PORT/api/concerts  (admin console http://localhost:$ADMIN_PORT)"
        say "stop it with: $0 stop"
        return 0
    fi
    say "not ready after 120 s; the server log is $DOMAIN_DIR/$DOMAIN/logs/server.log"
    false
}

failed() {
    local log="$DOMAIN_DIR/$DOMAIN/logs/server.log"
    grep -o 'Invalid configuration[^]]*' "$log" 2>/dev/null | tail -1 || true
    say "start failed (server log: $log); stopping the domain"
    "${asadmin[@]}" stop-domain --domaindir "$DOMAIN_DIR" "$DOMAIN" >/dev/null 2>&1 || true
}

deployed() {
    "${asadmin[@]}" list-applications 2>/dev/null | grep -q '^concert '
}

wait_ready() {
    for _ in $(seq 1 "$1"); do
        [[ "$(http_status "http://localhost:$PORT/health/ready")" == 200 ]] && return 0
        sleep 1
    done
    return 1
}

# The application is undeployed before the domain stops, so that the next start deploys the new
# EAR into an empty domain instead of racing the server's own reload of the old one.
stop() {
    if running; then
        "${asadmin[@]}" undeploy concert >/dev/null 2>&1 || true
        "${asadmin[@]}" stop-domain --domaindir "$DOMAIN_DIR" "$DOMAIN" >/dev/null
        say "stopped domain $DOMAIN"
    else
        say "domain $DOMAIN is not running"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if running; then say "domain $DOMAIN is running on http://localhost:$PORT"; else say "domain $DOMAIN is not running"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
