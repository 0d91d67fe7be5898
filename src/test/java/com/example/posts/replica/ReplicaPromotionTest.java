package com.example.posts.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.config.ApiToken;
import com.example.posts.contract.HttpTestCase;
import com.example.posts.support.Eventually;
import com.example.posts.support.IndependentOfTestDatabase;
import com.example.posts.support.MariaDbNode;
import com.example.posts.support.ReplicatedDatabase;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runbook's promotion: the primary is lost, an operator promotes the replica and moves the primary's
 * address to it. The application takes its writes there without a restart; what the old primary had
 * committed and the replica had applied is still there.
 */
@IndependentOfTestDatabase
class ReplicaPromotionTest extends HttpTestCase {
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    @RegisterExtension
    static final ReplicatedDatabase REPLICATED = new ReplicatedDatabase(1, Map.of());

    @Override
    protected Application application() {
        return REPLICATED.application(ApiToken.of(TOKEN));
    }

    @Test
    void writesGoToThePromotedReplicaOnceTheAddressMoves() {
        REPLICATED.resetWithFixtures();
        Response before = authorized("posts").post(json("{\"content\":\"Before\",\"author_email\":\"a@b.co\"}"));
        int id = body(before).get("id").asInt();
        REPLICATED.awaitReplicasCaughtUp();

        REPLICATED.servers().kill(REPLICATED.servers().primary());
        assertEquals(503, authorized("posts").post(json("{\"content\":\"Lost\",\"author_email\":\"a@b.co\"}"))
                .getStatus());
        MariaDbNode replica = REPLICATED.servers().replica(0);
        REPLICATED.servers().promote(0);
        REPLICATED.primaryAddress().retarget(replica.host(), replica.port());

        assertEquals(201, Eventually.until(() -> authorized("posts")
                .post(json("{\"content\":\"After\",\"author_email\":\"a@b.co\"}")).getStatus(), status -> status == 201,
                RECOVERY_BOUND));
        assertEquals("Before", body(target("posts/" + id).request().get()).get("content").asText());
    }
}
