#!/usr/bin/env bash
# Usage: bench/nginx-parts.sh [--rounds N] [--seconds S] [--connections C]
# What each part of the project's nginx configuration costs in nginx's CPU per request, against a bare
# proxy_pass. Starts, all on loopback, a stub upstream (an nginx answering every request at once with a
# post's JSON and the headers the service sends) and, in front of it, one nginx (one worker) per
# configuration: the project's own nginx/, copies of it each with one part taken out, and the benchmark's bare
# proxy. Then wrk sends `GET /posts/1` and `POST /posts` (with a token) through each of them in turn, N rounds
# (default 5) of S seconds (default 5) per configuration and request, and the medians are printed. With no
# service behind it, nginx's own work is all that is measured: about 7 minutes at the defaults.
# BENCH_NGINX_OTHER: another copy of nginx/ (the one before a change, say) measured beside them, as it is.
# Needs: wrk, nginx, curl, iproute2, procps (Debian packages).
# shellcheck disable=SC2016 # the sed and awk expressions are meant for sed and awk
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${BENCH_NGINX_OTHER:-}" ]]; then
    BENCH_NGINX_OTHER=$(cd "$BENCH_NGINX_OTHER" && pwd)
fi
cd "$repo"
# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=bench/stack.sh
source bench/stack.sh
usage() { sed -n '2p' "$0" >&2; exit 2; }

rounds=5 seconds=5 connections=64
while (($# > 0)); do
    (($# >= 2)) || usage
    case "$1" in
        --rounds) rounds=$2 ;;
        --seconds) seconds=$2 ;;
        --connections) connections=$2 ;;
        *) usage ;;
    esac
    shift 2
done
# wrk runs two threads, each with a connection at least.
[[ $rounds =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ && $connections =~ ^([2-9]|[1-9][0-9]+)$ ]] || usage
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk curl ss pgrep "$nginx"; do
    command -v "$tool" > /dev/null || [[ -x "$tool" ]] || {
        echo "nginx-parts: $tool is missing: apt-get install wrk curl nginx iproute2 procps" >&2
        exit 1
    }
done

work="$repo/target/bench-nginx-parts"
rm -rf "$work"
mkdir -p "$work"
# What the workers write lives where their user may go (see stack/nginx-prefix.sh).
worker_files=$(mktemp -d "${TMPDIR:-/tmp}/posts-nginx-parts.XXXXXX")
chmod 755 "$worker_files"
pids=()
stop_all() {
    local pid
    for pid in "${pids[@]}"; do stop_pid "$pid"; done
    rm -rf "$worker_files"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# The configurations: a name, then edits of the laid-out nginx prefix, each "FILE|SED COMMAND" (FILE under the
# prefix: nginx.conf, conf.d/posts.conf, conf.d/posts/proxy.conf, ...), one command each. An edit that changes
# nothing stops the benchmark: the configuration it was written for has changed.
names=() edits=()
configuration() { names+=("$1"); shift; edits+=("$(printf '%s\n' "$@")"); }
configuration "project's nginx/"
configuration "without the access log" \
    'conf.d/posts/proxy.conf|/^access_log .*posts_json/d' \
    'conf.d/posts/proxy.conf|s|^access_log .*|access_log off;|'
configuration "without the request id" \
    'conf.d/posts/headers.conf|/X-Request-Id/d' \
    'conf.d/posts/proxy.conf|/proxy_set_header X-Request-Id/d' \
    'conf.d/posts.conf|s/rid=\$posts_request_id //'
configuration "without the other headers" \
    'conf.d/posts/headers.conf|/X-Request-Id/!{/^add_header /d}'
configuration "without the regular expressions of the maps" \
    'conf.d/posts.conf|/^ *"~/d'
# A read of a post meets two regular-expression locations (the ";" check, then the reads' allow-list) before
# its match ends the search; a write to /posts matches "= /posts" and meets none, which makes its row a
# measure of the noise.
configuration "without the reads' regular-expression locations" \
    'conf.d/posts/proxy.conf|/^location ~ ";" {/,/^}/d' \
    'conf.d/posts/proxy.conf|s#^location ~ "^/(|posts/.*$#location /posts/ {#'
configuration "with pcre_jit on (regular expressions compiled)" \
    'nginx.conf|1i pcre_jit on;'
if [[ -n "${BENCH_NGINX_OTHER:-}" ]]; then
    configuration "BENCH_NGINX_OTHER"
fi
configuration "bare proxy_pass"

lay_out() { # lay_out INDEX PREFIX: that configuration's nginx prefix, its edits applied
    local index=$1 prefix=$2 edit file script source="$repo/nginx" extra=()
    [[ ${names[$index]} != BENCH_NGINX_OTHER ]] || source=$BENCH_NGINX_OTHER
    [[ ${names[$index]} != "bare proxy_pass" ]] || extra=("$repo/bench/nginx/bench-bare.conf.template")
    mkdir -p "$worker_files/$index"
    BENCH_NGINX_DIR=$source "$repo/stack/nginx-prefix.sh" "$prefix" "$worker_files/$index" "${extra[@]}"
    # The bare proxy is the benchmark's alone, on the project's port.
    [[ ${#extra[@]} == 0 ]] || rm "$prefix/conf.d/posts.conf"
    while IFS= read -r edit; do
        [[ -n "$edit" ]] || continue
        file="$prefix/${edit%%|*}" script=${edit#*|}
        cp "$file" "$file.before"
        sed -i "$script" "$file"
        if cmp -s "$file" "$file.before"; then
            echo "nginx-parts: '$script' changes nothing in ${edit%%|*} for '${names[$index]}'" >&2
            exit 1
        fi
        rm "$file.before"
    done <<< "${edits[$index]}"
}

launch_nginx() { # launch_nginx PREFIX URL: nginx on PREFIX/nginx.conf, until URL answers (pid in launched_pid)
    # The access log (standard output, in 64 KiB blocks) is dropped: a file would grow by gigabytes here.
    "$nginx" -p "$1" -c "$1/nginx.conf" -g "daemon off;" > /dev/null 2> "$1/stderr.log" &
    launched_pid=$!
    pids+=("$launched_pid")
    wait_until 20 0.2 curl -fsS --max-time 5 -o /dev/null "$2" || { cat "$1/stderr.log" "$1/error.log" >&2; return 1; }
}

# The stub: the service's answer to a read (its body and headers), for every request, kept alive long.
stub_port=$(free_port)
mkdir -p "$work/stub"
cat > "$work/stub/nginx.conf" << EOF
$( ((EUID != 0)) || echo "user nobody nogroup;")
worker_processes 1;
error_log $work/stub/error.log notice;
pid $work/stub/nginx.pid;
events { worker_connections 1024; }
http {
    client_body_temp_path $worker_files/stub-body;
    proxy_temp_path $worker_files/stub-proxy;
    fastcgi_temp_path $worker_files/stub-fastcgi;
    uwsgi_temp_path $worker_files/stub-uwsgi;
    scgi_temp_path $worker_files/stub-scgi;
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$stub_port;
        location / {
            default_type application/json;
            add_header ETag '"1"';
            add_header Cache-Control "no-cache";
            add_header X-Request-Id "stub";
            add_header Content-Security-Policy "default-src 'none'; frame-ancestors 'none'";
            return 200 '{"id":1,"content":"Post number 1, written for the benchmark","author_email":"bench@example.com","created_time":"2024-01-01T00:01:00Z","updated_time":"2024-01-01T00:01:00Z","version":1}';
        }
    }
}
EOF
launch_nginx "$work/stub" "http://127.0.0.1:$stub_port/"

urls=() nginx_pids=()
for index in "${!names[@]}"; do
    prefix="$work/nginx-$index"
    project_nginx_settings "127.0.0.1:$stub_port"
    BENCH_TOMCAT="127.0.0.1:$stub_port" BENCH_BARE_LISTEN="127.0.0.2:$POSTS_HTTP_PORT"
    BENCH_STATIC_ROOT="$worker_files/$index"
    export BENCH_TOMCAT BENCH_BARE_LISTEN BENCH_STATIC_ROOT
    lay_out "$index" "$prefix"
    urls+=("http://127.0.0.2:$POSTS_HTTP_PORT")
    launch_nginx "$prefix" "${urls[$index]}/posts/1"
    nginx_pids[index]=$launched_pid
done
echo "$("$nginx" -v 2>&1 | sed 's:.*/::'), one worker each: ${#names[@]} configurations in front of a stub on 127.0.0.1:$stub_port"

requests=("GET /posts/1" "POST /posts")
run_wrk() { # run_wrk METHOD URL SECONDS: wrk's RESULT line
    WRK_METHOD=$1 WRK_TOKEN=$(random_secret 32) wrk -t2 -c"$connections" -d"$3s" --timeout 5s \
        -s "$repo/bench/wrk/report.lua" "$2" | grep '^RESULT'
}
echo "Warm-up: 1 s per configuration and request"
for url in "${urls[@]}"; do
    for request in "${requests[@]}"; do run_wrk "${request%% *}" "$url${request#* }" 1 > /dev/null; done
done

# Each line: the configuration's index, the request's, wrk's RESULT and the CPU ticks its nginx spent.
results="$work/results"
: > "$results"
for round in $(seq "$rounds"); do
    echo "Round $round of $rounds: $seconds s per configuration and request, $connections connections"
    # Each round starts one configuration further on, so that none always follows the same one.
    for step in "${!names[@]}"; do
        index=$(((step + round - 1) % ${#names[@]}))
        for request_index in "${!requests[@]}"; do
            request=${requests[$request_index]}
            before=$(cpu_ticks "${nginx_pids[$index]}")
            result=$(run_wrk "${request%% *}" "${urls[$index]}${request#* }" "$seconds")
            echo "$index $request_index $result $(($(cpu_ticks "${nginx_pids[$index]}") - before))" >> "$results"
        done
    done
done

micros_per_tick=$((1000000 / $(getconf CLK_TCK)))
column_of() { # column_of CONFIGURATION REQUEST AWK_EXPRESSION: the expression over their rounds, one per line
    awk -v c="$1" -v r="$2" '$1 == c && $2 == r { print '"$3"' }' "$results"
}
cpu_per_request() { # cpu_per_request CONFIGURATION REQUEST: the median of nginx's CPU µs per request
    column_of "$1" "$2" "(\$4 > 0 ? \$10 * $micros_per_tick / \$4 : 0)" | median
}
bare=$((${#names[@]} - 1))
for request_index in "${!requests[@]}"; do
    failed=$(awk -v r="$request_index" '$2 == r { n += $8 + $9 } END { print n + 0 }' "$results")
    project_cpu=$(cpu_per_request 0 "$request_index") bare_cpu=$(cpu_per_request "$bare" "$request_index")
    echo
    echo "\`${requests[$request_index]}\`, medians of $rounds rounds ($failed failed or non-2xx answers in all)"
    echo
    echo "| configuration | req/s | nginx CPU µs | × bare | project's minus this, µs |"
    echo "|---|---:|---:|---:|---:|"
    for index in "${!names[@]}"; do
        rps=$(column_of "$index" "$request_index" '$4 / $5' | median)
        own=$(cpu_per_request "$index" "$request_index")
        part="–"
        ((index == 0 || index == bare)) || part=$(awk -v p="$project_cpu" -v o="$own" 'BEGIN { printf "%.1f", p - o }')
        awk -v n="${names[$index]}" -v r="$rps" -v c="$own" -v b="$bare_cpu" -v part="$part" \
            'BEGIN { printf "| %s | %.0f | %.1f | %.2f | %s |\n", n, r, c, c / b, part }'
    done
done
echo "(bench/nginx-parts.sh took $SECONDS s)"
# A configuration that no longer answers as it should measures nothing worth keeping.
failed=$(awk '{ n += $8 + $9 } $4 == 0 { n++ } END { print n + 0 }' "$results")
if ((failed > 0)); then
    echo "nginx-parts: $failed failed or non-2xx answers, or runs without one answer: the figures above are void" >&2
    exit 1
fi
