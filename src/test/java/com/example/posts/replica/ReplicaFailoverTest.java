package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ApiToken;
import com.example.posts.contract.HttpTestCase;
import com.example.posts.support.Eventually;
import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.support.ReplicatedDatabase;
import com.example.posts.support.ReplicatedMariaDb;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The losses a replicated database exists to survive, under steady reads: a replica killed, and the primary
 * killed and brought back. Reads never fail; writes answer 503 while the primary is away and succeed again
 * once it is back, with no restart of the application.
 */
@IndependentOfTestDatabase
class ReplicaFailoverTest extends HttpTestCase {
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    @RegisterExtension
    static final ReplicatedDatabase REPLICATED = new ReplicatedDatabase(2, Map.of());

    @Override
    protected Application application() {
        return REPLICATED.application(ApiToken.of(TOKEN));
    }

    @BeforeEach
    void resetReplicatedDatabase() {
        REPLICATED.resetWithFixtures();
    }

    @AfterEach
    void everyServerRunsAndApplies() {
        ReplicatedMariaDb servers = REPLICATED.servers();
        servers.restartStopped();
        for (int i = 0; i < servers.replicas().size(); i++) {
            servers.resumeApplying(i);
        }
    }

    @Test
    void aWriterWhoseWriteNoLiveNodeHasGets503NeverAnOlderAnswer() {
        REPLICATED.servers().stopApplying(0);
        REPLICATED.servers().stopApplying(1);
        Response written = authorized("posts").post(json("{\"content\":\"Unseen\",\"author_email\":\"a@b.co\"}"));
        String token = written.getHeaderString(ConsistencyTokenFilter.HEADER);
        int id = body(written).get("id").asInt();

        REPLICATED.servers().kill(REPLICATED.servers().primary());
        Response read = target("posts/" + id).request().header(ConsistencyTokenFilter.HEADER, token).get();

        assertEquals(503, read.getStatus());
        assertEquals("application/problem+json", read.getMediaType().toString());
        assertEquals("2", read.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals(404, target("posts/" + id).request().get().getStatus(),
                "without the token, the replicas answer as they are");
    }

    @Test
    void aReplicaKilledUnderSteadyReadsCostsNoRead() throws Exception {
        try (SteadyReads reads = SteadyReads.start(() -> target("posts/1").request().get().getStatus(), 4)) {
            reads.awaitAtLeast(200);
            REPLICATED.servers().kill(REPLICATED.servers().replica(0));
            reads.awaitAtLeast(reads.answered() + 400);

            Map<Integer, Integer> counts = reads.stopAndCount();
            assertEquals(Set.of(200), counts.keySet(), "reads by status: " + counts);
        }
        JsonNode health = body(target("health").request().get());
        assertEquals("UP", health.get("status").asText(), "the other replica and the primary serve");
        assertEquals("DOWN", health.get("replicas").get(0).get("status").asText());
        assertEquals("UP", health.get("replicas").get(1).get("status").asText());

        REPLICATED.servers().restart(REPLICATED.servers().replica(0));
        assertEquals("UP", Eventually.until(() -> body(target("health").request().get()).get("replicas").get(0)
                .get("status").asText(), "UP"::equals, RECOVERY_BOUND));
    }

    @Test
    void withThePrimaryKilledReadsAnswerAndWritesAre503UntilItIsBack() throws Exception {
        Response written = authorized("posts").post(json("{\"content\":\"Before\",\"author_email\":\"a@b.co\"}"));
        String token = written.getHeaderString(ConsistencyTokenFilter.HEADER);
        int id = body(written).get("id").asInt();
        REPLICATED.awaitReplicasCaughtUp();

        try (SteadyReads reads = SteadyReads.start(() -> target("posts/1").request().get().getStatus(), 4)) {
            reads.awaitAtLeast(200);
            REPLICATED.servers().kill(REPLICATED.servers().primary());
            reads.awaitAtLeast(reads.answered() + 400);

            Response write = authorized("posts").post(json("{\"content\":\"During\",\"author_email\":\"a@b.co\"}"));
            assertEquals(503, write.getStatus());
            assertEquals("application/problem+json", write.getMediaType().toString());
            assertTrue(write.getHeaderString(HttpHeaders.RETRY_AFTER) != null);
            assertEquals(200, target("posts/" + id).request().header(ConsistencyTokenFilter.HEADER, token).get()
                    .getStatus(), "a replica that has the write answers the writer");
            JsonNode health = body(target("health").request().get());
            assertEquals("DEGRADED", health.get("status").asText());
            assertEquals("DOWN", health.get("database").asText());
            assertEquals(200, target("health/ready").request().get().getStatus(), "still ready for reads");

            Map<Integer, Integer> counts = reads.stopAndCount();
            assertEquals(Set.of(200), counts.keySet(), "reads by status: " + counts);
        }

        REPLICATED.servers().restart(REPLICATED.servers().primary());
        assertEquals(201, Eventually.until(() -> authorized("posts")
                .post(json("{\"content\":\"After\",\"author_email\":\"a@b.co\"}")).getStatus(), status -> status == 201,
                RECOVERY_BOUND));
    }
}
