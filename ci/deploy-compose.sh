#!/usr/bin/env bash
# Usage: ci/deploy-compose.sh TAG PUBLIC_URL
#   Redeploys the compose stack on a Docker host over ssh, by immutable image tag (a commit, never latest).
#   Compose runs on the host, in DEPLOY_DIR, with the host's own .env: this script copies the commit's
#   docker-compose.yml to DEPLOY_DIR/releases/TAG/, and ci/compose-host.sh (sent over ssh) pins the images
#   to REGISTRY/…:TAG, pulls them, starts them and waits until healthy. Then ci/smoke-test.sh checks
#   PUBLIC_URL for the build's version and creates and deletes a probe post with the host's POSTS_API_TOKEN
#   (read from its .env over ssh, never written on the agent). Only then does TAG become the host's current
#   release; on failure the previous current release is started again and smoke-tested.
#   Environment: DEPLOY_HOST (ssh destination, e.g. deploy@posts-host.example.com), DEPLOY_DIR (/srv/posts),
#   POSTS_REGISTRY (e.g. registry.example.com/posts/), COMPOSE_PROJECT_NAME (posts), BUILD_VERSION (default:
#   target/build-version.txt), DEPLOY_SSH_CONFIG (an ssh_config file, optional), SMOKE_TIMEOUT (180),
#   SMOKE_TOKEN (an admin token for the smoke test; default: POSTS_API_TOKEN from the host's .env),
#   DEPLOY_ALLOW_HTTP=yes (local tests only: accept an http:// PUBLIC_URL).
#   Exit status: 0 deployed; 1 failed, and the previous release serves (or nothing was changed);
#   2 usage; 3 failed and NOT rolled back: someone must look at the host.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
# shellcheck source=ci/lib.sh
source ci/lib.sh

log() { echo "deploy-compose: $*"; }
die() { echo "deploy-compose: $*" >&2; exit "${2:-1}"; }

(($# == 2)) || die "usage: ci/deploy-compose.sh TAG PUBLIC_URL" 2
tag=$1
url=${2%/}
host=${DEPLOY_HOST:?set DEPLOY_HOST to the ssh destination of the Docker host}
dir=${DEPLOY_DIR:-/srv/posts}
registry=${POSTS_REGISTRY:?set POSTS_REGISTRY (e.g. registry.example.com/posts/)}
project=${COMPOSE_PROJECT_NAME:-posts}
[[ "$registry" == */ ]] || registry="$registry/"
# A commit tag names one build forever; "latest" moves, so it can neither be deployed nor rolled back to.
[[ "$tag" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ && "$tag" != latest ]] || die "TAG must be an immutable tag, not '$tag'" 2
[[ "$url" == https://* || "${DEPLOY_ALLOW_HTTP:-}" == yes ]] || die "PUBLIC_URL must be https (the smoke test sends the API token)" 2
version=${BUILD_VERSION:-$(cat target/build-version.txt)}

# One deploy at a time to this host folder from this agent (Jenkins' lock covers the other agents).
hold_deploy_lock "compose $host:$dir" || die "another deploy to $host:$dir is running from this agent, or its lock is unsafe (said above); nothing was changed"

ssh_options=(-o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15)
[[ -z "${DEPLOY_SSH_CONFIG:-}" ]] || ssh_options+=(-F "$DEPLOY_SSH_CONFIG")
# shellcheck disable=SC2029 # quoted here on purpose (printf %q), for the host's shell to unquote
on_ssh() { # on_ssh COMMAND ARGS... [< INPUT]: one command on the host, its arguments quoted for the host's shell
    ssh "${ssh_options[@]}" "$host" "$(printf '%q ' "$@")"
}
on_host() { # on_host COMMAND ARGS...: ci/compose-host.sh on the host
    on_ssh bash -s -- "$@" < "$here/compose-host.sh"
}

current=$(on_host check "$dir") || die "$host is not ready for a deploy; nothing was changed"
previous=${current%% *}
previous_version=${current#* }
# The smoke test writes with an admin's token: SMOKE_TOKEN when the pipeline has one (the stack may run
# without POSTS_API_TOKEN once its database holds an admin), else the stack's POSTS_API_TOKEN.
token=${SMOKE_TOKEN:-}
[[ -n "$token" ]] || token=$(on_host token "$dir") \
    || die "cannot read the API token from $host:$dir/.env; nothing was changed"
[[ ${#token} -ge 16 ]] || die "no admin token for the smoke test: $host:$dir/.env has no POSTS_API_TOKEN (16+ characters) and SMOKE_TOKEN is not set; nothing was changed"
log "deploying $tag (version $version) to $host:$dir, replacing ${previous:-nothing}"

# The compose file travels with the commit it belongs to: releases/TAG/ on the host is that commit's.
# shellcheck disable=SC2016 # $1 is the host's
on_ssh sh -c 'mkdir -p "$(dirname "$1")" && cat > "$1"' copy "$dir/releases/$tag/docker-compose.yml" < docker-compose.yml \
    || die "cannot copy docker-compose.yml to $host:$dir/releases/$tag; the running stack was not changed"

smoke_test() { # smoke_test VERSION
    SMOKE_TOKEN=$token "$here/smoke-test.sh" "$url" "$1" "${SMOKE_TIMEOUT:-180}"
}

status=0
on_host up "$dir" "$project" "$tag" "$registry" || status=$?
if ((status == 3)); then
    die "the host could not pull $tag; the running stack was not changed"
fi
if ((status == 0)) && smoke_test "$version"; then
    on_host commit "$dir" "$tag" "$version"
    log "$tag (version $version) is serving"
    exit 0
fi

echo "deploy-compose: $tag failed" >&2
[[ -n "$previous" ]] || die "no previous release on $host:$dir to roll back to; $tag is left as it is. NOT rolled back" 3
log "rolling back to $previous (version $previous_version)"
if on_host up "$dir" "$project" "$previous" && smoke_test "$previous_version"; then
    die "deployment of $tag failed; rolled back to $previous, which is serving"
fi
die "deployment of $tag failed and ROLLBACK FAILED: $previous does not serve on $host:$dir" 3
