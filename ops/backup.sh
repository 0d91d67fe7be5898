#!/usr/bin/env bash
# Usage: ops/backup.sh [--compose | --container NAME] [--if-present] DIR
#   A consistent dump of the posts database, taken while it serves (one transaction's snapshot: every write
#   acknowledged before the dump began is in it): DIR/posts-DB-TIME-vSCHEMA.sql.gz, gzip-compressed, with its
#   SHA-256 beside it (.sha256); both mode 600. Keeps the newest BACKUP_KEEP (default 14) of DB's backups in DIR.
#   The database: MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASS and MYSQL_DB, as the service reads them;
#   with --compose, the compose stack's db service and its own user (the project: COMPOSE_PROJECT_NAME, else
#   the current folder's name; DOCKER_HOST=ssh://user@host reaches another host's stack); with
#   --container, the tools of that database container (MYSQL_HOST and MYSQL_PORT as seen from inside it).
#   --if-present: no stack yet, or a database the service has never started on, is nothing to back up (exit 0,
#   said); for a release's first deploy.
#   DIR inside the database's data directory is refused, where that directory is on this machine.
set -euo pipefail
# shellcheck source=ops/database.sh
source "$(dirname "${BASH_SOURCE[0]}")/database.sh"
usage() { sed -n '2p' "$0" >&2; exit 2; }
fail() { echo "backup: $*" >&2; exit 1; }

if_present=no mode=()
while [[ ${1:-} == --* ]]; do
    case $1 in
        --compose) mode=(--compose) ;;
        --container) (($# >= 2)) || usage; mode=(--container "$2"); shift ;;
        --if-present) if_present=yes ;;
        *) usage ;;
    esac
    shift
done
(($# == 1)) || usage
dir=$1
keep=${BACKUP_KEEP:-14}
[[ $keep =~ ^[1-9][0-9]*$ ]] || fail "BACKUP_KEEP must be a whole number of 1 or more, got '$keep'"
nothing_yet() { # nothing_yet WHY: with --if-present, a success that says why; else a failure
    [[ $if_present == yes ]] || fail "$1"
    echo "backup: nothing to back up: $1"
    exit 0
}
case ${mode[0]:-} in
    --compose) use_compose || nothing_yet "no db container of the compose stack runs (said above)" ;;
    --container) use_container "${mode[1]}" ;;
esac
umask 077
mkdir -p "$dir"
dir=$(realpath "$dir")

db_identify
database=$(db_name "")

# A backup on the volume it protects dies with it: at least never inside the data directory itself.
datadir=$(db_query "SELECT @@datadir")
if [[ $db_where == local && -e $datadir ]]; then
    datadir=$(realpath -m "$datadir")
    [[ $(realpath -m "$dir")/ != "$datadir"/* ]] || fail "$dir is inside the database's data directory $datadir; keep backups on another volume"
fi

schema=$(db_schema_version "$database" 2> /dev/null || true)
[[ -n $schema ]] || nothing_yet "$database has no Flyway history: the service has not started on it yet"
name="posts-$database-$(date -u +%Y%m%dT%H%M%SZ)-v$schema.sql.gz"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT

# --single-transaction: a consistent snapshot without locking writers; utf8mb4 and --hex-blob: bytes kept as
# they are; --no-tablespaces: MySQL would need PROCESS, which the service's user lacks.
options=(--single-transaction --quick --default-character-set=utf8mb4 --hex-blob --no-tablespaces --triggers)
# GTIDs would make the dump unloadable on a server that has its own (a new database, a replica).
[[ $db_engine == mysql ]] && options+=(--set-gtid-purged=OFF)
started=$SECONDS
db_run "$db_dump" "${options[@]}" "$database" | gzip -6 > "$partial"
gzip -dc "$partial" | tail -n 1 | grep -q '^-- Dump completed' || fail "the dump of $database ended early"
mv "$partial" "$dir/$name"
(cd "$dir" && sha256sum "$name" > "$name.sha256")
echo "backup: $dir/$name ($(du -h "$dir/$name" | cut -f1), $db_engine, schema v$schema, $((SECONDS - started)) s)"

# Newest first by name, which starts with the time: all but the newest $keep go, with their checksums.
find "$dir" -maxdepth 1 -name "posts-$database-*.sql.gz" -printf '%f\n' | sort -r | tail -n +"$((keep + 1))" |
    while read -r old; do
        rm -f "$dir/$old" "$dir/$old.sha256"
        echo "backup: removed $old (BACKUP_KEEP=$keep)"
    done
