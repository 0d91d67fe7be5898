package com.example.posts.replica;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every replica once a second: whether it answers, and how far behind the primary it is (see
 * {@link PrimaryPositions}). It reads only global variables, so the application's user needs no
 * replication privilege. Runs on one daemon thread of its own; every check is bounded by the pools' timeouts.
 */
final class ReplicaMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final DataSource primary;
    private final ReplicationFlavour flavour;
    private final List<ReplicaNode> replicas;
    private final Duration maxLag;
    private final Clock clock;
    private final PrimaryPositions positions;
    private final ScheduledExecutorService timer;

    ReplicaMonitor(DataSource primary, ReplicationFlavour flavour, List<ReplicaNode> replicas, Duration maxLag,
                   Clock clock) {
        this.primary = primary;
        this.flavour = flavour;
        this.replicas = replicas;
        this.maxLag = maxLag;
        this.clock = clock;
        this.positions = new PrimaryPositions(maxLag);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "posts-replica-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::checkAll, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: the primary's position first, then each replica against it. */
    void checkAll() {
        try {
            positions.record(clock.instant(), flavour.primaryPosition(primary));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Primary position unknown: {}", e.getMessage());
            positions.forget();
        }
        for (ReplicaNode replica : replicas) {
            check(replica);
        }
    }

    private void check(ReplicaNode replica) {
        long marksAtStart = replica.downMarks();
        try {
            ReplicationPosition applied = flavour.replicaPosition(replica.dataSource());
            ReplicaNode.State before = replica.state();
            replica.checked(positions.lagOf(applied, clock.instant()), maxLag, marksAtStart);
            if (before != replica.state()) {
                LOG.info("Replica {} is {} (lag {})", replica, replica.state(),
                        replica.lag().map(Duration::toString).orElse("unknown"));
            }
        } catch (SQLException | RuntimeException e) {
            if (replica.state() != ReplicaNode.State.DOWN) {
                LOG.warn("Replica {} is DOWN: {}", replica, e.getMessage());
            }
            replica.markDown();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The replica monitor did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
