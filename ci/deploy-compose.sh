#!/usr/bin/env bash
# Usage: ci/deploy-compose.sh TAG PUBLIC_URL
#   Redeploys the compose stack on the Docker host that DOCKER_HOST names (e.g. ssh://deploy@host),
#   from images tagged TAG under POSTS_REGISTRY: pull, up -d, wait until healthy, smoke-test
#   PUBLIC_URL for the build's version; on failure it brings the previous tag back.
#   The host keeps its own .env (secrets); nothing secret travels with the images.
#   Environment: POSTS_REGISTRY (e.g. registry.example.com/posts/), COMPOSE_PROJECT_NAME (default posts),
#   BUILD_VERSION (default: target/build-version.txt, written by ci/build.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

(($# == 2)) || { echo "usage: ci/deploy-compose.sh TAG PUBLIC_URL" >&2; exit 2; }
tag=$1
url=$2
export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-posts}
if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

running_tag() {
    local id
    id=$("${compose[@]}" ps --quiet app 2>/dev/null || true)
    [[ -n "$id" ]] && docker inspect --format '{{.Config.Image}}' "$id" | sed 's/.*://'
}

up() { # up TAG: pull and start that version, then wait until every service is healthy
    POSTS_IMAGE_TAG=$1 "${compose[@]}" pull app nginx
    POSTS_IMAGE_TAG=$1 "${compose[@]}" up --detach --no-build
    local deadline=$((SECONDS + 300)) service id state
    for service in db app nginx; do
        id=$("${compose[@]}" ps --quiet "$service")
        until state=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id") \
            && [[ "$state" == healthy || "$state" == running ]]; do
            ((SECONDS < deadline)) || { echo "deploy-compose: $service is $state" >&2; return 1; }
            sleep 3
        done
    done
}

version=${BUILD_VERSION:-$(cat target/build-version.txt)}
previous=$(running_tag || true)
echo "deploy-compose: deploying $tag (version $version), replacing ${previous:-nothing}"

if up "$tag" && "$(dirname "${BASH_SOURCE[0]}")/smoke-test.sh" "$url" "$version" 180; then
    echo "deploy-compose: $tag is serving"
    exit 0
fi
if [[ -n "$previous" ]]; then
    echo "deploy-compose: rolling back to $previous" >&2
    up "$previous"
fi
echo "deploy-compose: deployment of $tag failed" >&2
exit 1
