#!/usr/bin/env bash
# Usage: docker/ci-standins/build-standins.sh
#   Builds local stand-ins for the three official base images (see README.md) from Debian packages:
#   debootstrap a minimal Debian once, add each image's packages in a chroot, docker import, tag with the
#   official name. Only .ci/run calls this. Cached: an image whose recipe is unchanged is not rebuilt.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${STANDIN_CACHE:-/var/cache/posts-ci-standins}
# shellcheck source=ci/lib.sh
source "$repo/ci/lib.sh"
# The Tomcat the integration tests run, so the stand-in image and the tests agree.
tomcat_version=$(pom_property tomcat11.version)
mkdir -p "$cache"

# The Debian mirror this machine's apt already uses.
mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
mirror=${mirror:-$(awk '/^deb / && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}
[[ -n "$mirror" ]] || { echo "build-standins: cannot find the Debian mirror in apt's sources" >&2; exit 1; }

base="$cache/base"
if [[ ! -f "$base/.complete" ]]; then
    rm -rf "$base"
    echo "build-standins: debootstrap bookworm (minbase)"
    debootstrap --variant=minbase bookworm "$base" "$mirror" > "$cache/debootstrap.log"
    touch "$base/.complete"
fi

recipe_of() { # a hash of everything that makes the image
    { echo "tomcat $tomcat_version"; cat "$here/build-standins.sh"; [[ ! -d "$here/$1" ]] || find "$here/$1" -type f -print0 | sort -z | xargs -0 -r cat; } \
        | sha256sum | cut -c1-16
}

up_to_date() { # up_to_date IMAGE RECIPE
    [[ "$(docker image inspect --format '{{ index .Config.Labels "posts.ci-standin.recipe" }}' "$1" 2>/dev/null)" == "$2" ]]
}

in_chroot() { # in_chroot ROOT COMMAND...: with /proc, and no service started by a package
    local root=$1
    shift
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
    chmod +x "$root/usr/sbin/policy-rc.d"
    mount -t proc proc "$root/proc"
    DEBIAN_FRONTEND=noninteractive chroot "$root" "$@" || { umount "$root/proc"; return 1; }
    umount "$root/proc"
    rm -f "$root/usr/sbin/policy-rc.d"
}

install_packages() { # install_packages ROOT PACKAGE...
    local root=$1
    shift
    in_chroot "$root" apt-get update -qq
    in_chroot "$root" apt-get install -y -qq --no-install-recommends "$@" > /dev/null
    in_chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/*
}

import() { # import ROOT IMAGE NAME RECIPE CHANGES...: docker import with the stand-in labels
    local root=$1 image=$2 name=$3 recipe=$4
    shift 4
    local changes=(--change "LABEL posts.ci-standin=$name posts.ci-standin.recipe=$recipe")
    for change in "$@"; do
        changes+=(--change "$change")
    done
    tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$image" > /dev/null
    echo "build-standins: $image ($(docker image inspect --format '{{.Size}}' "$image" | numfmt --to=iec))"
}

fresh_root() { # fresh_root NAME: a copy of the base to add an image's packages to
    local root="$cache/$1"
    rm -rf "$root"
    cp -a "$base" "$root"
    rm -f "$root/.complete"
    echo "$root"
}

# mysql:8.4 — MariaDB with the official image's entrypoint contract.
recipe=$(recipe_of mysql)
if ! up_to_date mysql:8.4 "$recipe"; then
    root=$(fresh_root mysql)
    install_packages "$root" mariadb-server mariadb-client
    install -m 755 "$here/mysql/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
    mkdir -p "$root/docker-entrypoint-initdb.d" "$root/run/mysqld"
    rm -rf "$root/var/lib/mysql" && mkdir -p "$root/var/lib/mysql"
    in_chroot "$root" chown -R mysql:mysql /var/lib/mysql /run/mysqld
    import "$root" mysql:8.4 mysql "$recipe" \
        'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["mysqld"]' 'EXPOSE 3306' \
        'VOLUME /var/lib/mysql' 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    rm -rf "$root"
fi

# tomcat:11.0-jre21-temurin — a JRE, curl and wget, Tomcat from Maven Central at /usr/local/tomcat.
recipe=$(recipe_of tomcat)
if ! up_to_date tomcat:11.0-jre21-temurin "$recipe"; then
    root=$(fresh_root tomcat)
    install_packages "$root" openjdk-17-jre-headless ca-certificates curl wget
    zip="$HOME/.m2/repository/org/apache/tomcat/tomcat/$tomcat_version/tomcat-$tomcat_version.zip"
    [[ -f "$zip" ]] || (cd "$repo" && ./mvnw -q -B dependency:get -Dartifact="org.apache.tomcat:tomcat:$tomcat_version:zip" -Dtransitive=false)
    mkdir -p "$root/usr/local"
    unzip -q "$zip" -d "$root/usr/local"
    mv "$root/usr/local/apache-tomcat-$tomcat_version" "$root/usr/local/tomcat"
    chmod +x "$root"/usr/local/tomcat/bin/*.sh
    mv "$root/usr/local/tomcat/webapps" "$root/usr/local/tomcat/webapps.dist"
    mkdir "$root/usr/local/tomcat/webapps"
    java_home=$(dirname "$(dirname "$(readlink -f "$root/usr/bin/java")")")
    import "$root" tomcat:11.0-jre21-temurin tomcat "$recipe" \
        "ENV JAVA_HOME=${java_home#"$root"}" 'ENV CATALINA_HOME=/usr/local/tomcat' \
        'ENV PATH=/usr/local/tomcat/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        'WORKDIR /usr/local/tomcat' 'EXPOSE 8080' 'CMD ["catalina.sh", "run"]'
    rm -rf "$root"
fi

# nginx:1.30-alpine — nginx with the official image's nginx.conf and entrypoint; no bash, no curl.
recipe=$(recipe_of nginx)
if ! up_to_date nginx:1.30-alpine "$recipe"; then
    root=$(fresh_root nginx)
    install_packages "$root" nginx-light gettext-base
    in_chroot "$root" useradd --system --no-create-home --shell /usr/sbin/nologin nginx
    rm -rf "$root/etc/nginx/sites-enabled" "$root/etc/nginx/sites-available" "$root/etc/nginx/conf.d"
    mkdir -p "$root/etc/nginx/conf.d" "$root/docker-entrypoint.d" "$root/var/cache/nginx"
    install -m 644 "$here/nginx/nginx.conf" "$root/etc/nginx/nginx.conf"
    install -m 755 "$here/nginx/docker-entrypoint.sh" "$root/docker-entrypoint.sh"
    install -m 755 "$here/nginx/20-envsubst-on-templates.sh" "$root/docker-entrypoint.d/20-envsubst-on-templates.sh"
    ln -sf /dev/stdout "$root/var/log/nginx/access.log"
    ln -sf /dev/stderr "$root/var/log/nginx/error.log"
    # Alpine's nginx image has busybox sh but neither bash nor curl: neither does the stand-in.
    rm -f "$root/bin/bash" "$root/usr/bin/bash" "$root/usr/bin/curl"
    import "$root" nginx:1.30-alpine nginx "$recipe" \
        'ENTRYPOINT ["/docker-entrypoint.sh"]' 'CMD ["nginx", "-g", "daemon off;"]' \
        'EXPOSE 80'
    rm -rf "$root"
fi
docker image prune --force --filter "label=posts.ci-standin" > /dev/null
