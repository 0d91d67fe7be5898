#!/usr/bin/env bash
# Usage: ci/push-images.sh REGISTRY TAG [AS_TAG...]
#   Pushes the local posts-service-app:TAG and posts-service-nginx:TAG under REGISTRY (e.g.
#   registry.example.com/posts) as TAG, or as each AS_TAG given (e.g. "latest", once TAG is deployed).
#   Refuses any image built on a CI stand-in base image (label posts.ci-standin), which must never ship.
set -euo pipefail

(($# >= 2)) || { echo "usage: ci/push-images.sh REGISTRY TAG [AS_TAG...]" >&2; exit 2; }
registry=${1%/}
tag=$2
shift 2
remote_tags=("${@:-$tag}")

for name in posts-service-app posts-service-nginx; do
    standin=$(docker image inspect --format '{{ index .Config.Labels "posts.ci-standin" }}' "$name:$tag")
    if [[ -n "$standin" && "$standin" != "<no value>" ]]; then
        echo "push-images: $name:$tag is built on a CI stand-in ($standin); refusing to push" >&2
        exit 1
    fi
done
for name in posts-service-app posts-service-nginx; do
    for remote_tag in "${remote_tags[@]}"; do
        docker tag "$name:$tag" "$registry/$name:$remote_tag"
        docker push "$registry/$name:$remote_tag"
    done
done
