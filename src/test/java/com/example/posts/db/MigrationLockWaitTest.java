package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.ApplicationSettings;
import com.example.posts.PostsApplication;
import com.example.posts.config.ApiToken;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.contract.ApiTestCase;
import com.example.posts.support.NextReleaseSchema;
import com.example.posts.support.TestDatabase;
import jakarta.ws.rs.core.Application;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A migration that alters {@code post} while another session holds a transaction open on it: it gives up
 * within 10 s saying why, applies nothing, the service's reads keep answering 200 all along, and once the
 * transaction has ended the next start applies it.
 */
class MigrationLockWaitTest extends ApiTestCase {
    private static final String DATABASE = "migration_lock_wait";
    private static final Duration GIVE_UP_BOUND = Duration.ofSeconds(10);
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();
    private static DatabaseSettings settings;
    private static Database served;

    @AfterAll
    static void dropDatabase() {
        BACKGROUND.shutdownNow();
        served.close();
        TestDatabase.shared().server().dropDatabase(DATABASE);
    }

    /** Today's schema in a database of its own, so that the next release's migrations touch no other test. */
    @Override
    protected Application application() {
        TestDatabase.shared().server().dropDatabase(DATABASE);
        settings = TestDatabase.shared().server().createDatabase(DATABASE);
        served = Database.open(ConnectionPool.connectionsFor(settings));
        return new PostsApplication(ApplicationSettings.servingFrom(served, ApiToken.of(TOKEN)));
    }

    @Test
    void aMigrationBehindAnOpenTransactionGivesUpInTimeWhileReadsAnswerAndTheNextStartAppliesIt() throws Exception {
        assertEquals(201, authorized("posts").post(json("{\"content\":\"read during a migration\","
                + "\"author_email\":\"a@b.co\"}")).getStatus());
        DatabaseConnections migrations = ConnectionPool.connectionsFor(settings);
        try (Connection holder = DriverManager.getConnection(settings.migrationJdbcUrl(), settings.user(),
                settings.password()); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            // An open transaction that has read post holds the table's shared metadata lock until it ends.
            statement.executeQuery("SELECT COUNT(*) FROM post").close();
            AtomicBoolean migrating = new AtomicBoolean(true);
            CompletableFuture<List<Integer>> reads =
                    CompletableFuture.supplyAsync(() -> readWhile(migrating), BACKGROUND);

            Instant started = Instant.now();
            Throwable failure = migrationFailure(migrations);
            Duration took = Duration.between(started, Instant.now());
            migrating.set(false);

            System.out.println("migration behind an open transaction: gave up after " + took.toMillis() + " ms");
            assertTrue(took.compareTo(GIVE_UP_BOUND) < 0, "gave up after " + took);
            assertInstanceOf(SchemaMigration.MigrationLockException.class, failure);
            assertTrue(failure.getMessage().startsWith("Migration 9001 (next release adds a column) could not get "
                    + "its table's metadata lock"), failure.getMessage());
            List<Integer> statuses = reads.get(5, TimeUnit.SECONDS);
            assertTrue(statuses.size() >= SchemaMigration.ATTEMPTS, "only " + statuses.size() + " reads");
            assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
            assertEquals("0", columnsNamed(NextReleaseSchema.ADDED_COLUMN));
            holder.rollback();
        }

        NextReleaseSchema.applyTo(migrations.migrations());
        migrations.close().run();

        assertEquals("1", columnsNamed(NextReleaseSchema.ADDED_COLUMN));
        assertEquals(200, target("posts/1").request().get().getStatus());
    }

    /** The next release's migrations, given twice their bound before the test stops waiting for them. */
    private static Throwable migrationFailure(DatabaseConnections connections) throws Exception {
        CompletableFuture<Void> migration = CompletableFuture.runAsync(
                () -> NextReleaseSchema.applyTo(connections.migrations()), BACKGROUND);
        try {
            migration.get(2 * GIVE_UP_BOUND.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("The migration was applied behind an open transaction");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private List<Integer> readWhile(AtomicBoolean migrating) {
        List<Integer> statuses = new ArrayList<>();
        while (migrating.get()) {
            statuses.add(target("posts/1").request().get().getStatus());
        }
        return statuses;
    }

    private static String columnsNamed(String column) throws Exception {
        try (Connection connection = served.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.columns WHERE "
                     + "table_schema = DATABASE() AND table_name = 'post' AND column_name = '" + column + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
