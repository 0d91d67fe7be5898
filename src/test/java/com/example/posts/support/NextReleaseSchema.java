package com.example.posts.support;

import com.example.posts.db.SchemaMigration;
import javax.sql.DataSource;

/**
 * The schema one release ahead: today's migrations, then the test-only ones in db/next-release (a column
 * with a default, an index, a table). During a rolling deploy the running release meets that schema, so
 * today's code must work on it; the tomcat10 failsafe execution runs the contract suite there.
 */
public final class NextReleaseSchema {
    /** Set to {@code next-release} (pom.xml, execution tomcat10) to give the tests' database that schema. */
    public static final String PROPERTY = "posts.test.schema";
    /** A column that only the next release's migrations add. */
    public static final String ADDED_COLUMN = "summary";

    private NextReleaseSchema() {
    }

    public static boolean requested() {
        return "next-release".equals(System.getProperty(PROPERTY));
    }

    /** Migrates a database to today's schema plus the next release's expansions. */
    public static void applyTo(DataSource migrations) {
        new SchemaMigration(SchemaMigration.APPLICATION_MIGRATIONS, "classpath:db/next-release").migrate(migrations);
    }
}
