package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.example.posts.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /posts with an Idempotency-Key: a retry answers the first result and writes nothing more. */
@ContractTest
class IdempotencyKeyTest extends ApiTestCase {
    private static final String BODY = "{\"content\":\"Sent twice\",\"author_email\":\"retry@example.com\"}";

    private Response create(String key, String body) {
        return authorized("posts").header(IdempotencyKey.HEADER, key).post(json(body));
    }

    private static String posts() {
        return TestDatabase.shared().firstValue("SELECT COUNT(*) FROM post");
    }

    @Test
    void theSameKeyAndRequestAnswerTheFirstResultAndWriteOnce() {
        String key = UUID.randomUUID().toString();
        String before = posts();

        Response first = create(key, BODY);
        JsonNode created = body(first);
        // The same request, other bytes: field order and spacing do not make it another request.
        Response again = create(key, "{ \"author_email\": \"retry@example.com\",\n \"content\": \"Sent twice\" }");

        assertEquals(201, first.getStatus());
        assertEquals(201, again.getStatus());
        assertEquals(first.getLocation(), again.getLocation());
        assertEquals(first.getHeaderString(HttpHeaders.ETAG), again.getHeaderString(HttpHeaders.ETAG));
        assertEquals(created, body(again));
        assertEquals(Integer.parseInt(before) + 1, Integer.parseInt(posts()));
    }

    @Test
    void aQuotedKeyAndTheSameKeyBareAreOneKey() {
        Response quoted = create("\"order-42\"", BODY);
        Response bare = create("order-42", BODY);

        assertEquals(201, quoted.getStatus());
        assertEquals(quoted.getLocation(), bare.getLocation());
    }

    @Test
    void theSameKeyWithAnotherRequestAnswers422AndWritesNothing() {
        String key = UUID.randomUUID().toString();
        Response first = create(key, BODY);
        String after = posts();

        Response other = create(key, BODY.replace("Sent twice", "Something else"));

        assertEquals(201, first.getStatus());
        assertEquals(422, other.getStatus());
        assertTrue(body(other).get("detail").asText().contains("Idempotency-Key"));
        assertEquals(after, posts());
    }

    @Test
    void aKeyThatIsNotOneAnswers400AndWritesNothing() {
        String before = posts();
        for (String bad : List.of("", "\"\"", "x".repeat(IdempotencyKey.MAX_LENGTH + 1), "two words", "\"half",
                "half\"", "a,b", "clé", "\"esc\\\"aped\"")) {
            Response response = create(bad, BODY);

            assertEquals(400, response.getStatus(), "key [" + bad + "]");
            assertTrue(body(response).get("detail").asText().contains("Idempotency-Key"), bad);
        }
        assertEquals(before, posts());
    }

    @Test
    void aKeySentTwiceInOneRequestAnswers400() {
        Response response = authorized("posts").header(IdempotencyKey.HEADER, "one")
                .header(IdempotencyKey.HEADER, "two").post(json(BODY));

        assertEquals(400, response.getStatus());
    }

    @Test
    void aKeyAtTheLengthLimitIsAccepted() {
        Response response = create("k".repeat(IdempotencyKey.MAX_LENGTH), BODY);

        assertEquals(201, response.getStatus());
    }

    @Test
    void aKeyWhoseFirstRequestWasRefusedIsFreeForTheNextOne() {
        String key = UUID.randomUUID().toString();

        Response refused = create(key, "{\"content\":\"\",\"author_email\":\"retry@example.com\"}");
        Response accepted = create(key, BODY);

        assertEquals(400, refused.getStatus());
        assertEquals(201, accepted.getStatus());
    }
}
