package com.example.posts.health;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this copy of the application still takes new work. It stops doing so when its shutdown begins,
 * before the database pool closes, so a load balancer that polls {@code /health/ready} moves away while the
 * requests already in flight finish.
 */
public final class Readiness {
    private final AtomicBoolean stopping = new AtomicBoolean();

    public void beginShutdown() {
        stopping.set(true);
    }

    public boolean isStopping() {
        return stopping.get();
    }
}
