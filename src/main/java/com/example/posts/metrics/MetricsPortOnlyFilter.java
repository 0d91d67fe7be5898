package com.example.posts.metrics;

import com.example.posts.config.MetricsPort;
import com.example.posts.web.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * On Tomcat's metrics connector, /metrics and nothing else: every connector serves every application, and
 * the metrics port is opened to Prometheus' network, where the API must not answer without the front
 * door's limits. A request that a trusted proxy forwarded came in on the service's port, whatever local port
 * its X-Forwarded-Port made of it, and passes.
 */
public final class MetricsPortOnlyFilter implements Filter {
    private static final byte[] NOT_HERE = Problem.of(HttpServletResponse.SC_NOT_FOUND,
            "The metrics port serves /metrics only; the API is on the service's port").toJson();

    private OptionalInt port;

    @Override
    public void init(FilterConfig config) {
        port = MetricsPort.fromEnvironment(System.getenv());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!onMetricsPort(http) || isMetrics(http)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse refused = (HttpServletResponse) response;
        refused.setStatus(HttpServletResponse.SC_NOT_FOUND);
        refused.setContentType(Problem.MEDIA_TYPE);
        refused.setHeader("Cache-Control", "no-store");
        refused.getOutputStream().write(NOT_HERE);
    }

    private boolean onMetricsPort(HttpServletRequest request) {
        return port.isPresent() && request.getLocalPort() == port.getAsInt()
                && request.getAttribute(MetricsAccessFilter.FORWARDED_ATTRIBUTE) == null;
    }

    /** The path as the container decoded and normalised it. */
    private static boolean isMetrics(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/metrics") || path.startsWith("/metrics/");
    }
}
