package com.example.posts.replica;

/**
 * Where a server is in the primary's history of transactions, as the server writes it: MariaDB's GTID
 * position ({@link GtidPosition}) or MySQL's GTID set ({@link GtidSet}).
 */
public interface ReplicationPosition {
    /** Whether a server at this position has applied everything up to {@code other}. */
    boolean covers(ReplicationPosition other);

    /** As the server wrote it, and as a consistency token carries it. */
    String text();
}
