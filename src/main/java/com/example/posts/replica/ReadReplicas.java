package com.example.posts.replica;

import com.example.posts.config.ConfigurationException;
import com.example.posts.config.ReplicaSettings;
import com.example.posts.db.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read replicas as the application uses them: where reads run ({@link ReadRouting}), the token filter
 * that gives writers read-your-writes, the monitor that keeps each replica's state, and the nodes /health
 * reports. Without replicas, every read runs on the primary and nothing else starts.
 */
public final class ReadReplicas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadReplicas.class);

    private final ReadRouting routing;
    private final List<ReplicaNode> nodes;
    private final Optional<ConsistencyTokenFilter> tokenFilter;
    private final Optional<ReplicaMonitor> monitor;

    private ReadReplicas(ReadRouting routing, List<ReplicaNode> nodes, Optional<ConsistencyTokenFilter> tokenFilter,
                         Optional<ReplicaMonitor> monitor) {
        this.routing = routing;
        this.nodes = List.copyOf(nodes);
        this.tokenFilter = tokenFilter;
        this.monitor = monitor;
    }

    public static ReadReplicas open(Database database, ReplicaSettings settings, MeterRegistry registry, Clock clock) {
        if (database.replicas().isEmpty()) {
            return new ReadReplicas(ReadRouting.primaryOnly(database.sessionFactory()), List.of(), Optional.empty(),
                    Optional.empty());
        }
        ConsistencyTokens tokens = new ConsistencyTokens(settings.requiredTokenKey());
        ReplicationFlavour flavour = flavourOf(database);
        List<ReplicaNode> nodes = new ArrayList<>();
        database.replicas().forEach((name, dataSource) -> nodes.add(new ReplicaNode(name, dataSource)));
        ReplicaMetrics metrics = new ReplicaMetrics(registry, nodes);
        ReplicaMonitor monitor = new ReplicaMonitor(database.dataSource(), flavour, nodes, settings.maxLag(), clock);
        monitor.start();
        LOG.info("Reading from replicas {} ({}: reads with a consistency token {})", settings, flavour,
                flavour.waitsOnReplicas() ? "wait for a replica" : "go to the primary");
        ReadRouting routing = new ReadRouting(database.sessionFactory(), nodes, settings.catchUpWait().toNanos(),
                metrics);
        ConsistencyTokenFilter filter = new ConsistencyTokenFilter(tokens, flavour, database.dataSource(), metrics);
        return new ReadReplicas(routing, nodes, Optional.of(filter), Optional.of(monitor));
    }

    /** The primary's family, and a first reading of its position: replication must be on, with GTIDs. */
    private static ReplicationFlavour flavourOf(Database database) {
        try {
            ReplicationFlavour flavour = ReplicationFlavour.of(database);
            flavour.primaryPosition(database.dataSource());
            return flavour;
        } catch (SQLException | IllegalArgumentException e) {
            throw new ConfigurationException("Reading from replicas needs the primary's GTID position ("
                    + e.getMessage() + "): turn on GTIDs (MySQL: gtid_mode=ON), or unset "
                    + ReplicaSettings.ADDRESSES_VARIABLE + " (see docs/replicas.md)", e);
        }
    }

    public ReadRouting routing() {
        return routing;
    }

    /** The filter to register; empty without replicas. */
    public Optional<ConsistencyTokenFilter> tokenFilter() {
        return tokenFilter;
    }

    public List<ReplicaNode> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        monitor.ifPresent(ReplicaMonitor::close);
    }
}
