package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.apache.tomcat.jdbc.pool.PooledConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watchdog's scheduling, with stand-in connections: an abort that waits holds up no other deadline. */
class StatementWatchdogTest {
    /** What the stuck abort waits at most, far longer than the other statement's deadline. */
    private static final Duration STUCK_FOR = Duration.ofSeconds(10);

    private final CountDownLatch releaseStuck = new CountDownLatch(1);
    private DataSource parent;
    private ConnectionPool pool;
    private StatementWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        PoolProperties properties = new PoolProperties();
        // A pool that never connects: it only gives the stand-in connections a parent.
        properties.setInitialSize(0);
        properties.setMinIdle(0);
        properties.setJmxEnabled(false);
        properties.setTimeBetweenEvictionRunsMillis(0);
        parent = new DataSource(properties);
        pool = parent.createPool();
        watchdog = new StatementWatchdog("watchdog-test");
        watchdog.start();
    }

    @AfterEach
    void stop() {
        releaseStuck.countDown();
        watchdog.stop();
        parent.close(true);
    }

    @Test
    void anAbortThatWaitsDoesNotDelayAnotherStatementsDeadline() throws Exception {
        // Given a statement whose connection's abort hangs, as a TLS close waiting for the server may
        StandInConnection stuck = new StandInConnection(pool, releaseStuck);
        StandInConnection other = new StandInConnection(pool, new CountDownLatch(0));
        long start = System.nanoTime();
        watchdog.started(stuck, 1);
        // and another statement with a deadline a second later
        watchdog.started(other, 2);

        // when both deadlines pass, then the second is aborted on time, while the first still hangs
        assertTrue(other.aborted.await(5, TimeUnit.SECONDS), "the second statement was not aborted");
        Duration took = Duration.ofNanos(other.abortedAtNanos - start);
        assertTrue(took.compareTo(Duration.ofMillis(2_000 + 1_500)) < 0, "aborted after " + took);
        assertTrue(stuck.aborting.await(0, TimeUnit.SECONDS), "the first abort never started");
        assertTrue(stuck.aborted.getCount() == 1, "the first abort did not hang as it should");
    }

    @Test
    void anAbortRunsOffTheCheckingThread() throws Exception {
        StandInConnection overdue = new StandInConnection(pool, new CountDownLatch(0));

        watchdog.started(overdue, 1);

        assertTrue(overdue.aborted.await(5, TimeUnit.SECONDS), "not aborted");
        assertTrue(overdue.abortedOn.startsWith("watchdog-test-statement-abort-"), overdue.abortedOn);
    }

    /** A pooled connection whose abort, run on the executor it is given, waits for a latch (bounded). */
    private static final class StandInConnection extends PooledConnection {
        private final CountDownLatch aborting = new CountDownLatch(1);
        private final CountDownLatch aborted = new CountDownLatch(1);
        private final Connection connection;
        private volatile long abortedAtNanos;
        private volatile String abortedOn = "";

        StandInConnection(ConnectionPool pool, CountDownLatch release) {
            super(pool.getPoolProperties(), pool);
            connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("abort")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        // As Connector/J does: all of the abort on the executor.
                        ((Executor) args[0]).execute(() -> {
                            aborting.countDown();
                            try {
                                release.await(STUCK_FOR.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            abortedAtNanos = System.nanoTime();
                            abortedOn = Thread.currentThread().getName();
                            aborted.countDown();
                        });
                        return null;
                    });
        }

        @Override
        public Connection getConnection() {
            return connection;
        }
    }
}
