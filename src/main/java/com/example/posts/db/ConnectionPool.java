package com.example.posts.db;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.DatabaseTimeouts;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/** The tomcat-jdbc pool used when the container does not provide a DataSource. */
public final class ConnectionPool {
    private ConnectionPool() {
    }

    public static DataSource create(DatabaseSettings settings) {
        PoolProperties pool = new PoolProperties();
        pool.setName("posts");
        pool.setUrl(settings.jdbcUrl());
        pool.setDriverClassName("com.mysql.cj.jdbc.Driver");
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());

        pool.setInitialSize(0);
        pool.setMinIdle(2);
        pool.setMaxIdle(20);
        pool.setMaxActive(20);
        // Shed load instead of queueing without end: a request that cannot get a connection in time gets a 503.
        pool.setMaxWait(DatabaseTimeouts.BORROW_MILLIS);

        // A connection is checked on borrow (at most every 2 s), so the pool heals by itself after an outage.
        // No validation query: the pool then calls Connection.isValid, a protocol ping that Connector/J
        // bounds by the validation timeout (its "/* ping */" query would wait the whole socket timeout).
        pool.setTestOnBorrow(true);
        pool.setValidationQueryTimeout(DatabaseTimeouts.VALIDATION_SECONDS);
        pool.setValidationInterval(2000);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRunsMillis(30_000);
        pool.setMinEvictableIdleTimeMillis(60_000);

        // ConnectionState remembers autocommit/read-only/isolation so setting them again costs no round trip;
        // QueryTimeout bounds every statement (a write's transaction may shorten it further).
        pool.setJdbcInterceptors("ConnectionState;StatementFinalizer;QueryTimeoutInterceptor(queryTimeout="
                + DatabaseTimeouts.STATEMENT_SECONDS + ")");
        pool.setJmxEnabled(false);
        return new DataSource(pool);
    }
}
