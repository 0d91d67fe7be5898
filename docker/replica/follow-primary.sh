#!/bin/bash
# Usage: follow-primary.sh   (run once, on the first start, from db-replica's /docker-entrypoint-initdb.d)
#   Makes this new server a replica of db that follows it with GTIDs from db's present position: db's own
#   first-start set-up (its database and users, which this server has made for itself) is not replayed, the
#   application's tables and rows that come later are. Refuses a db whose database already holds tables: this
#   replica would lack their rows (see docs/compose.md). MariaDB: MASTER_USE_GTID=slave_pos (proven in CI);
#   MySQL 8.4: SOURCE_AUTO_POSITION=1 and super_read_only (written down, not proven in CI).
set -euo pipefail

primary=db
user=${MYSQL_REPLICATION_USER:-replicator}
password=${MYSQL_REPLICATION_PASSWORD:?set MYSQL_REPLICATION_PASSWORD in .env}
database=${MYSQL_DATABASE:?the replica needs MYSQL_DATABASE, as db has}
[[ "$user" =~ ^[A-Za-z0-9_]{1,32}$ ]] \
    || { echo "follow-primary: MYSQL_REPLICATION_USER must be letters, digits or _" >&2; exit 1; }
client=$(command -v mariadb || command -v mysql)
say() { echo "follow-primary: $*"; }
sql_string() { # sql_string TEXT: TEXT as a quoted SQL string
    local value=${1//\\/\\\\}
    printf "'%s'" "${value//\'/\'\'}"
}
login() { printf '[client]\nuser=%s\npassword="%s"\n' "$1" "$2"; }
local_sql() { "$client" --defaults-extra-file=<(login root "$MYSQL_ROOT_PASSWORD") --batch --skip-column-names "$@"; }
primary_sql() { # primary_sql USER PASSWORD SQL: one value from db
    "$client" --defaults-extra-file=<(login "$1" "$2") --host="$primary" --port=3306 --connect-timeout=5 \
        "${client_options[@]}" --batch --skip-column-names --execute="$3"
}

client_options=()
if [[ "$(local_sql --execute='SELECT VERSION()')" == *MariaDB* ]]; then
    flavour=MariaDB
else
    flavour=MySQL
    # caching_sha2_password over a connection without TLS needs the server's RSA key.
    client_options=(--get-server-public-key)
fi

# db is healthy before this container starts (depends_on); the retries only cover a slow network.
tables=""
for _ in $(seq 15); do
    tables=$(primary_sql "$MYSQL_USER" "$MYSQL_PASSWORD" \
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $(sql_string "$database")") && break
    sleep 2
done
[[ "$tables" =~ ^[0-9]+$ ]] || { echo "follow-primary: cannot reach $primary as $MYSQL_USER" >&2; exit 1; }
if ((tables > 0)); then
    echo "follow-primary: $primary's database $database already holds $tables tables, whose rows a replica made here" \
        "would lack. Remove db-replica and its volume (db-replica-data); start the replica with a new database" \
        "(docs/compose.md, \"A read replica\")." >&2
    exit 1
fi

if [[ "$flavour" == MariaDB ]]; then
    position=$(primary_sql "$user" "$password" 'SELECT @@GLOBAL.gtid_binlog_pos')
    # This server's own set-up (its database and user) leaves its binary log, where gtid_strict_mode could
    # refuse db's transactions after it; replication starts at db's present position.
    local_sql <<SQL
RESET MASTER;
SET GLOBAL gtid_slave_pos = $(sql_string "$position");
CHANGE MASTER TO MASTER_HOST='$primary', MASTER_PORT=3306, MASTER_USER='$user',
    MASTER_PASSWORD=$(sql_string "$password"), MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=5;
START SLAVE;
SQL
else
    position=$(primary_sql "$user" "$password" "SELECT REPLACE(@@GLOBAL.gtid_executed, '\\n', '')")
    purged=""
    [[ -z "$position" ]] || purged="SET GLOBAL gtid_purged = $(sql_string "$position");"
    # super_read_only only now: on the command line it would stop the image's own set-up. PERSIST keeps it.
    local_sql <<SQL
RESET BINARY LOGS AND GTIDS;
$purged
CHANGE REPLICATION SOURCE TO SOURCE_HOST='$primary', SOURCE_PORT=3306, SOURCE_USER='$user',
    SOURCE_PASSWORD=$(sql_string "$password"), SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1,
    SOURCE_CONNECT_RETRY=5;
START REPLICA;
SET PERSIST super_read_only = ON;
SQL
fi
say "$flavour replica of $primary from its GTID position '$position'"
