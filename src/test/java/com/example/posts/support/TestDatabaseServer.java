package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A MySQL-family server the tests run against, and how they reach it. */
public record TestDatabaseServer(String description, DatabaseSettings settings) {

    /** A new, empty database on this server, for a test that needs a schema of its own; as the tests' user. */
    public DatabaseSettings createDatabase(String name) {
        run("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new DatabaseSettings(settings.host(), settings.port(), settings.user(), settings.password(), name);
    }

    public void dropDatabase(String name) {
        run("DROP DATABASE IF EXISTS `" + name + "`");
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
