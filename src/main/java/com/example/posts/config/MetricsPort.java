package com.example.posts.config;

import java.util.Map;
import java.util.OptionalInt;

/**
 * POSTS_METRICS_PORT: the port of Tomcat's metrics connector (docker/tomcat/server.xml), the only port on
 * which the application serves /metrics. Unset: no such connector, and /metrics is refused on every port.
 */
public final class MetricsPort {
    public static final String VARIABLE = "POSTS_METRICS_PORT";

    private MetricsPort() {
    }

    public static OptionalInt fromEnvironment(Map<String, String> env) {
        String configured = env.getOrDefault(VARIABLE, "").strip();
        if (configured.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(configured);
            if (port >= 1 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new ConfigurationException(VARIABLE + " must be the metrics connector's port (1 to 65535), got '"
                + configured + "'");
    }
}
