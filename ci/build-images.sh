#!/usr/bin/env bash
# Usage: ci/build-images.sh TAG [TAG...]
#   Builds the app (Tomcat) and nginx images from target/posts-service.war, tagged with each TAG.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

(($# >= 1)) || { echo "usage: ci/build-images.sh TAG [TAG...]" >&2; exit 2; }
[[ -f target/posts-service.war ]] || { echo "build-images: build the WAR first (ci/build.sh)" >&2; exit 1; }

for image in app:docker/tomcat/Dockerfile nginx:docker/nginx/Dockerfile; do
    name="posts-service-${image%%:*}"
    tags=()
    for tag in "$@"; do
        tags+=(--tag "$name:$tag")
    done
    docker build --file "${image#*:}" "${tags[@]}" .
done
