#!/usr/bin/env bash
# Usage: bench/profile.sh RECORDING.jfr [THREAD_PATTERN]
# Summarises a JFR recording of Tomcat (bench/run.sh --profile): where the request threads' CPU samples
# fall, by library (a sample counts for every library on its stack), and the top frames they were in.
# THREAD_PATTERN picks the threads (default: Tomcat's request threads, "http-nio").
set -euo pipefail
recording=$1 threads=${2:-http-nio}
jfr=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
"$jfr" print --events jdk.ExecutionSample --stack-depth 200 "$recording" | awk -v threads="$threads" '
    /sampledThread = / { keep = index($0, threads) > 0 }
    /stackTrace = \[/ { in_stack = keep; first = 1; delete seen; if (keep) samples++; next }
    in_stack && /^[[:space:]]*\]/ { in_stack = 0; next }
    in_stack {
        frame = $1
        sub(/\(.*/, "", frame)
        if (first) { self[frame]++; first = 0 }
        n = split(frame, part, ".")
        library = part[1] "." part[2] (n > 4 ? "." part[3] : "")
        if (!(library in seen)) { seen[library] = 1; inclusive[library]++ }
        if (!(frame in seen)) { seen[frame] = 1; total[frame]++ }
    }
    END {
        if (samples == 0) { print "no samples of threads matching " threads; exit 1 }
        printf "%d samples of threads \"%s\"\n\nBy library (share of samples with it on the stack):\n", samples, threads
        for (l in inclusive) printf "%6.1f%%  %s\n", 100 * inclusive[l] / samples, l | "sort -rn | head -25"
        close("sort -rn | head -25")
        printf "\nMethods on the most stacks (share of samples in them or what they call):\n"
        for (f in total) printf "%6.1f%%  %s\n", 100 * total[f] / samples, f | "sort -rn | head -60"
        close("sort -rn | head -60")
        printf "\nTop frames (share of samples in that method itself):\n"
        for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -30"
    }'
