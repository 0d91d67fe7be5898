#!/usr/bin/env bash
# Usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]
#   Rolls WAR out as the root application of each Tomcat in turn, through the Manager's text API and
#   Tomcat's parallel deployment, without taking the service away from any server:
#     1. the WAR starts beside the service under /posts-candidate and is smoke-tested there, so a version
#        that cannot start, reports another version or cannot serve never takes a request;
#     2. it is deployed as ROOT##<label>: once started, Tomcat sends it every new request while the
#        previous version finishes the ones it has; smoke-tested again;
#     3. the previous version is stopped (kept, stopped, for a rollback); older ones are undeployed.
#   On any failure every server already touched is put back: its previous version started, the new one
#   undeployed. Each SERVER_URL is that Tomcat's Manager connector, which the proxy never forwards to
#   (docs/farm-security.md); the versions are smoke-tested through it too.
#   Environment: TOMCAT_MANAGER_USER, TOMCAT_MANAGER_PASSWORD (a manager-script user; the password goes to
#                curl on its standard input, never on a command line);
#                SMOKE_TIMEOUT seconds to wait for a deployed version to answer (default 120);
#                SMOKE_TOKEN the service's API token, to prove that the new version writes (optional);
#                DEPLOY_LABEL the parallel-deployment version (default: UTC time, then the build version);
#                Tomcat orders versions as strings, so labels must sort in the order of the deploys;
#                DEPLOY_ALLOW_HTTP=yes (local tests only: accept http:// servers, which would send the
#                Manager password in clear).
#   Exit status: 0 deployed; 1 failed, and every server is back on its previous version (or nothing was
#   changed); 2 usage; 3 failed and NOT rolled back everywhere: the message names the servers to look at.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Byte order for comparing labels, as Tomcat compares versions.
export LC_ALL=C

die() { echo "deploy-tomcat: $1" >&2; exit "${2:-1}"; }
log() { echo "deploy-tomcat: $*"; }

(($# >= 2)) || die "usage: ci/deploy-tomcat.sh WAR SERVER_URL [SERVER_URL ...]" 2
war=$1
shift
servers=("${@%/}")
: "${TOMCAT_MANAGER_USER:?set TOMCAT_MANAGER_USER}"
: "${TOMCAT_MANAGER_PASSWORD:?set TOMCAT_MANAGER_PASSWORD}"
smoke_timeout=${SMOKE_TIMEOUT:-120}
candidate_path=/posts-candidate
[[ -f "$war" ]] || die "no WAR at $war"
for server in "${servers[@]}"; do
    [[ "$server" == https://* || "${DEPLOY_ALLOW_HTTP:-}" == yes ]] \
        || die "$server: the Manager is reached over https only (the password travels with every request)" 2
done

# One deploy at a time to each server from this agent (Jenkins' lock covers the other agents).
for server in "${servers[@]}"; do
    hold_deploy_lock "tomcat $server" || die "another deploy to $server is running from this agent, or its lock is unsafe (said above); nothing was changed"
done

version=$(unzip -p "$war" WEB-INF/classes/build-info.properties | sed -n 's/^version=//p' | tr -d '\r')
[[ -n "$version" ]] || die "$war has no version in WEB-INF/classes/build-info.properties"
# The context's version: characters that need no URL encoding, and a UTC time first so that labels sort in time.
label=$(printf '%s' "${DEPLOY_LABEL:-$(date -u +%Y%m%dT%H%M%SZ)-$version}" | tr -c 'A-Za-z0-9._-' '_')
new="ROOT##$label"

with_credentials() { # with_credentials CURL_ARGS...: curl with the Manager user, given as a config on stdin
    printf 'user = %s\n' "$(curl_config_string "$TOMCAT_MANAGER_USER:$TOMCAT_MANAGER_PASSWORD")" \
        | curl --config - "$@"
}

manager() { # manager SERVER COMMAND [curl options...]: prints the Manager's answer
    local server=$1 command=$2
    shift 2
    with_credentials --silent --show-error --max-time 300 "$@" "$server/manager/text/$command"
}

root_contexts() { # root_contexts SERVER: "STATE NAME" of each version of the root application (NAME: ROOT##label)
    local answer
    answer=$(manager "$1" list) || answer=
    if [[ "$answer" != OK* ]]; then
        echo "deploy-tomcat: $1: list: ${answer:-no answer}" >&2
        return 1
    fi
    # The list's last field is the docBase: ROOT##label (unpacked), ROOT##label.war, or a path to either.
    awk -F: '$1 == "/" { name = $NF; sub(/.*\//, "", name); sub(/[.]war$/, "", name); print $2, name }' \
        <<< "$answer" | sort -k2
}

has_root_context() { # has_root_context SERVER NAME: that version of the root application is deployed
    root_contexts "$1" | awk -v name="$2" '$2 == name { found = 1 } END { exit !found }'
}

at_root() { # at_root NAME: the Manager's parameters for that version of the root application
    if [[ "$1" == ROOT##* ]]; then
        printf 'path=/&version=%s' "${1#ROOT##}"
    else
        printf 'path=/'
    fi
}

# The Manager answers OK once the command is done (a deployment once the application has started).
manager_ok() { # manager_ok SERVER COMMAND [curl options...]: runs it; fails, saying why, unless it answered OK
    local answer
    answer=$(manager "$@") || true
    [[ "$answer" == OK* ]] || { echo "deploy-tomcat: $1: $2: ${answer:-no answer}" >&2; return 1; }
}

running_version() { # the version a server's /health reports, or nothing
    curl --silent --max-time 5 "$1/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'
}

smoke_test() { # smoke_test BASE_URL VERSION
    "$(dirname "${BASH_SOURCE[0]}")/smoke-test.sh" "$1" "$2" "$smoke_timeout"
}

# Before touching anything: every server answers, accepts the credentials, and would send traffic to the new label.
declare -A previous previous_version
for server in "${servers[@]}"; do
    status=$(with_credentials --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
        "$server/manager/text/list") || status=000
    case $status in
        200) ;;
        401|403) die "$server refused the manager credentials of $TOMCAT_MANAGER_USER (HTTP $status); nothing was changed" ;;
        000) die "$server does not answer; nothing was changed" ;;
        *) die "$server's manager answered HTTP $status; nothing was changed" ;;
    esac
    contexts=$(root_contexts "$server") || die "$server: the Manager did not list its applications; nothing was changed"
    newest=$(awk '{ print $2 }' <<< "$contexts" | tail -n 1)
    if [[ -n "$newest" ]] && [[ ! "$newest" < "$new" ]]; then
        die "$server already has $newest, which Tomcat would prefer to $new (labels must sort in deploy order); nothing was changed"
    fi
    # The version serving now: the newest one running.
    previous[$server]=$(awk '$1 == "running" { print $2 }' <<< "$contexts" | tail -n 1)
    previous_version[$server]=$(running_version "$server") || true
done

rollback() { # rollback SERVER...: each back on its previous version; fails if any is not
    local server prior failed=()
    for server in "$@"; do
        prior=${previous[$server]}
        if [[ -z "$prior" ]]; then
            # Undeploying would leave the server serving nothing at all; what failed stays for a person to judge.
            echo "deploy-tomcat: $server: no previous version to go back to; left as the failed deploy of $version left it, NOT rolled back" >&2
            failed+=("$server")
            continue
        fi
        log "$server: rolling back to $prior (${previous_version[$server]:-version unknown})"
        # The previous version serves again before the new one goes.
        if manager_ok "$server" "start?$(at_root "$prior")" \
            && { ! has_root_context "$server" "$new" || manager_ok "$server" "undeploy?$(at_root "$new")"; } \
            && smoke_test "$server" "${previous_version[$server]}"; then
            continue
        fi
        echo "deploy-tomcat: $server: ROLLBACK FAILED" >&2
        failed+=("$server")
    done
    if ((${#failed[@]} > 0)); then
        rollback_failed=${failed[*]}
        return 1
    fi
}

give_up() { # give_up REASON: roll back every server touched so far, and say how that went
    local left='' code=1
    rollback_failed=
    # A candidate that could not be undeployed stays deployed under its path: a person must remove it.
    [[ -z "$candidate_left" ]] || left="; $candidate_left$candidate_path is still deployed (NOT removed)" code=3
    if ((${#deployed[@]} == 0)); then
        die "$1; no server switched to $version (the candidate ran its database migrations, if it had any)$left" "$code"
    fi
    if rollback "${deployed[@]}"; then
        die "$1; rolled back ${deployed[*]}$left" "$code"
    fi
    die "$1; NOT rolled back: $rollback_failed needs a person$left" 3
}

candidate_passes() { # candidate_passes SERVER: the WAR starts and serves beside the service, taking no traffic
    local server=$1 passed=yes
    manager "$server" "undeploy?path=$candidate_path" > /dev/null || true
    if ! manager_ok "$server" "deploy?path=$candidate_path&update=true" --upload-file "$war"; then
        passed=no
    elif ! smoke_test "$server$candidate_path" "$version"; then
        passed=no
    fi
    if ! manager_ok "$server" "undeploy?path=$candidate_path"; then
        candidate_left=$server
        passed=no
    fi
    [[ "$passed" == yes ]]
}

retire_older() { # retire_older SERVER: stops every other version; undeploys all but the new and the previous
    local server=$1 state name contexts
    contexts=$(root_contexts "$server") || return 1
    while read -r state name; do
        [[ -n "$name" && "$name" != "$new" ]] || continue
        if [[ "$state" == running ]]; then
            manager_ok "$server" "stop?$(at_root "$name")" || return 1
        fi
        if [[ "$name" != "${previous[$server]}" ]]; then
            manager_ok "$server" "undeploy?$(at_root "$name")" || return 1
        fi
    done <<< "$contexts"
}

deployed=()
candidate_left=
for server in "${servers[@]}"; do
    log "$server: deploying $version as $new (serving: ${previous[$server]:-nothing}, ${previous_version[$server]:-no version})"
    if ! candidate_passes "$server"; then
        give_up "$version did not start or did not pass the smoke test under $server$candidate_path"
    fi
    deployed+=("$server")
    if ! manager_ok "$server" "deploy?$(at_root "$new")" --upload-file "$war"; then
        give_up "deployment of $version failed on $server"
    fi
    if ! smoke_test "$server" "$version"; then
        give_up "smoke test of $version failed on $server: /health is not UP with $version, or /posts does not answer"
    fi
    if ! retire_older "$server"; then
        give_up "$server: the versions before $new could not be stopped"
    fi
    log "$server: $version is serving; ${previous[$server]:-nothing} kept, stopped, for a rollback"
done
log "deployed $version as $new to ${#servers[@]} server(s)"
