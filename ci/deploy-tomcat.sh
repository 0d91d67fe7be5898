#!/usr/bin/env bash
# Usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]
#   Deploys WAR as the root application of each Tomcat in turn through the Manager's text API,
#   smoke-tests each, and on any failure puts every server already touched back on its previous version.
#   Environment: TOMCAT_MANAGER_USER, TOMCAT_MANAGER_PASSWORD (a manager-script user; the password goes to
#                curl on its standard input, never on a command line);
#                SMOKE_TIMEOUT seconds to wait for a deployed server to answer (default 120);
#                DEPLOY_ALLOW_HTTP=yes (local tests only: accept http:// servers, which would send the
#                Manager password in clear).
#   Exit status: 0 deployed; 1 failed, and every server is back on its previous version (or nothing was
#   changed); 2 usage; 3 failed and NOT rolled back everywhere: the message names the servers to look at.
# Every deployment is tagged with its build version, so the Manager keeps that WAR on the server:
# a rollback redeploys the previous tag and needs nothing from the build.
set -euo pipefail

die() { echo "deploy-tomcat: $*" >&2; exit "${2:-1}"; }
log() { echo "deploy-tomcat: $*"; }

(($# >= 2)) || die "usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]" 2
war=$1
shift
servers=("${@%/}")
: "${TOMCAT_MANAGER_USER:?set TOMCAT_MANAGER_USER}"
: "${TOMCAT_MANAGER_PASSWORD:?set TOMCAT_MANAGER_PASSWORD}"
smoke_timeout=${SMOKE_TIMEOUT:-120}
[[ -f "$war" ]] || die "no WAR at $war"
for server in "${servers[@]}"; do
    [[ "$server" == https://* || "${DEPLOY_ALLOW_HTTP:-}" == yes ]] \
        || die "$server: the Manager is reached over https only (the password travels with every request)" 2
done

# One deploy at a time to each server from this agent (Jenkins' lock covers the other agents).
lock_dir="${TMPDIR:-/tmp}/posts-deploy-locks-$(id -u)"
mkdir -p "$lock_dir" && chmod 700 "$lock_dir"
for server in "${servers[@]}"; do
    exec {lock}> "$lock_dir/tomcat-$(printf '%s' "$server" | sha256sum | cut -c1-16).lock"
    flock --nonblock "$lock" || die "another deploy to $server is running from this agent; nothing was changed"
done

version=$(unzip -p "$war" WEB-INF/classes/build-info.properties | sed -n 's/^version=//p' | tr -d '\r')
[[ -n "$version" ]] || die "$war has no version in WEB-INF/classes/build-info.properties"

# Manager tags: the version, in characters that need no URL encoding.
tag_of() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }

with_credentials() { # with_credentials CURL_ARGS...: curl with the Manager user, given as a config on stdin
    local user="$TOMCAT_MANAGER_USER:$TOMCAT_MANAGER_PASSWORD"
    user=${user//\\/\\\\}
    printf 'user = "%s"\n' "${user//\"/\\\"}" | curl --config - "$@"
}

manager() { # manager SERVER COMMAND [curl options...]: prints the Manager's answer
    local server=$1 command=$2
    shift 2
    with_credentials --silent --show-error --max-time 300 "$@" "$server/manager/text/$command"
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
    status=$(with_credentials --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
        "$server/manager/text/list") || status=000
    case $status in
        200) ;;
        401|403) die "$server refused the manager credentials of $TOMCAT_MANAGER_USER (HTTP $status); nothing was changed" ;;
        000) die "$server does not answer; nothing was changed" ;;
        *) die "$server's manager answered HTTP $status; nothing was changed" ;;
    esac
    previous[$server]=$(running_version "$server")
done

rollback() { # rollback SERVER...: each back on its previous version; fails if any is not
    local server prior answer failed=()
    for server in "$@"; do
        prior=${previous[$server]}
        if [[ -z "$prior" ]]; then
            # Undeploying would leave the server serving nothing at all; what failed stays for a person to judge.
            echo "deploy-tomcat: $server: no previous version to go back to; left as the failed deploy of $version left it, NOT rolled back" >&2
            failed+=("$server")
            continue
        fi
        log "$server: rolling back to $prior"
        answer=$(manager "$server" "deploy?path=/&update=true&tag=$(tag_of "$prior")") || true
        if [[ "$answer" != OK* ]] || ! smoke_test "$server" "$prior"; then
            echo "deploy-tomcat: $server: ROLLBACK FAILED: ${answer:-no answer}" >&2
            failed+=("$server")
        fi
    done
    if ((${#failed[@]} > 0)); then
        rollback_failed=${failed[*]}
        return 1
    fi
}

give_up() { # give_up REASON: roll back every server touched so far, and say how that went
    rollback_failed=
    if rollback "${deployed[@]}"; then
        die "$1; rolled back ${deployed[*]}"
    fi
    die "$1; NOT rolled back: $rollback_failed needs a person" 3
}

deployed=()
for server in "${servers[@]}"; do
    log "$server: deploying $version (was ${previous[$server]:-nothing})"
    deployed+=("$server")
    answer=$(manager "$server" "deploy?path=/&update=true&tag=$(tag_of "$version")" --upload-file "$war") || true
    if [[ "$answer" != OK* ]]; then
        echo "deploy-tomcat: $server: deployment failed: $answer" >&2
        give_up "deployment of $version failed on $server"
    fi
    if ! smoke_test "$server" "$version"; then
        echo "deploy-tomcat: $server: smoke test failed: /health is not UP with $version, or /posts does not answer" >&2
        give_up "smoke test of $version failed on $server"
    fi
    log "$server: $version is serving"
done
log "deployed $version to ${#servers[@]} server(s)"
