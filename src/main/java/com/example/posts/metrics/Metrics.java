package com.example.posts.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.orm.micrometer.HibernateMetrics;

/**
 * Everything /metrics reports, in one Prometheus registry: HTTP requests (timed by {@link RequestTimingFilter},
 * see {@link #HTTP_REQUESTS}), Hibernate statistics, the connection pool, the JVM and the build version.
 * Closing it removes the JVM listeners it installed, so an undeployed application leaves none behind.
 */
public final class Metrics implements AutoCloseable {
    /**
     * HTTP requests, timed by {@link RequestTimingFilter}: http_server_requests_seconds, with the name and tags
     * that jersey-micrometer's listener gave it before, so dashboards and alerts keep working.
     */
    public static final String HTTP_REQUESTS = "http.server.requests";
    /** Latency buckets: a few per decade, from a cached read to the 9 s that a stalled database can cost. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private Metrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    public static Metrics start(SessionFactory sessionFactory, DataSource dataSource, String version) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(latencyHistogram());
        JvmGcMetrics gc = new JvmGcMetrics();
        for (MeterBinder binder : new MeterBinder[] {new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new HibernateMetrics(sessionFactory, "posts", java.util.List.of())}) {
            binder.bindTo(registry);
        }
        PoolGauges.bind(dataSource, registry);
        Gauge.builder("posts.build.info", () -> 1)
                .description("The running build; the value is always 1")
                .tag("version", version)
                .register(registry);
        return new Metrics(registry, gc);
    }

    /** The buckets of {@link #HTTP_REQUESTS}; the compatibility test gives them to Jersey's listener too. */
    static MeterFilter latencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(toNanos(LATENCY_BUCKETS))
                        .build()
                        .merge(config);
            }
        };
    }

    private static double[] toNanos(Duration[] durations) {
        double[] nanos = new double[durations.length];
        for (int i = 0; i < durations.length; i++) {
            nanos[i] = durations[i].toNanos();
        }
        return nanos;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text format (version 0.0.4), as every Prometheus server reads it. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        try {
            gc.close();
        } finally {
            registry.close();
        }
    }
}
