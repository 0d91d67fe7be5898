package com.example.posts.replica;

import com.example.posts.metrics.PoolGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What /metrics shows of the replicas: reads by the role that answered them, waits for a replica to catch up
 * (how many, how long, whether it did), reads that fell back to the primary and why, and each replica's lag,
 * state and connection pool.
 */
final class ReplicaMetrics {
    /** For a service without replicas: counts nothing anyone reads. */
    static final ReplicaMetrics NONE = new ReplicaMetrics(new SimpleMeterRegistry(), List.of());

    private final MeterRegistry registry;
    private final Counter replicaReads;
    private final Counter primaryReads;
    private final Timer caughtUpWaits;
    private final Timer timedOutWaits;
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();

    ReplicaMetrics(MeterRegistry registry, List<ReplicaNode> replicas) {
        this.registry = registry;
        this.replicaReads = reads(registry, "replica");
        this.primaryReads = reads(registry, "primary");
        this.caughtUpWaits = waits(registry, "caught_up");
        this.timedOutWaits = waits(registry, "timed_out");
        for (ReplicaNode replica : replicas) {
            Gauge.builder("posts.db.replica.lag", replica, node -> node.lag().map(ReplicaMetrics::seconds)
                            .orElse(Double.NaN))
                    .description("How far the replica is behind the primary; NaN while the primary is unreachable")
                    .baseUnit("seconds").tag("replica", replica.name()).register(registry);
            Gauge.builder("posts.db.replica.up", replica, node -> node.state() == ReplicaNode.State.UP ? 1 : 0)
                    .description("1 while the replica serves reads; 0 while it is down or lagging past the bound")
                    .tag("replica", replica.name()).register(registry);
            PoolGauges.bindReplica(replica.dataSource(), replica.name(), registry);
        }
    }

    void readOn(String role) {
        (role.equals("replica") ? replicaReads : primaryReads).increment();
    }

    void fellBack(String reason) {
        fallbacks.computeIfAbsent(reason, this::fallbacks).increment();
    }

    private Counter fallbacks(String reason) {
        return Counter.builder("posts.db.replica.fallbacks")
                .description("Reads sent to the primary instead of a replica: behind the client's token, failed,"
                        + " no replica serving, or a token not signed with this service's key")
                .tag("reason", reason).register(registry);
    }

    void unverifiedToken() {
        fellBack("unverified_token");
    }

    void waited(boolean caughtUp, long amount, TimeUnit unit) {
        (caughtUp ? caughtUpWaits : timedOutWaits).record(amount, unit);
    }

    private static Counter reads(MeterRegistry registry, String role) {
        return Counter.builder("posts.db.reads").description("Reads of posts by the role of the node that answered")
                .tag("role", role).register(registry);
    }

    private static Timer waits(MeterRegistry registry, String outcome) {
        return Timer.builder("posts.db.replica.waits")
                .description("Waits of reads with a consistency token for a replica to apply it")
                .tag("outcome", outcome).register(registry);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
