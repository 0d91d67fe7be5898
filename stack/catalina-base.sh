#!/usr/bin/env bash
# Usage: stack/catalina-base.sh [--manager APP ADDRESS:PORT DEPLOYER FAILURES] BASE STOCK_CONF [NAME=WAR...]
# Builds a CATALINA_BASE for a Tomcat run on this machine (bench/stack.sh, the integration tests'
# TomcatServer) the way the image sets up its Tomcat: BASE (absent or empty) gets conf/ (the files of
# STOCK_CONF, a distribution's conf/, then docker/tomcat/server.xml), bin/setenv.sh from docker/tomcat/,
# empty logs/ temp/ work/, and each WAR as webapps/NAME.war (ROOT for the root context). Start it with
#   CATALINA_HOME=... CATALINA_BASE=BASE catalina.sh run, and server.xml's settings (POSTS_PORT, ...) set.
# --manager adds the Manager webapp at APP as docs/farm-security.md sets a farm's up: a connector of its own
# on ADDRESS:PORT (plain HTTP: for loopback), served to DEPLOYER's address only (judged on the TCP peer), a
# realm that locks a user out for 5 minutes after FAILURES wrong passwords, and a manager-script user for
# each line NAME:PASSWORD of MANAGER_USERS (in the environment, so no password is on a command line).
set -euo pipefail
usage() { sed -n '2p' "$0" >&2; exit 2; }
manager=""
if [[ ${1:-} == --manager ]]; then
    (($# >= 5)) || usage
    manager=$2 connector=$3 deployer=$4 failures=$5
    shift 5
    address=${connector%:*} port=${connector##*:}
    [[ -n $address && $port =~ ^[0-9]+$ && $failures =~ ^[0-9]+$ ]] || usage
    [[ ${MANAGER_USERS:-} == ?*:* ]] || {
        echo "catalina-base: --manager needs MANAGER_USERS, lines of NAME:PASSWORD" >&2
        exit 2
    }
fi
(($# >= 2)) || usage
base=$1 stock_conf=$2
shift 2
image="$(cd "$(dirname "${BASH_SOURCE[0]}")/../docker/tomcat" && pwd)"
[[ ! -e "$base" || -z "$(ls -A "$base")" ]] || { echo "catalina-base: $base is not empty" >&2; exit 1; }
[[ -d "$stock_conf" ]] || { echo "catalina-base: no folder $stock_conf" >&2; exit 1; }

mkdir -p "$base"/{conf,logs,temp,work,webapps,bin}
shopt -s dotglob nullglob
for file in "$stock_conf"/*; do
    [[ ! -f "$file" ]] || cp "$file" "$base/conf/"
done
cp "$image/server.xml" "$base/conf/server.xml"
cp "$image/setenv.sh" "$base/bin/setenv.sh"
for webapp in "$@"; do
    [[ $webapp == ?*=?* ]] || usage
    cp "${webapp#*=}" "$base/webapps/${webapp%%=*}.war"
done
[[ -n "$manager" ]] || exit 0

IFS= read -r -d '' server < "$base/conf/server.xml" || true
engine='    <Engine name="Catalina"'
[[ $server == *"$engine"* ]] || {
    echo "catalina-base: no <Engine name=\"Catalina\" in docker/tomcat/server.xml, where the Manager's connector goes" >&2
    exit 1
}
printf -v connector '    %s\n               %s\n\n' \
    "<Connector address=\"$address\" port=\"$port\" protocol=\"HTTP/1.1\" connectionTimeout=\"20000\"" \
    'maxThreads="10" rejectSuspiciousURIs="true" URIEncoding="UTF-8" xpoweredBy="false"/>'
printf '%s' "${server//"$engine"/"$connector$engine"}" > "$base/conf/server.xml"

mkdir -p "$base/conf/Catalina/localhost"
cat > "$base/conf/Catalina/localhost/manager.xml" << EOF
<Context docBase="$manager" privileged="true" antiResourceLocking="false">
  <Valve className="org.apache.catalina.valves.RemoteAddrValve" addConnectorPort="true"
         usePeerAddress="true" allow="${deployer//./\\.};$port"/>
  <Realm className="org.apache.catalina.realm.LockOutRealm" failureCount="$failures" lockOutTime="300">
    <Realm className="org.apache.catalina.realm.MemoryRealm" pathname="conf/tomcat-users.xml"/>
  </Realm>
</Context>
EOF
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">'
    while IFS= read -r user; do
        [[ -z $user ]] || echo "  <user username=\"${user%%:*}\" password=\"${user#*:}\" roles=\"manager-script\"/>"
    done <<< "$MANAGER_USERS"
    echo '</tomcat-users>'
} > "$base/conf/tomcat-users.xml"
