package com.example.posts.support;

import com.example.posts.config.ReplicaSettings;
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
import java.util.Optional;

/**
 * The one database server of a test JVM, started on first use, with the application's schema migrated
 * and one shared Database (pool and SessionFactory) for the tests to serve from; one release ahead when
 * {@link NextReleaseSchema#requested()}; a MariaDB primary with a replica when {@link #onReplicas()}.
 */
public final class TestDatabase {
    private static final String REPLICAS_PROPERTY = "posts.test.replicas";
    private static TestDatabase shared;

    private final TestDatabaseServer server;
    private final Database database;
    private final DatabaseReset reset;
    private final CsvFixtures fixtures;
    private final Optional<ReplicatedDatabase> replicated;

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
        this.replicated = Optional.empty();
    }

    /** The primary of a replicated database, whose resets wait until every replica has them. */
    private TestDatabase(ReplicatedDatabase replicated) {
        this.server = new TestDatabaseServer("a MariaDB primary with a GTID replica",
                replicated.servers().appSettings(replicated.servers().primary()));
        this.database = replicated.database();
        this.reset = new DatabaseReset(database.dataSource());
        this.fixtures = new CsvFixtures(database.sessionFactory());
        this.replicated = Optional.of(replicated);
    }

    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = Boolean.getBoolean(REPLICAS_PROPERTY)
                    ? new TestDatabase(ReplicatedDatabase.startedForTheJvm(1))
                    : new TestDatabase(TestDatabaseServers.start(System.getenv()));
        }
        return shared;
    }

    /** Whether this JVM's tests run on a primary with a replica (posts.test.replicas), reads on the replica. */
    public static boolean onReplicas() {
        return Boolean.getBoolean(REPLICAS_PROPERTY);
    }

    /** How the application reads from this database's replicas; none but on a replicated one. */
    public ReplicaSettings replicaSettings() {
        return replicated.map(ReplicatedDatabase::replicaSettings).orElseGet(ReplicaSettings::none);
    }

    public TestDatabaseServer server() {
        return server;
    }

    public Database database() {
        return database;
    }

    /** Empties every table, resets the id counters, and loads the standard fixtures (on every replica too). */
    public void resetWithFixtures() {
        reset.run();
        fixtures.load(Post.class, "fixtures/posts.csv");
        replicated.ifPresent(ReplicatedDatabase::awaitReplicasCaughtUp);
    }

    public void reset() {
        reset.run();
        replicated.ifPresent(ReplicatedDatabase::awaitReplicasCaughtUp);
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
