#!/usr/bin/env bash
# Usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]
#   Deploys WAR as the root application of each Tomcat in turn through the Manager's text API,
#   smoke-tests each, and on any failure puts every server already touched back on its previous version.
#   Environment: TOMCAT_MANAGER_USER, TOMCAT_MANAGER_PASSWORD (a manager-script user);
#                SMOKE_TIMEOUT seconds to wait for a deployed server to answer (default 120).
# Every deployment is tagged with its build version, so the Manager keeps that WAR on the server:
# a rollback redeploys the previous tag and needs nothing from the build.
set -euo pipefail

die() { echo "deploy-tomcat: $*" >&2; exit 1; }
log() { echo "deploy-tomcat: $*"; }

(($# >= 2)) || die "usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]"
war=$1
shift
servers=("${@%/}")
: "${TOMCAT_MANAGER_USER:?set TOMCAT_MANAGER_USER}"
: "${TOMCAT_MANAGER_PASSWORD:?set TOMCAT_MANAGER_PASSWORD}"
smoke_timeout=${SMOKE_TIMEOUT:-120}
[[ -f "$war" ]] || die "no WAR at $war"

version=$(unzip -p "$war" WEB-INF/classes/build-info.properties | sed -n 's/^version=//p' | tr -d '\r')
[[ -n "$version" ]] || die "$war has no version in WEB-INF/classes/build-info.properties"

# Manager tags: the version, in characters that need no URL encoding.
tag_of() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }

manager() { # manager SERVER COMMAND [curl options...]: prints the Manager's answer
    local server=$1 command=$2
    shift 2
    curl --silent --show-error --max-time 300 --user "$TOMCAT_MANAGER_USER:$TOMCAT_MANAGER_PASSWORD" \
        "$@" "$server/manager/text/$command"
}

running_version() { # the version a server's /health reports, or nothing
    curl --silent --max-time 5 "$1/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'
}

smoke_test() { # smoke_test SERVER VERSION
    "$(dirname "${BASH_SOURCE[0]}")/smoke-test.sh" "$1" "$2" "$smoke_timeout"
}

# Before touching anything: every server answers and accepts the credentials.
declare -A previous
for server in "${servers[@]}"; do
    status=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
        --user "$TOMCAT_MANAGER_USER:$TOMCAT_MANAGER_PASSWORD" "$server/manager/text/list") || status=000
    case $status in
        200) ;;
        401|403) die "$server refused the manager credentials of $TOMCAT_MANAGER_USER (HTTP $status); nothing was changed" ;;
        000) die "$server does not answer; nothing was changed" ;;
        *) die "$server's manager answered HTTP $status; nothing was changed" ;;
    esac
    previous[$server]=$(running_version "$server")
done

rollback() {
    local server prior answer
    for server in "$@"; do
        prior=${previous[$server]}
        if [[ -z "$prior" ]]; then
            log "$server: no previous version to go back to; undeploying"
            manager "$server" "undeploy?path=/" || true
            continue
        fi
        log "$server: rolling back to $prior"
        answer=$(manager "$server" "deploy?path=/&update=true&tag=$(tag_of "$prior")") || true
        if [[ "$answer" != OK* ]] || ! smoke_test "$server" "$prior"; then
            echo "deploy-tomcat: $server: ROLLBACK FAILED: $answer" >&2
        fi
    done
}

deployed=()
for server in "${servers[@]}"; do
    log "$server: deploying $version (was ${previous[$server]:-nothing})"
    deployed+=("$server")
    answer=$(manager "$server" "deploy?path=/&update=true&tag=$(tag_of "$version")" --upload-file "$war") || true
    if [[ "$answer" != OK* ]]; then
        echo "deploy-tomcat: $server: deployment failed: $answer" >&2
        rollback "${deployed[@]}"
        die "deployment of $version failed on $server; rolled back"
    fi
    if ! smoke_test "$server" "$version"; then
        echo "deploy-tomcat: $server: smoke test failed: /health is not UP with $version, or /posts does not answer" >&2
        rollback "${deployed[@]}"
        die "smoke test of $version failed on $server; rolled back"
    fi
    log "$server: $version is serving"
done
log "deployed $version to ${#servers[@]} server(s)"
