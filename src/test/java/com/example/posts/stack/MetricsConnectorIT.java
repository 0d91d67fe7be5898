package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.raw;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.TestToken;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Tomcat serves /metrics on its metrics connector only, to POSTS_METRICS_ALLOW (here 127.0.0.1 alone), and
 * never to the proxy's address, whatever X-Forwarded-* it sends: Tomcat believes those headers from the proxy
 * (TRUSTED_PROXIES), so without the metrics connector's checks the proxy's host could claim to be an allowed
 * address. nginx's own refusal of /metrics is OperateFrontDoorIT's.
 */
class MetricsConnectorIT {
    private final TomcatServer tomcat = TestedStack.current().orElseThrow().tomcat();

    @Test
    void prometheusFromAnAllowedAddressScrapesTheMetricsConnector() throws Exception {
        String scrape = raw(TomcatServer.METRICS_ALLOWED, tomcat.metricsUri(), get("/metrics", ""));

        assertTrue(scrape.startsWith("HTTP/1.1 200"), scrape);
        assertTrue(scrape.contains("Content-Type: text/plain;version=0.0.4"), scrape);
        assertTrue(scrape.contains("http_server_requests_seconds_bucket{"), scrape);
        assertTrue(scrape.contains("posts_db_pool_active{pool=\"tomcat-jdbc\"}"), scrape);
        assertTrue(scrape.contains("jvm_memory_used_bytes"), scrape);
        assertTrue(scrape.contains("posts_build_info{"), scrape);
    }

    @Test
    void theServicePortNeverServesMetricsEvenToAnAllowedAddress() throws Exception {
        for (String path : new String[] {"/metrics", "/metrics;x", "/metrics/"}) {
            String answer = raw(TomcatServer.METRICS_ALLOWED, tomcat.uri(), get(path, ""));

            assertRefused(path, answer);
        }
    }

    @Test
    void theProxysAddressClaimingAnAllowedClientIsRefusedOnEitherPort() throws Exception {
        String claim = "X-Forwarded-For: " + TomcatServer.METRICS_ALLOWED + "\r\n";
        String claimAndPort = claim + "X-Forwarded-Port: " + tomcat.metricsUri().getPort() + "\r\n";

        for (URI port : new URI[] {tomcat.uri(), tomcat.metricsUri()}) {
            for (String headers : new String[] {claim, claimAndPort}) {
                String answer = raw(TestedStack.PROXY_ADDRESS, port, get("/metrics", headers));

                assertTrue(answer.startsWith("HTTP/1.1 403"), port + " " + headers + answer);
                assertFalse(answer.contains("jvm_"), answer);
            }
        }
    }

    @Test
    void anAddressOutsideTheAllowListIsRefusedOnTheMetricsConnector() throws Exception {
        for (String path : new String[] {"/metrics", "/metrics;x"}) {
            assertRefused(path, raw("127.0.0.9", tomcat.metricsUri(), get(path, "")));
        }
    }

    @Test
    void anAllowedAddressSendingForwardingHeadersIsRefused() throws Exception {
        // Such a request came through some proxy, which forwards whoever asked it.
        String answer = raw(TomcatServer.METRICS_ALLOWED, tomcat.metricsUri(),
                get("/metrics", "X-Forwarded-For: 203.0.113.7\r\n"));

        assertRefused("/metrics", answer);
    }

    @Test
    void theMetricsPortServesNothingButMetrics() throws Exception {
        String write = "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestToken.VALUE
                + "\r\nContent-Type: application/json\r\nContent-Length: 39\r\nConnection: close\r\n\r\n"
                + "{\"content\":\"x\",\"author_email\":\"a@b.co\"}";
        for (String request : new String[] {get("/posts/1", ""), get("/", ""), get("/app/", ""), write}) {
            String answer = raw(TomcatServer.METRICS_ALLOWED, tomcat.metricsUri(), request);

            assertTrue(answer.startsWith("HTTP/1.1 404"), request + "\n" + answer);
            assertTrue(answer.contains("application/problem+json"), answer);
        }
    }

    private static void assertRefused(String path, String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 403"), path + ":\n" + answer);
        assertTrue(answer.contains("application/problem+json"), path + ":\n" + answer);
        assertFalse(answer.contains("jvm_"), path + ":\n" + answer);
    }

    private static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Connection: close\r\n\r\n";
    }
}
