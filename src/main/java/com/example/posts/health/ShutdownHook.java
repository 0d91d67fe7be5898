package com.example.posts.health;

/**
 * Marks the application not ready as soon as the JVM begins to shut down (SIGTERM): Tomcat then goes on
 * serving the connections already open for a while (the Service's gracefulStopAwaitMillis) before it stops
 * the application, and /health/ready answers STOPPING on them meanwhile. Removed when the application
 * stops, so an undeployed copy leaves no hook behind.
 */
public final class ShutdownHook {
    private final Thread hook;

    private ShutdownHook(Thread hook) {
        this.hook = hook;
    }

    public static ShutdownHook marking(Readiness readiness) {
        Thread hook = new Thread(readiness::beginShutdown, "posts-readiness-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ShutdownHook(hook);
    }

    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownUnderWay) {
            // The JVM is shutting down: the hook has run or is running; nothing to remove.
        }
    }
}
