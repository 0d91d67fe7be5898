#!/usr/bin/env bash
# Usage: ops/restore.sh [--compose | --container NAME] DUMP [DATABASE]
#   Loads a backup made by ops/backup.sh into DATABASE (default: MYSQL_DB, or with --compose the db service's
#   own database), which must exist and hold no table: a restore never writes over data. Before anything is
#   written it refuses a dump whose SHA-256 differs from its .sha256, a dump that ended early, and a dump
#   of the other engine (MariaDB's dump starts with a line that MySQL's client refuses).
#   With RESTORE_CHECK_WAR (a WAR) and CATALINA_HOME (Tomcat 10.1 or 11), it then boots that WAR on the
#   restored database, on loopback, and runs ci/smoke-test.sh against it (ops/boot-check.sh).
#   Database settings as for ops/backup.sh.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=ops/database.sh
source "$here/database.sh"
usage() { sed -n '2p' "$0" >&2; exit 2; }
fail() { echo "restore: $*" >&2; exit 1; }

case ${1:-} in
    --compose) use_compose; shift ;;
    --container) (($# >= 2)) || usage; use_container "$2"; shift 2 ;;
esac
(($# == 1 || $# == 2)) || usage
dump=$1
[[ -f $dump ]] || fail "$dump: no such file"
check_war=${RESTORE_CHECK_WAR:-}
if [[ -n $check_war ]]; then
    # Checked first: a restore that would fail afterwards must not leave a loaded database behind.
    [[ $db_where == local ]] || fail "RESTORE_CHECK_WAR boots a Tomcat here, which needs the database's own address"
    [[ -f $check_war ]] || fail "RESTORE_CHECK_WAR: $check_war: no such file"
    [[ -f ${CATALINA_HOME:-}/bin/catalina.sh ]] || fail "RESTORE_CHECK_WAR needs CATALINA_HOME, a Tomcat 10.1 or 11"
fi

# 1. The file is the one backup.sh wrote, whole.
sums="$dump.sha256"
[[ -f $sums ]] || fail "$sums is missing: without it the dump cannot be told from a damaged one"
expected=$(cut -d' ' -f1 "$sums")
actual=$(sha256sum < "$dump" | cut -d' ' -f1)
[[ -n $expected && $expected == "$actual" ]] || fail "$dump does not match its checksum ($sums): refused, nothing written"
gzip -t "$dump" 2> /dev/null || fail "$dump is not a whole gzip file: refused, nothing written"
gzip -dc "$dump" | tail -n 1 | grep -q '^-- Dump completed' || fail "$dump ends early: refused, nothing written"
# mariadb-dump 10.11.8 and newer put a sandbox-mode line before their header.
header=$(gzip -dc "$dump" | head -n 2 | grep -m 1 '^-- ' || true)
# Older mariadb-dump releases call their dump a "MySQL dump" of a "...-MariaDB" server.
case $header in
    "-- MariaDB dump"* | "-- MySQL dump"*MariaDB*) made_by=mariadb ;;
    "-- MySQL dump"*) made_by=mysql ;;
    *) fail "$dump does not start like a dump of mariadb-dump or mysqldump" ;;
esac

# 2. The target is empty and of the dump's engine.
db_identify
database=$(db_name "${2:-}")
[[ $made_by == "$db_engine" ]] || fail "$dump was made by $made_by's dump tool and the server is $db_engine: restore it into $made_by"
tables=$(db_query "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$database'") ||
    fail "cannot read $database's tables"
[[ $(db_query "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$database'") == 1 ]] ||
    fail "$database does not exist: create it, empty (utf8mb4), and give the service's user all rights on it"
[[ $tables == 0 ]] || fail "$database holds $tables tables: restore into a new, empty database"

# 3. Load it.
started=$SECONDS
db_input=yes
gzip -dc "$dump" | db_run "$db_client" --default-character-set=utf8mb4 "$database" ||
    fail "loading $dump into $database failed; drop $database's tables before trying again"
db_input=no
schema=$(db_schema_version "$database")
posts=$(db_query "SELECT COUNT(*) FROM post" "$database")
echo "restore: $database holds $posts posts at schema v$schema, from $(basename "$dump") ($((SECONDS - started)) s)"

# 4. The service starts on it and serves.
if [[ -n $check_war ]]; then
    MYSQL_DB=$database "$here/boot-check.sh" "$check_war"
fi
