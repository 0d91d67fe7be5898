#!/usr/bin/env bash
# Usage: ci/compose-backup-check.sh PROJECT BASE_URL   (SMOKE_TOKEN: the stack's POSTS_API_TOKEN)
#   On a running compose stack (PROJECT, answering on BASE_URL): takes a backup with ops/backup.sh --compose
#   while numbered posts are being written through nginx, restores it with ops/restore.sh --compose into a
#   new database, and checks it: every post acknowledged before the backup began is there, the numbered
#   posts form a gap-free prefix, and the stack's app image boots on the restored database (reporting the
#   stack's version) and serves it.
#   Called by ci/compose-smoke.sh, which tears the stack down.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ci/lib.sh
source ci/lib.sh
(($# == 2)) || { sed -n '2p' "$0" >&2; exit 2; }
project=$1 base=$2 token=${SMOKE_TOKEN:?set SMOKE_TOKEN to the POSTS_API_TOKEN of the stack}
version=$(curl --silent --fail --max-time 5 "$base/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
[[ -n $version ]] || { echo "compose-backup-check: $base/health reports no version" >&2; exit 1; }
restored=posts_restored
work=$(mktemp -d)
checker=""
trap 'kill "${writer:-}" 2> /dev/null || true; [[ -z $checker ]] || docker rm --force "$checker" > /dev/null 2>&1; rm -rf "$work"' EXIT
fail() { echo "compose-backup-check: FAILED: $*" >&2; exit 1; }
say() { echo "compose-backup-check: $*"; }

db=$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=db)
as_root() { # as_root SQL: runs SQL in the db container as its root (the password through the environment)
    # shellcheck disable=SC2016 # expanded inside the container
    docker exec -i "$db" bash -c 'MYSQL_PWD=$MYSQL_ROOT_PASSWORD "$(command -v mariadb || command -v mysql)" \
        -uroot --batch --skip-column-names --default-character-set=utf8mb4 --execute="$1"' as-root "$1"
}

post_numbered() { # post_numbered N: POST "numbered N" through nginx (token on stdin); prints the status
    printf 'header = "Authorization: Bearer %s"\n' "$token" | curl --silent --config - --output /dev/null \
        --write-out '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
        -d "{\"content\":\"numbered $1\",\"author_email\":\"backup@example.com\"}" "$base/posts" || echo 000
}
# Numbered posts, one at a time; each number goes to the file once its 201 has arrived.
write_numbered() {
    local n status
    for n in $(seq 2000); do
        status=$(post_numbered "$n")
        # nginx limits the write rate per address: a 429 is sent again.
        while [[ $status == 429 ]]; do
            sleep 0.2
            status=$(post_numbered "$n")
        done
        [[ $status == 201 ]] || { echo "write $n answered $status" >&2; return 1; }
        echo "$n" >> "$work/acknowledged"
    done
}
: > "$work/acknowledged"
write_numbered &
writer=$!
# shellcheck disable=SC2016 # counted at each poll
wait_until 60 0.2 bash -c '(($(wc -l < "$1") >= 20))' count "$work/acknowledged" || fail "the writes did not start"

before=$(wc -l < "$work/acknowledged")
COMPOSE_PROJECT_NAME=$project ops/backup.sh --compose "$work/backups" || fail "ops/backup.sh --compose"
kill -0 "$writer" 2> /dev/null || fail "the writes stopped before the backup ended (a write failed)"
kill "$writer" 2> /dev/null || true
wait "$writer" 2> /dev/null || true
say "backup taken with $before numbered writes acknowledged before it began, $(wc -l < "$work/acknowledged") by its end"

as_root "CREATE DATABASE $restored CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    GRANT ALL ON $restored.* TO '$(docker exec "$db" printenv MYSQL_USER)'@'%'"
dump=$(find "$work/backups" -name '*.sql.gz' | head -n 1)
COMPOSE_PROJECT_NAME=$project ops/restore.sh --compose "$dump" "$restored" || fail "ops/restore.sh --compose"
as_root "SELECT SUBSTRING(content, 10) FROM $restored.post WHERE content LIKE 'numbered %'" | sort -n > "$work/restored"
count=$(wc -l < "$work/restored")
((count >= before)) || fail "$count numbered posts restored, $before acknowledged before the backup began"
[[ $(tail -n 1 "$work/restored") == "$count" && $(head -n 1 "$work/restored") == 1 ]] ||
    fail "the numbered posts restored are not 1..$count: $(head -n 1 "$work/restored")..$(tail -n 1 "$work/restored")"
say "ok: the restore holds numbered posts 1..$count, every one acknowledged before the backup ($before) among them"

# The app image on the restored database, beside the stack: up, with the build's version, and serving it.
checker=$project-restore-check
network=$(docker inspect --format '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}' "$db" | cut -d' ' -f1)
app=$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=app | head -n 1)
docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$app" | grep -E '^(MYSQL_|POSTS_)' \
    | grep -v '^MYSQL_DB=' > "$work/app.env"
chmod 600 "$work/app.env"
docker run --detach --name "$checker" --network "$network" --env-file "$work/app.env" --env "MYSQL_DB=$restored" \
    "$(docker inspect --format '{{.Config.Image}}' "$app")" > /dev/null
inside() { docker exec "$checker" curl --silent --fail --max-time 5 "http://127.0.0.1:8080$1"; }
wait_until 180 2 inside /health || { docker logs --tail 40 "$checker" >&2; fail "the app did not start on $restored"; }
inside /health | grep -q "\"version\":\"$version\"" || fail "the app on $restored reports $(inside /health)"
newest=$(as_root "SELECT MAX(id) FROM $restored.post")
inside "/posts/$newest" > /dev/null || fail "the app on $restored cannot read its newest post ($newest)"
say "ok: the app image boots on $restored and serves it"
