#!/usr/bin/env bash
# Usage: ci/deploy-compose-test.sh
#   Runs ci/deploy-compose.sh against a real "remote" Docker host on loopback: Debian's sshd on 127.0.0.1
#   (a free port, keys made for this run, the host's files in their own folder) in front of the local
#   Docker engine, and Debian's docker-registry on 127.0.0.1 to pull from. Scenarios: a host without .env
#   (fails before touching anything), a first and a second good deploy, a second deploy running at once
#   (refused), a deploy whose smoke test fails (rolled back; the previous tag keeps serving with its data),
#   a tag missing from the registry (fails at the pull). Needs root (sshd), the stand-ins or the real base
#   images, and target/posts-service.war. Cleans up however it ends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source ci/lib.sh

((EUID == 0)) || { echo "deploy-compose-test: run as root (sshd logs in as this user)" >&2; exit 1; }
[[ -f target/posts-service.war ]] || { echo "deploy-compose-test: build the WAR first" >&2; exit 1; }
work=$(mktemp -d)
project=posts-deploytest
pids=()
cleanup() {
    local id
    for id in "${pids[@]}"; do kill "$id" 2> /dev/null || true; done
    docker ps --all --quiet --filter "label=com.docker.compose.project=$project" | xargs -r docker rm --force > /dev/null
    docker volume ls --quiet --filter "label=com.docker.compose.project=$project" | xargs -r docker volume rm > /dev/null
    docker network ls --quiet --filter "label=com.docker.compose.project=$project" | xargs -r docker network rm > /dev/null
    docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "^(127\.0\.0\.1:[0-9]+/posts/)?posts-service-(app|nginx):(deploy-test|[abcd]{7})$" \
        | xargs -r docker image rm > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

say() { echo "deploy-compose-test: $*"; }
fail() { echo "deploy-compose-test: FAILED: $*" >&2; exit 1; }

wait_for() { # wait_for SECONDS WHAT COMMAND...
    local seconds=$1 what=$2
    shift 2
    wait_until "$seconds" 0.5 "$@" || fail "$what did not come up"
}
# serve_on_free_port WHAT LOG START CHECK: runs "START PORT" in the background on a free port until "CHECK PORT"
# succeeds (20 s), and sets served_port. A port taken between the pick and the bind means another try;
# anything else fails with the server's log.
serve_on_free_port() {
    local what=$1 log=$2 start=$3 check=$4 pid deadline
    for _ in 1 2 3; do
        served_port=$(free_port)
        "$start" "$served_port" > "$log" 2>&1 &
        pid=$!
        pids+=("$pid")
        deadline=$((SECONDS + 20))
        while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do
            "$check" "$served_port" > /dev/null 2>&1 && return 0
            sleep 0.5
        done
        if kill -0 "$pid" 2> /dev/null || ! grep -qi "address already in use" "$log"; then
            cat "$log" >&2
            fail "$what did not come up on 127.0.0.1:$served_port"
        fi
        say "127.0.0.1:$served_port was taken before $what could listen there; trying another port"
    done
    fail "$what found no free port in three tries"
}

# The "remote" host: sshd with its own keys and config, reached through an ssh_config of the agent's.
mkdir -p "$work/sshd" "$work/agent" "$work/registry" "$work/host/posts" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$work/sshd/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/agent/id_ed25519"
cp "$work/agent/id_ed25519.pub" "$work/sshd/authorized_keys"
start_sshd() { # start_sshd PORT: the host's sshd, and the agent's view of it, on PORT
    cat > "$work/sshd/sshd_config" <<CONFIG
ListenAddress 127.0.0.1:$1
HostKey $work/sshd/host_key
PidFile $work/sshd/sshd.pid
AuthorizedKeysFile $work/sshd/authorized_keys
AllowUsers $(id -un)
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The run's folder sits under the world-writable temporary directory.
StrictModes no
CONFIG
    echo "[127.0.0.1]:$1 $(cut -d' ' -f1,2 "$work/sshd/host_key.pub")" > "$work/agent/known_hosts"
    cat > "$work/agent/ssh_config" <<CONFIG
Host posts-test-host
  HostName 127.0.0.1
  Port $1
  User $(id -un)
  IdentityFile $work/agent/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $work/agent/known_hosts
  StrictHostKeyChecking yes
  ConnectTimeout 5
CONFIG
    exec /usr/sbin/sshd -D -e -f "$work/sshd/sshd_config"
}
sshd_answers() { ssh -F "$work/agent/ssh_config" -o BatchMode=yes posts-test-host true; }
serve_on_free_port sshd "$work/sshd/log" start_sshd sshd_answers
ssh_port=$served_port

# The registry the host pulls from.
start_registry() { # start_registry PORT
    cat > "$work/registry/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry/data
http:
  addr: 127.0.0.1:$1
CONFIG
    exec docker-registry serve "$work/registry/config.yml"
}
registry_answers() { curl --silent --fail --max-time 5 "http://127.0.0.1:$1/v2/"; }
serve_on_free_port docker-registry "$work/registry/log" start_registry registry_answers
registry_port=$served_port
registry="127.0.0.1:$registry_port/posts/"
say "sshd on 127.0.0.1:$ssh_port, registry on 127.0.0.1:$registry_port"

# Test images: the project's images, the app with a version per tag; ccccccc runs read-only on purpose
# (no token, POSTS_READ_ONLY=true), so it is healthy and reads, but cannot write. Tags stand for commits.
ci/build-images.sh deploy-test > "$work/build-images.log" 2>&1 || { cat "$work/build-images.log" >&2; fail "building the images"; }
declare -A versions=([aaaaaaa]=1.0.0-aaaaaaa [bbbbbbb]=1.1.0-bbbbbbb [ccccccc]=1.2.0-ccccccc)
for tag in aaaaaaa bbbbbbb ccccccc; do
    context="$work/images/$tag"
    mkdir -p "$context/WEB-INF/classes"
    cp target/posts-service.war "$context/ROOT.war"
    echo "version=${versions[$tag]}" > "$context/WEB-INF/classes/build-info.properties"
    (cd "$context" && jar --update --file ROOT.war WEB-INF/classes/build-info.properties)
    {
        echo 'FROM posts-service-app:deploy-test'
        echo 'COPY --chown=posts:posts ROOT.war /usr/local/tomcat/webapps/ROOT.war'
        if [[ "$tag" == ccccccc ]]; then
            printf 'USER root\nRUN echo "unset POSTS_API_TOKEN; export POSTS_READ_ONLY=true" >> /usr/local/tomcat/bin/setenv.sh\nUSER posts\n'
        fi
    } > "$context/Dockerfile"
    docker build --quiet --tag "${registry}posts-service-app:$tag" "$context" > /dev/null 2>&1
    docker tag posts-service-nginx:deploy-test "${registry}posts-service-nginx:$tag"
    for name in posts-service-app posts-service-nginx; do
        docker push --quiet "${registry}$name:$tag" > /dev/null
        # Only the registry has it now: the deploy must pull.
        docker image rm "${registry}$name:$tag" > /dev/null
    done
done
say "pushed aaaaaaa, bbbbbbb, ccccccc (read-only) to the registry"

host_dir="$work/host/posts"
http_port=$(free_port)
base="http://127.0.0.1:$http_port"
token=$(random_secret 32) # about 42 letters and digits: well over the 128 bits the token rule asks
# The host's local additions: nginx's upstream without "resolve", which the stand-in nginx 1.22 lacks
# (docker/ci-standins/README.md); and, for a quicker test, the app's JVM with the quick JIT only and its
# health checked more often, with the image's window (2 s x 15 = 10 s x 3).
cat > "$host_dir/docker-compose.host.yml" << 'YAML'
version: "3.8"
services:
  nginx:
    environment:
      POSTS_UPSTREAM: app:8080
  app:
    environment:
      CATALINA_OPTS: "-XX:TieredStopAtLevel=1"
    healthcheck:
      interval: 2s
      retries: 15
YAML

deploy() { # deploy TAG: ci/deploy-compose.sh as Jenkins runs it; output in $work/deploy.log, status in $deployed
    deployed=0
    DEPLOY_HOST=posts-test-host DEPLOY_DIR="$host_dir" DEPLOY_SSH_CONFIG="$work/agent/ssh_config" \
        POSTS_REGISTRY="$registry" COMPOSE_PROJECT_NAME=$project BUILD_VERSION="${versions[$1]:-9.9.9-$1}" \
        SMOKE_TIMEOUT=120 DEPLOY_ALLOW_HTTP=yes ci/deploy-compose.sh "$1" "$base" > "$work/deploy.log" 2>&1 || deployed=$?
    sed 's/^/    | /' "$work/deploy.log"
}
version_served() { curl --silent --max-time 5 "$base/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'; }
app_image() { docker inspect --format '{{.Config.Image}}' "$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=app)"; }
started=$SECONDS

say "scenario: a host without .env"
deploy aaaaaaa
((deployed == 1)) || fail "a host without .env: exit $deployed"
grep -q "no $host_dir/.env" "$work/deploy.log" || fail "the failure does not name the missing .env"
[[ ! -e "$host_dir/releases" ]] || fail "the host folder was changed"
[[ -z "$(docker ps --all --quiet --filter "label=com.docker.compose.project=$project")" ]] || fail "containers were started"
! docker image inspect "${registry}posts-service-app:aaaaaaa" > /dev/null 2>&1 || fail "an image was pulled"
say "ok: failed before touching anything ($((SECONDS - started)) s)"

cat > "$host_dir/.env" <<ENV
MYSQL_ROOT_PASSWORD=$(random_secret 18)
MYSQL_PASS=$(random_secret 18)
POSTS_API_TOKEN=$token
HTTP_BIND=127.0.0.1
HTTP_PORT=$http_port
HTTPS_BIND=127.0.0.1
HTTPS_PORT=$((http_port + 1))
ENV
chmod 600 "$host_dir/.env"

say "scenario: a first deploy (aaaaaaa)"
deploy aaaaaaa
((deployed == 0)) || fail "first deploy: exit $deployed"
[[ "$(version_served)" == 1.0.0-aaaaaaa ]] || fail "aaaaaaa is not serving"
marker=$(curl --silent --fail -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"content":"written under aaaaaaa","author_email":"marker@example.com"}' "$base/posts" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
[[ -n "$marker" ]] || fail "cannot write a marker post"
say "ok: aaaaaaa serves and writes; marker post $marker ($((SECONDS - started)) s)"

say "scenario: a good deploy (bbbbbbb), and a second deploy to the same host at the same time"
(deploy bbbbbbb; exit "$deployed") &
first=$!
wait_for 60 "the first deploy" grep -q "deploying bbbbbbb" "$work/deploy.log"
second=0
DEPLOY_HOST=posts-test-host DEPLOY_DIR="$host_dir" DEPLOY_SSH_CONFIG="$work/agent/ssh_config" POSTS_REGISTRY="$registry" \
    BUILD_VERSION=1.1.0-bbbbbbb DEPLOY_ALLOW_HTTP=yes ci/deploy-compose.sh bbbbbbb "$base" > "$work/second.log" 2>&1 || second=$?
if ((second != 1)) || ! grep -q "another deploy" "$work/second.log"; then
    fail "a concurrent deploy was not refused: $(cat "$work/second.log")"
fi
wait "$first" || fail "good deploy: the deploy function failed"
grep -q "bbbbbbb (version 1.1.0-bbbbbbb) is serving" "$work/deploy.log" || fail "good deploy did not finish"
[[ "$(version_served)" == 1.1.0-bbbbbbb ]] || fail "bbbbbbb is not serving"
[[ "$(app_image)" == "${registry}posts-service-app:bbbbbbb" ]] || fail "the app runs $(app_image)"
curl --silent --fail --output /dev/null "$base/posts/$marker" || fail "marker post lost"
grep -q "probe post .* deleted" "$work/deploy.log" || fail "the smoke test did not write"
app_container=$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=app)
say "ok: bbbbbbb serves by its tag, the marker post survives, the concurrent deploy was refused ($((SECONDS - started)) s)"

say "scenario: a deploy whose smoke test fails (ccccccc cannot write)"
deploy ccccccc
((deployed == 1)) || fail "failed smoke test: exit $deployed"
grep -q "cannot write" "$work/deploy.log" || fail "the smoke test did not fail on the write"
grep -q "rolled back to bbbbbbb, which is serving" "$work/deploy.log" || fail "no rollback reported"
[[ "$(version_served)" == 1.1.0-bbbbbbb ]] || fail "bbbbbbb is not serving after the rollback"
[[ "$(app_image)" == "${registry}posts-service-app:bbbbbbb" ]] || fail "the app runs $(app_image)"
curl --silent --fail --output /dev/null "$base/posts/$marker" || fail "marker post lost in the rollback"
[[ "$(readlink "$host_dir/current")" == releases/bbbbbbb ]] || fail "the current release is $(readlink "$host_dir/current")"
say "ok: rolled back to bbbbbbb, which serves with the marker post ($((SECONDS - started)) s)"

say "scenario: a tag the registry does not have"
app_container=$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=app)
deploy ddddddd
((deployed == 1)) || fail "missing tag: exit $deployed"
grep -q "could not pull ddddddd; the running stack was not changed" "$work/deploy.log" || fail "the pull failure is not reported"
[[ "$(docker ps --quiet --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=app)" == "$app_container" ]] \
    || fail "the app container was replaced"
[[ "$(version_served)" == 1.1.0-bbbbbbb ]] || fail "bbbbbbb is not serving"
say "ok: failed at the pull, bbbbbbb untouched ($((SECONDS - started)) s)"

tags=$(curl --silent "http://127.0.0.1:$registry_port/v2/posts/posts-service-app/tags/list")
[[ "$tags" != *latest* ]] || fail "a deploy pushed latest: $tags"
say "passed in $((SECONDS - started)) s"
