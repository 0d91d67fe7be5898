#!/usr/bin/env bash
# Usage: bench/startup.sh [--no-build] [--rounds N]
# Measures how long Tomcat 11 takes, started with the packaged WAR as its only application, to answer its
# first 200 on /health/ready (MariaDB already up, the schema migrated by a first start that is not counted).
# Each round starts a fresh CATALINA_BASE; with BENCH_CANDIDATE_WAR, the candidate is started in the same
# rounds, alternately first, so that both meet the same machine. Prints the medians (and, for ready, the
# fastest) of:
#   ready       launch of catalina.sh to the first 200 of /health/ready, as a client sees it;
#   deploy      Tomcat's own "Deployment of web application archive ... has finished in" for the WAR;
#   CPU         the CPU time Tomcat used by then (user and system).
#   --no-build     use the WAR and Tomcat already in target/ (from ./mvnw verify)
#   --rounds N     starts of each WAR (default 4; even, with a candidate, for as many firsts each)
# BENCH_JAVA_HOME (or TOMCAT_JAVA_HOME) chooses Tomcat's JDK; by default the newest one in /usr/lib/jvm.
# BENCH_CATALINA_OPTS adds JVM options to every start (a CDS or AOT archive, for one).
# Needs: mariadb-server, curl, iproute2 (Debian packages), a JDK. Takes about 20 s per start.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=bench/stack.sh
source bench/stack.sh

rounds=4 build=yes
while (($# > 0)); do
    case "$1" in
        --no-build) build=no ;;
        --rounds) rounds=${2:-}; shift ;;
        *) sed -n '2p' "$0" >&2; exit 2 ;;
    esac
    shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { sed -n '2p' "$0" >&2; exit 2; }

prepare_bench bench-startup "$build"
hertz=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }

# One start, in this shell (so that the EXIT trap stops a Tomcat left running): sets figures_of_start to
# "READY_MS DEPLOY_MS CPU_MS". The JVM's CPU is read from /proc while it still runs.
start_once() { # start_once WAR NAME
    local base="$work/$2" began ready deploy ticks
    rm -rf "$base"
    "$repo/stack/catalina-base.sh" "$base" "$tomcat_home/conf" "ROOT=$1"
    began=$(now_ms)
    # English messages: the deploy time is read from Tomcat's log.
    launch_tomcat "$base" "-Duser.language=en -Duser.country=US ${BENCH_CATALINA_OPTS:-}"
    until curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$tomcat_port/health/ready" 2> /dev/null; do
        kill -0 "$tomcat_pid" 2> /dev/null || { tail -n 40 "$base/logs/catalina.out" >&2; return 1; }
        (($(now_ms) - began < 180000)) || { echo "bench: $2 not ready within 180 s" >&2; return 1; }
        sleep 0.05
    done
    ready=$(($(now_ms) - began))
    # catalina.sh run execs the JVM: the process launched is Tomcat's java.
    ticks=$(awk '{ print $14 + $15 }' "/proc/$tomcat_pid/stat")
    deploy=$(sed -n 's/.*deployWAR Deployment of web application archive .* has finished in \[\([0-9,]*\)\] ms.*/\1/p' \
        "$base/logs/catalina.out" | tr -d , | head -n 1)
    [[ -n "$deploy" ]] || { echo "bench: no 'Deployment of web application archive' line in $base/logs/catalina.out" >&2; return 1; }
    stop_pid "$tomcat_pid"
    tomcat_pid=
    figures_of_start="$ready $deploy $((ticks * 1000 / hertz))"
}

fastest() { sort -n | head -n 1; }

start_database
echo "Tomcat $(pom_property tomcat11.version) on $("$java_home/bin/java" -version 2>&1 | head -n 1)"
declare -A figures
names=(service)
[[ -z "$candidate_war" ]] || names+=(candidate)
war_of() { if [[ $1 == service ]]; then echo "$war"; else echo "$candidate_war"; fi; }
# A first start of each, not counted: it migrates the schema (a candidate may bring a migration).
for name in "${names[@]}"; do
    start_once "$(war_of "$name")" "warm-up-$name"
done
for ((round = 1; round <= rounds; round++)); do
    order=("${names[@]}")
    ((round % 2 == 1 || ${#names[@]} == 1)) || order=(candidate service)
    for name in "${order[@]}"; do
        start_once "$(war_of "$name")" "$name"
        figures[$name]+="$figures_of_start"$'\n'
        echo "round $round, $name: $figures_of_start (ready, deploy, CPU in ms)"
    done
done

nth_figure() { awk -v n="$1" 'NF { print $n }'; } # nth_figure N: the N-th figure of each start on stdin
echo
echo "| WAR | starts | ready: median (fastest) | deploy: median | CPU: median |"
echo "|---|---|---|---|---|"
for name in "${names[@]}"; do
    # The medians may be halves; whole milliseconds, read with a "." whatever the locale.
    LC_NUMERIC=C printf '| %s | %s | %.0f ms (%s) | %.0f ms | %.0f ms |\n' "$name" "$rounds" \
        "$(nth_figure 1 <<< "${figures[$name]}" | median)" "$(nth_figure 1 <<< "${figures[$name]}" | fastest)" \
        "$(nth_figure 2 <<< "${figures[$name]}" | median)" "$(nth_figure 3 <<< "${figures[$name]}" | median)"
done
