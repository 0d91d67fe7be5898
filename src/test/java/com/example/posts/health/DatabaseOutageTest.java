package com.example.posts.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.ProxiedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away and comes back: a TCP proxy between the application and the test server is cut
 * and restored. Other tests' shared server is never touched.
 */
class DatabaseOutageTest extends ApiTestCase {
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(20);
    @RegisterExtension
    static final ProxiedDatabase PROXIED = new ProxiedDatabase();

    @AfterEach
    void restoreDatabase() {
        PROXIED.proxy().restore();
    }

    @Override
    protected Application application() {
        return new PostsApplication(ApplicationSettings.servingFrom(PROXIED.database(), ApiToken.of(TOKEN)));
    }

    @Test
    void healthIsDownWithin503WhileTheDatabaseIsUnreachable() {
        PROXIED.proxy().cut();

        Instant start = Instant.now();
        Response response = target("health").request().get();

        assertEquals(503, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        JsonNode health = body(response);
        assertEquals("DOWN", health.get("status").asText());
        assertEquals("DOWN", health.get("database").asText());
        assertEquals(VERSION, health.get("version").asText());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(3)) < 0,
                "health must answer promptly while the database is down");
    }

    @Test
    void requestsThatNeedTheDatabaseAreUnavailableNotErrors() {
        // An earlier test's outage may still be in the pool's connections: wait until it serves again.
        assertEquals(200, eventually(() -> target("posts/1").request().get()).getStatus());
        PROXIED.proxy().cut();

        for (Supplier<Response> request : java.util.List.<Supplier<Response>>of(
                () -> target("posts/1").request().get(),
                () -> target("posts").request().get(),
                () -> authorized("posts").post(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"}")))) {
            Response response = request.get();
            assertEquals(503, response.getStatus());
            assertEquals("application/problem+json", response.getMediaType().toString());
            assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        }
    }

    @Test
    void anAuthorTokenMeetingADownDatabaseIsUnavailableNeverRefused() {
        assertEquals(200, eventually(() -> target("posts/1").request().get()).getStatus());
        String token = issueToken(createAuthor("ann@example.com", "Ann", "author"), "laptop");
        PROXIED.proxy().cut();

        for (Supplier<Response> request : java.util.List.<Supplier<Response>>of(
                () -> as(token, "posts").post(json("{\"content\":\"x\",\"author_email\":\"ann@example.com\"}")),
                () -> as(token, "me").get())) {
            Response response = request.get();
            assertEquals(503, response.getStatus(), "not 401 nor 403");
            assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        }
    }

    @Test
    void livenessDoesNotNeedTheDatabase() {
        PROXIED.proxy().cut();

        assertEquals(200, target("health/live").request().get().getStatus());
    }

    @Test
    void recoversByItselfWhenTheDatabaseReturns() {
        // An earlier test's outage may still be in the pool's connections: wait until it serves again.
        assertEquals(200, eventually(() -> target("posts/1").request().get()).getStatus());
        PROXIED.proxy().cut();
        assertEquals(503, target("posts/1").request().get().getStatus());

        PROXIED.proxy().restore();

        assertEquals(200, eventually(() -> target("posts/1").request().get()).getStatus());
        assertEquals(200, eventually(() -> target("health").request().get()).getStatus());
    }

    /** Polls until a 200 or the deadline: the pool re-validates connections on its own schedule. */
    private static Response eventually(Supplier<Response> request) {
        Instant deadline = Instant.now().plus(RECOVERY_DEADLINE);
        Response response = request.get();
        while (response.getStatus() != 200 && Instant.now().isBefore(deadline)) {
            response = request.get();
        }
        return response;
    }
}
