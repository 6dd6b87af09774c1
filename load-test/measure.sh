#!/usr/bin/env bash
# Runs one simulation and samples, once a second, the CPU and resident memory of every server process
# listening on the given ports (one instance, or each instance of a cluster), and of the whole machine.
#
#   load-test/measure.sh "18080" QueuePollingSimulation -Dusers=5000 -Drate=3000 ...
#   load-test/measure.sh "31180 31280" BookingJourneySimulation -Dusers=2000 ...
#
# Prints, after Gatling's own summary, one line per server process and one for Gatling's own JVM:
# average and peak CPU (% of one core) and peak RSS, and the machine's average CPU use over the run. The samples stay in
# load-test/target/measure/<simulation>-<time>.tsv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ports="$1"; simulation="$2"; shift 2
out="load-test/target/measure"; mkdir -p "$out"
samples="$out/$simulation-$(date +%Y%m%d-%H%M%S).tsv"

pids=()
for port in $ports; do
    pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
    [[ -n "$pid" ]] || { echo "nothing listens on $port"; exit 1; }
    pids+=("$pid")
done

cpu_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }

sample() {
    local ticks=$(getconf CLK_TCK) last_total=() prev_machine now_machine
    declare -A last
    prev_machine=$(cpu_busy)
    printf 'time\tpid\tcpu_percent\trss_mib\tmachine_cpu_percent\n' > "$samples"
    while sleep 1; do
        now_machine=$(cpu_busy)
        machine=$(awk -v a="$prev_machine" -v b="$now_machine" 'BEGIN{split(a,x," ");split(b,y," ");
            d=y[2]-x[2]; printf "%.0f", (d>0 ? 100*(y[1]-x[1])/d : 0)}')
        prev_machine=$now_machine
        if [[ -z "${generator:-}" ]]; then   # Gatling's own JVM, forked by the Maven plugin
            generator=$(pgrep -f 'gatlingbooter.*io[.]gatling[.]app[.]Gatling' 2>/dev/null | tail -1 || true)
            if [[ -n "$generator" ]]; then pids+=("$generator"); echo "$generator" > "$samples.generator"; fi
        fi
        for pid in "${pids[@]}"; do
            [[ -r /proc/$pid/stat ]] || continue
            used=$(awk '{print $14+$15}' "/proc/$pid/stat")
            rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$pid/status")
            if [[ -n "${last[$pid]:-}" ]]; then
                printf '%s\t%s\t%s\t%s\t%s\n' "$(date +%T)" "$pid" $(( (used - last[$pid]) * 100 / ticks )) "$rss" "$machine" >> "$samples"
            fi
            last[$pid]=$used
        done
    done
}

sample & sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT
status=0
mvn -B -q -Pload-test -pl load-test gatling:test -Dgatling.simulationClass="dev.concert.loadtest.$simulation" "$@" || status=$?
kill $sampler 2>/dev/null || true

echo "--- processes during $simulation (samples: $samples; Gatling's JVM: pid $(cat "$samples.generator" 2>/dev/null || echo '?'))"
awk -F'\t' 'NR>1 && $3>5 {n[$2]++; s[$2]+=$3; if ($3>p[$2]) p[$2]=$3} NR>1 {if ($4>r[$2]) r[$2]=$4; m+=$5; k++}
    END {for (pid in r) printf "pid %s: CPU avg %.0f%% peak %d%% of one core (busy seconds), RSS peak %d MiB\n", pid, n[pid] ? s[pid]/n[pid] : 0, p[pid], r[pid];
         if (k) printf "machine: CPU %.0f%% of both cores on average\n", m/k}' "$samples"
exit $status
