package com.example.posts.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.PoolConfiguration;
import org.apache.tomcat.jdbc.pool.PooledConnection;
import org.apache.tomcat.jdbc.pool.interceptor.AbstractCreateStatementInterceptor;

/**
 * Bounds every statement of a {@link WatchedPoolProperties} pool to its statement seconds through the
 * pool's {@link StatementWatchdog}: a statement cut by it throws {@link SQLTimeoutException}, and its
 * connection is closed, never reused. A shorter {@code setQueryTimeout} (Hibernate gives a write's
 * statements what is left of the transaction) shortens the bound; no timeout goes to the driver.
 */
public final class StatementDeadlineInterceptor extends AbstractCreateStatementInterceptor {
    private volatile PooledConnection connection;
    private volatile WatchedPoolProperties pool;

    @Override
    public void reset(ConnectionPool parent, PooledConnection con) {
        super.reset(parent, con);
        connection = con;
        pool = con == null ? null : watched(con.getPoolProperties());
    }

    @Override
    public void poolStarted(ConnectionPool pool) {
        super.poolStarted(pool);
        watched(pool.getPoolProperties()).watchdog().start();
    }

    @Override
    public void poolClosed(ConnectionPool pool) {
        watched(pool.getPoolProperties()).watchdog().stop();
        super.poolClosed(pool);
    }

    @Override
    public Object createStatement(Object proxy, Method method, Object[] args, Object statement, long time) {
        try {
            Object handler = new BoundedStatement(statement, connection, pool);
            if (compare(PREPARE_STATEMENT, method)) {
                return getConstructor(PREPARE_STATEMENT_IDX, PreparedStatement.class).newInstance(handler);
            }
            if (compare(PREPARE_CALL, method)) {
                return getConstructor(PREPARE_CALL_IDX, CallableStatement.class).newInstance(handler);
            }
            return getConstructor(CREATE_STATEMENT_IDX, Statement.class).newInstance(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot bound a statement of the pool", e);
        }
    }

    @Override
    public void closeInvoked() {
        // Nothing to release: a statement's bound ends with its execution.
    }

    private static WatchedPoolProperties watched(PoolConfiguration properties) {
        if (properties instanceof WatchedPoolProperties watched) {
            return watched;
        }
        throw new IllegalStateException(StatementDeadlineInterceptor.class.getSimpleName()
                + " needs a pool configured by " + WatchedPoolProperties.class.getName());
    }

    /** One statement handed out by the pool: its executions run under the watchdog. */
    private static final class BoundedStatement implements InvocationHandler {
        private final Object statement;
        private final PooledConnection connection;
        private final StatementWatchdog watchdog;
        private final int boundSeconds;
        private int timeoutSeconds;

        BoundedStatement(Object statement, PooledConnection connection, WatchedPoolProperties pool) {
            this.statement = statement;
            this.connection = connection;
            this.watchdog = pool.watchdog();
            this.boundSeconds = pool.statementSeconds();
            this.timeoutSeconds = boundSeconds;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("execute")) {
                return execute(method, args);
            }
            switch (name) {
                case "setQueryTimeout" -> {
                    int seconds = (Integer) args[0];
                    timeoutSeconds = seconds > 0 ? Math.min(seconds, boundSeconds) : boundSeconds;
                    return null;
                }
                case "getQueryTimeout" -> {
                    return timeoutSeconds;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    return call(method, args);
                }
            }
        }

        private Object execute(Method method, Object[] args) throws Throwable {
            StatementWatchdog.Execution execution = watchdog.started(connection, timeoutSeconds);
            Object result;
            try {
                result = call(method, args);
            } catch (Throwable failure) {
                if (!watchdog.finishedInTime(execution)) {
                    throw timedOut(failure);
                }
                throw failure;
            }
            if (!watchdog.finishedInTime(execution)) {
                throw timedOut(null);
            }
            return result;
        }

        /**
         * Without the failure as its cause: that is the aborted connection's (SQL state 08S01), which would
         * read as an unreachable database rather than a slow statement.
         */
        private SQLTimeoutException timedOut(Throwable failure) {
            SQLTimeoutException timeout = new SQLTimeoutException(
                    "statement exceeded " + timeoutSeconds + " s; its connection was closed", "HYT00");
            if (failure != null) {
                timeout.addSuppressed(failure);
            }
            return timeout;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
