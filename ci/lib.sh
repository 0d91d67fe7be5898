# shellcheck shell=bash
# Sourced, never run: the helpers that the scripts of ci/ (and docker/ci-standins/) share.
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# ci/compose-host.sh cannot use it: it is sent over ssh on its own (bash -s) and keeps its own copies.

find_compose() { # find_compose: sets the array compose_cmd to (docker compose) for v2, else (docker-compose) 1.29
    if docker compose version > /dev/null 2>&1; then
        compose_cmd=(docker compose)
    else
        # shellcheck disable=SC2034 # used by the scripts that source this file
        compose_cmd=(docker-compose)
    fi
}

free_port() { # free_port: a loopback port that no socket uses, nor the one after it (for a second listener)
    # Chosen below the kernel's range for outgoing connections, whose sockets could otherwise take it
    # between this check and the server's bind.
    local outgoing_from outgoing_to low high port used
    read -r outgoing_from outgoing_to < /proc/sys/net/ipv4/ip_local_port_range
    if ((outgoing_from > 12000)); then
        low=10000 high=$((outgoing_from - 2))
    else
        low=$((outgoing_to + 1)) high=65534
    fi
    for _ in $(seq 100); do
        port=$((low + RANDOM % (high - low)))
        used=$(ss -Htan "( sport = :$port or sport = :$((port + 1)) )") || { echo "free_port: ss failed" >&2; return 1; }
        if [[ -z "$used" ]]; then
            echo "$port"
            return 0
        fi
    done
    echo "no free port" >&2
    return 1
}

newest_java_home() { # newest_java_home TOOL: the Java home in /usr/lib/jvm with bin/TOOL and the highest feature
    # version (TOOL java for any runtime, javac for a JDK); nothing when there is none
    local tool version best=0 home=""
    for tool in /usr/lib/jvm/*/bin/"$1"; do
        [[ -x "$tool" ]] || continue
        version=$("$(dirname "$tool")/java" -XshowSettings:properties -version 2>&1 |
            awk -F' = ' '/java.specification.version/ {print $2}')
        if [[ "$version" =~ ^[0-9]+$ ]] && ((version > best)); then
            best=$version home=$(dirname "$(dirname "$tool")")
        fi
    done
    echo "$home"
}

on_nginx_standin() { # on_nginx_standin: nginx:1.30-alpine here is CI's stand-in (docker/ci-standins/)
    local standin
    standin=$(docker image inspect --format '{{ index .Config.Labels "posts.ci-standin" }}' nginx:1.30-alpine \
        2> /dev/null || true)
    [[ -n "$standin" && "$standin" != "<no value>" ]]
}

ci_compose_override() { # ci_compose_override NETWORK: the compose override of CI's runs of the stack, on stdout
    # A frontend network of its own (NETWORK: the first three parts of its /24), so that runs side by side do
    # not clash; a quicker start of the same images: the app's JVM with the quick JIT only (as the tests'
    # JVMs), and its health checked more often, with the image's window (2 s x 15 = 10 s x 3); and on the nginx
    # stand-in (nginx 1.22, without upstream "resolve": docker/ci-standins/README.md) an upstream resolved once.
    local network=$1 upstream=""
    if on_nginx_standin; then
        upstream=$'\n    environment:\n      POSTS_UPSTREAM: app:8080'
    fi
    cat <<YAML
version: "3.8"
services:
  app:
    environment:
      TRUSTED_PROXIES: "${network//./[.]}[.]10"
      CATALINA_OPTS: "-XX:TieredStopAtLevel=1"
    healthcheck:
      interval: 2s
      retries: 15
  nginx:${upstream}
    networks:
      frontend:
        ipv4_address: $network.10
networks:
  frontend:
    ipam:
      config:
        - subnet: $network.0/24
YAML
}

median() { # median: of the numbers on standard input, one per line (0 for none)
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
                                      else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

random_secret() { # random_secret BYTES: letters and digits made from BYTES random bytes
    head -c "$1" /dev/urandom | base64 | tr -dc 'A-Za-z0-9'
}

wait_until() { # wait_until SECONDS INTERVAL COMMAND...: polls COMMAND (output dropped) until it succeeds; 1 at the deadline
    local deadline=$((SECONDS + $1)) interval=$2
    shift 2
    until "$@" > /dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep "$interval"
    done
}

container_healthy() { # container_healthy CONTAINER: its health check reports healthy
    [[ "$(docker inspect --format '{{.State.Health.Status}}' "$1" 2> /dev/null)" == healthy ]]
}

pom_property() { # pom_property NAME: the value of <NAME>…</NAME> in the repository's pom.xml (offline: no Maven)
    local pom value
    pom="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pom.xml"
    value=$(sed -n "s:^ *<$1>\([^<]*\)</$1>.*:\1:p" "$pom" | head -n 1)
    [[ -n "$value" ]] || { echo "pom_property: pom.xml has no <$1>" >&2; return 1; }
    echo "$value"
}

curl_config_string() { # curl_config_string TEXT: TEXT as a quoted string of a curl config (given on stdin: no argv)
    local value=${1//\\/\\\\}
    printf '"%s"' "${value//\"/\\\"}"
}

hold_deploy_lock() { # hold_deploy_lock TARGET: one deploy at a time to TARGET by this user; 1 if one runs, or the lock is unsafe
    # In ~/.cache/posts-deploy-locks, a folder that only this user can enter, outside every job's workspace,
    # so that a release job and a branch job of the same agent exclude each other and no other user can
    # plant a file or a link in it.
    # Every step is checked by hand: called as "hold_deploy_lock … || die", set -e is off in here.
    # Always under HOME (not XDG_RUNTIME_DIR, which a login shell has and a Jenkins agent's service lacks), so
    # that every deploy of this user meets the same lock.
    local base dir file fd
    base="${HOME:?hold_deploy_lock: HOME is not set}/.cache"
    mkdir -p "$base" || { echo "hold_deploy_lock: cannot create $base" >&2; return 1; }
    if [[ -L "$base" || ! -O "$base" ]]; then
        echo "hold_deploy_lock: $base must be a folder of this user's, not a link; refusing it" >&2
        return 1
    fi
    dir="$base/posts-deploy-locks"
    # Another deploy may create it at this very moment: what counts is what is there afterwards.
    mkdir -m 700 "$dir" 2> /dev/null || [[ -e "$dir" || -L "$dir" ]] \
        || { echo "hold_deploy_lock: cannot create $dir" >&2; return 1; }
    if [[ -L "$dir" || ! -d "$dir" || ! -O "$dir" || "$(stat -c %a "$dir")" != 700 ]]; then
        echo "hold_deploy_lock: $dir must be a folder of this user's with mode 700, not a link; refusing it" >&2
        return 1
    fi
    file="$dir/$(printf '%s' "$1" | sha256sum | cut -c1-16).lock"
    if [[ -L "$file" ]] || { [[ -e "$file" ]] && [[ ! -f "$file" || ! -O "$file" ]]; }; then
        echo "hold_deploy_lock: $file is not a plain file of this user's; refusing it" >&2
        return 1
    fi
    # Append, never truncate; the descriptor stays open, and the lock held, until the script ends.
    exec {fd}>> "$file" || { echo "hold_deploy_lock: cannot open $file" >&2; return 1; }
    flock --nonblock "$fd"
}
