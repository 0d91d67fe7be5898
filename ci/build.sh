#!/usr/bin/env bash
# Usage: ci/build.sh [MAVEN_ARGS...]
#   Builds the WAR and runs every test (./mvnw verify). The WAR's version (what /health reports, and
#   the deploy scripts' rollback tag) is BUILD_VERSION if set, else the project version plus the commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${BUILD_VERSION:-}" ]]; then
    project_version=$(./mvnw -q -B help:evaluate -Dexpression=project.version -DforceStdout)
    BUILD_VERSION="$project_version-$(git rev-parse --short=7 HEAD)"
fi
echo "build: version $BUILD_VERSION"
./mvnw -B -ntp verify -Dposts.version="$BUILD_VERSION" "$@"
# Later stages (images, deploys, smoke tests) read the version from here.
echo "$BUILD_VERSION" > target/build-version.txt
