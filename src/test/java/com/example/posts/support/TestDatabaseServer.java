package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A MySQL-family server the tests run against, and how they reach it. */
public record TestDatabaseServer(String description, DatabaseSettings settings) {

    /** Each surefire test JVM's number (1, 2, ...; pom.xml's argLine): forks on one server keep apart by name. */
    private static final String FORK_PROPERTY = "posts.test.fork";
    private static final String CHARACTER_SET = " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";

    /**
     * A new, empty database on this server, for a test that needs a schema of its own; as the tests' user.
     * Named {@link #scoped} {@code name}: the settings returned hold the name to use.
     */
    public DatabaseSettings createDatabase(String name) {
        run("CREATE DATABASE `" + scoped(name) + "`" + CHARACTER_SET);
        return settingsFor(scoped(name));
    }

    public void dropDatabase(String name) {
        run("DROP DATABASE IF EXISTS `" + scoped(name) + "`");
    }

    /**
     * The name of a database for this test JVM: {@code name} in the first (or only) one, {@code name_N} in
     * surefire's N-th, so that forks on one external server never share a database.
     */
    public static String scoped(String name) {
        String fork = System.getProperty(FORK_PROPERTY, "1").strip();
        return fork.isEmpty() || fork.equals("1") ? name : name + "_" + fork;
    }

    /** This server with the tests' own database, {@link #scoped}, created if missing (the first one exists). */
    TestDatabaseServer withScopedDatabase() {
        String database = scoped(settings.database());
        if (database.equals(settings.database())) {
            return this;
        }
        run("CREATE DATABASE IF NOT EXISTS `" + database + "`" + CHARACTER_SET);
        return new TestDatabaseServer(description, settingsFor(database));
    }

    /** This server's settings, for another database on it. */
    private DatabaseSettings settingsFor(String database) {
        return new DatabaseSettings(settings.host(), settings.port(), settings.user(), settings.password(), database);
    }

    private void run(String sql) {
        try (Connection connection = DriverManager.getConnection(settings.migrationJdbcUrl(), settings.user(),
                settings.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description + " (" + settings + ")";
    }
}
