package com.example.posts.db;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How the application reaches its database: requests through a bounded pool, schema migrations through
 * connections without request bounds (a long migration, or another node's migration lock, must not fail the
 * start), and /health through a pool of its own, so it never queues behind stuck requests.
 * Replicas, by name in the order configured, serve reads (none: every read on the primary).
 * {@code close} releases what was opened for them.
 */
public record DatabaseConnections(DataSource requests, DataSource migrations, DataSource health,
                                  Map<String, DataSource> replicas, Runnable close) {
    public DatabaseConnections {
        replicas = Collections.unmodifiableMap(new LinkedHashMap<>(replicas));
    }
}
