#!/usr/bin/env bash
# Usage: ci/compose-smoke.sh
#   Builds the WAR (if needed) and the images, boots docker-compose.yml with throw-away secrets, and checks
#   the running stack through nginx on 127.0.0.1: the HTTP contract with a write, a backup under writes
#   restored into a new database (ci/compose-backup-check.sh), a restart of the app and
#   a down/up that keep the data, two app replicas that both serve and one of them stopped under a read load
#   without a failed read, /metrics on the metrics port only, non-root processes, no secret in the images;
#   prints the image sizes.
#   Tears everything down, volumes included, however it ends. SMOKE_HTTP_PORT picks the port (18080),
#   SMOKE_PROJECT the compose project name (posts-smoke), SMOKE_FRONTEND_NETWORK the first three parts of the
#   frontend network's /24 (10.123.46): not the compose file's own 10.123.45, so that a stack deployed from it
#   (ci/deploy-compose-test.sh) can run at the same time; two networks with one subnet cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source ci/lib.sh

find_compose
work=$(mktemp -d)
port=${SMOKE_HTTP_PORT:-18080}
project=${SMOKE_PROJECT:-posts-smoke}
base="http://127.0.0.1:$port"
root_password=$(random_secret 24)
db_password=$(random_secret 24)
token=$(random_secret 32) # about 42 letters and digits: well over the 128 bits the token rule asks
cat > "$work/.env" <<ENV
MYSQL_ROOT_PASSWORD=$root_password
MYSQL_USER=posts
MYSQL_PASS=$db_password
MYSQL_DB=posts
POSTS_API_TOKEN=$token
HTTP_BIND=127.0.0.1
HTTP_PORT=$port
HTTPS_BIND=127.0.0.1
HTTPS_PORT=$((port + 1))
POSTS_IMAGE_TAG=smoke
ENV
files=(-f docker-compose.yml -f "$work/smoke.yml")
network=${SMOKE_FRONTEND_NETWORK:-10.123.46}
ci_compose_override "$network" > "$work/smoke.yml"
compose() { "${compose_cmd[@]}" --project-name "$project" --env-file "$work/.env" "${files[@]}" "$@"; }
cleanup() {
    compose down --volumes --remove-orphans > /dev/null 2>&1 || true
    placeholders down --volumes --remove-orphans > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "compose-smoke: FAILED: $*" >&2; compose logs --tail 50 >&2 || true; exit 1; }
check() { echo "compose-smoke: ok (at ${SECONDS} s): $*"; }

wait_until_healthy() { # every container of db and app (all its replicas), then nginx
    local started=$SECONDS service container
    for service in db app; do
        for container in $(compose ps --quiet "$service"); do
            wait_until $((300 - (SECONDS - started))) 2 container_healthy "$container" \
                || fail "$service ($container) did not become healthy"
        done
    done
    wait_until $((300 - (SECONDS - started))) 1 curl --silent --fail "$base/health" || fail "nginx does not answer on $base"
}

[[ -f target/posts-service.war ]] || ./mvnw -B -ntp package -DskipTests
compose build

# .env.example as it is: the database refuses its placeholder passwords before it initialises anything.
placeholders() { "${compose_cmd[@]}" --project-name "$project-placeholders" --env-file .env.example "${files[@]}" "$@"; }
placeholders up --detach db > /dev/null 2>&1 || true
placeholder_db=$(placeholders ps --all --quiet db 2>/dev/null || placeholders ps --quiet db)
deadline=$((SECONDS + 60))
# It exits at once (and, restart: unless-stopped, is started again to exit again, its exit code back to 0:
# so the code is kept from the look that saw it).
until placeholder_exit=$(docker inspect --format '{{.State.ExitCode}}' "$placeholder_db") && [[ "$placeholder_exit" != 0 ]]; do
    ((SECONDS < deadline)) || { placeholders down --volumes > /dev/null 2>&1; fail "the database started with placeholder passwords"; }
    sleep 1
done
placeholder_log=$(docker logs "$placeholder_db" 2>&1)
placeholder_data=$(docker run --rm --entrypoint ls -v "$project-placeholders_db-data:/data" mysql:8.4 -A /data)
placeholders down --volumes > /dev/null 2>&1
[[ "$placeholder_exit" == 64 ]] || fail "the database exited $placeholder_exit with placeholder passwords: $placeholder_log"
grep -q "still placeholders" <<< "$placeholder_log" || fail "no word on the placeholders: $placeholder_log"
[[ -z "$placeholder_data" ]] || fail "the database initialised data with placeholder passwords"
check "placeholder passwords from .env.example stop the database before it initialises"
compose up --detach
wait_until_healthy
check "every service healthy, nginx answering on $base"

[[ "$(curl --silent --fail "$base/")" == "Hello World!" ]] || fail "GET /"
curl --silent --fail "$base/health" | grep -q '"status":"UP"' || fail "GET /health"
headers=$(curl --silent --fail --dump-header - --output /dev/null "$base/posts")
grep -qi '^x-content-type-options: nosniff' <<< "$headers" || fail "security headers missing"
status=$(curl --silent --output /dev/null --write-out '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"content":"no token","author_email":"a@b.co"}' "$base/posts")
[[ "$status" == 401 ]] || fail "a write without the token answered $status"
created=$(curl --silent --fail -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"content":"Hello from the smoke test 👋","author_email":"smoke@example.com"}' "$base/posts")
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<< "$created")
[[ -n "$id" ]] || fail "POST /posts answered $created"
curl --silent --fail "$base/posts/$id" | grep -q 'Hello from the smoke test 👋' || fail "reading back post $id"
problem=$(curl --silent --dump-header - "$base/posts/999999")
grep -qi 'content-type: application/problem+json' <<< "$problem" || fail "missing post is not problem+json"
check "contract through nginx: greeting, health, headers, 401, write, read back, 404 problem"

SMOKE_TOKEN=$token ci/compose-backup-check.sh "$project" "$base" || fail "backup and restore of the stack's database"
check "a backup taken under writes (ops/backup.sh --compose) restores into a new database that the app serves"

compose restart app
wait_until_healthy
curl --silent --fail "$base/posts/$id" > /dev/null || fail "post $id lost after restarting the app"
check "post $id survives an app restart"

compose down
compose up --detach --scale app=2
wait_until_healthy
curl --silent --fail "$base/posts/$id" > /dev/null || fail "post $id lost after down/up"
check "post $id survives down and up (named volume), now with two app replicas"

mapfile -t replicas < <(compose ps --quiet app)
((${#replicas[@]} == 2)) || fail "--scale app=2 made ${#replicas[@]} app containers"
served() { # served CONTAINER REQUEST_ID_PREFIX: how many of those requests its Tomcat access log shows
    docker logs "$1" 2>&1 | grep -c "rid=$2" || true
}
for n in $(seq 20); do
    curl --silent --fail --output /dev/null --header "X-Request-Id: smoke-spread-$n" "$base/posts/$id" \
        || fail "GET /posts/$id through two replicas"
done
spread=()
for replica in "${replicas[@]}"; do
    count=$(served "$replica" smoke-spread-)
    ((count > 0)) || fail "app replica $replica served none of 20 reads (nginx resolved one address for app?)"
    spread+=("$count")
done
check "both app replicas served, by their access logs: ${spread[*]} of 20 reads"

metrics_status() { # metrics_status CONTAINER PORT: what /metrics answers there, asked from inside (loopback)
    docker exec "$1" curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 \
        "http://127.0.0.1:$2/metrics" || true
}
for replica in "${replicas[@]}"; do
    scraped=$(metrics_status "$replica" 8081)
    public=$(metrics_status "$replica" 8080)
    [[ "$scraped" == 200 && "$public" == 403 ]] \
        || fail "app replica $replica: /metrics answered $scraped on the metrics port, $public on the service port"
done
check "/metrics on each replica's metrics port (8081) only: 200 there, 403 on the service port (8080)"

for replica in "${replicas[@]}"; do
    app_uid=$(docker top "$replica" -o pid,uid,args | awk '/java/ {print $2; exit}')
    [[ -n "$app_uid" && "$app_uid" != 0 ]] || fail "Tomcat runs as uid ${app_uid:-?}"
done
worker_uids=$(docker top "$(compose ps --quiet nginx)" -o pid,uid,args | awk '/nginx: worker/ {print $2}' | sort -u)
if [[ -z "$worker_uids" ]] || grep -qx 0 <<< "$worker_uids"; then
    fail "nginx workers run as uid ${worker_uids:-?}"
fi
check "Tomcat runs as uid $app_uid, nginx workers as uid $(tr '\n' ' ' <<< "$worker_uids")"

trusted=$(docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' posts-service-app:smoke \
    | sed -n 's/^TRUSTED_PROXIES=//p')
[[ -z "$trusted" ]] || fail "the app image trusts X-Forwarded-* from '$trusted' unless told otherwise"
check "the app image trusts no proxy unless TRUSTED_PROXIES names one"

for image in posts-service-app:smoke posts-service-nginx:smoke; do
    metadata="$(docker history --no-trunc "$image")$(docker image inspect "$image")"
    for value in "$root_password" "$db_password" "$token"; do
        [[ "$metadata" != *"$value"* ]] || fail "a secret appears in $image's history or configuration"
    done
done
check "no secret in the images' history or configuration"

if on_nginx_standin; then
    # Images built on a stand-in must never ship: the push step refuses them before pushing anything.
    if push_output=$(ci/push-images.sh registry.invalid/posts smoke 2>&1); then
        fail "ci/push-images.sh accepted images built on a stand-in"
    fi
    grep -q "refusing to push" <<< "$push_output" || fail "ci/push-images.sh failed otherwise: $push_output"
    check "ci/push-images.sh refuses the images built on stand-ins"
fi

# One replica stopped as Docker stops it (SIGTERM, Tomcat's graceful shutdown) while readers go on through
# nginx: no read may fail. What nginx met on the way (from its error log) is printed for the record.
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ci/read-load.sh "$base/posts/$id" 24 4 smoke-stop > "$work/load" &
load=$!
sleep 4
stopped_at=$SECONDS
echo "compose-smoke: $(date -u +%H:%M:%S.%3N) docker stop ${replicas[1]}"
timeout 60 docker stop "${replicas[1]}" > /dev/null || fail "docker stop ${replicas[1]} did not end within 60 s"
stop_seconds=$((SECONDS - stopped_at))
# Tomcat's own account of its stop: the connector is paused only once nginx's connections have ended.
docker logs "${replicas[1]}" 2>&1 | grep -E 'Pausing ProtocolHandler|Stopping ProtocolHandler' \
    | sed -E 's/^[^ ]+ ([0-9:.]+) [A-Z]+ \[[^]]*\] [^ ]+ /compose-smoke: \1 Tomcat: /' || true
load_status=0
wait "$load" || load_status=$?
sed 's/^/compose-smoke: /' "$work/load"
nginx_log=$(docker logs --since "$since" "$(compose ps --quiet nginx)" 2>&1)
echo "compose-smoke: nginx saw: refused=$(grep -c 'Connection refused' <<< "$nginx_log" || true)" \
    "unreachable=$(grep -ci 'no route to host\|host is unreachable' <<< "$nginx_log" || true)" \
    "timed_out=$(grep -c 'upstream timed out' <<< "$nginx_log" || true)" \
    "reset_or_closed=$(grep -c 'reset by peer\|prematurely closed' <<< "$nginx_log" || true)" \
    "no_live_upstreams=$(grep -c 'no live upstreams' <<< "$nginx_log" || true)"
((load_status == 0)) || fail "reads failed while app replica ${replicas[1]} stopped (counts above)"
before=$(served "${replicas[1]}" smoke-stop-)
((before > 0)) || fail "the stopped replica served none of the load before it stopped"
check "app replica stopped in ${stop_seconds} s under 4 readers, no failed read; it served $before of them first," \
    "the other $(served "${replicas[0]}" smoke-stop-)"

docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^posts-service-(app|nginx):smoke ' \
    | sed 's/^/compose-smoke: image size: /'
echo "compose-smoke: passed"
