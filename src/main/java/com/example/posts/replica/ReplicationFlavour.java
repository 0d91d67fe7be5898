package com.example.posts.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
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

    /** The primary's server says which it is: Connector/J calls every server MySQL. */
    static ReplicationFlavour of(DataSource primary) throws SQLException {
        try (Connection connection = primary.getConnection()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
        }
    }

    /** What holds, on the primary, the position of everything committed. */
    String primaryPosition() {
        return primaryPosition;
    }

    /** What holds, on a replica, the position of everything it has applied. */
    String replicaPosition() {
        return replicaPosition;
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
