package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ApiToken;
import com.example.posts.config.ReplicaSettings;
import com.example.posts.contract.HttpTestCase;
import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.support.MariaDbNode;
import com.example.posts.support.ReplicatedDatabase;
import com.example.posts.support.ReplicatedMariaDb;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads on a replica, writes on the primary, and read-your-writes through the consistency token, on a MariaDB
 * primary with one GTID replica. The catch-up wait is 100 ms here, so a hundred reads that each wait it out
 * take seconds; the maximum lag is long enough that a replica stopped on purpose keeps serving.
 */
@IndependentOfTestDatabase
class ReplicaReadsTest extends HttpTestCase {
    private static final int WAIT_MILLIS = 100;
    @RegisterExtension
    static final ReplicatedDatabase REPLICATED = new ReplicatedDatabase(1, Map.of(
            ReplicaSettings.WAIT_VARIABLE, Integer.toString(WAIT_MILLIS), ReplicaSettings.MAX_LAG_VARIABLE, "300"));

    @Override
    protected Application application() {
        return REPLICATED.application(ApiToken.of(TOKEN));
    }

    @BeforeEach
    void resetReplicatedDatabase() {
        REPLICATED.resetWithFixtures();
    }

    @AfterEach
    void replicaAppliesAgain() {
        servers().resumeApplying(0);
    }

    @Test
    void readsAreAnsweredByTheReplica() {
        MariaDbNode replica = servers().replica(0);
        MariaDbNode primary = servers().primary();
        assertEquals(200, target("posts/1").request().get().getStatus()); // its connection open and set up
        long replicaBefore = servers().globalStatus(replica, "Com_select");
        long primaryBefore = servers().globalStatus(primary, "Com_select");

        for (int i = 0; i < 25; i++) {
            assertEquals(200, target("posts/1").request().get().getStatus());
            assertEquals(200, target("posts").request().get().getStatus());
        }

        assertTrue(servers().globalStatus(replica, "Com_select") - replicaBefore >= 50);
        // The replica monitor reads the primary's position once a second; the reads themselves never.
        long onPrimary = servers().globalStatus(primary, "Com_select") - primaryBefore;
        assertTrue(onPrimary < 10, onPrimary + " selects on the primary");
    }

    @Test
    void aWriteGoesToThePrimaryAndAnswersAConsistencyToken() {
        long primaryBefore = servers().globalStatus(servers().primary(), "Com_insert");

        Response created = authorized("posts").post(json("{\"content\":\"Hi\",\"author_email\":\"a@b.co\"}"));

        // The replica is read_only to the application's user: a write sent there could not have succeeded.
        assertEquals(201, created.getStatus());
        assertTrue(servers().globalStatus(servers().primary(), "Com_insert") > primaryBefore);
        String token = created.getHeaderString(ConsistencyTokenFilter.HEADER);
        assertNotNull(token);
        String cookie = created.getHeaderString(HttpHeaders.SET_COOKIE);
        assertTrue(cookie.startsWith(ConsistencyTokenFilter.COOKIE + "=" + token + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
    }

    @Test
    void aWriterSeesEachOfItsWritesWhileTheReplicaAppliesNothing() {
        servers().stopApplying(0);
        int lastId = 0;
        for (int i = 0; i < 100; i++) {
            Response created = authorized("posts")
                    .post(json("{\"content\":\"Post " + i + "\",\"author_email\":\"a@b.co\"}"));
            assertEquals(201, created.getStatus());
            lastId = body(created).get("id").asInt();
            String token = created.getHeaderString(ConsistencyTokenFilter.HEADER);

            Response withToken = target("posts/" + lastId).request().header(ConsistencyTokenFilter.HEADER, token).get();
            assertEquals(200, withToken.getStatus(), "read " + i + " with its write's token");
            assertEquals("Post " + i, body(withToken).get("content").asText());
            assertEquals(404, target("posts/" + lastId).request().get().getStatus(),
                    "without a token, the stopped replica answers as it is");
        }

        servers().resumeApplying(0);
        servers().awaitCaughtUp(0, Duration.ofSeconds(20));
        assertEquals(200, target("posts/" + lastId).request().get().getStatus());
    }

    @Test
    void theCookieCarriesTheTokenForThePage() {
        servers().stopApplying(0);
        Response created = authorized("posts").post(json("{\"content\":\"Page\",\"author_email\":\"a@b.co\"}"));
        int id = body(created).get("id").asInt();

        Response read = target("posts/" + id).request()
                .cookie(ConsistencyTokenFilter.COOKIE, created.getHeaderString(ConsistencyTokenFilter.HEADER)).get();

        assertEquals(200, read.getStatus());
    }

    @Test
    void aTokenThisServiceDidNotSignSendsTheReadToThePrimary() {
        servers().stopApplying(0);
        Response created = authorized("posts").post(json("{\"content\":\"Hi\",\"author_email\":\"a@b.co\"}"));
        int id = body(created).get("id").asInt();
        double before = metric("posts_db_replica_fallbacks_total\\{reason=\"unverified_token\"}");

        Response read = target("posts/" + id).request().header(ConsistencyTokenFilter.HEADER, "bm9wZQ.bm9wZQ").get();

        assertEquals(200, read.getStatus(), "an unknown token is answered from the primary, never stale");
        assertEquals(before + 1, metric("posts_db_replica_fallbacks_total\\{reason=\"unverified_token\"}"));
    }

    @Test
    void oddTokensAndMalformedCookiesAreReadOnThePrimaryNeverAnError() {
        for (String token : new String[] {"%%%", "a.b.c", "\u00e9t\u00e9.x", "x".repeat(4096), "Ym9n.", "."}) {
            Response read = target("posts/1").request().header(ConsistencyTokenFilter.HEADER, token).get();
            assertEquals(200, read.getStatus(), token);
        }
        for (String cookie : new String[] {"posts_consistency=\"unterminated", "posts_consistency", "=;;; ;=",
                "posts_consistency=a=b; posts_consistency=c"}) {
            Response read = target("posts/1").request().header(HttpHeaders.COOKIE, cookie).get();
            assertEquals(200, read.getStatus(), cookie);
        }
    }

    @Test
    void aSignedTokenFarAheadOfThePrimaryCostsAReadNoMoreThanTheWaitBound() {
        String farAhead = new ConsistencyTokens(REPLICATED.tokenKey()).issue(GtidPosition.parse("0-1-999999999"));

        Response read = target("posts/1").request().header(ConsistencyTokenFilter.HEADER, farAhead).get();

        assertEquals(200, read.getStatus());
        assertEquals(1, metric("posts_db_replica_waits_seconds_count\\{outcome=\"timed_out\"}"));
        double waited = metric("posts_db_replica_waits_seconds_max\\{outcome=\"timed_out\"}");
        // The bound, and a busy machine's scheduling: far below the 0.5 s a default bound would show.
        assertTrue(waited <= WAIT_MILLIS / 1000.0 + 0.2, "waited " + waited + " s");
        assertEquals(1, metric("posts_db_replica_fallbacks_total\\{reason=\"behind\"}"));
    }

    @Test
    void healthAndMetricsNameTheReplica() {
        String name = "127.0.0.1:" + servers().replica(0).port();
        assertEquals(200, target("posts/1").request().get().getStatus());

        JsonNode health = body(target("health").request().get());

        assertEquals("UP", health.get("status").asText());
        assertEquals(name, health.get("replicas").get(0).get("name").asText());
        assertEquals("UP", health.get("replicas").get(0).get("status").asText());
        assertTrue(metric("posts_db_reads_total\\{role=\"replica\"}") >= 1);
        String metrics = target("metrics").request().get(String.class);
        assertTrue(metrics.contains("posts_db_replica_lag_seconds{replica=\"" + name + "\"}"), metrics);
        assertTrue(metrics.contains("posts_db_replica_up{replica=\"" + name + "\"} 1.0"), metrics);
        // The replica's own pool, beside the primary's, which keeps its series as they were.
        assertTrue(metric("posts_db_replica_pool_max\\{pool=\"tomcat-jdbc\",replica=\"" + name + "\"}") > 0, metrics);
        assertTrue(metrics.contains("posts_db_replica_pool_active{pool=\"tomcat-jdbc\",replica=\"" + name + "\"}"),
                metrics);
        assertTrue(metric("posts_db_pool_max\\{pool=\"tomcat-jdbc\"}") > 0, metrics);
    }

    private double metric(String series) {
        String metrics = target("metrics").request().get(String.class);
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static ReplicatedMariaDb servers() {
        return REPLICATED.servers();
    }
}
