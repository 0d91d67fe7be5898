package com.example.posts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.ProxiedDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.core.Application;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request timing records the series that jersey-micrometer's listener recorded before it: the same
 * requests, timed in one application by both (the listener into a registry of its own), give the same
 * http_server_requests_seconds series, tag for tag, with the same counts.
 */
class RequestTimingCompatibilityTest extends ApiTestCase {
    private static final String COUNT = ScrapedRequestSeries.FAMILY + "_count";
    private static final String POST = "{\"content\":\"x\",\"author_email\":\"ann@example.com\"}";
    /** Whitespace, so that the JSON parser reads on until the body limit stops it. */
    private static final byte[] TOO_LARGE = " ".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    /** Cut at the end, for the failures that only the catch-all exception mapper answers. */
    @RegisterExtension
    static final ProxiedDatabase PROXIED = new ProxiedDatabase();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Set by application(), which JerseyTest calls from its constructor (so no initializer here). */
    private PrometheusMeterRegistry listenerRegistry;

    @Override
    protected Application application() {
        listenerRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        listenerRegistry.config().meterFilter(Metrics.latencyHistogram());
        PostsApplication application = new PostsApplication(
                ApplicationSettings.servingFrom(PROXIED.database(), ApiToken.of(TOKEN)));
        application.register(new MetricsApplicationEventListener(listenerRegistry, new DefaultJerseyTagsProvider(),
                Metrics.HTTP_REQUESTS, true));
        return application;
    }

    @Test
    void everyRequestIsCountedUnderTheSeriesThatJerseysListenerGaveIt() throws Exception {
        for (Exchange exchange : exchanges()) {
            assertEquals(exchange.status(), send(exchange.request()), exchange.request().toString());
        }
        PROXIED.proxy().cut();
        try {
            assertEquals(503, send(read("posts/1")));
            assertEquals(503, send(write("posts", POST).build()));
        } finally {
            PROXIED.proxy().restore();
        }

        SortedMap<String, String> timed = ScrapedRequestSeries.of(scrape());
        SortedMap<String, String> listened = listenedOnceSettled(timed);

        assertEquals(Map.of(), ScrapedRequestSeries.differences(listened, timed),
                "series that differ, as \"listener | timing\"");
        Map.of("exception=None,method=GET,outcome=SUCCESS,status=200,uri=/posts/{id}", "2",
                "exception=None,method=HEAD,outcome=SUCCESS,status=200,uri=/posts/{id}", "1",
                "exception=None,method=GET,outcome=CLIENT_ERROR,status=404,uri=NOT_FOUND", "2",
                "exception=None,method=GET,outcome=SUCCESS,status=200,uri=root", "1",
                "exception=None,method=GET,outcome=REDIRECTION,status=308,uri=/docs", "1",
                "exception=JsonParseException,method=POST,outcome=CLIENT_ERROR,status=400,uri=/posts", "1",
                "exception=ProblemException,method=POST,outcome=CLIENT_ERROR,status=413,uri=/posts", "1",
                "exception=NotAllowedException,method=DELETE,outcome=CLIENT_ERROR,status=405,uri=UNKNOWN", "1",
                "exception=JDBCConnectionException,method=GET,outcome=SERVER_ERROR,status=503,uri=/posts/{id}", "1")
                .forEach((tags, count) -> assertEquals(count, timed.get(COUNT + "{" + tags + "}"), tags));
        assertFalse(timed.keySet().stream().anyMatch(series -> series.contains("status=401")),
                "refused before routing, so never timed, as before: " + timed);
    }

    /** Each route and each kind of answer: matched, refused before matching, unmatched, mapped exceptions. */
    private List<Exchange> exchanges() {
        return List.of(
                new Exchange(read("posts/1"), 200),
                new Exchange(read("posts/1/"), 200),
                new Exchange(read("posts/999"), 404),
                new Exchange(read("posts"), 200),
                new Exchange(read("posts?limit=abc"), 400),
                new Exchange(request("posts/1").method("HEAD", BodyPublishers.noBody()).build(), 200),
                new Exchange(request("posts").method("OPTIONS", BodyPublishers.noBody()).build(), 200),
                new Exchange(request("posts/1").header("Accept", "text/html").build(), 406),
                new Exchange(write("posts", POST).build(), 201),
                new Exchange(request("posts").header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(POST)).build(), 401),
                new Exchange(request("posts").header("Authorization", "Bearer not-a-token")
                        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(POST)).build(), 401),
                new Exchange(read("me"), 401),
                new Exchange(write("posts", "").POST(BodyPublishers.ofByteArray(TOO_LARGE)).build(), 413),
                new Exchange(write("posts", "").POST(BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(TOO_LARGE))).build(), 413),
                new Exchange(write("posts", "{\"content\":").build(), 400),
                new Exchange(write("posts", "{nope").build(), 400),
                new Exchange(write("posts", "{\"content\":[1]}").build(), 400),
                new Exchange(write("posts", POST).setHeader("Content-Type", "text/plain").build(), 415),
                new Exchange(write("posts/2", POST).header("If-Match", "\"stale\"")
                        .PUT(BodyPublishers.ofString(POST)).build(), 412),
                new Exchange(write("health", "").DELETE().build(), 405),
                new Exchange(read("nowhere"), 404),
                new Exchange(read("nowhere/deeper/"), 404),
                new Exchange(read(""), 200),
                new Exchange(read("health"), 200),
                new Exchange(read("health/ready"), 200),
                new Exchange(read("post/1"), 200),
                new Exchange(read("docs/"), 308),
                new Exchange(read("docs/nothing.js"), 404),
                new Exchange(read("openapi.json"), 200),
                new Exchange(read("authors/abc/tokens"), 401));
    }

    private record Exchange(HttpRequest request, int status) {
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(target().getUri() + path));
    }

    private HttpRequest read(String path) {
        return request(path).build();
    }

    /** A JSON write with the service token. */
    private HttpRequest.Builder write(String path, String body) {
        return request(path).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
    }

    private int send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.discarding()).statusCode();
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(read("metrics"), BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        return metrics.body();
    }

    /**
     * The listener's series, once it has counted every request: it records after the response has gone, so
     * the client may be ahead of it for a moment.
     */
    private SortedMap<String, String> listenedOnceSettled(Map<String, String> timed) throws InterruptedException {
        SortedMap<String, String> listened = ScrapedRequestSeries.of(listenerRegistry.scrape());
        for (int i = 0; i < 50 && !listened.equals(timed); i++) {
            Thread.sleep(100);
            listened = ScrapedRequestSeries.of(listenerRegistry.scrape());
        }
        return listened;
    }
}
