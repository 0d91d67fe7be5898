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
import java.util.concurrent.CompletableFuture;
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
 * stops by itself after {@link #LONGEST}, each request gives up after 15 s, and a write is sent at most four
 * times, 1, 2 and 4 s apart (or after its Retry-After, if longer).
 */
final class SteadyLoad {
    static final Duration LONGEST = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CREATED_ID = Pattern.compile("\"id\":(\\d+)");
    /** What each written post's content starts with; a number follows, one per write. */
    static final String CONTENT_PREFIX = "steady load ";
    private static final int WRITE_ATTEMPTS = 4;
    /** The first wait before a write is sent again; it doubles each time, and is at least the Retry-After. */
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

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
    /** Keys of one load differ from those of another run on the same database. */
    private final String runId = Long.toString(System.nanoTime(), 36);

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
        reads.send(http, HttpRequest.newBuilder(frontDoor.resolve(path)).timeout(REQUEST_TIMEOUT).build(), 1,
                body -> { });
    }

    /**
     * Each write carries an Idempotency-Key, and is sent again with it (at most {@link #WRITE_ATTEMPTS} times in
     * all) when it fails without an answer from the app, or with a 409 or 5xx, as a careful client would.
     */
    private void write() {
        long number = sequence.incrementAndGet();
        String post = "{\"content\":\"" + CONTENT_PREFIX + number + "\",\"author_email\":\"load@example.com\"}";
        HttpRequest request = HttpRequest.newBuilder(frontDoor.resolve("posts"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + TestToken.VALUE)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "steady-load-" + runId + "-" + number)
                .POST(HttpRequest.BodyPublishers.ofString(post))
                .build();
        writes.send(http, request, WRITE_ATTEMPTS, body -> {
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

    record Summary(int sent, int succeeded, Map<String, Integer> failures, Map<String, Integer> retried,
                   long p50Millis, long p99Millis) {
        int failed() {
            return sent - succeeded;
        }

        @Override
        public String toString() {
            return sent + " sent, " + succeeded + " succeeded, failed " + failures
                    + (retried.isEmpty() ? "" : ", sent again after " + retried)
                    + ", p50 " + p50Millis + " ms, p99 " + p99Millis + " ms";
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

        private final Map<String, Integer> retried = new TreeMap<>();

        /** Sends the request, again after a failure while attempts are left; counted once, by its last answer. */
        void send(HttpClient http, HttpRequest request, int attempts, Consumer<String> onSuccess) {
            sent.incrementAndGet();
            attempt(http, request, attempts, FIRST_RETRY_DELAY, System.nanoTime(), onSuccess);
        }

        private void attempt(HttpClient http, HttpRequest request, int attemptsLeft, Duration delay, long started,
                             Consumer<String> onSuccess) {
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                String failure = failureOf(response, error);
                boolean worthRetrying = error != null || response.statusCode() == 409 || response.statusCode() >= 500;
                if (failure != null && worthRetrying && attemptsLeft > 1) {
                    count(retried, failure);
                    Duration wait = longer(delay, retryAfter(response));
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS).execute(
                            () -> attempt(http, request, attemptsLeft - 1, wait.multipliedBy(2), started, onSuccess));
                    return;
                }
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                if (failure != null) {
                    count(failures, failure);
                } else {
                    succeeded.incrementAndGet();
                    onSuccess.accept(response.body());
                }
                completed.incrementAndGet();
            });
        }

        private static Duration retryAfter(HttpResponse<String> response) {
            return response == null ? Duration.ZERO : response.headers().firstValue("Retry-After")
                    .filter(seconds -> seconds.matches("[0-9]{1,3}"))
                    .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                    .orElse(Duration.ZERO);
        }

        private static Duration longer(Duration one, Duration other) {
            return one.compareTo(other) >= 0 ? one : other;
        }

        /** Null for a success. */
        private static String failureOf(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                return (error.getCause() != null ? error.getCause() : error).getClass().getSimpleName();
            }
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        }

        private synchronized void count(Map<String, Integer> counts, String kind) {
            counts.merge(kind, 1, Integer::sum);
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
            return new Summary(sent.get(), succeeded.get(), all, new TreeMap<>(retried), percentile(sorted, 50),
                    percentile(sorted, 99));
        }

        private static long percentile(List<Long> sorted, int percent) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
        }
    }
}
