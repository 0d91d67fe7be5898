package com.example.posts.support;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.PoolConfiguration;
import org.apache.tomcat.jdbc.pool.PooledConnection;
import org.apache.tomcat.jdbc.pool.interceptor.AbstractCreateStatementInterceptor;

/**
 * A pool interceptor for the tests: notes each statement a connection hands out and, when the connection goes
 * back to the pool, every one of them left open, with the SQL and where it was created. The service's pool
 * closes no statement for its code (no StatementFinalizer), so a statement left open would stay open on the
 * pooled connection; the tests' shared and proxied pools carry this check, and the API tests and those that
 * reset the database fail when one was left open.
 */
public final class StatementLeakTracker extends AbstractCreateStatementInterceptor {
    private static final AtomicLong CREATED = new AtomicLong();
    private static final List<String> LEAKS = new ArrayList<>();

    private final List<Created> open = new ArrayList<>();

    /** Tracks the statements of this pool, which must not have handed out a connection yet. */
    public static void addTo(DataSource pool) {
        PoolConfiguration properties = ((org.apache.tomcat.jdbc.pool.DataSource) pool).getPoolProperties();
        properties.setJdbcInterceptors(properties.getJdbcInterceptors() + ";" + StatementLeakTracker.class.getName());
    }

    /** Fails with every statement left open since the last check. */
    public static void assertNoneLeaked() {
        List<String> leaks = takeLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " statement(s) left open on a pooled connection:\n"
                    + String.join("\n", leaks));
        }
    }

    /** Statements created through tracked pools since the JVM started. */
    public static long created() {
        return CREATED.get();
    }

    /** The leaks found since the last call, forgotten by it. */
    public static synchronized List<String> takeLeaks() {
        List<String> taken = List.copyOf(LEAKS);
        LEAKS.clear();
        return taken;
    }

    private static synchronized void noteLeak(String leak) {
        LEAKS.add(leak);
    }

    @Override
    public Object createStatement(Object proxy, Method method, Object[] args, Object statement, long time) {
        CREATED.incrementAndGet();
        synchronized (open) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : method.getName();
            open.add(new Created((Statement) statement, sql, new Throwable("created here")));
        }
        return statement;
    }

    @Override
    public void closeInvoked() {
        synchronized (open) {
            for (Created created : open) {
                if (!isClosed(created.statement())) {
                    noteLeak(created.sql() + " left open, " + stackOf(created.where()));
                }
            }
            open.clear();
        }
    }

    @Override
    public void reset(ConnectionPool parent, PooledConnection con) {
        super.reset(parent, con);
        if (con == null) {
            synchronized (open) {
                open.clear();
            }
        }
    }

    private static boolean isClosed(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            return true; // its connection is gone, and the statement with it
        }
    }

    private static String stackOf(Throwable where) {
        StringBuilder stack = new StringBuilder("created at");
        for (StackTraceElement frame : where.getStackTrace()) {
            if (frame.getClassName().startsWith("com.example.posts")) {
                stack.append("\n    ").append(frame);
            }
        }
        return stack.toString();
    }

    private record Created(Statement statement, String sql, Throwable where) {
    }
}
