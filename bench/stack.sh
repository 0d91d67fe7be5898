# shellcheck shell=bash disable=SC2154 # repo, nginx, ... come from the script that sources this
# Sourced by the benchmarks of bench/ (run.sh, startup.sh, backup-restore.sh, nginx-parts.sh), never run:
# starts and stops the benchmarks' servers, all on loopback.
#   MariaDB (Debian's mariadb-server) on 127.0.0.1 (with BENCH_REPLICA, a second one as its GTID replica, which
#   the service reads from: MYSQL_REPLICAS), Tomcat 11 with the packaged WAR as ROOT and the raw-JDBC
#   baseline as /raw on 127.0.0.1, and one nginx (one worker) on 127.0.0.2 serving the project's own
#   templates on one port and a bare proxy_pass plus a static file on another. Tomcat's base and nginx's
#   prefix are laid out by stack/, as for the integration tests.
# Expects: repo (and nginx for start_nginx), and ci/lib.sh sourced (free_port, wait_until, random_secret,
# newest_java_home, pom_property); prepare_bench sets work, java_home, tomcat_home, war and candidate_war;
# the others set the ports, api_token and the *_pid variables.

prepare_bench() { # prepare_bench WORK BUILD: the JDK (java_home), Tomcat (tomcat_home) and WAR (war, or
    # BENCH_WAR; and candidate_war from BENCH_CANDIDATE_WAR), built first when BUILD is yes; an empty target/WORK (work); and
    # the traps that stop the servers however the benchmark ends
    java_home=${BENCH_JAVA_HOME:-${TOMCAT_JAVA_HOME:-$(newest_java_home javac)}}
    java_home=${java_home:-${JAVA_HOME:?no JDK found in /usr/lib/jvm; set BENCH_JAVA_HOME}}
    tomcat_home="$repo/target/tomcat11/apache-tomcat-$(pom_property tomcat11.version)"
    war=${BENCH_WAR:-$repo/target/posts-service.war}
    candidate_war=${BENCH_CANDIDATE_WAR:-}
    if [[ $2 == yes ]]; then
        echo "Building the WAR and unpacking Tomcat"
        ./mvnw -B -ntp -q package -DskipTests dependency:unpack@unpack-tomcat11
    fi
    [[ -f "$war" && -f "$tomcat_home/bin/catalina.sh" ]] || {
        echo "bench: no $war or Tomcat in target/: run without --no-build" >&2
        exit 1
    }
    work="$repo/target/$1"
    rm -rf "$work"
    mkdir -p "$work"
    trap stop_servers EXIT
    trap 'exit 130' INT TERM
}

stop_pid() { # stop_pid PID: TERM, then KILL after 30 s
    local pid=$1
    [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null || return 0
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 60); do
        kill -0 "$pid" 2> /dev/null || return 0
        sleep 0.5
    done
    kill -KILL "$pid" 2> /dev/null || true
}

stop_servers() {
    stop_pid "${nginx_pid:-}"
    stop_pid "${tomcat_pid:-}"
    stop_pid "${replica_pid:-}"
    stop_pid "${db_pid:-}"
    [[ -z "${nginx_files:-}" ]] || rm -rf "$nginx_files"
}

sql_on() { # sql_on DIR STATEMENTS: runs them as root over the socket of the server in DIR (on stdin: no
    # password in a command line)
    mariadb --no-defaults --socket="$1/mysqld.sock" -uroot --batch --skip-column-names <<< "$2"
}

sql() { # sql STATEMENTS: on the (primary) database server
    sql_on "$work/db" "$1"
}

launch_mariadb() { # launch_mariadb DIR PORT [OPTION...]: a new server on 127.0.0.1:PORT, its files in DIR;
    # sets launched_pid
    local dir=$1 port=$2
    shift 2
    mkdir -p "$dir/data"
    timeout 120 mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" --skip-test-db \
        --auth-root-authentication-method=normal > "$dir/install.log" 2>&1
    # innodb_flush_log_at_trx_commit=2: a commit is not an fsync, so writes measure the service, not the disk.
    mariadbd --no-defaults --user="$(id -un)" --datadir="$dir/data" --socket="$dir/mysqld.sock" \
        --pid-file="$dir/mysqld.pid" --bind-address=127.0.0.1 --port="$port" --skip-name-resolve \
        --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --max-connections=200 \
        --log-error="$dir/error.log" "$@" > "$dir/mariadbd.out" 2>&1 &
    launched_pid=$!
    wait_until 60 0.5 sql_on "$dir" "select 1" || { cat "$dir/error.log" >&2; return 1; }
}

start_database() {
    db_port=$(free_port)
    if [[ "${BENCH_REPLICA:-}" == yes ]]; then
        launch_mariadb "$work/db" "$db_port" --server-id=1 --log-bin="$work/db/binlog" --binlog-format=ROW
        db_pid=$launched_pid
        start_replica
    else
        launch_mariadb "$work/db" "$db_port"
        db_pid=$launched_pid
    fi
    db_password=$(random_secret 24)
    sql "create database posts_bench character set utf8mb4 collate utf8mb4_unicode_ci;
         create user 'posts'@'127.0.0.1' identified by '$db_password';
         grant all on posts_bench.* to 'posts'@'127.0.0.1';"
    echo "MariaDB $(sql 'select version()') on 127.0.0.1:$db_port"
}

start_replica() { # a GTID replica of the database, before anything is written, so it receives it all
    local password
    replica_port=$(free_port)
    launch_mariadb "$work/replica" "$replica_port" --server-id=2 --read-only=ON
    replica_pid=$launched_pid
    password=$(random_secret 24)
    sql "set sql_log_bin = 0;
         create user 'replicator'@'127.0.0.1' identified by '$password';
         grant replication slave on *.* to 'replicator'@'127.0.0.1';"
    sql_on "$work/replica" "change master to master_host='127.0.0.1', master_port=$db_port,
         master_user='replicator', master_password='$password', master_use_gtid=slave_pos,
         master_connect_retry=1;
         start slave;"
    MYSQL_REPLICAS="127.0.0.1:$replica_port" POSTS_CONSISTENCY_KEY=$(random_secret 48)
    export MYSQL_REPLICAS POSTS_CONSISTENCY_KEY
    echo "MariaDB replica on 127.0.0.1:$replica_port: the service reads from it"
}

await_replica() { # await_replica: returns once the replica has applied all the primary has written (30 s at most)
    [[ -n "${replica_pid:-}" ]] || return 0
    [[ "$(sql_on "$work/replica" "select master_gtid_wait('$(sql 'select @@global.gtid_binlog_pos')', 30)")" == 0 ]] ||
        { echo "bench: the replica did not catch up within 30 s" >&2; return 1; }
}

seed_posts() { # 100 posts (the reads need a page of 20 and a post 1), and nothing else
    sql "use posts_bench;
         delete from post;
         alter table post auto_increment = 1;
         insert into post (content, author_email, created_time)
             select concat('Post number ', seq, ', written for the benchmark'), 'bench@example.com',
                    '2024-01-01 00:00:00' + interval seq minute
             from seq_1_to_100;"
    await_replica
}

build_raw_baseline() { # bench/raw compiled into an exploded webapp, with the service's driver and Jackson
    local app=$1 lib
    mkdir -p "$work/war" "$app/WEB-INF/classes" "$app/WEB-INF/lib"
    (cd "$work/war" && "$java_home/bin/jar" xf "$war" WEB-INF/lib)
    for lib in mysql-connector-j jackson-core jackson-databind jackson-annotations; do
        cp "$work"/war/WEB-INF/lib/"$lib"-[0-9]*.jar "$app/WEB-INF/lib/"
    done
    cp "$repo/bench/raw/WEB-INF/web.xml" "$app/WEB-INF/"
    "$java_home/bin/javac" --release 17 -nowarn -d "$app/WEB-INF/classes" \
        -cp "$tomcat_home/lib/servlet-api.jar:$tomcat_home/lib/tomcat-jdbc.jar:$(printf '%s:' "$app"/WEB-INF/lib/*.jar)" \
        "$repo"/bench/raw/src/com/example/posts/bench/*.java
}

launch_tomcat() { # launch_tomcat BASE EXTRA_CATALINA_OPTS: catalina.sh run in the background, with the service's
    # settings on a free port (tomcat_port, tomcat_pid), its database the benchmark's
    local base=$1
    tomcat_port=$(free_port)
    api_token=$(random_secret 48)
    CATALINA_HOME="$tomcat_home" CATALINA_BASE="$base" JAVA_HOME="$java_home" CATALINA_OPTS="$2" \
        POSTS_ADDRESS=127.0.0.1 POSTS_PORT="$tomcat_port" TRUSTED_PROXIES='127\.0\.0\.2' \
        POSTS_METRICS_ADDRESS=127.0.0.1 POSTS_METRICS_PORT=$((tomcat_port + 1)) \
        POSTS_ACCESS_LOG_DIRECTORY="$base/logs" POSTS_ACCESS_LOG_PREFIX=access.log \
        MYSQL_HOST=127.0.0.1 MYSQL_PORT="$db_port" MYSQL_USER=posts MYSQL_PASS="$db_password" \
        MYSQL_DB=posts_bench POSTS_API_TOKEN="$api_token" \
        sh "$tomcat_home/bin/catalina.sh" run > "$base/logs/catalina.out" 2>&1 &
    tomcat_pid=$!
}

start_tomcat() { # start_tomcat EXTRA_CATALINA_OPTS
    local base="$work/tomcat" webapps=("ROOT=$war")
    [[ -z "${candidate_war:-}" ]] || webapps+=("candidate=$candidate_war")
    "$repo/stack/catalina-base.sh" "$base" "$tomcat_home/conf" "${webapps[@]}"
    build_raw_baseline "$base/webapps/raw"
    launch_tomcat "$base" "$1"
    if ! wait_until 180 0.5 curl -fsS --max-time 5 "http://127.0.0.1:$tomcat_port/health" ||
        { [[ -n "${candidate_war:-}" ]] && ! wait_until 60 0.5 curl -fsS --max-time 5 "http://127.0.0.1:$tomcat_port/candidate/health"; }; then
        tail -n 50 "$base/logs/catalina.out" >&2
        return 1
    fi
    echo "Tomcat $("$java_home/bin/java" -version 2>&1 | head -n 1) on 127.0.0.1:$tomcat_port"
}

project_nginx_settings() { # project_nginx_settings UPSTREAM: exports what the project's templates read
    # (see nginx/templates/posts.conf.template), listening on 127.0.0.2 on a free port (POSTS_HTTP_PORT). The
    # limits are set high enough that a benchmark's own load never meets them, though nginx still applies them.
    POSTS_UPSTREAM=$1 NGINX_RESOLVER=127.0.0.53 POSTS_PROXY_BIND=127.0.0.2
    POSTS_WRITE_RATE=100000r/s POSTS_WRITE_BURST=100000 POSTS_CONNECTIONS_PER_ADDRESS=1024
    POSTS_WRITE_RATE_PER_TOKEN=100000r/s POSTS_WRITE_BURST_PER_TOKEN=100000
    POSTS_HEADER_TIMEOUT=10s POSTS_ACCESS_LOG_FORMAT=text POSTS_LISTEN_ADDRESS=127.0.0.2
    POSTS_HTTP_PORT=$(free_port)
    POSTS_HTTPS_PORT=$((POSTS_HTTP_PORT + 1))
    POSTS_PUBLIC_HTTPS_PORT=$POSTS_HTTPS_PORT
    export POSTS_UPSTREAM NGINX_RESOLVER POSTS_PROXY_BIND POSTS_WRITE_RATE POSTS_WRITE_BURST \
        POSTS_WRITE_RATE_PER_TOKEN POSTS_WRITE_BURST_PER_TOKEN \
        POSTS_CONNECTIONS_PER_ADDRESS POSTS_HEADER_TIMEOUT POSTS_ACCESS_LOG_FORMAT POSTS_LISTEN_ADDRESS \
        POSTS_HTTP_PORT POSTS_HTTPS_PORT POSTS_PUBLIC_HTTPS_PORT
}

cpu_ticks() { # cpu_ticks PID: the CPU clock ticks (user and system) that PID and its children have used so far
    local pid stat fields total=0
    for pid in "$1" $(pgrep -P "$1" || true); do
        stat=$(cat "/proc/$pid/stat" 2> /dev/null) || continue
        # After the command name in parentheses (which may hold spaces), utime and stime are the 12th and 13th.
        read -r -a fields <<< "${stat##*) }"
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}

start_nginx() {
    local prefix="$work/nginx"
    project_nginx_settings "127.0.0.1:$tomcat_port"

    # What the workers read (the static file) lives with what they write, where their user may go.
    nginx_files=$(mktemp -d "${TMPDIR:-/tmp}/posts-bench-nginx.XXXXXX")
    mkdir -p "$nginx_files/static"
    curl -fsS --max-time 5 "http://127.0.0.1:$tomcat_port/posts/1" > "$nginx_files/static/post.json"
    chmod 755 "$nginx_files"
    BENCH_TOMCAT="127.0.0.1:$tomcat_port" BENCH_BARE_LISTEN="127.0.0.2:$(free_port)"
    BENCH_STATIC_ROOT=$nginx_files
    export BENCH_TOMCAT BENCH_BARE_LISTEN BENCH_STATIC_ROOT
    "$repo/stack/nginx-prefix.sh" "$prefix" "$nginx_files" "$repo/bench/nginx/bench-bare.conf.template"
    bare_url="http://$BENCH_BARE_LISTEN"
    project_url="http://127.0.0.2:$POSTS_HTTP_PORT"
    if [[ -n "${candidate_war:-}" ]]; then
        # The front door forwards only the service's paths: the A/B candidate beside it gets a location of
        # its own, handled as the service's reads and writes are.
        cat >> "$prefix/conf.d/posts/proxy.conf" << 'EOF'
location /candidate/ {
    if ($posts_is_write) {
        return 418;
    }
    proxy_pass http://posts_app;
}
EOF
    fi

    "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -g "daemon off;" > "$prefix/access.log" 2>&1 &
    nginx_pid=$!
    wait_until 20 0.2 curl -fsS --max-time 5 "$project_url/health/live" || { cat "$prefix/access.log" >&2; return 1; }
    echo "nginx $("$nginx" -v 2>&1 | sed 's:.*/::'), one worker: project's config on $project_url, bare on $bare_url"
}
