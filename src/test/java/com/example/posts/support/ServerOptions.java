package com.example.posts.support;

import java.util.ArrayList;
import java.util.List;

/** The mariadbd options of the servers of a {@link ReplicatedMariaDb}. */
final class ServerOptions {
    private static final int PRIMARY_SERVER_ID = 1;

    private ServerOptions() {
    }

    static List<String> primary() {
        return replicating(PRIMARY_SERVER_ID);
    }

    /** Read-only: a write the application sends to a replica fails instead of forking the data. */
    static List<String> replica(int index) {
        List<String> options = new ArrayList<>(replicating(PRIMARY_SERVER_ID + 1 + index));
        options.add("--read-only=ON");
        return options;
    }

    private static List<String> replicating(int serverId) {
        return List.of(
                "--server-id=" + serverId,
                // File names of their own rather than ones made from the host's name.
                "--log-bin=mariadb-bin",
                "--relay-log=relay-bin",
                "--binlog-format=ROW",
                "--gtid-strict-mode=ON",
                // A replica logs what it applies too: once promoted, its binary log is the whole history.
                "--log-slave-updates=ON",
                // MariaDB 11.4 otherwise makes a new certificate at each start, seconds each; no test here needs TLS.
                "--skip-ssl");
    }
}
