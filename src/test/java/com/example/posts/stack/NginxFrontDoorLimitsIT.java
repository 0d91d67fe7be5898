package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.assertProblem;
import static com.example.posts.stack.FrontDoorClient.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.RecordingUpstream.Answer;
import com.example.posts.support.ResetDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The front door's limits, what it forwards and what it logs, each shown on an nginx of its own with the
 * setting under test, in front of a recording stand-in for the app; the header sizes also through Tomcat.
 */
// The header test reads post 1, which the tests before it may have left or removed.
@ResetDatabase(ResetDatabase.Before.ALL_TESTS)
class NginxFrontDoorLimitsIT {
    /** Two authors' tokens, as the app issues them: pst_, the public id, _, the secret and its check. */
    private static final String ANN = "pst_AnnToken0001_" + "a".repeat(49);
    private static final String BOB = "pst_BobToken0002_" + "b".repeat(49);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FrontDoorClient client = new FrontDoorClient();

    @Test
    void clientClaimsAboutItsAddressAreNotForwarded() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-forwarding", Map.of())) {
            client.send(nginx.uri(), "GET", "posts/1", null, "X-Real-IP", "203.0.113.9",
                    "Forwarded", "for=203.0.113.9;proto=https", "X-Forwarded-For", "203.0.113.9",
                    "X-Forwarded-Proto", "https");

            Headers forwarded = upstream.received().get(0).headers();
            assertFalse(forwarded.containsKey("X-Real-IP"), forwarded.toString());
            assertFalse(forwarded.containsKey("Forwarded"), forwarded.toString());
            assertEquals("127.0.0.1", forwarded.getFirst("X-Forwarded-For"));
            assertEquals("http", forwarded.getFirst("X-Forwarded-Proto"));
        }
    }

    @Test
    void requestsBeyondTheConnectionLimitOfOneAddressAreTooManyRequests() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.holding(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-connections",
                     Map.of("POSTS_CONNECTIONS_PER_ADDRESS", "2"))) {
            CompletableFuture<?> first = inBackground(nginx.uri());
            CompletableFuture<?> second = inBackground(nginx.uri());
            awaitReceived(upstream, 2);

            HttpResponse<String> third = client.send(nginx.uri(), "GET", "posts/1", null);

            assertProblem(third, 429);
            assertEquals("1", third.headers().firstValue("Retry-After").orElse(null));
            assertSecurityHeaders(third);
            upstream.release();
            first.join();
            second.join();
            assertEquals(200, client.send(nginx.uri(), "GET", "posts/1", null).statusCode());
        }
    }

    @Test
    void aTokenOverItsWriteLimitIsTooManyRequestsWhileAnotherFromTheSameAddressWritesOn() throws Exception {
        // Each token: one write at the rate and two of burst; the address may send more than both together.
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-token-limit", Map.of(
                     "POSTS_WRITE_RATE", "1r/m", "POSTS_WRITE_BURST", "20",
                     "POSTS_WRITE_RATE_PER_TOKEN", "1r/m", "POSTS_WRITE_BURST_PER_TOKEN", "2"))) {
            CompletableFuture<List<HttpResponse<String>>> ann = writesInBackground(nginx.uri(), "Bearer " + ANN, 5);
            CompletableFuture<List<HttpResponse<String>>> bob = writesInBackground(nginx.uri(), "Bearer " + BOB, 3);

            List<HttpResponse<String>> annAnswers = ann.get(30, TimeUnit.SECONDS);
            List<HttpResponse<String>> bobAnswers = bob.get(30, TimeUnit.SECONDS);
            assertEquals(List.of(200, 200, 200, 429, 429), statuses(annAnswers));
            for (HttpResponse<String> refused : annAnswers.subList(3, 5)) {
                assertProblem(refused, 429);
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                assertSecurityHeaders(refused);
            }
            assertEquals(List.of(200, 200, 200), statuses(bobAnswers));
            assertTrue(bobAnswers.stream().noneMatch(answer -> answer.headers().firstValue("Retry-After").isPresent()));
            assertEquals(6, upstream.receivedWith("POST"));
        }
    }

    @Test
    void aTokensPublicIdAloneSpendsNothingOfItsOwnersWriteLimitAndRespellingTheHeaderBuysNoMore() throws Exception {
        // Anyone who read Ann's public id in a log can send it, with a secret of their own.
        String forged = ANN.substring(0, 17) + "f".repeat(49);
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-token-key", Map.of(
                     "POSTS_WRITE_RATE_PER_TOKEN", "1r/m", "POSTS_WRITE_BURST_PER_TOKEN", "1"))) {
            assertEquals(List.of(200, 200, 429), statuses(writes(nginx.uri(), "Bearer " + forged, 3)));

            assertEquals(List.of(200, 200), statuses(writes(nginx.uri(), "Bearer " + ANN, 2)));
            // The app reads "Bearer" in any case and the token between spaces: the same credential, spent.
            assertEquals(List.of(429), statuses(writes(nginx.uri(), "bEARER   " + ANN + "  ", 1)));
        }
    }

    @Test
    void writesWithoutAnAuthorizationHeaderMeetThePerAddressLimitOnly() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-anonymous-writes", Map.of(
                     "POSTS_WRITE_RATE", "1r/m", "POSTS_WRITE_BURST", "3",
                     "POSTS_WRITE_RATE_PER_TOKEN", "1r/m", "POSTS_WRITE_BURST_PER_TOKEN", "1"))) {
            assertEquals(List.of(200, 200, 200, 200, 429), statuses(writes(nginx.uri(), null, 5)));
        }
    }

    @Test
    void theAccessLogNamesWhoWroteButNeverTheirTokenAndClientsDoNotSeeWho() throws Exception {
        Answer who = new Answer(201, "application/json", "{}",
                Map.of("X-Author-Id", "7", "X-Token-Id", "AnnToken0001"));
        for (String format : List.of("text", "json")) {
            // Two writes per token: the third is refused, and nginx's error log says so.
            try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS, who);
                 NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-log-" + format, Map.of(
                         "POSTS_ACCESS_LOG_FORMAT", format,
                         "POSTS_WRITE_RATE_PER_TOKEN", "1r/m", "POSTS_WRITE_BURST_PER_TOKEN", "1"))) {
                HttpResponse<String> write = client.send(nginx.uri(), "POST", "posts", "{}",
                        "Authorization", "Bearer " + ANN, "X-Request-Id", "who-wrote-" + format);
                writes(nginx.uri(), "Bearer " + ANN, 1);
                HttpResponse<String> refused = client.send(nginx.uri(), "POST", "posts", "{}",
                        "Authorization", "Bearer " + ANN, "X-Request-Id", "refused-" + format);
                HttpResponse<String> page = client.send(nginx.uri(), "GET", "app/app.js", null,
                        "Authorization", "Bearer " + ANN);

                assertEquals(201, write.statusCode());
                assertEquals(429, refused.statusCode());
                for (HttpResponse<String> answer : List.of(write, page)) {
                    assertFalse(answer.headers().firstValue("X-Author-Id").isPresent(), answer.headers().toString());
                    assertFalse(answer.headers().firstValue("X-Token-Id").isPresent(), answer.headers().toString());
                }
                String line = awaitLogLine(nginx, "who-wrote-" + format);
                if (format.equals("json")) {
                    JsonNode fields = JSON.readTree(line);
                    assertEquals("7", fields.get("author_id").asText(), line);
                    assertEquals("AnnToken0001", fields.get("token_id").asText(), line);
                } else {
                    assertTrue(line.contains(" author=7 token=AnnToken0001 "), line);
                }
                awaitLogLine(nginx, "refused-" + format);
                String logs = nginx.accessLog() + nginx.errorLog();
                assertTrue(nginx.errorLog().contains("limiting requests"), nginx.errorLog());
                assertFalse(logs.contains(ANN.substring(17)), "a token's secret in the logs:\n" + logs);
            }
        }
    }

    @Test
    void aClientThatDoesNotFinishItsHeadersIsDisconnectedAfterTheHeaderTimeout() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-header-timeout",
                     Map.of("POSTS_HEADER_TIMEOUT", "1s"));
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(nginx.uri().getHost()), nginx.uri().getPort()));
            socket.setSoTimeout(10_000);
            Instant start = Instant.now();
            socket.getOutputStream().write("GET /posts/1 HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));

            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // nginx may say 408 before it closes; what counts is that it closes.
            }

            Duration held = Duration.between(start, Instant.now());
            assertTrue(held.compareTo(Duration.ofMillis(900)) > 0 && held.compareTo(Duration.ofSeconds(5)) < 0,
                    "closed after " + held);
            assertTrue(upstream.received().isEmpty());
        }
    }

    @Test
    void aHeaderLineOverTheLimitIsAProblemFromNginx() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-header-line", Map.of())) {
            HttpResponse<String> response = client.send(nginx.uri(), "GET", "posts/1", null,
                    "X-Large", "a".repeat(9 * 1024));

            assertProblem(response, 431);
            assertSecurityHeaders(response);
        }
    }

    @Test
    void aRequestLineOverTheLimitIsAProblemFromNginx() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-request-line", Map.of())) {
            HttpResponse<String> response = client.send(nginx.uri(), "GET", "posts?q=" + "a".repeat(9 * 1024), null);

            assertProblem(response, 414);
            assertSecurityHeaders(response);
        }
    }

    @Test
    void headersThatNginxAcceptsAlsoFitTomcat() throws Exception {
        URI front = TestedStack.current().orElseThrow().baseUri();
        // Three lines just under nginx's 8 KiB per line: 22 KiB in all, far over Tomcat's default 8 KiB.
        String line = "b".repeat(7 * 1024 + 512);

        HttpResponse<String> response = client.send(front, "GET", "posts/1", null,
                "X-One", line, "X-Two", line, "X-Three", line);

        assertEquals(200, response.statusCode(), response.body());
    }

    private CompletableFuture<?> inBackground(URI base) {
        return CompletableFuture.runAsync(() -> {
            try {
                client.send(base, "GET", "posts/1", null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private CompletableFuture<List<HttpResponse<String>>> writesInBackground(URI base, String authorization,
            int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return writes(base, authorization, count);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Writes sent one after another, with this Authorization header (none when null). */
    private List<HttpResponse<String>> writes(URI base, String authorization, int count)
            throws IOException, InterruptedException {
        String[] headers = authorization == null ? new String[0] : new String[] {"Authorization", authorization};
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.send(base, "POST", "posts", "{}", headers));
        }
        return answers;
    }

    private static List<Integer> statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(HttpResponse::statusCode).toList();
    }

    /** nginx writes its access log at most a second after a response. */
    private static String awaitLogLine(NginxServer nginx, String requestId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = nginx.accessLog().lines().filter(candidate -> candidate.contains(requestId))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            FreePort.pause();
        }
        throw new AssertionError("no access log line for " + requestId + ":\n" + nginx.accessLog());
    }

    private static void awaitReceived(RecordingUpstream upstream, int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (upstream.received().size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the upstream received " + upstream.received().size() + " of " + count);
            }
            FreePort.pause();
        }
    }
}
