package com.example.posts.db;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the application's database comes from, and so who closes it: the one place that says so. Opened from
 * the environment, it is the application's, released when it stops or when its start fails; kept open by the
 * caller (the tests' one shared database), the caller closes it and the application never does.
 */
public final class DatabaseSource {
    private final Supplier<Database> open;
    private final boolean owned;

    private DatabaseSource(Supplier<Database> open, boolean owned) {
        this.open = open;
        this.owned = owned;
    }

    /** MYSQL_*, POSTS_DATASOURCE or the container's JNDI DataSource (see {@link DataSourceLocator}); ours to close. */
    public static DatabaseSource openedFrom(Map<String, String> env) {
        return new DatabaseSource(() -> DataSourceLocator.openDatabase(env), true);
    }

    /** A database that the caller opened, keeps open and closes. */
    public static DatabaseSource keptOpenBy(Database database) {
        return new DatabaseSource(() -> database, false);
    }

    /** A failed open of our own undoes loading the JDBC driver too, as an undeploy would. */
    public Database open() {
        try {
            return open.get();
        } catch (RuntimeException e) {
            if (owned) {
                JdbcDriverCleanup.run();
            }
            throw e;
        }
    }

    /** For a database of our own: close the SessionFactory and pools, then undo loading the driver. */
    public void release(Database database) {
        if (!owned) {
            return;
        }
        try {
            database.close();
        } finally {
            JdbcDriverCleanup.run();
        }
    }
}
