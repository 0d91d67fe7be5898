#!/usr/bin/env bash
# Usage: bench/report.sh RESULTS CONNECTIONS TARGET...   (called by bench/run.sh)
# Prints the benchmark's table: per target, the medians over the rounds of req/s, p50 and p99, and the
# ratios to the raw baseline of the same request (the first target of each request) and to the static file,
# and the CPU time Tomcat and nginx spent per request (from /proc), which depends less than req/s on how
# much of the two cores wrk, nginx and MariaDB leave to Tomcat.
# RESULTS holds one line per target and round:
#   "INDEX RESULT requests seconds p50_us p99_us non2xx errors tomcat_ticks nginx_ticks".
# shellcheck disable=SC2016 # the awk expressions are meant for awk
set -euo pipefail
results=$1 connections=$2
shift 2
targets=("$@")

# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../ci/lib.sh"
column_of() { # column_of INDEX AWK_EXPRESSION: that expression over the index's rounds, one per line
    awk -v i="$1" '$1 == i { print '"$2"' }' "$results"
}

rounds=$(column_of 0 1 | wc -l)
micros_per_tick=$((1000000 / $(getconf CLK_TCK)))
echo
echo "wrk, $connections connections, medians of $rounds round(s); ratios are of req/s, and of p99 for \"p99 ×\""
echo
echo "| request | target | req/s | p50 ms | p99 ms | × raw | p99 × raw | × static | failed | Tomcat CPU µs | nginx CPU µs |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
static_rps="" raw_rps="" raw_p99="" last_request="" bare_rps="" raw_cpu="" bare_nginx_cpu=""
declare -A project_vs_bare=() cpu_vs_raw=() nginx_cpu_vs_bare=()
for index in "${!targets[@]}"; do
    IFS='|' read -r label request _ _ <<< "${targets[$index]}"
    rps=$(column_of "$index" '($4 > 0 ? $3 / $4 : 0)' | median)
    p50=$(column_of "$index" '$5 / 1000' | median)
    p99=$(column_of "$index" '$6 / 1000' | median)
    failed=$(column_of "$index" '$7 + $8' | awk '{ s += $1 } END { print s + 0 }')
    tomcat_cpu=$(column_of "$index" "(\$3 > 0 ? \$9 * $micros_per_tick / \$3 : 0)" | median)
    nginx_cpu=$(column_of "$index" "(\$3 > 0 ? \$10 * $micros_per_tick / \$3 : 0)" | median)
    [[ -n "$static_rps" ]] || static_rps=$rps
    if [[ $request != "$last_request" ]]; then
        last_request=$request raw_rps="" raw_p99="" bare_rps="" raw_cpu="" bare_nginx_cpu=""
    fi
    vs_raw="–" p99_vs_raw="–"
    if [[ $label == raw-JDBC* ]]; then
        raw_rps=$rps raw_p99=$p99 raw_cpu=$tomcat_cpu
    elif [[ -n "$raw_rps" ]]; then
        vs_raw=$(awk -v a="$rps" -v b="$raw_rps" 'BEGIN { printf "%.2f", a / b }')
        p99_vs_raw=$(awk -v a="$p99" -v b="$raw_p99" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    fi
    [[ $label != *"bare proxy_pass" ]] || bare_rps=$rps bare_nginx_cpu=$nginx_cpu
    if [[ $label == "service, project nginx" && -n "$bare_rps" ]]; then
        project_vs_bare[$request]=$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { printf "%.2f", a / b }')
        nginx_cpu_vs_bare[$request]=$(awk -v a="$nginx_cpu" -v b="$bare_nginx_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    fi
    # Both behind the bare proxy, so that the upstreams send Tomcat the same requests.
    if [[ $label == "service, bare proxy_pass" && -n "$raw_cpu" ]]; then
        cpu_vs_raw[$request]=$(awk -v a="$tomcat_cpu" -v b="$raw_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    fi
    awk -v label="$label" -v request="$request" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v raw="$vs_raw" \
        -v p99raw="$p99_vs_raw" -v static="$static_rps" -v failed="$failed" -v tomcat="$tomcat_cpu" \
        -v nginx="$nginx_cpu" 'BEGIN {
        printf "| `%s` | %s | %d | %.1f | %.1f | %s | %s | %.2f | %d | %d | %d |\n",
            request, label, rps, p50, p99, raw, p99raw, (static > 0 ? rps / static : 0), failed, tomcat, nginx }'
done
echo
for request in "${!project_vs_bare[@]}"; do
    echo "project nginx vs bare proxy_pass, $request: ${project_vs_bare[$request]} of the req/s," \
        "${nginx_cpu_vs_bare[$request]} times nginx's CPU per request"
done | sort
for request in "${!cpu_vs_raw[@]}"; do
    echo "Tomcat's CPU per request, service vs raw-JDBC servlet (both behind the bare proxy), $request: ${cpu_vs_raw[$request]} times"
done | sort
