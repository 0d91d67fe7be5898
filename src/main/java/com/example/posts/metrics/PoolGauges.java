package com.example.posts.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of a connection pool (active, idle, max, waiting) for the two pools this service meets:
 * tomcat-jdbc (its own, or a container's) and DBCP2 (Tomcat's default for a JNDI DataSource, repackaged
 * as org.apache.tomcat.dbcp.dbcp2). DBCP2 lives in the container's class loader, out of the WAR's reach at
 * compile time, so it is read through its public getters. Any other DataSource gets no gauges. The primary's
 * pool is {@code posts_db_pool_*}; each replica's, {@code posts_db_replica_pool_*} with its name, so that the
 * primary's series keep their tags.
 */
public final class PoolGauges {
    private static final Logger LOG = LoggerFactory.getLogger(PoolGauges.class);

    private final MeterRegistry registry;
    private final String prefix;
    private final Tags tags;

    private PoolGauges(MeterRegistry registry, String prefix, Tags tags) {
        this.registry = registry;
        this.prefix = prefix;
        this.tags = tags;
    }

    static void bind(DataSource dataSource, MeterRegistry registry) {
        new PoolGauges(registry, "posts.db.pool.", Tags.empty()).bind(dataSource);
    }

    public static void bindReplica(DataSource dataSource, String replica, MeterRegistry registry) {
        new PoolGauges(registry, "posts.db.replica.pool.", Tags.of("replica", replica)).bind(dataSource);
    }

    private void bind(DataSource dataSource) {
        if (dataSource instanceof org.apache.tomcat.jdbc.pool.DataSource pool) {
            register(pool, "tomcat-jdbc", p -> p.getActive(), p -> p.getIdle(), p -> p.getMaxActive(),
                    p -> p.getWaitCount());
        } else if (isDbcp2(dataSource.getClass())) {
            register(dataSource, "dbcp2", getter(dataSource, "getNumActive"),
                    getter(dataSource, "getNumIdle"), getter(dataSource, "getMaxTotal"), PoolGauges::dbcp2Waiters);
        } else {
            LOG.info("No connection pool gauges: {} is neither tomcat-jdbc nor DBCP2", dataSource.getClass().getName());
        }
    }

    private static boolean isDbcp2(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.tomcat.dbcp.dbcp2.BasicDataSource")
                    || c.getName().equals("org.apache.commons.dbcp2.BasicDataSource")) {
                return true;
            }
        }
        return false;
    }

    private <T> void register(T pool, String kind, ToDoubleFunction<T> active, ToDoubleFunction<T> idle,
                              ToDoubleFunction<T> max, ToDoubleFunction<T> waiting) {
        gauge(pool, kind, "active", "Connections in use", active);
        gauge(pool, kind, "idle", "Connections open and free", idle);
        gauge(pool, kind, "max", "Most connections the pool opens", max);
        gauge(pool, kind, "waiting", "Requests waiting for a connection", waiting);
    }

    private <T> void gauge(T pool, String kind, String name, String description, ToDoubleFunction<T> value) {
        Gauge.builder(prefix + name, pool, value).description(description).tags(tags).tag("pool", kind)
                .register(registry);
    }

    /** Waiting borrowers are counted by the pool inside DBCP2's BasicDataSource. */
    private static double dbcp2Waiters(DataSource dataSource) {
        try {
            Object pool = dataSource.getClass().getMethod("getConnectionPool").invoke(dataSource);
            return pool == null ? 0 : ((Number) pool.getClass().getMethod("getNumWaiters").invoke(pool)).doubleValue();
        } catch (ReflectiveOperationException e) {
            return Double.NaN;
        }
    }

    private static ToDoubleFunction<DataSource> getter(DataSource dataSource, String name) {
        Method method;
        try {
            method = dataSource.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(dataSource.getClass().getName() + " has no " + name, e);
        }
        return target -> {
            try {
                return ((Number) method.invoke(target)).doubleValue();
            } catch (IllegalAccessException | InvocationTargetException e) {
                return Double.NaN;
            }
        };
    }
}
