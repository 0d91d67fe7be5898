package com.example.posts.db;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tomcat.jdbc.pool.PooledConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the statements of one pool: each running statement is noted with its deadline, and one daemon
 * thread, every {@link #CHECK_MILLIS} ms, aborts the connection of any statement past it (closing its socket
 * rather than sending KILL QUERY over a new connection, which a stalled server would never answer). Costs a
 * set insertion and removal per statement, where Connector/J's own query timeout schedules, cancels and purges
 * a java.util.Timer task. Started and stopped with the pool by {@link StatementDeadlineInterceptor}.
 * <p>
 * The aborts themselves run on a few threads of their own: closing a TLS connection may wait for the
 * server's answer, and the checking thread must not wait with it while other deadlines pass.
 */
final class StatementWatchdog {
    static final long CHECK_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(StatementWatchdog.class);
    private static final long STOP_WAIT_MILLIS = 1_000;
    /** Aborts that may wait at once; more are refused, and their connections left to the socket timeout. */
    static final int ABORT_THREADS = 4;

    private final String poolName;
    private final Set<Execution> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService checker; // guarded by this
    /** Read by the checking thread without the lock, which {@link #stop} holds while it waits for that thread. */
    private volatile ExecutorService aborter;
    private volatile Thread thread;
    /** Once the pool has closed, for good: a pool that tomcat-jdbc re-opens after that runs unwatched. */
    private volatile boolean stopped;

    StatementWatchdog(String poolName) {
        this.poolName = poolName;
    }

    /** A statement that runs on a pooled connection, with the time it may take. */
    static final class Execution {
        private final PooledConnection connection;
        private final long deadlineNanos;

        private Execution(PooledConnection connection, long deadlineNanos) {
            this.connection = connection;
            this.deadlineNanos = deadlineNanos;
        }
    }

    synchronized void start() {
        if (checker == null && !stopped) {
            checker = Executors.newSingleThreadScheduledExecutor(task -> {
                // No inherited thread-locals from whichever request thread opened the pool.
                Thread created = new Thread(null, task, poolName + "-statement-watchdog", 0, false);
                created.setDaemon(true);
                thread = created;
                return created;
            });
            aborter = aborter();
            checker.scheduleWithFixedDelay(this::checkSafely, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** No queue: an abort starts at once on an idle thread or a new one, up to {@link #ABORT_THREADS}. */
    private ExecutorService aborter() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, ABORT_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread created = new Thread(null, task,
                            poolName + "-statement-abort-" + count.incrementAndGet(), 0, false);
                    created.setDaemon(true);
                    return created;
                });
        executor.setRejectedExecutionHandler((task, full) -> {
            if (!full.isShutdown()) {
                LOG.warn("{} aborts of pool {} are still waiting; a connection past its deadline is discarded"
                        + " without an abort, its read bounded by the socket timeout", ABORT_THREADS, poolName);
            }
        });
        return executor;
    }

    /** Stops the thread and waits, at most a second, until it has ended (so an undeploy leaves no thread). */
    synchronized void stop() {
        stopped = true;
        if (checker == null) {
            return;
        }
        checker.shutdownNow();
        // Aborts under way go on to their end; the threads are daemons and end with them.
        aborter.shutdown();
        Thread stopping = thread;
        try {
            if (stopping != null) {
                stopping.join(STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping != null && stopping.isAlive()) {
            LOG.warn("The statement watchdog of pool {} did not stop within {} ms", poolName, STOP_WAIT_MILLIS);
        }
        checker = null;
        aborter = null;
        thread = null;
    }

    /**
     * Notes a statement that starts now. It is cut at the first check after its time and one more period:
     * an answer the server sends at the very bound (a lock wait as long as what is left of a transaction) is
     * then read rather than lost, as it was with Connector/J's own timer. Null once the pool has closed:
     * the statement then runs unwatched, each of its reads still bounded by the socket timeout.
     */
    Execution started(PooledConnection connection, int seconds) {
        if (stopped) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
                + TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);
        Execution execution = new Execution(connection, deadline);
        running.add(execution);
        return execution;
    }

    /**
     * Whether the statement finished in time. False once the watchdog has taken it: its connection is then
     * aborted (or about to be) and discarded by the pool, whatever the statement returned.
     */
    boolean finishedInTime(Execution execution) {
        if (execution == null || running.remove(execution)) {
            return true;
        }
        execution.connection.setDiscarded(true);
        return false;
    }

    /** A failure must not end the periodic check, which would leave statements unbounded. */
    private void checkSafely() {
        try {
            abortOverdue();
        } catch (Throwable e) {
            LOG.error("The statement watchdog of pool {} failed a check", poolName, e);
        }
    }

    private void abortOverdue() {
        Executor aborts = currentAborter();
        long now = System.nanoTime();
        for (Execution execution : running) {
            // Removing it is the claim: a statement that finishes at this very moment keeps its connection.
            if (now - execution.deadlineNanos >= 0 && running.remove(execution)) {
                execution.connection.setDiscarded(true);
                abort(execution.connection, aborts);
            }
        }
    }

    /** Each abort logs its own failure: the driver rethrows one on our thread, which would end it with a trace. */
    private Executor currentAborter() {
        Executor current = aborter;
        Executor target = current != null ? current : Runnable::run;
        return task -> target.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("An abort of a connection of pool {} failed: {}", poolName, e.getMessage());
            }
        });
    }

    private void abort(PooledConnection pooled, Executor aborts) {
        try {
            // The driver closes the socket on the executor it is given; the statement's read then fails.
            pooled.getConnection().abort(aborts);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not abort a connection of pool {} whose statement ran too long: {}", poolName,
                    e.getMessage());
        }
    }
}
