package com.example.posts.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ContractTest
class ReadPostTest extends ApiTestCase {

    @Test
    void answersPostFromFixtures() {
        Response response = target("posts/1").request().get();

        assertEquals(200, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        JsonNode post = body(response);
        assertEquals(4, post.size(), "exactly id, content, author_email, created_time: " + post);
        assertEquals(1, post.get("id").asInt());
        assertEquals("Hello", post.get("content").asText());
        assertEquals("me@me.com", post.get("author_email").asText());
        assertEquals("2018-10-03T12:30:00Z", post.get("created_time").asText());
    }

    @Test
    void originalAppsPathAnswersTheSamePost() {
        Response legacy = target("post/2").request().get();
        Response current = target("posts/2").request().get();

        assertEquals(200, legacy.getStatus());
        assertEquals(body(current), body(legacy));
        assertEquals(current.getHeaderString(HttpHeaders.ETAG), legacy.getHeaderString(HttpHeaders.ETAG));
    }

    @Test
    void missingPostIsNotFoundProblem() {
        Response response = target("posts/999").request().get();

        assertEquals(404, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        JsonNode problem = body(response);
        assertEquals(404, problem.get("status").asInt());
        assertEquals("Not Found", problem.get("title").asText());
        assertEquals("There is no post with id 999", problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "2147483648", "99999999999999999999", "1.5", "1e3", "%2B1", " 1"})
    void idsThatCannotExistAreNotFound(String id) {
        for (String path : new String[] {"posts/", "post/"}) {
            Response response = target(path + id).request().get();

            assertEquals(404, response.getStatus(), path + id);
            assertEquals("application/problem+json", response.getMediaType().toString());
        }
    }

    @Test
    void sendsEtagAndAnswersNotModifiedWhenItMatches() {
        String etag = target("posts/1").request().get().getHeaderString(HttpHeaders.ETAG);
        assertNotNull(etag);

        Response cached = target("posts/1").request().header(HttpHeaders.IF_NONE_MATCH, etag).get();

        assertEquals(304, cached.getStatus());
        assertEquals(etag, cached.getHeaderString(HttpHeaders.ETAG));
        assertTrue(cached.readEntity(String.class).isEmpty());
    }

    @Test
    void answersThePostWhenIfNoneMatchIsStale() {
        Response response = target("posts/1").request().header(HttpHeaders.IF_NONE_MATCH, "\"41\"").get();

        assertEquals(200, response.getStatus());
        assertEquals("Hello", body(response).get("content").asText());
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() {
        String etag = target("posts/1").request().get().getHeaderString(HttpHeaders.ETAG);

        Response head = target("posts/1").request().head();

        assertEquals(200, head.getStatus());
        assertEquals(etag, head.getHeaderString(HttpHeaders.ETAG));
        assertTrue(head.readEntity(String.class).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts/1", "post/1"})
    void malformedIfNoneMatchIsABadRequestNamingTheHeader(String path) {
        Response response = target(path).request().header(HttpHeaders.IF_NONE_MATCH, "abc").get();

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertTrue(body(response).get("detail").asText().startsWith("If-None-Match is not a list of entity tags"));
    }

    @Test
    void ifNoneMatchFindsTheTagInAListAndComparesWeakly() {
        String etag = target("posts/1").request().get().getHeaderString(HttpHeaders.ETAG);

        Response cached = target("posts/1").request().header(HttpHeaders.IF_NONE_MATCH, "\"41\", W/" + etag).get();

        assertEquals(304, cached.getStatus());
        assertEquals(etag, cached.getHeaderString(HttpHeaders.ETAG));
    }
}
