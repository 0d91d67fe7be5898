package com.example.posts.db;

import org.apache.tomcat.jdbc.pool.PoolProperties;

/**
 * A pool's settings and its statement watchdog, which {@link StatementDeadlineInterceptor} finds through
 * the pool it is attached to (tomcat-jdbc creates interceptors by class name, one per connection).
 */
final class WatchedPoolProperties extends PoolProperties {
    private final int statementSeconds;
    private final transient StatementWatchdog watchdog;

    WatchedPoolProperties(String name, int statementSeconds) {
        if (statementSeconds < 1) {
            throw new IllegalArgumentException("statementSeconds must be at least 1, got " + statementSeconds);
        }
        setName(name);
        this.statementSeconds = statementSeconds;
        this.watchdog = new StatementWatchdog(name);
        setJdbcInterceptors("ConnectionState;StatementFinalizer;" + StatementDeadlineInterceptor.class.getName());
    }

    int statementSeconds() {
        return statementSeconds;
    }

    StatementWatchdog watchdog() {
        return watchdog;
    }
}
