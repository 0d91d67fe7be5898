#!/usr/bin/env bash
# Usage: bench/backup-restore.sh [POSTS]
# Times ops/backup.sh and ops/restore.sh on POSTS posts (default 100,000, about 220 bytes of text each) in a
# throwaway MariaDB on loopback (bench/stack.sh's), with the application's migrations applied, and prints
# the figures. Needs mariadb-server and its client tools (Debian packages). Takes under a minute.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=ci/lib.sh
source ci/lib.sh
# shellcheck source=bench/stack.sh
source bench/stack.sh
posts=${1:-100000}
[[ $posts =~ ^[1-9][0-9]*$ ]] || { sed -n '2p' "$0" >&2; exit 2; }
work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
seconds_since() { awk -v now="$(date +%s.%N)" -v then="$1" 'BEGIN { printf "%.1f", now - then }'; }

start_database
# The schema as Flyway leaves it: the migrations, and a history that names the newest.
for migration in src/main/resources/db/migration/V*.sql; do
    sql "use posts_bench; $(cat "$migration")"
done
sql "use posts_bench;
     create table flyway_schema_history (installed_rank int primary key, version varchar(50), success tinyint);
     insert into flyway_schema_history values (1, '$(find src/main/resources/db/migration -name 'V*.sql' |
         sed 's/.*\/V\([0-9]*\)__.*/\1/' | sort -n | tail -n 1)', 1);
     insert into post (content, author_email, created_time)
         select concat('Post number ', seq, ': ', md5(seq), ' ', sha2(seq, 512), ' ', md5(seq + 1)),
                concat('writer', seq % 50, '@example.com'), '2024-01-01 00:00:00' + interval seq minute
         from seq_1_to_$posts;
     analyze table post;
     create database posts_restored character set utf8mb4 collate utf8mb4_unicode_ci;
     grant all on posts_restored.* to 'posts'@'127.0.0.1';"

# Not exported: the mariadb client of sql() would read MYSQL_HOST too.
ops() { MYSQL_HOST=127.0.0.1 MYSQL_PORT=$db_port MYSQL_USER=posts MYSQL_PASS=$db_password MYSQL_DB=posts_bench "$@"; }
started=$(date +%s.%N)
ops ops/backup.sh "$work/backups" > /dev/null
backup_seconds=$(seconds_since "$started")
dump=$(find "$work/backups" -name '*.sql.gz')
started=$(date +%s.%N)
ops ops/restore.sh "$dump" posts_restored > /dev/null
restore_seconds=$(seconds_since "$started")
[[ $(sql "select count(*) from posts_restored.post") == "$posts" ]] || { echo "the restore lost posts" >&2; exit 1; }

echo "| Posts | Data (MB) | Dump, gzip (MB) | Backup (s) | Restore (s) |"
echo "| --- | --- | --- | --- | --- |"
echo "| $posts | $(sql "select round(sum(data_length + index_length) / 1048576, 1) from information_schema.tables
    where table_schema = 'posts_bench'") | $(du -m "$dump" | cut -f1) | $backup_seconds | $restore_seconds |"
