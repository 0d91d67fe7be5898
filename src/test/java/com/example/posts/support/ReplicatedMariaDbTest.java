package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replication fixture does what the read-replica tests will rely on; one primary and one replica. */
@IndependentOfTestDatabase
class ReplicatedMariaDbTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** A replica that applies nothing does not catch up however long it is given; a second shows it. */
    private static final Duration NOT_APPLYING = Duration.ofSeconds(1);
    /** MariaDB's ER_OPTION_PREVENTS_STATEMENT: "running with the --read-only option". */
    private static final int READ_ONLY_ERROR = 1290;
    private static final int REPLICA = 0;

    private static ReplicatedMariaDb servers;

    @BeforeAll
    static void startPrimaryAndReplica() throws SQLException {
        servers = ReplicatedMariaDb.start(1);
        try (Connection primary = connectAsApp(servers.primary()); Statement statement = primary.createStatement()) {
            statement.execute("CREATE TABLE note (id BIGINT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(100) NOT NULL)");
        }
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aRowWrittenOnThePrimaryReachesTheReplica() throws SQLException {
        write(servers.primary(), "replicated");

        servers.awaitCaughtUp(REPLICA, CATCH_UP);

        assertTrue(holds(servers.replica(REPLICA), "replicated"));
    }

    @Test
    void aReplicaThatStopsApplyingGetsNewRowsOnlyOnceItResumes() throws SQLException {
        servers.stopApplying(REPLICA);
        try {
            write(servers.primary(), "held back");

            assertFalse(servers.caughtUpWithin(REPLICA, NOT_APPLYING));
            assertFalse(holds(servers.replica(REPLICA), "held back"));
        } finally {
            servers.resumeApplying(REPLICA);
        }
        servers.awaitCaughtUp(REPLICA, CATCH_UP);
        assertTrue(holds(servers.replica(REPLICA), "held back"));
    }

    @Test
    void aDelayedReplicaLagsUntilTheDelayEnds() throws SQLException {
        servers.delay(REPLICA, 60);
        try {
            write(servers.primary(), "delayed");

            assertFalse(servers.caughtUpWithin(REPLICA, NOT_APPLYING));
        } finally {
            servers.delay(REPLICA, 0);
        }
        servers.awaitCaughtUp(REPLICA, CATCH_UP);
        assertTrue(holds(servers.replica(REPLICA), "delayed"));
    }

    @Test
    void theAppUserCannotWriteOnAReplica() throws SQLException {
        try (Connection replica = connectAsApp(servers.replica(REPLICA))) {
            SQLException refused = assertThrows(SQLException.class, () -> insert(replica, "on the replica"));

            assertEquals(READ_ONLY_ERROR, refused.getErrorCode(), refused.getMessage());
        }
    }

    @Test
    void aReadCountsOnTheServerThatServedIt() throws SQLException {
        try (Connection replica = connectAsApp(servers.replica(REPLICA))) {
            long replicaBefore = servers.globalStatus(servers.replica(REPLICA), "Com_select");
            long primaryBefore = servers.globalStatus(servers.primary(), "Com_select");

            count(replica, "anything");

            assertEquals(replicaBefore + 1, servers.globalStatus(servers.replica(REPLICA), "Com_select"));
            assertEquals(primaryBefore, servers.globalStatus(servers.primary(), "Com_select"));
        }
    }

    @Test
    void aPrimaryStoppedAndRestartedKeepsItsDataAndIsFollowedAgain() throws SQLException {
        write(servers.primary(), "before the stop");
        servers.awaitCaughtUp(REPLICA, CATCH_UP);

        servers.stop(servers.primary());
        assertTrue(holds(servers.replica(REPLICA), "before the stop"), "the replica still serves reads");
        servers.restart(servers.primary());

        assertTrue(holds(servers.primary(), "before the stop"));
        write(servers.primary(), "after the restart");
        servers.awaitCaughtUp(REPLICA, CATCH_UP);
        assertTrue(holds(servers.replica(REPLICA), "after the restart"));
    }

    @Test
    void aKilledPrimaryComesBackWithItsCommittedRowsAndIsFollowedAgain() throws SQLException {
        write(servers.primary(), "before the kill");

        servers.kill(servers.primary());
        servers.restart(servers.primary());

        assertTrue(holds(servers.primary(), "before the kill"));
        write(servers.primary(), "after the kill");
        servers.awaitCaughtUp(REPLICA, CATCH_UP);
        assertTrue(holds(servers.replica(REPLICA), "before the kill"));
        assertTrue(holds(servers.replica(REPLICA), "after the kill"));
    }

    private static Connection connectAsApp(MariaDbNode node) throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(node), servers.appUser(), servers.appPassword());
    }

    private static void write(MariaDbNode node, String text) throws SQLException {
        try (Connection connection = connectAsApp(node)) {
            insert(connection, text);
        }
    }

    private static void insert(Connection connection, String text) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note (text) VALUES (?)")) {
            insert.setString(1, text);
            insert.executeUpdate();
        }
    }

    private static boolean holds(MariaDbNode node, String text) throws SQLException {
        try (Connection connection = connectAsApp(node)) {
            return count(connection, text) > 0;
        }
    }

    private static int count(Connection connection, String text) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM note WHERE text = ?")) {
            select.setString(1, text);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
