package com.example.posts.metrics;

import com.example.posts.config.AddressAllowList;
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
import java.util.List;
import java.util.OptionalInt;

/**
 * Keeps /metrics for Prometheus: served only on Tomcat's metrics connector (POSTS_METRICS_PORT), to a client
 * whose address is in POSTS_METRICS_ALLOW, and never for a request that came through a proxy. Tomcat's
 * RemoteIpValve marks each request it took from a trusted proxy, after it may have rewritten the client's
 * address and the local port from the proxy's headers; such a request, or one that still carries a
 * forwarding header, is refused. server.xml keeps the proxies off the metrics connector too, judging the TCP
 * peer (see docs/farm-security.md); this is the second line, and the only one on a Tomcat set up otherwise.
 * Mapped in web.xml, so it sees the path after Tomcat has stripped ";" parameters and normalised it.
 */
public final class MetricsAccessFilter implements Filter {
    /** Set by Tomcat's RemoteIpValve on every request from an internal proxy (Globals.REQUEST_FORWARDED_ATTRIBUTE). */
    static final String FORWARDED_ATTRIBUTE = "org.apache.tomcat.request.forwarded";
    private static final List<String> PROXY_HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded", "X-Real-IP");
    /** Built once, by the same Problem and JSON mapper as every other error of the application. */
    private static final byte[] REFUSAL = Problem.of(HttpServletResponse.SC_FORBIDDEN, "Metrics are served only on"
            + " the port in " + MetricsPort.VARIABLE + ", to addresses in " + AddressAllowList.VARIABLE
            + ", never through a proxy").toJson();

    private OptionalInt port;
    private AddressAllowList allowed;

    @Override
    public void init(FilterConfig config) {
        // A malformed setting fails the deployment, naming it.
        port = MetricsPort.fromEnvironment(System.getenv());
        allowed = AddressAllowList.fromEnvironment(System.getenv());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (onMetricsPort(http) && !forwarded(http) && allowed.allows(http.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse refused = (HttpServletResponse) response;
        refused.setStatus(HttpServletResponse.SC_FORBIDDEN);
        refused.setContentType("application/problem+json");
        refused.setHeader("Cache-Control", "no-store");
        refused.getOutputStream().write(REFUSAL);
    }

    private boolean onMetricsPort(HttpServletRequest request) {
        // The local port is the socket's: a request whose port a proxy's header could have changed is refused below.
        return port.isPresent() && request.getLocalPort() == port.getAsInt();
    }

    private static boolean forwarded(HttpServletRequest request) {
        return request.getAttribute(FORWARDED_ATTRIBUTE) != null
                || PROXY_HEADERS.stream().anyMatch(header -> request.getHeader(header) != null);
    }
}
