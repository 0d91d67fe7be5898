package com.example.posts.db;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.config.ReplicaAddress;
import com.mysql.cj.jdbc.MysqlDataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

/** The tomcat-jdbc pools used when the container does not provide a DataSource. */
public final class ConnectionPool {
    private ConnectionPool() {
    }

    /** Without replicas. */
    public static DatabaseConnections connectionsFor(DatabaseSettings settings) {
        return connectionsFor(settings, List.of());
    }

    /**
     * The request pool, a one-connection pool for /health, unpooled connections for migrations, and a pool
     * for each replica, with the request pool's bounds.
     */
    public static DatabaseConnections connectionsFor(DatabaseSettings settings, List<ReplicaAddress> replicas) {
        DataSource requests = create(settings);
        DataSource health = create(settings, "posts-health", 1);
        MysqlDataSource migrations = new MysqlDataSource();
        migrations.setURL(settings.migrationJdbcUrl());
        migrations.setUser(settings.user());
        migrations.setPassword(settings.password());
        Map<String, DataSource> replicaPools = new LinkedHashMap<>();
        for (ReplicaAddress replica : replicas) {
            replicaPools.put(replica.toString(), create(settings.at(replica), "posts-replica-" + replica, 20));
        }
        Map<String, javax.sql.DataSource> replicasByName = new LinkedHashMap<>(replicaPools);
        return new DatabaseConnections(requests, migrations, health, replicasByName, () -> {
            replicaPools.values().forEach(DataSource::close);
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
