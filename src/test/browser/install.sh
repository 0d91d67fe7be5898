#!/bin/sh
# Usage: sh src/test/browser/install.sh   (run by ./mvnw verify before the integration tests)
# Installs what the browser tests load into the page (axe-core), pinned with its checksum by package-lock.json,
# when npm is there and the installed copy is not that lock's. Without npm, or offline, the browser tests are
# skipped with the reason (outside CI); under CI=true they are required, so a failure here fails the build.
set -eu
cd "$(dirname "$0")"
installed=node_modules/.posts-installed-lock
if [ -f node_modules/axe-core/axe.min.js ] && cmp -s package-lock.json "$installed"; then
    exit 0
fi
if ! command -v npm > /dev/null 2>&1; then
    echo "npm not found: axe-core is not installed, so the browser tests will be skipped (install Node.js and npm to run them)"
    [ "${CI:-}" != true ] || { echo "CI=true: the browser tests are required" >&2; exit 1; }
    exit 0
fi
if npm ci --no-audit --no-fund --ignore-scripts; then
    cp package-lock.json "$installed"
else
    echo "npm ci failed: axe-core is not installed, so the browser tests will be skipped"
    [ "${CI:-}" != true ] || { echo "CI=true: the browser tests are required" >&2; exit 1; }
fi
