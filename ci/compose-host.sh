#!/usr/bin/env bash
# Usage: bash compose-host.sh check|token|up|commit DIR [ARGS...]   (on the Docker host; ci/deploy-compose.sh
#   sends it over ssh: ssh HOST bash -s -- COMMAND DIR ... < ci/compose-host.sh)
#   check DIR                           the host is ready (DIR/.env, compose); prints "TAG VERSION" of the
#                                       current release, or nothing before the first one
#   token DIR                           prints POSTS_API_TOKEN from DIR/.env (for the smoke test's probe post)
#   up DIR PROJECT TAG [REGISTRY]       starts releases/TAG (pins its images to REGISTRY's TAG when given),
#                                       pulls them first, waits until healthy; exit 3: pull failed, nothing changed
#   commit DIR TAG VERSION              makes TAG the current release; keeps the newest five releases
# DIR holds the operator's .env, an optional docker-compose.host.yml (local additions such as a TLS mount)
# and releases/TAG/ with the docker-compose.yml of each deployed commit.
set -euo pipefail

die() { echo "compose-host: $*" >&2; exit 1; }

env_value() { # env_value NAME: a setting from .env, without surrounding quotes
    sed -n "s/^$1=//p" "$dir/.env" | tail -n 1 | sed "s/^\"\(.*\)\"\$/\1/; s/^'\(.*\)'\$/\1/"
}

compose() { # compose TAG ARGS...: docker compose on the release TAG, with the host's .env and additions
    local release="$dir/releases/$1"
    shift
    local files=(-f "$release/docker-compose.yml" -f "$release/release.yml")
    [[ ! -f "$dir/docker-compose.host.yml" ]] || files+=(-f "$dir/docker-compose.host.yml")
    "${compose_cmd[@]}" --project-name "$project" --project-directory "$dir" --env-file "$dir/.env" "${files[@]}" "$@"
}

wait_until_healthy() { # wait_until_healthy TAG: db and app healthy, nginx running, within the bound
    local deadline=$((SECONDS + ${DEPLOY_WAIT:-300})) service id state
    for service in db app nginx; do
        id=$(compose "$1" ps --quiet "$service")
        [[ -n "$id" ]] || die "$service has no container"
        until state=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id") \
            && [[ "$state" == healthy || ( "$service" == nginx && "$state" == running ) ]]; do
            [[ "$state" != unhealthy && "$state" != exited ]] || die "$service is $state"
            ((SECONDS < deadline)) || die "$service is ${state:-gone} after ${DEPLOY_WAIT:-300} s"
            sleep 2
        done
    done
}

up() { # up PROJECT TAG [REGISTRY]
    project=$1
    local tag=$2 registry=${3:-} release="$dir/releases/$2" image
    [[ -f "$release/docker-compose.yml" ]] || die "no $release/docker-compose.yml"
    if [[ -n "$registry" ]]; then
        printf 'version: "3.8"\nservices:\n  app:\n    image: %s\n  nginx:\n    image: %s\n' \
            "${registry}posts-service-app:$tag" "${registry}posts-service-nginx:$tag" > "$release/release.yml"
    fi
    [[ -f "$release/release.yml" ]] || die "no $release/release.yml: give the registry"
    # Tags are immutable: an image already here is the one pulled before (so a rollback needs no registry).
    while read -r image; do
        docker image inspect "$image" > /dev/null 2>&1 || docker pull --quiet "$image" \
            || { echo "compose-host: cannot pull $image; nothing was changed" >&2; exit 3; }
    done < <(sed -n 's/^ *image: //p' "$release/release.yml")
    compose "$tag" up --detach --no-build --remove-orphans
    wait_until_healthy "$tag"
    echo "compose-host: $tag is up and healthy"
}

commit() { # commit TAG VERSION
    local tag=$1 old
    echo "$2" > "$dir/releases/$tag/version"
    ln -sfn "releases/$tag" "$dir/current.new" && mv -T "$dir/current.new" "$dir/current"
    # shellcheck disable=SC2012 # release folders are named by tag: no odd characters
    ls -1t "$dir/releases" | tail -n +6 | while read -r old; do
        [[ "$old" == "$tag" ]] || rm -rf "${dir:?}/releases/$old"
    done
}

main() {
    (($# >= 2)) || die "usage: compose-host.sh check|token|up|commit DIR [ARGS...]"
    local command=$1
    dir=${2%/}
    shift 2
    # Before anything else, so that a host without its settings is left exactly as it was.
    [[ -f "$dir/.env" ]] || die "no $dir/.env on $(hostname); create it from .env.example first. Nothing was changed"
    if docker compose version > /dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
    "${compose_cmd[@]}" version > /dev/null 2>&1 || die "neither docker compose nor docker-compose on $(hostname)"
    case $command in
        check) [[ ! -L "$dir/current" ]] || echo "$(basename "$(readlink "$dir/current")") $(cat "$dir/current/version")" ;;
        token) env_value POSTS_API_TOKEN ;;
        up) (($# >= 2)) || die "usage: compose-host.sh up DIR PROJECT TAG [REGISTRY]"; up "$@" ;;
        commit) (($# == 2)) || die "usage: compose-host.sh commit DIR TAG VERSION"; commit "$@" ;;
        *) die "unknown command $command" ;;
    esac
}

# Bash reads this script from standard input: nothing it runs may read that input.
main "$@" < /dev/null
