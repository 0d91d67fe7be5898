package com.example.posts.stack;

import com.example.posts.support.TestToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers and writers at a fixed rate through the front door, whatever the servers behind it do: each request
 * is sent on schedule without waiting for the ones before (an open load, as real clients are). Bounded: it
 * stops by itself after {@link #LONGEST}, and each request gives up after 15 s.
 */
final class SteadyLoad {
    static final Duration LONGEST = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CREATED_ID = Pattern.compile("\"id\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "steady-load");
        thread.setDaemon(true);
        return thread;
    });
    private final URI frontDoor;
    private final Tally reads = new Tally();
    private final Tally writes = new Tally();
    private final Queue<Long> acknowledgedWrites = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    private SteadyLoad(URI frontDoor) {
        this.frontDoor = frontDoor;
    }

    /** Starts reading {@code readsPerSecond} and writing {@code writesPerSecond} through {@code frontDoor}. */
    static SteadyLoad start(URI frontDoor, int readsPerSecond, int writesPerSecond) {
        SteadyLoad load = new SteadyLoad(frontDoor);
        load.schedule.scheduleAtFixedRate(load::read, 0, 1_000_000 / readsPerSecond, TimeUnit.MICROSECONDS);
        load.schedule.scheduleAtFixedRate(load::write, 0, 1_000_000 / writesPerSecond, TimeUnit.MICROSECONDS);
        load.schedule.schedule(load.schedule::shutdown, LONGEST.toMillis(), TimeUnit.MILLISECONDS);
        return load;
    }

    private void read() {
        // Both kinds of read: single posts (of the fixtures), and a page of the list.
        String path = switch ((int) (sequence.incrementAndGet() % 3)) {
            case 0 -> "posts/1";
            case 1 -> "posts/2";
            default -> "posts?limit=5";
        };
        reads.send(http, HttpRequest.newBuilder(frontDoor.resolve(path)).timeout(REQUEST_TIMEOUT).build(), body -> { });
    }

    private void write() {
        String post = "{\"content\":\"steady load " + sequence.incrementAndGet()
                + "\",\"author_email\":\"load@example.com\"}";
        HttpRequest request = HttpRequest.newBuilder(frontDoor.resolve("posts"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + TestToken.VALUE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(post))
                .build();
        writes.send(http, request, body -> {
            Matcher id = CREATED_ID.matcher(body);
            if (id.find()) {
                acknowledgedWrites.add(Long.parseLong(id.group(1)));
            }
        });
    }

    int completedReads() {
        return reads.completed.get();
    }

    int readsInFlight() {
        return reads.sent.get() - reads.completed.get();
    }

    int writesInFlight() {
        return writes.sent.get() - writes.completed.get();
    }

    /** The ids of the posts whose creation was acknowledged (201) so far. */
    List<Long> acknowledgedWrites() {
        return new ArrayList<>(acknowledgedWrites);
    }

    /** Stops sending, waits (at most 20 s) for the answers still on their way, and counts. */
    Report stop() throws InterruptedException {
        schedule.shutdownNow();
        schedule.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((reads.pending() || writes.pending()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return new Report(reads.summary(), writes.summary(), acknowledgedWrites());
    }

    record Summary(int sent, int succeeded, Map<String, Integer> failures, long p50Millis, long p99Millis) {
        int failed() {
            return sent - succeeded;
        }

        @Override
        public String toString() {
            return sent + " sent, " + succeeded + " succeeded, failed " + failures + ", p50 " + p50Millis
                    + " ms, p99 " + p99Millis + " ms";
        }
    }

    record Report(Summary reads, Summary writes, List<Long> acknowledgedWrites) {
        @Override
        public String toString() {
            return "reads: " + reads + "; writes: " + writes;
        }
    }

    /** What became of one kind of request: successes, failures by kind, latencies. */
    private static final class Tally {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger succeeded = new AtomicInteger();
        private final Map<String, Integer> failures = new TreeMap<>();
        private final Queue<Long> millis = new ConcurrentLinkedQueue<>();

        void send(HttpClient http, HttpRequest request, Consumer<String> onSuccess) {
            sent.incrementAndGet();
            long started = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                if (error != null) {
                    failed(error.getCause() != null ? error.getCause().getClass().getSimpleName()
                            : error.getClass().getSimpleName());
                } else if (response.statusCode() / 100 != 2) {
                    failed("HTTP " + response.statusCode());
                } else {
                    succeeded.incrementAndGet();
                    onSuccess.accept(response.body());
                }
                completed.incrementAndGet();
            });
        }

        private synchronized void failed(String kind) {
            failures.merge(kind, 1, Integer::sum);
        }

        boolean pending() {
            return completed.get() < sent.get();
        }

        synchronized Summary summary() {
            List<Long> sorted = millis.stream().sorted().toList();
            Map<String, Integer> all = new TreeMap<>(failures);
            int unanswered = sent.get() - completed.get();
            if (unanswered > 0) {
                all.put("no answer in time", unanswered);
            }
            return new Summary(sent.get(), succeeded.get(), all, percentile(sorted, 50), percentile(sorted, 99));
        }

        private static long percentile(List<Long> sorted, int percent) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
        }
    }
}
