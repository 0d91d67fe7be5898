package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A farm may deploy the WAR under a context path: the links the service hands out stay under it. */
@ResetDatabase
class ContextPathIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "/" + TestedStack.SECOND_CONTEXT + "/";
    private final FrontDoorClient client = new FrontDoorClient();
    private final URI app = TestedStack.current().orElseThrow().tomcat().secondContextUri();

    @Test
    void nextLinkStaysUnderTheContextPath() throws Exception {
        JsonNode first = JSON.readTree(client.send(app, "GET", "posts?limit=1", null).body());

        String next = first.get("next").asText();
        assertEquals(CONTEXT + "posts?limit=1&before=2", next);

        HttpResponse<String> second = client.send(app, "GET", next, null);
        assertEquals(200, second.statusCode(), second.body());
        JsonNode page = JSON.readTree(second.body());
        assertEquals(1, page.get("items").get(0).get("id").asInt());
        assertTrue(page.get("next").isNull());
    }

    @Test
    void locationStaysUnderTheContextPath() throws Exception {
        HttpResponse<String> created = client.send(app, "POST", "posts",
                "{\"content\":\"under a context path\",\"author_email\":\"a@b.co\"}",
                "Authorization", "Bearer " + TestToken.VALUE, "Content-Type", "application/json");

        assertEquals(201, created.statusCode(), created.body());
        URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
        assertTrue(location.getPath().startsWith(CONTEXT + "posts/"), location.toString());
        HttpResponse<String> read = client.send(app, "GET", location.toString(), null);
        assertEquals(200, read.statusCode());
        assertFalse(read.body().isBlank());
    }
}
