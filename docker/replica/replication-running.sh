#!/bin/bash
# Usage: replication-running.sh   (db-replica's health check)
#   Succeeds once the replica's server answers on TCP (not the first start's temporary server) and both of its
#   replication threads run: the I/O thread connected to db, the SQL thread applying what it receives.
set -euo pipefail

client=$(command -v mariadb || command -v mysql)
# SHOW REPLICA STATUS: MySQL 8.4 names its fields Replica_*, MariaDB keeps Slave_*.
status=$("$client" --defaults-extra-file=<(printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD") \
    --host=127.0.0.1 --protocol=tcp --connect-timeout=2 --execute='SHOW REPLICA STATUS\G')
grep -Eq '^ *(Slave|Replica)_IO_Running: Yes$' <<< "$status"
grep -Eq '^ *(Slave|Replica)_SQL_Running: Yes$' <<< "$status"
