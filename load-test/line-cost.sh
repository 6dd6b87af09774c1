#!/usr/bin/env bash
# What an instance's view of the line costs Redis at a given length of the line: fills a line of N waiting
# fans with the store's own issue.lua (through redis-cli --pipe, under a prefix of its own), then reads the
# line with the store's line.lua as an instance does twice a second, and prints Redis's time per read (INFO
# commandstats: the script's usec, its inner commands included), the size of the answer, and Redis's memory
# per waiting fan.
#
#   REDIS_URL=redis://127.0.0.1:6379 load-test/line-cost.sh 2000 100000 1000000
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${REDIS_URL:?set REDIS_URL}"
scripts=ejb-module/src/main/resources/dev/concert/infrastructure/queue
prefix='{line-cost}'
reads=40
redis() { redis-cli -u "$REDIS_URL" "$@"; }
clear() { redis --scan --pattern "$prefix*" | xargs -r -n 1000 redis-cli -u "$REDIS_URL" del >/dev/null; }
usec() { redis info commandstats | tr -d '\r' | awk -F'[:=,]' -v c="cmdstat_$1" '$1 == c {print $5 + 0} END {}' | tail -1; }
trap clear EXIT

issue=$(redis script load "$(cat $scripts/common.lua; echo; cat $scripts/issue.lua)")
line=$(redis script load "$(cat $scripts/common.lua; echo; cat $scripts/line.lua)")
printf '%10s %12s %14s %16s %16s\n' fans "read (us)" "answer (bytes)" "memory a fan (B)" "issue (us)"
for fans in "$@"; do
    clear
    redis evalsha "$line" 0 "$prefix" >/dev/null    # the bits start here, as on a store that instances read
    memory_before=$(redis info memory | tr -d '\r' | awk -F: '/^used_memory:/{print $2}')
    issue_before=$(usec evalsha)
    awk -v n="$fans" -v sha="$issue" -v p="$prefix" 'BEGIN {
        for (i = 1; i <= n; i++) {
            user = sprintf("00000000-0000-4000-8000-%012d", i); key = sprintf("%064x", i)
            printf "*8\r\n$7\r\nEVALSHA\r\n$40\r\n%s\r\n$1\r\n0\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n$64\r\n%s\r\n$%d\r\nt%d\r\n$5\r\n60000\r\n",
                sha, length(p), p, length(user), user, key, length(i) + 1, i
        }}' | redis --pipe >/dev/null
    issue_after=$(usec evalsha)
    memory_after=$(redis info memory | tr -d '\r' | awk -F: '/^used_memory:/{print $2}')
    waiting=$(redis zcard "$prefix:waiting")
    [[ "$waiting" -eq "$fans" ]] || { echo "only $waiting of $fans fans in line"; exit 1; }
    before=$(usec evalsha)
    for i in $(seq 1 $reads); do redis evalsha "$line" 0 "$prefix" >/dev/null; done
    after=$(usec evalsha)
    bytes=$(redis --raw evalsha "$line" 0 "$prefix" | tail -n +2 | wc -c)   # the bits, without the first number
    printf '%10d %12.0f %14d %16.0f %16.1f\n' "$fans" "$(( (after - before) / reads ))" "$bytes" \
        "$(( (memory_after - memory_before) / fans ))" "$(awk -v a="$issue_before" -v b="$issue_after" -v n="$fans" 'BEGIN{print (b-a)/n}')"
done
