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
        // ConnectionState remembers autocommit/read-only/isolation, so setting them again costs no round trip;
        // StatementDeadlineInterceptor bounds every statement (a write's transaction may shorten it further)
        // with one watchdog thread for the pool, in place of Connector/J's timer per statement. No
        // StatementFinalizer: Hibernate closes every statement (the tests' pool checks), so its weak reference
        // per statement would be pure cost.
        setJdbcInterceptors("ConnectionState;" + StatementDeadlineInterceptor.class.getName());
    }

    /** Fails loudly on a list that would drop the statement bound. */
    @Override
    public void setJdbcInterceptors(String interceptors) {
        if (interceptors == null || !interceptors.contains(StatementDeadlineInterceptor.class.getName())) {
            throw new IllegalArgumentException("The interceptors of pool " + getName() + " must include "
                    + StatementDeadlineInterceptor.class.getName() + ", its statement bound; got " + interceptors);
        }
        super.setJdbcInterceptors(interceptors);
    }

    int statementSeconds() {
        return statementSeconds;
    }

    StatementWatchdog watchdog() {
        return watchdog;
    }
}
