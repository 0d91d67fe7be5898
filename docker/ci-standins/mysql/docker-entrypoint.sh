#!/bin/bash
# Usage: docker-entrypoint.sh [mysqld] [SERVER_OPTION...]
# The mysql image's contract, for the MariaDB stand-in: on first start (empty /var/lib/mysql) create the
# system tables, set MYSQL_ROOT_PASSWORD, create MYSQL_DATABASE and MYSQL_USER/MYSQL_PASSWORD with all
# rights on it, and run /docker-entrypoint-initdb.d/*.sql and *.sh; then run the server in the foreground.
# As in the official image, the temporary server of that first start gets the same server options (binary
# log, server id...) on its default socket, without networking; only the root user's set-up stays out of the
# binary log, the database and user are written to it; an executable *.sh runs, any other is sourced.
set -euo pipefail

if [[ "${1:-}" == -* ]]; then
    set -- mysqld "$@"
fi
if [[ "${1:-}" != mysqld ]]; then
    exec "$@"
fi
shift

datadir=/var/lib/mysql
if [[ ! -d "$datadir/mysql" ]]; then
    : "${MYSQL_ROOT_PASSWORD:?the mysql image needs MYSQL_ROOT_PASSWORD}"
    if [[ "${MYSQL_USER:-}" == root ]]; then
        echo "MYSQL_USER=root is refused: the root user is set up by MYSQL_ROOT_PASSWORD" >&2
        exit 1
    fi
    echo "stand-in mysql: initialising $datadir"
    mariadb-install-db --user=mysql --datadir="$datadir" --skip-test-db --auth-root-authentication-method=normal > /dev/null
    mariadbd --user=mysql --datadir="$datadir" "$@" --skip-networking &
    pid=$!
    for _ in $(seq 60); do
        mysqladmin ping --silent 2> /dev/null && break
        sleep 1
    done
    sql() { mariadb -uroot "$@"; }
    {
        echo "SET @@SESSION.SQL_LOG_BIN=0;"
        echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD//\'/\'\'}';"
        echo "CREATE USER 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD//\'/\'\'}';"
        echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
        echo "FLUSH PRIVILEGES;"
        echo "SET @@SESSION.SQL_LOG_BIN=1;"
        if [[ -n "${MYSQL_DATABASE:-}" ]]; then
            echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
        fi
        if [[ -n "${MYSQL_USER:-}" && -n "${MYSQL_PASSWORD:-}" ]]; then
            echo "CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '${MYSQL_PASSWORD//\'/\'\'}';"
            if [[ -n "${MYSQL_DATABASE:-}" ]]; then
                echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';"
            fi
        fi
    } | sql
    for file in /docker-entrypoint-initdb.d/*; do
        # shellcheck source=/dev/null # the image user's own scripts
        case "$file" in
            *.sh)
                echo "stand-in mysql: running $file"
                if [[ -x "$file" ]]; then "$file"; else . "$file"; fi ;;
            *.sql) echo "stand-in mysql: running $file"; sql -p"$MYSQL_ROOT_PASSWORD" "${MYSQL_DATABASE:-mysql}" < "$file" ;;
        esac
    done
    mysqladmin -uroot -p"$MYSQL_ROOT_PASSWORD" shutdown
    wait "$pid"
    echo "stand-in mysql: initialised"
fi
exec mariadbd --user=mysql --datadir="$datadir" --bind-address=0.0.0.0 --port=3306 "$@"
