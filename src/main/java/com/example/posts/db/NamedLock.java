package com.example.posts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HexFormat;

/**
 * A MySQL/MariaDB user-level lock ({@code GET_LOCK}), tried without waiting. It belongs to the connection
 * that took it, not to a transaction: it outlives a COMMIT, and the server drops it when that connection ends,
 * even when the process holding it was killed. So it marks work in flight across every server of a farm.
 * Lock names are the whole server's: the name hashes in the schema's, so that two databases on one server
 * (staging beside production, parallel test runs) never share a lock.
 */
public final class NamedLock {
    /** The server's limit on a lock name is 64 characters: a prefix, then the hash in hex, cut to fit. */
    private static final String NAME = "LEFT(CONCAT(?, SHA2(CONCAT(DATABASE(), ':', ?), 256)), 64)";

    private final String prefix;
    private final String digest;

    private NamedLock(String prefix, String digest) {
        this.prefix = prefix;
        this.digest = digest;
    }

    /** A lock named by a prefix and a digest of what it guards. */
    public static NamedLock of(String prefix, byte[] digest) {
        return new NamedLock(prefix, HexFormat.of().formatHex(digest));
    }

    /** True when this connection now holds the lock; false when another connection holds it. */
    public boolean tryAcquire(Connection connection) throws SQLException {
        return answer(connection, "SELECT GET_LOCK(" + NAME + ", 0)");
    }

    /** True when this connection held the lock and has now let it go. */
    public boolean release(Connection connection) throws SQLException {
        return answer(connection, "SELECT RELEASE_LOCK(" + NAME + ")");
    }

    /** True when no connection holds the lock. */
    public boolean isFree(Connection connection) throws SQLException {
        return answer(connection, "SELECT IS_FREE_LOCK(" + NAME + ")");
    }

    /** The function's 1 or 0; its NULL (an error on the server) is a transient failure: try again later. */
    private boolean answer(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, prefix);
            statement.setString(2, digest);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                int answer = result.getInt(1);
                if (result.wasNull()) {
                    throw new SQLTransientConnectionException("The database answered NULL to " + sql + " for lock "
                            + this);
                }
                return answer == 1;
            }
        }
    }

    @Override
    public String toString() {
        return prefix + digest;
    }
}
