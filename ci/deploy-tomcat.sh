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

say() { echo "deploy-tomcat: $1" >&2; }
die() { say "$1"; exit "${2:-1}"; }
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
# Settings, fixed from here on; the steps below return how they went instead of setting anything.
readonly war servers smoke_timeout candidate_path version label new

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

check() { # check SERVER: it answers, accepts the credentials, and would send traffic to the new label; prints the
    # version serving now (the newest one running, or nothing); 1, saying why, if not
    local server=$1 status contexts newest
    status=$(with_credentials --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
        "$server/manager/text/list") || status=000
    case $status in
        200) ;;
        401|403) say "$server refused the manager credentials of $TOMCAT_MANAGER_USER (HTTP $status); nothing was changed"; return 1 ;;
        000) say "$server does not answer; nothing was changed"; return 1 ;;
        *) say "$server's manager answered HTTP $status; nothing was changed"; return 1 ;;
    esac
    contexts=$(root_contexts "$server") || { say "$server: the Manager did not list its applications; nothing was changed"; return 1; }
    newest=$(awk '{ print $2 }' <<< "$contexts" | tail -n 1)
    if [[ -n "$newest" ]] && [[ ! "$newest" < "$new" ]]; then
        say "$server already has $newest, which Tomcat would prefer to $new (labels must sort in deploy order); nothing was changed"
        return 1
    fi
    awk '$1 == "running" { print $2 }' <<< "$contexts" | tail -n 1
}

candidate() { # candidate SERVER: the WAR starts and serves beside the service, taking no traffic, and is removed;
    # 1 if it did not start or serve; 3 if it could not be removed either (it stays deployed)
    local server=$1 status=0
    manager "$server" "undeploy?path=$candidate_path" > /dev/null || true
    if ! manager_ok "$server" "deploy?path=$candidate_path&update=true" --upload-file "$war" \
        || ! smoke_test "$server$candidate_path" "$version"; then
        status=1
    fi
    manager_ok "$server" "undeploy?path=$candidate_path" || status=3
    return "$status"
}

switch() { # switch SERVER: the WAR as the new version of the root application, which takes every new request once
    # started; 1 if the deployment failed, 2 if the new version does not serve
    manager_ok "$1" "deploy?$(at_root "$new")" --upload-file "$war" || return 1
    smoke_test "$1" "$version" || return 2
}

retire() { # retire SERVER PREVIOUS: stops every other version; undeploys all but the new and PREVIOUS
    local server=$1 previous=$2 state name contexts
    contexts=$(root_contexts "$server") || return 1
    while read -r state name; do
        [[ -n "$name" && "$name" != "$new" ]] || continue
        if [[ "$state" == running ]]; then
            manager_ok "$server" "stop?$(at_root "$name")" || return 1
        fi
        if [[ "$name" != "$previous" ]]; then
            manager_ok "$server" "undeploy?$(at_root "$name")" || return 1
        fi
    done <<< "$contexts"
}

roll_back() { # roll_back SERVER PREVIOUS PREVIOUS_VERSION: PREVIOUS serves again, the new version goes; 1 if not
    local server=$1 previous=$2 previous_version=$3
    if [[ -z "$previous" ]]; then
        # Undeploying would leave the server serving nothing at all; what failed stays for a person to judge.
        say "$server: no previous version to go back to; left as the failed deploy of $version left it, NOT rolled back"
        return 1
    fi
    log "$server: rolling back to $previous (${previous_version:-version unknown})"
    # The previous version serves again before the new one goes.
    if manager_ok "$server" "start?$(at_root "$previous")" \
        && { ! has_root_context "$server" "$new" || manager_ok "$server" "undeploy?$(at_root "$new")"; } \
        && smoke_test "$server" "$previous_version"; then
        return 0
    fi
    say "$server: ROLLBACK FAILED"
    return 1
}

main() { # check every server, then on each in turn: candidate, switch, retire; on a failure, roll back
    local -A previous=() previous_version=()
    local server switched=() status=0 failure='' candidate_left=''
    # Before touching anything, every server is checked.
    for server in "${servers[@]}"; do
        previous[$server]=$(check "$server") || exit 1
        previous_version[$server]=$(running_version "$server") || true
    done
    for server in "${servers[@]}"; do
        log "$server: deploying $version as $new (serving: ${previous[$server]:-nothing}, ${previous_version[$server]:-no version})"
        candidate "$server" || status=$?
        if ((status != 0)); then
            ((status != 3)) || candidate_left=$server
            failure="$version did not start or did not pass the smoke test under $server$candidate_path"
            break
        fi
        switched+=("$server")
        switch "$server" || status=$?
        if ((status == 1)); then
            failure="deployment of $version failed on $server"
            break
        elif ((status == 2)); then
            failure="smoke test of $version failed on $server: /health is not UP with $version, or /posts does not answer"
            break
        fi
        if ! retire "$server" "${previous[$server]}"; then
            failure="$server: the versions before $new could not be stopped"
            break
        fi
        log "$server: $version is serving; ${previous[$server]:-nothing} kept, stopped, for a rollback"
    done
    if [[ -z "$failure" ]]; then
        log "deployed $version as $new to ${#servers[@]} server(s)"
        return 0
    fi

    # Every server switched so far goes back; a candidate that could not be undeployed needs a person.
    local left='' code=1 not_rolled_back=()
    [[ -z "$candidate_left" ]] || left="; $candidate_left$candidate_path is still deployed (NOT removed)" code=3
    ((${#switched[@]} > 0)) \
        || die "$failure; no server switched to $version (the candidate ran its database migrations, if it had any)$left" "$code"
    for server in "${switched[@]}"; do
        roll_back "$server" "${previous[$server]}" "${previous_version[$server]}" || not_rolled_back+=("$server")
    done
    ((${#not_rolled_back[@]} == 0)) || die "$failure; NOT rolled back: ${not_rolled_back[*]} needs a person$left" 3
    die "$failure; rolled back ${switched[*]}$left" "$code"
}

main
