package com.example.posts.config;

import java.util.Locale;
import java.util.Map;

/**
 * Where the database comes from, read from POSTS_DATASOURCE. A farm that configures the container's DataSource
 * says {@code container}, so a version that cannot see it fails to start instead of quietly using the
 * MYSQL_* defaults.
 */
public enum DataSourceChoice {
    /** java:comp/env/jdbc/posts must be bound; the MYSQL_* variables are not read. */
    CONTAINER,
    /** A pool of our own from the MYSQL_* variables; a container's DataSource is ignored. */
    ENVIRONMENT,
    /** The container's DataSource when it is bound, else the MYSQL_* variables (the default). */
    AUTO;

    public static final String VARIABLE = "POSTS_DATASOURCE";

    public static DataSourceChoice fromEnvironment(Map<String, String> env) {
        String configured = env.get(VARIABLE);
        // Blank is unset, as for the other settings (compose passes an unset variable on as empty).
        String value = configured == null || configured.isBlank() ? "auto" : configured.strip();
        for (DataSourceChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw new ConfigurationException(VARIABLE + " must be container, environment or auto, got '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
