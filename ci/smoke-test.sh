#!/usr/bin/env bash
# Usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]
#   Waits until BASE_URL/health answers UP with EXPECTED_VERSION and a real read (/posts?limit=1)
#   succeeds; exits 1 if that does not happen within the timeout (default 120 s).
set -euo pipefail

(($# >= 2)) || { echo "usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]" >&2; exit 2; }
base=${1%/}
expected=$2
deadline=$((SECONDS + ${3:-120}))

while ((SECONDS < deadline)); do
    health=$(curl --silent --max-time 5 "$base/health" || true)
    if [[ "$health" == *'"status":"UP"'* && "$health" == *"\"version\":\"$expected\""* ]] \
        && curl --silent --fail --max-time 5 --output /dev/null "$base/posts?limit=1"; then
        echo "smoke-test: $base is UP with $expected and serves reads"
        exit 0
    fi
    sleep 2
done
echo "smoke-test: $base is not UP with $expected (last /health: ${health:-no answer})" >&2
exit 1
