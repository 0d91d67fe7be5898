#!/usr/bin/env bash
# Usage: ops/boot-check.sh WAR
#   Boots WAR on a throwaway Tomcat (CATALINA_HOME, a Tomcat 10.1 or 11; JAVA_HOME if set), on a free loopback
#   port, against the database of MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASS and MYSQL_DB, runs
#   ci/smoke-test.sh against it (the WAR's version, a read; with SMOKE_TOKEN, which it also gives the service
#   as POSTS_API_TOKEN, a probe write; without, the service is read-only), and stops it.
#   Exits 1, with the end of Tomcat's log, if the WAR does not start and serve within BOOT_TIMEOUT (120) s.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=ci/lib.sh
source "$repo/ci/lib.sh"
(($# == 1)) || { sed -n '2p' "$0" >&2; exit 2; }
fail() { echo "boot-check: $*" >&2; exit 1; }
war=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[[ -f $war ]] || fail "$war: no such file"
[[ -f ${CATALINA_HOME:-}/bin/catalina.sh ]] || fail "CATALINA_HOME must name a Tomcat 10.1 or 11 installation"
version=$(unzip -p "$war" WEB-INF/classes/build-info.properties 2> /dev/null | sed -n 's/^version=//p' | tr -d '\r' || true)
[[ -n $version ]] || fail "$war has no build-info.properties: is it the service's WAR?"

base=$(mktemp -d)
tomcat_pid=""
stop() {
    if [[ -n $tomcat_pid ]]; then
        kill "$tomcat_pid" 2> /dev/null || true
        # Tomcat stops in a few seconds; bounded, then forced.
        wait_until 30 0.5 bash -c "! kill -0 $tomcat_pid" || kill -9 "$tomcat_pid" 2> /dev/null || true
    fi
    rm -rf "$base"
}
trap stop EXIT
"$repo/stack/catalina-base.sh" "$base/tomcat" "$CATALINA_HOME/conf" "ROOT=$war" > /dev/null
port=$(free_port)
# Writes only for the smoke test's probe, with its token; else a read-only service, as the check needs.
if [[ -n ${SMOKE_TOKEN:-} ]]; then
    export POSTS_API_TOKEN=$SMOKE_TOKEN
else
    export POSTS_READ_ONLY=true POSTS_API_TOKEN=
fi
# exec: $! is Tomcat's JVM itself, so the kill above reaches it.
POSTS_ADDRESS=127.0.0.1 POSTS_PORT=$port TRUSTED_PROXIES='127\.0\.0\.1' \
    POSTS_METRICS_ADDRESS=127.0.0.1 POSTS_METRICS_PORT=$((port + 1)) \
    POSTS_ACCESS_LOG_DIRECTORY="$base/tomcat/logs" POSTS_ACCESS_LOG_PREFIX=access.log \
    CATALINA_BASE="$base/tomcat" bash -c 'exec sh "$CATALINA_HOME/bin/catalina.sh" run' \
    > "$base/catalina.out" 2>&1 &
tomcat_pid=$!
if ! "$repo/ci/smoke-test.sh" "http://127.0.0.1:$port" "$version" "${BOOT_TIMEOUT:-120}"; then
    tail -n 40 "$base/catalina.out" "$base"/tomcat/logs/localhost.*.log >&2 || true
    fail "$war did not start and serve on ${MYSQL_DB:-my_flask}"
fi
echo "boot-check: $war ($version) started and served on database ${MYSQL_DB:-my_flask}"
