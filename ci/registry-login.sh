#!/usr/bin/env bash
# Usage: ci/registry-login.sh REGISTRY COMMAND [ARG...]
#   Runs COMMAND logged in to REGISTRY's host as REGISTRY_USER (REGISTRY_PASSWORD goes to docker on stdin).
#   The login lives in a DOCKER_CONFIG made for this run only, and is logged out of and removed afterwards,
#   however COMMAND ends: nothing stays in ~/.docker/config.json for the agent's other builds.
set -euo pipefail

(($# >= 2)) || { echo "usage: ci/registry-login.sh REGISTRY COMMAND [ARG...]" >&2; exit 2; }
: "${REGISTRY_USER:?set REGISTRY_USER}"
: "${REGISTRY_PASSWORD:?set REGISTRY_PASSWORD}"
server=${1%%/*}
shift

DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'docker logout "$server" > /dev/null 2>&1 || true; rm -rf "$DOCKER_CONFIG"' EXIT
printf '%s' "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USER" --password-stdin "$server"
"$@"
