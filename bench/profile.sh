#!/usr/bin/env bash
# Usage: bench/profile.sh RECORDING.jfr [STACK_PATTERN]
# Summarises a JFR recording of Tomcat (bench/run.sh --profile): where the CPU samples of Tomcat's request
# threads fall. STACK_PATTERN keeps only the samples with a frame containing it, e.g. "ServletContainer"
# for the service's requests or "RawPostsServlet" for the baseline's.
#   By layer: each sample counted once, for the innermost frame that is not the JDK's own (java., jdk.,
#             sun.), so the JDK's work counts for whoever asked for it.
#   Methods on the most stacks: a sample counts for every method on its stack.
#   Top frames: the method the sample was in.
set -euo pipefail
recording=$1 pattern=${2:-}
jfr=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
"$jfr" print --events jdk.ExecutionSample --stack-depth 200 "$recording" | awk -v pattern="$pattern" '
    function layer(frame) {
        if (frame ~ /^com\.mysql\./) return "Connector/J (JDBC driver)"
        if (frame ~ /^org\.apache\.tomcat\.jdbc\./) return "tomcat-jdbc (pool and its interceptors)"
        if (frame ~ /^org\.hibernate\./) return "Hibernate"
        if (frame ~ /^com\.fasterxml\.jackson\./) return "Jackson"
        if (frame ~ /micrometer/) return "Micrometer (metrics)"
        if (frame ~ /^(ch\.qos\.logback|org\.slf4j)\./) return "Logback, SLF4J"
        if (frame ~ /^(org\.glassfish\.jersey|org\.jvnet\.hk2|org\.glassfish\.hk2|jakarta\.ws\.rs)\./) return "Jersey, HK2"
        if (frame ~ /^com\.example\.posts\.bench\./) return "raw-JDBC servlet"
        if (frame ~ /^com\.example\.posts\./) return "the service'"'"'s own code"
        if (frame ~ /^(org\.apache\.(catalina|coyote|tomcat)|jakarta\.servlet)\./) return "Tomcat"
        return "other"
    }
    function finish() {
        if (!in_stack) return
        in_stack = 0
        if (pattern != "" && index(stack, pattern) == 0) return
        samples++
        self[first]++
        owner[owner_layer == "" ? "JDK only" : owner_layer]++
        for (f in seen) total[f]++
    }
    /sampledThread = / { keep = index($0, "http-nio") > 0 }
    /stackTrace = \[/ { in_stack = keep; first = ""; owner_layer = ""; stack = ""; delete seen; next }
    in_stack && /^[[:space:]]*\]/ { finish(); next }
    in_stack {
        frame = $1
        sub(/\(.*/, "", frame)
        if (first == "") first = frame
        if (owner_layer == "" && frame !~ /^(java|jdk|sun)\./) owner_layer = layer(frame)
        seen[frame] = 1
        stack = stack " " frame
    }
    END {
        if (samples == 0) { print "no samples of request threads" (pattern == "" ? "" : " with " pattern); exit 1 }
        printf "%d samples of Tomcat'"'"'s request threads%s\n\nBy layer:\n", samples, (pattern == "" ? "" : " with " pattern)
        for (l in owner) printf "%6.1f%%  %s\n", 100 * owner[l] / samples, l | "sort -rn"
        close("sort -rn")
        printf "\nMethods on the most stacks:\n"
        for (f in total) printf "%6.1f%%  %s\n", 100 * total[f] / samples, f | "sort -rn | head -60"
        close("sort -rn | head -60")
        printf "\nTop frames:\n"
        for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -25"
    }'
