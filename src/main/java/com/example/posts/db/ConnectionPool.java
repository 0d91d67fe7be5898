package com.example.posts.db;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.DatabaseTimeouts;
import com.mysql.cj.jdbc.MysqlDataSource;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/** The tomcat-jdbc pools used when the container does not provide a DataSource. */
public final class ConnectionPool {
    private ConnectionPool() {
    }

    /** The request pool, a one-connection pool for /health, and unpooled connections for migrations. */
    public static DatabaseConnections connectionsFor(DatabaseSettings settings) {
        DataSource requests = create(settings);
        DataSource health = create(settings, "posts-health", 1);
        MysqlDataSource migrations = new MysqlDataSource();
        migrations.setURL(settings.migrationJdbcUrl());
        migrations.setUser(settings.user());
        migrations.setPassword(settings.password());
        return new DatabaseConnections(requests, migrations, health, () -> {
            health.close();
            requests.close();
        });
    }

    /** The pool that requests borrow from. */
    public static DataSource create(DatabaseSettings settings) {
        return create(settings, "posts", 20);
    }

    private static DataSource create(DatabaseSettings settings, String name, int size) {
        PoolProperties pool = new WatchedPoolProperties(name, DatabaseTimeouts.STATEMENT_SECONDS);
        pool.setUrl(settings.jdbcUrl());
        pool.setDriverClassName("com.mysql.cj.jdbc.Driver");
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());

        pool.setInitialSize(0);
        pool.setMinIdle(Math.min(2, size));
        pool.setMaxIdle(size);
        pool.setMaxActive(size);
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

        // The interceptors, the statement bound among them, come with WatchedPoolProperties.
        pool.setJmxEnabled(false);
        return new DataSource(pool);
    }
}
