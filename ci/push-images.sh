#!/usr/bin/env bash
# Usage: ci/push-images.sh REGISTRY TAG [TAG...]
#   Pushes posts-service-app and posts-service-nginx under REGISTRY (e.g. registry.example.com/posts).
#   Refuses any image built on a CI stand-in base image (label posts.ci-standin), which must never ship.
set -euo pipefail

(($# >= 2)) || { echo "usage: ci/push-images.sh REGISTRY TAG [TAG...]" >&2; exit 2; }
registry=${1%/}
shift

for name in posts-service-app posts-service-nginx; do
    for tag in "$@"; do
        standin=$(docker image inspect --format '{{ index .Config.Labels "posts.ci-standin" }}' "$name:$tag")
        if [[ -n "$standin" && "$standin" != "<no value>" ]]; then
            echo "push-images: $name:$tag is built on a CI stand-in ($standin); refusing to push" >&2
            exit 1
        fi
        docker tag "$name:$tag" "$registry/$name:$tag"
        docker push "$registry/$name:$tag"
    done
done
