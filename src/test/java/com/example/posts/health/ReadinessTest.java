package com.example.posts.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.db.DatabaseSource;
import com.example.posts.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** /health/ready turns 503 STOPPING once shutdown begins, and the container's shutdown begins it. */
class ReadinessTest extends ApiTestCase {
    /** Set while JerseyTest's constructor builds the application, so without an initializer of its own. */
    private Readiness readiness;

    @Override
    protected Application application() {
        readiness = new Readiness();
        return new PostsApplication(new ApplicationSettings(DatabaseSource.keptOpenBy(TestDatabase.shared().database()),
                ApiToken.of(TOKEN), VERSION, Clock.systemUTC(), readiness));
    }

    @Test
    void answersStoppingOnceShutdownHasBegun() {
        readiness.beginShutdown();

        Response response = target("health/ready").request().get();

        assertEquals(503, response.getStatus());
        JsonNode body = body(response);
        assertEquals("STOPPING", body.get("status").asText());
        assertEquals("UP", body.get("database").asText());
        assertEquals(VERSION, body.get("version").asText());
        assertEquals(200, target("posts/1").request().get().getStatus(), "requests still served meanwhile");
        assertEquals(200, target("health").request().get().getStatus(), "/health still reports the database");
    }

    @Test
    void stoppingTheContainerBeginsShutdown() throws Exception {
        assertFalse(readiness.isStopping());

        tearDown();

        assertTrue(readiness.isStopping());
        setUp();
    }
}
