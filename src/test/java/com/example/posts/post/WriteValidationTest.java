package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Stream;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad write is a 400-family problem, names what was wrong, and changes nothing. */
@ContractTest
class WriteValidationTest extends ApiTestCase {
    private static final String TOO_LONG_EMAIL = "a".repeat(89) + "@example.com"; // 101 characters

    @AfterEach
    void nothingWasWritten() {
        JsonNode page = body(target("posts").request().get());
        assertEquals(2, page.get("items").size(), "a rejected write must not change anything");
        assertEquals("Hello", body(target("posts/1").request().get()).get("content").asText());
    }

    /** One case per rule over HTTP; PostRequestTest holds every case of every rule. */
    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"content\":\"  \\n\\t \",\"author_email\":\"a@b.co\"}", List.of("content")),
                Arguments.of("{\"content\":\"" + "한".repeat(21_846) + "\",\"author_email\":\"a@b.co\"}",
                        List.of("content")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"not-an-email\"}", List.of("author_email")),
                // U+202E, right-to-left override: would turn the address around for every reader.
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a\\u202eoc.b@c.de\"}", List.of("author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"" + TOO_LONG_EMAIL + "\"}",
                        List.of("author_email")),
                Arguments.of("{}", List.of("content", "author_email")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"created_time\":\"2020-01-01T00:00:00Z\"}",
                        List.of("created_time")),
                Arguments.of("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"colour\":\"red\"}", List.of("colour")),
                Arguments.of("{\"content\":5,\"author_email\":\"a@b.co\"}", List.of("content")));
    }

    /** A replace reads its body as a create does: the same rules, one case of each kind. */
    static Stream<Arguments> invalidReplacements() {
        return Stream.of(
                Arguments.of("{\"content\":\"\",\"author_email\":\"\",\"id\":7}", List.of("content", "author_email", "id")),
                Arguments.of("{\"content\":[\"x\"],\"author_email\":\"a@b.co\"}", List.of("content")));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void createRejectsInvalidFieldsOneEntryEach(String body, List<String> fields) {
        assertInvalid(authorized("posts").post(json(body)), fields);
    }

    @ParameterizedTest
    @MethodSource("invalidReplacements")
    void replaceRejectsInvalidFieldsOneEntryEach(String body, List<String> fields) {
        assertInvalid(authorized("posts/1").put(json(body)), fields);
    }

    private static void assertInvalid(Response response, List<String> fields) {
        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        JsonNode errors = body(response).get("errors");
        assertEquals(fields.size(), errors.size(), errors.toString());
        for (String field : fields) {
            assertTrue(errors.has(field), field + " missing from " + errors);
        }
    }

    @Test
    void readOnlyFieldsAreNamedAsSuch() {
        Response response = authorized("posts/1").put(json("{\"content\":\"x\",\"author_email\":\"a@b.co\",\"id\":2}"));

        assertEquals("is read-only", body(response).get("errors").get("id").asText());
    }

    @Test
    void malformedJsonIsBadRequestWithoutInternals() {
        Response response = authorized("posts").post(json("{\"content\": \"x\", "));

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        String text = response.readEntity(String.class);
        assertTrue(text.contains("Malformed JSON"), text);
        assertFalse(text.contains("com.example") || text.contains("Exception") || text.contains("jackson"), text);
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreBadRequests() {
        assertEquals(400, authorized("posts").post(json("{\"content\":\"x\",\"author_email\":\"a@b.co\"} {}")).getStatus());
        assertEquals(400, authorized("posts")
                .post(json("{\"content\":\"x\",\"content\":\"y\",\"author_email\":\"a@b.co\"}")).getStatus());
    }

    @Test
    void emptyOrNonObjectBodyIsBadRequest() {
        for (String body : new String[] {"", "null", "[]", "\"text\"", "42"}) {
            Response response = authorized("posts").post(json(body));
            assertEquals(400, response.getStatus(), "body: " + body);
            assertEquals("application/problem+json", response.getMediaType().toString());
        }
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        Response response = authorized("posts")
                .post(Entity.entity("content=x&author_email=a@b.co", MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        assertEquals(415, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        String body = "{\"content\":\"" + "x".repeat(1024 * 1024) + "\",\"author_email\":\"a@b.co\"}";

        Response response = authorized("posts").post(json(body));

        assertEquals(413, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void chunkedBodyOverOneMebibyteIsTooLarge() {
        String body = "{\"content\":\"" + "x".repeat(1024 * 1024) + "\",\"author_email\":\"a@b.co\"}";

        Response response = authorized("posts")
                .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED)
                .post(json(body));

        assertEquals(413, response.getStatus(), response.readEntity(String.class));
        assertEquals("application/problem+json", response.getMediaType().toString());
    }
}
