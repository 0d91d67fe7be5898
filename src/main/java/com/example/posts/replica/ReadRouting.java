package com.example.posts.replica;

import com.example.posts.db.ConnectionDiscard;
import com.example.posts.db.UnavailableDatabase;
import com.example.posts.web.ProblemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * Where a read runs. Without replicas: on the primary, as always. With them: on the next replica in turn
 * that is up and not lagging; a read that carries a position first waits, within the catch-up bound, for that
 * replica to apply it, and goes to the primary when it does not. A node that fails under a read is marked down
 * and the read is tried once more on another node; a read with a position that no node that has applied it
 * answers gets 503, never an older answer.
 */
public final class ReadRouting {
    /** What a client that wrote is told to wait before reading again when no caught-up node answered. */
    static final int RETRY_AFTER_SECONDS = 2;
    /** A read whose node fails is tried once more, on another node. */
    private static final int MAX_FAILURES = 2;

    private final SessionFactory sessions;
    private final List<ReplicaNode> replicas;
    private final long catchUpNanos;
    private final ReplicaMetrics metrics;
    private final AtomicInteger turn = new AtomicInteger();

    ReadRouting(SessionFactory sessions, List<ReplicaNode> replicas, long catchUpNanos, ReplicaMetrics metrics) {
        this.sessions = sessions;
        this.replicas = List.copyOf(replicas);
        this.catchUpNanos = catchUpNanos;
        this.metrics = metrics;
    }

    /** Every read on the primary: a service without replicas. */
    public static ReadRouting primaryOnly(SessionFactory sessions) {
        return new ReadRouting(sessions, List.of(), 0, ReplicaMetrics.NONE);
    }

    public <T> T read(ReadPoint point, Function<StatelessSession, T> work) {
        if (replicas.isEmpty()) {
            try (StatelessSession session = sessions.openStatelessSession()) {
                return work.apply(session);
            }
        }
        if (point.primaryOnly()) {
            return onPrimary(point, work);
        }
        long deadline = System.nanoTime() + catchUpNanos;
        int failures = 0;
        boolean triedReplica = false;
        for (ReplicaNode replica : inTurn()) {
            triedReplica = true;
            Optional<T> answer;
            try {
                answer = onReplica(replica, point, deadline, work);
            } catch (RuntimeException e) {
                if (!UnavailableDatabase.isNodeFailure(e)) {
                    throw e;
                }
                // A statement too slow here may be slow everywhere: only an unreachable replica leaves the turn.
                if (UnavailableDatabase.isUnreachable(e)) {
                    replica.markDown();
                }
                if (++failures == MAX_FAILURES) {
                    throw e;
                }
                metrics.fellBack("failed");
                continue;
            }
            if (answer.isPresent()) {
                metrics.readOn("replica");
                return answer.get();
            }
            metrics.fellBack("behind");
            return onPrimary(point, work);
        }
        if (!triedReplica) {
            metrics.fellBack("no_replica");
        }
        return onPrimary(point, work);
    }

    /** Empty when the replica had not applied the point within the bound. */
    private <T> Optional<T> onReplica(ReplicaNode replica, ReadPoint point, long deadline,
                                      Function<StatelessSession, T> work) {
        Connection connection = borrow(replica);
        try {
            if (point.after().isPresent() && !caughtUp(connection, point.after().get(), deadline)) {
                return Optional.empty();
            }
            try (StatelessSession session = sessions.openStatelessSession(connection)) {
                return Optional.of(work.apply(session));
            }
        } catch (RuntimeException e) {
            if (UnavailableDatabase.isNodeFailure(e)) {
                ConnectionDiscard.discard(connection);
            }
            throw e;
        } finally {
            close(connection);
        }
    }

    private <T> T onPrimary(ReadPoint point, Function<StatelessSession, T> work) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            T answer = work.apply(session);
            metrics.readOn("primary");
            return answer;
        } catch (RuntimeException e) {
            if (point.mustBeCurrent() && UnavailableDatabase.isNodeFailure(e)) {
                throw ProblemException.retryLater(503, "No database that has your latest write answered in time;"
                        + " try again shortly", RETRY_AFTER_SECONDS);
            }
            throw e;
        }
    }

    /** MariaDB's MASTER_GTID_WAIT: 0 once the replica has applied the position, -1 when the time ran out. */
    private boolean caughtUp(Connection connection, ReplicationPosition position, long deadline) {
        long started = System.nanoTime();
        double seconds = Math.max(0, deadline - started) / 1e9;
        try (PreparedStatement wait = connection.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            wait.setString(1, position.text());
            wait.setDouble(2, seconds);
            try (ResultSet row = wait.executeQuery()) {
                boolean caughtUp = row.next() && row.getInt(1) == 0 && !row.wasNull();
                metrics.waited(caughtUp, System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return caughtUp;
            }
        } catch (SQLException e) {
            throw new ReplicaReadException(e);
        }
    }

    /** The replicas that serve reads, each read starting one further along, so they share the reads. */
    private List<ReplicaNode> inTurn() {
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        List<ReplicaNode> ordered = new ArrayList<>(replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            ReplicaNode replica = replicas.get((start + i) % replicas.size());
            if (replica.servesReads()) {
                ordered.add(replica);
            }
        }
        return ordered;
    }

    private static Connection borrow(ReplicaNode replica) {
        try {
            return replica.dataSource().getConnection();
        } catch (SQLException e) {
            throw new ReplicaReadException(e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Given back or discarded either way; the read's answer stands.
        }
    }
}
