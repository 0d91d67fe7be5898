#!/bin/sh
# Usage: 30-posts-upstream.sh   (run by the nginx image's entrypoint, after the templates are rendered)
# Writes conf.d/posts/upstream-servers.conf, the app servers of the posts_app upstream, from POSTS_UPSTREAM:
# servers separated by commas, each "host:port" and then nginx server parameters, for example
#   POSTS_UPSTREAM="tomcat-1:8080 weight=2, tomcat-2:8080, tomcat-3:8080 backup"
# A server without max_fails or fail_timeout gets max_fails=2 fail_timeout=10s (passive health: after two
# failed tries, nginx leaves it alone for 10 s). Anything malformed stops nginx's start with a message.
set -eu
conf_dir="${NGINX_CONF_DIR:-/etc/nginx}"
target="$conf_dir/conf.d/posts/upstream-servers.conf"
fail() {
    echo "posts: POSTS_UPSTREAM='${POSTS_UPSTREAM:-}': $*" >&2
    exit 1
}

[ -n "$(echo "${POSTS_UPSTREAM:-}" | tr -d ' ,')" ] || fail "no server; set host:port[ parameters][, host:port ...]"
servers=""
old_ifs=$IFS
# Split without globbing: "[::1]:8080" is an address, not a file name pattern.
set -f
IFS=,
for entry in $POSTS_UPSTREAM; do
    IFS=$old_ifs
    # Words of the entry: the address, then its parameters.
    # shellcheck disable=SC2086 # split on white space on purpose
    set -- $entry
    [ $# -gt 0 ] || fail "an empty entry (two commas in a row, or one at the start)"
    echo "$1" | grep -Eq '^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$' \
        || fail "'$1' is not host:port"
    line="server $1"
    health=""
    shift
    for parameter in "$@"; do
        echo "$parameter" | grep -Eq '^(weight=[0-9]+|max_conns=[0-9]+|max_fails=[0-9]+|fail_timeout=[0-9]+(ms|s|m)?|backup|down|resolve)$' \
            || fail "'$parameter' is not one of weight=N, max_conns=N, max_fails=N, fail_timeout=T, backup, down, resolve"
        case "$parameter" in max_fails=*|fail_timeout=*) health="yes" ;; esac
        line="$line $parameter"
    done
    [ -n "$health" ] || line="$line max_fails=2 fail_timeout=10s"
    servers="$servers$line;
"
    IFS=,
done
IFS=$old_ifs
set +f
printf '# From POSTS_UPSTREAM, by 30-posts-upstream.sh.\n%s' "$servers" > "$target"
echo "posts: upstream servers: $(grep -c '^server' "$target")"
