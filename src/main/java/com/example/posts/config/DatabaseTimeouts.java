package com.example.posts.config;

/**
 * Every wait on the database has a bound, and all of them end well before nginx gives up on the app (30 s),
 * so a stalled or locked database answers a 503 the client can act on, never a hung request or a 504 after
 * which the write may still commit. A request that finds the database stalled fails within
 * {@link #WORST_CASE_SECONDS}: a validation ping, then a read that times out (or a new connection that
 * does), behind a wait for a free connection.
 */
public final class DatabaseTimeouts {
    /** Opening a TCP connection to the server. */
    public static final int CONNECT_MILLIS = 1_000;
    /**
     * Any one read from the server, the handshake of a new connection and a COMMIT included. Closing a TLS
     * connection that timed out waits once more for the server's close_notify (the JDK's SSLSocket), so a
     * timed-out read can cost twice this.
     */
    public static final int SOCKET_READ_MILLIS = 2_500;
    /**
     * One statement. The pool's watchdog (db.StatementDeadlineInterceptor) then aborts the connection rather
     * than sending KILL QUERY over a new one, which a stalled server would never answer; a container's pool
     * does the same with QueryTimeoutInterceptor and Connector/J's queryTimeoutKillsConnection.
     */
    public static final int STATEMENT_SECONDS = 2;
    /**
     * All statements of one write together. Hibernate gives each statement the whole seconds that are left, in
     * place of the statement bound: one second more than that bound gives the first statement the statement
     * bound, longer than the row lock wait. Were the two equal, a statement waiting on a lock would race its
     * own bound: the client would hear "too slow" rather than "busy", and with Connector/J's own timer (a
     * container's pool) a timeout that fires as the lock error comes back closes a connection the pool may
     * already have taken back.
     */
    public static final int TRANSACTION_SECONDS = STATEMENT_SECONDS + 1;
    /** Waiting for a row that another transaction has locked (innodb_lock_wait_timeout). */
    public static final int LOCK_WAIT_SECONDS = 1;
    /**
     * How long the server keeps a session that sends nothing (wait_timeout; MySQL's default is 8 hours). A
     * connection the service has given up on without the server knowing (a network cut after a COMMIT was
     * sent) ends on the server within this, and with it the locks its session holds, such as an idempotency
     * key's "in flight" lock. Idle pooled connections are checked far more often (every 30 s: ConnectionPool, and
     * the container DataSource that docs/container-datasource.md sets up), so they never reach it.
     */
    public static final int IDLE_SESSION_SECONDS = 120;
    /** Waiting for a free connection of our pool. */
    public static final int BORROW_MILLIS = 1_000;
    /** The check of a pooled connection before it is handed out. */
    public static final int VALIDATION_SECONDS = 1;
    /** What /health waits for the database's answer. */
    public static final int HEALTH_MILLIS = 1_000;
    /** The longest a request waits on a stalled database: borrow, validation, a timed-out read and its close. */
    public static final int WORST_CASE_SECONDS =
            (BORROW_MILLIS + 2 * SOCKET_READ_MILLIS) / 1_000 + VALIDATION_SECONDS;
    /** What the README promises: the worst case, and two seconds for a busy machine to schedule it all. */
    public static final int PROMISED_SECONDS = WORST_CASE_SECONDS + 2;

    private DatabaseTimeouts() {
    }
}
