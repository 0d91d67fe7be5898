#!/usr/bin/env bash
# Usage: bench/run.sh [--smoke] [--no-build] [--rounds N] [--seconds S] [--connections C] [--only REQUESTS] [--profile]
# Benchmarks the service on this machine against what the hardware allows, all on loopback: builds the WAR,
# starts MariaDB, Tomcat 11 (the service as ROOT, the raw-JDBC baseline of bench/raw as /raw) and nginx
# (the project's templates, and a bare proxy_pass with a static file beside them), warms up, then runs wrk
# on every target in each round, so that the ratios hold on a noisy machine. Prints a table of medians.
#   --smoke        one short round (about 20 s of load), to prove the benchmark still runs
#   --no-build     use the WAR and Tomcat already in target/ (from ./mvnw verify)
#   --rounds N     rounds of measurement (default 3)      --seconds S    per target and round (default 10)
#   --connections C   wrk's connections (default 64)
#   --only REQUESTS   only the targets of these requests, separated by commas, e.g. 'GET /posts/{id},POST /posts'
#                  (the static file stays)
#   --profile      record a JFR profile of Tomcat into target/bench/tomcat.jfr (see bench/profile.sh)
# BENCH_CANDIDATE_WAR: a second WAR to measure beside target/posts-service.war (or BENCH_WAR) in the same
# rounds; swap the two to see both builds in either place.
# BENCH_JAVA_HOME (or TOMCAT_JAVA_HOME) chooses Tomcat's JDK; by default the newest one in /usr/lib/jvm.
# BENCH_REPLICA=yes: the service reads from a GTID replica of the database (a second MariaDB), as
# MYSQL_REPLICAS sets it up; bench/alternate.sh BENCH_REPLICA '' yes compares it with one database.
# Needs: wrk, nginx, mariadb-server, curl, iproute2, procps (Debian packages), a JDK. Takes about 9 minutes by default (the build included).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=bench/stack.sh
source bench/stack.sh

# 15 s of warm-up per target: on two cores the JIT was still compiling the service's code after 5 s, and the
# first target measured after it (the bare proxy's) paid for that with up to twice its CPU per request.
rounds=3 seconds=10 warmup=15 connections=64 build=yes profile=no only=
while (($# > 0)); do
    case "$1" in
        --smoke) rounds=1 seconds=1 warmup=1 ;;
        --no-build) build=no ;;
        --rounds) rounds=$2; shift ;;
        --seconds) seconds=$2; shift ;;
        --connections) connections=$2; shift ;;
        --only) only=$2; shift ;;
        --profile) profile=yes ;;
        *) sed -n '2p' "$0" >&2; exit 2 ;;
    esac
    shift
done

nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk curl mariadbd mariadb-install-db mariadb ss pgrep "$nginx"; do
    command -v "$tool" > /dev/null || [[ -x "$tool" ]] || {
        echo "bench: $tool is missing: apt-get install wrk curl nginx mariadb-server iproute2 procps" >&2
        exit 1
    }
done

prepare_bench bench "$build"

catalina_opts=${BENCH_CATALINA_OPTS:-}
if [[ $profile == yes ]]; then
    catalina_opts+=" -XX:StartFlightRecording=filename=$work/tomcat.jfr,settings=profile,dumponexit=true"
fi
start_database
start_tomcat "$catalina_opts"
seed_posts
start_nginx

# The targets: label|request|method|url. The first of each request is what the others are compared with
# ("raw"); the static file is the front door's ceiling. With BENCH_CANDIDATE_WAR, a second build of the
# service (deployed as /candidate) is measured in the same rounds, through the project's nginx.
targets=("static file (nginx alone)|GET /posts/{id}|GET|$bare_url/static/post.json")
service() { # service REQUEST METHOD PATH [bare]: the service's targets for that request
    [[ "${4:-}" != bare ]] || targets+=("service, bare proxy_pass|$1|$2|$bare_url$3")
    targets+=("service, project nginx|$1|$2|$project_url$3")
    [[ -z "${candidate_war:-}" ]] || targets+=("candidate, project nginx|$1|$2|$project_url/candidate$3")
}
targets+=("raw-JDBC servlet, bare proxy|GET /posts/{id}|GET|$bare_url/raw/posts/1")
service "GET /posts/{id}" GET /posts/1 bare
targets+=("raw-JDBC servlet, bare proxy|GET /posts?limit=20|GET|$bare_url/raw/posts?limit=20")
service "GET /posts?limit=20" GET "/posts?limit=20" bare
service "POST /posts" POST /posts bare
# The same write with an author's own token (looked up in the database on every request) instead of the
# service token; only where the build has authors.
service "POST /posts as an author" AUTHOR_POST /posts
service "GET /health" GET /health
service "GET /health/live" GET /health/live

if [[ -n "$only" ]]; then
    chosen=("${targets[0]}")
    IFS=',' read -r -a requests <<< "$only"
    for target in "${targets[@]:1}"; do
        for request in "${requests[@]}"; do
            [[ $target != *"|$request|"* ]] || chosen+=("$target")
        done
    done
    ((${#chosen[@]} > 1)) || { echo "bench: no target of '$only'" >&2; exit 2; }
    targets=("${chosen[@]}")
fi

as_admin() { # as_admin CURL_ARGS...: curl with the service token, given as a config on stdin (never on argv)
    printf 'header = %s\n' "$(curl_config_string "Authorization: Bearer $api_token")" \
        | curl --silent --show-error --max-time 10 --config - "$@"
}
author_token() { # author_token BASE_URL: a token of the author bench@example.com (made once) on that build
    local author
    author=$(as_admin "$1/authors?email=bench@example.com" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
    [[ -n "$author" ]] || author=$(as_admin --header 'Content-Type: application/json' \
        --data '{"email":"bench@example.com","display_name":"Benchmark"}' "$1/authors" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
    as_admin --header 'Content-Type: application/json' --data '{"label":"bench"}' "$1/authors/$author/tokens" \
        | sed -n 's/.*"token":"\(pst_[^"]*\)".*/\1/p'
}
declare -A author_tokens
kept=()
for target in "${targets[@]}"; do
    IFS='|' read -r _ _ method url <<< "$target"
    if [[ $method == AUTHOR_POST ]]; then
        base=${url%/posts}
        if [[ "$(as_admin --output /dev/null --write-out '%{http_code}' "$base/me")" != 200 ]]; then
            echo "bench: $base has no authors; not measured as an author"
            continue
        fi
        author_tokens[$url]=$(author_token "$base")
        [[ -n "${author_tokens[$url]}" ]] || { echo "bench: no author token from $base" >&2; exit 1; }
    elif [[ $method == GET ]]; then
        curl -fsS --max-time 5 -o /dev/null "$url" || { echo "bench: $url does not answer 200" >&2; exit 1; }
    fi
    kept+=("$target")
done
targets=("${kept[@]}")

run_wrk() { # run_wrk METHOD URL SECONDS: prints wrk's RESULT line
    local method=$1 token=$api_token
    if [[ $method == AUTHOR_POST ]]; then
        method=POST token=${author_tokens[$2]}
    fi
    WRK_METHOD=$method WRK_TOKEN=$token wrk -t2 -c"$connections" -d"$3s" --timeout 5s \
        -s "$repo/bench/wrk/report.lua" "$2" | grep '^RESULT'
}

echo "Warm-up: ${warmup} s per target"
for target in "${targets[@]}"; do
    IFS='|' read -r _ _ method url <<< "$target"
    run_wrk "$method" "$url" "$warmup" > /dev/null
done

# Each line: the target's index, wrk's RESULT, and the CPU ticks Tomcat and nginx spent during the run.
results="$work/results"
: > "$results"
for round in $(seq "$rounds"); do
    echo "Round $round of $rounds: ${seconds} s per target, $connections connections"
    seed_posts
    for index in "${!targets[@]}"; do
        IFS='|' read -r _ _ method url <<< "${targets[$index]}"
        tomcat_before=$(cpu_ticks "$tomcat_pid") nginx_before=$(cpu_ticks "$nginx_pid")
        result=$(run_wrk "$method" "$url" "$seconds")
        echo "$index $result $(($(cpu_ticks "$tomcat_pid") - tomcat_before)) $(($(cpu_ticks "$nginx_pid") - nginx_before))" \
            >> "$results"
    done
done

stop_servers
trap - EXIT
bench/report.sh "$results" "$connections" "${targets[@]}"
echo "(bench/run.sh took $SECONDS s)"
if [[ $profile == yes ]]; then
    echo "Profile: $work/tomcat.jfr (bench/profile.sh $work/tomcat.jfr)"
fi
