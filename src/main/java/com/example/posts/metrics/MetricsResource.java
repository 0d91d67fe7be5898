package com.example.posts.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code /metrics} in the Prometheus text format. Who may read it, and on which port, is decided before the
 * request reaches the application ({@link MetricsAccessFilter} in web.xml), and nginx never forwards it.
 */
@Path("metrics")
public final class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    public MetricsResource(Metrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public Response scrape() {
        return Response.ok(metrics.scrape(), CONTENT_TYPE).build();
    }
}
