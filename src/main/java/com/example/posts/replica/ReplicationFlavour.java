package com.example.posts.replica;

import com.example.posts.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * How a server family writes replication positions, and what the service can do with them. MariaDB: GTID
 * positions, and MASTER_GTID_WAIT, so a read with a token waits on a replica. MySQL: GTID sets; its wait
 * (WAIT_FOR_EXECUTED_GTID_SET) cannot be tested here, so a read with a token goes to the primary.
 */
enum ReplicationFlavour {
    MARIADB("@@global.gtid_binlog_pos", "@@global.gtid_slave_pos", true, GtidPosition::parse),
    MYSQL("@@global.gtid_executed", "@@global.gtid_executed", false, GtidSet::parse);

    private final String primaryPosition;
    private final String replicaPosition;
    private final boolean waitsOnReplicas;
    private final Function<String, ReplicationPosition> parser;

    ReplicationFlavour(String primaryPosition, String replicaPosition, boolean waitsOnReplicas,
                       Function<String, ReplicationPosition> parser) {
        this.primaryPosition = primaryPosition;
        this.replicaPosition = replicaPosition;
        this.waitsOnReplicas = waitsOnReplicas;
        this.parser = parser;
    }

    static ReplicationFlavour of(Database database) {
        return database.isMariaDb() ? MARIADB : MYSQL;
    }

    /** The position of everything the primary has committed. */
    ReplicationPosition primaryPosition(DataSource primary) throws SQLException {
        return position(primary, primaryPosition);
    }

    /** The position of everything a replica has applied. */
    ReplicationPosition replicaPosition(DataSource replica) throws SQLException {
        return position(replica, replicaPosition);
    }

    private ReplicationPosition position(DataSource dataSource, String variable) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + variable)) {
            row.next();
            return parse(row.getString(1));
        }
    }

    /** Whether a read with a token may wait on a replica; otherwise the primary answers it. */
    boolean waitsOnReplicas() {
        return waitsOnReplicas;
    }

    /** @throws IllegalArgumentException when the text is not this family's position */
    ReplicationPosition parse(String text) {
        return parser.apply(text);
    }
}
