package com.example.posts.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling for a state that arrives on another's schedule (a pool's re-validation, a monitor's next check). */
public final class Eventually {
    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    /** The first value that is {@code done}, or the last one when {@code bound} has passed. */
    public static <T> T until(Supplier<T> value, Predicate<T> done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = value.get();
        }
        return last;
    }
}
