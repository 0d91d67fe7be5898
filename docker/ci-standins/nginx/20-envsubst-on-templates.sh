#!/bin/sh
# Usage: run by /docker-entrypoint.sh
# As the official nginx image: render /etc/nginx/templates/**/*.template into /etc/nginx/conf.d,
# substituting only the environment variables that exist (and match NGINX_ENVSUBST_FILTER, if set).
set -eu
template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
filter=${NGINX_ENVSUBST_FILTER:-}

[ -d "$template_dir" ] || exit 0
# shellcheck disable=SC2016,SC2046 # literal ${NAME} for envsubst, one per variable name
defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" < /dev/null))
find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="${template#"$template_dir/"}"
    output_path="$output_dir/${relative_path%"$suffix"}"
    mkdir -p "$(dirname "$output_path")"
    echo "$0: rendering $template to $output_path"
    envsubst "$defined_envs" < "$template" > "$output_path"
done
