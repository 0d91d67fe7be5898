#!/bin/sh
# Usage: sourced by catalina.sh at start.
# server.xml reads its ${...} settings from the environment; the JVM sizes its heap from the
# container's memory limit, and a JVM out of memory exits so that the container is restarted.
CATALINA_OPTS="${CATALINA_OPTS:-} -Dorg.apache.tomcat.util.digester.PROPERTY_SOURCE=org.apache.tomcat.util.digester.EnvironmentPropertySource"
CATALINA_OPTS="$CATALINA_OPTS -XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
export CATALINA_OPTS
