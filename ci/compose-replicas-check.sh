#!/usr/bin/env bash
# Usage: ci/compose-replicas-check.sh
#   Boots docker-compose.yml with docker-compose.replicas.yml (db a GTID primary, db-replica following it) on
#   the images ci/compose-smoke.sh builds (tag smoke; the build here finds them in the cache) and checks: a
#   placeholder replication password stops db; then, through nginx on 127.0.0.1, a write answers a
#   Consistency-Token and a posts_consistency cookie, a read that sends the token back is answered by the
#   replica with the write; /health lists db-replica UP; the row is on db-replica; the app's user cannot
#   write there. Needs mysql:8.4 to be CI's MariaDB stand-in: on MySQL a read with a token goes to the primary,
#   so the replica would not answer it.
#   Tears everything down, volumes included, however it ends. REPLICAS_HTTP_PORT picks the port (18090),
#   REPLICAS_PROJECT the project name (posts-replicas), REPLICAS_FRONTEND_NETWORK the first three parts of the
#   frontend network's /24 (10.123.47: neither the compose file's nor the smoke's, so that all three can run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ci/lib.sh
source ci/lib.sh

standin=$(docker image inspect --format '{{ index .Config.Labels "posts.ci-standin" }}' mysql:8.4 2> /dev/null || true)
if [[ "$standin" != mysql ]]; then
    echo "compose-replicas: mysql:8.4 here is not CI's MariaDB stand-in; on MySQL a read with a consistency" \
        "token goes to the primary, so this check, which proves the replica answers it, does not apply" >&2
    exit 1
fi

find_compose
work=$(mktemp -d)
port=${REPLICAS_HTTP_PORT:-18090}
project=${REPLICAS_PROJECT:-posts-replicas}
network=${REPLICAS_FRONTEND_NETWORK:-10.123.47}
base="http://127.0.0.1:$port"
token=$(random_secret 32)
cat > "$work/.env" <<ENV
MYSQL_ROOT_PASSWORD=$(random_secret 24)
MYSQL_USER=posts
MYSQL_PASS=$(random_secret 24)
MYSQL_DB=posts
MYSQL_REPLICATION_PASSWORD=$(random_secret 24)
POSTS_CONSISTENCY_KEY=$(random_secret 48)
POSTS_API_TOKEN=$token
HTTP_BIND=127.0.0.1
HTTP_PORT=$port
HTTPS_BIND=127.0.0.1
HTTPS_PORT=$((port + 1))
POSTS_IMAGE_TAG=smoke
ENV
ci_compose_override "$network" > "$work/ci.yml"
files=(-f docker-compose.yml -f docker-compose.replicas.yml -f "$work/ci.yml")
compose() { "${compose_cmd[@]}" --project-name "$project" --env-file "$work/.env" "${files[@]}" "$@"; }
placeholders() {
    "${compose_cmd[@]}" --project-name "$project-placeholders" --env-file "$work/placeholders.env" "${files[@]}" "$@"
}
cleanup() {
    compose down --volumes --remove-orphans > /dev/null 2>&1 || true
    placeholders down --volumes --remove-orphans > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "compose-replicas: FAILED: $*" >&2; compose logs --tail 40 >&2 || true; exit 1; }
check() { echo "compose-replicas: ok (at ${SECONDS} s): $*"; }

[[ -f target/posts-service.war ]] || ./mvnw -B -ntp package -DskipTests
compose build > /dev/null

# Real passwords but the replication one: db refuses to start before its entrypoint initialises anything.
sed 's/^MYSQL_REPLICATION_PASSWORD=.*/MYSQL_REPLICATION_PASSWORD=change-me-replication/' "$work/.env" \
    > "$work/placeholders.env"
placeholders up --detach db > /dev/null 2>&1 || true
placeholder_db=$(placeholders ps --quiet db)
placeholder_exit=0
refused() { # it exits at once, is restarted (unless-stopped) and exits again: keep the code the look saw
    placeholder_exit=$(docker inspect --format '{{.State.ExitCode}}' "$placeholder_db")
    [[ "$placeholder_exit" != 0 ]]
}
wait_until 60 1 refused || fail "db started with a placeholder MYSQL_REPLICATION_PASSWORD"
placeholder_log=$(docker logs "$placeholder_db" 2>&1)
placeholders down --volumes > /dev/null 2>&1
[[ "$placeholder_exit" == 64 && "$placeholder_log" == *"MYSQL_REPLICATION_PASSWORD"*"still"*"placeholders"* ]] \
    || fail "db exited $placeholder_exit on a placeholder replication password: $placeholder_log"
check "a placeholder MYSQL_REPLICATION_PASSWORD stops db before it initialises"

started=$SECONDS
compose up --detach
for service in db db-replica app; do
    container=$(compose ps --quiet "$service")
    wait_until $((300 - (SECONDS - started))) 2 container_healthy "$container" || fail "$service did not become healthy"
done
wait_until 60 1 curl --silent --fail "$base/health" || fail "nginx does not answer on $base"
check "db, db-replica (both replication threads running), app and nginx up in $((SECONDS - started)) s"

replica_up() { curl --silent --fail "$base/health" | grep -q '"replicas":\[{"name":"db-replica:3306","status":"UP"'; }
wait_until 30 1 replica_up || fail "/health does not list db-replica UP: $(curl --silent "$base/health")"
check "/health lists db-replica:3306 UP"

app=$(compose ps --quiet app)
replica_reads() { # how many reads of posts the replica answered, by the app's /metrics (its own port, inside)
    docker exec "$app" curl --silent --fail --max-time 5 http://127.0.0.1:8081/metrics \
        | awk '/^posts_db_reads_total\{.*role="replica"/ {printf "%d\n", $NF}'
}
content="Written to db, read from db-replica $RANDOM"
created=$(curl --silent --fail --dump-header "$work/headers" -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"content\":\"$content\",\"author_email\":\"replicas@example.com\"}" \
    "$base/posts") || fail "POST /posts through nginx"
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<< "$created")
consistency=$(tr -d '\r' < "$work/headers" | sed -n 's/^consistency-token: *//Ip')
[[ -n "$id" && -n "$consistency" ]] \
    || fail "the write answered no id or no Consistency-Token: $(cat "$work/headers") $created"
grep -qi '^set-cookie: posts_consistency=' "$work/headers" || fail "the write set no posts_consistency cookie"
before=$(replica_reads)
status=$(curl --silent --output "$work/read" --write-out '%{http_code}' -H "Consistency-Token: $consistency" \
    "$base/posts/$id")
if [[ "$status" != 200 ]] || ! grep -qF "$content" "$work/read"; then
    fail "read of post $id with its token: $status $(cat "$work/read")"
fi
after=$(replica_reads)
((after > before)) || fail "the replica did not answer the read with the token (its reads: $before, then $after)"
check "a write's Consistency-Token read back post $id at once, answered by the replica"

on_replica() { # on_replica SQL: runs SQL on db-replica as the app's user, the password through the environment
    # shellcheck disable=SC2016 # expanded inside the container
    compose exec -T db-replica bash -c 'MYSQL_PWD=$MYSQL_PASSWORD "$(command -v mariadb || command -v mysql)" \
        -u"$MYSQL_USER" "$MYSQL_DATABASE" --batch --skip-column-names --default-character-set=utf8mb4 \
        --execute="$1"' on-replica "$1"
}
[[ "$(on_replica "SELECT content FROM post WHERE id = $id")" == "$content" ]] || fail "post $id is not on db-replica"
check "post $id is on db-replica"
if refusal=$(on_replica "UPDATE post SET content = 'written on the replica' WHERE id = $id" 2>&1); then
    fail "the app's user wrote on db-replica"
fi
grep -qi 'read-only' <<< "$refusal" || fail "the write on db-replica failed otherwise: $refusal"
check "the app's user cannot write on db-replica: $(grep -i -m 1 'read-only' <<< "$refusal")"
echo "compose-replicas: passed"
