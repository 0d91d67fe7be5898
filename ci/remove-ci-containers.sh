#!/usr/bin/env bash
# Usage: ci/remove-ci-containers.sh
#   Removes every container that a CI script started (by label), whatever state the build ended in.
set -euo pipefail

label=${CI_CONTAINER_LABEL:-posts.ci=disposable-mysql}
if ! command -v docker > /dev/null 2>&1; then
    echo "remove-ci-containers: no docker here, nothing to remove"
    exit 0
fi
containers=$(docker ps --all --quiet --filter "label=$label")
if [[ -n "$containers" ]]; then
    # shellcheck disable=SC2086 # one id per word
    docker rm --force --volumes $containers
fi
