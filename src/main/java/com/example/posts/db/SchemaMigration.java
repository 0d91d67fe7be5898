package com.example.posts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema migrations with Flyway, each DDL statement waiting at most {@link #LOCK_WAIT_SECONDS}
 * for its table's metadata lock. A DDL statement that waits also makes every later query on the table queue
 * behind it, so an unbounded wait (a year on MySQL, a day on MariaDB) behind one long transaction would stall
 * the service's reads; bounded, they wait about a second, under their own 2 s bound. A wait that runs out is
 * tried again a few times, then start-up fails saying so.
 */
public final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    /** The application's own migrations. */
    public static final String APPLICATION_MIGRATIONS = "classpath:db/migration";
    public static final int LOCK_WAIT_SECONDS = 1;
    public static final int ATTEMPTS = 4;
    private static final Duration PAUSE_BETWEEN_ATTEMPTS = Duration.ofMillis(500);
    /** ER_LOCK_WAIT_TIMEOUT, for metadata locks as for row locks, on MySQL and MariaDB alike. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private final List<String> locations;

    public SchemaMigration(String... locations) {
        this.locations = List.of(locations);
    }

    public static SchemaMigration ofApplication() {
        return new SchemaMigration(APPLICATION_MIGRATIONS);
    }

    /** Applies what is pending; throws {@link MigrationLockException} when the lock waits ran out. */
    public void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                // On the migration's own connections only, whether ours or the container's jdbc/posts-migrations.
                .initSql("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS)
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                if (!waitedForLock(e)) {
                    throw e;
                }
                String migration = forgetFailedAttempt(flyway, dataSource);
                if (attempt == ATTEMPTS) {
                    throw new MigrationLockException(migration, e);
                }
                LOG.warn("{} waited {} s for its table's metadata lock (attempt {} of {}); trying again",
                        migration, LOCK_WAIT_SECONDS, attempt, ATTEMPTS);
                pause();
            }
        }
    }

    private static boolean waitedForLock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                return true;
            }
        }
        return false;
    }

    /**
     * MySQL has no transactional DDL, so Flyway records the failed migration, and would refuse every later
     * start until someone repairs the history. A statement refused its lock changed nothing (hence the rule
     * of one DDL statement per migration, docs/migrations.md): the record goes, and the migration is pending again.
     */
    private static String forgetFailedAttempt(Flyway flyway, DataSource dataSource) {
        Optional<MigrationInfo> failed = Arrays.stream(flyway.info().all())
                .filter(info -> info.getState() == MigrationState.FAILED && info.getVersion() != null)
                .findFirst();
        if (failed.isEmpty()) {
            return "A migration";
        }
        String version = failed.get().getVersion().getVersion();
        String table = flyway.getConfiguration().getTable();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM `" + table + "` WHERE success = 0 AND version = ?")) {
            delete.setQueryTimeout(10);
            delete.setString(1, version);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Migration " + version + " waited too long for its table's lock, and its "
                    + "failed record in " + table + " could not be removed: " + e.getMessage(), e);
        }
        return "Migration " + version + " (" + failed.get().getDescription() + ")";
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_BETWEEN_ATTEMPTS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between migration attempts", e);
        }
    }

    /** Start-up fails with this when a migration could not get its table's lock in any attempt. */
    public static final class MigrationLockException extends IllegalStateException {
        MigrationLockException(String migration, Throwable cause) {
            super(migration + " could not get its table's metadata lock: " + ATTEMPTS + " attempts each waited "
                    + LOCK_WAIT_SECONDS + " s behind another session's open transaction or statement on that "
                    + "table (see information_schema.innodb_trx and SHOW PROCESSLIST). Nothing of it was applied; "
                    + "start again once that transaction has ended.", cause);
        }
    }
}
