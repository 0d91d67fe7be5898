package com.example.posts.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.ProxiedDatabase;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database that accepts connections but stops answering (a proxy that forwards nothing): every request
 * ends with a 503 within the documented bound, nothing is written, /health says DOWN at once, and the
 * service recovers by itself soon after the database answers again.
 */
class DatabaseStallTest extends ApiTestCase {
    /** What the README promises: a stalled database costs a request at most this long. */
    static final Duration STALL_BOUND = Duration.ofSeconds(DatabaseTimeouts.PROMISED_SECONDS);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    /** ConnectionPool's maxActive. */
    private static final int POOL_SIZE = 20;
    private static final String NEW_POST = "{\"content\":\"written during a stall\",\"author_email\":\"a@b.co\"}";
    /** As many client threads as requests: the common pool has one thread on a two-core machine. */
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();
    @RegisterExtension
    static final ProxiedDatabase PROXIED = new ProxiedDatabase();

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Override
    protected Application application() {
        return new PostsApplication(ApplicationSettings.servingFrom(PROXIED.database(), ApiToken.of(TOKEN)));
    }

    @BeforeEach
    void databaseAnswers() {
        assertEquals(200, untilOk(() -> read("posts/1")).getStatus());
    }

    @AfterEach
    void endStall() {
        PROXIED.proxy().restore();
    }

    @Test
    void readsAndWritesAnswer503WithinTheBound() {
        PROXIED.proxy().stall();

        List<CompletableFuture<Timed>> requests = List.of(
                timed(() -> read("posts/1")),
                timed(() -> read("posts")),
                timed(() -> authorized("posts").post(json(NEW_POST))),
                timed(() -> authorized("posts/1").put(json(NEW_POST))));

        for (CompletableFuture<Timed> request : requests) {
            Timed answer = request.join();
            System.out.println("stalled database: 503 after " + answer.took().toMillis() + " ms");
            assertEquals(503, answer.response().getStatus());
            assertEquals("application/problem+json", answer.response().getMediaType().toString());
            assertEquals("5", answer.response().getHeaderString(HttpHeaders.RETRY_AFTER));
            assertTrue(answer.took().compareTo(STALL_BOUND) <= 0, "took " + answer.took());
        }
    }

    @Test
    void anAuthorTokenMeetingAStalledDatabaseIsUnavailableWithinTheBoundNeverRefused() {
        String email = "stall-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = issueToken(createAuthor(email, "Stalled", "author"), "laptop");
        PROXIED.proxy().stall();

        Timed answer = timed(() -> as(token, "posts").post(json("{\"content\":\"x\",\"author_email\":\"" + email
                + "\"}"))).join();

        assertEquals(503, answer.response().getStatus(), "not 401 nor 403");
        assertTrue(answer.took().compareTo(STALL_BOUND) <= 0, "took " + answer.took());
    }

    @Test
    void nothingIsWrittenWhenTheStallBeganBeforeTheRequest() throws Exception {
        long postsBefore = countPosts();
        PROXIED.proxy().stall();

        assertEquals(503, authorized("posts").post(json(NEW_POST)).getStatus());
        assertEquals(503, authorized("posts/1").put(json(NEW_POST)).getStatus());
        assertEquals(503, authorized("posts/2").delete().getStatus());
        PROXIED.proxy().restore();

        assertEquals(postsBefore, countPosts());
        assertEquals("Hello", body(untilOk(() -> read("posts/1"))).get("content").asText());
        assertEquals(200, untilOk(() -> read("posts/2")).getStatus());
    }

    @Test
    void recoversWithinFiveSecondsOfTheStallEnding() {
        PROXIED.proxy().stall();
        assertEquals(503, read("posts/1").getStatus());

        PROXIED.proxy().restore();
        Instant restored = Instant.now();
        Response read = untilOk(() -> read("posts/1"));
        Response health = untilOk(() -> read("health"));
        Duration recovery = Duration.between(restored, Instant.now());

        System.out.println("stalled database: recovered " + recovery.toMillis() + " ms after the stall ended");
        assertEquals(200, read.getStatus());
        assertEquals(200, health.getStatus());
        assertTrue(recovery.compareTo(RECOVERY_BOUND) <= 0, "recovered after " + recovery);
    }

    @Test
    void healthIsDownWithinTwoSecondsEvenWhileStuckRequestsHoldEveryConnection() throws Exception {
        // What stuck requests do to the pool: every one of its connections taken, none coming back.
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                taken.add(PROXIED.database().dataSource().getConnection());
            }
            PROXIED.proxy().stall();

            Timed health = timed(() -> read("health")).join();

            System.out.println("stalled database: /health DOWN after " + health.took().toMillis() + " ms");
            assertEquals(503, health.response().getStatus());
            assertEquals("DOWN", body(health.response()).get("database").asText());
            assertTrue(health.took().compareTo(Duration.ofSeconds(2)) < 0, "took " + health.took());
        } finally {
            PROXIED.proxy().restore();
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    private static long countPosts() {
        return Long.parseLong(TestDatabase.shared().firstValue("SELECT COUNT(*) FROM post"));
    }

    /** A GET that gives up after 30 s, so a request that hangs fails the test instead of stopping it. */
    private Response read(String path) {
        return target(path).request().property(ClientProperties.READ_TIMEOUT, 30_000).get();
    }

    private record Timed(Response response, Duration took) {
    }

    private static CompletableFuture<Timed> timed(Supplier<Response> request) {
        return CompletableFuture.supplyAsync(() -> {
            Instant start = Instant.now();
            Response response = request.get();
            response.bufferEntity();
            return new Timed(response, Duration.between(start, Instant.now()));
        }, CLIENTS);
    }

    /** Polls until a 200 or ten seconds have passed; returns the last answer. */
    private Response untilOk(Supplier<Response> request) {
        Instant deadline = Instant.now().plusSeconds(10);
        Response response = request.get();
        while (response.getStatus() != 200 && Instant.now().isBefore(deadline)) {
            response = request.get();
        }
        return response;
    }
}
