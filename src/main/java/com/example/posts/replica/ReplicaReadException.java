package com.example.posts.replica;

import java.sql.SQLException;

/** A replica's JDBC failure, unchecked, its cause kept for UnavailableDatabase to judge. */
final class ReplicaReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplicaReadException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
