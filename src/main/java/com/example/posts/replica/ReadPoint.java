package com.example.posts.replica;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;

/**
 * What a read must see: anything (a replica as it is); everything up to a position the client's last write
 * left on the primary, carried back in its consistency token; or, for a token no server of ours signed (a key
 * changed since), the primary itself, which can never be stale.
 */
public record ReadPoint(Optional<ReplicationPosition> after, boolean primaryOnly) {
    public static final ReadPoint ANY = new ReadPoint(Optional.empty(), false);
    static final ReadPoint PRIMARY = new ReadPoint(Optional.empty(), true);
    /** Where {@link ConsistencyTokenFilter} leaves a request's point. */
    static final String PROPERTY = ReadPoint.class.getName();

    public static ReadPoint after(ReplicationPosition position) {
        return new ReadPoint(Optional.of(position), false);
    }

    /** Whether an answer older than the client's last write would be wrong: a 503 is better then. */
    boolean mustBeCurrent() {
        return after.isPresent() || primaryOnly;
    }

    /** The request's point; {@link #ANY} when it carries no token, or when no replicas are configured. */
    public static ReadPoint of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof ReadPoint point ? point : ANY;
    }
}
