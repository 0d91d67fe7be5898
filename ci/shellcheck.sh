#!/usr/bin/env bash
# Usage: ci/shellcheck.sh
#   Lints every shell script of the project: ci/, .ci/, bench/, stack/, ops/, and the ones the containers run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

shellcheck --external-sources ci/*.sh .ci/run bench/*.sh stack/*.sh ops/*.sh nginx/*.sh docker/tomcat/setenv.sh \
    docker/ci-standins/*.sh docker/ci-standins/*/*.sh docker/replica/*.sh src/test/resources/shims/*
echo "shellcheck: clean"
