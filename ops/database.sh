# shellcheck shell=bash
# Sourced, never run: how ops/backup.sh and ops/restore.sh reach the database and pick its tools.
#   Where the tools run (db_where):
#   - local (the default): the client tools of this machine, connecting over TCP with MYSQL_HOST, MYSQL_PORT,
#     MYSQL_USER and MYSQL_PASS, as the service reads them;
#   - compose (use_compose): inside the compose stack's db container (COMPOSE_PROJECT_NAME, else this folder's
#     name; on another host with DOCKER_HOST=ssh://...), as the MYSQL_USER and MYSQL_PASSWORD it was created with;
#   - container (use_container NAME): inside that database container, with MYSQL_* as seen from inside it.
# The password reaches a tool in a defaults file read from a pipe, never on a command line; and each engine
# gets its own tools, since MariaDB's dump starts with a line that MySQL's client refuses.
db_where=local
db_container=""
db_engine=""
db_client=""
db_dump=""

use_compose() { # use_compose: the tools of the compose stack's db container, found by its compose labels
    # The project as compose names it: COMPOSE_PROJECT_NAME, from the environment or ./.env, else the
    # folder's name, lower-cased, other characters dropped.
    local project=${COMPOSE_PROJECT_NAME:-}
    [[ -n $project || ! -f .env ]] || project=$(sed -n 's/^COMPOSE_PROJECT_NAME=//p' .env | tail -n 1)
    [[ -n $project ]] || project=$(basename "$PWD" | tr '[:upper:]' '[:lower:]' | tr -cd 'a-z0-9_-')
    db_container=$(docker ps --quiet --filter "label=com.docker.compose.project=$project" \
        --filter label=com.docker.compose.service=db --filter label=com.docker.compose.oneoff=False)
    if [[ -z $db_container || $db_container == *$'\n'* ]]; then
        echo "ops: not one running db container in the compose project '$project' (Docker: ${DOCKER_HOST:-local})" >&2
        return 1
    fi
    db_where=compose
}

use_container() { # use_container NAME: the tools of that running database container
    db_where=container
    db_container=$1
}

# Runs TOOL ARG... with a [client] option group made of the DB_* variables that are set (DB_user: user=...).
# Each value is in double quotes (so that # and leading spaces stay) with its backslashes doubled, as option
# files want; a double quote or a control character inside is refused, as MySQL's and MariaDB's readers
# differ on them. Text, so that a container runs the very same code; in the compose stack's db container,
# the user and password are the ones it was created with.
# shellcheck disable=SC2016 # expanded where it runs
db_with_defaults='
    if [[ -z ${DB_user:-} && -n ${MYSQL_USER:-} ]]; then
        DB_user=$MYSQL_USER DB_password=${MYSQL_PASSWORD:-}
    fi
    if [[ ${DB_password:-} == *[[:cntrl:]\"]* ]]; then
        echo "ops: the password holds a double quote or a control character, which option files cannot carry" >&2
        exit 2
    fi
    defaults() {
        local name value
        echo "[client]"
        for name in DB_host DB_port DB_protocol DB_user DB_password; do
            value=${!name:-}
            [[ -z $value ]] || echo "${name#DB_}=\"${value//\\/\\\\}\""
        done
    }
    "$1" --defaults-extra-file=<(defaults) "${@:2}"'

db_input=no
db_exec() { # db_exec COMMAND...: runs COMMAND where the tools are; the DB_* variables go along
    # docker exec reads standard input only for a load (db_input=yes), so a caller's input stays its own.
    local interactive=()
    [[ $db_input == no ]] || interactive=(--interactive)
    case $db_where in
        local) "$@" ;;
        compose) docker exec "${interactive[@]}" "$db_container" "$@" ;;
        container) docker exec "${interactive[@]}" -e DB_host -e DB_port -e DB_protocol -e DB_user -e DB_password \
            "$db_container" "$@" ;;
    esac
}

db_run() { # db_run TOOL ARG...: a client or dump tool, with the credentials
    if [[ $db_where == compose ]]; then
        db_exec bash -c "$db_with_defaults" db-tool "$@"
    else
        # TCP, as the service connects: with host=localhost the tools would take a local socket instead.
        DB_host=${MYSQL_HOST:-localhost} DB_port=${MYSQL_PORT:-3306} DB_protocol=TCP DB_user=${MYSQL_USER:-root} \
            DB_password=${MYSQL_PASS:-} db_exec bash -c "$db_with_defaults" db-tool "$@"
    fi
}

db_has() { # db_has TOOL: TOOL is installed where the tools run
    # shellcheck disable=SC2016 # expanded where it runs
    db_exec bash -c 'command -v "$1"' db-has "$1" > /dev/null 2>&1
}

db_query() { # db_query SQL [DATABASE]: the answer's rows, tab-separated, without headers
    db_run "$db_client" --batch --skip-column-names --default-character-set=utf8mb4 --execute="$1" ${2:+"$2"}
}

db_identify() { # db_identify: sets db_engine (mariadb or mysql), db_client and db_dump, or fails saying what is missing
    local probe version tool
    for probe in mariadb mysql ""; do
        [[ -n $probe ]] || { echo "ops: neither mariadb nor mysql (the client) is installed ($db_where)" >&2; return 1; }
        db_has "$probe" && break
    done
    db_client=$probe
    version=$(db_query "SELECT VERSION()") || { echo "ops: the database does not answer ($db_where)" >&2; return 1; }
    if [[ $version == *MariaDB* ]]; then
        db_engine=mariadb db_client=mariadb db_dump=mariadb-dump
    else
        db_engine=mysql db_client=mysql db_dump=mysqldump
    fi
    for tool in "$db_client" "$db_dump"; do
        db_has "$tool" || { echo "ops: the server is $db_engine $version, and $tool is not installed ($db_where)" >&2; return 1; }
        # Debian's mysql and mysqldump are MariaDB's, under MySQL's names.
        if [[ $db_engine == mysql && $(db_exec "$tool" --version 2>&1) == *MariaDB* ]]; then
            echo "ops: the server is MySQL $version, but $tool ($db_where) is MariaDB's; use MySQL's own" >&2
            return 1
        fi
    done
}

db_schema_version() { # db_schema_version DATABASE: the newest migration Flyway applied there
    db_query "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL
        ORDER BY installed_rank DESC LIMIT 1" "$1"
}

db_name() { # db_name [NAME]: NAME, or the database the service uses (MYSQL_DB; the db service's own with compose)
    local name=${1:-}
    if [[ -z $name && $db_where == compose ]]; then
        name=$(db_exec printenv MYSQL_DATABASE) || { echo "ops: the db service has no MYSQL_DATABASE" >&2; return 1; }
    fi
    name=${name:-${MYSQL_DB:-my_flask}}
    [[ $name =~ ^[A-Za-z0-9_$]{1,64}$ ]] || { echo "ops: '$name' is not a database name the service accepts" >&2; return 1; }
    echo "$name"
}
