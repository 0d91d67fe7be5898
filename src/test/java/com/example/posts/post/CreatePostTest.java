package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@ContractTest
class CreatePostTest extends ApiTestCase {

    private Response create(String content, String authorEmail) {
        ObjectNode body = JSON.createObjectNode().put("content", content).put("author_email", authorEmail);
        return authorized("posts").post(json(body.toString()));
    }

    @Test
    void createsPostAndReturnsLocation() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Response response = create("Third", "new@example.com");

        assertEquals(201, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        assertTrue(response.getLocation().toString().endsWith("/posts/3"), response.getLocation().toString());
        assertNotNull(response.getHeaderString(HttpHeaders.ETAG));
        JsonNode created = body(response);
        assertEquals(3, created.get("id").asInt());
        assertEquals("Third", created.get("content").asText());
        assertEquals("new@example.com", created.get("author_email").asText());
        String createdTime = created.get("created_time").asText();
        assertTrue(createdTime.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), createdTime);
        Instant stamped = Instant.parse(createdTime);
        assertTrue(!stamped.isBefore(before) && stamped.isBefore(Instant.now().plus(Duration.ofSeconds(1))),
                "server time " + stamped + " not around " + before);

        assertEquals(created, body(client().target(response.getLocation()).request().get()));
    }

    @Test
    void roundTripsEmojiAndHangulByteForByte() throws IOException {
        String text = "안녕하세요 👋🏽 — naïve café 𝄞";

        JsonNode created = body(create(text, "kim@example.kr"));
        byte[] raw = target("posts/" + created.get("id").asInt()).request().get(byte[].class);

        assertEquals(text, JSON.readTree(raw).get("content").asText());
        String json = new String(raw, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"content\":\"" + text + "\""), "unescaped UTF-8 on the wire: " + json);
    }

    @Test
    void storesSqlMetacharactersVerbatim() {
        String text = "'; DROP TABLE post; -- \" \\ % _ `x`";

        JsonNode created = body(create(text, "o'brien@example.com"));
        JsonNode read = body(target("posts/" + created.get("id").asInt()).request().get());

        assertEquals(text, read.get("content").asText());
        assertEquals("o'brien@example.com", read.get("author_email").asText());
        assertEquals(3, body(target("posts").request().get()).get("items").size());
    }

    @Test
    void acceptsJsonWithACharsetParameter() {
        Response response = authorized("posts").post(Entity.entity(
                "{\"content\":\"charset\",\"author_email\":\"c@b.co\"}", "application/json; charset=UTF-8"));

        assertEquals(201, response.getStatus());
    }

    @Test
    void acceptsContentOfExactlyTheColumnsByteLimit() {
        String content = "한".repeat(21_845); // 3 bytes each: 65,535 bytes

        Response response = create(content, "big@example.com");

        assertEquals(201, response.getStatus());
        assertEquals(content, body(target("posts/3").request().get()).get("content").asText());
    }
}
