#!/bin/sh
# Usage: /docker-entrypoint.sh nginx -g 'daemon off;'
# As the official nginx image: when starting nginx, run /docker-entrypoint.d/*.sh in order first.
set -eu
if [ "${1:-}" = nginx ] || [ "${1:-}" = nginx-debug ]; then
    for script in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' -print | sort -V); do
        if [ -x "$script" ]; then
            echo "$0: running $script"
            "$script"
        fi
    done
fi
exec "$@"
