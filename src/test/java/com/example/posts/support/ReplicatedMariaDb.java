package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.replica.GtidPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A MariaDB primary and its replicas, each an {@link EmbeddedMariaDb} on loopback, replicating with GTIDs (strict
 * mode, row format), for tests of reads sent to replicas. Replicas are read-only; the application's user
 * ({@link #appUser}) has no privilege past that, so a write that reaches a replica fails. Replicas are numbered
 * from 0. Every wait is bounded; none of the fixture's own statements counts in a server's Com_select.
 */
public final class ReplicatedMariaDb implements AutoCloseable {
    private static final String DATABASE = "posts_test";
    private static final String APP_USER = "posts";
    private static final String APP_PASSWORD = "posts-test-password";
    private static final String REPLICATION_USER = "replicator";
    private static final String REPLICATION_PASSWORD = "replicator-test-password";
    /** A replica connects and applies the primary's set-up in well under a second; a loaded machine is slower. */
    private static final Duration REPLICATION_BOUND = Duration.ofSeconds(30);
    /** A clean shutdown takes a second or two; past this the server is killed. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private final MariaDbNode primary;
    private final List<MariaDbNode> replicas;

    private ReplicatedMariaDb(MariaDbNode primary, List<MariaDbNode> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    /** Starts a primary with {@code replicas} replicas, all caught up with the primary's users and database. */
    public static ReplicatedMariaDb start(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("A replicated MariaDB needs a replica at least, got " + replicas);
        }
        List<MariaDbNode> started = new ArrayList<>();
        try {
            MariaDbNode primary = MariaDbNode.start("primary", ServerOptions.primary());
            started.add(primary);
            createUsersAndDatabase(primary);
            for (int index = 0; index < replicas; index++) {
                MariaDbNode replica = MariaDbNode.start("replica " + index, ServerOptions.replica(index));
                started.add(replica);
                new ReplicaControl(replica).follow(primary, REPLICATION_USER, REPLICATION_PASSWORD,
                        REPLICATION_BOUND);
            }
            ReplicatedMariaDb servers = new ReplicatedMariaDb(primary, started.subList(1, started.size()));
            for (int index = 0; index < replicas; index++) {
                servers.awaitCaughtUp(index, REPLICATION_BOUND);
            }
            return servers;
        } catch (RuntimeException e) {
            discardAll(started).ifPresent(e::addSuppressed);
            throw e;
        }
    }

    /**
     * Written on the primary only, before any replica follows it: replicas replay its binary log from the start,
     * so every server holds the same transactions and GTID strict mode has nothing to refuse.
     */
    private static void createUsersAndDatabase(MariaDbNode primary) {
        // The anonymous users of a fresh install would shadow 'posts'@'%' for connections from localhost.
        primary.rows("SHOW GLOBAL VARIABLES LIKE 'hostname'").forEach(row ->
                primary.execute("DROP USER IF EXISTS ''@'localhost', ''@'" + row.get("Value") + "'"));
        primary.execute(
                "CREATE USER '" + REPLICATION_USER + "'@'%' IDENTIFIED BY '" + REPLICATION_PASSWORD + "'",
                "GRANT REPLICATION SLAVE ON *.* TO '" + REPLICATION_USER + "'@'%'",
                "CREATE DATABASE `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE USER '" + APP_USER + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "'",
                "GRANT ALL ON `" + DATABASE + "`.* TO '" + APP_USER + "'@'%'");
    }

    public MariaDbNode primary() {
        return primary;
    }

    public MariaDbNode replica(int index) {
        return replicas.get(index);
    }

    public List<MariaDbNode> replicas() {
        return replicas;
    }

    public String appUser() {
        return APP_USER;
    }

    public String appPassword() {
        return APP_PASSWORD;
    }

    public String database() {
        return DATABASE;
    }

    /** The test database on {@code node}, without credentials: root with an empty password, or the app user. */
    public String jdbcUrl(MariaDbNode node) {
        return node.jdbcUrl(DATABASE);
    }

    /** How the application reaches the test database on {@code node}: as the app user. */
    public DatabaseSettings appSettings(MariaDbNode node) {
        return new DatabaseSettings(node.host(), node.port(), APP_USER, APP_PASSWORD, DATABASE);
    }

    /** The primary's last transaction per domain ({@code @@global.gtid_binlog_pos}), e.g. "0-1-42". */
    public String gtidPosition() {
        return primary.globalVariable("gtid_binlog_pos");
    }

    /** Whether the replica applies all the primary has written so far within {@code bound}. */
    public boolean caughtUpWithin(int replica, Duration bound) {
        return control(replica).reachesWithin(GtidPosition.parse(gtidPosition()), bound);
    }

    /** Waits until the replica has applied all the primary has written so far; fails past {@code bound}. */
    public void awaitCaughtUp(int replica, Duration bound) {
        control(replica).awaitReaching(GtidPosition.parse(gtidPosition()), bound);
    }

    /** Has the replica apply each transaction {@code seconds} after the primary wrote it; 0 ends the delay. */
    public void delay(int replica, int seconds) {
        control(replica).delay(seconds, REPLICATION_BOUND);
    }

    /** Stops the replica's SQL thread: it keeps receiving the primary's transactions, and applies none. */
    public void stopApplying(int replica) {
        control(replica).stopApplying();
    }

    public void resumeApplying(int replica) {
        control(replica).resumeApplying(REPLICATION_BOUND);
    }

    /** Turns a replica into a writable primary: it follows no one and read_only is off (until a restart). */
    public void promote(int replica) {
        control(replica).promote();
    }

    /** A clean shutdown of {@code node}, its data kept; killed past a bound. */
    public void stop(MariaDbNode node) {
        node.server().stopWithin(STOP_BOUND);
    }

    /** Ends {@code node} as a crash would (SIGKILL of mariadbd), its data kept as the disk has it. */
    public void kill(MariaDbNode node) {
        node.server().kill();
    }

    /** Starts {@code node} again, stopping it first if it runs: the same port and data; a replica follows again. */
    public void restart(MariaDbNode node) {
        stop(node);
        node.server().startAgain();
    }

    /** Starts again whichever server a test stopped or killed, replicas first, the primary last. */
    public void restartStopped() {
        for (MariaDbNode replica : replicas()) {
            if (!replica.isRunning()) {
                restart(replica);
            }
        }
        if (!primary().isRunning()) {
            restart(primary());
        }
    }

    /** A server's own counter from SHOW GLOBAL STATUS, e.g. "Com_select". */
    public long globalStatus(MariaDbNode node, String name) {
        return Long.parseLong(node.globalStatus(name));
    }

    /** Stops every server (each within a bound) and deletes their folders. */
    @Override
    public void close() {
        List<MariaDbNode> all = new ArrayList<>(replicas);
        all.add(primary);
        discardAll(all).ifPresent(failure -> {
            throw failure;
        });
    }

    private ReplicaControl control(int replica) {
        return new ReplicaControl(replica(replica));
    }

    /** Stops and deletes each node, going on past a failure; the first failure, with the others suppressed. */
    private static Optional<RuntimeException> discardAll(List<MariaDbNode> nodes) {
        RuntimeException first = null;
        for (MariaDbNode node : nodes) {
            try {
                node.server().stopWithin(STOP_BOUND);
                node.server().deleteFiles();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return Optional.ofNullable(first);
    }
}
