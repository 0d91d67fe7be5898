#!/usr/bin/env bash
# Usage: ci/test-on-mysql.sh [MAVEN_ARGS...]
#   Runs the database-backed tests again on a disposable MySQL 8.4 container (the backup and restore round
#   trip with MySQL's own tools among them): a free loopback port,
#   waited for until healthy, handed to the tests through TEST_DB_URL, removed however this ends.
#   CI_CONTAINER_LABEL (default posts.ci=disposable-mysql) lets a later clean-up find it too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source ci/lib.sh

image=${MYSQL_IMAGE:-mysql:8.4}
label=${CI_CONTAINER_LABEL:-posts.ci=disposable-mysql}
name="posts-ci-mysql-$(date +%s)-$$"
password=$(random_secret 18)

trap 'docker rm --force --volumes "$name" > /dev/null 2>&1 || true' EXIT
# The password reaches docker through its environment (--env NAME without a value), not the command line.
MYSQL_ROOT_PASSWORD=$password docker run --detach --name "$name" --label "$label" \
    --env MYSQL_ROOT_PASSWORD --env MYSQL_DATABASE=posts_test \
    --publish 127.0.0.1::3306 \
    --health-cmd 'mysqladmin ping -h 127.0.0.1 --silent' --health-interval 2s --health-retries 90 \
    "$image" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci > /dev/null

if ! wait_until 240 2 container_healthy "$name"; then
    docker logs "$name" >&2 || true
    echo "test-on-mysql: $image did not become healthy" >&2
    exit 1
fi
port=$(docker port "$name" 3306/tcp | head -n 1 | sed 's/.*://')
echo "test-on-mysql: $image is healthy on 127.0.0.1:$port"

# The classes tagged independent-of-test-database start their own server or none: the same on any TEST_DB;
# so does the contract on replicas.
# The backup tests run ops/ with the container's own dump and client tools, so MySQL's meet MySQL.
TEST_DB=external TEST_DB_URL="jdbc:mysql://127.0.0.1:$port/posts_test" TEST_DB_USER=root TEST_DB_PASS="$password" \
    TEST_DB_TOOLS_CONTAINER="$name" ./mvnw -B -ntp test -DexcludedGroups=independent-of-test-database \
    -Dposts.replica-contract.skip=true "$@"
