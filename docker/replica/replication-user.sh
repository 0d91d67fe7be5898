#!/bin/bash
# Usage: replication-user.sh   (run once, on the first start, from db's /docker-entrypoint-initdb.d)
#   Creates on the primary the account that db-replica replicates with: MYSQL_REPLICATION_USER (replicator),
#   identified by MYSQL_REPLICATION_PASSWORD, with the REPLICATION SLAVE privilege only. See docs/compose.md.
set -euo pipefail

user=${MYSQL_REPLICATION_USER:-replicator}
password=${MYSQL_REPLICATION_PASSWORD:?set MYSQL_REPLICATION_PASSWORD in .env}
[[ "$user" =~ ^[A-Za-z0-9_]{1,32}$ ]] \
    || { echo "replication-user: MYSQL_REPLICATION_USER must be letters, digits or _" >&2; exit 1; }
client=$(command -v mariadb || command -v mysql)
sql_string() { # sql_string TEXT: TEXT as a quoted SQL string
    local value=${1//\\/\\\\}
    printf "'%s'" "${value//\'/\'\'}"
}

# An account of this server, not data: kept out of the binary log, as the image keeps its root set-up.
"$client" --defaults-extra-file=<(printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD") <<SQL
SET SESSION sql_log_bin = 0;
CREATE USER '$user'@'%' IDENTIFIED BY $(sql_string "$password");
GRANT REPLICATION SLAVE ON *.* TO '$user'@'%';
SQL
echo "replication-user: created $user for the replicas"
