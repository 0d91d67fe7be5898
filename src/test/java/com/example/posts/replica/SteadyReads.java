package com.example.posts.replica;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Reads sent without pause by a few clients until closed, each answer's status counted; a read that throws
 * counts as status 0. Bounded: closing stops them within seconds, and every wait for answers has a bound.
 */
final class SteadyReads implements AutoCloseable {
    private static final Duration WAIT_BOUND = Duration.ofSeconds(60);

    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();

    private SteadyReads(IntSupplier read, int clientCount) {
        clients = Executors.newFixedThreadPool(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.execute(() -> {
                while (running.get()) {
                    int status;
                    try {
                        status = read.getAsInt();
                    } catch (RuntimeException e) {
                        status = 0;
                    }
                    byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    answered.incrementAndGet();
                }
            });
        }
    }

    static SteadyReads start(IntSupplier read, int clientCount) {
        return new SteadyReads(read, clientCount);
    }

    int answered() {
        return answered.get();
    }

    /** Waits until at least {@code count} reads were answered; fails past the bound. */
    void awaitAtLeast(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
        while (answered.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + answered.get() + " of " + count + " reads answered within "
                        + WAIT_BOUND.toSeconds() + " s: " + byStatus());
            }
            Thread.sleep(10);
        }
    }

    /** Stops the clients, then counts the answers by status. */
    Map<Integer, Integer> stopAndCount() throws InterruptedException {
        close();
        return byStatus();
    }

    private Map<Integer, Integer> byStatus() {
        Map<Integer, Integer> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            throw new AssertionError("the readers did not stop within 30 s");
        }
    }
}
