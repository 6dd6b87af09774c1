#!/usr/bin/env bash
# A three-node MariaDB Galera cluster and its balancer on this machine, for the tests that kill a node
# (documents/fault-tolerance.md, "The database as a cluster"). Debian's mariadb-server and galera-4 run
# each node as a mariadbd process of its own (docker/galera/galera.cnf, small buffers), state transfer by
# rsync; Debian's haproxy (docker/galera/haproxy.cfg) is the one address the application connects to,
# sending every connection to one node at a time.
#
#   docker/galera/local-cluster.sh start      # nodes n1, n2, n3 and the balancer; prints the JDBC URL
#   docker/galera/local-cluster.sh kill N     # kill -9 of node N's mariadbd
#   docker/galera/local-cluster.sh rejoin N   # node N started again (it catches up by IST or SST)
#   docker/galera/local-cluster.sh writer     # the node the balancer sends connections to now
#   docker/galera/local-cluster.sh status     # each node's cluster size and state
#   docker/galera/local-cluster.sh stop       # everything stopped, its files removed
#
# GALERA_PORT (default 3310) is the balancer's; the nodes take the three ports above it, Galera's group
# communication 4567/4577/4587 (IST on the port above each), state transfer 4444/4454/4464.
# GALERA_DIR (default /tmp/concert-galera) holds data, sockets and logs. The balancer and the nodes
# accept root without a password from 127.0.0.1, and GALERA_DATABASES (default "concert_test") are
# created with the user concert/concert: a test cluster, nothing else.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${GALERA_DIR:-/tmp/concert-galera}"
port="${GALERA_PORT:-3310}"
databases="${GALERA_DATABASES:-concert_test}"
cluster="gcomm://127.0.0.1:4567,127.0.0.1:4577,127.0.0.1:4587"
# as root, the nodes run as Debian's mysql user: rsync's daemon, which receives a state transfer, would
# otherwise drop to "nobody" and could not write the joiner's data directory
user="$( [[ $EUID == 0 ]] && echo mysql || id -un )"

node_port() { echo $(( port + $1 )); }
gcomm_port() { echo $(( 4557 + 10 * $1 )); }
sst_port() { echo $(( 4434 + 10 * $1 )); }
sql() { local n=$1; shift; mariadb --protocol=tcp -h127.0.0.1 -P"$(node_port "$n")" -uroot -N "$@"; }
state() { sql "$1" -e "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment')" 2>/dev/null \
    | awk '{printf "%s=%s ", $1, $2}'; }

wait_synced() {   # node size
    for _ in $(seq 1 120); do
        local now; now="$(state "$1" || true)"
        if [[ "$now" == *"wsrep_cluster_size=$2 "* && "$now" == *"wsrep_local_state_comment=Synced "* ]]; then
            return 0
        fi
        sleep 0.5
    done
    echo "node n$1 did not reach a cluster of $2, Synced; its log:" >&2
    tail -30 "$dir/n$1.err" >&2
    return 1
}

start_node() {   # n [--wsrep-new-cluster]
    local n=$1; shift
    mkdir -p "$dir/n$n" && chown "$user" "$dir" "$dir/n$n"
    # the defaults file must come first; the SST script reads the same options back from the command line
    mariadbd --defaults-file="$here/galera.cnf" --user="$user" --datadir="$dir/n$n" --socket="$dir/n$n.sock" \
        --pid-file="$dir/n$n.pid" --log-error="$dir/n$n.err" --port="$(node_port "$n")" --bind-address=127.0.0.1 \
        --wsrep-node-name="n$n" --wsrep-node-address="127.0.0.1:$(gcomm_port "$n")" \
        --wsrep-node-incoming-address="127.0.0.1:$(node_port "$n")" --wsrep-cluster-address="$cluster" \
        --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(( $(gcomm_port "$n") + 1 ));gcache.size=32M" \
        --wsrep-sst-receive-address="127.0.0.1:$(sst_port "$n")" "$@" >>"$dir/n$n.out" 2>&1 &
}

balancer() {
    GALERA_LISTEN="127.0.0.1:$port" GALERA_N1="127.0.0.1:$(node_port 1)" GALERA_N2="127.0.0.1:$(node_port 2)" \
        GALERA_N3="127.0.0.1:$(node_port 3)" GALERA_STATS_SOCKET="$dir/haproxy.sock" \
        haproxy -q -f "$here/haproxy.cfg" -D -p "$dir/haproxy.pid"
}

case "${1:-}" in
start)
    command -v mariadbd >/dev/null && [[ -e /usr/lib/galera/libgalera_smm.so ]] \
        || { echo "needs Debian's mariadb-server and galera-4" >&2; exit 1; }
    command -v haproxy >/dev/null || { echo "needs Debian's haproxy" >&2; exit 1; }
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$dir/n1" && chown "$user" "$dir" "$dir/n1"
    mariadb-install-db --no-defaults --datadir="$dir/n1" --user="$user" --auth-root-authentication-method=normal \
        --skip-test-db >"$dir/install.out" 2>&1
    start_node 1 --wsrep-new-cluster
    wait_synced 1 1
    mariadb -S "$dir/n1.sock" -uroot <<SQL
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER 'concert'@'%' IDENTIFIED BY 'concert';
SQL
    mariadb -S "$dir/n1.sock" -uroot < "$here/balancer-user.sql"
    for database in $databases; do
        sql 1 -e "CREATE DATABASE \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                  GRANT ALL ON \`$database\`.* TO 'concert'@'%'"
    done
    start_node 2 --wsrep-sst-donor=n1
    wait_synced 2 2
    start_node 3 --wsrep-sst-donor=n2
    wait_synced 3 3
    balancer
    for attempt in $(seq 1 21); do
        mariadb --protocol=tcp -h127.0.0.1 -P"$port" -uroot -N -e 'SELECT 1' >/dev/null 2>&1 && break
        if (( attempt == 21 )); then echo "the balancer on port $port does not reach a node" >&2; exit 1; fi
        sleep 0.5
    done
    echo "jdbc:mysql://127.0.0.1:$port/${databases%% *}"
    ;;
kill)   # the pid file goes with the process: a later stop must not kill whatever reuses the number
    kill -9 "$(cat "$dir/n$2.pid")"
    rm -f "$dir/n$2.pid"
    ;;
rejoin)
    start_node "$2"
    wait_synced "$2" 3
    ;;
writer)   # asked through the balancer: the node a new connection reaches
    mariadb --protocol=tcp -h127.0.0.1 -P"$port" -uroot -N -e 'SELECT @@wsrep_node_name'
    ;;
status)
    for n in 1 2 3; do echo "n$n $(state "$n")"; done
    ;;
stop)
    [[ -f "$dir/haproxy.pid" ]] && kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    for n in 1 2 3; do
        [[ -f "$dir/n$n.pid" ]] && kill -9 "$(cat "$dir/n$n.pid")" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
*)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
