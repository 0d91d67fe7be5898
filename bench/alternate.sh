#!/usr/bin/env bash
# Usage: bench/alternate.sh [--runs N] [--only REQUEST] [--seconds S] VARIABLE VALUE VALUE...
# Compares what bench/run.sh cannot put in one Tomcat behind one nginx (JVM flags, nginx settings, or two
# builds each as the only application): runs bench/run.sh --no-build once per VALUE of VARIABLE, in turn,
# N times over (default 3), so that every value meets the machine's slow and fast spells alike, then prints
# each run's figures and their medians per value. REQUEST (default 'GET /posts/{id}') must be one with a raw
# baseline; the figures are those of its targets:
#   ×raw       the service's req/s through the project's nginx, as a share of the raw servlet's
#   p99×raw    its p99 against the raw servlet's
#   Tomcat µs  Tomcat's CPU per request for the service, through the project's nginx and behind the bare
#              proxy; and the latter against the raw servlet's (behind the bare proxy too)
#   nginx µs   nginx's CPU per request for the service, project's config and bare proxy
# For example:
#   bench/alternate.sh BENCH_CATALINA_OPTS '' '-XX:+UseParallelGC'     # a JVM flag (empty: the default)
#   bench/alternate.sh BENCH_NGINX_DIR "$PWD/nginx" /tmp/other-nginx   # two nginx configurations
#   bench/alternate.sh BENCH_WAR target/posts-service.war other.war    # two builds
# Takes about 3.5 minutes per run at the default 10 s per target and 3 rounds (BENCH_ROUNDS to change).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=ci/lib.sh
source "$repo/ci/lib.sh"
usage() { sed -n '2p' "$0" >&2; exit 2; }

runs=3 only='GET /posts/{id}' seconds=10
while (($# > 0)); do
    case "$1" in
        --runs) runs=${2:-}; shift ;;
        --only) only=${2:-}; shift ;;
        --seconds) seconds=${2:-}; shift ;;
        -*) usage ;;
        *) break ;;
    esac
    shift
done
if (($# < 3)) || ! [[ $1 =~ ^[A-Z_][A-Z0-9_]*$ && $runs =~ ^[1-9][0-9]*$ ]]; then
    usage
fi
variable=$1
shift
values=("$@")

# figures_of LOG: "×raw p99×raw tomcat_us bare_tomcat_us bare_tomcat_vs_raw nginx_us bare_nginx_us", from
# one run's table.
figures_of() {
    awk -F'|' -v request="\`$only\`" '
        function trim(s) { gsub(/^ +| +$/, "", s); return s }
        trim($2) != request { next }
        trim($3) ~ /^raw-JDBC/ { raw_cpu = trim($11) }
        trim($3) == "service, bare proxy_pass" { bare_cpu = trim($11); bare_nginx = trim($12) }
        trim($3) == "service, project nginx" { vs_raw = trim($7); p99 = trim($8); cpu = trim($11); nginx = trim($12) }
        END {
            if (vs_raw == "" || raw_cpu == "" || bare_cpu == "") exit 1
            printf "%s %s %s %s %.2f %s %s\n", vs_raw, p99, cpu, bare_cpu, bare_cpu / raw_cpu, nginx, bare_nginx
        }' "$1"
}

logs=$(mktemp -d "${TMPDIR:-/tmp}/posts-alternate.XXXXXX")
declare -A figures
for ((run = 1; run <= runs; run++)); do
    for index in "${!values[@]}"; do
        log="$logs/run-$run-value-$index.log"
        echo "Run $run of $runs: $variable='${values[$index]}'"
        env "$variable=${values[$index]}" "$repo/bench/run.sh" --no-build --only "$only" \
            --seconds "$seconds" --rounds "${BENCH_ROUNDS:-3}" > "$log" 2>&1 \
            || { tail -n 30 "$log" >&2; exit 1; }
        line=$(figures_of "$log") || { echo "alternate: no figures for '$only' in $log" >&2; exit 1; }
        echo "  ×raw, p99×raw, Tomcat µs, bare Tomcat µs, bare Tomcat vs raw, nginx µs, bare nginx µs: $line"
        figures[$index]+="$line"$'\n'
    done
done

echo
echo "$only, medians of $runs run(s) per value, values in turn"
echo
echo "| $variable | × raw | p99 × raw | Tomcat CPU µs | bare: Tomcat CPU µs | bare: Tomcat CPU × raw | nginx CPU µs | bare: nginx CPU µs |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for index in "${!values[@]}"; do
    row="| \`${values[$index]:-(unset)}\`"
    for column in 1 2 3 4 5 6 7; do
        row+=" | $(awk -v c="$column" 'NF { print $c }' <<< "${figures[$index]}" | median)"
    done
    echo "$row |"
done
echo "(logs in $logs)"
