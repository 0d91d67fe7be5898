package com.example.posts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A MySQL/MariaDB user-level lock ({@code GET_LOCK}), tried without waiting. It belongs to the connection
 * that took it, not to a transaction: it outlives a COMMIT, and the server drops it when that connection ends,
 * even when the process holding it was killed. So it marks work in flight across every server of a farm.
 */
public final class NamedLock {
    /** The server's limit on a lock name. */
    private static final int MAX_NAME_LENGTH = 64;

    private final String name;

    private NamedLock(String name) {
        this.name = name;
    }

    /** A lock named by a prefix and a digest (hex, cut to fit the server's limit). */
    public static NamedLock of(String prefix, byte[] digest) {
        String name = prefix + HexFormat.of().formatHex(digest);
        return new NamedLock(name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH)));
    }

    /** True when this connection now holds the lock; false when another connection holds it. */
    public boolean tryAcquire(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }

    public void release(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, name);
            statement.executeQuery().close();
        }
    }

    public String name() {
        return name;
    }
}
