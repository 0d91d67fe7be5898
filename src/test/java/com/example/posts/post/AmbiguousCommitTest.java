package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.ProxiedDatabase;
import com.example.posts.support.TcpProxy;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A write whose COMMIT was sent but never answered may be in the database: the client is told the outcome is
 * unknown and to look before writing again, with no Retry-After that would invite a second write. A failure
 * before the COMMIT changed nothing, and keeps its "try again" answer. The database is the real one, reached
 * through a proxy that cuts or silences the connection exactly when the application sends the statement.
 */
class AmbiguousCommitTest extends ApiTestCase {
    /** Connector/J's commit(): a COM_QUERY packet (length 7, sequence 0, command 3) of the text "COMMIT". */
    private static final byte[] COMMIT = {7, 0, 0, 0, 3, 'C', 'O', 'M', 'M', 'I', 'T'};
    private static final Duration BOUND = Duration.ofSeconds(DatabaseTimeouts.PROMISED_SECONDS);
    private static final String EDIT = "{\"content\":\"Edited\",\"author_email\":\"editor@example.com\"}";
    private static final String NEW_POST = "{\"content\":\"Written once\",\"author_email\":\"a@b.co\"}";
    @RegisterExtension
    static final ProxiedDatabase PROXIED = ProxiedDatabase.inPlainText();

    @Override
    protected Application application() {
        return new PostsApplication(ApplicationSettings.servingFrom(PROXIED.database(), ApiToken.of(TOKEN)));
    }

    @BeforeEach
    void databaseAnswers() {
        // Connections a previous test's failure left in the pool are found and replaced by then.
        Instant deadline = Instant.now().plusSeconds(10);
        while (target("posts/1").request().get().getStatus() != 200 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }

    @AfterEach
    void disarm() {
        PROXIED.proxy().restore();
    }

    @Test
    void replaceWhoseCommitIsNeverAnsweredIsOutcomeUnknownAndMayWellHaveBeenMade() throws Exception {
        PROXIED.proxy().onceClientSends(COMMIT, TcpProxy.Then.SILENCE);

        Response response = timed(() -> authorized("posts/1").put(json(EDIT)));

        assertOutcomeUnknown(response, "Read the post (GET, and compare its ETag) before trying again");
        // Why "try again" was wrong: the database did commit.
        assertEquals("Edited", contentOfPost1());
    }

    @Test
    void deleteWhoseConnectionDropsAtTheCommitIsOutcomeUnknown() {
        PROXIED.proxy().onceClientSends(COMMIT, TcpProxy.Then.CUT);

        Response response = timed(() -> authorized("posts/2").delete());

        assertOutcomeUnknown(response, "Read the post (GET, and compare its ETag) before trying again");
    }

    @Test
    void createWhoseConnectionDropsAtTheCommitSaysToCheckBeforePostingAgain() {
        PROXIED.proxy().onceClientSends(COMMIT, TcpProxy.Then.CUT);

        Response response = timed(() -> authorized("posts").post(json(NEW_POST)));

        assertOutcomeUnknown(response, "check whether the post was created");
    }

    @Test
    void createWithAnIdempotencyKeyWhoseCommitWasNotConfirmedIsAnsweredFromTheKeyWhenSentAgain() {
        PROXIED.proxy().onceClientSends(COMMIT, TcpProxy.Then.SILENCE);
        Supplier<Response> keyedCreate = () -> authorized("posts").header(IdempotencyKey.HEADER, "\"unconfirmed-1\"")
                .post(json(NEW_POST));

        Response unknown = timed(keyedCreate);
        assertOutcomeUnknown(unknown, "Send it again with the same Idempotency-Key");
        assertEquals(1, writtenOnce(), "the database did commit");
        // The silenced connection, and the lock it holds, end once the driver gives up on it and the server sees
        // it close: until then the key is in flight (409, Retry-After: 1).
        Instant deadline = Instant.now().plusSeconds(10);
        Response again = keyedCreate.get();
        while (again.getStatus() == 409 && Instant.now().isBefore(deadline)) {
            again = keyedCreate.get();
        }

        assertEquals(201, again.getStatus());
        assertEquals(1, writtenOnce(), "answered from the key, not written again");
    }

    private static int writtenOnce() {
        return TestDatabase.shared().postIdsWithContent("Written once").size();
    }

    @Test
    void aConnectionLostBeforeTheCommitIsStillATryAgainAndChangesNothing() throws Exception {
        // New connections, so the DELETE is prepared again, its text sent, rather than taken from a cache.
        PROXIED.proxy().cut();
        PROXIED.proxy().restore();
        databaseAnswers();
        PROXIED.proxy().onceClientSends("delete from post".getBytes(StandardCharsets.US_ASCII), TcpProxy.Then.CUT);

        Response response = timed(() -> authorized("posts/1").delete());

        assertTrue(PROXIED.proxy().tripped(), "the proxy never saw the DELETE");
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertTrue(body(response).get("detail").asText().contains("try again shortly"));
        assertEquals("Hello", contentOfPost1());
    }

    private static void assertOutcomeUnknown(Response response, String advice) {
        assertTrue(PROXIED.proxy().tripped(), "the proxy never saw the COMMIT");
        assertEquals(503, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertNull(response.getHeaderString(HttpHeaders.RETRY_AFTER), "no invitation to write twice");
        String detail = body(response).get("detail").asText();
        assertTrue(detail.contains("may or may not have been made"), detail);
        assertTrue(detail.contains(advice), detail);
    }

    /** The request, which must end within the bound a stalled database is promised to cost. */
    private static Response timed(Supplier<Response> request) {
        Instant start = Instant.now();
        Response response = request.get();
        response.bufferEntity();
        Duration took = Duration.between(start, Instant.now());
        System.out.println("failed commit: " + response.getStatus() + " after " + took.toMillis() + " ms");
        assertTrue(took.compareTo(BOUND) <= 0, "took " + took);
        return response;
    }

    private static String contentOfPost1() {
        return TestDatabase.shared().firstValue("SELECT content FROM post WHERE id = 1");
    }
}
