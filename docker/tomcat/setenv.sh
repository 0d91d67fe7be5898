#!/bin/sh
# Usage: sourced by catalina.sh at start.
# server.xml reads its ${...} settings from the environment; the JVM sizes its heap from the
# container's memory limit, and a JVM out of memory exits so that the container is restarted.
# POSTS_AOT_CACHE (optional, Java 25 and later): the JVM's ahead-of-time cache, a file path without spaces.
# A start finds it and uses it, or writes it when it stops, from what it loaded while serving
# (docs/performance.md, Start-up). Older JVMs refuse the options, so they are left out there.
CATALINA_OPTS="${CATALINA_OPTS:-} -Dorg.apache.tomcat.util.digester.PROPERTY_SOURCE=org.apache.tomcat.util.digester.EnvironmentPropertySource"
CATALINA_OPTS="$CATALINA_OPTS -XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# The parallel collector, unless the options already choose one (the JVM refuses two): against G1 it served
# more requests per second at a lower p99, for less CPU per request (docs/performance.md), and every Java
# this runs on (17, 21, 25) has it.
case " ${JAVA_OPTS:-} $CATALINA_OPTS " in
    *" -XX:+UseSerialGC "* | *" -XX:+UseParallelGC "* | *" -XX:+UseG1GC "* | *" -XX:+UseZGC "* | \
        *" -XX:+UseShenandoahGC "* | *" -XX:+UseEpsilonGC "*) ;;
    *) CATALINA_OPTS="$CATALINA_OPTS -XX:+UseParallelGC" ;;
esac

# The feature version of the Java that catalina.sh runs (25 for 25.0.3): from its release file, which
# costs no JVM start, else from "java -version".
posts_java_version() {
    for posts_home in "${JRE_HOME:-}" "${JAVA_HOME:-}"; do
        if [ -n "$posts_home" ] && [ -r "$posts_home/release" ]; then
            sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$posts_home/release"
            return
        fi
    done
    java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}

case "${POSTS_AOT_CACHE:-}" in
    *[!A-Za-z0-9._/-]*)
        echo "setenv.sh: POSTS_AOT_CACHE must be a path of letters, digits, '.', '_', '-' and '/': $POSTS_AOT_CACHE" >&2
        exit 1 ;;
esac
if [ -n "${POSTS_AOT_CACHE:-}" ] && ! [ "$(posts_java_version)" -ge 25 ] 2> /dev/null; then
    echo "setenv.sh: POSTS_AOT_CACHE is ignored: the JVM's AOT cache needs Java 25 or later" >&2
elif [ -n "${POSTS_AOT_CACHE:-}" ]; then
    # Not empty: a stop killed while writing the cache may leave an empty file.
    if [ -s "$POSTS_AOT_CACHE" ]; then
        CATALINA_OPTS="$CATALINA_OPTS -XX:AOTCache=$POSTS_AOT_CACHE"
    else
        CATALINA_OPTS="$CATALINA_OPTS -XX:AOTCacheOutput=$POSTS_AOT_CACHE"
    fi
fi
unset -f posts_java_version
unset posts_home
export CATALINA_OPTS
