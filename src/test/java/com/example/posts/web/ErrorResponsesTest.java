package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.contract.ContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error is application/problem+json with type, title, status, detail and request_id, and no internals. */
@ContractTest
class ErrorResponsesTest extends ApiTestCase {

    static JsonNode assertProblem(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        JsonNode problem = body(response);
        assertEquals("about:blank", problem.get("type").asText());
        assertFalse(problem.get("title").asText().isBlank());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("detail").asText().isBlank());
        assertEquals(response.getHeaderString(RequestIdFilter.HEADER), problem.get("request_id").asText());
        return problem;
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        assertProblem(target("no/such/thing").request().get(), 404);
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllow() {
        Response response = authorized("posts").put(json("{}"));

        assertProblem(response, 405);
        List<String> allowed = List.of(response.getHeaderString(HttpHeaders.ALLOW).split("\\s*,\\s*"));
        assertTrue(allowed.containsAll(List.of("GET", "POST")), allowed.toString());
    }

    @Test
    void unacceptableMediaTypeIsProblem() {
        assertProblem(target("posts/1").request(MediaType.TEXT_HTML_TYPE).get(), 406);
    }

    @Test
    void problemTitlesAreTheStatusReasonPhrases() {
        assertEquals("Not Found", assertProblem(target("nowhere").request().get(), 404).get("title").asText());
        assertEquals("Unauthorized",
                assertProblem(target("posts").request().post(json("{}")), 401).get("title").asText());
    }
}
