#!/usr/bin/env bash
# A cluster on this machine: a Payara Server DAS (admin console), INSTANCES instances (default 2) in a
# deployment group, each on its own HTTP port, running the EAR on MySQL/MariaDB and Redis, behind
# nginx (round robin). The database and Redis hold every bit of shared state; nothing relies on sticky
# sessions or on Hazelcast for correctness (documents/cluster.md).
#
#   cluster.sh start     create what is missing, start the DAS, the group and nginx, deploy, wait until ready
#   cluster.sh stop      stop nginx, the group and the DAS
#   cluster.sh status    the DAS, each instance's readiness, nginx
#
# Environment: DB_URL, DB_USER, DB_PASSWORD, REDIS_URL (or REDIS_SENTINELS and REDIS_MASTER_NAME) and QUEUE_TOKEN_SECRET (all required),
# ADMIN_API_KEY, INSTANCES (2), CLUSTER_PORTBASE (30000: admin console on +48), LB_PORT (8080: nginx),
# PAYARA_HOME (ear/target/payara6), EAR (ear/target/concert.ear). The instances inherit the DAS's
# environment, so every setting of the README reaches them too.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PAYARA_HOME="${PAYARA_HOME:-$module_dir/target/payara6}"
EAR="${EAR:-$module_dir/target/concert.ear}"
DOMAIN=concert-cluster
GROUP=concert-dg
INSTANCES="${INSTANCES:-2}"
PORTBASE="${CLUSTER_PORTBASE:-30000}"
ADMIN_PORT=$((PORTBASE + 48))
LB_PORT="${LB_PORT:-8080}"
NGINX_DIR="$module_dir/target/cluster-nginx"
asadmin=("$PAYARA_HOME/bin/asadmin" --port "$ADMIN_PORT")
domain_dir="$PAYARA_HOME/glassfish/domains"

say() { printf '[cluster] %s\n' "$*"; }
instance_port() { echo $((PORTBASE + 1000 + $1 * 100 + 80)); }   # instance i: portbase + 1000 + 100 i, HTTP at +80
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }

require_environment() {
    local missing=()
    for name in DB_URL DB_USER DB_PASSWORD QUEUE_TOKEN_SECRET; do
        [[ -n "${!name:-}" ]] || missing+=("$name")
    done
    # one Redis (REDIS_URL) or a master behind Sentinel (REDIS_SENTINELS and REDIS_MASTER_NAME), not both
    if [[ -n "${REDIS_URL:-}" && ( -n "${REDIS_SENTINELS:-}" || -n "${REDIS_MASTER_NAME:-}" ) ]]; then
        say "set either REDIS_URL or REDIS_SENTINELS with REDIS_MASTER_NAME, not both"; exit 1
    fi
    if [[ -z "${REDIS_URL:-}" && ( -z "${REDIS_SENTINELS:-}" || -z "${REDIS_MASTER_NAME:-}" ) ]]; then
        missing+=("REDIS_URL (or REDIS_SENTINELS and REDIS_MASTER_NAME)")
    fi
    if (( ${#missing[@]} )); then
        say "set ${missing[*]}: a cluster shares one database and one Redis"; exit 1
    fi
}

create_domain() {
    [[ -d "$domain_dir/$DOMAIN" ]] && return
    say "creating the DAS domain $DOMAIN (admin console on $ADMIN_PORT)"
    "$PAYARA_HOME/bin/asadmin" create-domain --nopassword --portbase "$PORTBASE" "$DOMAIN" >/dev/null
    # as payara.sh: a deep HTTP request queue, no version banners
    sed -i -E -e 's|(<thread-pool name="http-thread-pool"[^>]*) max-queue-size="[0-9-]*"|\1|' \
        -e 's|<thread-pool name="http-thread-pool"|<thread-pool name="http-thread-pool" max-queue-size="65536"|' \
        -e 's#<http (xpowered-by="[a-z]*" server-header="[a-z]*" )?#<http xpowered-by="false" server-header="false" #' \
        -e 's#<jvm-options>-server</jvm-options>#&<jvm-options>-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl</jvm-options>#' \
        "$domain_dir/$DOMAIN/config/domain.xml"
}

create_instances() {
    "${asadmin[@]}" list-deployment-groups 2>/dev/null | grep -qw "$GROUP" ||
        "${asadmin[@]}" create-deployment-group "$GROUP" >/dev/null
    for i in $(seq 1 "$INSTANCES"); do
        local name="concert-i$i"
        if ! "${asadmin[@]}" list-instances 2>/dev/null | grep -q "^$name "; then
            say "creating instance $name (HTTP $(instance_port "$i"))"
            "${asadmin[@]}" create-instance --node "localhost-$DOMAIN" --portbase $((PORTBASE + 1000 + i * 100)) "$name" >/dev/null
            "${asadmin[@]}" add-instance-to-deployment-group --instance "$name" --deploymentgroup "$GROUP" >/dev/null
            # the EJB timer service of an instance has no timer database: it runs on the data grid. Our
            # timers are non-persistent (each instance runs its own); nothing is stored there.
            "${asadmin[@]}" set "configs.config.$name-config.ejb-container.ejb-timer-service.ejb-timer-service=DataGrid" >/dev/null
            for listener in http-listener-1 http-listener-2; do
                "${asadmin[@]}" set "configs.config.$name-config.network-config.protocols.protocol.$listener.http.xpowered-by=false" >/dev/null
                "${asadmin[@]}" set "configs.config.$name-config.network-config.protocols.protocol.$listener.http.server-header=false" >/dev/null
            done
        fi
        # its server.log as JSON lines, one event a line, like the DAS's (documents/operations.md "Logs"),
        # with the JSON provider named, as payara.sh does (a class-path scan per log line otherwise)
        "${asadmin[@]}" set-log-attributes --target "$name" \
            com.sun.enterprise.server.logging.GFFileHandler.formatter=fish.payara.enterprise.server.logging.JSONLogFormatter >/dev/null
        "${asadmin[@]}" list-jvm-options --target "$name" 2>/dev/null | grep -q 'jakarta.json.provider' ||
            "${asadmin[@]}" create-jvm-options --target "$name" "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl" >/dev/null
    done
}

start_nginx() {
    mkdir -p "$NGINX_DIR/logs"
    {
        # a proxied stream takes two connections (the fan's and the instance's): ~8 000 streams for the one
        # worker, as far as the open-file limit allows (nginx may raise its own up to the hard limit only)
        local files; files=$(ulimit -Hn); [[ "$files" == unlimited ]] && files=65536
        echo "worker_processes 1; worker_rlimit_nofile $files; pid $NGINX_DIR/nginx.pid; error_log $NGINX_DIR/logs/error.log;"
        echo "events { worker_connections $(( files < 16384 ? files : 16384 )); }"
        echo "http {"
        # paths without query strings in the log: the SSE URL may carry a queue token
        echo "  log_format concert '\$remote_addr [\$time_local] \"\$request_method \$uri\" \$status \$request_time \$upstream_addr \$request_id';"
        echo "  access_log $NGINX_DIR/logs/access.log concert; client_body_temp_path $NGINX_DIR; proxy_temp_path $NGINX_DIR;"
        echo "  upstream concert {"
        for i in $(seq 1 "$INSTANCES"); do echo "    server 127.0.0.1:$(instance_port "$i") max_fails=3 fail_timeout=5s;"; done
        echo "  }"
        echo "  server { listen $LB_PORT;"
        # nginx's own request id (a client's X-Request-Id is replaced), logged here and by the instances
        echo "    proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
        echo "    proxy_set_header X-Request-Id \$request_id;"
        echo "    proxy_http_version 1.1; proxy_set_header Connection \"\";"
        echo "    location / { proxy_pass http://concert; }"
        echo "    location /api/queue/events { proxy_pass http://concert; proxy_buffering off; proxy_read_timeout 1h; }"
        # a location's own proxy_set_header replaces the server's: the WebSocket one repeats Host and X-Forwarded-For
        echo "    location /api/queue/ws { proxy_pass http://concert; proxy_set_header Upgrade \$http_upgrade;"
        echo "      proxy_set_header Connection upgrade; proxy_set_header Host \$host;"
        echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Request-Id \$request_id;"
        echo "      proxy_read_timeout 1h; }"
        echo "  }"
        echo "}"
    } > "$NGINX_DIR/nginx.conf"
    if [[ -f "$NGINX_DIR/nginx.pid" ]] && kill -0 "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null; then
        nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -s reload
    else
        nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf"
    fi
    say "nginx on $LB_PORT, round robin over ${INSTANCES} instance(s)"
}

start() {
    require_environment
    [[ -x "$PAYARA_HOME/bin/asadmin" && -f "$EAR" ]] || { say "build first: mvn -B -DskipTests package"; exit 1; }
    command -v nginx >/dev/null || { say "nginx is missing: apt-get install nginx-light"; exit 1; }
    command -v curl >/dev/null || { say "curl is missing (it waits on the instances): apt-get install curl"; exit 1; }
    # the proxies the instances believe about client addresses: nginx, on this machine
    export RATELIMIT_TRUSTED_PROXIES="${RATELIMIT_TRUSTED_PROXIES:-127.0.0.1,::1}"
    create_domain
    sed -i -E 's|^(com\.sun\.enterprise\.server\.logging\.GFFileHandler\.formatter)=.*|\1=fish.payara.enterprise.server.logging.JSONLogFormatter|' \
        "$domain_dir/$DOMAIN/config/logging.properties"
    # every live status stream holds a file descriptor on its instance (the instances inherit the DAS's limit)
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    "$PAYARA_HOME/bin/asadmin" list-domains 2>/dev/null | grep -q "^$DOMAIN running" ||
        "$PAYARA_HOME/bin/asadmin" start-domain "$DOMAIN" >/dev/null
    create_instances
    say "starting the deployment group $GROUP"
    "${asadmin[@]}" start-deployment-group "$GROUP" >/dev/null
    say "deploying $(basename "$EAR") to $GROUP"
    "${asadmin[@]}" deploy --force --target "$GROUP" --contextroot / --name concert "$EAR" >/dev/null
    for i in $(seq 1 "$INSTANCES"); do
        local url="http://localhost:$(instance_port "$i")/health/ready"
        for _ in $(seq 1 120); do [[ "$(status_of "$url")" == 200 ]] && break; sleep 1; done
        [[ "$(status_of "$url")" == 200 ]] || { say "instance $i is not ready: $url"; exit 1; }
        say "instance concert-i$i ready on $(instance_port "$i")"
    done
    start_nginx
    say "ready: http://localhost:$LB_PORT/ (admin console http://localhost:$ADMIN_PORT/)"
}

stop() {
    if [[ -f "$NGINX_DIR/nginx.pid" ]]; then nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -s quit 2>/dev/null || true; fi
    # one by one, each bounded: stop-deployment-group waits without end for an instance that was killed
    local name
    for name in $("${asadmin[@]}" list-instances 2>/dev/null | awk '/^concert-i[0-9]+ /{print $1}'); do
        timeout 60 "${asadmin[@]}" stop-instance --kill=true "$name" >/dev/null 2>&1 || true
    done
    # and whatever the DAS could not reach (a hung instance) goes by its process
    pkill -9 -f "$PAYARA_HOME/glassfish/nodes/localhost-$DOMAIN/" 2>/dev/null || true
    "$PAYARA_HOME/bin/asadmin" stop-domain "$DOMAIN" >/dev/null 2>&1 || true
    say "stopped"
}

status() {
    "$PAYARA_HOME/bin/asadmin" list-domains 2>/dev/null | grep "^$DOMAIN" || true
    for i in $(seq 1 "$INSTANCES"); do
        say "concert-i$i ready: $(status_of "http://localhost:$(instance_port "$i")/health/ready")"
    done
    say "nginx: $(status_of "http://localhost:$LB_PORT/health/ready")"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
