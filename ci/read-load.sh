#!/usr/bin/env bash
# Usage: ci/read-load.sh URL SECONDS READERS [REQUEST_ID_PREFIX]
#   A bounded read load: READERS concurrent loops, each sending GET URL one request after another (a new
#   connection each) until SECONDS have passed; every request carries X-Request-Id PREFIX-<reader>-<n>
#   (default prefix "read-load"), which nginx passes on and Tomcat's access log shows as rid=...
#   Prints one line of counts: requests, ok (200), http_5xx, http_other, connection errors, timeouts, the
#   slowest request, and which statuses the failed answers had. Exits 1 if any request was not a 200.
set -euo pipefail

(($# >= 3)) || { echo "usage: ci/read-load.sh URL SECONDS READERS [REQUEST_ID_PREFIX]" >&2; exit 2; }
url=$1
seconds=$2
readers=$3
prefix=${4:-read-load}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

read_until() { # read_until DEADLINE READER: one line per request, "<curl exit code> <status> <seconds>"
    local deadline=$1 reader=$2 n=0 answer code
    while ((SECONDS < deadline)); do
        n=$((n + 1))
        # 15 s: longer than nginx's 10 s for all tries of a read, so nginx, not curl, gives up first.
        answer=$(curl --silent --output /dev/null --max-time 15 --header "X-Request-Id: $prefix-$reader-$n" \
            --write-out '%{http_code} %{time_total}' "$url") && code=0 || code=$?
        echo "$code ${answer:-000 0}" >> "$results/$reader"
    done
}

deadline=$((SECONDS + seconds))
for reader in $(seq "$readers"); do
    read_until "$deadline" "$reader" &
done
wait

# curl exit 28 is its own timeout; any other non-zero exit is a connection that failed or broke.
cat "$results"/* | awk -v prefix="$prefix" '
    { requests++; if ($3 > slowest) slowest = $3 }
    $1 == 28 { timeouts++; next }
    $1 != 0 { connection_errors++; next }
    $2 == 200 { ok++; next }
    $2 >= 500 { http_5xx++; statuses[$2]++; next }
    { http_other++; statuses[$2]++ }
    END {
        for (status in statuses) seen = seen " " status "x" statuses[status]
        printf "read-load %s: requests=%d ok=%d http_5xx=%d http_other=%d connection_errors=%d timeouts=%d slowest=%.2fs%s\n",
            prefix, requests, ok, http_5xx, http_other, connection_errors, timeouts, slowest,
            seen == "" ? "" : " (statuses:" seen ")"
        exit (requests > 0 && ok == requests) ? 0 : 1
    }'
