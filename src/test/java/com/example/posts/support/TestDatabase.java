package com.example.posts.support;

import com.example.posts.db.ConnectionPool;
import com.example.posts.db.Database;
import com.example.posts.db.DatabaseConnections;
import com.example.posts.post.Post;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one database server of a test JVM, started on first use, with the application's schema migrated
 * and one shared Database (pool and SessionFactory) for the tests to serve from; one release ahead when
 * {@link NextReleaseSchema#requested()}.
 */
public final class TestDatabase {
    private static TestDatabase shared;

    private final TestDatabaseServer server;
    private final Database database;
    private final DatabaseReset reset;
    private final CsvFixtures fixtures;

    private TestDatabase(TestDatabaseServer server) {
        this.server = server;
        // As production opens it from MYSQL_*: request pool, health pool, unpooled migrations.
        DatabaseConnections connections = ConnectionPool.connectionsFor(server.settings());
        StatementLeakTracker.addTo(connections.requests());
        if (NextReleaseSchema.requested()) {
            NextReleaseSchema.applyTo(connections.migrations());
        }
        this.database = Database.open(connections);
        this.reset = new DatabaseReset(database.dataSource());
        this.fixtures = new CsvFixtures(database.sessionFactory());
    }

    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = new TestDatabase(TestDatabaseServers.start(System.getenv()));
        }
        return shared;
    }

    public TestDatabaseServer server() {
        return server;
    }

    public Database database() {
        return database;
    }

    /** Empties every table, resets the id counters, and loads the standard fixtures. */
    public void resetWithFixtures() {
        reset.run();
        fixtures.load(Post.class, "fixtures/posts.csv");
    }

    public void reset() {
        reset.run();
    }

    public CsvFixtures fixtures() {
        return fixtures;
    }

    /** The first column of the first row of a query, as the database has it now (outside any test's HTTP). */
    public String firstValue(String sql) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("No row for " + sql);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    /** The ids of the posts that hold exactly this content, oldest first. */
    public List<Integer> postIdsWithContent(String content) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM post WHERE content = ? ORDER BY id")) {
            statement.setString(1, content);
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the posts with content " + content, e);
        }
    }
}
