package com.example.posts.health;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this copy of the application still takes new work: not once the server's shutdown has begun
 * ({@link ShutdownHook}) or the application is being stopped, before its database pool closes. A load
 * balancer that polls {@code /health/ready} moves away while the server still serves its open connections.
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
