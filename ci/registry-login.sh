#!/usr/bin/env bash
# Usage: ci/registry-login.sh REGISTRY
#   Logs docker in to REGISTRY's host with REGISTRY_USER and REGISTRY_PASSWORD (the password via stdin).
set -euo pipefail

(($# == 1)) || { echo "usage: ci/registry-login.sh REGISTRY" >&2; exit 2; }
: "${REGISTRY_USER:?set REGISTRY_USER}"
: "${REGISTRY_PASSWORD:?set REGISTRY_PASSWORD}"
printf '%s' "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USER" --password-stdin "${1%%/*}"
