package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

@ContractTest
class ReplaceAndDeletePostTest extends ApiTestCase {
    private static final String NEW_BODY = "{\"content\":\"Edited\",\"author_email\":\"editor@example.com\"}";

    private String etagOfPost1() {
        return target("posts/1").request().get().getHeaderString(HttpHeaders.ETAG);
    }

    @Test
    void replacesContentAndAuthorKeepingIdAndCreatedTime() {
        Response response = authorized("posts/1").put(json(NEW_BODY));

        assertEquals(200, response.getStatus());
        JsonNode post = body(response);
        assertEquals(1, post.get("id").asInt());
        assertEquals("Edited", post.get("content").asText());
        assertEquals("editor@example.com", post.get("author_email").asText());
        assertEquals("2018-10-03T12:30:00Z", post.get("created_time").asText());
        assertEquals(post, body(target("posts/1").request().get()));
    }

    @Test
    void replaceChangesTheEtag() {
        String before = etagOfPost1();

        Response response = authorized("posts/1").put(json(NEW_BODY));

        assertNotEquals(before, response.getHeaderString(HttpHeaders.ETAG));
        assertEquals(response.getHeaderString(HttpHeaders.ETAG), etagOfPost1());
    }

    @Test
    void replacingMissingPostIsNotFound() {
        Response response = authorized("posts/99").put(json(NEW_BODY));

        assertEquals(404, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(404, target("posts/99").request().get().getStatus());
    }

    @Test
    void replaceWithIfMatchAnyGoesThroughWhenThePostExists() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, "*").put(json(NEW_BODY));

        assertEquals(200, response.getStatus());
        assertEquals("Edited", body(response).get("content").asText());
    }

    @Test
    void replaceWithIfMatchAnyOfAMissingPostIsNotFound() {
        Response response = authorized("posts/99").header(HttpHeaders.IF_MATCH, "*").put(json(NEW_BODY));

        assertEquals(404, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    void replaceWithCurrentIfMatchGoesThrough() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, etagOfPost1()).put(json(NEW_BODY));

        assertEquals(200, response.getStatus());
    }

    @Test
    void replaceWithStaleIfMatchIsPreconditionFailedAndChangesNothing() {
        String stale = etagOfPost1();
        assertEquals(200, authorized("posts/1").put(json(NEW_BODY)).getStatus());

        Response lost = authorized("posts/1").header(HttpHeaders.IF_MATCH, stale)
                .put(json("{\"content\":\"Lost update\",\"author_email\":\"late@example.com\"}"));

        assertEquals(412, lost.getStatus());
        assertEquals("application/problem+json", lost.getMediaType().toString());
        assertEquals("Edited", body(target("posts/1").request().get()).get("content").asText());
    }

    @Test
    void deletesThenAnswersNotFound() {
        Response deleted = authorized("posts/1").delete();

        assertEquals(204, deleted.getStatus());
        assertEquals(404, target("posts/1").request().get().getStatus());
        assertEquals(404, authorized("posts/1").delete().getStatus());
        assertEquals(1, body(target("posts").request().get()).get("items").size());
    }

    @Test
    void deleteWithStaleIfMatchKeepsThePost() {
        String stale = etagOfPost1();
        authorized("posts/1").put(json(NEW_BODY));

        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, stale).delete();

        assertEquals(412, response.getStatus());
        assertEquals(200, target("posts/1").request().get().getStatus());
    }

    @Test
    void deleteWithCurrentIfMatchDeletes() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, etagOfPost1()).delete();

        assertEquals(204, response.getStatus());
        assertEquals(404, target("posts/1").request().get().getStatus());
    }

    @Test
    void deleteOfIdThatCannotExistIsNotFound() {
        assertEquals(404, authorized("posts/abc").delete().getStatus());
        assertEquals(404, authorized("posts/0").delete().getStatus());
    }

    @Test
    void replaceWithUnquotedIfMatchIsABadRequestAndChangesNothing() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, "3").put(json(NEW_BODY));

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("detail").asText().startsWith("If-Match is not a list of entity tags"));
        assertEquals("Hello", body(target("posts/1").request().get()).get("content").asText());
    }

    @Test
    void deleteWithUnquotedIfMatchIsABadRequestAndKeepsThePost() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, "3").delete();

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("detail").asText().startsWith("If-Match is not a list of entity tags"));
        assertEquals(200, target("posts/1").request().get().getStatus());
    }

    @Test
    void weakIfMatchNeverMatchesSoTheWriteIsRefused() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_MATCH, "W/" + etagOfPost1())
                .put(json(NEW_BODY));

        assertEquals(412, response.getStatus());
        assertEquals("Hello", body(target("posts/1").request().get()).get("content").asText());
    }

    @Test
    void ifNoneMatchAnyRefusesToReplaceAnExistingPost() {
        Response response = authorized("posts/1").header(HttpHeaders.IF_NONE_MATCH, "*").put(json(NEW_BODY));

        assertEquals(412, response.getStatus());
        assertEquals("Hello", body(target("posts/1").request().get()).get("content").asText());
    }
}
