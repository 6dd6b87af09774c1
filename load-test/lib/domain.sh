# Sourced by benchmarks that start a Payara Server domain of their own (streams-at-scale.sh): the
# domain on a built EAR, its waiting room under a Redis prefix of its own, and the server's pid.
#
#   own_domain_start NAME PORT EAR_DIR   starts domain NAME (HTTP PORT, admin PORT-32) with this shell's
#                                        environment on EAR_DIR/ear/target/concert.ear and that checkout's
#                                        unpacked Payara, by this checkout's payara.sh (the same start for
#                                        every build compared); refuses ports already taken
#   own_domain_stop NAME PORT EAR_DIR    stops it
#   clean_prefix PREFIX                  deletes every key of PREFIX in REDIS_URL's Redis
#   server_pid PORT                      the pid of the process listening on PORT
domain_lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

own_domain() {
    local action="$1" name="$2" port="$3" ear_dir="$4"
    PAYARA_HOME="$ear_dir/ear/target/payara6" EAR="$ear_dir/ear/target/concert.ear" \
        PAYARA_DOMAIN="$name" PORT="$port" ADMIN_PORT=$((port - 32)) \
        bash "$domain_lib_dir/../../ear/src/payara/payara.sh" "$action"
}

own_domain_start() {
    local name="$1" port="$2" ear_dir="$3" taken pid
    [[ -f "$ear_dir/ear/target/concert.ear" && -x "$ear_dir/ear/target/payara6/bin/asadmin" ]] \
        || { echo "no built EAR and Payara under $ear_dir/ear/target: mvn -B -o -DskipTests package there"; return 1; }
    for taken in "$port" $((port - 32)); do
        pid=$(server_pid "$taken")
        # a domain of this name left running is restarted by payara.sh; anything else on the port is not ours
        if [[ -n "$pid" ]] && ! grep -qa "domains/$name/config" "/proc/$pid/cmdline" 2>/dev/null; then
            echo "port $taken is taken by pid $pid (another domain?): choose another PORT"; return 1
        fi
    done
    own_domain start "$name" "$port" "$ear_dir"
}

own_domain_stop() {
    own_domain stop "$1" "$2" "$3"
}

clean_prefix() {
    redis-cli -u "$REDIS_URL" --scan --pattern "$1*" | xargs -r -n 1000 redis-cli -u "$REDIS_URL" del >/dev/null
}

server_pid() {
    ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
}
