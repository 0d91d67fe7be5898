package com.example.posts.metrics;

import com.example.posts.config.AddressAllowList;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps /metrics off the public internet where no nginx guards it: served only to a client whose address
 * is in POSTS_METRICS_ALLOW and that came through no proxy (a proxy's request carries X-Forwarded-* or
 * Forwarded: whatever sits in front of Tomcat forwards the public, and Prometheus scrapes directly).
 * Mapped in web.xml, so it sees the path after Tomcat has stripped ";" parameters and normalised it.
 */
public final class MetricsAccessFilter implements Filter {
    private static final List<String> PROXY_HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "Forwarded", "X-Real-IP");
    private static final String REFUSAL = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"Metrics are served only to addresses in " + AddressAllowList.VARIABLE
            + ", never through a proxy\"}";

    private AddressAllowList allowed;

    @Override
    public void init(FilterConfig config) {
        // A malformed list fails the deployment, naming the setting.
        allowed = AddressAllowList.fromEnvironment(System.getenv());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (allowed.allows(http.getRemoteAddr()) && PROXY_HEADERS.stream().noneMatch(h -> http.getHeader(h) != null)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse refused = (HttpServletResponse) response;
        refused.setStatus(HttpServletResponse.SC_FORBIDDEN);
        refused.setContentType("application/problem+json");
        refused.setHeader("Cache-Control", "no-store");
        refused.getOutputStream().write(REFUSAL.getBytes(StandardCharsets.UTF_8));
    }
}
