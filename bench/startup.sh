#!/usr/bin/env bash
# Usage: bench/startup.sh [--no-build] [--rounds N]
# Measures how long Tomcat 11 takes, started with the packaged WAR as its only application, to answer its
# first 200 on /health/ready (MariaDB already up, the schema migrated by a first start that is not counted).
# Each round starts a fresh CATALINA_BASE; with BENCH_CANDIDATE_WAR, the candidate is started in the same
# rounds, alternately first, so that both meet the same machine. Prints the medians (and the fastest) of:
#   ready       launch of catalina.sh to the first 200 of /health/ready, as a client sees it;
#   deploy      Tomcat's own "Deployment of web application archive ... has finished in" for the WAR;
#   CPU         the CPU time Tomcat used by then (user and system).
#   --no-build     use the WAR and Tomcat already in target/ (from ./mvnw verify)
#   --rounds N     starts of each WAR (default 5)
# BENCH_JAVA_HOME (or TOMCAT_JAVA_HOME) chooses Tomcat's JDK; by default the newest one in /usr/lib/jvm.
# BENCH_CATALINA_OPTS adds JVM options to every start (a CDS or AOT archive, for one).
# Needs: mariadb-server, curl, procps (Debian packages), a JDK. Takes about 20 s per start.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=bench/stack.sh
source bench/stack.sh

rounds=5 build=yes
while (($# > 0)); do
    case "$1" in
        --no-build) build=no ;;
        --rounds) rounds=$2; shift ;;
        *) sed -n '2p' "$0" >&2; exit 2 ;;
    esac
    shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { sed -n '2p' "$0" >&2; exit 2; }

java_home=${BENCH_JAVA_HOME:-${TOMCAT_JAVA_HOME:-$(newest_java_home javac)}}
java_home=${java_home:-${JAVA_HOME:?no JDK found in /usr/lib/jvm; set BENCH_JAVA_HOME}}
tomcat_home="$repo/target/tomcat11/apache-tomcat-$(pom_property tomcat11.version)"
war="$repo/target/posts-service.war"
candidate_war=${BENCH_CANDIDATE_WAR:-}

if [[ $build == yes ]]; then
    echo "Building the WAR and unpacking Tomcat"
    ./mvnw -B -ntp -q package -DskipTests dependency:unpack@unpack-tomcat11
fi
[[ -f "$war" && -f "$tomcat_home/bin/catalina.sh" ]] || {
    echo "bench: no $war or Tomcat in target/: run without --no-build" >&2
    exit 1
}

work="$repo/target/bench-startup"
rm -rf "$work"
mkdir -p "$work"
trap stop_servers EXIT
trap 'exit 130' INT TERM
hertz=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }

# One start: prints "READY_MS DEPLOY_MS CPU_MS". The JVM's CPU is read from /proc while it still runs.
start_once() { # start_once WAR NAME
    local base="$work/$2" began ready deploy ticks java
    rm -rf "$base"
    "$repo/stack/catalina-base.sh" "$base" "$tomcat_home/conf" "ROOT=$1"
    began=$(now_ms)
    launch_tomcat "$base" "${BENCH_CATALINA_OPTS:-}"
    until curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$tomcat_port/health/ready" 2> /dev/null; do
        kill -0 "$tomcat_pid" 2> /dev/null || { tail -n 40 "$base/logs/catalina.out" >&2; return 1; }
        (($(now_ms) - began < 180000)) || { echo "bench: $2 not ready within 180 s" >&2; return 1; }
        sleep 0.05
    done
    ready=$(($(now_ms) - began))
    java=$(pgrep -P "$tomcat_pid" java || echo "$tomcat_pid")
    ticks=$(awk '{ print $14 + $15 }' "/proc/$java/stat")
    deploy=$(sed -n 's/.*deployWAR Deployment of web application archive .* has finished in \[\([0-9,]*\)\] ms.*/\1/p' \
        "$base/logs/catalina.out" | tr -d , | head -n 1)
    stop_pid "$tomcat_pid"
    tomcat_pid=
    echo "$ready ${deploy:-0} $((ticks * 1000 / hertz))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'; }
fastest() { sort -n | head -n 1; }

start_database
echo "Tomcat $(pom_property tomcat11.version) on $("$java_home/bin/java" -version 2>&1 | head -n 1)"
# The first start migrates the schema; it is not counted.
start_once "$war" warm-up > /dev/null

declare -A figures
names=(service)
[[ -z "$candidate_war" ]] || names+=(candidate)
for ((round = 1; round <= rounds; round++)); do
    order=("${names[@]}")
    ((round % 2 == 1 || ${#names[@]} == 1)) || order=(candidate service)
    for name in "${order[@]}"; do
        wanted=$war
        [[ $name == service ]] || wanted=$candidate_war
        line=$(start_once "$wanted" "$name")
        figures[$name]+="$line"$'\n'
        echo "round $round, $name: $line (ready, deploy, CPU in ms)"
    done
done

echo
echo "| WAR | starts | ready: median (fastest) | deploy: median | CPU: median |"
echo "|---|---|---|---|---|"
for name in "${names[@]}"; do
    column() { awk -v c="$1" 'NF { print $c }' <<< "${figures[$name]}"; }
    printf '| %s | %s | %s ms (%s) | %s ms | %s ms |\n' "$name" "$rounds" "$(column 1 | median)" \
        "$(column 1 | fastest)" "$(column 2 | median)" "$(column 3 | median)"
done
