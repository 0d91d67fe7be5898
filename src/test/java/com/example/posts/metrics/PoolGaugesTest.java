package com.example.posts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.LogCapture;
import com.example.posts.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/** The pool gauges on DBCP2 (Tomcat's pool for a JNDI DataSource), and no gauges for anything else. */
class PoolGaugesTest {

    @Test
    void dbcp2PoolIsMeasured() throws Exception {
        DatabaseSettings db = TestDatabase.shared().server().settings();
        try (BasicDataSource pool = new BasicDataSource()) {
            pool.setUrl(db.jdbcUrl());
            pool.setUsername(db.user());
            pool.setPassword(db.password());
            pool.setMaxTotal(7);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            PoolGauges.bind(pool, registry);

            try (Connection held = pool.getConnection()) {
                assertEquals(1, value(registry, "active"));
                assertEquals(7, value(registry, "max"));
                assertEquals(0, value(registry, "waiting"));
            }
            assertEquals(0, value(registry, "active"));
            assertEquals(1, value(registry, "idle"));
        }
    }

    @Test
    void anyOtherDataSourceGetsNoGaugesAndOneLogLine() {
        DataSource unknown = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> null);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (LogCapture log = new LogCapture()) {
            PoolGauges.bind(unknown, registry);

            assertTrue(registry.getMeters().isEmpty());
            assertEquals(1, log.events().stream()
                    .filter(e -> e.getFormattedMessage().startsWith("No connection pool gauges")).count());
        }
    }

    private static double value(SimpleMeterRegistry registry, String name) {
        return registry.get("posts.db.pool." + name).tag("pool", "dbcp2").gauge().value();
    }
}
