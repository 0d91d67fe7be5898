package com.example.posts.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The primary's recent positions, each with the time it was seen, from which a replica's lag follows without
 * any privilege on it: the age of the oldest position the replica has not applied yet. Kept for the maximum
 * lag and a little more; a replica behind all of them is at least that far behind.
 */
final class PrimaryPositions {
    private record Seen(Instant time, ReplicationPosition position) {
    }

    private final Deque<Seen> seen = new ArrayDeque<>();
    private final Duration kept;

    PrimaryPositions(Duration maxLag) {
        this.kept = maxLag.plusSeconds(2);
    }

    synchronized void record(Instant time, ReplicationPosition position) {
        Seen last = seen.peekLast();
        if (last == null || !last.position().text().equals(position.text())) {
            seen.addLast(new Seen(time, position));
        }
        while (seen.size() > 1 && seen.peekFirst().time().isBefore(time.minus(kept))) {
            seen.removeFirst();
        }
    }

    /**
     * Forgets every position: while the primary does not answer, a replica's lag is unknown. Measured against
     * positions the dead primary may never have shipped, every replica would fall past the bound and stop
     * serving the reads that only replicas can answer then.
     */
    synchronized void forget() {
        seen.clear();
    }

    /** How far behind a replica at {@code applied} is, as of {@code now}; empty before the primary was seen. */
    synchronized Optional<Duration> lagOf(ReplicationPosition applied, Instant now) {
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        for (Seen entry : seen) {
            if (!applied.covers(entry.position())) {
                return Optional.of(Duration.between(entry.time(), now));
            }
        }
        return Optional.of(Duration.ZERO);
    }
}
