package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.assertProblem;
import static com.example.posts.stack.FrontDoorClient.assertSecurityHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.stack.RecordingUpstream.Answer;
import com.example.posts.stack.RecordingUpstream.Received;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which requests nginx forwards, method and path, shown on a recording stand-in for the app: every route of
 * openapi.yaml but /metrics, and the authors' routes; and what it answers itself around them.
 */
class NginxForwardedRoutesIT {
    private static final String TOKEN = "Bearer pst_AnnToken0001_" + "a".repeat(49);
    /** The authors' routes, as the API defines them. */
    private static final List<String> AUTHOR_ROUTES = List.of(
            "GET /me",
            "HEAD /me",
            "GET /authors",
            "GET /authors?email=ann%40example.com&limit=2",
            "POST /authors",
            "GET /authors/1",
            "POST /authors/1/disable",
            "GET /authors/1/tokens",
            "POST /authors/12/tokens",
            "DELETE /authors/1/tokens/AbC123def456");
    /** Paths beside them that are none of theirs. */
    private static final List<String> NOT_THE_AUTHORS_PATHS = List.of(
            "/me/", "/me/1", "/mine", "/authors/", "/authorsx", "/authors/x", "/authors/1x", "/authors/1/",
            "/authors/1/disable/", "/authors/1/enable", "/authors/1/tokens/", "/authors/1/tokens/AbC123def45",
            "/authors/1/tokens/AbC123def4567", "/authors/1/tokens/AbC123-ef456", "/authors/1/tokens/AbC123def456/x",
            "/authors/1/tokens/AbC123def456/disable", "/AUTHORS/1");
    /** A value of each path parameter that openapi.yaml names, in the form the API takes. */
    private static final Map<String, String> EXAMPLES = Map.of("id", "1", "tokenId", "AbC123def456",
            "file", "swagger-ui.css");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final FrontDoorClient client = new FrontDoorClient();

    @Test
    void theAuthorsRoutesReachTheAppWithTheirMethods() throws Exception {
        assertEachReachesTheApp(AUTHOR_ROUTES);
    }

    @Test
    void everyDocumentedRouteButMetricsReachesTheAppWithItsMethod() throws Exception {
        assertEachReachesTheApp(documentedRoutes());
    }

    @Test
    void otherMethodsOnMeAreNginxsMethodNotAllowed() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-me-methods", Map.of())) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                HttpResponse<String> answer = client.send(nginx.uri(), method, "me", "{}", "Authorization", TOKEN);

                assertProblem(answer, 405);
                assertEquals(List.of("GET, HEAD"), answer.headers().allValues("Allow"), method);
                assertSecurityHeaders(answer);
            }
            assertTrue(upstream.received().isEmpty(), upstream.received().toString());
        }
    }

    @Test
    void traceIsNginxsMethodNotAllowedWithoutAnAllowAnywhere() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-trace", Map.of())) {
            for (String path : List.of("/me", "/posts/1")) {
                String answer = FrontDoorClient.raw(TestedStack.APP_ADDRESS, nginx.uri(),
                        FrontDoorClient.request("TRACE", path, "Host: localhost"));

                assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
                assertTrue(answer.contains("\r\nX-Content-Type-Options: nosniff\r\n"), answer);
                assertFalse(answer.toLowerCase(Locale.ROOT).contains("\r\nallow:"), answer);
            }
            assertTrue(upstream.received().isEmpty(), upstream.received().toString());
        }
    }

    @Test
    void pathsBesideTheAuthorsRoutesAreNginxsNotFoundForReadsAndWrites() throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-author-neighbours", Map.of())) {
            for (String path : NOT_THE_AUTHORS_PATHS) {
                for (String method : List.of("GET", "POST", "DELETE")) {
                    HttpResponse<String> answer = client.send(nginx.uri(), method, path.substring(1), null,
                            "Authorization", TOKEN);

                    assertEquals("There is nothing at this path", assertProblem(answer, 404).get("detail").asText(),
                            method + " " + path);
                }
            }
            assertTrue(upstream.received().isEmpty(), upstream.received().toString());
        }
    }

    @Test
    void theAuthorsAnswersAreNeitherCompressedNorStoredWhateverTheAppSays() throws Exception {
        // Large enough to compress, with a token's secret, and a Cache-Control that would let caches keep it.
        String body = "{\"token\":\"pst_AnnToken0001_" + "s".repeat(49) + "\",\"label\":\"" + "x".repeat(4096) + "\"}";
        Answer cacheable = new Answer(200, "application/json", body, Map.of("Cache-Control", "public, max-age=600"));
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS, cacheable);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-author-privacy", Map.of())) {
            for (String route : List.of("GET me", "GET authors", "GET authors/1", "GET authors/1/tokens",
                    "POST authors/1/tokens", "POST authors")) {
                String[] request = route.split(" ");
                HttpResponse<String> answer = client.send(nginx.uri(), request[0], request[1],
                        request[0].equals("POST") ? "{}" : null, "Authorization", TOKEN, "Accept-Encoding", "gzip");

                assertEquals(body, answer.body(), route);
                assertFalse(answer.headers().firstValue("Content-Encoding").isPresent(), route);
                assertEquals(List.of("no-store"), answer.headers().allValues("Cache-Control"), route);
            }
            // The list, by contrast, is compressed: so the answers above would have been, had nginx been told to.
            HttpResponse<String> list = client.send(nginx.uri(), "GET", "posts", null, "Accept-Encoding", "gzip");
            assertEquals("gzip", list.headers().firstValue("Content-Encoding").orElse(null));
        }
    }

    /** Each "METHOD /path" is sent through nginx once, and arrives at the stand-in as it was sent. */
    private void assertEachReachesTheApp(List<String> routes) throws Exception {
        try (RecordingUpstream upstream = RecordingUpstream.answering(TestedStack.APP_ADDRESS);
             NginxServer nginx = NginxServer.inFrontOf(upstream, "nginx-routes", Map.of())) {
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(route.indexOf(' ') + 1);
                int before = upstream.received().size();

                HttpResponse<String> answer = client.send(nginx.uri(), method, path.substring(1),
                        method.equals("GET") || method.equals("HEAD") ? null : "{}", "Authorization", TOKEN);

                assertEquals(200, answer.statusCode(), route + ": " + answer.body());
                assertEquals(before + 1, upstream.received().size(), route);
                Received received = upstream.received().get(before);
                assertEquals(route, received.method() + " " + received.path());
            }
        }
    }

    /** "METHOD /path" for each operation of openapi.yaml but /metrics, each parameter filled in. */
    private static List<String> documentedRoutes() throws Exception {
        JsonNode paths;
        try (InputStream in = NginxForwardedRoutesIT.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is not on the class path");
            paths = new YAMLMapper().readTree(in).get("paths");
        }
        List<String> routes = new ArrayList<>();
        paths.fieldNames().forEachRemaining(template -> {
            if (!template.equals("/metrics")) {
                String path = filledIn(template);
                paths.get(template).fieldNames().forEachRemaining(method -> {
                    if (!method.equals("parameters")) {
                        routes.add(method.toUpperCase() + " " + path);
                    }
                });
            }
        });
        assertFalse(routes.isEmpty(), "no routes in openapi.yaml");
        return routes;
    }

    private static String filledIn(String template) {
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String example = EXAMPLES.get(parameter.group(1));
            assertNotNull(example, "give {" + parameter.group(1) + "} of " + template + " an example in EXAMPLES");
            parameter.appendReplacement(path, example);
        }
        return parameter.appendTail(path).toString();
    }
}
