package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.example.posts.stack.FrontDoorClient.assertProblem;
import static com.example.posts.stack.FrontDoorClient.assertSecurityHeaders;
import static com.example.posts.stack.FrontDoorClient.raw;
import static com.example.posts.stack.FrontDoorClient.request;
import static com.example.posts.stack.FrontDoorClient.status;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestToken;
import com.example.posts.web.AppPageHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What nginx adds in front of Tomcat: headers, limits, its own errors, client addresses, request ids. */
@ResetDatabase
class NginxFrontDoorIT {
    private static final String WRITE = "{\"content\":\"x\",\"author_email\":\"a@b.co\"}";
    private final FrontDoorClient client = new FrontDoorClient();
    private final TestedStack stack = TestedStack.current().orElseThrow();
    private final NginxServer nginx = stack.nginx().orElseThrow();

    @Test
    void securityHeadersOnEveryResponseErrorsIncluded() throws Exception {
        assertSecurityHeaders(client.send(nginx.uri(), "GET", "posts/1", null));
        assertSecurityHeaders(client.send(nginx.uri(), "GET", "nowhere", null));
        assertSecurityHeaders(client.send(nginx.uri(), "POST", "posts", "x".repeat(1_100_000),
                "Authorization", "Bearer " + TestToken.VALUE, "Content-Type", "application/json"));
    }

    @Test
    void theBrowserPageKeepsItsOwnPolicyAndCachingAndGetsTheOtherHeadersOnce() throws Exception {
        HttpResponse<String> page = client.send(nginx.uri(), "GET", "app/", null);

        assertEquals(200, page.statusCode());
        var headers = page.headers();
        assertEquals(List.of(AppPageHeaders.CONTENT_SECURITY_POLICY), headers.allValues("Content-Security-Policy"));
        assertEquals(List.of("no-cache"), headers.allValues("Cache-Control"));
        assertEquals(List.of("nosniff"), headers.allValues("X-Content-Type-Options"));
        assertEquals(List.of("DENY"), headers.allValues("X-Frame-Options"));
        assertEquals(List.of("no-referrer"), headers.allValues("Referrer-Policy"));
        assertEquals(1, headers.allValues("X-Request-Id").size());
        String etag = headers.firstValue("ETag").orElseThrow();
        assertEquals(304, client.send(nginx.uri(), "GET", "app/", null, "If-None-Match", etag).statusCode());
        // Everything else keeps nginx's policy.
        assertSecurityHeaders(client.send(nginx.uri(), "GET", "", null));
    }

    @Test
    void bodyOverOneMebibyteIsAProblemFromNginx() throws Exception {
        HttpResponse<String> response = client.send(nginx.uri(), "POST", "posts", "x".repeat(1_100_000),
                "Authorization", "Bearer " + TestToken.VALUE, "Content-Type", "application/json");

        assertProblem(response, 413);
    }

    @Test
    void appErrorsPassThroughUntouched() throws Exception {
        HttpResponse<String> response = client.send(nginx.uri(), "GET", "posts/999", null,
                "X-Request-Id", "pass-through");

        JsonNode problem = assertProblem(response, 404);
        assertEquals("There is no post with id 999", problem.get("detail").asText());
        assertEquals("pass-through", problem.get("request_id").asText());
    }

    @Test
    void writesBeyondTheRateAreTooManyRequestsReadsAreNot() throws Exception {
        try (NginxServer strict = NginxServer.start(Path.of("target/stack/nginx-strict").toAbsolutePath(),
                TestedStack.PROXY_ADDRESS, NginxServer.settings(TestedStack.APP_ADDRESS + ":" + stack.tomcat().port(),
                        TestedStack.PROXY_ADDRESS, "1r/m", 1), null)) {
            String[] auth = {"Authorization", "Bearer " + TestToken.VALUE, "Content-Type", "application/json"};
            // One write at the rate and one of burst go through; the next is refused.
            assertEquals(201, client.send(strict.uri(), "POST", "posts", WRITE, auth).statusCode());
            assertEquals(201, client.send(strict.uri(), "POST", "posts", WRITE, auth).statusCode());

            HttpResponse<String> refused = client.send(strict.uri(), "POST", "posts", WRITE, auth);
            assertProblem(refused, 429);
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertSecurityHeaders(refused);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.send(strict.uri(), "GET", "posts/1", null).statusCode());
            }
        }
    }

    @Test
    void unreachableAppIsAJsonBadGateway() throws Exception {
        int nothingThere = FreePort.on(TestedStack.APP_ADDRESS);
        try (NginxServer orphan = NginxServer.start(Path.of("target/stack/nginx-orphan").toAbsolutePath(),
                TestedStack.PROXY_ADDRESS, NginxServer.settings(TestedStack.APP_ADDRESS + ":" + nothingThere,
                        TestedStack.PROXY_ADDRESS, "10r/s", 10), null)) {
            HttpResponse<String> response = client.send(orphan.uri(), "GET", "posts/1", null);

            assertProblem(response, 502);
            assertSecurityHeaders(response);
        }
    }

    @Test
    void appSeesTheClientAddressOnlyThroughTheProxy() throws Exception {
        URI tomcat = stack.tomcat().uri();
        // Straight to Tomcat, a forged X-Forwarded-For is ignored: the peer is not the proxy.
        assertEquals(200, rawGet("127.0.0.1", tomcat, "forged-direct", "203.0.113.9"));
        // Through nginx, from 127.0.0.7: nginx replaces the forged header with the real client address.
        assertEquals(200, rawGet("127.0.0.7", nginx.uri(), "via-proxy", "203.0.113.9"));

        assertTrue(tomcatLogLine("forged-direct").startsWith("127.0.0.1 "), tomcatLogLine("forged-direct"));
        assertTrue(tomcatLogLine("via-proxy").startsWith("127.0.0.7 "), tomcatLogLine("via-proxy"));
    }

    @Test
    void requestIdsReachTheAppAndBothLogs() throws Exception {
        HttpResponse<String> chosen = client.send(nginx.uri(), "GET", "posts/1", null, "X-Request-Id", "trace-me-42");
        HttpResponse<String> unsafe = client.send(nginx.uri(), "GET", "posts/1", null, "X-Request-Id", "bad id!");

        assertEquals("trace-me-42", chosen.headers().firstValue("X-Request-Id").orElseThrow());
        String generated = unsafe.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(generated.matches("[A-Za-z0-9._-]{1,64}"), generated);
        for (String id : new String[] {"trace-me-42", generated}) {
            tomcatLogLine(id);
            assertTrue(nginxLogHas("rid=" + id + " "), "nginx access log lacks " + id);
        }
        assertTrue(nginxLogHas("urt=0."), "the access log carries the upstream time");
    }

    @Test
    void headRequestsGetTheHeadersToo() throws Exception {
        HttpResponse<String> head = client.send(nginx.uri(), "HEAD", "posts/1", null);

        assertEquals(200, head.statusCode());
        assertSecurityHeaders(head);
        assertFalse(head.headers().firstValue("X-Request-Id").orElse("").isEmpty());
    }

    @Test
    void tomcatsOwnErrorPagesNameNoServerVersion() throws IOException {
        // A request Tomcat rejects itself, before the application sees it.
        String answer = raw(TestedStack.APP_ADDRESS, stack.tomcat().uri(), request("GET", "/%zz", "Host: x"));

        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertFalse(answer.contains("Tomcat/"), answer);
        assertFalse(answer.toLowerCase().contains("exception"), answer);
    }

    /** nginx, too, logs once the response is sent. */
    private boolean nginxLogHas(String text) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!nginx.accessLog().contains(text) && Instant.now().isBefore(deadline)) {
            FreePort.pause();
        }
        return nginx.accessLog().contains(text);
    }

    /** Tomcat writes the line once the response is sent, so it may trail the response by a moment. */
    private String tomcatLogLine(String requestId) throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            Optional<String> line = Files.readAllLines(stack.tomcat().accessLog()).stream()
                    .filter(candidate -> candidate.endsWith("rid=" + requestId))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no Tomcat access log line for " + requestId);
            }
            FreePort.pause();
        }
    }

    /** A GET sent from a chosen loopback address, which HttpClient cannot do. Returns the status. */
    private static int rawGet(String from, URI to, String requestId, String forwardedFor) throws IOException {
        return status(raw(from, to, request("GET", "/posts/1", "Host: " + to.getHost() + ":" + to.getPort(),
                "X-Forwarded-For: " + forwardedFor, "X-Request-Id: " + requestId)));
    }
}
