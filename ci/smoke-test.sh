#!/usr/bin/env bash
# Usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]
#   Waits until BASE_URL/health answers UP with EXPECTED_VERSION and a real read (/posts?limit=1)
#   succeeds; exits 1 if that does not happen within the timeout (default 120 s).
#   With SMOKE_TOKEN set (the service's POSTS_API_TOKEN) it then proves that the version can write:
#   creates a probe post with the token, reads it back and deletes it. The token goes to curl on its
#   standard input, never on a command line.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# >= 2)) || { echo "usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]" >&2; exit 2; }
base=${1%/}
expected=$2
timeout=${3:-120}

fail() { echo "smoke-test: $*" >&2; exit 1; }

with_token() { # with_token CURL_ARGS...: curl with the bearer token, given as a config on stdin
    printf 'header = %s\n' "$(curl_config_string "Authorization: Bearer $SMOKE_TOKEN")" \
        | curl --silent --show-error --max-time 10 --config - "$@"
}

serving() { # UP with the expected version, and a real read answers; keeps the last /health in $health
    health=$(curl --silent --max-time 5 "$base/health" || true)
    [[ "$health" == *'"status":"UP"'* && "$health" == *"\"version\":\"$expected\""* ]] \
        && curl --silent --fail --max-time 5 --output /dev/null "$base/posts?limit=1"
}
health=
wait_until "$timeout" 2 serving || fail "$base is not UP with $expected (last /health: ${health:-no answer})"
echo "smoke-test: $base is UP with $expected and serves reads"
[[ -n "${SMOKE_TOKEN:-}" ]] || exit 0

probe="{\"content\":\"deploy smoke test of $(tr -cd 'A-Za-z0-9._-' <<< "$expected")\",\"author_email\":\"smoke-test@example.com\"}"
created=$(with_token --header 'Content-Type: application/json' --data "$probe" \
    --write-out '\n%{http_code}' "$base/posts") || fail "POST /posts did not answer"
[[ "${created##*$'\n'}" == 201 ]] || fail "$expected cannot write: POST /posts answered ${created##*$'\n'} (${created%$'\n'*})"
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<< "${created%$'\n'*}")
[[ -n "$id" ]] || fail "POST /posts answered no id: $created"
curl --silent --fail --max-time 5 --output /dev/null "$base/posts/$id" || fail "the probe post $id cannot be read back"
deleted=$(with_token --request DELETE --output /dev/null --write-out '%{http_code}' "$base/posts/$id") || deleted=000
[[ "$deleted" == 204 ]] || fail "DELETE /posts/$id answered $deleted; the probe post may remain"
echo "smoke-test: $expected writes: probe post $id created, read back and deleted"
