#!/bin/sh
# Usage: 40-posts-server.sh   (run by the nginx image's entrypoint, after the templates are rendered)
# Serves HTTPS when a certificate and key are mounted at $NGINX_CONF_DIR/tls/, else plain HTTP.
set -eu
conf_dir="${NGINX_CONF_DIR:-/etc/nginx}"
servers="$conf_dir/conf.d/posts"
if [ -f "$conf_dir/tls/tls.crt" ] && [ -f "$conf_dir/tls/tls.key" ]; then
    cp "$servers/tls-server.conf" "$servers/active-server.conf"
    echo "posts: TLS certificate found, serving HTTPS (HTTP redirects)"
else
    cp "$servers/plain-server.conf" "$servers/active-server.conf"
    echo "posts: no TLS certificate mounted, serving plain HTTP"
fi
