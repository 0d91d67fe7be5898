package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.assertProblem;
import static com.example.posts.stack.FrontDoorClient.assertSecurityHeaders;
import static com.example.posts.stack.FrontDoorClient.raw;
import static com.example.posts.stack.FrontDoorClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /metrics never through nginx (on Tomcat: MetricsConnectorIT); /docs through nginx; JSON access log. */
// The access-log test reads post 1, whatever the tests before it left.
@ResetDatabase
class OperateFrontDoorIT {
    private final FrontDoorClient client = new FrontDoorClient();
    private final TestedStack stack = TestedStack.current().orElseThrow();
    private final NginxServer nginx = stack.nginx().orElseThrow();

    @Test
    void metricsAreNotFoundThroughNginxWhateverTheSpelling() throws Exception {
        for (String path : new String[] {"metrics", "metrics/", "metrics;x", "metrics;x/y", "%6detrics", "/metrics"}) {
            HttpResponse<String> response = client.send(nginx.uri(), "GET", path, null);

            assertProblem(response, 404);
            assertSecurityHeaders(response);
        }
    }

    @Test
    void metricsBehindAParameterOnAnEarlierSegmentAreNotFoundEither() throws Exception {
        // Tomcat would strip ";x" and find /metrics; nginx's rule matches the last segment, so it answers first.
        String answer = raw("127.0.0.1", nginx.uri(), request("GET", "/;x/metrics", "Host: x"));

        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        assertFalse(answer.contains("jvm_"), answer);
    }

    @Test
    void docsPageComesThroughNginxWithAPolicyThatLetsItRun() throws Exception {
        HttpResponse<String> page = client.send(nginx.uri(), "GET", "docs", null);
        HttpResponse<String> bundle = client.send(nginx.uri(), "GET", "docs/swagger-ui-bundle.js", null);
        HttpResponse<String> api = client.send(nginx.uri(), "GET", "posts/1", null);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("docs/swagger-ui-bundle.js"), page.body());
        assertFalse(page.body().contains("https://"), "nothing from a CDN");
        assertEquals(200, bundle.statusCode());
        for (HttpResponse<String> docs : java.util.List.of(page, bundle)) {
            assertEquals(1, docs.headers().allValues("Content-Security-Policy").size());
            assertTrue(docs.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
            assertEquals("nosniff", docs.headers().firstValue("X-Content-Type-Options").orElse(null));
        }
        assertTrue(api.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'; frame"));
    }

    @Test
    void jsonAccessLogLinesParseAndCarryTheRequestIdAndUpstreamTime() throws Exception {
        Map<String, String> settings = NginxServer.settings(TestedStack.APP_ADDRESS + ":" + stack.tomcat().port(),
                TestedStack.PROXY_ADDRESS, "10r/s", 10);
        settings.put("POSTS_ACCESS_LOG_FORMAT", "json");
        try (NginxServer json = NginxServer.start(Path.of("target/stack/nginx-json").toAbsolutePath(),
                TestedStack.PROXY_ADDRESS, settings, null)) {
            client.send(json.uri(), "GET", "posts/1", null, "X-Request-Id", "json-log-1", "User-Agent", "a \"quoted\" agent");

            JsonNode line = awaitLine(json, "json-log-1");
            assertEquals(200, line.get("status").asInt());
            assertEquals("GET /posts/1 HTTP/1.1", line.get("request").asText());
            assertEquals("a \"quoted\" agent", line.get("user_agent").asText());
            assertTrue(line.get("upstream_response_time").asText().matches("[0-9]+\\.[0-9]{3}"), line.toString());
        }
    }

    private static JsonNode awaitLine(NginxServer server, String requestId) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (String line : server.accessLog().lines().toList()) {
                if (line.startsWith("{") && line.contains(requestId)) {
                    JsonNode parsed = json.readTree(line);
                    assertEquals(requestId, parsed.get("request_id").asText());
                    return parsed;
                }
            }
            FreePort.pause();
        }
        throw new AssertionError("no JSON access log line for " + requestId + ":\n" + server.accessLog());
    }
}
