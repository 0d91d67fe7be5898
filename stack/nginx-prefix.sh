#!/usr/bin/env bash
# Usage: stack/nginx-prefix.sh PREFIX WORKER_FILES [TEMPLATE...]
# Lays out an nginx prefix from the project's nginx/ as the nginx image does at start, for an nginx run on
# this machine (bench/stack.sh, the integration tests' NginxServer); start it with
#   nginx -p PREFIX -c PREFIX/nginx.conf -g 'daemon off;'
#   - nginx/templates/**/X.template becomes PREFIX/conf.d/**/X, each ${NAME} replaced by the environment
#     variable NAME (as the image's envsubst does; an unset one stops here, naming it), and each TEMPLATE
#     given becomes PREFIX/conf.d/X the same way;
#   - then nginx/30-posts-upstream.sh and 40-posts-server.sh run on it, as the image's entrypoint runs them
#     (HTTPS when PREFIX/tls/tls.crt and tls.key are there);
#   - PREFIX/nginx.conf is the image's main configuration with one worker, paths under PREFIX, and what the
#     workers write (request bodies, buffered responses) under WORKER_FILES, an existing folder.
# BENCH_NGINX_DIR: another copy of nginx/ to lay out instead (bench/alternate.sh compares two).
# Run as root, nginx runs its workers as nobody, who then owns WORKER_FILES: the checkout may be a folder
# that nobody cannot enter, so WORKER_FILES belongs in the system's temp folder.
set -euo pipefail
usage() { sed -n '2p' "$0" >&2; exit 2; }
(($# >= 2)) || usage
prefix=$1 worker_files=$2
shift 2
[[ -d "$worker_files" ]] || { echo "nginx-prefix: no folder $worker_files" >&2; exit 1; }
nginx_dir="$(cd "${BENCH_NGINX_DIR:-$(dirname "${BASH_SOURCE[0]}")/../nginx}" && pwd)"

render() { # render TEMPLATE TARGET: the template's text, byte for byte, with each ${NAME} replaced once
    local rest out="" name
    IFS= read -r -d '' rest < "$1" || true
    while [[ $rest =~ \$\{([A-Z_]+)\} ]]; do
        name=${BASH_REMATCH[1]}
        [[ -v $name ]] || { echo "nginx-prefix: $1 needs $name" >&2; return 1; }
        out+=${rest%%"${BASH_REMATCH[0]}"*}${!name}
        rest=${rest#*"${BASH_REMATCH[0]}"}
    done
    mkdir -p "$(dirname "$2")"
    printf '%s' "$out$rest" > "$2"
}

while IFS= read -r -d '' template; do
    relative=${template#"$nginx_dir/templates/"}
    render "$template" "$prefix/conf.d/${relative%.template}"
done < <(find "$nginx_dir/templates" -type f -name '*.template' -print0 | sort -z)
for template in "$@"; do
    name=$(basename "$template")
    render "$template" "$prefix/conf.d/${name%.template}"
done
NGINX_CONF_DIR="$prefix" sh "$nginx_dir/30-posts-upstream.sh" > /dev/null
NGINX_CONF_DIR="$prefix" sh "$nginx_dir/40-posts-server.sh" > /dev/null

user=""
if ((EUID == 0)); then
    chown -R nobody:nogroup "$worker_files"
    user="user nobody nogroup;"
fi
cat > "$prefix/nginx.conf" << EOF
$user
worker_processes 1;
error_log $prefix/error.log notice;
pid $prefix/nginx.pid;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $worker_files/body;
    proxy_temp_path $worker_files/proxy;
    fastcgi_temp_path $worker_files/fastcgi;
    uwsgi_temp_path $worker_files/uwsgi;
    scgi_temp_path $worker_files/scgi;
    sendfile on;
    keepalive_timeout 65;
    include conf.d/*.conf;
}
EOF
