#!/usr/bin/env bash
# Usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]
#   Waits until BASE_URL/health answers UP with EXPECTED_VERSION and a real read (/posts?limit=1)
#   succeeds; exits 1 if that does not happen within the timeout (default 120 s).
#   With SMOKE_TOKEN set (an admin's token: the service's POSTS_API_TOKEN) it then proves that the version
#   can write: creates a probe post, reads it back and deletes it. A version that serves GET /me (authors and
#   their tokens) is tried as a writer would use it: the admin token issues a 10-minute token to the smoke
#   author (made once), the probe is written and deleted with that token, and the token is revoked. A version
#   before that (a rollback) is written to with the admin token itself. Tokens go to curl on its standard
#   input, never on a command line, and are never printed.
set -euo pipefail
# shellcheck source=ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# >= 2)) || { echo "usage: ci/smoke-test.sh BASE_URL EXPECTED_VERSION [TIMEOUT_SECONDS]" >&2; exit 2; }
base=${1%/}
expected=$2
timeout=${3:-120}

fail() { echo "smoke-test: $*" >&2; exit 1; }

with_token() { # with_token CURL_ARGS...: curl with the writer's bearer token, given as a config on stdin
    printf 'header = %s\n' "$(curl_config_string "Authorization: Bearer $writer_token")" \
        | curl --silent --show-error --max-time 10 --config - "$@"
}
as_admin() { # as_admin CURL_ARGS...: the same with the admin token
    printf 'header = %s\n' "$(curl_config_string "Authorization: Bearer $SMOKE_TOKEN")" \
        | curl --silent --show-error --max-time 10 --config - "$@"
}
json_field() { # json_field NAME JSON: the first string or number value of that field
    sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<< "$2" | head -n 1
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

smoke_email=smoke-test@example.com
writer_token=$SMOKE_TOKEN
me=$(as_admin --output /dev/null --write-out '%{http_code}' "$base/me") || me=000
case $me in
    200 | 404) ;;
    401 | 403) fail "$expected cannot write: GET /me with the admin token answered $me (a read-only service, or not its token)" ;;
    *) fail "GET /me answered $me: neither a version with authors (200) nor one before them (404)" ;;
esac
if [[ "$me" == 200 ]]; then
    made=$(as_admin --header 'Content-Type: application/json' --write-out '\n%{http_code}' \
        --data "{\"email\":\"$smoke_email\",\"display_name\":\"Deploy smoke test\",\"role\":\"author\"}" \
        "$base/authors") || fail "POST /authors did not answer"
    case ${made##*$'\n'} in
        201) author=$(json_field id "${made%$'\n'*}") ;;
        409) author=$(json_field id "$(as_admin "$base/authors?email=$smoke_email")") ;;
        *) fail "the admin token cannot make the smoke author: POST /authors answered ${made##*$'\n'}" ;;
    esac
    [[ -n "$author" ]] || fail "cannot find the smoke author $smoke_email"
    issued=$(as_admin --header 'Content-Type: application/json' --write-out '\n%{http_code}' \
        --data "{\"label\":\"deploy smoke test\",\"expires_in_seconds\":600}" \
        "$base/authors/$author/tokens") || fail "POST /authors/$author/tokens did not answer"
    [[ "${issued##*$'\n'}" == 201 ]] || fail "cannot issue the smoke author a token: answered ${issued##*$'\n'}"
    writer_token=$(json_field token "${issued%$'\n'*}")
    token_id=$(json_field id "${issued%$'\n'*}")
    revoke() {
        local answer
        answer=$(as_admin --request DELETE --output /dev/null --write-out '%{http_code}' \
            "$base/authors/$author/tokens/$token_id") || answer=000
        [[ "$answer" == 204 ]] || echo "smoke-test: revoking the smoke token $token_id answered $answer" >&2
    }
    trap revoke EXIT
    echo "smoke-test: writing as the smoke author $author with token $token_id"
else
    echo "smoke-test: GET /me answered $me: a version without authors, writing with the admin token"
fi

probe="{\"content\":\"deploy smoke test of $(tr -cd 'A-Za-z0-9._-' <<< "$expected")\",\"author_email\":\"$smoke_email\"}"
created=$(with_token --header 'Content-Type: application/json' --data "$probe" \
    --write-out '\n%{http_code}' "$base/posts") || fail "POST /posts did not answer"
[[ "${created##*$'\n'}" == 201 ]] || fail "$expected cannot write: POST /posts answered ${created##*$'\n'} (${created%$'\n'*})"
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<< "${created%$'\n'*}")
[[ -n "$id" ]] || fail "POST /posts answered no id: $created"
curl --silent --fail --max-time 5 --output /dev/null "$base/posts/$id" || fail "the probe post $id cannot be read back"
deleted=$(with_token --request DELETE --output /dev/null --write-out '%{http_code}' "$base/posts/$id") || deleted=000
[[ "$deleted" == 204 ]] || fail "DELETE /posts/$id answered $deleted; the probe post may remain"
echo "smoke-test: $expected writes: probe post $id created, read back and deleted"
