package com.example.posts.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

@ContractTest
class HealthTest extends ApiTestCase {

    @Test
    void reportsUpWithDatabaseAndVersion() {
        Response response = target("health").request().get();

        assertEquals(200, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        assertEquals("no-store", response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        JsonNode health = body(response);
        assertEquals("UP", health.get("status").asText());
        assertEquals("UP", health.get("database").asText());
        assertEquals(VERSION, health.get("version").asText());
    }

    @Test
    void readyWhileServing() {
        Response response = target("health/ready").request().get();

        assertEquals(200, response.getStatus());
        assertEquals("no-store", response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        JsonNode ready = body(response);
        assertEquals("UP", ready.get("status").asText());
        assertEquals(VERSION, ready.get("version").asText());
    }

    @Test
    void livenessAnswers() {
        Response response = target("health/live").request().get();

        assertEquals(200, response.getStatus());
        assertEquals("UP", body(response).get("status").asText());
    }
}
