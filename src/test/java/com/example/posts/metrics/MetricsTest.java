package com.example.posts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics in-process: every family after some traffic, in the Prometheus text format. */
class MetricsTest extends ApiTestCase {

    private String scrape() {
        Response response = target("metrics").request().get();
        assertEquals(200, response.getStatus());
        assertTrue(response.getMediaType().isCompatible(MediaType.TEXT_PLAIN_TYPE), response.getMediaType().toString());
        assertEquals("0.0.4", response.getMediaType().getParameters().get("version"));
        return response.readEntity(String.class);
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusWithLatencyBuckets() {
        assertEquals(200, target("posts/1").request().get().getStatus());
        assertEquals(404, target("posts/999").request().get().getStatus());

        String metrics = scrape();

        assertTrue(metrics.contains("# TYPE http_server_requests_seconds histogram"), metrics);
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                + "[^}]*uri=\"/posts/\\{id}\"[^}]*} 1").matcher(metrics).find(), metrics);
        assertTrue(Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*status=\"404\""
                + "[^}]*uri=\"/posts/\\{id}\",le=\"0\\.1\"} 1").matcher(metrics).find(), metrics);
    }

    @Test
    void hibernateJvmAndBuildFamiliesAreThere() {
        target("posts").request().get().close();

        String metrics = scrape();

        for (String family : List.of("hibernate_sessions_open_total", "hibernate_query_executions_total",
                "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "posts_db_pool_active", "posts_db_pool_idle", "posts_db_pool_max", "posts_db_pool_waiting")) {
            assertTrue(metrics.contains(family), family + " missing:\n" + metrics);
        }
        assertTrue(metrics.contains("version=\"" + VERSION + "\""), metrics);
    }

    @Test
    void poolGaugesFollowConnectionsInUse() throws Exception {
        double before = gauge(scrape(), "posts_db_pool_active");
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(TestDatabase.shared().database().dataSource().getConnection());
            }
            assertEquals(before + 3, gauge(scrape(), "posts_db_pool_active"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertEquals(before, gauge(scrape(), "posts_db_pool_active"));
        assertEquals(20, gauge(scrape(), "posts_db_pool_max"));
    }

    private static double gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(metrics);
        assertTrue(value.find(), name + " missing:\n" + metrics);
        return Double.parseDouble(value.group(1));
    }
}
