package com.example.posts.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.contract.ApiTestCase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The body limit guards the methods whose body a resource reads; a read's body is never read, so the limit
 * costs reads nothing. In-process only: behind nginx, nginx's own body limit answers first.
 */
class BodyLimitOnlyOnWritesTest extends ApiTestCase {
    private static final String OVER_THE_LIMIT = "x".repeat(RequestBodyLimitFilter.MAX_BYTES + 1);

    @Test
    void readWithABodyOverTheLimitIsAnsweredAndItsBodyIgnored() throws Exception {
        HttpResponse<String> response = send("GET", "posts/1", OVER_THE_LIMIT);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, JSON.readTree(response.body()).get("id").asInt());
    }

    @Test
    void writeWithABodyOverTheLimitIsStillTooLarge() throws Exception {
        HttpResponse<String> response = send("PUT", "posts/1", OVER_THE_LIMIT);

        assertEquals(413, response.statusCode(), response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(target(path).getUri())
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
